"""Shared helpers for the braille tests: profiles, drafts built in code, and reading files back."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from accessconv import model as m
from accessconv import profiles
from accessconv.formats.braille.cells import BLANK
from accessconv.formats.braille.layout import Layout, lay_out
from accessconv.formats.braille.plugin import make_translator


def profile(name: str = "braille", **settings):
    """A built-in braille profile, with some settings changed."""
    p = profiles.load(name)
    if settings:
        p = dataclasses.replace(p, settings=dataclasses.replace(p.settings, **settings))
    return p


def doc(
    *blocks: m.Block, title: str = "Test document", notes: list[list[m.Block]] | None = None
) -> m.Document:
    return m.Document(title=title, language="en-GB", blocks=list(blocks), notes=notes or [])


def para(*parts: str | m.Inline) -> m.Paragraph:
    return m.Paragraph([m.Text(p) if isinstance(p, str) else p for p in parts])


def heading(level: int, text: str) -> m.Heading:
    return m.Heading(level, [m.Text(text)])


def layout(document: m.Document, name: str = "braille", **settings) -> Layout:
    s = profile(name, **settings).settings
    return lay_out(document, s, make_translator(s))


def body_rows(lay: Layout) -> list[str]:
    """Every row of the numbered pages except the page-number rows."""
    return [row for page in lay.pages for row in page[1:]]


def cells_of(rows: list[str]) -> str:
    """The braille of some rows as one string: line breaks and indents become single blanks."""
    return BLANK.join(w for row in rows for w in row.split(BLANK) if w)


def louis_cells(text: str, table: str = "en-ueb-g2.ctb", typeform: list[int] | None = None) -> str:
    import louis

    return louis.translateString([table], text, typeform=typeform, mode=louis.dotsIO | louis.ucBrl)


def indent_of(row: str) -> int:
    return len(row) - len(row.lstrip(BLANK))


def write_draft(folder: Path, name: str, markdown: str) -> Path:
    path = folder / name
    path.write_text(markdown, encoding="utf-8")
    return path
