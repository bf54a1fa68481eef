"""Issue 14: braille a reader can trust (lists, word division, round trip, headings, emphasis,
tables, PEF metadata). Each test gives the input and the cells expected."""

from __future__ import annotations

from accessconv import model as m
from accessconv.formats.braille.cells import BLANK, from_ascii, to_ascii
from braille_builders import body_rows, doc, heading, indent_of, layout, para

WIDTH = 40


def _item(*parts: str) -> list[m.Block]:
    return [para(*parts)]


def _ascii(rows: list[str]) -> list[str]:
    return [to_ascii(r) for r in rows]


# ---------------------------------------------------------------- 1. lists


def test_list_has_bullets_blank_lines_around_and_hanging_indents() -> None:
    long_item = "pay is low and the hours are long, which makes it hard to stay in the job"
    nested = m.ListBlock(False, [_item("nested item that is long enough to run over the line end"), _item("two")])
    lst = m.ListBlock(False, [_item("staff"), [para(long_item), nested]])
    rows = _ascii(body_rows(layout(doc(heading(1, "T"), para("People told us that:"), lst, para("After.")),
                                   title_page=False)))
    i = rows.index("  ,P TOLD U T3")
    assert rows[i + 1] == ""  # blank line before the list
    assert rows[i + 2] == "_4 /AFF"  # UEB bullet at cell 1
    assert rows[i + 3].startswith("_4 PAY IS L[")
    assert indent_of(from_ascii(rows[i + 4])) == 2  # run-over at cell 3
    assert rows[i + 5].startswith("  _4 NE/$ ITEM")  # nested item at cell 3
    assert indent_of(from_ascii(rows[i + 6])) == 4  # its run-over at cell 5
    assert rows[i + 7] == "  _4 TWO"
    assert rows[i + 8] == ""  # blank line after the list
    assert rows[i + 9] == "  ,AF4"


def test_numbered_list_keeps_numbers_at_cell_1() -> None:
    lst = m.ListBlock(True, [_item("one"), _item("two")])
    rows = _ascii(body_rows(layout(doc(heading(1, "T"), para("Intro."), lst), title_page=False)))
    i = rows.index("#A4 \"O")
    assert rows[i - 1] == "" and rows[i + 1] == "#B4 TWO"


# ---------------------------------------------------------------- 5. emphasis before punctuation


def test_bold_ending_before_a_full_stop_gets_the_ueb_indicators() -> None:
    p = m.Paragraph([m.Styled("strong", [m.Text("Closing date: 1 March 2027")]), m.Text(".")])
    rows = _ascii(body_rows(layout(doc(heading(1, "T"), p), title_page=False)))
    assert "  ^7,CLOS+ DATE3 #A ,M>* #BJBG4^'" in rows


def test_bold_word_before_a_full_stop() -> None:
    p = m.Paragraph([m.Text("Staff feel "), m.Styled("strong", [m.Text("valued")]), m.Text(".")])
    rows = _ascii(body_rows(layout(doc(heading(1, "T"), p), title_page=False)))
    assert "  ,/AFF FEEL ^1VALU$4" in rows
