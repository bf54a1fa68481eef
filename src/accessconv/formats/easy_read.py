"""Easy Read: short points, each with a picture on the left, in Word and on the web.

The language half (`easyread.language.transform`) turns the draft into sections of short points
with hard words marked; `easyread.symbols` gives each point a picture. This module writes:

- `<stem>-easy-read.docx`: a cover (title and a picture), then per section a heading and a
  two-column table (picture left, text right), a "Hard words" section and the pictures' credit;
- `<stem>-easy-read.html`: the same layout as a responsive, self-contained page;
- `<stem>-easy-read-review.html`: the review sheet, everything a person must still check.

Every size, label and threshold comes from the profile (`profiles/easy-read.toml`).
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from .. import model as m
from ..checks.docx_typography import TypographyLimits
from ..easyread.language import LanguageSettings, transform
from ..easyread.model import EasyReadDocument, Picture, Point
from ..easyread.symbols import PictureSettings, SymbolSet, add_pictures, choose
from . import Written, output_name
from . import html as html_format

if TYPE_CHECKING:
    from ..checks import CheckResult
    from ..profiles import Profile

FILE_TYPES = (".docx", ".html", ".htm")
REVIEW_EXTRA = "-review"


@dataclass(frozen=True)
class LayoutSettings:
    font_name: str  # sans serif, also the check's first allowed font
    body_pt: float
    heading1_pt: float
    heading2_pt: float
    line_spacing: float  # multiple of single spacing
    space_after_pt: float  # gap after each paragraph
    row_gap_pt: float  # extra gap between points
    picture_cm: float  # picture width in the left column
    cover_picture_cm: float
    page_width_mm: float
    page_height_mm: float
    margin_cm: float
    text_colour: str  # hex without #, for Word
    link_colour: str
    html_picture_rem: float  # picture column width on the web
    cover_subtitle: str
    hard_words_label: str
    hard_words_intro: str
    missing_explanation: str
    placeholder_text: str
    credit_label: str
    review_title: str


@dataclass(frozen=True)
class Settings:
    language: LanguageSettings
    pictures: PictureSettings
    layout: LayoutSettings
    html: html_format.Settings


@dataclass(frozen=True)
class Checks:
    # Sentence length, point length and whole-document readability use the [settings.language]
    # thresholds, so each number lives in one place.
    section_reading_ease_min: float  # Flesch Reading Ease for each section
    section_reading_ease_min_words: int  # sections with fewer words are too short to score
    max_words: int
    max_pages: int
    max_pictures_per_point: int
    allowed_acronyms: list[str]
    max_listed: int  # findings listed per check before "and N more"
    typography: TypographyLimits
    html: html_format.Checks


# ---------------------------------------------------------------- plug-in entry points


def write(doc: m.Document, profile: Profile, out_dir: Path, stem: str) -> Written:
    settings: Settings = profile.settings
    easy = transform(doc, settings.language)
    symbol_set = add_pictures(easy, settings.pictures, doc.source)
    cover = cover_picture(easy, symbol_set, settings.pictures)
    suffix = profile.output_suffix
    docx_path = out_dir / output_name(stem, suffix, ".docx")
    html_path = out_dir / output_name(stem, suffix, ".html")
    review_path = out_dir / output_name(stem, suffix, ".html", REVIEW_EXTRA)
    write_docx(easy, settings, cover, docx_path)
    html_path.write_text(render_html(easy, settings, cover), encoding="utf-8", newline="\n")
    review_path.write_text(render_review(easy, settings), encoding="utf-8", newline="\n")
    return Written([docx_path, html_path, review_path], notes(easy))


def check(path: Path, profile: Profile, doc: m.Document | None = None) -> list[CheckResult]:
    from ..checks.easy_read import check_easy_read_file

    return check_easy_read_file(path, profile)


def notes(easy: EasyReadDocument) -> list[str]:
    points = [p for s in easy.sections for p in s.points]
    confident = sum(1 for p in points if p.picture and p.picture.confidence == "confident")
    weak = sum(
        1 for p in points if p.picture and p.picture.png is not None and p.picture.confidence == "weak"
    )
    out = list(easy.changes)
    if points:
        out.append(
            f"Chose a confident picture for {confident} of {len(points)} points "
            f"({round(100 * confident / len(points))}%); {weak} weak and {len(points) - confident - weak} "
            "left for a person to choose (see the review sheet)."
        )
    st = easy.stats
    if st.sentences_before and st.sentences_after:
        out.append(
            f"Sentences within the length limit: {st.sentences_within_limit_before} of {st.sentences_before} "
            f"before, {st.sentences_within_limit_after} of {st.sentences_after} after. Reading ease "
            f"(Flesch) {st.reading_ease_before:.0f} before, {st.reading_ease_after:.0f} after."
        )
    chosen = sum(1 for p in points if p.picture and p.picture.keyword == "override")
    if chosen:
        out.append(f"Used {chosen} picture choice{'s' if chosen != 1 else ''} from the override file.")
    if easy.review:
        out.append(f"The review sheet lists {len(easy.review)} things for a person to check.")
    return out


def cover_picture(easy: EasyReadDocument, symbol_set: SymbolSet, settings: PictureSettings) -> Picture:
    """A picture for the title; else the first confident picture in the document."""
    picture = choose([easy.title], [], symbol_set, show_weak=False)
    if picture.png is not None:
        return picture
    for section in easy.sections:
        for point in section.points:
            if point.picture and point.picture.png is not None and point.picture.confidence == "confident":
                return point.picture
    return picture


# ---------------------------------------------------------------- text with marks


@dataclass(frozen=True)
class Segment:
    text: str
    kind: str = ""  # "" plain, "strong" hard word, "link"
    url: str = ""


def _marks(inlines: list[m.Inline]) -> list[Segment]:
    out: list[Segment] = []
    for node in inlines:
        if isinstance(node, m.Styled) and node.style == "strong":
            text = m.plain_text(node.children).strip()
            if text:
                out.append(Segment(text, "strong"))
        elif isinstance(node, m.Link):
            text = m.plain_text(node.children).strip()
            if text:
                out.append(Segment(text, "link", node.url))
        elif isinstance(node, m.Styled):
            out.extend(_marks(node.children))
    return out


def point_lines(point: Point) -> list[list[Segment]]:
    """Each sentence of the point as segments: hard words (bold) and links found in its inlines
    are marked where their words first appear."""
    pending = _marks(point.inlines)
    lines: list[list[Segment]] = []
    for sentence in point.sentences:
        segments = [Segment(sentence)]
        for mark in list(pending):
            pattern = re.compile(r"(?<!\w)" + re.escape(mark.text) + r"(?!\w)")
            for i, seg in enumerate(segments):
                found = pattern.search(seg.text) if not seg.kind else None
                if found:
                    before, after = seg.text[: found.start()], seg.text[found.end() :]
                    new = [Segment(before)] if before else []
                    new.append(Segment(found.group(0), mark.kind, mark.url))
                    if after:
                        new.append(Segment(after))
                    segments[i : i + 1] = new
                    pending.remove(mark)
                    break
        lines.append(segments)
    return lines


# ---------------------------------------------------------------- Word


def write_docx(easy: EasyReadDocument, settings: Settings, cover: Picture, path: Path) -> None:
    import docx
    from docx.enum.text import WD_BREAK

    from ..docx_util import save_deterministic

    lay = settings.layout
    document = docx.Document()
    _set_up_page(document, lay)
    _set_up_styles(document, lay)
    _page_number_footer(document, lay)

    # Cover: the title, what this is, and a picture.
    _heading(document, easy.title, 1)
    document.add_paragraph(lay.cover_subtitle)
    _picture_paragraph(document.add_paragraph(), cover, lay.cover_picture_cm, lay)
    document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)

    for section in easy.sections:
        if section.heading:
            _heading(document, section.heading, 2)
        if not section.points:
            continue
        table = document.add_table(rows=0, cols=2)
        _layout_table(table, lay)
        blank_row = None
        for point in section.points:
            row, blank_row = _new_row(table, blank_row, lay)
            picture_cell, text_cell = row.cells
            _picture_paragraph(picture_cell.paragraphs[0], point.picture, lay.picture_cm, lay)
            first = True
            for segments in point_lines(point):
                para = text_cell.paragraphs[0] if first else text_cell.add_paragraph()
                first = False
                _add_segments(document, para, segments, lay)
            text_cell.paragraphs[-1].paragraph_format.space_after = _pt(lay.space_after_pt + lay.row_gap_pt)

    if easy.hard_words:
        _heading(document, lay.hard_words_label, 2)
        document.add_paragraph(lay.hard_words_intro)
        for word in easy.hard_words:
            para = document.add_paragraph()
            run = para.add_run(word.word)
            run.bold = True
            para.paragraph_format.keep_with_next = True
            para.paragraph_format.space_after = _pt(0)
            document.add_paragraph(word.explanation or lay.missing_explanation)

    credits = sorted(
        {p.picture.credit for s in easy.sections for p in s.points if p.picture and p.picture.credit}
    )
    if credits or cover.credit:
        document.add_paragraph(f"{lay.credit_label} {' '.join(credits or [cover.credit])}")
    save_deterministic(document, path, easy.title, easy.language)


def _heading(document: Any, text: str, level: int) -> None:
    """Like document.add_heading, without python-docx's search of every style by name for each
    heading (slow in long documents): the style id is set directly."""
    para = document.add_paragraph(text)
    para._p.style = f"Heading{level}"


def _pt(value: float) -> Any:
    from docx.shared import Pt

    return Pt(value)


def _text_width_cm(lay: LayoutSettings) -> float:
    return lay.page_width_mm / 10 - 2 * lay.margin_cm


def _set_up_page(document: Any, lay: LayoutSettings) -> None:
    from docx.shared import Cm, Mm

    for section in document.sections:
        section.page_width = Mm(lay.page_width_mm)
        section.page_height = Mm(lay.page_height_mm)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(lay.margin_cm))


def _set_fonts(style: Any, lay: LayoutSettings, size: float, bold: bool) -> None:
    from docx.oxml.ns import qn
    from docx.shared import RGBColor

    font = style.font
    font.name = lay.font_name
    font.size = _pt(size)
    font.bold = bold
    font.italic = False
    font.underline = False
    font.all_caps = False
    font.small_caps = False
    font.color.rgb = RGBColor.from_string(lay.text_colour)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        # Theme fonts (Calibri Light for headings) would override the named font.
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), lay.font_name)


def _set_up_styles(document: Any, lay: LayoutSettings) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    normal = document.styles["Normal"]
    _set_fonts(normal, lay, lay.body_pt, bold=False)
    fmt = normal.paragraph_format
    fmt.line_spacing = lay.line_spacing
    fmt.space_after = _pt(lay.space_after_pt)
    fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
    for name, size in (
        ("Heading 1", lay.heading1_pt),
        ("Heading 2", lay.heading2_pt),
        ("Footer", lay.body_pt),
    ):
        style = document.styles[name]
        _set_fonts(style, lay, size, bold=name != "Footer")
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        style.paragraph_format.line_spacing = lay.line_spacing
        if name != "Footer":
            style.paragraph_format.space_before = _pt(lay.body_pt)
            style.paragraph_format.space_after = _pt(lay.space_after_pt)


def _page_number_footer(document: Any, lay: LayoutSettings) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    footer = document.sections[0].footer
    para = footer.paragraphs[0]
    para.style = document.styles["Footer"]
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    label = para.add_run("Page ")
    label.font.size = _pt(lay.body_pt)
    para._p.append(field)


def _layout_table(table: Any, lay: LayoutSettings) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    table.autofit = False  # a fixed layout: the picture column keeps its width
    widths = (lay.picture_cm + 0.5, _text_width_cm(lay) - lay.picture_cm - 0.5)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    tbl_pr = table._tbl.tblPr
    # A description tells screen-reader users this table only lines pictures up with text.
    desc = OxmlElement("w:tblDescription")
    desc.set(qn("w:val"), "Pictures on the left, words on the right.")
    tbl_pr.append(desc)


def _new_row(table: Any, blank: Any, lay: LayoutSettings) -> tuple[Any, Any]:
    """A picture-and-text row that stays on one page, with fixed cell widths, and a blank copy of
    it: python-docx's add_row and cell widths are slow for long documents, so the first row of a
    table is made with them and the others are copies of it."""
    import copy

    from docx.table import _Row

    if blank is None:
        row = table.add_row()
        _keep_row_together(row)
        picture_cell, text_cell = row.cells
        _cell_width(picture_cell, lay.picture_cm + 0.5)
        _cell_width(text_cell, _text_width_cm(lay) - lay.picture_cm - 0.5)
        return row, copy.deepcopy(row._tr)
    tr = copy.deepcopy(blank)
    table._tbl.append(tr)
    return _Row(tr, table), blank


def _keep_row_together(row: Any) -> None:
    from docx.oxml import OxmlElement

    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


def _cell_width(cell: Any, cm: float) -> None:
    from docx.shared import Cm

    cell.width = Cm(cm)


def _picture_paragraph(para: Any, picture: Picture | None, width_cm: float, lay: LayoutSettings) -> None:
    import io

    from docx.shared import Cm

    if picture is None or picture.png is None:
        # A clear gap for a person to fill: never a wrong picture.
        run = para.add_run(lay.placeholder_text)
        run.bold = True
        return
    import copy

    from docx.oxml.shape import CT_Inline

    # python-docx's add_picture searches the whole document for a free shape id on every call, and
    # reads and hashes the image again for every use (slow for long documents). Here shape ids
    # come from a counter kept on the part, and each picture's drawing is built once per size
    # and copied.
    part = para.part
    shape_id = getattr(part, "_accessconv_next_shape_id", 1)
    part._accessconv_next_shape_id = shape_id + 1
    made: dict[tuple[bytes, float], Any] = part.__dict__.setdefault("_accessconv_inlines", {})
    key = (picture.png, width_cm)
    if key not in made:
        r_id, image = part.get_or_add_image(io.BytesIO(picture.png))
        cx, cy = image.scaled_dimensions(Cm(width_cm), None)
        made[key] = CT_Inline.new_pic_inline(0, r_id, image.filename, cx, cy)
    inline = copy.deepcopy(made[key])
    inline.docPr.set("id", str(shape_id))
    para.add_run()._r.add_drawing(inline)
    inline.docPr.set("descr", picture.concept)
    inline.docPr.set("title", picture.concept)


def _add_segments(document: Any, para: Any, segments: list[Segment], lay: LayoutSettings) -> None:
    for seg in segments:
        if seg.kind == "link" and re.match(r"(https?://|mailto:)", seg.url):
            _add_hyperlink(para, seg.text, seg.url, lay)
        else:
            run = para.add_run(seg.text)
            if seg.kind == "strong":
                run.bold = True


def _add_hyperlink(para: Any, text: str, url: str, lay: LayoutSettings) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    r_id = para.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), lay.link_colour)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    rpr.extend([colour, underline])
    run.append(rpr)
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    link.append(run)
    para._p.append(link)


# ---------------------------------------------------------------- HTML


def _css(settings: Settings) -> str:
    lay = settings.layout
    return f"""\
.cover {{ display: flex; flex-wrap: wrap; align-items: center; gap: 1.5rem; margin-bottom: 2rem; }}
.cover img {{ width: {lay.html_picture_rem * 1.5}rem; }}
.cover p {{ font-size: 1.25em; font-weight: bold; }}
.points {{ list-style: none; margin: 0; padding: 0; }}
.point {{
  display: grid; grid-template-columns: minmax(4rem, {lay.html_picture_rem}rem) minmax(0, 1fr);
  gap: 1.25rem; align-items: start; margin: 0 0 2rem;
}}
.point img {{ width: 100%; }}
.point p {{ margin: 0 0 0.5rem; }}
.picture-needed {{ border: 0.125rem dashed currentColor; padding: 0.5rem; font-weight: bold; }}
.hard-words dt {{ margin-top: 1rem; }}
.credit {{ margin-top: 3rem; border-top: 0.0625rem solid currentColor; padding-top: 1rem; }}
.review-kind {{ margin-top: 2.5rem; }}
/* Review tables hold long sentences and addresses: they wrap inside the page, never overflow. */
.review-table {{ width: 100%; table-layout: fixed; }}
.review-table th, .review-table td {{ overflow-wrap: anywhere; }}
@media (max-width: 30em) {{
  .point {{ grid-template-columns: 4rem minmax(0, 1fr); gap: 0.75rem; }}
}}
"""


def _html_page(title: str, language: str, settings: Settings, body: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(language)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="accessconv {__version__}">\n'
        f"<title>{escape(title)}</title>\n"
        f"<style>\n{html_format.stylesheet(settings.html)}{_css(settings)}</style>\n"
        "</head>\n"
        "<body>\n"
        f'<a class="skip-link" href="#main-content">{escape(settings.html.skip_link_label)}</a>\n'
        '<main id="main-content" tabindex="-1">\n'
        f"{body}"
        "</main>\n"
        "</body>\n"
        "</html>\n"
    )


def _img(picture: Picture | None, lay: LayoutSettings) -> str:
    if picture is None or picture.png is None:
        return f'<p class="picture-needed">{escape(lay.placeholder_text)}</p>'
    data = base64.b64encode(picture.png).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{escape(picture.concept)}">'


def _segments_html(segments: list[Segment]) -> str:
    out = []
    for seg in segments:
        text = escape(seg.text, quote=False)
        if seg.kind == "strong":
            out.append(f"<strong>{text}</strong>")
        elif seg.kind == "link" and re.match(r"(https?://|mailto:)", seg.url):
            out.append(f'<a href="{escape(seg.url)}">{text}</a>')
        else:
            out.append(text)
    return "".join(out)


def render_html(easy: EasyReadDocument, settings: Settings, cover: Picture) -> str:
    from ..headings import slug

    lay = settings.layout
    parts = [
        f'<div class="cover">\n<h1>{escape(easy.title)}</h1>\n{_img(cover, lay)}\n'
        f"<p>{escape(lay.cover_subtitle)}</p>\n</div>\n"
    ]
    used: set[str] = {"main-content", "hard-words"}
    for section in easy.sections:
        if section.heading:
            ident = slug(section.heading) or "section"
            base, n = ident, 2
            while ident in used:
                ident, n = f"{base}-{n}", n + 1
            used.add(ident)
            parts.append(f'<h2 id="{escape(ident)}">{escape(section.heading)}</h2>\n')
        if not section.points:
            continue
        parts.append('<ul class="points" role="list">\n')
        for point in section.points:
            text = "".join(f"<p>{_segments_html(line)}</p>" for line in point_lines(point))
            parts.append(
                f'<li class="point">{_img(point.picture, lay)}<div class="point-text">{text}</div></li>\n'
            )
        parts.append("</ul>\n")
    if easy.hard_words:
        parts.append(
            f'<section class="hard-words" aria-labelledby="hard-words">\n'
            f'<h2 id="hard-words">{escape(lay.hard_words_label)}</h2>\n'
            f"<p>{escape(lay.hard_words_intro)}</p>\n<dl>\n"
        )
        for word in easy.hard_words:
            parts.append(
                f"<dt><strong>{escape(word.word)}</strong></dt>\n"
                f"<dd>{escape(word.explanation or lay.missing_explanation)}</dd>\n"
            )
        parts.append("</dl>\n</section>\n")
    credits = sorted(
        {p.picture.credit for s in easy.sections for p in s.points if p.picture and p.picture.credit}
    )
    if credits or cover.credit:
        credit = " ".join(credits or [cover.credit])
        parts.append(f'<p class="credit">{escape(lay.credit_label)} {escape(credit)}</p>\n')
    return _html_page(easy.title, easy.language, settings, "".join(parts))


# ---------------------------------------------------------------- review sheet

_KIND_LABELS = {
    "long-sentence": ("Sentences still too long", "Rewrite as shorter sentences, one idea each."),
    "unsafe-split": ("Long sentences we could not split safely", "Rewrite these by hand."),
    "hard-word": ("Hard words with no explanation", "Write a short explanation in the Hard words list."),
    "no-picture": ("Points with no picture", "Choose a picture; add it to the override file."),
    "weak-picture": ("Pictures to check", "Check the picture fits the point; change it if not."),
    "number": ("Numbers and percentages left as they are", "Write them in a simpler way, e.g. '1 in 4'."),
    "passive": ("Sentences with several ideas or passive voice", "Say who does what, one idea a sentence."),
    "acronym": ("Short forms we could not write out", "Write the words out in full."),
    "other": ("Other things to check", ""),
}


def render_review(easy: EasyReadDocument, settings: Settings) -> str:
    lay = settings.layout
    points = [p for s in easy.sections for p in s.points]
    confident = sum(1 for p in points if p.picture and p.picture.confidence == "confident")
    st = easy.stats
    title = f"{lay.review_title}: {easy.title}"
    parts = [f"<h1>{escape(title)}</h1>\n"]
    parts.append(
        "<p>This sheet lists what a person must still check or rewrite in the Easy Read version. "
        "Ideally check it with a person with lived experience.</p>\n"
    )
    summary = [
        f"{len(easy.review)} things to check.",
        f"Points with a confident picture: {confident} of {len(points)}.",
    ]
    if st.sentences_before:
        summary.append(
            f"Sentences within the length limit: {st.sentences_within_limit_before} of {st.sentences_before} "
            f"before, {st.sentences_within_limit_after} of {st.sentences_after} after."
        )
        summary.append(
            f"Reading ease (Flesch): {st.reading_ease_before:.0f} before, {st.reading_ease_after:.0f} after. "
            f"School grade (Flesch-Kincaid): {st.grade_before:.1f} before, {st.grade_after:.1f} after."
        )
    parts.append("<ul>\n" + "".join(f"<li>{escape(s)}</li>\n" for s in summary) + "</ul>\n")
    if easy.changes:
        parts.append("<h2>What accessconv changed</h2>\n<ul>\n")
        parts.extend(f"<li>{escape(c)}</li>\n" for c in easy.changes)
        parts.append("</ul>\n")
    for number, (kind, (label, advice)) in enumerate(_KIND_LABELS.items(), start=1):
        items = [r for r in easy.review if r.kind == kind]
        if not items:
            continue
        parts.append(f'<h2 class="review-kind">{escape(label)} ({len(items)})</h2>\n')
        if advice:
            parts.append(f"<p>{escape(advice)}</p>\n")
        # A keyboard user can reach and scroll a wide table (as in the plain HTML writer).
        parts.append(
            f'<div class="table-wrap" role="region" aria-labelledby="review-{number}" tabindex="0">\n'
            f'<table class="review-table">\n<caption id="review-{number}">{escape(label)}</caption>\n'
            "<thead>\n"
            '<tr><th scope="col">Where</th><th scope="col">What to look at</th>'
            '<th scope="col">Suggestion</th></tr>\n</thead>\n<tbody>\n'
        )
        for item in items:
            parts.append(
                f"<tr><td>{escape(item.where)}</td><td>{escape(item.text)}</td>"
                f"<td>{escape(item.suggestion)}</td></tr>\n"
            )
        parts.append("</tbody>\n</table>\n</div>\n")
    if not easy.review:
        parts.append("<p>Nothing was flagged. Still read the whole document with a checker.</p>\n")
    return _html_page(title, easy.language, settings, "".join(parts))
