"""Easy Read splits at surface cues, each cut checked by parsing its parts alone (language/cues.py):
used when no grammar rule finds a shape, often because the parse of the whole long sentence is
wrong. Each shape has the exact parts a reader gets, and look-alikes that must NOT be cut (or not
that way).

Every sentence here is made up for these tests; none is taken from the drafts we measure on."""

from __future__ import annotations

import pytest

from accessconv.formats.easy_read.language import cues, facts, parse
from accessconv.formats.easy_read.language.points import keeps_content

needs_parser = pytest.mark.skipif(not parse.available(), reason="the spaCy model is not installed")


def split(sentence: str) -> list[str] | None:
    return parse.split(sentence, lambda p: len(p.split()) > 12)


def _keeps_everything(sentence: str, parts: list[str]) -> None:
    joined = " ".join(parts)
    assert keeps_content(sentence, joined), parts
    for fact in facts.facts(sentence):
        assert fact in joined, (fact, parts)


@needs_parser
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # ", and" before a subject "anyone whose charge changes": the parser takes "changes" for a noun
        # even in the part alone; a noun, "whose", a noun, a verb in -s and "will" make a sentence.
        (
            "The new charges will start on 1 April 2027, and anyone whose charge changes will be told in "
            "writing at least four weeks before.",
            [
                "The new charges will start on 1 April 2027.",
                "Anyone whose charge changes will be told in writing at least four weeks before.",
            ],
        ),
        (
            "Rents for garages will rise by 3% from April, and any tenant whose rent changes will receive "
            "a letter from the rents team.",
            [
                "Rents for garages will rise by 3% from April.",
                "Any tenant whose rent changes will receive a letter from the rents team.",
            ],
        ),
        # A naming phrase with a word in -ly inside it.
        (
            "The new service, known locally as the Care Link, will help older people who live alone to "
            "stay safe and well at home.",
            [
                "The new service will help older people who live alone to stay safe and well at home.",
                "The new service is known locally as the Care Link.",
            ],
        ),
        # A dash between two clauses; the first verb is tagged as a base form or a noun by the
        # parser ("pay", "recycle"), so the first part stands only as a present tense it missed.
        (
            "Most people in the borough pay their council tax by direct debit - others pay online or at "
            "the post office.",
            [
                "Most people in the borough pay their council tax by direct debit.",
                "Others pay online or at the post office.",
            ],
        ),
        (
            "Most families in the village recycle their glass at the kerb - others take it to the bottle "
            "bank on Mill Road.",
            [
                "Most families in the village recycle their glass at the kerb.",
                "Others take it to the bottle bank on Mill Road.",
            ],
        ),
        # ", and" before a clause whose subject is a long phrase.
        (
            "Most homes on the estate have gas heating, and a small number of older flats on the top "
            "floors use storage heaters.",
            [
                "Most homes on the estate have gas heating.",
                "A small number of older flats on the top floors use storage heaters.",
            ],
        ),
        # Examples in the middle of a sentence: the noun before them is said again.
        (
            "Serious leaks, such as water coming through a ceiling or a burst pipe under the floor, will "
            "be made safe on the same day.",
            [
                "Serious leaks will be made safe on the same day.",
                "Serious leaks include water coming through a ceiling or a burst pipe under the floor.",
            ],
        ),
        (
            "Our partners, including the police, the fire service and two local housing associations, "
            "have agreed to share their data with us.",
            [
                "Our partners have agreed to share their data with us.",
                "Our partners include:",
                "The police.",
                "The fire service.",
                "Two local housing associations.",
            ],
        ),
        # A "where" aside in the middle.
        (
            "The sports hall, where you can play badminton, basketball and table tennis, will stay open "
            "late on Fridays.",
            [
                "The sports hall will stay open late on Fridays.",
                "This is where you can play badminton, basketball and table tennis.",
            ],
        ),
        # A list of reported questions whose parse is wrong: its items start with question words.
        (
            "The plan explains which roads we will resurface, which pavements we will repair, how long "
            "each job will take, and what you should do during the works.",
            [
                "The plan explains:",
                "Which roads we will resurface.",
                "Which pavements we will repair.",
                "How long each job will take.",
                "What you should do during the works.",
            ],
        ),
        # A list whose items share their first word.
        (
            "The grant will pay for new boilers in homes that have no heating, homes that have a broken "
            "boiler, and homes where a tenant is over 80.",
            [
                "The grant will pay for new boilers in:",
                "Homes that have no heating.",
                "Homes that have a broken boiler.",
                "Homes where a tenant is over 80.",
            ],
        ),
        # A subject of three items that share their first word, then what is said of all of them.
        (
            "People who receive the higher rate of Attendance Allowance, people who are registered blind, "
            "and people who get the mobility part of Personal Independence Payment will not have to pay the "
            "charge.",
            [
                "These people will not have to pay the charge:",
                "People who receive the higher rate of Attendance Allowance.",
                "People who are registered blind.",
                "People who get the mobility part of Personal Independence Payment.",
            ],
        ),
        # A phrase after "depending on": its own lead makes it a sentence.
        (
            "Half of the money will come from the Housing Fund, depending on approval by the Cabinet on 3 "
            "May 2027.",
            [
                "Half of the money will come from the Housing Fund.",
                "This depends on approval by the Cabinet on 3 May 2027.",
            ],
        ),
        # Examples that are "-ing" phrases: one a line after "This can be:" (never "This can be fix …").
        (
            "Tenants look after small jobs in their home, such as changing light bulbs, fixing loose door "
            "handles, replacing plugs on sinks, and bleeding radiators.",
            [
                "Tenants look after small jobs in their home.",
                "This can be:",
                "Changing light bulbs.",
                "Fixing loose door handles.",
                "Replacing plugs on sinks.",
                "Bleeding radiators.",
            ],
        ),
        # "so that" with no comma.
        (
            "We will shut the car park at Station Road for three weeks in August so that workers can "
            "resurface it safely.",
            [
                "We will shut the car park at Station Road for three weeks in August.",
                "This is so that workers can resurface it safely.",
            ],
        ),
    ],
)
def test_cut_at_cues(sentence: str, expected: list[str]) -> None:
    parts = split(sentence)
    assert parts == expected
    _keeps_everything(sentence, parts)


@needs_parser
def test_a_name_given_to_a_check_and_a_clause_about_it() -> None:
    """ "known as" moves into its own sentence with the noun named again; the clause after it puts
    the noun back as its object."""
    sentence = (
        "Each home gets a yearly check, known as the safety visit, which an officer from our team "
        "carries out."
    )
    parts = split(sentence)
    assert parts == [
        "Each home gets a yearly check, known as the safety visit.",
        "An officer from our team carries out the safety visit.",
    ]


@needs_parser
def test_a_naming_phrase_after_the_subject() -> None:
    sentence = (
        "The scheme, known as Warm Homes Plus, will pay for new windows and doors in around 400 older "
        "council homes."
    )
    doc = parse.parse(sentence)
    assert doc is not None
    parts = cues.split(sentence, doc, parse._parse_kept, parse._stands_alone)
    assert parts == [
        "The scheme will pay for new windows and doors in around 400 older council homes.",
        "The scheme is known as Warm Homes Plus.",
    ]


@needs_parser
def test_a_which_clause_with_no_noun_to_name_is_about_all_before_it() -> None:
    """ "a year" says how often: "The year is more than …" would name the wrong thing."""
    sentence = (
        "The care provided by unpaid carers in the borough is worth around £410 million a year, which "
        "is more than 3 times the council budget."
    )
    assert split(sentence) == [
        "The care provided by unpaid carers in the borough is worth around £410 million a year.",
        "This is more than 3 times the council budget.",
    ]


@needs_parser
@pytest.mark.parametrize(
    ("sentence", "bad"),
    [
        # The verb after ", and" belongs to the adult, not to the policy.
        (
            "The policy applies to any adult aged 18 or over who has needs for care and support, is "
            "experiencing or at risk of abuse or neglect, and cannot protect themselves because of those "
            "needs.",
            "The policy cannot",
        ),
        # Examples that end before the sentence does.
        (
            "You will need to bring proof of your address, such as a recent utility bill or a bank "
            "statement, to the appointment.",
            "This can be",
        ),
        # "which" before its noun asks a question; it opens no clause about the noun before it.
        (
            "The report looks at which services people use most, and which they would like us to keep.",
            "This",
        ),
        # An "or" list: its items would lose the "or".
        (
            "You can choose a new kitchen, a new bathroom, or new windows and doors for your home this year.",
            "You can choose:",
        ),
        # "as" before a phrase, not a clause: "This is because part of a review" is no reason.
        (
            "A focus group was arranged for people to talk about their homes, as part of a review of the "
            "housing repairs service.",
            "This is because",
        ),
        # A name for an action, after a time phrase: "The year is known as …" would name the wrong thing.
        (
            "We will check every tower block in the borough each year, known as the fire safety review, "
            "which our fire safety officers carry out with the fire service.",
            "The year",
        ),
        # Two who-clauses joined by "or": neither is the subject's only description.
        (
            "Tenants who are over 70, who have a disability or who have no one who can help them may ask "
            "us to carry out some of these small repairs for them.",
            "Tenants have",
        ),
    ],
)
def test_look_alikes_are_not_cut_that_way(sentence: str, bad: str) -> None:
    parts = split(sentence) or [sentence]
    assert not any(p.startswith(bad) for p in parts), parts
    _keeps_everything(sentence, parts)


@needs_parser
def test_each_part_is_checked_alone() -> None:
    """A cut whose second part has no verb of its own is refused by the check on its own parse."""
    sentence = "We will paint the doors and the windows, and the walls of every house on the estate."
    assert not parse._stands_alone(
        sentence, ["We will paint the doors and the windows.", "The walls of every house."]
    )


def _restate(parts: list[str]) -> list[str]:
    return parse._restate_conditions(parts, lambda p: len(p.split()) > 12)


@needs_parser
@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        # The object named again.
        (
            ["You can get a free smoke alarm.", "This is only if you live alone."],
            "You can get this smoke alarm only if you live alone.",
        ),
        # An action on someone: "do this".
        (
            ["We will tell you the date.", "This is only if the work is late."],
            "We will do this only if the work is late.",
        ),
        # "every home": "this home" would say one home.
        (
            ["We visit every home once a year.", "This is if the tenant agrees."],
            "We do this if the tenant agrees.",
        ),
        # A thing that happens.
        (
            ["The charge will be £20 a week.", "This is only if the Cabinet agrees."],
            "This will happen only if the Cabinet agrees.",
        ),
    ],
)
def test_a_condition_says_again_what_it_is_about(parts: list[str], expected: str) -> None:
    assert _restate(parts) == [parts[0], expected]


@needs_parser
@pytest.mark.parametrize(
    "parts",
    [
        # Something negative: "We will not do this if …" would read the wrong way round.
        ["We will not charge you.", "This is if you get Housing Benefit."],
        # No action and no object: "You will do this" would not fit.
        ["You will qualify for a badge.", "This is if you get the higher rate."],
        # Two clauses in the condition: it stays a whole condition, never cut again.
        ["You can get help with repairs.", "This is if you are over 65 and you live alone."],
        # Too long to repeat.
        [
            "You can ask the Housing Ombudsman for help.",
            "This is if you are not happy with the way we dealt with your report.",
        ],
    ],
)
def test_a_condition_stays_this_is_if(parts: list[str]) -> None:
    assert _restate(parts) == parts


@needs_parser
def test_choices_are_one_a_line_with_no_or() -> None:
    """A lead that says the lines are choices ("You can:") gives them one a line with no "Or"."""
    sentence = (
        "You can pay the charge online at www.example.gov.uk/pay, send a cheque to the council offices, "
        "or pay in cash at any post office."
    )
    assert split(sentence) == [
        "You can:",
        "Pay the charge online at www.example.gov.uk/pay.",
        "Send a cheque to the council offices.",
        "Pay in cash at any post office.",
    ]


def test_a_list_without_a_choice_word_keeps_or() -> None:
    from accessconv.formats.easy_read.language.syntax import or_last

    assert or_last("We will buy:", "New chairs.") == "Or new chairs."
    assert or_last("You can book a place by:", "Visiting the library.") == "Visiting the library."


@needs_parser
def test_a_which_clause_that_does_not_agree_with_this_is_left() -> None:
    """ "which between them support 214 people": "This between them support …" would be wrong."""
    sentence = (
        "The council runs four day centres for adults with learning disabilities, which between them "
        "support 214 people."
    )
    parts = split(sentence) or [sentence]
    assert not any(p.startswith("This between") for p in parts), parts


@needs_parser
def test_an_object_goes_back_only_at_the_end_of_its_clause() -> None:
    """ "which an engineer carries out at a time agreed with you" ends with "you": putting "the check"
    after it would make a broken sentence."""
    sentence = (
        "Every flat gets a yearly boiler service, which an engineer from our contractor carries out at a "
        "time agreed with you."
    )
    parts = split(sentence) or [sentence]
    assert not any(
        p.endswith("with you the service.") or p.endswith("you the boiler service.") for p in parts
    )


@needs_parser
def test_a_name_given_in_the_middle_does_not_hold_up_it_after_it() -> None:
    """ "This library bus is known as …" names the same thing again, so "It would visit …" may follow it."""
    sentence = (
        "The library bus, known as the Book Bus, would stop at fewer places but for longer at each stop, "
        "and it would visit every village without a library at least once a month."
    )
    assert split(sentence) == [
        "The library bus would stop at fewer places but for longer at each stop.",
        "This library bus is known as the Book Bus.",
        "It would visit every village without a library at least once a month.",
    ]


@needs_parser
def test_a_which_clause_after_a_list_is_about_the_whole_list() -> None:
    """ "An online library together had …" would say it of the last item only."""
    sentence = (
        "The trust runs 9 pools, a sports hall and an ice rink, which together had over 800,000 visits "
        "last year."
    )
    parts = split(sentence) or [sentence]
    assert not any(p.startswith("An ice rink") for p in parts), parts


@needs_parser
def test_two_verbs_sharing_what_follows_are_not_cut_apart() -> None:
    """ "will look and feel different": "Co-production will look." alone would lose "different"."""
    sentence = (
        "Co-production will look and feel different depending on the group, the nature of the project and "
        "the people taking part."
    )
    parts = split(sentence) or [sentence]
    assert parts[0].startswith("Co-production will look and feel different"), parts
    _keeps_everything(sentence, parts)


@needs_parser
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A list of things after "including", one of them a word the parser takes for a verb
        # ("falls"): never "This falls mats that …"; an item with a who-clause stays one item.
        (
            "Other aids can be fitted depending on what you need, including grab rails, bath seats, stair "
            "rails for people who may fall on the stairs at night, and falls mats that sound an alarm if "
            "you cannot get up.",
            [
                "Other aids can be fitted depending on what you need.",
                "These include:",
                "Grab rails.",
                "Bath seats.",
                "Stair rails for people who may fall on the stairs at night.",
                "Falls mats that sound an alarm if you cannot get up.",
            ],
        ),
        # An object list after "to": the first item is a noun with "of … and …" inside it.
        (
            "The new rule would not apply to members of the armed forces and their families, people "
            "leaving prison, young people leaving care up to the age of 21, and people who must move here "
            "for work.",
            [
                "The new rule would not apply to:",
                "Members of the armed forces and their families.",
                "People leaving prison.",
                "Young people leaving care up to the age of 21.",
                "People who must move here for work.",
            ],
        ),
        # "including" after a plural object: "These include"; after a singular one: "This includes".
        (
            "We run many clubs across the district, including walking clubs, lunch clubs for people who "
            "live alone and their friends, and choirs.",
            [
                "We run many clubs across the district.",
                "These include:",
                "Walking clubs.",
                "Lunch clubs for people who live alone and their friends.",
                "Choirs.",
            ],
        ),
    ],
)
def test_an_open_list_ends_with_its_last_item(sentence: str, expected: list[str]) -> None:
    parts = split(sentence)
    assert parts == expected, parts
    _keeps_everything(sentence, parts)
    assert not any(p.startswith(("This falls", "These falls")) for p in parts)


@needs_parser
def test_a_phrase_joined_after_a_which_clause_stays_with_its_verb() -> None:
    # "…, which is the quickest way, or by card": "or by card" is a second way to pay, not part of
    # what the which-clause says (it was "The direct debit is the quickest way, or by card …").
    sentence = (
        "You can pay your rent by standing order, which is the quickest way, or by card at any post office."
    )
    parts = split(sentence)
    assert parts is not None
    assert parts[0] == "You can pay your rent by standing order or by card at any post office.", parts
    assert not any(", or by" in p for p in parts[1:]), parts
    assert parts[1] == "Standing order is the quickest way.", parts
    _keeps_everything(sentence, parts)


@needs_parser
@pytest.mark.parametrize(
    ("sentence", "second"),
    [
        # A second that-clause of the same verb takes its frame again, never "That every home …".
        (
            "We want to make sure that every tenant has a working smoke alarm, and that every home has a "
            "gas safety check each year.",
            "We want to make sure that every home has a gas safety check each year.",
        ),
        (
            "By April 2028, we aim to ensure that no tenant waits longer than 8 weeks for a home visit, and "
            "that minor repairs costing less than £500 are completed within 10 working days of the visit.",
            # (and the time limit is then said apart from when it starts: clauses.within_of)
            "By April 2028, we aim to ensure that minor repairs costing less than £500 are completed within "
            "10 working days.",
        ),
        (
            "By June 2029, we plan to ensure that nobody waits longer than 6 weeks for a care needs "
            "assessment, and that minor adaptations costing less than £800 are completed within 10 working "
            "days.",
            "By June 2029, we plan to ensure that minor adaptations costing less than £800 are completed "
            "within 10 working days.",
        ),
    ],
)
def test_a_second_that_clause_says_its_frame_again(sentence: str, second: str) -> None:
    parts = split(sentence)
    assert parts is not None and second in parts[-2:], parts
    assert not any(p.startswith("That ") for p in parts)


@needs_parser
def test_as_with_its_verb_first_compares_and_gives_no_reason() -> None:
    # ", as were the coffee mornings" says "so were they", never "This is because were …".
    sentence = (
        "Lunch clubs, walking groups and day trips run by local volunteers were popular with everyone, as "
        "were the monthly coffee mornings held in the library."
    )
    parts = split(sentence) or [sentence]
    assert not any("because" in p for p in parts), parts
    assert parts[-1] == "So were the monthly coffee mornings held in the library.", parts
    other = (
        "Our day centres, lunch clubs and local libraries were valued highly by carers, as was having one "
        "named person to contact when things changed."
    )
    parts = split(other) or [other]
    assert not any("because" in p for p in parts)
    said_again = "Having one named person to contact when things changed was valued highly by carers too."
    assert parts[-1] == said_again, parts


@needs_parser
def test_an_opening_condition_without_its_comma_is_no_fragment() -> None:
    # Officers often leave out the comma after "If …": the part still has its main clause, so the
    # sentence is cut at ", and" (it was left whole, 38 words, as if "If … action." were a fragment).
    sentence = (
        "If you miss a payment we will write to you to talk about it before taking any action, and we will "
        "never take the alarm away from someone who needs it without first looking at their needs again."
    )
    parts = split(sentence)
    assert parts is not None and len(parts) >= 2, parts
    assert parts[-1].startswith("We will never take the alarm away"), parts
    assert parse._fragment("Where the adult needs help with washing and dressing every morning.")
    assert parse._fragment("If you cannot get to one of our offices in the town centre during the week.")


@needs_parser
@pytest.mark.parametrize(
    "sentence",
    [
        # "the" + noun + who-clause names which one: "… than the person." alone says nothing.
        "Your appeal will be heard by a manager more senior than the person who made the first decision.",
        "We want to make sure that the flats we do have go to the families who need them most.",
        "But we will always talk to the person who will be using the wheelchair before anything is ordered.",
    ],
)
def test_a_clause_that_says_which_one_stays_with_its_noun(sentence: str) -> None:
    parts = split(sentence) or [sentence]
    assert not any(p.startswith(("This person", "These families", "These people")) for p in parts), parts


@needs_parser
def test_a_phrase_saying_more_of_an_item_is_no_item() -> None:
    # ", either by phone or face to face" says how the session is held: not a list item of its own.
    sentence = (
        "Tenants were offered a home visit, either in the morning or after school and the chance to "
        "send in their views by post."
    )
    parts = split(sentence) or [sentence]
    assert not any(p.lower().startswith("either") for p in parts), parts


@needs_parser
def test_examples_inside_a_long_subject_are_said_of_these() -> None:
    sentence = (
        "Small repairs in council homes that cost under £300, such as new taps or door handles, will be "
        "done within 20 working days."
    )
    parts = split(sentence)
    assert parts == [
        "Small repairs in council homes that cost under £300 will be done within 20 working days.",
        "These include new taps or door handles.",
    ]
    _keeps_everything(sentence, parts)
