"""Easy Read reading ease (issue 12, er13): chosen sentences in long words that hold nothing the
reader must keep are left out (and listed with the line that brings them back), and the wordy forms
an Easy Read writer always cuts ("be able to", "make sure that", "would like", "as well as",
"at the moment", "around 40") are said plainly. Every sentence here is made up for these tests."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import pytest

from accessconv.errors import ProfileError
from accessconv.formats.easy_read.decisions import Decisions
from accessconv.formats.easy_read.language import parse, plain_words, select
from accessconv.formats.easy_read.language.language import transform
from accessconv.formats.easy_read.language.model import EasyReadDocument
from accessconv.formats.easy_read.language.readability import measure
from accessconv.profiles import load
from accessconv.reader import read
from easyread_language_builders import keeps_everything, sentences_stand, split_like_the_transform

needs_parser = pytest.mark.skipif(not parse.available(), reason="the spaCy model is not installed")
REGRESSION = Path(__file__).parent / "data" / "easy-read" / "plain-words-regression.tsv"

# Background in long words, with no date, money, contact or step for the reader.
HISTORY = (
    "In 2026, the Voluntary Sector Partnership Forum comprehensively reviewed our commissioning arrangements."
)
EASY = "We will keep the day centre open on Mondays."
EASY_TOO = "You can still come to the lunch club."


def _candidates(texts: list[str], section: int = 0) -> list[select.Candidate]:
    cands = [select.Candidate(t, section, i, 0, "paragraph") for i, t in enumerate(texts)]
    for c in cands:
        c.id = select.stable_id("s-", c.text)
    return cands


def _hardness(cand: select.Candidate) -> float:
    figures = measure([cand.text])
    return figures.syllables / figures.words


def _chosen(texts: list[str], section: int = 0) -> list[select.Candidate]:
    cands = _candidates(texts, section)
    select.score(cands, select.load())
    for c in cands:
        c.kept = True
    return cands


def test_the_hardest_sentence_with_nothing_to_keep_goes_while_its_heading_keeps_others() -> None:
    rules = select.load()
    cands = _chosen([HISTORY, EASY, EASY_TOO])
    assert _hardness(cands[0]) >= 1.6 > _hardness(cands[1])
    assert not rules.must_keep(cands[0]) and rules.must_keep(cands[1])
    gone = select.leave_out_hard(cands, rules, _hardness, 1.6, 0.5)
    assert [c.text for c in gone] == [HISTORY]
    assert [c.kept for c in cands] == [False, True, True]


def test_a_hard_sentence_stays_when_it_is_its_headings_last_point_or_the_share_is_used() -> None:
    rules = select.load()
    alone = _chosen([HISTORY], section=0) + _chosen([EASY], section=1)
    assert select.leave_out_hard(alone, rules, _hardness, 1.6, 1.0) == []
    assert alone[0].kept
    # At most this share of the chosen sentences: 3 chosen, a share of 0.2 leaves none out.
    cands = _chosen([HISTORY, EASY, EASY_TOO])
    assert select.leave_out_hard(cands, rules, _hardness, 1.6, 0.2) == []
    # Off at 0.
    assert select.leave_out_hard(cands, rules, _hardness, 0.0, 1.0) == []


def test_what_must_be_kept_or_says_what_a_thing_is_is_never_left_out_for_long_words() -> None:
    rules = select.load()
    dated = "Consultation responses will be considered by Cabinet on 14 October 2027."
    defines = "Reablement services are short-term interventions that help individuals regain independence."
    address = "Commissioning Directorate, Riverside Administrative Offices, Eastfold EF1 2AB."
    cands = _chosen([dated, defines, address, EASY, EASY_TOO])
    assert all(_hardness(c) >= 1.6 for c in cands[:3])
    assert rules.must_keep(cands[0])  # a date
    assert "says_what_it_is" in cands[1].groups
    assert cands[2].forced  # a postal address is a contact, always kept
    assert select.leave_out_hard(cands, rules, _hardness, 1.6, 1.0) == []


@pytest.mark.parametrize(
    "follows",
    [
        "They found that the old system was slow.",
        # A step after it, as the rule that keeps what a kept sentence points at reads it.
        "The forum will then write to every carer about what it found.",
    ],
)
def test_a_hard_sentence_the_next_one_points_back_to_stays(follows: str) -> None:
    rules = select.load()
    cands = [
        select.Candidate(HISTORY, 0, 0, 0, "paragraph"),
        select.Candidate(follows, 0, 0, 1, "paragraph"),
        select.Candidate(EASY, 0, 1, 0, "paragraph"),
    ]
    select.score(cands, rules)
    for c in cands:
        c.kept = True
    assert select.leave_out_hard(cands, rules, _hardness, 1.6, 1.0) == []


def test_the_settings_are_checked() -> None:
    settings = load("easy-read").settings.language
    assert settings.hard_sentence_syllables > 0 and 0 < settings.hard_sentence_max_share < 1
    with pytest.raises(ProfileError, match="hard_sentence_max_share"):
        replace(settings, hard_sentence_max_share=1.5)
    with pytest.raises(ProfileError, match="hard_sentence_syllables"):
        replace(settings, hard_sentence_syllables=-1.0)


DRAFT = f"""---
title: Day centres
lang: en-GB
---

# Day centres

{HISTORY} {EASY} {EASY_TOO}

# What will change

We will open the centre at 9am. You can bring a friend with you. We will give you lunch.
You can ask for a lift to the centre.

# How to tell us what you think

Phone us on 01632 960 214.
"""


def _text(easy: EasyReadDocument) -> str:
    return " ".join(s for section in easy.sections for p in section.points for s in p.sentences)


def test_the_page_leaves_it_out_and_the_review_sheet_gives_the_line_that_brings_it_back(
    tmp_path: Path,
) -> None:
    draft = tmp_path / "centres.md"
    draft.write_text(DRAFT, encoding="utf-8")
    settings = load("easy-read").settings.language
    easy = transform(read(draft), settings)
    assert "Voluntary Sector" not in _text(easy)
    assert "Mondays" in _text(easy) and "lunch club" in _text(easy)
    item = next(r for r in easy.review if r.kind == "left-out" and "Voluntary Sector" in r.text)
    assert "syllables a word" in item.suggestion
    sid = select.stable_id("s-", HISTORY)
    assert item.decision_line == f'keep = ["{sid}"]'
    # The line brings it back.
    again = transform(read(draft), settings, Decisions(keep=frozenset({sid})))
    assert "Voluntary Sector" in _text(again)
    # Off in the profile: no sentence is left out for its long words.
    off = transform(read(draft), replace(settings, hard_sentence_syllables=0.0))
    assert not any("syllables a word" in r.suggestion for r in off.review)


# --- wordy forms --------------------------------------------------------------------------------------


def _rows(prefix: str) -> list[list[str]]:
    with REGRESSION.open(encoding="utf-8") as fh:
        rows = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [r for r in rows if r and r[0].startswith(prefix)]


@needs_parser
def test_every_wordy_form_row_of_the_regression_set_comes_out_as_expected() -> None:
    rows = _rows("ER13-")
    assert len(rows) >= 30
    entries = plain_words.load(None)
    for case_id, sentence, expected, _note in rows:
        assert plain_words.replace(sentence, entries, plain_words.Replacements()) == expected, case_id


def test_as_well_as_is_left_without_the_parse_to_say_it_joins_nouns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse, "parse", lambda text: None)
    entries = plain_words.load(None)
    sentence = "We will help carers as well as the people they care for."
    assert plain_words.replace(sentence, entries, plain_words.Replacements()) == sentence


# --- 13 to 15 words: two sentences joined by a comma and a link are cut too ----------------------------


@needs_parser
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The pool will close in June, and the gym will move to the leisure centre.",
            ["The pool will close in June.", "The gym will move to the leisure centre."],
        ),
        (
            "We know the lift is often broken, so we will put in a new one.",
            ["We know the lift is often broken.", "So we will put in a new one."],
        ),
        (
            "We would like to hear from you, but you do not have to reply.",
            ["We would like to hear from you.", "But you do not have to reply."],
        ),
    ],
)
def test_a_sentence_of_13_to_15_words_made_of_two_sentences_is_cut(
    sentence: str, expected: list[str]
) -> None:
    """The transform cuts every sentence over `max_words_warn` (12) where the parts stand alone: a
    sentence of 13 to 15 words of two clauses, each with its own subject, is two sentences."""
    assert 13 <= len(sentence.split()) <= 15
    parts = split_like_the_transform(sentence)
    assert parts == expected
    keeps_everything(sentence, parts)
    sentences_stand(parts)


@needs_parser
def test_a_sentence_of_13_words_with_one_clause_stays_whole() -> None:
    sentence = "You can borrow up to 12 books at a time from any library."
    assert split_like_the_transform(sentence) == [sentence]
