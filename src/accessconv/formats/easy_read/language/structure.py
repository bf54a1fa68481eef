"""Structure: map the draft's blocks onto Easy Read sections and the units that become points.

- Each heading starts a section (the main heading is the document's title, not a section).
- A paragraph is a unit whose sentences each become a point; a list item is one unit (one point),
  nested lists included; a table becomes one unit per row ("Care worker vacancies." "Now (2026):
  1 in 8 posts."), with its caption as a unit before the rows.
- A quotation keeps its words: it is not split or reworded (a person said it).
- Footnotes are folded in as units straight after the paragraph that points to them, or, if the
  profile says not to, dropped with a note on the review sheet.
- A definition list (the draft's own "hard words") feeds the Hard words explanations instead of
  becoming points; the lead-in line just before it ("Hard words we use:") is dropped.
- The draft's own pictures are left out (each point gets a picture of its own); noted for the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from .... import model as m
from . import addresses
from .text import PLACEHOLDER, Spans, capitalise, end_sentence, squash
from .wordlists import grammar, word_set

UnitKind = Literal["paragraph", "item", "row", "caption", "quote", "note", "code"]


@dataclass
class Unit:
    text: str  # protected text (see text.Spans)
    kind: UnitKind
    source: str  # the draft's words, for the review sheet

    @property
    def rewrite(self) -> bool:
        """Quotations and code keep their exact words."""
        return self.kind not in {"quote", "code"}


@dataclass
class RawSection:
    heading: str
    units: list[Unit] = field(default_factory=list)


@dataclass
class Structure:
    sections: list[RawSection]
    definitions: dict[str, str]  # the draft's own hard words -> meaning
    changes: list[str] = field(default_factory=list)
    dropped_notes: list[str] = field(default_factory=list)  # footnotes left out (review sheet)


def build(doc: m.Document, blocks: list[m.Block], spans: Spans, fold_footnotes: bool) -> Structure:
    builder = _Builder(doc, spans, fold_footnotes)
    builder.blocks(blocks)
    sections = [s for s in builder.sections if s.units]
    for section in sections:
        section.units = _join_addresses(section.units, spans)
    return Structure(sections, builder.definitions, builder.changes, builder.dropped_notes)


class _Builder:
    def __init__(self, doc: m.Document, spans: Spans, fold_footnotes: bool) -> None:
        self.doc = doc
        self.spans = spans
        self.fold = fold_footnotes
        self.sections: list[RawSection] = [RawSection("")]
        self.definitions: dict[str, str] = {}
        self.changes: list[str] = []
        self.dropped_notes: list[str] = []
        self.notes_done: set[int] = set()
        self.seen_title = False

    @property
    def current(self) -> RawSection:
        return self.sections[-1]

    def add(self, inlines: list[m.Inline], kind: UnitKind) -> None:
        notes: dict[int, list[str]] = {}
        text = self.spans.flatten(inlines, notes, addresses.join_breaks)
        parts = _typed_bullets(text) if kind == "paragraph" else []
        if len(parts) > 1:
            # Bullets typed as characters ("• one • two", often pasted from a web page) are a
            # list: each becomes its own point, as a real list item would.
            lead, items = parts[0], parts[1:]
            if lead:
                self.current.units.append(Unit(lead, kind, self.spans.restore(lead)))
            for item in items:
                tidy = _tidy_item(item)
                self.current.units.append(Unit(tidy, "item", self.spans.restore(item)))
            self.changes.append(
                f"A line with {len(items)} bullet points typed as characters became {len(items)} points "
                "(in the draft, use Word's list buttons instead)."
            )
        elif text:
            self.current.units.append(Unit(text, kind, self.spans.restore(text)))
        for number in sorted(notes):
            self.footnote(number)

    def footnote(self, number: int) -> None:
        if number in self.notes_done or not 0 < number <= len(self.doc.notes):
            return
        self.notes_done.add(number)
        blocks = self.doc.notes[number - 1]
        text = squash(" ".join(m.plain_text(m.block_inlines(b)) for b in m.walk_blocks(blocks)))
        if not self.fold:
            self.dropped_notes.append(text)
            return
        for block in m.walk_blocks(blocks):
            if isinstance(block, m.Paragraph):
                self.add(block.inlines, "note")
        self.changes.append(f"Footnote {number} was added to the text after the point that refers to it.")

    def blocks(self, blocks: list[m.Block], kind: UnitKind = "paragraph") -> None:
        for index, block in enumerate(blocks):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            self.block(block, kind, following)

    def block(self, block: m.Block, kind: UnitKind, following: m.Block | None) -> None:
        if isinstance(block, m.Heading):
            self.heading(block)
        elif isinstance(block, m.Paragraph):
            self.paragraph(block, kind, following)
        elif isinstance(block, m.ListBlock):
            for item in block.items:
                self.list_item(item)
        elif isinstance(block, m.Table):
            self.table(block)
        elif isinstance(block, m.BlockQuote):
            self.blocks(block.blocks, "quote")
        elif isinstance(block, m.CodeBlock):
            if block.text.strip():
                placeholder = self.spans.add(m.Code(block.text))
                self.current.units.append(Unit(placeholder, "code", block.text))
        elif isinstance(block, m.DefinitionList):
            self.definition_list(block)
        elif isinstance(block, m.Figure):
            self.figure(block)

    def heading(self, block: m.Heading) -> None:
        if block.level == 1 and not self.seen_title:
            self.seen_title = True
            return
        self.sections.append(RawSection(squash(m.plain_text(block.inlines))))

    def paragraph(self, block: m.Paragraph, kind: UnitKind, following: m.Block | None) -> None:
        lead_in = m.plain_text(block.inlines).rstrip().endswith(":")
        if lead_in and isinstance(following, m.DefinitionList):
            self.changes.append(
                f"The line '{squash(m.plain_text(block.inlines))}' was left out: its list of "
                "hard words is in the Hard words section."
            )
            return
        self.add(block.inlines, kind)

    def definition_list(self, block: m.DefinitionList) -> None:
        for entry in block.items:
            term = squash(m.plain_text(entry.term))
            meaning = " ".join(
                m.plain_text(m.block_inlines(b)) for d in entry.definitions for b in m.walk_blocks(d)
            )
            if term and meaning.strip():
                self.definitions[term] = squash(meaning)
        self.changes.append(
            f"The draft's own list of {len(block.items)} hard words was moved to the Hard words section."
        )

    def figure(self, block: m.Figure) -> None:
        alt = squash(block.image.alt or m.plain_text(block.caption))
        named = f"The draft's picture '{alt}'" if alt else "A picture in the draft (it has no alt text)"
        self.changes.append(f"{named} is not in the Easy Read version: each point gets its own picture.")
        if block.caption:
            self.add(block.caption, "caption")

    def list_item(self, item: list[m.Block]) -> None:
        inlines: list[m.Inline] = []
        nested: list[m.Block] = []
        for block in item:
            if isinstance(block, m.Paragraph) and not nested:
                if inlines:
                    inlines.append(m.Text(" "))
                inlines.extend(block.inlines)
            else:
                nested.append(block)
        if inlines:
            notes: dict[int, list[str]] = {}
            text = _tidy_item(self.spans.flatten(inlines, notes, addresses.join_breaks))
            if text:
                self.current.units.append(Unit(text, "item", self.spans.restore(text)))
            for number in sorted(notes):
                self.footnote(number)
        self.blocks(nested, "paragraph")

    def table(self, table: m.Table) -> None:
        if table.caption:
            self.add(table.caption, "caption")
        # Footnote marks in cells are folded in after the row (or listed), as for a paragraph.
        notes: dict[int, list[str]] = {}
        headers = [self._cell_text(c, notes) for c in table.head[0].cells] if table.head else []
        previous: list[str] = []
        for row in table.body + table.foot:
            cells = [self._cell_text(c, notes) for c in row.cells]
            sentences = _row_sentences(cells, headers, previous)
            previous = cells
            if sentences:
                text = " ".join(sentences)
                self.current.units.append(Unit(text, "row", self.spans.restore(" | ".join(cells))))
            for number in sorted(notes):
                self.footnote(number)
            notes.clear()
        self.changes.append("A table was turned into one point for each row.")

    def _cell_text(self, cell: m.Cell, notes: dict[int, list[str]]) -> str:
        return squash(
            " ".join(self.spans.flatten(m.block_inlines(b), notes) for b in m.walk_blocks(cell.blocks))
        )


def _row_sentences(cells: list[str], headers: list[str], previous: list[str]) -> list[str]:
    """A table row in plain sentences: its first two cells as one ("Equality: everyone counts.",
    "Standard bin: £48."; in a row of 3 or more cells an amount takes its heading, "Standard bin:
    charge a year £48."), each further cell with its column's heading ("Who it is for: every
    household."). A cell that repeats the one above it ("1. Identifying carers" on two rows) is
    left out: the row before said it. An amount is never left out: "£2.40" again in the row below
    is that row's own price, and without it the row says "Swimming (aged 66 and over)." only."""
    kept = [
        (index, cell)
        for index, cell in enumerate(cells)
        if cell
        and not (
            index < len(previous) and previous[index] == cell and len(cells) > 2 and not _is_amount(cell)
        )
    ]
    if not kept:
        return []
    if len(kept) >= 2 and (kept[0][0], kept[1][0]) == (0, 1):
        (_, first), (_, second) = kept[0], kept[1]
        label = headers[1] if len(headers) > 1 and len(cells) > 2 else ""
        if label and _is_amount(second):
            # A row of 3 or more cells: its other cells carry their headings, so a bare amount
            # here ("Standard bin: £48.") would lose what it counts ("Charge a year").
            second = f"{_lower_first(label.rstrip('.:'))} {second}"
        sentences = [_full_stop(f"{first.rstrip('.:')}: {_lower_first(second)}")]
        rest = kept[2:]
    else:
        sentences, rest = [], kept
    for index, cell in rest:
        label = headers[index] if index < len(headers) else ""
        sentences.append(_full_stop(f"{label}: {_lower_first(cell)}" if label and index else cell))
    return sentences


_AMOUNT = re.compile(r"[£$€]?\s?\d[\d,]*(?:\.\d+)?\s?%?")


def _is_amount(cell: str) -> bool:
    """A cell that is only an amount, a number or a share ("£48", "85%", "1,200"): it says nothing
    of what it counts. A time or a date ("10am to 1pm", "3 May") says what it is."""
    return _AMOUNT.fullmatch(cell.strip()) is not None


def _typed_bullets(text: str) -> list[str]:
    """[lead, item, item, ...] when the text holds bullet characters (from grammar.toml), else []."""
    marks = "".join(re.escape(b) for b in sorted(word_set("bullet_marks")))
    parts = [p.strip() for p in re.split(rf"(?:^|\s)[{marks}]\s+", text)]
    # Two bullets or more, or one at the start: a lone mark inside a sentence is not a list.
    if len(parts) < 2 or (len(parts) == 2 and parts[0]):
        return []
    return [parts[0], *(p for p in parts[1:] if p)]


def _tidy_item(text: str) -> str:
    """A list item as a sentence: no trailing ";" or ", and"; starts with a capital; ends with a stop."""
    text = re.sub(r"[;,]?\s+(?:and|or)\s*$", "", text.strip(), flags=re.IGNORECASE) or text
    text = text.rstrip(";,").strip()
    if not text or PLACEHOLDER.match(text[-1]):
        # "Email: name@council.gov.uk": no full stop that could be read as part of the address.
        return capitalise(text)
    return _full_stop(capitalise(text))


def _full_stop(text: str) -> str:
    return end_sentence(text)


def _lower_first(text: str) -> str:
    """ "Recognising that..." after a label's colon -> "recognising that..."; names keep capitals
    ("Pension Credit", "Monday", "I")."""
    said = text.split(" ", 2)
    first = said[0]
    named = len(said) > 1 and said[1][:1].isupper()
    word = first[1:].islower() or (first == "A" and len(said) > 1)
    calendar = grammar().get("key_terms", {}).get("calendar_names", [])  # months and days are names
    if not word or named or first.strip(".,;:").lower() in calendar:
        return text
    return text[:1].lower() + text[1:]


def _join_addresses(units: list[Unit], spans: Spans) -> list[Unit]:
    """A postal address written one line a paragraph becomes one paragraph, its lines joined with
    commas (addresses.py), and joins the paragraph that leads into it ("Send it to:"): the whole
    address is then one contact, kept with its lead, never half of it."""
    out = list(units)
    paragraphs = [i for i, u in enumerate(out) if u.kind == "paragraph"]
    for start, end in reversed(addresses.address_runs([out[i].text for i in paragraphs])):
        run = paragraphs[start:end]
        if run != list(range(run[0], run[-1] + 1)):
            continue  # a list or table between: not one address
        text = addresses.join([out[i].text for i in run])
        out[run[0] : run[-1] + 1] = [Unit(text, "paragraph", spans.restore(text))]
    for index in range(len(out) - 1, 0, -1):
        unit, before = out[index], out[index - 1]
        if (
            unit.kind == before.kind == "paragraph"
            and before.text.rstrip().endswith(":")
            and addresses.is_address(unit.text)
        ):
            text = f"{before.text.rstrip()} {unit.text}"
            out[index - 1 : index + 1] = [Unit(text, "paragraph", spans.restore(text))]
    return out

