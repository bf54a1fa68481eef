"""The guard every split passes (language/parse.py `fits`, `sound`, `reads_wrong`) and the last-resort
cascade (language/cascade.py). A broken sentence is worse than a long one: each look-alike below is a
split some splitter made or could make, and the reader must get either whole sentences that keep every
word that matters, or the sentence left as it was.

Every sentence here is made up for these tests; none is taken from the drafts we measure on."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from accessconv.formats.easy_read.language import cascade, clauses, parse, points, shorten
from easyread_language_builders import (
    SPLIT_SETTINGS,
    keeps_everything,
    sentences_stand,
    split_like_the_transform,
)

needs_parser = pytest.mark.skipif(not parse.available(), reason="the spaCy model is not installed")


def too_long(text: str) -> bool:
    return len(text.split()) > 12


# --- the guard -------------------------------------------------------------------------------------


@needs_parser
@pytest.mark.parametrize(
    ("whole", "parts"),
    [
        # A noun read as a verb: "grab bars … and falls sensors": "falls" is no verb.
        (
            "Extra equipment can be lent to you, including grab bars, shower stools, bed levers for people "
            "who may slip at night, and falls sensors that ring a bell if you cannot stand up.",
            [
                "Extra equipment can be lent to you, including grab bars, shower stools, bed levers for "
                "people who may slip at night.",
                "Falls sensors that ring a bell if you cannot stand up.",
            ],
        ),
        # A clause with "will" and no subject after a comma: half of another sentence.
        (
            "Respite beds, which are booked when a carer falls ill, for example because they need an "
            "operation, will still be kept open all year.",
            [
                "Respite beds will still be kept open all year.",
                "This is because they need an operation, will still be kept open all year.",
            ],
        ),
        # A list cut inside a phrase: "over:" then "65.".
        (
            "The new rule would not cover tenants over 65, tenants in sheltered flats, foster carers, and "
            "tenants who have lived here for more than 20 years.",
            [
                "The new rule would not cover tenants over:",
                "65.",
                "Tenants in sheltered flats.",
                "Foster carers.",
                "Tenants who have lived here for more than 20 years.",
            ],
        ),
        # A part that ends leading into words it lost.
        (
            "Short stays are booked when a carer cannot cope, for example because they have to go into "
            "hospital.",
            [
                "Short stays are booked when a carer cannot cope, for example.",
                "They have to go into hospital.",
            ],
        ),
        # The same long front said twice: no shorter, and harder to read.
        (
            "You can choose to hire the builder yourself, or you can ask us to manage the whole project and "
            "post you an invoice when it is done.",
            [
                "You can choose to hire the builder yourself, or you can ask us to manage the whole project.",
                "You can choose to hire the builder yourself, or you can ask us to post you an invoice when "
                "it is done.",
            ],
        ),
    ],
)
def test_the_guard_refuses_a_split_worse_than_the_sentence(whole: str, parts: list[str]) -> None:
    assert not parse.fits(whole, parts)


@needs_parser
def test_the_guard_keeps_a_good_split() -> None:
    whole = "We will repaint the hall in May, and the new lift will be fitted in June."
    assert parse.fits(whole, ["We will repaint the hall in May.", "The new lift will be fitted in June."])


@needs_parser
@pytest.mark.parametrize(
    ("part", "refused"),
    [
        ("Falls sensors that ring a bell if you cannot stand up.", True),  # a noun phrase, no verb
        ("This is because they need an operation, will still be kept open all year.", True),
        ("Other hoists lifts the person into the bath.", True),  # "hoists … lifts": no agreement
        ("A small number of older bungalows on the estate use oil heating.", False),  # "a number of … use"
        ("The warden and her deputy will visit each flat every morning.", False),
        ("We will visit you, and will bring the forms with us.", False),  # "and" joins the two verbs
        ("Fit a smoke alarm to the hall ceiling.", False),  # an order, whatever tag "Fit" gets
    ],
)
def test_a_part_alone_is_refused_when_it_is_no_sentence_or_reads_wrong(part: str, refused: bool) -> None:
    doc = parse.parse(part)
    assert doc is not None
    assert (not clauses.stands(doc) or parse.reads_wrong(doc)) is refused


@needs_parser
def test_a_verb_the_parser_joined_to_a_noun_does_not_become_a_sentence_verb() -> None:
    """In "…, bed levers and falls sensors that ring …" the parser may read "falls" as a verb joined
    to "levers": "This falls these sensors …" must not pass."""
    whole = parse.parse(
        "Extra equipment can be lent to you, including grab bars, shower stools, bed levers for people "
        "who may slip at night, and falls sensors that ring a bell if you cannot stand up."
    )
    part = parse.parse("This falls these sensors only if you cannot stand up.")
    assert whole is not None and part is not None
    assert "falls" in parse._nouns(whole)
    assert parse.reads_wrong(part, parse._nouns(whole))


@needs_parser
@pytest.mark.parametrize(
    "sentence",
    [
        "Extra equipment can be lent to you, including grab bars, shower stools, bed levers for people who "
        "may slip at night, and falls sensors that ring a bell if you cannot stand up.",
        "Respite beds, which are booked when a carer falls ill, for example because they need an operation, "
        "will still be kept open all year.",
        "The new rule would not cover tenants over 65, tenants in sheltered flats, foster carers, and "
        "tenants who have lived here for more than 20 years.",
        "You can choose to hire the builder yourself, or you can ask us to manage the whole project and post "
        "you an invoice when it is done.",
        "Most people who rent a garage from the council are asked to pay a deposit of £50 first.",
        "The leaflet also explains the support that is offered if you rent privately, and what you can do if "
        "you disagree with us.",
        "We have carried out a noise survey, which shows that the works would mostly affect older "
        "people, night workers and people who live next to the depot.",
        "You should keep this card together with the letter that your warden sent you after your review, "
        "which gives you the number to ring at night.",
        "A swim costs £3.10, and the real cost to the council of each swim is about £7.60, which means that "
        "the council pays around £240,000 a year towards the pools.",
        "If nobody answers the door, the driver will follow the plan that was agreed with each tenant, which "
        "may include ringing a relative, a neighbour or the council's emergency line.",
    ],
)
def test_every_splitter_gives_whole_sentences_or_none(sentence: str) -> None:
    """Through all splitters (the parser's rules, cues, the cascade and the punctuation splitter):
    every part stands as a sentence that reads as the draft meant, and keeps every word that matters."""
    parts = split_like_the_transform(sentence)
    keeps_everything(sentence, parts)
    sentences_stand(parts)
    assert not any(p.startswith(("Some most", "These most", "A noise survey")) for p in parts), parts
    assert not any(p.rstrip(".").endswith("for example") for p in parts), parts


@needs_parser
def test_shorten_keeps_no_part_that_leads_into_what_it_lost() -> None:
    text = (
        "This is when a tenant is suddenly unable to manage, for example because they have gone into "
        "hospital."
    )
    short = shorten.main_clause(text, 12, lambda t: len(t.split()))
    assert short is None or not short.kept.rstrip(".").endswith("for example")


@needs_parser
def test_the_punctuation_splitter_is_guarded_when_the_parser_is_in_use() -> None:
    sentence = (
        "Respite beds for carers who suddenly cannot cope, for example because they need an operation, "
        "will still be kept open all year."
    )
    guarded = points.split_sentence(sentence, SPLIT_SETTINGS).parts
    sentences_stand(guarded)
    # Without the parser the rule-based splitter works alone, as before.
    plain = SimpleNamespace(max_words_warn=12, min_clause_words=3, max_inline_list_item_words=8)
    assert points.split_sentence(sentence, plain).parts


# --- the cascade -------------------------------------------------------------------------------------


@needs_parser
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A who-clause on an object: the noun named again.
        (
            "You can ask for the fine to be checked again by a senior manager who played no part in the "
            "first review.",
            [
                "You can ask for the fine to be checked again by a senior manager.",
                "This manager played no part in the first review.",
            ],
        ),
        # A list of things at the end whose first item starts with the noun the others repeat.
        (
            "The new rule would not cover tenants over 65, tenants in sheltered flats, foster carers, and "
            "tenants who have lived here for more than 20 years.",
            [
                "The new rule would not cover:",
                "Tenants over 65.",
                "Tenants in sheltered flats.",
                "Foster carers.",
                "Tenants who have lived here for more than 20 years.",
            ],
        ),
        # Phrases that repeat their small word.
        (
            "We will not usually pay for parts that were bought before your claim was agreed, or for "
            "general upkeep and decorating that is not linked to the flood.",
            [
                "We will not usually pay for:",
                "Parts that were bought before your claim was agreed.",
                "Or general upkeep and decorating that is not linked to the flood.",
            ],
        ),
        # Two figures joined by ", while" (the first change then said as what it was and what it is).
        (
            "Since then the number of people on the waiting list has gone up from 320 to 610, while the "
            "number of free places has fallen to about 90.",
            [
                "The number of people on the waiting list was 320.",
                "Since then it has gone up to 610.",
                "The number of free places has fallen to about 90.",
            ],
        ),
    ],
)
def test_the_cascade_cuts(sentence: str, expected: list[str]) -> None:
    parts = parse.split(sentence, too_long)
    assert parts == expected
    keeps_everything(sentence, parts)


@needs_parser
@pytest.mark.parametrize(
    ("sentence", "step"),
    [
        # "not" before the clause: "… to a person. This person has no ID." would turn the meaning.
        ("We will not hand the keys to a person who cannot show us any photo ID at the office.", "relative"),
        # "any": the clause says which ones.
        ("You can ask for the fine to be checked again by any manager who played no part in it.", "relative"),
        # A bare plural: "… for tenants. These tenants …" would say it of all tenants.
        ("We will pay for grab rails for tenants who have had a fall at home in the last year.", "relative"),
        # "while you wait" says when: never cut.
        ("Our staff can fit a new lock on the front door, while you wait at home for 2 hours.", "contrast"),
        # "from 6 to 4 …, and to use …": a preposition and an infinitive's "to" make no list.
        (
            "We plan to cut the number of rooms kept for emergencies at Ash House from 8 rooms to 5 rooms, "
            "and to use the money saved to pay for more visits at home.",
            "ways",
        ),
        # Items that are clauses, not things.
        ("The officer can phone you at work, meet you at the library, or you can send us 3 photos.", "list"),
    ],
)
def test_the_cascade_leaves_look_alikes(sentence: str, step: str) -> None:
    doc = parse.parse(sentence)
    assert doc is not None
    made = {
        "relative": cascade.object_relative,
        "contrast": cascade.contrast,
        "ways": cascade.ways,
        "list": cascade.end_list,
    }[step](sentence, doc)
    assert made is None


@needs_parser
def test_a_missing_comma_after_an_opening_condition() -> None:
    sentence = "If you miss a rent payment we will phone you to talk about it before we send any letters."
    parts = parse.split(sentence, too_long)
    # With the comma in, the rules that need it cut the sentence ("Do you miss …?" "We will …").
    assert parts == [
        "Do you miss a rent payment?",
        "We will phone you to talk about it before we send any letters.",
    ]
    keeps_everything(sentence, parts)
    sentences_stand(parts)


@needs_parser
def test_ways_found_by_their_words() -> None:
    sentence = (
        "You can book a visit online at www.example.org/visits, by phone on 01632 960 900 or by calling in "
        "at the Town Hall on Bank Street."
    )
    parts = parse.split(sentence, too_long)
    assert parts is not None
    assert parts[0] == "You can book a visit:"
    assert "By phone on 01632 960 900." in parts
    keeps_everything(sentence, parts)


@needs_parser
def test_a_which_clause_after_a_name_and_a_date_is_not_given_to_another_noun() -> None:
    """ "…, which will decide" after "the Planning Committee on 3 March 2028" is about the committee:
    neither "This report will decide" nor "This will decide"."""
    sentence = (
        "A report will go to the council's Planning Committee on 3 March 2028, which will decide whether "
        "the new depot goes ahead."
    )
    parts = split_like_the_transform(sentence)
    assert not any(p.startswith(("This report", "A report will decide", "This will decide")) for p in parts)
    keeps_everything(sentence, parts)


@needs_parser
def test_a_noun_named_again_keeps_its_condition_close() -> None:
    """ "This agreement means …" names its noun, so a condition may come between: the cut is kept."""
    parts = parse.split(
        "If you would rather not sell your flat straight away, you may be able to get a loan agreement, "
        "which means that the council pays part of your rent for you.",
        too_long,
    )
    assert parts is not None and len(parts) > 1
    sentences_stand(parts)


@needs_parser
def test_reported_questions_are_not_cut_at_their_where() -> None:
    """ "tell us what …, where … and when …" is one list of questions: never "This is where …"."""
    sentence = (
        "Please tell us what the fault is, where it is in the building and when it began, so that the "
        "right engineer can bring the right tools."
    )
    parts = split_like_the_transform(sentence)
    assert not any(p.startswith("This is where") for p in parts), parts
    keeps_everything(sentence, parts)


@needs_parser
@pytest.mark.parametrize(
    ("sentence", "wrong"),
    [
        # The clause is about the committee (a name and a date come before the comma).
        (
            "A report will be given to the council's Planning Committee on 3 March 2028, which will make "
            "the final choice.",
            "This will make",
        ),
        # The clause is about the card, not the review inside the clause that describes the card.
        (
            "You should keep this leaflet together with the card that your warden gave you after your "
            "review, which gives you the number to ring at night.",
            "This gives you",
        ),
    ],
)
def test_this_is_not_given_to_a_clause_that_may_be_about_another_noun(sentence: str, wrong: str) -> None:
    parts = split_like_the_transform(sentence)
    assert not any(p.startswith(wrong) for p in parts), parts
    keeps_everything(sentence, parts)


@needs_parser
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Some tenants now buy smoke alarms from hardware shops, which can be fitted to the ceiling "
            "with a sticky pad.",
            "These can be fitted to the ceiling with a sticky pad.",
        ),
        (
            "The hall has lost 140 bookings since April, which means that the café may have to close.",
            "This means that the café may have to close.",
        ),
    ],
)
def test_a_which_clause_on_a_plural_noun_is_these(sentence: str, expected: str) -> None:
    assert expected in split_like_the_transform(sentence)


@needs_parser
@pytest.mark.parametrize(
    ("sentence", "wrong"),
    [
        # A clause after "and" / "or" at the end of an "if" clause with no comma may be a condition too:
        # alone it would read as a fact about the reader.
        (
            "You can get a free smoke alarm if you live alone and you are over 75 years old or you have a "
            "disability.",
            "You are over 75",
        ),
        (
            "We can fit a ramp at your front door when your doctor agrees and your landlord gives us "
            "written permission.",
            "Your landlord gives us",
        ),
    ],
)
def test_a_condition_is_never_cut_into_a_fact(sentence: str, wrong: str) -> None:
    parts = split_like_the_transform(sentence)
    assert not any(p.startswith(wrong) for p in parts), parts
    left, right = sentence.split(" and ", 1)
    assert parse.fits(sentence, [f"{left}.", right[:1].upper() + right[1:]]) is False


@needs_parser
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Two conditions after the main clause, each with its own subject: "if:" and one a line, the
        # last with "And" (both needed) or "Or" (either is enough).
        (
            "We will pay for the repair if the damage was caused by a storm and your home insurance does "
            "not cover it.",
            [
                "We will pay for the repair if:",
                "The damage was caused by a storm.",
                "And your home insurance does not cover it.",
            ],
        ),
        (
            "You may be able to get help with the cost if you rent your home from a private landlord or you "
            "live in a housing association flat.",
            [
                "You may be able to get help with the cost if:",
                "You rent your home from a private landlord.",
                "Or you live in a housing association flat.",
            ],
        ),
        # The same two conditions before a short main clause go after it.
        (
            "If your boiler breaks down and you have a child under 5, please phone our emergency line.",
            [
                "Please phone our emergency line if:",
                "Your boiler breaks down.",
                "And you have a child under 5.",
            ],
        ),
        # "Where A and B, …" is a condition too; "When A and B, …" keeps its "when".
        (
            "Where the tenant has a serious illness and there is nobody at home to help them, the council "
            "will pay for a carer.",
            [
                "The council will pay for a carer if:",
                "The tenant has a serious illness.",
                "And there is nobody at home to help them.",
            ],
        ),
        (
            "When the boiler breaks down and there is a child under 5 in the home, we will come the same "
            "day.",
            [
                "We will come the same day when:",
                "The boiler breaks down.",
                "And there is a child under 5 in the home.",
            ],
        ),
        # A whole condition of two clauses ("This is if …") is cut only into such a list.
        (
            "This is if you have been living in the borough for 2 years and you are not already on the "
            "housing register.",
            [
                "This is if:",
                "You have been living in the borough for 2 years.",
                "And you are not already on the housing register.",
            ],
        ),
        # A subject of two joined people, and a describing clause, in the first condition.
        (
            "You can ask for a bigger grant if you or someone who lives with you uses a wheelchair and the "
            "doorways are too narrow.",
            [
                "You can ask for a bigger grant if:",
                "You or someone who lives with you uses a wheelchair.",
                "And the doorways are too narrow.",
            ],
        ),
        # Three conditions cut at commas, each a clause of its own; "a member of staff" and "a doctor
        # or nurse" are subjects too (a 39-word sentence of a leaflet stayed whole).
        (
            "You can join the walking group if you are 60 or over, you live in the district and a doctor "
            "or nurse has said that gentle exercise is safe for you.",
            [
                "You can join the walking group if:",
                "You are 60 or over.",
                "You live in the district.",
                "And a doctor or nurse has said that gentle exercise is safe for you.",
            ],
        ),
        # "or" inside the second condition's subject is no third condition; before, the second
        # condition was cut off as a fact ("You or someone in your home is over 70.").
        (
            "You can ask us for help with small repairs if you rent your home from us and you or someone "
            "in your home is over 75.",
            [
                "You can ask us for help with small repairs if:",
                "You rent your home from us.",
                "And you or someone in your home is over 75.",
            ],
        ),
    ],
)
def test_two_conditions_after_the_main_clause_are_a_list(sentence: str, expected: list[str]) -> None:
    parts = split_like_the_transform(sentence)
    assert parts == expected
    keeps_everything(sentence, parts)


@needs_parser
def test_one_condition_with_a_list_of_things_is_not_a_list_of_conditions() -> None:
    sentence = (
        "We will not charge for this help if you get Housing Benefit or the housing part of Universal Credit."
    )
    doc = parse.parse(sentence)
    assert doc is not None
    assert clauses.if_both_after(sentence, doc) is None


@needs_parser
@pytest.mark.parametrize(
    "sentence",
    [
        # The main clause points back at the conditions ("it"): it stays after them.
        "If the tenant moves out and the flat is empty, we will repair it.",
        # ", and" after one condition starts a new clause: "And we will reply …" is no condition.
        "You can ask for a review if we do not fix the fault, and we will write to you within 10 days.",
        # A condition with a list of its own would become a list inside the list.
        "This is only if you are on a low income or you claim benefits such as Universal Credit, Pension "
        "Credit or Employment and Support Allowance.",
    ],
)
def test_two_conditions_stay_where_a_list_would_read_wrongly(sentence: str) -> None:
    doc = parse.parse(sentence)
    assert doc is not None
    assert clauses.if_both_after(sentence, doc) is None


@needs_parser
def test_two_conditions_moved_after_a_long_main_clause_say_it_again_briefly() -> None:
    sentence = (
        "If you have a mobility scooter and you think there is a good reason why you cannot use it, you "
        "can ask us to look at your case again within 28 days of getting our decision letter."
    )
    parts = split_like_the_transform(sentence)
    lead = parts.index("You can do this if:")
    assert parts[lead + 1 :] == [
        "You have a mobility scooter.",
        "And you think there is a good reason why you cannot use it.",
    ], parts
    keeps_everything(sentence, parts)


@needs_parser
def test_a_list_never_comes_between_a_clause_and_the_sentence_about_it() -> None:
    # "… will arrange for a trained carer." "This is to help them.": cut into "… if:" and two
    # conditions, "This is to help them." would follow the last condition and seem to be about it.
    sentence = (
        "Where the tenant has a long illness and there is nobody at home to support them, the council will "
        "arrange for a trained carer to help them."
    )
    parts = split_like_the_transform(sentence)
    assert not (any(p.endswith(":") for p in parts) and "This is to help them." in parts), parts
    keeps_everything(sentence, parts)
