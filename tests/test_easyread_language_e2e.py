"""End to end: the sample draft through the whole language half."""

from __future__ import annotations

from pathlib import Path

import pytest

from accessconv import model as m
from accessconv.formats.easy_read.language import parse
from accessconv.formats.easy_read.language.language import transform
from accessconv.reader import read
from easyread_language_builders import SAMPLE, settings


def test_sample_draft_before_and_after() -> None:
    er = transform(read(SAMPLE), settings())
    s = er.stats
    share_before = s.sentences_within_limit_before / s.sentences_before
    share_after = s.sentences_within_limit_after / s.sentences_after
    print(
        f"\nsentences within 12 words: before {s.sentences_within_limit_before}/{s.sentences_before} "
        f"({share_before:.0%}), after {s.sentences_within_limit_after}/{s.sentences_after} "
        f"({share_after:.0%})"
        f"\nreading ease: before {s.reading_ease_before}, after {s.reading_ease_after}"
        f"\ngrade: before {s.grade_before}, after {s.grade_after}; words after {s.words_after}"
    )
    assert share_after > share_before
    assert s.reading_ease_after > s.reading_ease_before
    assert s.grade_after < s.grade_before
    # Every point has text, and no picture yet (the pictures half chooses them).
    points = [p for section in er.sections for p in section.points]
    assert points and all(p.sentences and p.inlines and p.picture is None for p in points)
    headings = [section.heading for section in er.sections]
    assert "What people told us" in headings and "Money" in headings
    text = " ".join(s for p in points for s in p.sentences)
    # Acronym written out and its definition bracket gone; plain words; numbers as digits.
    assert "(ASC)" not in text and "ASC" not in text.split()
    assert "utilise" not in text and "in order to" not in text
    assert "8 times" in text and "1 in 4" in text
    # Links come back as links.
    links = [n for p in points for n in m.walk_inlines(p.inlines) if isinstance(n, m.Link)]
    assert any(link.url.startswith("mailto:") for link in links)
    # Hard words: bold at first use, explained from the glossaries; the draft's own definitions win
    # unless too long for an Easy Read sentence (its 16-word "Co-production: People who use …").
    words = {h.word.lower(): h for h in er.hard_words}
    assert words["recruitment"].explanation
    # "Workforce" is in the document's own title: not a hard word (issue 12).
    assert ("workforce" in er.title.lower()) == ("workforce" not in words)
    assert words["co-production"].explanation.startswith("Co-production means working together as equals.")
    bold = [
        m.plain_text(n.children).lower()
        for p in points
        for n in m.walk_inlines(p.inlines)
        if isinstance(n, m.Styled) and n.style == "strong"
    ]
    assert "recruitment" in bold and bold.count("recruitment") == 1
    # The review sheet has the long sentence we could not split, and the number left as is.
    kinds = {r.kind for r in er.review}
    assert {"unsafe-split", "number"} <= kinds


@pytest.mark.skipif(not parse.available(), reason="the spaCy model is not installed")
def test_long_list_items_stay_in_their_list(tmp_path: Path) -> None:
    # Items of 9+ words that are not sentences ("Stair rails for people who …") stay items of the
    # list: the reader gets one list, not two items and two loose lines.
    draft = tmp_path / "aids.md"
    draft.write_text(
        "# Aids at home\n\n## What we fit\n\nOther aids can be fitted depending on what you need, including "
        "grab rails, bath seats, stair rails for people who may fall on the stairs at night, and falls "
        "mats that sound an alarm if you cannot get up.\n",
        encoding="utf-8",
    )
    er = transform(read(draft), settings(use_parser=True))
    points = [p for section in er.sections for p in section.points]
    listed = [p for p in points if p.items]
    assert listed, [p.sentences for p in points]
    assert listed[0].items == [
        "Grab rails.",
        "Bath seats.",
        "Stair rails for people who may fall on the stairs at night.",
        "Falls mats that sound an alarm if you cannot get up.",
    ]
