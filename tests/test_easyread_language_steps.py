"""A step said before the main clause ("After reading your form, we will …") said as its own
sentence, in the order things happen (language/steps.py)."""

from __future__ import annotations

import pytest

from accessconv.formats.easy_read.language import parse
from accessconv.formats.easy_read.language.steps import fronted_step
from easyread_language_builders import keeps_everything, sentences_stand, split_like_the_transform

needs_parser = pytest.mark.skipif(not parse.available(), reason="the spaCy model is not installed")


@needs_parser
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "After looking at your bank statements and the letter from your pension company, we have "
            "worked out that you will not pay anything towards your care.",
            [
                "We have looked at your bank statements and the letter from your pension company.",
                "We have worked out that you will not pay anything towards your care.",
            ],
        ),
        (
            "After asking the tenants' panel in the spring, the housing team will write a new repairs "
            "plan.",
            [
                "The housing team will ask the tenants' panel in the spring.",
                "Then the housing team will write a new repairs plan.",
            ],
        ),
        (
            "Before changing anything about your support, your social worker will talk to you and your "
            "family.",
            [
                "Your social worker will talk to you and your family.",
                "Then your social worker will change anything about your support.",
            ],
        ),
        (
            "After visiting your flat on 2 June, the surveyor wrote a report about the damp in the "
            "bedroom.",
            [
                "The surveyor visited your flat on 2 June.",
                "Then the surveyor wrote a report about the damp in the bedroom.",
            ],
        ),
    ],
)
def test_a_fronted_step_is_said_first_then_the_main_clause(sentence: str, expected: list[str]) -> None:
    doc = parse.parse(sentence)
    assert doc is not None
    assert fronted_step(sentence, doc) == expected
    parts = split_like_the_transform(sentence)
    keeps_everything(sentence, parts)
    sentences_stand(parts)


@needs_parser
@pytest.mark.parametrize(
    "sentence",
    [
        # Passive: the form does not check itself.
        "After checking your form and your proof of income, the form will be sent to the Benefits Team.",
        # A step that did not happen.
        "After not hearing from you for 28 days, we will close your case and write to tell you why.",
        # A clause, not a step with "-ing": other rules decide.
        "After the consultation closes on 4 May, we will read every response and write a report.",
        # The main clause does not start with its subject.
        "After reading the report, in March 2028 we will decide what happens to the day centre.",
    ],
)
def test_look_alikes_of_a_fronted_step_are_left(sentence: str) -> None:
    doc = parse.parse(sentence)
    assert doc is not None
    assert fronted_step(sentence, doc) is None
