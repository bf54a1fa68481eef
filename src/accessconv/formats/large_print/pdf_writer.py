"""The large print page as print HTML (templates/print.html and print.css, from the profile).

The PDF itself is typeset by Typst from the model (typst_writer.py); this print page is kept for
anyone who prints from a browser, and follows the same profile numbers.
"""

from __future__ import annotations

import base64
from html import escape
from typing import TYPE_CHECKING

from markupsafe import Markup

from ... import model as m
from ...version import __version__
from ...web import templates
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

    def list_style(self, b: m.ListBlock) -> str:
        if b.ordered and b.start != 1:
            # WeasyPrint numbers from the list-item counter and does not read the start attribute.
            return f"counter-reset: list-item {b.start - 1}"
        return ""

    def image_style(self, image: m.Image) -> str:
        return f"width: {_width(image, self.settings.image_scale)}"

    def image_html(self, image: m.Image) -> str:
        if image.data is None or image.mime is None:
            label = escape(self.settings.missing_picture_label)
            return f'<span class="missing-picture">{label} {escape(image.alt or "no description")}</span>'
        width = _width(image, self.settings.image_scale)
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
        return super().image_html(image)

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


def _width(image: m.Image, scale: float) -> str:
    return f"{image.width_px * scale:g}px" if image.width_px else "auto"


def print_html(doc: m.Document, blocks: list[m.Block], settings: Settings) -> str:
    """The page WeasyPrint lays out (templates/print.html, on the shared base page)."""
    writer = _PrintHtmlWriter(doc, settings)
    body = writer.blocks(blocks)
    notes = writer.notes_section(settings.notes_label)
    return templates.render(
        "print.html",
        __package__,
        language=doc.language,
        title=doc.title,
        version=__version__,
        s=settings,
        body=Markup(body),
        notes=Markup(notes),
    )


def stylesheet(s: Settings) -> str:
    """Print CSS (templates/print.css): every size is the body size or bigger, in points."""
    return templates.render("print.css", __package__, s=s)
