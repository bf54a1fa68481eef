"""Make a document's headings a clean outline: exactly one main heading, no skipped levels.

Writers call this before writing, so every output gets the same fixed structure, and the report
tells the officer what was changed so the draft can be fixed once at source.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from . import model as m


@dataclass
class Outline:
    blocks: list[m.Block]
    # The main heading (level 1), possibly made from the document title.
    title_heading: m.Heading
    notes: list[str]


def normalise(doc: m.Document) -> Outline:
    """Return blocks whose headings start at one level 1 and never skip a level.

    Rules: a draft with exactly one level-1 heading, coming before any other heading, keeps it as
    the main heading. Otherwise the document title becomes the main heading and the draft's
    headings move down so the highest becomes level 2. Then any jump (2 -> 4) is closed up."""
    # Only top-level headings change, so copy those and share every other block (a deep copy
    # of a long draft costs more than the rest of the HTML writer).
    blocks = [dataclasses.replace(b) if isinstance(b, m.Heading) else b for b in doc.blocks]
    headings = [b for b in blocks if isinstance(b, m.Heading)]
    notes: list[str] = []
    top = min((h.level for h in headings), default=1)
    ones = [h for h in headings if h.level == 1]
    if headings and headings[0].level == 1 and len(ones) == 1:
        title_heading = headings[0]
        rest = headings[1:]
    else:
        title_heading = m.Heading(1, [m.Text(doc.title)])
        blocks.insert(0, title_heading)
        shift = 2 - top
        if headings and shift:
            for h in headings:
                h.level += shift
            if len(ones) > 1:
                notes.append(
                    f"The draft has {len(ones)} top-level headings; the document title became the "
                    "main heading and the draft's headings moved down one level."
                )
            else:
                notes.append(
                    "The draft's headings did not start with one main heading; the document title "
                    "became the main heading and the other headings were renumbered from level 2."
                )
        rest = headings
    previous = 1
    for h in rest:
        if h.level > previous + 1:
            notes.append(
                f"Heading '{_short(m.plain_text(h.inlines))}' skipped from level {previous} to "
                f"{h.level}; it is now level {previous + 1}."
            )
            h.level = previous + 1
        previous = h.level
    _assign_ids(blocks)
    return Outline(blocks, title_heading, notes)


def _assign_ids(blocks: list[m.Block]) -> None:
    # Ids the writers use for their own landmarks; a heading never takes one.
    used: set[str] = {"main-content", "contents-heading", "notes-heading"}
    for block in blocks:
        if isinstance(block, m.Heading):
            base = slug(m.plain_text(block.inlines)) or "section"
            # The writers number their own ids (note-1, note-ref-1, table-1-caption).
            if base.startswith("note-") or re.fullmatch(r"table-\d+-caption", base):
                base = "section-" + base
            candidate, n = base, 2
            while candidate in used:
                candidate, n = f"{base}-{n}", n + 1
            used.add(candidate)
            block.id = candidate


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
