"""The Easy Read PDF: the same Easy Read document as the Word file and web page, typeset by Typst
as a tagged PDF/UA-1 file.

A cover (title, what this is, a picture, and at its foot the pictures' credit: at the end of
the document it could be left alone on a last page), then per section a heading and its points,
each point a picture on the left and its sentences on the right (a list of points, as on the web
page, so a screen reader hears the picture's description and then the words), and the "Hard
words" section; the page number at the foot of every page at body size. Sizes, spacing and
labels are the profile's [settings.layout] numbers, the same the Word file uses. All text goes
through `typeset.text` (string literals), never into markup.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ...typeset import SAFE_SCHEMES, PendingPdf, Pictures, length_pt, string, text
from .segments import Segment, point_text

if TYPE_CHECKING:
    from .language.model import EasyReadDocument, Picture, Point
    from .settings import LayoutSettings, PdfSettings, Settings

PICTURE_GAP_CM = 0.5  # between the picture column and the text, as in the Word file's table


def preamble(easy: EasyReadDocument, lay: LayoutSettings, pdf: PdfSettings) -> str:
    lang, _, region = easy.language.partition("-")
    region_arg = f", region: {string(region.lower())}" if region else ""
    leading = lay.line_spacing * pdf.font_single_line_em - pdf.font_ascent_em - pdf.font_descent_em
    colour = string("#" + lay.text_colour.lstrip("#"))
    link = string("#" + lay.link_colour.lstrip("#"))
    return "\n".join(
        [
            f"#set document(title: {string(easy.title)})",
            f"#set text(font: {string(pdf.font)}, size: {length_pt(lay.body_pt)},"
            f" lang: {string(lang.lower())}{region_arg}, hyphenate: false, fill: rgb({colour}),"
            f" top-edge: {pdf.font_ascent_em}em, bottom-edge: -{pdf.font_descent_em}em)",
            f"#set par(justify: false, leading: {leading:.4f}em, spacing: {length_pt(lay.space_after_pt)})",
            f"#set page(width: {lay.page_width_mm}mm, height: {lay.page_height_mm}mm,"
            f" margin: {lay.margin_cm}cm, footer-descent: 0pt,"
            f" footer: context align(left + horizon)[{text(pdf.page_label + ' ')}#counter(page).display()])",
            f"#set block(spacing: {length_pt(lay.space_after_pt)})",
            '#show heading: set text(weight: "bold")',
            f"#show heading: set block(above: {length_pt(lay.space_after_pt + lay.body_pt)},"
            f" below: {length_pt(lay.space_after_pt)})",
            f"#show heading.where(level: 1): set text(size: {length_pt(lay.heading1_pt)})",
            f"#show heading.where(level: 2): set text(size: {length_pt(lay.heading2_pt)})",
            f"#show link: it => underline(text(fill: rgb({link}), it))",
            f"#set list(marker: none, indent: 0pt, body-indent: 0pt,"
            f" spacing: {length_pt(lay.space_after_pt + lay.row_gap_pt)}, tight: false)",
            "",
        ]
    )


def _segments(segments: list[Segment]) -> str:
    out = []
    for seg in segments:
        if seg.kind == "strong":
            out.append(f"#strong[{text(seg.text)}];")
        elif seg.kind == "link" and seg.url.strip().lower().startswith(SAFE_SCHEMES):
            out.append(f"#link({string(seg.url.strip())})[{text(seg.text)}];")
        else:
            out.append(text(seg.text))
    return "".join(out)


def _picture(picture: Picture | None, width_cm: float, pictures: Pictures) -> str:
    name = pictures.add(picture.png, "image/png") if picture is not None and picture.png else None
    if picture is None or name is None:
        # A clear gap for a person to fill (the review sheet lists it): never a wrong picture, and
        # no placeholder text that could be printed, as in the Word file and the web page.
        return ""
    return f"#image({string(name)}, width: {width_cm}cm, alt: {string(picture.concept or 'picture')});"


def _point(point: Point, lay: LayoutSettings, pictures: Pictures) -> str:
    picture = _picture(point.picture, lay.picture_cm, pictures)
    # Each sentence its own paragraph (tagged P), as in the Word file; a list's items a bulleted
    # list (tagged L, an LI each) between them.
    parts = point_text(point)
    body = [f"#par[{_segments(segments)}]" for segments in parts.lead]
    if parts.items:
        items = ", ".join(f"[#par[{_segments(segments)}]]" for segments in parts.items)
        body.append(
            f"#list(marker: [{text(lay.list_marker)}], indent: {length_pt(lay.body_pt * 0.5)},"
            f" body-indent: {length_pt(lay.body_pt * 0.5)}, spacing: {length_pt(lay.space_after_pt)},"
            f" {items})"
        )
    body.extend(f"#par[{_segments(segments)}]" for segments in parts.after)
    lines = "\n".join(body)
    column = lay.picture_cm + PICTURE_GAP_CM
    return f"block(breakable: false, grid(columns: ({column}cm, 1fr),\n  [{picture}],\n  [{lines}]))"


def _lists(points: list[Point], lay: LayoutSettings, pictures: Pictures) -> str:
    """A section's points as lists, each point an item (LI) in an unbreakable block. A point that
    leads into the next ("You will need:") and that next point are a list of their own inside one
    unbreakable block, so no page ends between them (Typst's sticky blocks do not hold inside a
    list); the space between the lists is the space between points."""
    runs: list[tuple[bool, list[Point]]] = []  # (kept together, points)
    start = 0
    while start < len(points):
        end = start
        while end + 1 < len(points) and points[end].leads_into_next:
            end += 1
        if end > start:
            runs.append((True, points[start : end + 1]))
        elif runs and not runs[-1][0]:
            runs[-1][1].append(points[start])
        else:
            runs.append((False, [points[start]]))
        start = end + 1
    out = []
    gap = length_pt(lay.space_after_pt + lay.row_gap_pt)
    for number, (together, run) in enumerate(runs):
        items = ",\n".join(_point(p, lay, pictures) for p in run)
        if together:
            above = f", above: {gap}" if number else ""
            out.append(f"#block(breakable: false{above}, below: {gap})[#list(\n{items})]\n")
        else:
            out.append(f"#list(\n{items})\n")
    return "".join(out)


def markup(easy: EasyReadDocument, settings: Settings, cover: Picture, pictures: Pictures) -> str:
    lay = settings.layout
    parts = [preamble(easy, lay, settings.pdf)]
    parts.append(f"#heading(level: 1)[{text(easy.title)}]\n")
    parts.append(text(lay.cover_subtitle) + "\n")
    if cover.png is not None:
        parts.append(_picture(cover, lay.cover_picture_cm, pictures) + "\n")
    if easy.hard_words:
        parts.append(text(lay.bold_words_line) + "\n")
    credits = sorted(
        {p.picture.credit for s in easy.sections for p in s.points if p.picture and p.picture.credit}
    )
    if credits or cover.credit:
        # At the foot of the cover: at the end it could be left alone on a last page.
        credit = text(f"{lay.credit_label} {' '.join(credits or [cover.credit])}")
        parts.append(f"#v(1fr)\n{credit}\n")
    parts.append("#pagebreak(weak: true)\n")
    for section in easy.sections:
        if section.printed_heading:
            parts.append(f"#heading(level: 2)[{text(section.printed_heading)}]\n")
        if section.points:
            parts.append(_lists(section.points, lay, pictures))
    if easy.hard_words:
        parts.append(f"#heading(level: 2)[{text(lay.hard_words_label)}]\n")
        parts.append(text(lay.hard_words_intro) + "\n")
        for word in easy.hard_words:
            parts.append(f"#block(sticky: true, below: 0.6em)[#par[#strong[{text(word.word)}];]]\n")
            parts.append(text(word.explanation or "") + "\n")
    return "\n".join(parts)


def write_pdf(easy: EasyReadDocument, settings: Settings, cover: Picture, path: Path) -> list[str]:
    """Write the Easy Read PDF; return notes for the report."""
    return start_pdf(easy, settings, cover, path)()


def start_pdf(
    easy: EasyReadDocument, settings: Settings, cover: Picture, path: Path
) -> Callable[[], list[str]]:
    """Start typesetting the PDF in the background; the function returned waits for it, writes
    it to `path` and returns notes for the report."""
    pictures = Pictures()
    source = markup(easy, settings, cover, pictures)
    pending = PendingPdf(source, pictures, settings.pdf.font_files, settings.pdf.standard or None)

    def finish() -> list[str]:
        pdf, notes = pending.result()
        path.write_bytes(pdf)
        return notes

    return finish
