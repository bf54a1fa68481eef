"""Shape the draft for large print before either writer sees it.

Both the Word and the PDF writer start from the same prepared blocks, so they always agree:
headings made a clean outline, and tables too wide for a large print page turned into lists.
"""

from __future__ import annotations

from dataclasses import dataclass

from ... import model as m
from ...headings import normalise


@dataclass
class Prepared:
    blocks: list[m.Block]
    notes: list[str]


def prepare(doc: m.Document, max_columns: int) -> Prepared:
    outline = normalise(doc)
    notes = list(outline.notes)
    return Prepared(_narrow_all(outline.blocks, max_columns, notes), notes)


def leads_into(block: m.Block, after: m.Block | None) -> bool:
    """A paragraph that ends with a colon just before a list, a table or a list of terms ("Hard
    words we use in this strategy:") introduces it: print keeps it on the same page."""
    return (
        isinstance(block, m.Paragraph)
        and isinstance(after, (m.ListBlock, m.Table, m.DefinitionList))
        and m.plain_text(block.inlines).rstrip().endswith(":")
    )


def with_next(blocks: list[m.Block]) -> list[tuple[m.Block, bool]]:
    """Each block, and whether it introduces the block after it."""
    return [(b, leads_into(b, after)) for b, after in zip(blocks, [*blocks[1:], None], strict=True)]


def _narrow_all(blocks: list[m.Block], max_columns: int, notes: list[str]) -> list[m.Block]:
    out: list[m.Block] = []
    for block in blocks:
        out.extend(_narrow(block, max_columns, notes))
    return out


def _narrow(block: m.Block, max_columns: int, notes: list[str]) -> list[m.Block]:
    """`block`, with any too-wide table (at any depth) turned into a list."""
    if isinstance(block, m.Table):
        if block.columns > max_columns:
            name = m.plain_text(block.caption) or _first_words(block)
            notes.append(
                f"The table '{name}' has {block.columns} columns, too many to read at this print size; "
                "it was turned into a list, one item for each row, each value with its column heading."
            )
            return linearise(block)
        for row in block.head + block.body + block.foot:
            for cell in row.cells:
                cell.blocks = _narrow_all(cell.blocks, max_columns, notes)
    elif isinstance(block, m.ListBlock):
        block.items = [_narrow_all(item, max_columns, notes) for item in block.items]
    elif isinstance(block, m.BlockQuote):
        block.blocks = _narrow_all(block.blocks, max_columns, notes)
    elif isinstance(block, m.DefinitionList):
        for item in block.items:
            item.definitions = [_narrow_all(d, max_columns, notes) for d in item.definitions]
    return [block]


def _first_words(table: m.Table) -> str:
    rows = table.head or table.body
    if not rows:
        return "without a caption"
    words = " ".join(_cell_text(c) for c in rows[0].cells).split()
    return " ".join(words[:6]) + ("..." if len(words) > 6 else "")


def _cell_text(cell: m.Cell) -> str:
    return " ".join(m.plain_text(m.block_inlines(b)) for b in m.walk_blocks(cell.blocks)).strip()


def _grid(rows: list[m.Row], columns: int) -> list[list[m.Cell | None]]:
    """Each row as one entry per column: a spanning cell fills every position it covers."""
    grid: list[list[m.Cell | None]] = [[None] * columns for _ in rows]
    for r, row in enumerate(rows):
        c = 0
        for cell in row.cells:
            while c < columns and grid[r][c] is not None:
                c += 1
            if c >= columns:
                break
            for dr in range(min(cell.rowspan, len(rows) - r)):
                for dc in range(min(cell.colspan, columns - c)):
                    grid[r + dr][c + dc] = cell
            c += cell.colspan
    return grid


def linearise(table: m.Table) -> list[m.Block]:
    """One list item a row: 'Heading: value' for every cell. A heading over several header rows
    joins them ('Visits 2025'); a value spanning rows is repeated in each row's item."""
    columns = table.columns
    headings = []
    head = _grid(table.head, columns)
    for c in range(columns):
        parts: list[str] = []
        for row in head:
            cell = row[c]
            text = _cell_text(cell) if cell is not None else ""
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        headings.append(" ".join(parts))
    items: list[list[m.Block]] = []
    for row in _grid(table.body + table.foot, columns):
        paragraphs: list[m.Block] = []
        previous: m.Cell | None = None
        for c, cell in enumerate(row):
            if cell is None or cell is previous:
                continue  # a cell spanning columns is read once
            previous = cell
            value = _cell_text(cell)
            if not value:
                continue
            label = headings[c]
            if label:
                inlines: list[m.Inline] = [m.Styled("strong", [m.Text(f"{label}: ")]), m.Text(value)]
            else:
                inlines = [m.Text(value)]
            paragraphs.append(m.Paragraph(inlines))
        if paragraphs:
            items.append(paragraphs)
    lst = m.ListBlock(ordered=False, items=items)
    if table.caption:
        return [m.Paragraph([m.Styled("strong", list(table.caption))]), lst]
    return [lst]


def column_shares(table: m.Table, line_chars: float) -> list[float]:
    """Each column's share of the table's width, from what its cells hold (as a browser lays out a
    table): a column of long text gets the room, a column of figures only what its longest entry
    needs, and no column is narrower than its longest word when the line has room for them all.
    `line_chars` is how many characters of body text fit on one line of the page."""
    columns = table.columns
    widest_word = [1] * columns
    widest_text = [1] * columns
    for row in _grid(table.head + table.body + table.foot, columns):
        for c, cell in enumerate(row):
            if cell is None or cell.colspan > 1:
                continue  # a spanning cell says nothing about one column's width
            text = _cell_text(cell)
            widest_word[c] = max(widest_word[c], *(len(w) for w in text.split()), 1)
            widest_text[c] = max(widest_text[c], len(text))
    room = line_chars - _CELL_PADDING_CHARS * columns
    wanted: list[float]
    if sum(widest_text) <= room:
        wanted = [float(w) for w in widest_text]
    elif sum(widest_word) >= room:
        wanted = [float(w) for w in widest_word]
    else:
        flexible = [text - word for text, word in zip(widest_text, widest_word, strict=True)]
        spare = (room - sum(widest_word)) / sum(flexible)
        wanted = [word + spare * flex for word, flex in zip(widest_word, flexible, strict=True)]
    total = sum(wanted)
    return [w / total for w in wanted]


# A cell's padding and rule, in characters of body text: room no column's text can use.
_CELL_PADDING_CHARS = 1.5
