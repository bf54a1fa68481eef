"""Easy Read splits a reader would misread (issue 12, er16): each fault shape seen reading the pages of
unseen council drafts, tested on the written web page of a draft built from sentences of two of our
drafts (er16's day centre letter and complaints leaflet, er14's parks consultation and financial
assessment letter), and on sentences of the same shapes written for these tests.

1. Examples inside a condition ("… for example if A, if B or if C") stay whole: a cut made one
   example the rule ("This is only if B or C.").
2. "You told us that …" is a verb with its object and a reported clause, never a list's lead
   ("You told:" "Us that …"); nor is a preposition whose object is only the first item ("… at:").
3. "…, as they are now." compares: never "This is because they are now.".
4. A condition that goes on after ", and you need …" (same subject, no helping verb) stays a
   condition; ", and we will reply …" (a new subject and a helping verb) is a new sentence.
5. "Our counts show that A, but that B": the second part stays reported.
6. A reported question cut from its verb ("What will happen after you complain.") is no sentence.
7. A way of doing something that carries a clause of its own (", and staff there can help …"), a
   reason lead with no clause after it ("This is because you."), and a shortened sentence that
   kept only its opening condition ("If it does, for example if …, we will …" -> "If it does, …")."""

from __future__ import annotations

import re

import pytest

from accessconv.formats.easy_read.checks import read_html
from accessconv.formats.easy_read.language import parse, shorten
from accessconv.profiles import load

needs_parser = pytest.mark.skipif(not parse.available(), reason="the spaCy model is not installed")

# One sentence a heading, so that each is chosen (every section keeps a point).
SENTENCES = [
    (
        "A place at the centre",
        "You can get a place at the centre if you are over 18 and have eligible needs for care "
        "and support, and you live in the Brackenford area.",
    ),
    (
        "Extra help",
        "You can get extra help at the centre if you have a learning disability or dementia and "
        "live alone, and you need help to take your medicines.",
    ),
    (
        "Your day",
        "If you tell us which day you would like, we will do our best to give you that day, and "
        "we will write to you by 1 March 2027 to confirm it.",
    ),
    (
        "Someone to complain for you",
        "You can only ask someone else to complain for you for example if you are too unwell, if "
        "you find writing difficult or if you would like an advocate to speak for you.",
    ),
    (
        "Who can complain",
        "You can complain if you get care and support from us, if you are a carer, or if you are "
        "acting for someone who cannot complain on their own, for example a relative or a friend.",
    ),
    (
        "Dogs in parks",
        "Dogs will still be allowed in all parks, but they must be kept on a lead in play areas, "
        "as they are now.",
    ),
    (
        "What a day costs",
        "The charge for a day at the centre will stay at £18.50 a day for the rest of 2027, as it"
        " was in 2026.",
    ),
    (
        "Your income",
        "You told us that you receive Attendance Allowance at the higher rate, a State Pension "
        "and a small private pension from your former employer.",
    ),
    (
        "What you value",
        "You told us that you value the activities, the lunch club and the chance to meet "
        "friends, as well as the support that staff give with personal care.",
    ),
    (
        "What our records show",
        "Our records show that most complaints are answered on time, but that complaints about "
        "charges often take longer.",
    ),
    (
        "About this leaflet",
        "This leaflet explains how you can make a complaint about the adult social care services "
        "that Eastmere County Council provides or pays for, and what will happen after you "
        "complain.",
    ),
    (
        "How to complain",
        "You can complain by phone, by email, by letter or in person at any of our customer "
        "service centres, and staff there can help you fill in the form.",
    ),
    (
        "Contact us",
        "Phone the Day Services Team on 01632 960 415.",
    ),
]
DRAFT = "# Changes to your support\n\n" + "".join(f"## {h}\n\n{t}\n\n" for h, t in SENTENCES)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The written web page's lines (list items and sentences, as a reader gets them), in order."""
    folder = tmp_path_factory.mktemp("misreadings")
    draft = folder / "support-changes.md"
    draft.write_text(DRAFT, encoding="utf-8")
    from accessconv.pipeline import convert

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_STATE_HOME", str(folder / "state"))
        convert(draft, ["easy-read"], folder / "out")
    profile = load("easy-read")
    back = read_html(
        folder / "out" / "support-changes-easy-read.html", profile.checks, profile.settings.layout
    )  # type: ignore[arg-type]
    assert back is not None
    return [line for p in back.points for line in p.lines]


def split(sentence: str) -> list[str]:
    return parse.split(sentence, lambda p: len(p.split()) > 12) or [sentence]


# ---------------------------------------------------------------- 1. examples inside a condition


@needs_parser
def test_examples_of_a_condition_stay_in_one_sentence(page: list[str]) -> None:
    line = next(x for x in page if x.startswith("You can only ask someone else"))
    assert "for example if you are too unwell, if you find writing hard or if you want an advocate" in line
    assert not any(x.startswith(("This is only if", "Do this only if")) for x in page), page


@needs_parser
@pytest.mark.parametrize(
    "sentence",
    [
        "You can only get a blue bin for example if you live in a flat, if you share a bin store or if "
        "your street has no pavement.",
        "We will only visit you at home for instance if you cannot leave the house, if you have no "
        "phone or if you ask us to.",
    ],
)
def test_a_cut_inside_examples_of_a_condition_is_refused(sentence: str) -> None:
    parts = split(sentence)
    tail = sentence[sentence.index("example" if "example" in sentence else "instance") :].rstrip(".")
    assert any(tail in p for p in parts), parts


@needs_parser
def test_conditions_any_of_which_is_enough_are_listed(page: list[str]) -> None:
    """ "You can complain if A, if B, or if C" was cut at its second "if" ("… if A." "This is only if
    B, or if C."), which reads as B or C needed on top of A."""
    at = page.index("You can complain if:")
    assert page[at + 1 : at + 3] == ["You get care and support from us.", "You are a carer."], page
    assert page[at + 3].startswith("Or you are acting for someone who cannot complain"), page


@needs_parser
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "You can apply if you live in the borough, if you are over 18 or if you care for someone "
            "who lives here.",
            [
                "You can apply if:",
                "You live in the borough.",
                "You are over 18.",
                "Or you care for someone who lives here.",
            ],
        ),
        (
            "You can get help with the cost if you own your home, if you rent from a private landlord, "
            "or if you live in a park home.",
            [
                "You can get help with the cost if:",
                "You own your home.",
                "You rent from a private landlord.",
                "Or you live in a park home.",
            ],
        ),
    ],
)
def test_a_list_of_if_clauses_is_one_list(sentence: str, expected: list[str]) -> None:
    assert split(sentence) == expected


def test_a_condition_never_follows_an_open_one_as_a_rule() -> None:
    assert parse._conditions_mixed(["You can apply if you live here.", "This is only if you are over 18."])
    assert not parse._conditions_mixed(["You can get this help.", "This is only if you are over 18."])


# ---------------------------------------------------------------- 2. reported speech is no list


@needs_parser
def test_told_us_that_is_never_a_list_lead(page: list[str]) -> None:
    assert not any(x in {"You told:", "You told us:"} or x.startswith(("Us that", "That ")) for x in page), (
        page
    )
    assert not any(x.endswith(" at:") for x in page), page
    assert "You told us that you value:" in page  # a real list inside what was said keeps its frame


@needs_parser
@pytest.mark.parametrize(
    "sentence",
    [
        "Residents told us that they use the library for computers, newspapers, study space and the "
        "children's story time.",
        "We told the tenants that their rents would not go up this year, and that repairs would be "
        "done within 28 days.",
    ],
)
def test_a_verb_and_its_object_never_lead_a_list_alone(sentence: str) -> None:
    parts = split(sentence)
    assert not any(re.match(r"^(?:Us|Them|That)\b", p) for p in parts), parts
    assert not any(p.endswith((" told:", " at:")) for p in parts), parts


# ---------------------------------------------------------------- 3. "as" that compares


@needs_parser
def test_as_they_are_now_is_no_reason(page: list[str]) -> None:
    assert not any("because they are now" in x or "because it was" in x for x in page), page
    assert "But they must be kept on a lead in play areas, as they are now." in page


@needs_parser
@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("The library will keep its opening hours on Saturdays and Sundays, as they are now.", False),
        ("Rents for garages will stay the same for the whole of next year, as they were in 2025.", False),
        ("Parents can still book the community hall for parties, as well as the sports hall.", False),
        (
            "You cannot appeal against a parking fine with this form, as these fines have their own process.",
            True,
        ),
        ("Most repairs are done within a week, as most of them need only one visit from a plumber.", True),
    ],
)
def test_as_gives_a_reason_only_with_a_clause_that_says_why(sentence: str, reason: bool) -> None:
    parts = split(sentence)
    assert any(p.startswith("This is because") for p in parts) == reason, parts
    assert not any(p.startswith("This is because well") for p in parts), parts


# ---------------------------------------------------------------- 4. a condition that goes on


@needs_parser
def test_a_condition_that_goes_on_stays_a_condition(page: list[str]) -> None:
    for lead, last in [
        ("You can get a place at the centre if:", "And you live in the Brackenford area."),
        ("You can get extra help at the centre if:", "And you need help to take your medicines."),
    ]:
        at = page.index(lead)
        assert last in page[at + 1 : at + 4], page
    assert not any(
        x in {"You live in the Brackenford area.", "You need help to take your medicines."} for x in page
    )
    # A new main clause (a new subject with "will") is still its own sentence.
    assert "We will write to you by 1 March 2027 to confirm it." in page


@needs_parser
@pytest.mark.parametrize(
    ("sentence", "fact"),
    [
        (
            "You can get a free bulky waste collection if you are over 70 and live alone, and you "
            "have nobody to carry the items for you.",
            "You have nobody to carry the items for you.",
        ),
        (
            "We can lend you a key safe if you live on your own and have a carer, and you often go "
            "out during the day.",
            "You often go out during the day.",
        ),
    ],
)
def test_the_last_condition_never_reads_as_a_fact(sentence: str, fact: str) -> None:
    assert fact not in split(sentence)


@needs_parser
def test_a_new_subject_with_a_helping_verb_after_a_condition_is_cut() -> None:
    parts = split("If you write to us, we will look at your case again, and we will reply within 20 days.")
    assert parts[-1] == "We will reply within 20 days.", parts


# ---------------------------------------------------------------- 5. reported speech stays reported


@needs_parser
def test_but_that_stays_reported(page: list[str]) -> None:
    assert "But our records show that complaints about charges often take longer." in page, page
    assert not any(x.startswith(("That ", "But that ")) for x in page), page


@needs_parser
def test_but_that_keeps_who_said_it() -> None:
    parts = split(
        "The survey found that most families use the park at weekends, but that very few people use "
        "the tennis courts in winter."
    )
    assert parts[-1] == "But the survey found that very few people use the tennis courts in winter.", parts


# ---------------------------------------------------------------- 6. a reported question stays with its verb


@needs_parser
def test_a_reported_question_is_never_a_sentence_alone(page: list[str]) -> None:
    at = page.index("This leaflet explains:")
    assert page[at + 2] == "What will happen after you complain.", page  # an item of the list
    # Every line that starts with a question word is an item of a list (its lead ends in ":").
    for n, line in enumerate(page):
        if line.split(" ", 1)[0] in {"What", "How", "Why"}:
            assert any(x.endswith(":") for x in page[max(0, n - 3) : n]), page


@needs_parser
@pytest.mark.parametrize(
    "sentence",
    [
        "This guide explains how you can ask for a new bin for your household, and what will happen "
        "after you ask.",
        "The letter tells you how the council worked out the amount you owe, and why it has gone up.",
    ],
)
def test_a_question_word_part_hangs_on_its_verb(sentence: str) -> None:
    parts = split(sentence)
    for n, part in enumerate(parts[1:], 1):
        if part.split(" ", 1)[0] in {"What", "How", "Why"}:
            assert any(p.endswith(":") for p in parts[:n]), parts


def test_a_subject_clause_with_a_question_word_is_a_sentence() -> None:
    assert not parse._misleads(["We will check your income.", "What you pay depends on your savings."])


# ---------------------------------------------------------------- 7. more shapes found reading pages


@needs_parser
def test_a_way_with_its_own_clause_ends_the_list(page: list[str]) -> None:
    at = page.index("You can complain:")
    assert page[at + 4] == "In person at any of our customer service centres.", page
    assert page[at + 5] == "Staff there can help you fill in the form.", page


@needs_parser
def test_a_reason_lead_needs_a_clause() -> None:
    parts = split(
        "We are writing to you because you, or the person you care for, currently attend the Hollins "
        "Day Centre, and we want to explain the changes we will make from June."
    )
    assert "This is because you." not in parts and not any(p.startswith("Or this") for p in parts), parts
    assert parts[-1] == "We want to explain the changes we will make from June.", parts


@needs_parser
def test_a_shortened_sentence_keeps_its_main_clause() -> None:
    short = shorten.main_clause(
        "If it does, for example if you leave hospital or your carer becomes ill, we will look at your "
        "support again.",
        15,
        lambda t: len(t.split()),
    )
    assert short is None or "we will look" in short.kept.lower()


@needs_parser
@pytest.mark.parametrize(
    ("sentence", "alternative"),
    [
        (
            "Where several people live close to each other, we propose to use shared night-time support, "
            "such as a worker who stays awake in one of the homes and can be called by the others, or "
            "technology such as sensors and alarms, instead of a worker sleeping in each home.",
            "or technology such as sensors and alarms",
        ),
        (
            "We can help you get around town, for example with a volunteer driver who takes you to your "
            "appointments, or a travel pass such as a free bus pass, instead of paying for taxis.",
            "or a travel pass such as a free bus pass",
        ),
    ],
)
def test_examples_of_one_alternative_stay_with_it(sentence: str, alternative: str) -> None:
    """Seen on er11's supported living consultation: "This worker can be called by the others, or
    technology." "This can be sensors and alarms, …" (the examples of "technology" read as examples
    of the whole)."""
    parts = split(sentence)
    assert not any(p.endswith((", or technology.", ", or a travel pass.")) for p in parts), parts
    assert not any(p.startswith(("This can be sensors", "This can be a free bus pass")) for p in parts), parts
    assert any(alternative in p for p in parts), parts
