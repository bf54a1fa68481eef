"""The large print PDF: our own print HTML, laid out by WeasyPrint as a tagged PDF/UA-1 file.

WeasyPrint tags headings, paragraphs, lists, tables (with header cells) and figures (with their
alt text) from the HTML, embeds subsets of the fonts, and writes the title and language. It never
fetches anything: only data: URIs (our embedded pictures) are allowed. The file is deterministic:
WeasyPrint writes no dates, and the file identifier is a hash of the page.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from ... import model as m
from ...version import __version__
from ...web.page import HtmlWriter

if TYPE_CHECKING:
    from .settings import Settings


class _PrintHtmlWriter(HtmlWriter):
    """The plain HTML writer with large print's rules for inline text: one emphasis (bold), note
    marks on the line at full size, no raised or lowered text."""

    def __init__(self, doc: m.Document, settings: Settings) -> None:
        super().__init__(doc)
        self.settings = settings

    def inline(self, n: m.Inline) -> str:
        if isinstance(n, m.Styled):
            inner = self.inlines(n.children)
            if n.style in ("emph", "strong", "underline", "smallcaps"):
                return f"<strong>{inner}</strong>"
            if n.style == "strike":
                return f"<del>{inner}</del>"
            return inner
        if isinstance(n, m.Code):
            return escape(n.text, quote=False)
        if isinstance(n, m.NoteRef):
            self.notes_used.append(n.number)
            mark = self.settings.note_mark.format(n=n.number)
            # Spaces around the mark stay outside the link, so they are not underlined.
            lead = mark[: len(mark) - len(mark.lstrip())]
            link = f'<a class="note-ref" href="#note-{n.number}" id="note-ref-{n.number}">'
            return f"{escape(lead)}{link}{escape(mark.strip())}</a>"
        if isinstance(n, m.Link):
            url = n.url.strip()
            if not url.lower().startswith(("http://", "https://", "mailto:", "tel:")):
                return self.inlines(n.children)
        return super().inline(n)

    def list_html(self, b: m.ListBlock) -> str:
        html = super().list_html(b)
        if b.ordered and b.start != 1:
            # WeasyPrint numbers from the list-item counter and does not read the start attribute.
            html = html.replace("<ol", f'<ol style="counter-reset: list-item {b.start - 1}"', 1)
        return html

    def image_html(self, image: m.Image) -> str:
        if image.data is None or image.mime is None:
            label = escape(self.settings.missing_picture_label)
            return f'<span class="missing-picture">{label} {escape(image.alt or "no description")}</span>'
        scale = self.settings.image_scale
        width = f"{image.width_px * scale:g}px" if image.width_px else "auto"
        if image.decorative:
            # A decorative picture is painted as a background, which PDF readers skip, because
            # WeasyPrint tags every <img> as a Figure that would need alt text.
            data = base64.b64encode(image.data).decode("ascii")
            ratio = (image.height_px / image.width_px * 100) if image.width_px and image.height_px else 50
            return (
                f'<span class="decorative" style="width: {width}">'
                f'<span style="padding-bottom: {ratio:.3f}%; '
                f"background-image: url('data:{image.mime};base64,{data}')\"></span></span>"
            )
        html = super().image_html(image)
        return html.replace("<img ", f'<img style="width: {width}" ', 1)

    def notes_section(self, label: str) -> str:
        if not self.doc.notes:
            return ""
        items = []
        for number, blocks in enumerate(self.doc.notes, start=1):
            mark = escape(self.settings.note_mark.format(n=number).strip())
            items.append(
                f'<div class="note" id="note-{number}"><span>{mark}</span> {self.tight(blocks)}</div>\n'
            )
        return f'<section class="notes">\n<h2>{escape(label)}</h2>\n{"".join(items)}</section>\n'


def print_html(doc: m.Document, blocks: list[m.Block], settings: Settings) -> str:
    writer = _PrintHtmlWriter(doc, settings)
    body = writer.blocks(blocks)
    notes = writer.notes_section(settings.notes_label)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(doc.language)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="generator" content="accessconv {__version__}">\n'
        f"<title>{escape(doc.title)}</title>\n<style>\n{stylesheet(settings)}</style>\n</head>\n"
        f"<body>\n<main>\n{body}{notes}</main>\n</body>\n</html>\n"
    )


def stylesheet(s: Settings) -> str:
    """Print CSS: every size is the body size or bigger, in points, from the profile."""
    family = s.pdf_font_family
    headings = "\n".join(
        f"h{level} {{ font-size: {s.heading_sizes_pt[min(level, len(s.heading_sizes_pt)) - 1]}pt; }}"
        for level in range(1, 7)
    )
    label = s.page_label.replace("\\", "\\\\").replace('"', '\\"')
    return f"""\
@page {{
  size: {s.paper_width_mm}mm {s.paper_height_mm}mm;
  margin: {s.margin_cm}cm;
  background: {s.background_colour};
  @bottom-left {{
    content: "{label} " counter(page);
    font-family: {family};
    font-size: {s.body_size_pt}pt;
    color: {s.text_colour};
  }}
}}
html {{
  font-family: {family};
  font-size: {s.body_size_pt}pt;
  line-height: {s.line_spacing};
  color: {s.text_colour};
  background: {s.background_colour};
  text-align: left;
  hyphens: manual;
  overflow-wrap: break-word;  /* a long email address breaks rather than running off the page */
}}
body, main {{ margin: 0; padding: 0; }}
h1, h2, h3, h4, h5, h6 {{
  font-weight: bold; margin: {s.heading_space_before_pt}pt 0 {s.space_after_pt}pt;
  break-after: avoid; text-align: left;
}}
h1 {{ margin-top: 0; }}
{headings}
p, ul, ol, dl, blockquote, figure, table, pre, .notes .note {{ margin: 0 0 {s.space_after_pt}pt; }}
ul, ol {{ padding-left: {s.list_indent_cm}cm; }}
li {{ margin-bottom: {s.space_after_pt / 2}pt; }}
li p {{ margin-bottom: {s.space_after_pt / 4}pt; }}
li > ul, li > ol {{ margin: {s.space_after_pt / 2}pt 0 0; }}
strong, b {{ font-weight: bold; }}
em, i, cite, var, dfn {{ font-style: normal; font-weight: bold; }}
sup, sub, small {{ font-size: 1em; vertical-align: baseline; }}
a {{ color: {s.link_colour}; text-decoration: underline; }}
code, pre, kbd, samp {{ font-family: {family}; font-size: 1em; }}
pre {{ white-space: pre-wrap; margin-left: {s.list_indent_cm}cm; }}
blockquote {{ margin-left: {s.list_indent_cm}cm; margin-right: 0; }}
img {{ max-width: 100%; height: auto; }}
.decorative {{ display: inline-block; max-width: 100%; vertical-align: bottom; }}
.decorative span {{
  display: block; background-size: contain; background-repeat: no-repeat; background-position: left top;
}}
figure {{ margin-left: 0; margin-right: 0; break-inside: avoid; }}
figcaption, caption {{ font-weight: bold; text-align: left; font-size: 1em; }}
caption {{ caption-side: top; padding-bottom: {s.space_after_pt / 2}pt; }}
table {{ border-collapse: collapse; width: 100%; break-inside: avoid; }}
thead {{ display: table-header-group; }}
tr {{ break-inside: avoid; }}
th, td {{
  border: 1pt solid {s.text_colour}; padding: 4pt 6pt; text-align: left; vertical-align: top;
  font-size: 1em;
}}
th {{ font-weight: bold; }}
dt {{ font-weight: bold; break-after: avoid; }}
dd {{ margin: 0 0 {s.space_after_pt}pt {s.list_indent_cm}cm; }}
hr {{ display: none; }}
.table-wrap {{ overflow: visible; break-inside: avoid; }}  /* keeps a caption with its table */
.visually-hidden {{ display: none; }}
.notes .note span:first-child {{ font-weight: bold; }}
"""


def write_pdf(doc: m.Document, blocks: list[m.Block], settings: Settings, path: Path) -> None:
    import logging

    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # WeasyPrint logs problems (a picture without alt text) that our checks report in plain words;
    # without a handler Python would print them raw on the officer's terminal.
    logger = logging.getLogger("weasyprint")
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())

    page = print_html(doc, blocks, settings)
    identifier = hashlib.sha256(page.encode("utf-8")).hexdigest()[:32].encode("ascii")
    HTML(string=page, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf(
        path, pdf_variant=settings.pdf_variant, pdf_identifier=identifier, custom_metadata=False
    )
