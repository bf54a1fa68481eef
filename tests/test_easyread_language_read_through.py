"""Faults found by reading Easy Read pages of unseen drafts as a reader would (made-up sentences of
the same shape), asserted on the split parts and on the written page."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from accessconv.formats.easy_read.language import parse, points
from easyread_language_builders import split_like_the_transform

needs_parser = pytest.mark.skipif(not parse.available(), reason="the spaCy model is not installed")
SETTINGS = SimpleNamespace(max_words_warn=12, min_clause_words=3, max_inline_list_item_words=8)


@pytest.mark.parametrize(
    ("sentence", "parts"),
    [
        # "like" after "would you" is the verb: the list is the one after "such as"
        (
            "Would you like the plan in another format, such as large print, audio or braille?",
            ["Would you like the plan in another format, such as:", "Large print.", "Audio.", "Braille."],
        ),
        # "like" meaning "such as" still leads a list
        (
            "At the village hall on Saturday mornings we sell things like cakes, tea and hot coffee.",
            [
                "At the village hall on Saturday mornings we sell things like:",
                "Cakes.",
                "Tea.",
                "Hot coffee.",
            ],
        ),
    ],
)
def test_an_inline_list_starts_at_its_real_lead(sentence: str, parts: list[str]) -> None:
    assert points.split_sentence(sentence, SETTINGS).parts == parts


def test_like_as_a_verb_is_not_a_list_lead() -> None:
    sentence = "On a sunny day at the park you may like to bring a drink, a hat and sun cream."
    assert points.split_sentence(sentence, SETTINGS).parts == [sentence]
    sentence = "On the day of the visit we’d like you to have your tenancy papers, a bill and photo ID."
    assert not points.split_sentence(sentence, SETTINGS).parts[0].endswith("like:")


@needs_parser
def test_please_after_a_list_is_not_an_item(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from accessconv.pipeline import convert

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    draft = tmp_path / "plan.md"
    draft.write_text(
        "# Our plan\n\n## Other formats\n\nIf you would like the plan in another format, such as large "
        "print, audio or braille, please let us know.\n",
        encoding="utf-8",
    )
    convert(draft, ["easy-read"], tmp_path / "out")
    page = html_lib.unescape((tmp_path / "out" / "plan-easy-read.html").read_text(encoding="utf-8"))
    items = [
        re.sub(r"<[^>]+>", "", i).strip() for i in re.findall(r"<li(?: [^>]*)?>(?:(?!<li).)*?</li>", page)
    ]
    assert "Please let us know." not in items
    assert "Please let us know." in page
    assert "Such as large print." not in page


@needs_parser
def test_ways_to_do_something_with_the_first_way_before_its_by() -> None:
    assert split_like_the_transform(
        "You can give us your views at one of our meetings, by filling in the survey, or by writing to "
        "the team."
    ) == [
        "You can give us your views:",
        "At one of our meetings.",
        "By filling in the survey.",
        "By writing to the team.",  # choices after "You can": no "Or" (or_choice_words)
    ]


@needs_parser
def test_a_manner_before_by_is_not_a_way() -> None:
    parts = split_like_the_transform(
        "We will fix the roof quickly, by using our own team, by buying materials early and by working "
        "at weekends."
    )
    assert "Quickly." not in parts


@needs_parser
def test_a_which_clause_does_not_swallow_the_second_way_to_pay() -> None:
    parts = split_like_the_transform(
        "You can pay by direct debit, which is the easiest option, or by payment card at any Post Office."
    )
    assert not any(p.startswith("This is the easiest option, or by") for p in parts)


@needs_parser
def test_an_opening_time_stays_in_front_when_the_cut_can_be_at_which() -> None:
    parts = split_like_the_transform(
        "When you press the red button, you speak to our call centre, which is open 24 hours a day, "
        "7 days a week."
    )
    assert parts[0] == "When you press the red button, you speak to our call centre."
    assert not any(p.startswith("This is when") for p in parts)


@needs_parser
def test_a_noun_taken_for_a_verb_is_not_given_the_subject() -> None:
    parts = split_like_the_transform(
        "New sensors can be added to suit your needs, including smoke detectors, bed sensors, and falls "
        "detectors that raise an alarm if you cannot get up."
    )
    assert not any(p.startswith("New sensors falls") for p in parts)


def test_a_sentence_that_leans_back() -> None:
    from accessconv.formats.easy_read.language import leaning

    assert leaning.leans_back("If you need help, they will call one of your contacts.")
    assert leaning.leans_back("This means you pay less.")
    assert not leaning.leans_back("This strategy sets out our plans.")
    assert not leaning.leans_back("It is important that you tell us.")
    assert not leaning.leans_back("Our team will call you.")


def test_the_sentence_a_kept_one_leans_on_is_kept_too() -> None:
    from accessconv.formats.easy_read.language import leaning, select

    texts = [
        "A warden answers your call.",
        "If you need help, they will call your family.",
        "Calls are free.",
    ]
    cands = [select.Candidate(t, 0, 0, n, "paragraph") for n, t in enumerate(texts)]
    cands[1].kept, cands[1].score = True, 7
    leaning.pull_in(cands)
    assert [c.kept for c in cands] == [True, True, False]
    assert cands[0].score == 7
    # A sentence a person dropped stays dropped.
    cands = [select.Candidate(t, 0, 0, n, "paragraph", id=f"s-{n}") for n, t in enumerate(texts)]
    cands[1].kept = True
    leaning.pull_in(cands, frozenset({"s-0"}))
    assert [c.kept for c in cands] == [False, True, False]


@needs_parser
def test_the_last_item_stays_in_its_list_whatever_its_length(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from accessconv.pipeline import convert

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    draft = tmp_path / "apply.md"
    draft.write_text(
        "# Apply\n\n## How to apply\n\nYou can apply online at www.example.org/apply, by phoning 01632 "
        "960 222 between 9am and 5pm, or by asking the social worker who visits you to make a referral "
        "on your behalf.\n",
        encoding="utf-8",
    )
    convert(draft, ["easy-read"], tmp_path / "out")
    page = html_lib.unescape((tmp_path / "out" / "apply-easy-read.html").read_text(encoding="utf-8"))
    items = [re.sub(r"<[^>]+>", "", i) for i in re.findall(r"<li>(.*?)</li>", page)]
    assert any(i.startswith(("Or by asking", "By asking")) for i in items), items
