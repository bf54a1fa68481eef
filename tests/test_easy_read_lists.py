"""Lists a reader sees as lists: a sentence split into an inline list ("... including:" and one
item a line) is carried by the model as a lead and items, its hard words explained after the
list, and every writer prints a real list (the writers' own tests are in test_easy_read_format.py
and test_easy_read_pdf.py)."""

from __future__ import annotations

from pathlib import Path

from accessconv.formats.easy_read.language.language import _blocks, transform
from accessconv.reader import read
from easyread_language_builders import settings

DRAFT = """# Help at home

## What you can get

We can help you at home with many things, including shopping, cleaning, respite care and gardening.

We can help you at home.
"""


def _points(tmp_path: Path, text: str = DRAFT):
    draft = tmp_path / "help.md"
    draft.write_text(text, encoding="utf-8")
    er = transform(read(draft), settings(explain_in_text=True))
    return [p for s in er.sections for p in s.points]


def test_an_inline_list_is_a_lead_and_items_with_the_explanations_after_it(tmp_path: Path) -> None:
    first = _points(tmp_path)[0]
    assert first.lead == ["We can help you at home with many things, including:"]
    assert first.items == ["Shopping.", "Cleaning.", "Respite care.", "Gardening."]
    # "Respite care" is a hard word in an item: its explanation comes after the last item.
    assert len(first.after) == 1 and first.after[0].startswith("Respite care is")
    assert first.sentences == first.lead + first.items + first.after


def test_a_point_without_a_list_has_no_items(tmp_path: Path) -> None:
    second = _points(tmp_path)[1]
    assert second.items == [] and second.after == [] and second.lead == ["We can help you at home."]


def test_the_items_end_where_a_sentence_of_its_own_begins() -> None:
    parts = ["We will work with:", "Doctors.", "Schools.", "Employers.", "This is to find carers early."]
    (block,) = _blocks(parts, 12)
    assert block.parts == parts and block.items == (1, 4)
    # "It sets out ...": a pronoun subject; "Most carers were ...": a helping verb of its own.
    assert _blocks(["It has:", "A.", "B.", "C.", "It sets out our plan."], 12)[0].items == (1, 4)
    assert _blocks(["Made with:", "A.", "B.", "C.", "Most carers were asked."], 12)[0].items == (1, 4)


def test_an_item_with_a_helping_verb_of_its_own_clause_or_a_month_is_still_an_item() -> None:
    parts = ["You can get help if you are:", "People who are over 65.", "Born in May 2010.", "Carers."]
    assert _blocks(parts, 12)[0].items == (1, 4)


def test_an_item_beginning_with_or_is_the_last() -> None:
    parts = ["You can:", "Phone us.", "Email us.", "Or write to us.", "We will answer in 10 days."]
    assert _blocks(parts, 12)[0].items == (1, 4)


def test_what_comes_before_the_lead_stands_alone() -> None:
    blocks = _blocks(["We listened.", "People told us about:", "Buses.", "Shops.", "Parks."], 12)
    listed = ["People told us about:", "Buses.", "Shops.", "Parks."]
    assert [b.parts for b in blocks] == [["We listened."], listed]
    assert [b.items for b in blocks] == [(0, 0), (1, 4)]


def test_a_lead_with_no_items_after_it_is_no_list() -> None:
    (block,) = _blocks(["We found that:", "Most people were happy with the service."], 12)
    assert block.items == (0, 0)



LEANING = """# Paying for care

## What changes

First, we would count the higher rate of Attendance Allowance and Personal Independence Payment when we
work out what you can afford to pay.

## What this leaflet explains

This leaflet explains what we are proposing, why we think the changes are needed and how you can
tell us what you think.
"""


def _parsed_points(tmp_path: Path):
    draft = tmp_path / "leaning.md"
    draft.write_text(LEANING, encoding="utf-8")
    # Room for both explanations in one point (the profile's budget is tested on its own).
    er = transform(
        read(draft), settings(explain_in_text=True, use_parser=True, max_sentences_with_explanations=6)
    )
    return [p for s in er.sections for p in s.points]


def test_a_sentence_that_leans_on_the_one_before_stays_with_it(tmp_path: Path) -> None:
    """ "This is when ..." must not begin a point of its own, and no explanation of a hard word may
    come between it and the sentence its "this" points to (seen on an unseen draft: "This is when
    we work out ..." came after the explanations of two benefits, so it seemed to explain them)."""
    first = _parsed_points(tmp_path)[0]
    assert first.sentences[0].startswith("First, we would count")
    assert first.sentences[1] == "This is when we work out what you can afford to pay."
    assert [s.split(" is ")[0] for s in first.sentences[2:]] == [
        "Attendance Allowance",
        "Personal Independence Payment",
    ]


def test_wh_clauses_after_a_lead_are_list_items(tmp_path: Path) -> None:
    explains = _parsed_points(tmp_path)[1]
    assert explains.lead == ["This leaflet explains:"]
    assert explains.items == [
        "What we are proposing.",
        "Why we think the changes are needed.",
        "How you can tell us what you think.",
    ]
