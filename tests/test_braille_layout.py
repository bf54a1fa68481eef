"""Braille page layout: UK conventions on drafts built in code."""

from __future__ import annotations

from accessconv import model as m
from accessconv.formats.braille.cells import BLANK
from accessconv.formats.braille.translate import back_translate
from braille_builders import body_rows, cells_of, doc, heading, indent_of, layout, louis_cells, para

WIDTH = 40


def _row_with(rows: list[str], cells: str) -> str:
    return next(r for r in rows if cells in r)


def test_words_are_never_split_and_lines_fit() -> None:
    text = " ".join(["responsibilities", "co-production", "commissioning", "wellbeing"] * 30)
    lay = layout(doc(para(text)))
    rows = body_rows(lay)
    assert all(len(r) <= WIDTH for r in rows)
    words = set(louis_cells(text).split(BLANK)) | set(louis_cells("Test document").split(BLANK))
    for row in rows:
        for word in row.split(BLANK):
            assert not word or word in words  # every piece of a line is a whole word


def test_a_word_longer_than_a_line_is_divided_with_the_continuation_indicator() -> None:
    url = "https://www.northbrook.example.gov.uk/adult-social-care/workforce-strategy-consultation-2027"
    rows = body_rows(layout(doc(para("See ", m.Link([m.Text(url)], url), " today."))))
    divided = [r for r in rows if r.endswith("⠐")]
    assert divided, rows
    assert all(len(r) <= WIDTH for r in rows)


def test_main_heading_centred_lower_headings_at_the_margin_with_a_blank_line_before() -> None:
    lay = layout(
        doc(heading(1, "Strategy"), para("Intro."), heading(2, "About"), para("Text."), heading(3, "Money"))
    )
    page = lay.pages[0]
    title = louis_cells("Strategy")
    row = _row_with(page, title)
    assert abs(indent_of(row) - (WIDTH - len(title)) // 2) <= 1
    about = page.index(_row_with(page, louis_cells("About")))
    assert indent_of(page[about]) == 4  # cell 5
    assert page[about - 1] == ""
    money = page.index(_row_with(page, louis_cells("Money")))
    assert indent_of(page[money]) == 0 and page[money - 1] == ""


def test_a_long_heading_wraps_and_stays_centred() -> None:
    title = "Draft Adult Social Care Workforce Strategy for Northbrook Borough Council 2027 to 2030"
    lay = layout(doc(heading(1, title), para("Text.")), title_page=False)
    rows = [r for r in lay.pages[0][1:] if r][:3]
    assert len(rows[0].strip(BLANK)) <= WIDTH and len(rows) >= 2
    for row in rows[:2]:
        assert abs(indent_of(row) - (WIDTH - len(row.strip(BLANK))) // 2) <= 1
    assert cells_of(rows[:2]) in cells_of([louis_cells(title)]) or louis_cells(title) == cells_of(rows[:2])


def test_heading_is_never_the_last_line_of_a_page() -> None:
    filler = [para("Line of text that fills the page nicely.") for _ in range(22)]
    lay = layout(doc(*filler, heading(2, "Next part"), para("Its text.")), title_page=False)
    for page in lay.pages:
        last = [r for r in page if r][-1]
        assert louis_cells("Next part") not in last


def test_paragraph_styles() -> None:
    text = "A paragraph long enough to run over on to a second braille line for sure."
    indented = body_rows(layout(doc(para(text), para(text)), paragraph_style="indented", title_page=False))
    body = [r for r in indented if r][1:]  # after the main heading
    assert indent_of(body[0]) == 2 and indent_of(body[1]) == 0  # cell 3, run-over cell 1
    assert "" not in indented[indented.index(body[0]) :]  # no blank lines between paragraphs
    blocked = body_rows(layout(doc(para(text), para(text)), paragraph_style="blocked", title_page=False))
    body = [r for r in blocked[blocked.index(_row_with(blocked, louis_cells("Test document"))) + 1 :]]
    assert body[0] == "" and indent_of(body[1]) == 0
    assert "" in body[2:]  # a blank line between the paragraphs


def test_nested_lists_hanging_indent_bullets_kept_numbers_kept() -> None:
    long = "an item with enough words in it to run over on to the next braille line"
    lst = m.ListBlock(
        False,
        [
            [para("First " + long), m.ListBlock(True, [[para("Nested " + long)], [para("Second")]])],
            [para("Last")],
        ],
    )
    rows = [r for r in body_rows(layout(doc(lst), title_page=False)) if r][1:]
    first = rows.index(_row_with(rows, louis_cells("• First")))
    assert indent_of(rows[first]) == 0 and indent_of(rows[first + 1]) == 2  # cell 1, run-over cell 3
    assert rows[first].startswith("⠸⠲⠀")  # the UEB bullet (issue 14: bullets kept)
    nested = _row_with(rows, louis_cells("1. Nested"))
    assert indent_of(nested) == 2  # nested items two cells in
    assert indent_of(rows[rows.index(nested) + 1]) == 4
    assert indent_of(_row_with(rows, louis_cells("2. Second"))) == 2


def _table(rows: list[list[str]], header: list[str]) -> m.Table:
    def row(values: list[str]) -> m.Row:
        return m.Row([m.Cell([para(v)]) for v in values])

    return m.Table([row(header)], [row(r) for r in rows])


def test_a_narrow_table_is_aligned_in_columns() -> None:
    table = _table([["Pay", "£12.60", "£14.00"], ["Leavers", "25%", "15%"]], ["Measure", "Now", "Target"])
    rows = [r for r in body_rows(layout(doc(table), title_page=False)) if r]
    head = _row_with(rows, louis_cells("Measure"))
    pay = _row_with(rows, louis_cells("Pay"))
    now = head.index(louis_cells("Now"))
    assert pay.index(louis_cells("£12.60")) == now  # columns line up
    assert head.index(louis_cells("Target")) == _row_with(rows, louis_cells("Leavers")).index(
        louis_cells("15%")
    )


def test_a_wide_table_is_linearised_heading_value() -> None:
    header = ["Measure", "Now (2026)", "Target (2030)"]
    table = _table([["Care workers with a care qualification", "48 per cent", "70 per cent"]], header)
    rows = body_rows(layout(doc(table), title_page=False))
    back = back_translate(("en-ueb-g2.ctb",), cells_of(rows))
    assert "Measure: Care workers with a care qualification; Now (2026): 48 per cent; Target (2030)" in back


def test_images_become_transcribers_notes_and_footnotes_go_to_the_end() -> None:
    picture = m.Image(alt="A group of people around a table", data=None)
    d = doc(
        para("Text with a note", m.NoteRef(1), "."),
        m.Figure(picture, [m.Text("The group")]),
        heading(2, "Later section"),
        para("More text."),
        notes=[[para("The group has twelve members.")]],
    )
    rows = body_rows(layout(d, title_page=False))
    text = cells_of(rows)
    start = text.index("⠈⠨⠣")
    assert "Picture: A group of people around a table" in back_translate(
        ("en-ueb-g2.ctb",), text[start + 3 : text.index("⠈⠨⠜")]
    )
    assert (
        text.index(louis_cells("Later section"))
        < text.index(louis_cells("Notes"))
        < text.index(louis_cells("1. The group has twelve members."))
    )
    by_section = cells_of(body_rows(layout(d, title_page=False, notes_placement="section")))
    assert by_section.index(louis_cells("Notes")) < by_section.index(louis_cells("Later section"))


def test_page_numbers_top_right_and_pages_full() -> None:
    lay = layout(doc(*[para(f"Paragraph number {n} of a long document.") for n in range(60)]))
    assert lay.title_page is not None and len(lay.pages) >= 3
    for number, page in enumerate(lay.pages, start=1):
        assert len(page) <= 25
        assert page[0].endswith(louis_cells(str(number)))
        assert page[0].strip(BLANK) == louis_cells(str(number))


def test_empty_sections_and_empty_document() -> None:
    lay = layout(doc(heading(2, "Empty"), heading(2, "Also empty"), para("")))
    text = cells_of(body_rows(lay))
    assert louis_cells("Empty") in text and louis_cells("Also empty") in text
    assert layout(doc()).pages  # a document with no body still has a page with its title


def test_block_quotes_are_indented() -> None:
    quote = m.BlockQuote(
        [para("Being asked what I think, and then seeing it in the plan, made me feel listened to.")]
    )
    rows = [r for r in body_rows(layout(doc(para("Before."), quote), paragraph_style="blocked")) if r]
    quoted = rows.index(_row_with(rows, louis_cells("Being")[:4]))
    assert indent_of(rows[quoted]) == 2 and indent_of(rows[quoted + 1]) == 2
    assert indent_of(_row_with(rows, louis_cells("Before."))) == 0


def test_code_keeps_its_lines_and_indentation_uncontracted() -> None:
    code = m.CodeBlock("def hello():\n    return the")
    rows = [r for r in body_rows(layout(doc(code), title_page=False)) if r]
    first = _row_with(rows, louis_cells("def", "en-ueb-g1.ctb"))
    second = rows[rows.index(first) + 1]
    assert indent_of(first) == 0 and indent_of(second) == 4
    assert second.endswith("⠞⠓⠑") and "⠮" not in second  # "the" spelled out, not contracted
