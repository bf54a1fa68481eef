"""Checks on a written PDF: print size, fonts, tagging, language and title, paper size.

They read the file back with one pypdf PdfReader: every character's size as printed on the page
(after any scaling) comes from the pages' text-showing operators (`pdf_text.py`), and fonts, the
structure tree and the page boxes from the PDF's objects.
Any PDF can be checked, not only ours, so a large print PDF made by hand is judged the same way.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from .. import background
from . import CheckResult, CheckSet, Finding, Severity
from .pdf_objects import Objects
from .pdf_text import TextRun, text_runs

if TYPE_CHECKING:
    from pypdf.generic import DictionaryObject

# PDF objects (fonts, resources, structure elements) are pypdf's DictionaryObject and
# ArrayObject, whose items pypdf leaves untyped (dict[Any, Any], list[Any]): hence the Anys below.

MM_PER_PT = 25.4 / 72
MAX_LISTED = 8
# From this many pages, a PDF's text is read on two cores when one is free (a child costs a few
# hundredths of a second to start and to send its runs back).
PARALLEL_PAGES = 24
# PDF font descriptor flags (PDF 32000-1, 9.8.2).
FLAG_SERIF = 2
FLAG_ITALIC = 64


class PdfLimits(Protocol):
    """The profile fields the PDF checks use (large print's Checks has them all). Read-only, so
    a frozen dataclass fits."""

    @property
    def min_size_error_pt(self) -> float: ...
    @property
    def min_size_warning_pt(self) -> float: ...
    @property
    def allowed_fonts(self) -> list[str]: ...
    @property
    def paper_width_mm(self) -> float: ...
    @property
    def paper_height_mm(self) -> float: ...
    @property
    def paper_tolerance_mm(self) -> float: ...
    @property
    def min_margin_cm(self) -> float: ...
    @property
    def require_page_numbers(self) -> bool: ...
    @property
    def pdf_size_tolerance_pt(self) -> float: ...


@dataclass
class PdfTarget:
    """One written PDF, read once: every check (and a format's own checks, such as Easy Read's)
    shares its reader, its text runs and its structure tree."""

    path: Path
    reader: PdfReader
    limits: PdfLimits
    # The structure tree read while a child read the pages' text (see `runs`), until `tree`.
    _skeleton: _Skeleton | None = field(default=None, init=False, repr=False, compare=False)

    @cached_property
    def runs(self) -> list[TextRun]:
        """Every text run of every page, read once for all the checks. Reading them is most of a
        long PDF's checking time: with a core free (background.py), a forked child (which has the
        file read already) reads the first two thirds of the pages while this process reads the
        structure tree's elements (`_skeleton`, their text filled in from the runs later) and the
        last third."""
        pages = len(self.reader.pages)
        if pages >= PARALLEL_PAGES:
            with background.pool() as jobs:
                if jobs.children:
                    split = pages * 2 // 3
                    theirs = jobs.submit(functools.partial(_runs, self.reader, 0, split), start=True)
                    self._skeleton = _skeleton(self.reader)
                    try:
                        ours = _runs(self.reader, split, pages)
                    except Exception:
                        jobs.result(theirs)  # an earlier page's error first, as when read in order
                        raise
                    return jobs.result(theirs) + ours
        return list(text_runs(self.reader))

    @cached_property
    def tree(self) -> StructNode | None:
        """The structure tree with each element's text; None if the PDF has none. Text that cannot
        be read leaves the elements without it (pdf.text-size reports why)."""
        try:
            runs = self.runs
        except Exception:
            runs = []
        skeleton, self._skeleton = self._skeleton, None
        if skeleton is not None:
            return skeleton.with_text(runs)
        return structure(self.reader, runs)


PDF: CheckSet[PdfTarget] = CheckSet("pdf")


def _runs(reader: PdfReader, first: int, end: int) -> list[TextRun]:
    return list(text_runs(reader, first, end))


def open_pdf(path: Path, limits: PdfLimits) -> PdfTarget | CheckResult:
    """The PDF opened for checking, or the error result saying it cannot be read as one."""
    try:
        reader = PdfReader(str(path))
        len(reader.pages)
    except (PdfReadError, OSError, ValueError) as err:
        return CheckResult(
            "pdf.open",
            "The file opens as a PDF",
            "error",
            f"The file could not be read as a PDF ({err}).",
            str(path),
            "Convert the draft again with accessconv.",
        )
    return PdfTarget(path, reader, limits)


def check_pdf(path: Path | PdfTarget, limits: PdfLimits) -> list[CheckResult]:
    target = open_pdf(path, limits) if isinstance(path, Path) else path
    if isinstance(target, CheckResult):
        return [target]
    return PDF.run(target)


@PDF.register("pdf.text-size", "All text is printed large enough")
def _text_size(t: PdfTarget) -> Iterator[Finding]:
    lim = t.limits
    # The smallest size on each page, with a little of the text at that size.
    smallest: dict[int, tuple[float, str]] = {}
    for run in t.runs:
        size = round(run.size, 2)
        page = run.page
        for char in run.text:
            if not char.strip():
                continue
            known = smallest.get(page)
            if known is None or size < known[0] - 0.01:
                smallest[page] = (size, char)
            elif abs(size - known[0]) <= 0.01:
                if len(known[1]) >= 30:
                    break  # nothing more to learn from this run
                smallest[page] = (known[0], known[1] + char)
    findings: list[Finding] = []
    severity: Severity
    for page, (size, sample) in sorted(smallest.items()):
        if size + lim.pdf_size_tolerance_pt < lim.min_size_error_pt:
            severity = "error"
        elif size + lim.pdf_size_tolerance_pt < lim.min_size_warning_pt:
            severity = "warning"
        else:
            continue
        findings.append(
            Finding(
                severity,
                f"Some text is printed at {size:g} pt, smaller than the {lim.min_size_warning_pt:g} pt "
                f"this print size needs (never under {lim.min_size_error_pt:g} pt).",
                f"page {page} ('{sample.strip()[:30]}')",
                "Make the PDF again from a document whose text is all at least "
                f"{lim.min_size_warning_pt:g} pt (accessconv's large print profiles do this).",
            )
        )
    yield from findings[:MAX_LISTED]
    if len(findings) > MAX_LISTED:
        yield Finding(findings[0].severity, f"... and {len(findings) - MAX_LISTED} more pages like these.")


def _fonts(reader: PdfReader) -> dict[str, Any]:
    """Every font used on any page (including inside form XObjects), by its PostScript name."""
    found: dict[str, Any] = {}

    def visit(resources: Any, depth: int) -> None:
        if resources is None or depth > 8:
            return
        resources = resources.get_object()
        fonts = resources.get("/Font")
        if fonts is not None:
            for ref in fonts.get_object().values():
                font = ref.get_object()
                found.setdefault(str(font.get("/BaseFont", "unnamed")), font)
        xobjects = resources.get("/XObject")
        if xobjects is not None:
            for ref in xobjects.get_object().values():
                xobj = ref.get_object()
                if xobj.get("/Subtype") == "/Form":
                    visit(xobj.get("/Resources"), depth + 1)

    for page in reader.pages:
        visit(page.get("/Resources"), 0)
    return found


def _descriptor(font: Any) -> Any:
    if font.get("/Subtype") == "/Type0":
        descendants = font.get("/DescendantFonts")
        if descendants:
            font = descendants.get_object()[0].get_object()
    descriptor = font.get("/FontDescriptor")
    return descriptor.get_object() if descriptor is not None else None


def _normal(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


@PDF.register("pdf.fonts", "Fonts are embedded, clear sans serif and upright")
def _font_check(t: PdfTarget) -> Iterator[Finding]:
    allowed = [_normal(f) for f in t.limits.allowed_fonts]
    for base, font in sorted(_fonts(t.reader).items()):
        name = re.sub(r"^/?([A-Z]{6}\+)?", "", base)
        descriptor = _descriptor(font)
        subtype = font.get("/Subtype")
        embedded = descriptor is not None and any(
            k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
        )
        if not embedded and subtype != "/Type3":
            yield Finding(
                "error",
                f"The font '{name}' is not embedded, so the PDF may print in a different, smaller font.",
                "fonts",
                "Make the PDF again with fonts embedded (accessconv always embeds them).",
            )
        if not any(_normal(name).startswith(a) for a in allowed):
            yield Finding(
                "error",
                f"The font '{name}' is not one of the clear fonts for this print "
                f"({', '.join(t.limits.allowed_fonts)}).",
                "fonts",
                f"Use {t.limits.allowed_fonts[0]} for all text.",
            )
        flags = int(descriptor.get("/Flags", 0)) if descriptor is not None else 0
        if flags & FLAG_SERIF:
            yield Finding("error", f"The font '{name}' is a serif font.", "fonts", "Use a sans serif font.")
        if flags & FLAG_ITALIC or re.search(r"(?i)italic|oblique", name):
            yield Finding(
                "error",
                f"Some text is in italics ('{name}'), which is hard to read in large print.",
                "fonts",
                "Use bold for emphasis instead of italics.",
            )


@PDF.register("pdf.tagged", "The PDF is tagged, so screen readers can follow its structure")
def _tagged(t: PdfTarget) -> Iterator[Finding]:
    root = cast("DictionaryObject", t.reader.trailer["/Root"].get_object())  # the catalog
    mark_info = root.get("/MarkInfo")
    marked = mark_info is not None and bool(mark_info.get_object().get("/Marked"))
    tree = t.tree
    if tree is None or not marked:
        yield Finding(
            "error",
            "The PDF is not tagged: screen readers cannot tell its headings, lists and tables apart.",
            "document structure",
            "Make the PDF again as a tagged PDF (accessconv's large print profiles do this).",
        )
        return
    elements = list(tree.walk())[1:]  # the tree's root is not an element
    kinds = {e.kind for e in elements}
    if not kinds & {"H1", "H2", "H3", "H"}:
        yield Finding(
            "warning",
            "The PDF's tags have no headings, so readers cannot jump between sections.",
            "document structure",
            "Use real heading styles in the document the PDF is made from.",
        )
    for n, elem in enumerate((e for e in elements if e.kind == "Figure"), start=1):
        if not elem.alt.strip() and not elem.actual_text.strip():
            yield Finding(
                "error",
                "A picture has no alt text in the PDF, so a screen reader user misses it.",
                f"picture {n}",
                "Give the picture alt text in the draft and convert again.",
            )
    for n, elem in enumerate((e for e in elements if e.kind == "Table"), start=1):
        kinds = {k.kind for k in elem.walk()}
        # A table split over pages can leave a part holding only its caption: nothing to head.
        if "TD" in kinds and "TH" not in kinds:
            yield Finding(
                "error",
                "A table in the PDF has no header cells, so readers cannot tell what each column means.",
                f"table {n}",
                "Mark the table's header row in the draft and convert again.",
            )


@PDF.register("pdf.properties", "The PDF has a title and a language")
def _properties(t: PdfTarget) -> Iterator[Finding]:
    root = cast("DictionaryObject", t.reader.trailer["/Root"].get_object())  # the catalog
    lang = str(root.get("/Lang", "")).strip()
    if not lang:
        yield Finding(
            "error",
            "The PDF does not say its language, so screen readers may use the wrong voice.",
            "document properties",
            "Set the document language (en-GB) and make the PDF again.",
        )
    meta = t.reader.metadata
    title = (meta.title if meta is not None else "") or ""
    if not title.strip():
        yield Finding(
            "error",
            "The PDF has no title, so readers and file lists show the file name instead.",
            "document properties",
            "Set the document title and make the PDF again.",
        )
    prefs = root.get("/ViewerPreferences")
    if title.strip() and (prefs is None or not prefs.get_object().get("/DisplayDocTitle")):
        yield Finding(
            "warning",
            "PDF readers will show the file name, not the title, in the window bar.",
            "document properties",
            "Set 'display document title' when making the PDF.",
        )


@PDF.register("pdf.page-numbers", "Every page shows its page number, in the same place")
def _page_numbers(t: PdfTarget) -> Iterator[Finding]:
    lim = t.limits
    if not lim.require_page_numbers:
        return
    # A page number sits in the top or bottom margin: text there is not body text, which the
    # margins keep at least min_margin_cm from the paper's edge.
    band = lim.min_margin_cm * 10 / MM_PER_PT
    boxes = [page.mediabox for page in t.reader.pages]
    places: dict[int, float] = {}  # page -> the number's height on the paper, in mm
    for run in t.runs:
        if run.page in places or not re.search(rf"(?<!\d){run.page}(?!\d)", run.text):
            continue
        box = boxes[run.page - 1]
        if run.y < float(box.bottom) + band or run.y > float(box.top) - band:
            places[run.page] = (run.y - float(box.bottom)) * MM_PER_PT
    missing = [n for n in range(1, len(boxes) + 1) if n not in places]
    if missing:
        shown = ", ".join(map(str, missing[:MAX_LISTED])) + (" ..." if len(missing) > MAX_LISTED else "")
        yield Finding(
            "error",
            f"{len(missing)} of {len(boxes)} pages show no page number at the top or foot of the page "
            f"(pages {shown}).",
            f"page {missing[0]}",
            "Make the PDF again with a page number on every page "
            "(accessconv's large print profiles do this).",
        )
    if places:
        first = places[min(places)]
        moved = [n for n, y in sorted(places.items()) if abs(y - first) > lim.paper_tolerance_mm]
        if moved:
            listed = ", ".join(map(str, moved[:MAX_LISTED]))
            yield Finding(
                "warning",
                f"The page number is not in the same place on every page (pages {listed} "
                f"differ from page {min(places)}).",
                f"page {moved[0]}",
                "Put the page number in the same place on every page, so readers know where to look.",
            )


@PDF.register("pdf.margins", "Text keeps clear of the paper's left edge")
def _margins(t: PdfTarget) -> Iterator[Finding]:
    # Only the left edge: a run's position is where it starts, and its width is not worked out.
    lim = t.limits
    band = lim.min_margin_cm * 10 / MM_PER_PT
    boxes = [page.mediabox for page in t.reader.pages]
    close: dict[int, tuple[float, str]] = {}
    for run in t.runs:
        if not run.text.strip():
            continue
        edge = run.x - float(boxes[run.page - 1].left)
        if edge + 1e-3 < band and (run.page not in close or edge < close[run.page][0]):
            close[run.page] = (edge, run.text.strip()[:30])
    if close:
        page, (edge, sample) = min(close.items())
        more = f" ({len(close)} pages in all)" if len(close) > 1 else ""
        yield Finding(
            "error",
            f"Text starts {edge * MM_PER_PT / 10:.1f} cm from the left edge of the paper; the margin "
            f"should be at least {lim.min_margin_cm:g} cm{more}.",
            f"page {page} ('{sample}')",
            "Make the PDF again with wider margins (accessconv's large print profiles do this).",
        )


@PDF.register("pdf.page-size", "Pages are the right paper size")
def _page_size(t: PdfTarget) -> Iterator[Finding]:
    lim = t.limits
    want = sorted((lim.paper_width_mm, lim.paper_height_mm))
    wrong: list[tuple[int, list[float]]] = []
    for number, page in enumerate(t.reader.pages, start=1):
        box = page.mediabox
        dims = sorted((float(box.width) * MM_PER_PT, float(box.height) * MM_PER_PT))
        if any(abs(a - b) > lim.paper_tolerance_mm for a, b in zip(dims, want, strict=True)):
            wrong.append((number, dims))
    if wrong:
        number, dims = wrong[0]
        more = f" ({len(wrong)} pages in all)" if len(wrong) > 1 else ""
        yield Finding(
            "error",
            f"Page {number} is {dims[0]:.0f} x {dims[1]:.0f} mm, not {want[0]:g} x {want[1]:g} mm{more}.",
            f"page {number}",
            "Make the PDF again on A4 paper.",
        )


# ---------------------------------------------------------------- the structure tree, with its text


@dataclass
class StructNode:
    """One element of a tagged PDF's structure tree, with the text it marks, in reading order."""

    kind: str  # the tag without its slash: "H1", "P", "Figure", "L", "LI", "Strong"...
    alt: str = ""
    parts: list[StructNode | TextRun] = field(default_factory=list)
    actual_text: str = ""  # the text that replaces the element's content (a picture of words)

    @property
    def children(self) -> list[StructNode]:
        return [p for p in self.parts if isinstance(p, StructNode)]

    def text(self) -> str:
        out: list[str] = []
        for part in self.parts:
            out.append(part.text() if isinstance(part, StructNode) else part.text)
        return "".join(out)

    def walk(self) -> Iterator[StructNode]:
        """This element and every element inside it, depth first, in reading order."""
        stack: list[StructNode] = [self]
        while stack:  # not recursive: a deep tree cannot exhaust Python's stack
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


MAX_STRUCT_DEPTH = 100
# Elements read at most: a structure tree whose elements point back at each other (a damaged or
# hostile file) would otherwise be read for ever.
MAX_STRUCT_ELEMENTS = 200_000


@dataclass
class _Marked:
    """Where an element's text will be: the runs of one marked-content sequence (page, MCID)."""

    page: int
    mcid: int


@dataclass
class _Skeleton:
    """The structure tree read before the pages' text, or the error reading it raised."""

    root: StructNode | None
    error: Exception | None = None

    def with_text(self, runs: list[TextRun]) -> StructNode | None:
        """The tree `structure` gives: each _Marked replaced by the runs it names, in order."""
        if self.error is not None:
            raise self.error
        if self.root is None:
            return None
        marked = _by_mcid(runs)
        for node in self.root.walk():
            if any(isinstance(part, _Marked) for part in node.parts):
                parts: list[StructNode | TextRun] = []
                for part in node.parts:
                    if isinstance(part, _Marked):
                        parts.extend(marked.get((part.page, part.mcid), []))
                    else:
                        parts.append(part)
                node.parts = parts
        return self.root


def _skeleton(reader: PdfReader) -> _Skeleton:
    try:
        return _Skeleton(structure(reader, None))
    except Exception as err:  # raised where the tree is asked for, as before
        return _Skeleton(None, err)


def _by_mcid(runs: list[TextRun]) -> dict[tuple[int, int], list[TextRun]]:
    marked: dict[tuple[int, int], list[TextRun]] = {}
    for run in runs:
        if run.mcid is not None:
            marked.setdefault((run.page, run.mcid), []).append(run)
    return marked


def structure(reader: PdfReader, runs: list[TextRun] | None) -> StructNode | None:
    """The structure tree with each element's text (found through the MCIDs the pages' marked
    content carries); None if the PDF is not tagged. The elements are read by pdf_objects (pypdf
    reads them several times slower). With `runs` None, each piece of marked content is a
    `_Marked` for `_Skeleton.with_text` to fill in."""
    objects = Objects(reader)
    root = cast("DictionaryObject", reader.trailer["/Root"].get_object())
    tree = objects.resolve(root.get("/StructTreeRoot"))
    if tree is None or not hasattr(tree, "get"):
        return None
    return _StructureReader(objects, reader, runs).build(tree, None, 0)


class _StructureReader:
    """Builds StructNodes from a PDF's structure elements, giving each the text runs its marked
    content holds."""

    def __init__(self, objects: Objects, reader: PdfReader, runs: list[TextRun] | None) -> None:
        self.objects = objects
        # Page object numbers -> page numbers: an element names its page by reference (/Pg).
        self.pages = {
            page.indirect_reference.idnum: n
            for n, page in enumerate(reader.pages, start=1)
            if page.indirect_reference is not None
        }
        self.marked = _by_mcid(runs) if runs is not None else None
        self.built = 0

    def build(self, elem: Any, page: int | None, depth: int) -> StructNode:
        node = StructNode(
            str(self.objects.resolve(elem.get("/S", "/"))).lstrip("/"),
            self._text_of(elem, "/Alt"),
            actual_text=self._text_of(elem, "/ActualText"),
        )
        self.built += 1
        page = self._page_of(elem, page)
        kids = self.objects.resolve(elem.get("/K"))
        if kids is None or depth > MAX_STRUCT_DEPTH or self.built > MAX_STRUCT_ELEMENTS:
            return node
        for kid in kids if isinstance(kids, list) else [kids]:
            node.parts.extend(self._parts_of(self.objects.resolve(kid), page, depth))
        return node

    def _parts_of(self, kid: Any, page: int | None, depth: int) -> list[StructNode | TextRun]:
        """What one kid of an element adds to it: the runs of marked content it names by MCID
        (a bare number, or a marked-content reference on a page of its own), or a child element."""
        if isinstance(kid, int) and not isinstance(kid, bool):
            return self._runs_of(page, kid) if page is not None else []
        if not hasattr(kid, "get"):
            return []
        if kid.get("/S") is not None:
            return [self.build(kid, page, depth + 1)]
        if kid.get("/MCID") is not None:
            kid_page = self._page_of(kid, page)
            mcid = self.objects.resolve(kid.get("/MCID"))
            if kid_page is not None and isinstance(mcid, int):
                return self._runs_of(kid_page, int(mcid))
        return []

    def _runs_of(self, page: int, mcid: int) -> list[StructNode | TextRun]:
        if self.marked is None:  # the text comes later (_Skeleton.with_text)
            return [_Marked(page, mcid)]  # type: ignore[list-item]
        return list(self.marked.get((page, mcid), []))

    def _page_of(self, elem: Any, inherited: int | None) -> int | None:
        ref = elem.get("/Pg") if hasattr(elem, "get") else None
        if ref is not None and hasattr(ref, "idnum"):
            return self.pages.get(ref.idnum, inherited)
        return inherited

    def _text_of(self, elem: Any, key: str) -> str:
        return str(self.objects.resolve(elem.get(key, "")) or "")


@dataclass(frozen=True)
class PdfLimitValues:
    """PdfLimits from another format's typography limits (Easy Read's), with a size tolerance."""

    min_size_error_pt: float
    min_size_warning_pt: float
    allowed_fonts: list[str]
    paper_width_mm: float
    paper_height_mm: float
    paper_tolerance_mm: float
    min_margin_cm: float
    require_page_numbers: bool
    pdf_size_tolerance_pt: float


def pdf_limits(limits: Any, tolerance_pt: float = 0.05) -> PdfLimitValues:
    return PdfLimitValues(
        limits.min_size_error_pt,
        limits.min_size_warning_pt,
        list(limits.allowed_fonts),
        limits.paper_width_mm,
        limits.paper_height_mm,
        limits.paper_tolerance_mm,
        limits.min_margin_cm,
        limits.require_page_numbers,
        getattr(limits, "pdf_size_tolerance_pt", tolerance_pt),
    )
