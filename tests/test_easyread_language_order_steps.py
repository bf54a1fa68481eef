"""An order and the "-ing" steps after it, each an order of its own (language/order_steps.py), on
sentences and on the written page."""

from __future__ import annotations

from pathlib import Path

import pytest

from accessconv.formats.easy_read.checks import read_html
from accessconv.formats.easy_read.language import parse
from accessconv.profiles import load
from easyread_language_builders import keeps_everything, sentences_stand, split_like_the_transform

needs_parser = pytest.mark.skipif(not parse.available(), reason="the spaCy model is not installed")

SPLIT = [
    (
        # an unseen letter about a care contribution
        "Please contact us within one month of the date of this letter, explaining why you do not agree and "
        "sending any proof you have.",
        [
            "Please contact us within one month of the date of this letter.",
            "Explain why you do not agree.",
            "Send any proof you have.",
        ],
    ),
    (
        "Please fill in the form and send it back to us, giving as much detail as you can about your needs.",
        # (the two orders before the comma were already two sentences)
        [
            "Please fill in the form.",
            "Send it back to us.",
            "Give as much detail as you can about your needs.",
        ],
    ),
    (
        "Call the Housing Options team on 01632 960 455, quoting the reference number at the top of this "
        "letter.",
        [
            "Call the Housing Options team on 01632 960 455.",
            "Quote the reference number at the top of this letter.",
        ],
    ),
    (
        "Send your comments to the FREEPOST address below by 30 June, putting your name and address on the "
        "back of the envelope.",
        [
            "Send your comments to the FREEPOST address below by 30 June.",
            "Put your name and address on the back of the envelope.",
        ],
    ),
]

WHOLE = [
    # examples, not steps
    "Tell us about any changes to your household, including a new partner or a child leaving home.",
    "Bring a document to the meeting, such as a recent bill or bank statement, showing your address.",
    # a choice between two ways: the step may belong to either
    "Please phone the team on 01632 960 200, or write to us at the Civic Centre, giving your reference.",
]


@needs_parser
@pytest.mark.parametrize(("sentence", "expected"), SPLIT)
def test_each_step_after_an_order_is_an_order_of_its_own(sentence: str, expected: list[str]) -> None:
    parts = split_like_the_transform(sentence)
    assert parts == expected
    keeps_everything(sentence, parts)
    sentences_stand(parts)


@needs_parser
@pytest.mark.parametrize("sentence", WHOLE)
def test_examples_and_choices_are_not_steps(sentence: str) -> None:
    parts = split_like_the_transform(sentence)
    assert not any(p.startswith(("Include", "Show", "Give")) for p in parts), parts


@needs_parser
def test_the_page_says_one_thing_to_do_a_sentence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    draft = tmp_path / "review.md"
    draft.write_text(
        "---\ntitle: Your care contribution\nlang: en-GB\n---\n\n# Your care contribution\n\n"
        "## If you think we have got something wrong\n\n"
        f"{SPLIT[0][0]}\n\n## Getting in touch\n\n{SPLIT[2][0]}\n",
        encoding="utf-8",
    )
    from accessconv.pipeline import convert

    convert(draft, ["easy-read"], tmp_path / "out")
    profile = load("easy-read")
    back = read_html(tmp_path / "out" / "review-easy-read.html", profile.checks, profile.settings.layout)  # type: ignore[arg-type]
    assert back is not None
    lines = [line for p in back.points for line in p.sentences]
    for expected in (SPLIT[0][1], SPLIT[2][1]):
        at = lines.index(expected[0])
        assert [line for line in lines[at:] if line in expected] == expected, lines
