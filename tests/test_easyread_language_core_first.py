"""One long clause said the core first, then the rest in a second short sentence that points back
(language/core_first.py, and the opener and deadline rules of parse.py), read on the written page."""

from __future__ import annotations

import shutil

import pytest

from accessconv.formats.easy_read.checks import read_html
from accessconv.formats.easy_read.language import core_first, parse, questions
from accessconv.profiles import load
from easyread_language_builders import keeps_everything, sentences_stand, split_like_the_transform

needs_parser = pytest.mark.skipif(not parse.available(), reason="the spaCy model is not installed")

# One sentence a heading, so each section keeps its sentence. Where each comes from:
SENTENCES = {
    # er14-financial-assessment-letter
    "Reviews": "A senior officer who was not involved in your assessment will then look at it again.",
    # er15-school-transport-policy
    "Asking again": "A senior officer who was not involved in the first decision will look at your request.",
    # er15-school-transport-policy
    "Behaviour": (
        "A child who puts other passengers or the driver in danger may lose their place on the bus "
        "for a fixed period."
    ),
    # er12-residents-parking-permits-leaflet (its first clause)
    "Fines": (
        "An officer who finds a vehicle in a bay without a valid permit will give a penalty charge "
        "notice of £70."
    ),
    # er15-care-market-position-statement
    "Care at home": (
        "We will work with home care providers across the county on a new way of paying for care in "
        "rural areas by October 2027."
    ),
    # written for this test: the shape is in one draft only
    "Safer streets": (
        "We will work with tenants and local groups across the borough on a new plan for safer "
        "streets near our schools."
    ),
    # er15-school-transport-policy
    "The law": (
        "In line with the Education Act 1996, the council must give free transport for children of "
        "compulsory school age who go to their nearest suitable school."
    ),
    # er14-financial-assessment-letter
    "Other formats": (
        "If you need this letter in large print, Easy Read or another language, please phone us."
    ),
    # er14-parks-consultation
    "Help to take part": (
        "If you need help to take part, or you want this document in another format, please contact the "
        "Parks Team on 01632 960 118."
    ),
    # er9-homelessness-prevention-strategy
    "Homeless tonight": (
        "If you are homeless tonight, or you will be homeless within 56 days, contact the Housing Options "
        "team on 01632 960 455, Monday to Friday, 9am to 5pm."
    ),
    # pic2-new-tenant-guide
    "Universal Credit": (
        "If you claim Universal Credit, the housing part of your payment is usually paid to you."
    ),
    # er9-homelessness-prevention-strategy
    "About this strategy": (
        "This strategy sets out how the Council will work with its partners to prevent homelessness in "
        "the borough over the next four years."
    ),
    # er15-care-market-position-statement
    "Carers": (
        "The council’s guide for carers explains how carers can ask for an assessment of their own needs."
    ),
    # er7-carers-breaks-consultation
    "Help with the survey": (
        "Do you need help to take part, for example an interpreter or a large print version?"
    ),
    # er11-supported-living-consultation
    "Help at the meeting": (
        "Do you need help to take part, for example an interpreter or a British Sign Language interpreter?"
    ),
    # er11-supported-living-consultation
    "What we decide": (
        "We will write to everyone who uses supported living services to tell them what has been decided."
    ),
    # er8-community-meals-consultation
    "Before anything changes": (
        "We would write to each person at least 8 weeks before anything changes to tell them what will "
        "happen and when."
    ),
    # er13-leisure-concessions-letter
    "Older people": "The discount for people aged 66 and over will go down from 1 in 2 to 3 in 10.",
    # er15-care-market-position-statement
    "Waiting": (
        "The number of people waiting more than 28 days for a review of their care and support plan has "
        "gone down from 640 in March 2025 to 410 in March 2027."
    ),
    # carers-strategy (its first clause)
    "Our duty": (
        "In line with the Care Act 2014, local authorities have a duty to assess any carer who appears "
        "to have needs for support."
    ),
}


@pytest.fixture(scope="module")
def page_lines(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("core-first")
    draft = folder / "core-first.md"
    body = "\n\n".join(f"## {heading}\n\n{text}" for heading, text in SENTENCES.items())
    draft.write_text(f"# Long clauses\n\n{body}\n", encoding="utf-8")
    mp = pytest.MonkeyPatch()
    mp.setenv("XDG_STATE_HOME", str(folder / "state"))
    try:
        from accessconv.pipeline import convert

        convert(draft, ["easy-read"], folder / "out")
    finally:
        mp.undo()
    profile = load("easy-read")
    back = read_html(folder / "out" / "core-first-easy-read.html", profile.checks, profile.settings.layout)  # type: ignore[arg-type]
    assert back is not None
    shutil.rmtree(folder / "state", ignore_errors=True)
    return [line for p in back.points for line in p.lines]


def _in_order(lines: list[str], expected: list[str]) -> None:
    """The sentences come in this order, with at most the explanations of hard words between them
    (an explanation follows the sentence that first uses the word)."""
    starts = [n for n, line in enumerate(lines) if line == expected[0]]
    assert starts, (expected[0], lines)
    windows = [lines[at : at + len(expected) + 3] for at in starts]
    window = next(
        (w for w in windows if [line for line in w if line in expected][: len(expected)] == expected), None
    )
    assert window is not None, windows
    between = [line for line in window[: window.index(expected[-1])] if line not in expected]
    assert all(any(f" {w} " in line for w in ("is", "are", "means")) for line in between), between


@needs_parser
@pytest.mark.parametrize(
    "expected",
    [
        ["A senior officer will then look at it again.", "This officer was not involved in your assessment."],
        [
            "A senior officer will look at your request.",
            "This officer was not involved in the first decision.",
        ],
    ],
)
def test_a_person_described_in_the_past_is_named_first_then_described(
    page_lines: list[str], expected: list[str]
) -> None:
    _in_order(page_lines, expected)


@needs_parser
@pytest.mark.parametrize(
    "expected",
    [
        [
            "A child may lose their place on the bus for a fixed period.",
            "This is if the child puts other passengers or the driver in danger.",
        ],
        [
            "An officer will give a penalty charge notice of £70.",
            "This is if the officer finds a vehicle in a bay without a valid permit.",
        ],
    ],
)
def test_a_person_described_in_the_present_is_a_condition(page_lines: list[str], expected: list[str]) -> None:
    _in_order(page_lines, expected)


@needs_parser
@pytest.mark.parametrize(
    "expected",
    [
        [
            "We will work with home care providers across the county.",
            "Together, we will work on a new way of paying for care in rural areas.",
            "This will happen by October 2027.",
        ],
        [
            "We will work with tenants and local groups across the borough.",
            "Together, we will work on a new plan for safer streets near our schools.",
        ],
    ],
)
def test_the_partners_come_first_then_what_the_work_is_about(
    page_lines: list[str], expected: list[str]
) -> None:
    _in_order(page_lines, expected)


@needs_parser
def test_a_frame_that_names_the_law_goes_second(page_lines: list[str]) -> None:
    _in_order(
        page_lines,
        [
            "The council must give free transport for children of compulsory school age who go to their "
            "nearest suitable school.",
            "This is in line with the Education Act 1996.",
        ],
    )
    # The carers strategy's sentence is split the same way; on the page the selection leaves it out
    # as a reference to the law (a whole section of it), so it is read from the split itself.
    assert split_like_the_transform(SENTENCES["Our duty"]) == [
        "Local authorities have a duty to assess any carer who appears to have needs for support.",
        "This is in line with the Care Act 2014.",
    ]


@needs_parser
@pytest.mark.parametrize(
    "expected",
    [
        [
            "Do you need this letter in large print, Easy Read or another language?",
            "Please phone us.",
        ],
        [
            "Do you need help to take part?",
            "Or do you want this document in another format?",
            "Please contact the Parks Team on 01632 960 118.",
        ],
        [
            "Are you homeless tonight?",
            "Or will you be homeless within 56 days?",
            "Contact the Housing Options team on 01632 960 455, Monday to Friday, 9am to 5pm.",
        ],
        [
            "Do you claim Universal Credit?",
            "The housing part of your payment is usually paid to you.",
        ],
    ],
)
def test_a_condition_on_the_reader_is_asked_when_the_parse_missed_its_main_clause(
    page_lines: list[str], expected: list[str]
) -> None:
    _in_order(page_lines, expected)


@needs_parser
@pytest.mark.parametrize(
    "expected",
    [
        [
            # "sets out" and "prevent" are said plainly first.
            "The Council will work with its partners to stop homelessness in the borough over the next 4 "
            "years.",
            "This strategy says how.",
        ],
        [
            "Carers can ask for an assessment of their own needs.",
            "The council’s guide for carers explains how.",
        ],
    ],
)
def test_what_a_document_explains_is_said_as_the_fact_then_the_frame(
    page_lines: list[str], expected: list[str]
) -> None:
    _in_order(page_lines, expected)


@needs_parser
@pytest.mark.parametrize(
    "expected",
    [
        [
            "Do you need help to take part?",
            "For example, this could be an interpreter or a large print version.",
        ],
        [
            "Do you need help to take part?",
            "For example, this could be an interpreter or a British Sign Language interpreter.",
        ],
    ],
)
def test_the_examples_after_a_question_are_a_sentence_of_their_own(
    page_lines: list[str], expected: list[str]
) -> None:
    _in_order(page_lines, expected)


@needs_parser
@pytest.mark.parametrize(
    "sentence",
    [
        "Do you agree with our plan to close the library, for example on Sundays?",
        # er13-leisure-concessions-letter: a reason, whose sentence would be cut again.
        "Do you think you should get the higher discount, for example because you have started to get "
        "Pension Credit?",
    ],
)
def test_a_question_is_not_cut_before_a_phrase_about_part_of_it_or_a_reason(sentence: str) -> None:
    assert split_like_the_transform(sentence) == [sentence]


@needs_parser
@pytest.mark.parametrize(
    "expected",
    [
        [
            "We will write to everyone who uses supported living services.",
            "We will tell them what has been decided.",
        ],
        [
            "We would write to each person at least 8 weeks before anything changes.",
            "We would tell them what will happen and when.",
        ],
    ],
)
def test_what_a_letter_is_for_is_said_after_who_gets_it(page_lines: list[str], expected: list[str]) -> None:
    _in_order(page_lines, expected)


@needs_parser
@pytest.mark.parametrize(
    "expected",
    [
        ["The discount for people aged 66 and over is 1 in 2 now.", "It will go down to 3 in 10."],
        [
            "The number of people waiting more than 28 days for a review of their care and support plan was "
            "640 in March 2025.",
            "It has gone down to 410 in March 2027.",
        ],
    ],
)
def test_a_change_to_come_or_gone_down_is_what_it_is_then_the_change(
    page_lines: list[str], expected: list[str]
) -> None:
    # "go down": the parse read "down" as a describing word, and a change to come was left whole.
    _in_order(page_lines, expected)


@needs_parser
@pytest.mark.parametrize(
    ("first", "leaning"),
    [
        (
            "Carers can ask for an assessment of their own needs.",
            "The council’s guide for carers explains how.",
        ),
        (
            "We will work with home care providers across the county.",
            "Together, we will work on a new way of paying for care in rural areas.",
        ),
    ],
)
def test_no_explanation_comes_between_a_sentence_and_the_one_that_leans_on_it(
    page_lines: list[str], first: str, leaning: str
) -> None:
    # "An assessment is a meeting …" had come between, and "explains how" then seemed to be about it.
    at = page_lines.index(first)
    assert page_lines[at + 1] == leaning, page_lines[at : at + 3]


@needs_parser
@pytest.mark.parametrize("sentence", list(SENTENCES.values()))
def test_every_content_word_number_and_name_survives(sentence: str) -> None:
    parts = split_like_the_transform(sentence)
    assert len(parts) > 1, parts
    keeps_everything(sentence, parts)
    sentences_stand(parts)


@needs_parser
@pytest.mark.parametrize(
    "sentence",
    [
        # "The person": which person the clause says; "The person will …" alone would not.
        "The person who made the first decision will look at your request again next month.",
        # A "who" clause with "will": a time a condition cannot carry.
        "A tenant who will move in to one of our new homes can ask for a new kitchen.",
        # er13-leisure-concessions-letter: a question with a list would be cut into a list.
        "If you get a means-tested benefit, such as Universal Credit, Pension Credit or Housing Benefit, "
        "nothing will change for you.",
        # A condition, then a second clause and a "which means" list: no question holds all that.
        "If you rent a room to a lodger, you become their landlord, which means you must keep the room safe, "
        "give them a written agreement and protect their deposit.",
        # er12-residents-parking-permits-leaflet: the frame is about three things.
        "This guide explains how residents' parking zones work in Hollowmere, who can get a permit and how "
        "much it costs.",
        # "how much": an amount, not a fact that can be said alone.
        "This letter explains how much you will pay towards the cost of your care from April 2027.",
        # The purpose of filling in the form, not of sending it.
        "We will send you a form that you need to fill in to tell us about your savings.",
        # "not": the partner phrase stays with its verb.
        "We will not work with agencies across the county on contracts that pay less than the living wage.",
        # Something said before the subject belongs to both parts.
        "From May 2027, we will work with schools across the borough on safer routes to school for children.",
        # A thing done ("share") stays with its partner.
        "We will share information with other councils on the number of people waiting for care.",
    ],
)
def test_these_stay_whole_by_these_rules(sentence: str) -> None:
    doc = parse.parse(sentence)
    assert doc is not None
    assert core_first.who_after_person(sentence, doc) is None
    assert core_first.partner_after(sentence, doc) is None
    assert questions.condition_asked(sentence, doc, parse.parse) is None
    assert core_first.says_how(sentence, doc) is None
    assert core_first.message_purpose(sentence, doc) is None


@needs_parser
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # pic2-home-adaptations-grant-leaflet: "Do you … sell it within 10 years?" asks about a time to come.
        (
            "If you own your home and sell it within 10 years, you may have to pay back part of a grant of "
            "more than £5,000.",
            [
                "You may have to pay back part of a grant of more than £5,000.",
                "This is if you own your home and sell it within 10 years.",
            ],
        ),
        # er8-care-home-fees-leaflet: "not" would be asked the wrong way round.
        (
            "If you do not want to sell your home straight away, you may be able to get a deferred payment "
            "agreement.",
            [
                "You may be able to get a deferred payment agreement.",
                "This is if you do not want to sell your home straight away.",
            ],
        ),
        # Both conditions must hold: two questions would say either.
        (
            "If you live in a flat, a house or a bungalow, and you are over 75, we will visit you.",
            [
                "We will visit you.",
                "This is if you live in a flat, a house or a bungalow, and you are over 75.",
            ],
        ),
    ],
)
def test_a_condition_stays_a_condition_when_a_question_would_change_it(
    sentence: str, expected: list[str]
) -> None:
    assert split_like_the_transform(sentence) == expected
