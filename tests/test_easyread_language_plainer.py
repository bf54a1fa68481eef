"""Easy Read in fewer syllables and shorter points (issue 12, reading ease): a long name said again
in its short form, at most a set number of explanations in one point, and plain words for
"disagree" and "if required" (the plain forms of a split have their own tests in
test_easyread_language_words.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from accessconv.errors import ProfileError
from accessconv.formats.easy_read.language import parse, short_names
from accessconv.formats.easy_read.language.language import transform
from accessconv.reader import read
from easyread_language_builders import settings

DRAFT = """# Help at home

## Your support

Your social worker will write your care plan with you. You can ask for direct payments and respite
for your carer.

## Your money

Northbridge Borough Council will check what you can pay. You can ask Northbridge Borough Council to
look again at its decision. Northbridge Borough Council will write to you within 10 days.

## Your views

Northbridge Borough Council wants to hear from you. Please tell Northbridge Borough Council what you
think by 3 May 2027.
"""


def _points(sections: list[list[str]]) -> list[list[str]]:
    short_names.shorten(sections)
    return sections


def test_a_long_name_said_again_is_said_short() -> None:
    got = _points(
        [
            ["Northbridge Carers Centre runs a support group.", "Ask Northbridge Carers Centre for a form."],
            ["Northbridge Carers Centre will call you back.", "The Carers Assessment Team visits you first."],
            ["You can ring the Carers Assessment Team’s office.", "Our Carers Assessment Team can help."],
        ]
    )
    assert got == [
        ["Northbridge Carers Centre runs a support group.", "Ask the centre for a form."],
        ["The centre will call you back.", "The Carers Assessment Team visits you first."],
        ["You can ring the team’s office.", "Our team can help."],
    ]


@pytest.mark.parametrize(
    "sentences",
    [
        # Two names with one head: "the centre" would not say which.
        ["The Beacon Centre is open.", "The Riverside Centre is shut.", "The Beacon Centre has a cafe."],
        # Said together with another name, or part of a longer one.
        ["Orchard House and Millbrook Hub are open.", "Orchard House and Millbrook Hub have lifts."],
        [
            "Complain to the Local Government and Social Care Ombudsman.",
            "The Local Government and Social Care Ombudsman is free.",
        ],
        # A contact detail, a label (a table row) or a quotation keeps the name as written.
        ["Northbridge Carers Centre runs a group.", "Phone Northbridge Carers Centre on 01632 960 214."],
        ["Northbridge Carers Centre runs a group.", "Lead: Northbridge Carers Centre."],
        ["Northbridge Carers Centre runs a group.", "“Northbridge Carers Centre saved me,” one carer said."],
        # A number after it is part of its name.
        ["The Carers Strategy 2027 to 2032 is new.", "We wrote the Carers Strategy 2027 to 2032 with you."],
        # Alone, as a list item: "The centre." would say nothing.
        ["Northbridge Carers Centre runs a group.", "Northbridge Carers Centre."],
    ],
)
def test_a_name_stays_whole_where_short_would_be_unclear(sentences: list[str]) -> None:
    assert _points([list(sentences)]) == [sentences]


def test_the_first_time_in_each_section_keeps_the_whole_name(tmp_path: Path) -> None:
    draft = tmp_path / "help.md"
    draft.write_text(DRAFT, encoding="utf-8")
    er = transform(read(draft), settings(explain_in_text=True))
    text = {s.heading: [x for p in s.points for x in p.sentences] for s in er.sections}
    assert text["Your money"] == [
        "Northbridge Borough Council will check what you can pay.",
        "You can ask the council to look again at its decision.",
        "The council will write to you within 10 days.",
    ]
    # A reader may start at any heading: the name is said whole again in the next section.
    assert text["Your views"][0].startswith("Northbridge Borough Council wants to hear from you.")
    assert any("said in full the first time" in c for c in er.changes)
    off = transform(read(draft), settings(explain_in_text=True, short_names="off"))
    assert not any("the council" in x for s in off.sections for p in s.points for x in p.sentences)
    # Or said short after its first use anywhere in the document.
    whole = transform(read(draft), settings(explain_in_text=True, short_names="document"))
    views = next(s for s in whole.sections if s.heading == "Your views")
    assert views.points[0].sentences[0] == "The council wants to hear from you."
    with pytest.raises(ProfileError, match="short_names"):
        settings(short_names="chapter")


def test_a_point_explains_at_most_its_budget(tmp_path: Path) -> None:
    draft = tmp_path / "help.md"
    draft.write_text(DRAFT, encoding="utf-8")
    er = transform(read(draft), settings(explain_in_text=True))
    point = next(
        p for s in er.sections for p in s.points if p.sentences[0].startswith("You can ask for direct")
    )
    # The first explanation is given; another would take the point over 4 sentences: the list has it.
    assert point.sentences == [
        "You can ask for direct payments and respite for your carer.",
        "A direct payment is council money to pay for your support. You choose who helps you.",
    ]
    assert "respite" in {w.word.lower() for w in er.hard_words}
    roomy = transform(read(draft), settings(explain_in_text=True, max_sentences_with_explanations=5))
    point = next(
        p for s in roomy.sections for p in s.points if p.sentences[0].startswith("You can ask for direct")
    )
    assert any(s.startswith("Respite is") for s in point.sentences)
    one = transform(read(draft), settings(explain_in_text=True, max_explanations_per_point=1))
    point = next(p for s in one.sections for p in s.points if p.sentences[0].startswith("Your social worker"))
    assert [s.split(" is ")[0] for s in point.sentences[1:]] == ["A social worker"]


@pytest.mark.skipif(not parse.available(), reason="the spaCy model is not installed")
def test_no_explanation_comes_between_a_question_and_its_answer(tmp_path: Path) -> None:
    """ "Do you need an interpreter? Please contact us.": the order answers the question, so the
    explanation of "interpreter" comes after both."""
    draft = tmp_path / "take-part.md"
    draft.write_text(
        "# Take part\n\n## Help to take part\n\nIf you need help to take part, for example an interpreter, "
        "please contact the Commissioning Team.\n",
        encoding="utf-8",
    )
    er = transform(read(draft), settings(explain_in_text=True, use_parser=True))
    point = er.sections[0].points[0]
    assert point.sentences == [
        "Do you need help to take part, for example an interpreter?",
        "Please contact the Commissioning Team.",
        "An interpreter is a person who says your words in another language.",
    ]


def test_the_budget_settings_are_checked() -> None:
    with pytest.raises(ProfileError, match="max_sentences_with_explanations"):
        settings(max_sentences_with_explanations=0)
    with pytest.raises(ProfileError, match="max_explanations_per_point"):
        settings(max_explanations_per_point=-1)


def test_the_written_page_passes_its_checks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Read back from the page: a word left to the list is no "unexplained" warning, and the
    facts (the whole name among them) are all on the page."""
    from accessconv.pipeline import convert

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    draft = tmp_path / "help.md"
    draft.write_text(DRAFT, encoding="utf-8")
    out = tmp_path / "out"
    result = convert(draft, ["easy-read"], out)
    page = (out / "help-easy-read.html").read_text(encoding="utf-8")
    checks = {c.id: c for o in result.outputs for c in o.checks if o.path.suffix == ".html"}
    for check_id in ("easyread.facts", "easyread.explained-in-text", "easyread.hard-words"):
        assert checks[check_id].status == "pass", checks[check_id].message
    assert re.search(r"<strong>respite</strong>", page, re.IGNORECASE)
    assert "the council" in page.lower()
