"""An accessible HTML page from the document model: the engine under every web page we write.

`HtmlWriter` turns the draft's blocks into HTML; the plain HTML format, the large print PDF
(through its print HTML) use it, and every page (those two, the Easy Read page and review sheet,
the folder index) is a template extending `templates/base.html` (see `templates.py`). A writer
for another renderer changes its output through hooks (`image_style`, `list_style`), never by
editing the HTML after. Everything from the draft is escaped; pictures are embedded as data
URIs; there is no script. Colours, fonts and spacing come from `PageSettings`, which each
format fills from its profile, and the checks read them back from the written file.
"""

from __future__ import annotations

import base64
from html import escape
from typing import TypedDict

from markupsafe import Markup

from .. import model as m
from ..headings import normalise
from ..version import __version__
from . import templates
from .settings import PageSettings


def render(doc: m.Document, settings: PageSettings) -> tuple[str, list[str]]:
    """The whole page as text (templates/page.html), and notes on what was changed in the draft's
    structure."""
    outline = normalise(doc)
    writer = HtmlWriter(doc)
    blocks = outline.blocks
    # Contents go straight after the main heading, so the page starts with its title.
    lead = blocks[:1] if blocks and blocks[0] is outline.title_heading else []
    title_heading = writer.blocks(lead)
    body = writer.blocks(blocks[len(lead) :])
    contents = None
    if len([b for b in m.walk_blocks(blocks) if isinstance(b, m.Heading)]) >= settings.contents_min_headings:
        contents = _contents([b for b in blocks if isinstance(b, m.Heading) and b.level in (2, 3)])
    page = templates.render(
        "page.html",
        language=doc.language,
        title=doc.title,
        version=__version__,
        skip_link_label=settings.skip_link_label,
        s=settings,
        title_heading=Markup(title_heading),
        contents=contents,
        body=Markup(body),
        notes=Markup(writer.notes_section(settings.notes_label)),
    )
    return page, outline.notes


class _Link(TypedDict):
    id: str
    text: str


class _Entry(TypedDict):
    heading: _Link | None
    subs: list[_Link]


def _contents(headings: list[m.Heading]) -> list[_Entry]:
    """Entries for the contents: each level 2 heading with the level 3 headings under it."""
    entries: list[_Entry] = []
    for h in headings:
        link: _Link = {"id": h.id, "text": m.plain_text(h.inlines)}
        if h.level == 2:
            entries.append({"heading": link, "subs": []})
        else:
            # Level 3 entries nest under the level 2 before them.
            if not entries:
                entries.append({"heading": None, "subs": []})
            entries[-1]["subs"].append(link)
    return entries


def stylesheet(s: PageSettings) -> str:
    """Readable CSS (templates/css/page.css): relative units only, so text resizes to 200%."""
    return templates.render("css/page.css", s=s)


class HtmlWriter:
    def __init__(self, doc: m.Document) -> None:
        self.doc = doc
        self.table_count = 0
        self.section = ""
        self.notes_used: list[int] = []

    # -- blocks

    def blocks(self, blocks: list[m.Block]) -> str:
        return "".join(self.block(b) for b in blocks)

    def block(self, b: m.Block) -> str:
        if isinstance(b, m.Heading):
            self.section = m.plain_text(b.inlines)
            return self.heading_html(b)
        if isinstance(b, m.Paragraph):
            return f"<p>{self.inlines(b.inlines)}</p>\n"
        if isinstance(b, m.ListBlock):
            return self.list_html(b)
        if isinstance(b, m.Table):
            return self.table_html(b)
        if isinstance(b, m.Figure):
            return self.figure_html(b)
        if isinstance(b, m.BlockQuote):
            return f"<blockquote>\n{self.blocks(b.blocks)}</blockquote>\n"
        if isinstance(b, m.CodeBlock):
            return f"<pre><code>{escape(b.text)}</code></pre>\n"
        if isinstance(b, m.DefinitionList):
            parts = ["<dl>\n"]
            for item in b.items:
                parts.append(f"<dt>{self.inlines(item.term)}</dt>\n")
                for d in item.definitions:
                    parts.append(f"<dd>{self.tight(d)}</dd>\n")
            parts.append("</dl>\n")
            return "".join(parts)
        if isinstance(b, m.Rule):
            return "<hr>\n"
        return ""

    def heading_html(self, h: m.Heading) -> str:
        level = min(h.level, 6)
        ident = f' id="{escape(h.id)}"' if h.id else ""
        return f"<h{level}{ident}>{self.inlines(h.inlines)}</h{level}>\n"

    def tight(self, blocks: list[m.Block]) -> str:
        """A single paragraph inside a list item or cell is written without <p>."""
        if len(blocks) == 1 and isinstance(blocks[0], m.Paragraph):
            return self.inlines(blocks[0].inlines)
        return "\n" + self.blocks(blocks)

    def list_html(self, b: m.ListBlock) -> str:
        if not b.ordered:
            tag, attrs = "ul", ""
        else:
            tag = "ol"
            attrs = f' start="{b.start}"' if b.start != 1 else ""
            kind = {"lower-alpha": "a", "upper-alpha": "A", "lower-roman": "i", "upper-roman": "I"}
            if b.numbering in kind:
                attrs += f' type="{kind[b.numbering]}"'
        style = self.list_style(b)
        if style:
            attrs = f' style="{escape(style)}"' + attrs
        items = "".join(f"<li>{self.tight(item)}</li>\n" for item in b.items)
        return f"<{tag}{attrs}>\n{items}</{tag}>\n"

    def list_style(self, b: m.ListBlock) -> str:
        """Inline CSS for a list's tag: none here; a writer for another renderer may need some."""
        return ""

    def table_html(self, t: m.Table) -> str:
        self.table_count += 1
        caption = self.inlines(t.caption) if t.caption else ""
        if not caption:
            # A caption names the table for screen-reader users moving between tables.
            caption = escape(f"Table {self.table_count}" + (f": {self.section}" if self.section else ""))
        # A wide table scrolls sideways inside its wrapper (WCAG 1.4.10 allows this for data
        # tables), so keyboard users must be able to focus the wrapper to scroll it (WCAG 2.1.1);
        # the caption names the region for screen readers.
        caption_id = f"table-{self.table_count}-caption"
        parts = [
            f'<div class="table-wrap" role="region" aria-labelledby="{caption_id}" tabindex="0">\n'
            f'<table>\n<caption id="{caption_id}">{caption}</caption>\n'
        ]
        if t.head:
            parts.append("<thead>\n")
            for row in t.head:
                parts.append(self.row_html(row, header=True, row_headers=0))
            parts.append("</thead>\n")
        parts.append("<tbody>\n")
        for row in t.body:
            parts.append(self.row_html(row, header=False, row_headers=t.row_header_columns))
        parts.append("</tbody>\n")
        if t.foot:
            parts.append("<tfoot>\n")
            for row in t.foot:
                parts.append(self.row_html(row, header=False, row_headers=t.row_header_columns))
            parts.append("</tfoot>\n")
        parts.append("</table>\n</div>\n")
        return "".join(parts)

    def row_html(self, row: m.Row, header: bool, row_headers: int) -> str:
        cells = []
        for i, cell in enumerate(row.cells):
            span = ""
            if cell.colspan > 1:
                span += f' colspan="{cell.colspan}"'
            if cell.rowspan > 1:
                span += f' rowspan="{cell.rowspan}"'
            content = self.tight(cell.blocks) if cell.blocks else ""
            if header:
                scope = "colgroup" if cell.colspan > 1 else "col"
                cells.append(f'<th scope="{scope}"{span}>{content}</th>')
            elif i < row_headers:
                scope = "rowgroup" if cell.rowspan > 1 else "row"
                cells.append(f'<th scope="{scope}"{span}>{content}</th>')
            else:
                cells.append(f"<td{span}>{content}</td>")
        return "<tr>" + "".join(cells) + "</tr>\n"

    def figure_html(self, f: m.Figure) -> str:
        caption = f"<figcaption>{self.inlines(f.caption)}</figcaption>\n" if f.caption else ""
        return f"<figure>\n{self.image_html(f.image)}\n{caption}</figure>\n"

    def image_html(self, image: m.Image) -> str:
        if image.data is None or image.mime is None:
            alt = escape(image.alt or "no description")
            # A <span>, not a <p>: a picture can sit inside a sentence, and a <p> there would
            # break the paragraph around it in two.
            return f'<span class="missing-picture">Picture not included: {alt}</span>'
        data = base64.b64encode(image.data).decode("ascii")
        size = ""
        if image.width_px and image.height_px:
            size = f' width="{image.width_px}" height="{image.height_px}"'
        alt = "" if image.decorative else image.alt
        style = self.image_style(image)
        styled = f' style="{escape(style)}"' if style else ""
        return f'<img{styled} src="data:{image.mime};base64,{data}" alt="{escape(alt)}"{size}>'

    def image_style(self, image: m.Image) -> str:
        """Inline CSS for a picture's <img>: none here (the stylesheet sizes pictures)."""
        return ""

    # -- inlines

    def inlines(self, nodes: list[m.Inline]) -> str:
        return "".join(self.inline(n) for n in nodes)

    def inline(self, n: m.Inline) -> str:
        if isinstance(n, m.Text):
            return escape(n.text, quote=False)
        if isinstance(n, m.Styled):
            inner = self.inlines(n.children)
            tag = _STYLE_TAGS.get(n.style)
            if tag:
                return f"<{tag}>{inner}</{tag}>"
            return f'<span style="font-variant: small-caps">{inner}</span>'
        if isinstance(n, m.Code):
            return f"<code>{escape(n.text)}</code>"
        if isinstance(n, m.Link):
            return f'<a href="{escape(n.url)}">{self.inlines(n.children)}</a>'
        if isinstance(n, m.NoteRef):
            self.notes_used.append(n.number)
            return (
                f'<a class="note-ref" href="#note-{n.number}" id="note-ref-{n.number}">'
                f'<span class="visually-hidden">Note </span>{n.number}</a>'
            )
        if isinstance(n, m.LineBreak):
            return "<br>"
        if isinstance(n, m.InlineImage):
            return self.image_html(n.image)
        return ""

    def notes_section(self, label: str) -> str:
        if not self.doc.notes:
            return ""
        items = []
        for number, blocks in enumerate(self.doc.notes, start=1):
            back = (
                f' <a href="#note-ref-{number}">Back to text'
                f'<span class="visually-hidden"> for note {number}</span></a>'
            )
            items.append(f'<li id="note-{number}">{self.tight(blocks)}{back}</li>\n')
        return (
            '<section class="notes" aria-labelledby="notes-heading">\n'
            f'<h2 id="notes-heading">{escape(label)}</h2>\n<ol>\n{"".join(items)}</ol>\n</section>\n'
        )


_STYLE_TAGS = {
    "emph": "em",
    "strong": "strong",
    # Underline reads as a link on the web, so it is shown as emphasis instead.
    "underline": "em",
    "strike": "del",
    "superscript": "sup",
    "subscript": "sub",
}
