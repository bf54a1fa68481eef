"""How the draft's structure maps onto sections and points, and the settings table."""

from __future__ import annotations

from pathlib import Path

import pytest

from accessconv import model as m
from accessconv.errors import ProfileError
from accessconv.formats.easy_read.language.language import LanguageSettings, transform
from accessconv.profiles import build
from easyread_language_builders import settings, settings_table


def para(text: str, *extra: m.Inline) -> m.Paragraph:
    return m.Paragraph([m.Text(text), *extra])


def cell(text: str) -> m.Cell:
    return m.Cell([para(text)])


def draft(*blocks: m.Block, notes: list[list[m.Block]] | None = None) -> m.Document:
    return m.Document("Test plan", "en-GB", [m.Heading(1, [m.Text("Test plan")]), *blocks], notes=notes or [])


def points_of(doc: m.Document, **changes: object) -> list[list[str]]:
    er = transform(doc, settings(**changes))
    return [p.sentences for s in er.sections for p in s.points]


def test_headings_make_sections_and_sentences_make_points() -> None:
    er = transform(
        draft(
            para("Some words before any heading."),
            m.Heading(2, [m.Text("Money")]),
            para("We have money. We will spend it well."),
            m.Heading(3, [m.Text("Training")]),
            para("Staff get training."),
        ),
        settings(),
    )
    assert [s.heading for s in er.sections] == ["Test plan", "Money", "Training"]
    assert [p.sentences for p in er.sections[1].points] == [["We have money."], ["We will spend it well."]]
    assert er.sections[1].points[1].where == "under heading 'Money', point 2"


def test_lists_become_points_nested_too_and_items_become_sentences() -> None:
    items = m.ListBlock(
        False,
        [
            [para("they want the same care workers;")],
            [para("staff need time to talk, and"), m.ListBlock(True, [[para("more time at each visit")]])],
        ],
    )
    assert points_of(draft(items)) == [
        ["They want the same care workers."],
        ["Staff need time to talk."],
        ["More time at each visit."],
    ]


def test_tables_become_a_point_for_each_row() -> None:
    table = m.Table(
        head=[m.Row([cell("Measure"), cell("Now"), cell("Target")])],
        body=[
            m.Row([cell("Staff who leave"), cell("25%"), cell("20%")]),
            m.Row([cell("Pay"), cell("£12"), cell("")]),
        ],
        caption=[m.Text("Our measures")],
    )
    assert points_of(draft(table)) == [
        ["Our measures"],
        ["Staff who leave: now 1 in 4.", "Target: 1 in 5."],
        ["Pay: now £12."],
    ]


def test_an_amount_in_a_wide_row_keeps_what_it_counts() -> None:
    """ "Standard bin: £48." lost its column's heading ("Charge a year"): in a row of 3 cells or
    more an amount after the row's name takes it; words ("What it means") do not, nor does a
    two-column row, whose heading the row's name already answers."""
    wide = m.Table(
        head=[m.Row([cell("Option"), cell("Charge a year"), cell("Who it is for")])],
        body=[m.Row([cell("Standard bin"), cell("£48"), cell("Every household")])],
    )
    assert points_of(draft(wide)) == [["Standard bin: charge a year £48.", "Who it is for: every household."]]
    words = m.Table(
        head=[m.Row([cell("Principle"), cell("What it means"), cell("Example")])],
        body=[m.Row([cell("Equality"), cell("Everyone counts"), cell("A ramp")])],
    )
    assert points_of(draft(words)) == [["Equality: everyone counts.", "Example: a ramp."]]
    times = m.Table(
        head=[m.Row([cell("Date"), cell("Time"), cell("Place")])],
        body=[m.Row([cell("Tuesday 25 May"), cell("10am to 1pm"), cell("The library")])],
    )
    assert points_of(draft(times)) == [["Tuesday 25 May: 10am to 1pm.", "Place: the library."]]
    narrow = m.Table(
        head=[m.Row([cell("Bin"), cell("Charge a year")])],
        body=[m.Row([cell("Standard bin"), cell("£48")])],
    )
    assert points_of(draft(narrow)) == [["Standard bin: £48."]]


def test_a_wide_table_row_makes_points_of_two_short_sentences() -> None:
    """A row of 3 cells or more: its first two cells as one sentence, each further cell with its
    heading, at most two sentences a point; a cell that repeats the row above is left out."""
    table = m.Table(
        head=[m.Row([cell("Priority"), cell("What we will do"), cell("By when"), cell("Lead")])],
        body=[
            m.Row([cell("Breaks"), cell("A new fund"), cell("June 2027"), cell("Carers Centre")]),
            m.Row([cell("Breaks"), cell("More sitting services"), cell("May 2028"), cell("Carers Centre")]),
        ],
    )
    assert points_of(draft(table), max_sentences_per_point=2) == [
        ["Breaks: a new fund.", "By when: June 2027."],
        ["Lead: Carers Centre."],
        ["What we will do: more sitting services.", "By when: May 2028."],
    ]


def test_an_amount_the_row_above_also_has_is_kept() -> None:
    """The same price in two rows is each row's own fact: the second row is not left without it."""
    table = m.Table(
        head=[m.Row([cell("Activity"), cell("Price now"), cell("Price from May")])],
        body=[
            m.Row([cell("Swimming for adults"), cell("£2.40"), cell("£2.40")]),
            m.Row([cell("Swimming for children"), cell("£2.40"), cell("£3.40")]),
        ],
    )
    points = [s for p in points_of(draft(table), max_sentences_per_point=2) for s in p]
    assert "Swimming for children: price now £2.40." in points
    assert "Price from May: £3.40." in points


def test_a_sentence_opening_this_stays_in_the_point_of_the_sentence_before() -> None:
    """ "This …" leans on the draft sentence before it: one point, when both fit; not after a
    sentence that went, and not when the point before is full."""
    doc = draft(para("The repairs are urgent. This means we will do them soon. We will phone you."))
    assert points_of(doc, max_sentences_per_point=2) == [
        ["The repairs are urgent.", "This means we will do them soon."],
        ["We will phone you."],
    ]
    assert points_of(doc, max_sentences_per_point=1) == [
        ["The repairs are urgent."],
        ["This means we will do them soon."],
        ["We will phone you."],
    ]


def test_footnotes_folded_in_after_their_point_or_dropped_with_a_review_note() -> None:
    doc = draft(
        para("We met the group.", m.NoteRef(1)),
        para("Then we wrote."),
        notes=[[para("It has twelve members.")]],
    )
    assert points_of(doc) == [["We met the group."], ["It has 12 members."], ["Then we wrote."]]
    er = transform(doc, settings(fold_footnotes=False))
    assert [p.sentences for s in er.sections for p in s.points] == [["We met the group."], ["Then we wrote."]]
    assert any(r.kind == "other" and "twelve members" in r.text for r in er.review)


def test_quotations_keep_their_words() -> None:
    doc = draft(
        m.BlockQuote(
            [para("“I utilise the bus every day, and I like it a lot,” said one member of the group.")]
        )
    )
    er = transform(doc, settings())
    (point,) = [p for s in er.sections for p in s.points]
    assert "utilise" in point.sentences[0] and len(point.sentences) == 1
    assert any(r.kind == "long-sentence" and "quotation" in r.suggestion for r in er.review)


def test_definition_list_feeds_hard_words_and_its_lead_in_goes() -> None:
    doc = draft(
        para("We believe in co-production."),
        para("Hard words:"),
        m.DefinitionList(
            [m.DefinitionItem([m.Text("Co-production")], [[para("Working together as equals.")]])]
        ),
    )
    er = transform(doc, settings())
    assert [p.sentences for s in er.sections for p in s.points] == [["We believe in co-production."]]
    assert [(h.word, h.explanation) for h in er.hard_words] == [
        ("Co-production", "Co-production means working together as equals.")
    ]
    (point,) = er.sections[0].points
    assert point.inlines == [
        m.Text("We believe in "),
        m.Styled("strong", [m.Text("co-production")]),
        m.Text("."),
    ]


def test_hard_words_bold_once_and_unexplained_ones_go_to_review() -> None:
    doc = draft(para("Recruitment is hard. We need recruitment and hourly staff."))
    er = transform(doc, settings())
    bold = [
        m.plain_text(n.children)
        for s in er.sections
        for p in s.points
        for n in m.walk_inlines(p.inlines)
        if isinstance(n, m.Styled)
    ]
    # A hard word with no explanation is not bold (issue 12): it goes to the review sheet only.
    assert bold == ["Recruitment"]
    assert [r.text for r in er.review if r.kind == "hard-word"] == ["hourly"]
    assert er.hard_words[0].explanation == "Recruitment means finding and taking on new staff."


def test_links_and_emails_survive_untouched() -> None:
    link = m.Link([m.Text("the council website, which has forms")], "https://example.gov.uk/a")
    doc = draft(m.Paragraph([m.Text("Read "), link, m.Text(" or write to help.me@example.gov.uk today.")]))
    er = transform(doc, settings())
    (point,) = er.sections[0].points
    assert link in point.inlines
    assert "help.me@example.gov.uk" in point.sentences[0]


def test_long_sentences_are_flagged_with_their_place() -> None:
    long = "Northbrook Borough Council wants every person who draws on care to be helped by staff who stay."
    er = transform(draft(m.Heading(2, [m.Text("About")]), para(long)), settings())
    (item,) = [r for r in er.review if r.kind == "unsafe-split"]
    assert item.text == long and item.where == "under heading 'About', point 1"
    assert "17 words" in item.suggestion


def test_settings_block_builds_and_every_threshold_is_required() -> None:
    table = settings_table()
    built = build(LanguageSettings, table, Path("/tmp/easy-read.toml"), "settings.language")
    assert built.max_words_warn == 12 and built.glossary_file is None
    del table["max_words_warn"]
    with pytest.raises(ProfileError, match="max_words_warn"):
        build(LanguageSettings, table, Path("/tmp/easy-read.toml"), "settings.language")


def test_council_file_paths_are_relative_to_the_profile(tmp_path: Path) -> None:
    (tmp_path / "council").mkdir()
    glossary = tmp_path / "council" / "glossary.tsv"
    glossary.write_text("hourly\tFor each hour.\n", encoding="utf-8")
    table = {**settings_table(), "keep_all": True, "glossary_file": "council/glossary.tsv"}
    built = build(LanguageSettings, table, tmp_path / "easy-read.toml", "settings.language")
    assert built.glossary_file == glossary.resolve()
    er = transform(draft(para("We pay hourly staff.")), built)
    assert [(h.word, h.explanation) for h in er.hard_words] == [("hourly", "Hourly means for each hour.")]


def test_settings_that_cannot_work_are_refused_in_plain_words() -> None:
    with pytest.raises(
        ProfileError, match='"max_words_error" \\(10\\) must be at least "max_words_warn" \\(12\\)'
    ):
        settings(max_words_error=10)
    with pytest.raises(ProfileError, match="max_sentences_per_point"):
        settings(max_sentences_per_point=0)


def test_same_draft_same_result() -> None:
    from accessconv.reader import read
    from easyread_language_builders import SAMPLE

    doc = read(SAMPLE)
    assert transform(doc, settings()) == transform(doc, settings())


def test_blocks_of_capitals_become_ordinary_letters_but_acronyms_stay_known() -> None:
    er = transform(draft(para("PLEASE READ THIS BEFORE THE NHS MEETING.")), settings())
    assert er.sections[0].points[0].sentences == [
        "Please read this before the National Health Service meeting."
    ]
    assert not [r for r in er.review if r.kind == "acronym"]
    assert any("capital letters" in c for c in er.changes)


def test_word_non_breaking_hyphens_are_ordinary_hyphens() -> None:
    er = transform(
        draft(para("We believe in co\u2011production and twenty\u2011five people came.")), settings()
    )
    assert er.sections[0].points[0].sentences == ["We believe in co-production and 25 people came."]
    assert [h.word for h in er.hard_words] == ["co-production"]


def test_each_point_keeps_the_draft_sentence_it_came_from() -> None:
    er = transform(draft(para("We utilise the hall. It has eight rooms.")), settings())
    assert [(p.sentences, p.source) for p in er.sections[0].points] == [
        (["We use the hall."], "We utilise the hall."),
        (["It has 8 rooms."], "It has eight rooms."),
    ]


def test_a_cell_after_its_heading_starts_small_unless_it_is_a_name() -> None:
    # "Estimated effect: An average rise" read as two sentences; names, days and months keep capitals.
    table = m.Table(
        head=[m.Row([cell("Change"), cell("Who"), cell("Estimated effect"), cell("Benefit"), cell("Day")])],
        body=[
            m.Row(
                [
                    cell("Higher rate counted"),
                    cell("About 640 people"),
                    cell("An average rise of £21 a week"),
                    cell("Pension Credit"),
                    cell("Monday"),
                ]
            )
        ],
    )
    said = [s for point in points_of(draft(table)) for s in point]
    assert "Estimated effect: an average rise of £21 a week." in said, said
    assert "Benefit: Pension Credit." in said and "Day: Monday." in said, said
