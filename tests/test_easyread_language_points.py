"""Points: long sentences are split only at safe places, and splitting keeps every content word."""

from __future__ import annotations

import pytest

from accessconv.formats.easy_read.language.points import keeps_content, split_sentence
from accessconv.formats.easy_read.language.text import is_content_word, words
from easyread_language_builders import settings


def content(text: str) -> list[str]:
    return sorted(w.lower() for w in words(text) if is_content_word(w))


def assert_keeps_words(before: str, parts: list[str]) -> None:
    """An independent check on the surface words (not base forms): nothing lost, nothing new."""
    after = content(" ".join(parts))
    for word in content(before):
        assert word in after, f"{word!r} was lost: {parts}"
        after.remove(word)
    assert after == [], f"content words were added: {after}"


SAFE = [
    (
        "We met the group in the town hall on Monday; they told us about their homes and their jobs.",
        ["We met the group in the town hall on Monday.", "They told us about their homes and their jobs."],
    ),
    (
        "We want to hear what you think before we finish it, and we will use your comments to change it.",
        ["We want to hear what you think before we finish it.", "We will use your comments to change it."],
    ),
    (
        "Care workers would like more training in the evenings, but they cannot get to the college.",
        ["Care workers would like more training in the evenings.", "But they cannot get to the college."],
    ),
    (
        "Most of the money will go to training and to a new recruitment campaign, which will start in May.",
        [
            "Most of the money will go to training and to a new recruitment campaign.",
            "This will start in May.",
        ],
    ),
    (
        "We wrote this plan with local carers and the Working Together Group, who met with officers in June.",
        [
            "We wrote this plan with local carers and the Working Together Group.",
            "They met with officers in June.",
        ],
    ),
    (
        "They met with officers eight times between January and June and told us what matters most to them.",
        [
            "They met with officers eight times between January and June.",
            "They told us what matters most to them.",
        ],
    ),
    (
        "You can read the full consultation details on the council website and send your comments by May.",
        [
            "You can read the full consultation details on the council website.",
            "You can send your comments by May.",
        ],
    ),
    (
        "We wrote this draft together with the Working Together Group, "
        "a group of people with lived experience.",
        [
            "We wrote this draft together with the Working Together Group.",
            "This is a group of people with lived experience.",
        ],
    ),
    (
        "Information about care should be easy to find and easy to understand, "
        "including in Easy Read, large print and braille.",
        [
            "Information about care should be easy to find and easy to understand, including in:",
            "Easy Read.",
            "Large print.",
            "Braille.",
        ],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), SAFE)
def test_split_at_safe_places(sentence: str, expected: list[str]) -> None:
    result = split_sentence(sentence, settings())
    assert result.parts == expected
    assert_keeps_words(sentence, result.parts)


def test_reported_speech_repeats_its_lead_and_keeps_every_word() -> None:
    sentence = (
        "Care workers told us that low pay is the main reason they leave, and that many new starters "
        "leave in their first year."
    )
    result = split_sentence(sentence, settings())
    assert result.parts == [
        "Care workers told us that low pay is the main reason they leave.",
        "Care workers told us that many new starters leave in their first year.",
    ]
    # The lead is repeated: every original content word is still there (some twice).
    assert keeps_content(sentence, " ".join(result.parts))


def test_who_clause_keeps_grammar() -> None:
    result = split_sentence(
        "We spoke to the new manager of the day centre last week, who knows every person by name.", settings()
    )
    assert result.parts[1] == "They know every person by name."
    result = split_sentence(
        "We spoke to the new manager of the day centre last week, who is happy to help us.", settings()
    )
    assert result.parts[1] == "They are happy to help us."


UNSAFE = [
    # A defining "who" clause (no comma) must stay: "people who use services" is one idea.
    "Northbrook Borough Council wants every person who draws on care and support to be helped by staff.",
    # "so that" is never a split point.
    "They want to see the same care workers, so that they do not have to explain their needs again.",
    # A list as the subject: "and a lack" does not start a clause.
    "Low pay, long travel times between visits and a lack of training are the main reasons they leave.",
    # A "which" clause in the middle: splitting would leave "The group." as a fragment.
    "The group, which meets every month in the library, will decide how the money is spent next year.",
]


@pytest.mark.parametrize("sentence", UNSAFE)
def test_unsafe_sentences_are_kept_exactly_and_flagged(sentence: str) -> None:
    result = split_sentence(sentence, settings())
    assert result.parts == [sentence]
    assert result.unsafe and not result.split


def test_short_sentences_are_never_split() -> None:
    sentence = "We met; they talked."
    assert split_sentence(sentence, settings()).parts == [sentence]


def test_no_fragment_shorter_than_the_minimum() -> None:
    # Splitting at the semicolon would leave "Yes." (1 word): not allowed, so the sentence stays.
    sentence = "We asked the people at the meeting in the town hall if they liked the new plan; yes."
    result = split_sentence(sentence, settings(min_clause_words=3))
    assert result.parts == [sentence]


def test_a_split_that_would_lose_a_content_word_is_refused() -> None:
    assert keeps_content("We met Sam and Jo.", "We met Sam. Jo.")
    assert not keeps_content("We met Sam and Jo.", "We met Sam.")


def test_every_split_on_the_sample_keeps_every_content_word() -> None:
    from accessconv.formats.easy_read.language.text import sentences
    from easyread_language_builders import SAMPLE

    text = SAMPLE.read_text(encoding="utf-8")
    checked = 0
    for line in text.splitlines():
        for sentence in sentences(line.strip("-> 0123456789.").strip()):
            result = split_sentence(sentence, settings())
            if result.split:
                checked += 1
                assert keeps_content(sentence, " ".join(result.parts)), result.parts
    assert checked >= 3
