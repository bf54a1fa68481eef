"""Braille translation against liblouis itself, and the things UK readers must get right."""

from __future__ import annotations

import pytest

from accessconv import model as m
from accessconv.formats.braille.cells import is_six_dot
from accessconv.formats.braille.translate import back_translate
from braille_builders import body_rows, cells_of, doc, heading, layout, louis_cells, para

PLAIN = [
    "Northbrook Borough Council wants every person who draws on care and support to be helped by "
    "staff who are skilled, valued and able to stay in their jobs over the next three years.",
    "We wrote this draft together with the Working Together Group, who met with officers eight times.",
    "This is a draft. We want to hear what you think before we finalise it.",
]


@pytest.mark.parametrize(
    "name,table", [("braille", "en-ueb-g2.ctb"), ("braille-uncontracted", "en-ueb-g1.ctb")]
)
@pytest.mark.parametrize("style", ["indented", "blocked"])
def test_plain_paragraphs_equal_liblouis(name: str, table: str, style: str) -> None:
    lay = layout(doc(*[para(t) for t in PLAIN]), name, paragraph_style=style, title_page=False)
    # The main heading (the title) comes first; the paragraphs follow, wrapped over many lines.
    got = cells_of(body_rows(lay))
    want = cells_of([louis_cells("Test document", table)] + [louis_cells(t, table) for t in PLAIN])
    assert got == want
    assert len(body_rows(lay)) > 6  # really wrapped


def test_emphasis_uses_ueb_indicators() -> None:
    d = doc(
        para(
            "This is ", m.Styled("strong", [m.Text("important")]), " and ", m.Styled("emph", [m.Text("new")])
        ),
        para(m.Styled("underline", [m.Text("Underlined")]), " words"),
    )
    text = cells_of(body_rows(layout(d, title_page=False)))
    assert "⠘⠂" in text  # bold word indicator (dots 45, 2)
    assert "⠨⠂" in text  # italic word indicator (dots 46, 2)
    assert "⠸⠂" in text  # underline word indicator (dots 456, 2)
    plain = cells_of(body_rows(layout(doc(para("This is important and new")), title_page=False)))
    assert "⠘⠂" not in plain and "⠨⠂" not in plain


def test_web_and_email_addresses_are_not_contracted() -> None:
    d = doc(
        para("Write to workforce.strategy@northbrook.example.gov.uk or see www.northbrook.example.gov.uk."),
        para(m.Link([m.Text("the council website")], "https://www.northbrook.example.gov.uk/workforce")),
    )
    # Wide lines, so no address has to be divided (that is tested with the layout).
    cells = cells_of(body_rows(layout(d, title_page=False, cells_per_line=90)))
    text = back_translate(("en-ueb-g1.ctb",), cells)
    # Uncontracted braille reads back letter for letter with the grade 1 table.
    assert "workforce.strategy@northbrook.example.gov.uk" in text
    assert "www.northbrook.example.gov.uk" in text
    assert "https://www.northbrook.example.gov.uk/workforce" in text  # the link's address is shown
    contracted = louis_cells("workforce")
    assert contracted not in cells


@pytest.mark.parametrize(
    "text,braille",
    [
        ("£1.2 million", "⠈⠇⠼⠁⠲⠃"),  # pound sign then the number
        ("25% of staff", "⠼⠃⠑⠨⠴"),  # percent sign dots 46, 356
        ("Café owners", "⠉⠁⠋⠘⠌⠑"),  # acute accent (dots 45, 34) before the e
        ("phone 01632 960 123", "⠼⠚⠁⠋⠉⠃⠐⠊⠋⠚⠐⠁⠃⠉"),  # numeric space keeps the number together
        ("2026 – 2030", "⠠⠤"),  # en dash
        ("“quoted”", "⠦⠟⠥⠕⠞⠫⠴"),  # UEB double quotation marks (dots 236 ... 356)
        ("wait…", "⠲⠲⠲"),  # ellipsis
        ("at 9:30am", "⠼⠊⠒⠼⠉⠚⠰⠁⠍"),  # a time: colon between two numbers
        ("by 31/01/2027", "⠼⠉⠁⠸⠌⠼⠚⠁⠸⠌⠼⠃⠚⠃⠛"),  # a date with slashes
        ("Zoë Brontë", "⠠⠵⠕⠘⠒⠑"),  # diaeresis (dots 45, 25) before the e
        ("the council’s plan", "⠉⠳⠝⠉⠊⠇⠄⠎"),  # curly apostrophe
    ],
)
def test_symbols_come_out_right(text: str, braille: str) -> None:
    got = cells_of(body_rows(layout(doc(para(text)), title_page=False)))
    assert braille in got
    assert all(is_six_dot(c) for c in got)


def test_non_latin_text_becomes_a_transcribers_note_not_escape_codes() -> None:
    lay = layout(doc(para("Hello 日本語 and Ελληνικά and 😀 done")), title_page=False)
    rows = body_rows(lay)
    text = cells_of(rows)
    assert all(is_six_dot(c) for c in text)  # no dot-7 escape cells
    assert "⠈⠨⠣" in text and "⠈⠨⠜" in text  # transcriber's note indicators
    back = back_translate(("en-ueb-g2.ctb",), text)
    assert "print symbols not in" in back
    assert "\\" not in back
    assert any("日" in note for note in lay.notes)  # the report names the characters


def test_headings_and_lists_translate_with_the_same_table() -> None:
    lay = layout(
        doc(heading(1, "Our priorities"), m.ListBlock(True, [[para("Recruitment")]])), title_page=False
    )
    text = cells_of(body_rows(lay))
    assert louis_cells("Our priorities") in text
    assert louis_cells("1. Recruitment") in text


def test_paragraph_with_emphasis_equals_liblouis_on_the_whole_paragraph() -> None:
    # The braille must be exactly what liblouis gives for the whole paragraph and typeform.
    first = "We will focus on four priorities. "
    bold = "Recruitment matters most"
    rest = ". The council has set aside £1.2 million! Is that enough? Phone 01632 960 123 today."
    d = doc(para(first, m.Styled("strong", [m.Text(bold)]), rest))
    text = first + bold + rest
    # The full stop after the bold takes the bold too (issue 14: UEB indicators before punctuation).
    typeform = [0] * len(first) + [4] * (len(bold) + 1) + [0] * (len(rest) - 1)
    got = cells_of(body_rows(layout(d, title_page=False)))
    assert got == cells_of([louis_cells("Test document"), louis_cells(text, typeform=typeform)])


def test_unknown_table_is_a_profile_error() -> None:
    from accessconv.errors import ProfileError

    with pytest.raises(ProfileError, match="cannot be loaded by liblouis"):
        layout(doc(para("Hello")), tables=["en-xx-no-such-table.ctb"])
