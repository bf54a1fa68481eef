"""Typography checks on a written .docx: the clear and large print rules (UKAAF, RNIB).

Reusable by any format that writes Word files (large print, giant print, Easy Read): the caller
passes a `TypographyLimits` built from its own profile. The checks read the saved file back and
resolve every run's formatting the way Word does, because most text in a styled document has no
size or font of its own: run -> character style (and its basedOn chain) -> paragraph style chain
-> table style chain -> document defaults -> Word's built-in defaults.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, cast

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from ..ooxml_names import A16_DECORATIVE, WP, A, R, w
from . import CheckResult, CheckSet, Finding, Severity
from .contrast import contrast_ratio
from .limits import TypographyLimits

if TYPE_CHECKING:
    from collections.abc import Callable

    from docx.document import Document as DocxDocument
    from lxml.etree import _Element

# Word's own fallbacks when nothing in the file sets a value (ECMA-376 17.3.2).
WORD_DEFAULT_SIZE_PT = 10.0
WORD_DEFAULT_FONT = "Times New Roman"
TWIPS_PER_MM = 1440 / 25.4
EMU_PER_TWIP = 635
# Long lists of places make a report unreadable; the rest are counted.
MAX_LISTED = 8
HORIZONTAL = ("lrTb", "tb")  # w:textDirection values for ordinary horizontal text

JUSTIFIED = {"both", "distribute", "thaiDistribute", "highKashida", "lowKashida", "mediumKashida"}
OFF = {"0", "false", "off", "none"}


# ---------------------------------------------------------------- reading the file


# Tags looked up for every run and paragraph, spelled out once.
_P_PR = w("pPr")
_P_STYLE = f"{w('pPr')}/{w('pStyle')}"
_R_PR = w("rPr")
_R_STYLE = w("rStyle")
_VAL = w("val")


@dataclass
class Para:
    """One paragraph of the file with where it is, for messages."""

    el: _Element
    where: str
    part: str  # "body", "table", "header", "footer"
    table_style: str | None = None


@dataclass
class DocxTarget:
    path: Path
    document: DocxDocument
    limits: TypographyLimits
    resolver: Resolver
    # What the reader of this file calls it, for messages: "large print", "Easy Read".
    kind: str = "large print"
    paragraphs: list[Para] = field(default_factory=list)
    # Every run that shows text with its property chain, worked out once for all the checks.
    runs: list[tuple[Para, _Element, list[_Element]]] | None = None


def check_docx(path: Path, limits: TypographyLimits, kind: str = "large print") -> list[CheckResult]:
    """Run every typography check on the .docx at `path`; `kind` names the format in messages."""
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as err:
        return [
            CheckResult(
                "docx.open",
                "The file opens as a Word document",
                "error",
                f"The file could not be opened as a Word document ({err}).",
                str(path),
                "Convert the draft again with accessconv.",
            )
        ]
    target = DocxTarget(path, document, limits, Resolver(document), kind=kind)
    target.paragraphs = list(_all_paragraphs(document))
    return DOCX_TYPOGRAPHY.run(target)


def _snippet(p_el: _Element) -> str:
    text = " ".join(paragraph_text(p_el).split())
    return f' ("{text[:40]}{"..." if len(text) > 40 else ""}")' if text else ""


def paragraph_text(p_el: _Element) -> str:
    return "".join(t.text or "" for t in p_el.iter(w("t")))


def _own_runs(p_el: _Element) -> Iterator[_Element]:
    """Runs of this paragraph (inside links and fields too), not of text boxes nested in it."""
    for r in p_el.iter(w("r")):
        parent = r.getparent()
        while parent is not None and parent.tag != w("p"):
            parent = parent.getparent()
        if parent is p_el:
            yield r


def _all_paragraphs(document: DocxDocument) -> Iterator[Para]:
    body = document.element.body
    counter = {"p": 0, "tbl": 0}
    yield from _walk_container(body, counter, "body", None, "")
    seen = set()
    for rel in sorted(document.part.rels.values(), key=lambda r: r.rId):
        if rel.is_external:
            continue
        part = rel.target_part
        kind = (
            "footer"
            if rel.reltype.endswith("/footer")
            else "header"
            if rel.reltype.endswith("/header")
            else ""
        )
        if not kind or part.partname in seen:
            continue
        seen.add(part.partname)
        for i, p in enumerate(part.element.iter(w("p")), start=1):
            yield Para(p, f"{kind} ({part.partname.split('/')[-1]}), line {i}{_snippet(p)}", kind)


def _walk_container(
    container: _Element, counter: dict[str, int], part: str, tstyle: str | None, prefix: str
) -> Iterator[Para]:
    for child in container:
        if child.tag == w("p"):
            if part == "body":
                counter["p"] += 1
                where = f"paragraph {counter['p']}{_snippet(child)}"
            else:
                where = f"{prefix}{_snippet(child)}"
            yield Para(child, where, part, tstyle)
        elif child.tag == w("tbl"):
            counter["tbl"] += 1
            number = counter["tbl"]
            style_el = child.find(f"{w('tblPr')}/{w('tblStyle')}")
            style = style_el.get(w("val")) if style_el is not None else None
            for ri, tr in enumerate(child.findall(w("tr")), start=1):
                for ci, tc in enumerate(tr.findall(w("tc")), start=1):
                    label = f"table {number}, row {ri}, cell {ci}"
                    yield from _walk_container(tc, counter, "table", style, label)
        elif child.tag == w("sdt"):
            content = child.find(w("sdtContent"))
            if content is not None:
                yield from _walk_container(content, counter, part, tstyle, prefix)


class Resolver:
    """Word's inheritance of run and paragraph properties, read from styles.xml."""

    def __init__(self, document: DocxDocument) -> None:
        styles_el = document.styles.element
        self.styles = {s.get(w("styleId")): s for s in styles_el.findall(w("style"))}
        self.default_para = next(
            (
                s.get(w("styleId"))
                for s in styles_el.findall(w("style"))
                if s.get(w("type")) == "paragraph" and s.get(w("default")) in ("1", "true", "on")
            ),
            None,
        )
        self.doc_rpr = styles_el.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        self.doc_ppr = styles_el.find(f"{w('docDefaults')}/{w('pPrDefault')}/{w('pPr')}")
        self.theme_fonts = _theme_fonts(document)
        self._chains: dict[str | None, list[_Element]] = {}
        self._rpr_styles: dict[tuple[str | None, str | None, str | None], list[_Element]] = {}
        self._ppr_styles: dict[tuple[str | None, str | None], list[_Element]] = {}

    def chain(self, style_id: str | None) -> list[_Element]:
        """The style and its basedOn ancestors, nearest first (worked out once per style)."""
        cached = self._chains.get(style_id)
        if cached is None:
            cached = self._chains[style_id] = self._chain(style_id)
        return cached

    def _chain(self, style_id: str | None) -> list[_Element]:
        out: list[_Element] = []
        while style_id and style_id in self.styles and len(out) < 50:
            style = self.styles[style_id]
            if style in out:
                break
            out.append(style)
            based = style.find(w("basedOn"))
            style_id = based.get(w("val")) if based is not None else None
        return out

    def style_name(self, style_id: str | None) -> str:
        style = self.styles.get(style_id or "")
        name = style.find(w("name")) if style is not None else None
        return name.get(w("val")) if name is not None else (style_id or "")

    def para_style(self, p_el: _Element) -> str | None:
        ps = p_el.find(_P_STYLE)
        return ps.get(_VAL) if ps is not None else self.default_para

    def rpr_chain(self, r_el: _Element, para: Para) -> list[_Element]:
        """Run property sets that apply to run `r_el`, strongest first."""
        own = r_el.find(_R_PR)
        rs = own.find(_R_STYLE) if own is not None else None
        key = (rs.get(_VAL) if rs is not None else None, self.para_style(para.el), para.table_style)
        styles = self._rpr_styles.get(key)
        if styles is None:
            # What the styles give, worked out once for each run style, paragraph style and
            # table style met together (a long document has few such sets, and many runs).
            found: list[_Element | None] = []
            if rs is not None:
                found += [s.find(_R_PR) for s in self.chain(key[0])]
            found += [s.find(_R_PR) for s in self.chain(key[1])]
            if para.table_style:
                found += [s.find(_R_PR) for s in self.chain(para.table_style)]
            found.append(self.doc_rpr)
            styles = self._rpr_styles[key] = [c for c in found if c is not None]
        return [own, *styles] if own is not None else list(styles)

    def ppr_chain(self, para: Para) -> list[_Element]:
        own = para.el.find(_P_PR)
        key = (self.para_style(para.el), para.table_style)
        styles = self._ppr_styles.get(key)
        if styles is None:  # as for runs: once for each paragraph style and table style
            found = [s.find(_P_PR) for s in self.chain(key[0])]
            if para.table_style:
                found += [s.find(_P_PR) for s in self.chain(para.table_style)]
            found.append(self.doc_ppr)
            styles = self._ppr_styles[key] = [c for c in found if c is not None]
        return [own, *styles] if own is not None else list(styles)

    def is_heading(self, para: Para) -> bool:
        for el in self.ppr_chain(para):
            if el.find(w("outlineLvl")) is not None:
                return True
        for style in self.chain(self.para_style(para.el)):
            name = style.find(w("name"))
            if name is not None and re.match(r"(?i)(heading \d|title)$", name.get(w("val"), "")):
                return True
        return False


def _theme_fonts(document: DocxDocument) -> dict[str, str]:
    """minorHAnsi/majorHAnsi etc. -> typeface, from the theme part."""
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/theme") and not rel.is_external:
            root = etree.fromstring(rel.target_part.blob)
            out = {}
            for kind in ("major", "minor"):
                latin = root.find(f".//{{{A}}}{kind}Font/{{{A}}}latin")
                if latin is not None:
                    for suffix in ("HAnsi", "Ascii", "Bidi", "EastAsia"):
                        out[f"{kind}{suffix}"] = latin.get("typeface", "")
            return out
    return {}


def first(chain: list[_Element], tag: str) -> _Element | None:
    name = w(tag)
    for el in chain:
        found = el.find(name)
        if found is not None:
            return found
    return None


def toggle(chain: list[_Element], tag: str) -> bool:
    el = first(chain, tag)
    return el is not None and el.get(w("val"), "true").lower() not in OFF


def size_pt(chain: list[_Element]) -> float:
    el = first(chain, "sz")
    # A w:sz without w:val is broken; int(None) fails as it always has (the check reports it).
    return int(cast("str", el.get(w("val")))) / 2 if el is not None else WORD_DEFAULT_SIZE_PT


def font_name(chain: list[_Element], resolver: Resolver) -> str:
    for el in chain:
        fonts = el.find(w("rFonts"))
        if fonts is None:
            continue
        theme = fonts.get(w("asciiTheme"))
        if theme:
            return resolver.theme_fonts.get(theme, f"theme font ({theme})")
        if fonts.get(w("ascii")):
            return cast("str", fonts.get(w("ascii")))
    return WORD_DEFAULT_FONT


def run_text(r_el: _Element) -> str:
    return "".join(t.text or "" for t in r_el.iter(w("t")))


def _in_hyperlink(r_el: _Element) -> bool:
    parent = r_el.getparent()
    while parent is not None and parent.tag != w("p"):
        if parent.tag == w("hyperlink"):
            return True
        parent = parent.getparent()
    return False


def _text_runs(t: DocxTarget) -> list[tuple[Para, _Element, list[_Element]]]:
    """Every run that shows text, with its property chain. Runs that start or hold a field code
    count too: they set the look of what the field shows (a page number)."""
    if t.runs is None:
        t.runs = [
            (para, r, t.resolver.rpr_chain(r, para))
            for para in t.paragraphs
            for r in _own_runs(para.el)
            if run_text(r).strip() or r.find(w("instrText")) is not None
        ]
    return t.runs


def _listed(findings: list[Finding]) -> Iterator[Finding]:
    """At most MAX_LISTED findings per severity, then one that counts the rest."""
    for severity in ("error", "warning", "info"):
        group = [f for f in findings if f.severity == severity]
        yield from group[:MAX_LISTED]
        if len(group) > MAX_LISTED:
            rest = len(group) - MAX_LISTED
            yield Finding(severity, f"... and {rest} more places like these.", "", group[0].fix)


def _pt(value: float) -> str:
    return f"{value:g} pt"


# ---------------------------------------------------------------- the checks

DOCX_TYPOGRAPHY: CheckSet[DocxTarget] = CheckSet("docx-typography")


@DOCX_TYPOGRAPHY.register("docx.text-size", "All text is large enough")
def _text_size(t: DocxTarget) -> Iterator[Finding]:
    lim = t.limits
    worst: dict[int, tuple[float, Para]] = {}
    raised: list[Finding] = []
    for para, r, chain in _text_runs(t):
        size = size_pt(chain)
        key = id(para.el)
        if key not in worst or size < worst[key][0]:
            worst[key] = (size, para)
        va = first(chain, "vertAlign")
        if va is not None and va.get(w("val")) in ("superscript", "subscript"):
            raised.append(
                Finding(
                    "warning",
                    f"Raised or lowered text ('{run_text(r).strip()[:20]}') prints smaller than the rest.",
                    para.where,
                    "Write it on the line at full size, for example 'note 1' or 'm2'.",
                )
            )
    findings: list[Finding] = []
    for size, para in worst.values():
        severity: Severity
        if size < lim.min_size_error_pt:
            severity = "error"
        elif size < lim.min_size_warning_pt:
            severity = "warning"
        else:
            continue
        place = "page number or footer" if para.part in ("header", "footer") else "text"
        findings.append(
            Finding(
                severity,
                f"Some {place} is {_pt(size)}, smaller than the {_pt(lim.min_size_warning_pt)} "
                f"this print size needs (never under {_pt(lim.min_size_error_pt)}).",
                para.where,
                f"Set it to at least {_pt(lim.min_size_warning_pt)}, through the paragraph's style.",
            )
        )
    yield from _listed(findings + raised)


@DOCX_TYPOGRAPHY.register("docx.font", "Text uses a clear sans serif font")
def _font(t: DocxTarget) -> Iterator[Finding]:
    allowed = {f.lower() for f in t.limits.allowed_fonts}
    findings: dict[str, Finding] = {}
    for para, _r, chain in _text_runs(t):
        name = font_name(chain, t.resolver)
        if name.lower() not in allowed and name not in findings:
            findings[name] = Finding(
                "error",
                f"Text is in the font '{name}', which is not one of the clear fonts for this print "
                f"({', '.join(t.limits.allowed_fonts)}).",
                para.where,
                f"Change the style's font to {t.limits.allowed_fonts[0]}.",
            )
    yield from findings.values()


def _style_findings(
    t: DocxTarget, test: Callable[[_Element, list[_Element]], bool], message: str, fix: str
) -> Iterator[Finding]:
    found = []
    seen: set[int] = set()
    for para, r, chain in _text_runs(t):
        if test(r, chain) and id(para.el) not in seen:
            seen.add(id(para.el))
            text = run_text(r).strip()[:30]
            found.append(Finding("error", message.format(text=text, kind=t.kind), para.where, fix))
    yield from _listed(found)


@DOCX_TYPOGRAPHY.register("docx.italic", "No italic text")
def _italic(t: DocxTarget) -> Iterator[Finding]:
    yield from _style_findings(
        t,
        lambda r, chain: toggle(chain, "i"),
        "'{text}' is in italics, which is hard to read in {kind}.",
        "Use bold for emphasis instead of italics.",
    )


@DOCX_TYPOGRAPHY.register("docx.underline", "No underlining except links")
def _underline(t: DocxTarget) -> Iterator[Finding]:
    def underlined(r: _Element, chain: list[_Element]) -> bool:
        el = first(chain, "u")
        return el is not None and el.get(w("val"), "single") not in OFF and not _in_hyperlink(r)

    yield from _style_findings(
        t,
        underlined,
        "'{text}' is underlined; underlining runs into the letters and looks like a link.",
        "Use bold for emphasis instead of underlining.",
    )


@DOCX_TYPOGRAPHY.register("docx.capitals", "No capitals or small capitals for emphasis")
def _capitals(t: DocxTarget) -> Iterator[Finding]:
    yield from _style_findings(
        t,
        lambda r, chain: toggle(chain, "caps") or toggle(chain, "smallCaps"),
        "'{text}' is set in capitals or small capitals, which are harder to read.",
        "Turn off 'All caps' / 'Small caps' and use bold for emphasis.",
    )
    limit = t.limits.max_capital_words
    pattern = re.compile(r"\b(?:[A-Z][A-Z'’-]+\b[\s,;:.!?]*){" + str(limit + 1) + ",}")
    found = []
    for para in t.paragraphs:
        match = pattern.search(paragraph_text(para.el))
        if match:
            found.append(
                Finding(
                    "warning",
                    f"'{match.group(0).strip()[:40]}' is typed in capitals, which is harder to read.",
                    para.where,
                    "Type it in ordinary upper and lower case; use bold for emphasis.",
                )
            )
    yield from _listed(found)


@DOCX_TYPOGRAPHY.register("docx.alignment", "Text is left aligned, never justified")
def _alignment(t: DocxTarget) -> Iterator[Finding]:
    found = []
    for para in t.paragraphs:
        if not paragraph_text(para.el).strip():
            continue
        jc = first(t.resolver.ppr_chain(para), "jc")
        value = jc.get(w("val")) if jc is not None else "left"
        if value in JUSTIFIED:
            found.append(
                Finding(
                    "error",
                    "A paragraph is justified; the uneven gaps between words make it hard to read.",
                    para.where,
                    "Align the text left (ragged right).",
                )
            )
        elif value in ("center", "right", "end") and para.part in ("body", "table"):
            if not t.resolver.is_heading(para):
                found.append(
                    Finding(
                        "warning",
                        f"A paragraph is aligned {'centre' if value == 'center' else 'right'}; "
                        "only headings may be centred.",
                        para.where,
                        "Align the text left.",
                    )
                )
    yield from _listed(found)


@DOCX_TYPOGRAPHY.register("docx.line-spacing", "Lines are spaced at least the minimum")
def _line_spacing(t: DocxTarget) -> Iterator[Finding]:
    found = []
    minimum = t.limits.min_line_spacing
    for para in t.paragraphs:
        # A one-line header or footer has no line spacing to speak of.
        if para.part not in ("body", "table") or not paragraph_text(para.el).strip():
            continue
        spacing = next(
            (
                s
                for s in (el.find(w("spacing")) for el in t.resolver.ppr_chain(para))
                if s is not None and s.get(w("line"))
            ),
            None,
        )
        if spacing is None:
            ratio = 1.0
        elif spacing.get(w("lineRule"), "auto") == "auto":
            ratio = int(cast("str", spacing.get(w("line")))) / 240  # set: chosen for w:line above
        else:
            # Exact or at-least spacing in twips: compare with the smallest allowed text.
            ratio = int(cast("str", spacing.get(w("line")))) / 20 / t.limits.min_size_warning_pt
        if ratio + 1e-6 < minimum:
            found.append(
                Finding(
                    "warning",
                    f"Lines are spaced {ratio:.2f}; {t.kind} needs at least {minimum:g}.",
                    para.where,
                    f"Set line spacing to {minimum:g} or more in the paragraph's style.",
                )
            )
    yield from _listed(found)


@DOCX_TYPOGRAPHY.register("docx.headings", "Headings are bigger than the text and bold")
def _headings(t: DocxTarget) -> Iterator[Finding]:
    normal = t.resolver.default_para
    body_chain = [s.find(w("rPr")) for s in t.resolver.chain(normal)] + [t.resolver.doc_rpr]
    body_size = size_pt([c for c in body_chain if c is not None])
    found = []
    for para in t.paragraphs:
        if para.part == "body" and t.resolver.is_heading(para):
            for _r in _own_runs(para.el):
                if not run_text(_r).strip():
                    continue
                chain = t.resolver.rpr_chain(_r, para)
                if size_pt(chain) <= body_size or not toggle(chain, "b"):
                    found.append(
                        Finding(
                            "warning",
                            f"A heading is not both bold and bigger than the {_pt(body_size)} body text, "
                            "so it does not stand out.",
                            para.where,
                            "Make the heading style bold and larger than Normal.",
                        )
                    )
                    break
    yield from _listed(found)


def _sections(t: DocxTarget) -> list[_Element]:
    return list(t.document.element.body.iter(w("sectPr")))


@DOCX_TYPOGRAPHY.register("docx.page", "Pages are the right paper size, one column, with wide margins")
def _page(t: DocxTarget) -> Iterator[Finding]:
    lim = t.limits
    for n, sect in enumerate(_sections(t), start=1):
        where = f"section {n}"
        size = sect.find(w("pgSz"))
        if size is None:
            yield Finding("error", "The page size is not set.", where, "Set the paper size in Layout.")
        else:
            dims = sorted(int(size.get(w(k), "0")) / TWIPS_PER_MM for k in ("w", "h"))
            want = sorted((lim.paper_width_mm, lim.paper_height_mm))
            if any(abs(a - b) > lim.paper_tolerance_mm for a, b in zip(dims, want, strict=True)):
                yield Finding(
                    "error",
                    f"The page is {dims[0]:.0f} x {dims[1]:.0f} mm, not {want[0]:g} x {want[1]:g} mm.",
                    where,
                    "Set the paper size (Layout > Size) to A4.",
                )
        margins = sect.find(w("pgMar"))
        for side in ("top", "bottom", "left", "right"):
            value = int(margins.get(w(side), "0")) if margins is not None else 0
            cm = abs(value) / TWIPS_PER_MM / 10
            if cm + 0.005 < lim.min_margin_cm:
                yield Finding(
                    "error",
                    f"The {side} margin is {cm:.1f} cm; it should be at least {lim.min_margin_cm:g} cm.",
                    where,
                    "Widen the margins (Layout > Margins).",
                )
        cols = sect.find(w("cols"))
        if cols is not None and int(cols.get(w("num"), "1")) > 1:
            yield Finding(
                "error",
                f"The text is set in columns; {t.kind} is easier to follow in one column.",
                where,
                "Set Layout > Columns to One.",
            )
    # Horizontal text only: "lrTb" (or strict OOXML's "tb") is ordinary left-to-right lines.
    turned = [
        el.get(w("val"), "")
        for part in (t.document.element.body, t.document.styles.element)
        for el in part.iter(w("textDirection"))
        if el.get(w("val"), "lrTb") not in HORIZONTAL
    ]
    if turned:
        yield Finding(
            "error",
            f"Text is turned on its side in {len(turned)} place(s) (a page, table cell or style set to "
            f"'{turned[0]}'), which is very hard to read in {t.kind}.",
            "text direction",
            "Set Text Direction to horizontal (Layout > Text Direction, or Table Layout > Text Direction).",
        )
    settings = t.document.settings.element
    hyph = settings.find(w("autoHyphenation"))
    if hyph is not None and hyph.get(w("val"), "true").lower() not in OFF:
        yield Finding(
            "error",
            "Automatic hyphenation is on, so words are split across lines.",
            "document settings",
            "Turn hyphenation off (Layout > Hyphenation > None).",
        )


def _has_page_field(part_el: _Element) -> bool:
    for simple in part_el.iter(w("fldSimple")):
        if re.search(r"\bPAGE\b", simple.get(w("instr"), "")):
            return True
    return any(re.search(r"\bPAGE\b", el.text or "") for el in part_el.iter(w("instrText")))


@DOCX_TYPOGRAPHY.register("docx.page-numbers", "Every page has a page number")
def _page_numbers(t: DocxTarget) -> Iterator[Finding]:
    if not t.limits.require_page_numbers:
        return
    related = t.document.part.related_parts
    inherited = {"header": None, "footer": None}
    for n, sect in enumerate(_sections(t), start=1):
        for kind in ("header", "footer"):
            ref = next(
                (e for e in sect.findall(w(f"{kind}Reference")) if e.get(w("type")) == "default"), None
            )
            if ref is not None:
                inherited[kind] = related[ref.get(f"{{{R}}}id")].element
        if not any(el is not None and _has_page_field(el) for el in inherited.values()):
            yield Finding(
                "error",
                "Pages have no page numbers, so a reader cannot find their place or follow a contents list.",
                f"section {n}",
                "Insert a page number in the footer (Insert > Page Number), at body text size.",
            )


@DOCX_TYPOGRAPHY.register("docx.table-headers", "Tables have a marked header row")
def _table_headers(t: DocxTarget) -> Iterator[Finding]:
    for n, tbl in enumerate(t.document.element.body.iter(w("tbl")), start=1):
        first_row = tbl.find(w("tr"))
        if first_row is None:
            continue
        mark = first_row.find(f"{w('trPr')}/{w('tblHeader')}")
        if mark is None or mark.get(w("val"), "true").lower() in OFF:
            text = " ".join(paragraph_text(p) for p in first_row.iter(w("p")))[:40]
            yield Finding(
                "error",
                "A table's header row is not marked, so it does not repeat on each page and screen "
                "readers cannot announce the headings.",
                f"table {n} ('{text}')",
                "Select the first row, then Table Layout > Repeat Header Rows.",
            )


def _text_width_emu(t: DocxTarget) -> int:
    widths = []
    for sect in _sections(t):
        size, margins = sect.find(w("pgSz")), sect.find(w("pgMar"))
        if size is None or margins is None:
            continue
        twips = (
            int(size.get(w("w"), "0")) - int(margins.get(w("left"), "0")) - int(margins.get(w("right"), "0"))
        )
        widths.append(twips * EMU_PER_TWIP)
    return min(widths) if widths else 0


@DOCX_TYPOGRAPHY.register("docx.images", "Pictures are in line with the text, described, and fit the page")
def _images(t: DocxTarget) -> Iterator[Finding]:
    width = _text_width_emu(t)
    for n, drawing in enumerate(t.document.element.body.iter(w("drawing")), start=1):
        holder = drawing[0] if len(drawing) else None
        if holder is None:
            continue
        doc_pr = holder.find(f"{{{WP}}}docPr")
        name = doc_pr.get("name", "") if doc_pr is not None else ""
        where = f"picture {n} ({name})" if name else f"picture {n}"
        if holder.tag == f"{{{WP}}}anchor":
            yield Finding(
                "error",
                f"A picture floats over or beside the text; in {t.kind} it can cover words or "
                "land far from the text it goes with.",
                where,
                "Set the picture's Wrap Text to 'In Line with Text'.",
            )
        decorative = doc_pr is not None and any(
            el.get("val") in ("1", "true") for el in doc_pr.iter(f"{{{A16_DECORATIVE}}}decorative")
        )
        if doc_pr is None or not (doc_pr.get("descr") or "").strip() and not decorative:
            yield Finding(
                "error",
                "A picture has no alt text, so a reader using a screen reader misses it.",
                where,
                "Right-click the picture, choose 'View Alt Text' and describe it.",
            )
        extent = holder.find(f"{{{WP}}}extent")
        if extent is not None and width and int(extent.get("cx", "0")) > width * 1.01:
            yield Finding(
                "error",
                "A picture is wider than the text on the page, so part of it is cut off.",
                where,
                "Make the picture no wider than the margins.",
            )
    for n, _pict in enumerate(t.document.element.body.iter(w("pict")), start=1):
        yield Finding(
            "warning",
            "An old-style (VML) picture or shape was found; its alt text and position cannot be checked.",
            f"old-style picture {n}",
            "Insert the picture again with Insert > Pictures.",
        )


@DOCX_TYPOGRAPHY.register("docx.properties", "The document has a title and a language")
def _properties(t: DocxTarget) -> Iterator[Finding]:
    props = t.document.core_properties
    if not (props.title or "").strip():
        yield Finding(
            "error",
            "The document has no title, so screen readers and file lists show the file name instead.",
            "document properties",
            "Set a title in File > Info > Properties.",
        )
    lang_el = first([e for e in (t.resolver.doc_rpr,) if e is not None], "lang")
    if not (props.language or "").strip() and (lang_el is None or not lang_el.get(w("val"))):
        yield Finding(
            "error",
            "The document does not say its language, so screen readers may use the wrong voice.",
            "document properties",
            "Set the language (Review > Language) to English (United Kingdom).",
        )


def _is_spacer(p_el: _Element) -> bool:
    if paragraph_text(p_el).strip():
        return False
    for tag in ("drawing", "pict", "fldSimple", "instrText", "sectPr", "br", "object"):
        for el in p_el.iter(w(tag)):
            if tag != "br" or el.get(w("type")) == "page":
                return False
    return True


@DOCX_TYPOGRAPHY.register("docx.empty-paragraphs", "No empty paragraphs used for spacing")
def _empty_paragraphs(t: DocxTarget) -> Iterator[Finding]:
    found = []
    for para in t.paragraphs:
        if para.part != "body" or not _is_spacer(para.el):
            continue
        # Word needs a paragraph after a table that ends the document or sits between two tables.
        before, after = para.el.getprevious(), para.el.getnext()
        if (
            before is not None
            and before.tag == w("tbl")
            and (after is None or after.tag in (w("tbl"), w("sectPr")))
        ):
            continue
        found.append(
            Finding(
                "warning",
                "An empty paragraph is used as spacing; screen readers announce it as 'blank'.",
                para.where,
                "Delete it and set 'Spacing After' in the paragraph style instead.",
            )
        )
    yield from _listed(found)


@DOCX_TYPOGRAPHY.register("docx.contrast", "Text colour contrasts strongly with the page")
def _contrast(t: DocxTarget) -> Iterator[Finding]:
    bg_el = t.document.element.find(w("background"))
    background = "FFFFFF"
    if bg_el is not None and re.fullmatch(r"[0-9A-Fa-f]{6}", bg_el.get(w("color"), "")):
        background = bg_el.get(w("color"))
    seen: set[str] = set()
    for para, _r, chain in _text_runs(t):
        colour_el = first(chain, "color")
        colour = colour_el.get(w("val"), "auto") if colour_el is not None else "auto"
        if not re.fullmatch(r"[0-9A-Fa-f]{6}", colour) or colour in seen:
            continue  # "auto" is black on a light page
        seen.add(colour)
        ratio = contrast_ratio(f"#{colour}", f"#{background}")
        if ratio < t.limits.min_contrast:
            yield Finding(
                "error",
                f"Text coloured #{colour} on #{background} has a contrast of {ratio:.1f}:1; "
                f"it needs at least {t.limits.min_contrast:g}:1.",
                para.where,
                "Use black or a very dark colour for text.",
            )
