"""Easy Read splits, second round (language/clauses.py): the general shapes of long council
sentences, each with the exact parts a reader gets, and a look-alike that must NOT be split (or not
that way). The final check (`parse.sound`) refuses any split that leaves a part without a subject
and a verb with a tense.

Every sentence here is made up for these tests; none is taken from the drafts we measure on."""

from __future__ import annotations

from collections import Counter

import pytest

from accessconv.formats.easy_read.language import clauses, facts, parse
from accessconv.formats.easy_read.language.points import keeps_content
from accessconv.formats.easy_read.language.text import is_content_word, lemma, words

needs_parser = pytest.mark.skipif(not parse.available(), reason="the spaCy model is not installed")


def split(sentence: str) -> list[str] | None:
    return parse.split(sentence, lambda p: len(p.split()) > 12)


def _verb_lemmas(text: str) -> Counter[str]:
    return Counter(lemma(w, "VERB") for w in words(text) if is_content_word(w))


def _keeps_everything(sentence: str, parts: list[str]) -> None:
    joined = " ".join(parts)
    # keeps_content reads a word as a noun first ("meaning"); a participle made a verb ("This means")
    # is the same word read as a verb.
    assert keeps_content(sentence, joined) or not _verb_lemmas(sentence) - _verb_lemmas(joined), parts
    for fact in facts.facts(sentence):
        assert fact in joined, (fact, parts)


@needs_parser
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A: two main clauses after ", and" / ", but" / ", so"; the second's subject is a phrase.
        (
            "The panel will meet in June, and everyone who applied will get a letter by July.",
            ["The panel will meet in June.", "Everyone who applied will get a letter by July."],
        ),
        (
            "The library van will stop coming to the village in April, so everyone who uses it will "
            "need to visit the main library instead.",
            [
                "The library van will stop coming to the village in April.",
                "So everyone who uses it will need to visit the main library instead.",
            ],
        ),
        (
            "We have less money to spend this year, so people who get help at home will pay a little more.",
            [
                "We have less money to spend this year.",
                "So people who get help at home will pay a little more.",
            ],
        ),
        (
            "The new rules start on 1 April 2027, and anyone whose tenancy began before that date will "
            "keep their current rent.",
            [
                "The new rules start on 1 April 2027.",
                "Anyone whose tenancy began before that date will keep their current rent.",
            ],
        ),
        # A list of predicates of one subject, each with its own word with a tense.
        (
            "The money is paid every four weeks, is not taxed, and does not affect your pension.",
            ["The money:", "Is paid every four weeks.", "Is not taxed.", "Does not affect your pension."],
        ),
        (
            "Our aim is that by 2030 every tenant in the borough is heard early, is treated as an expert in "
            "their own home, and can get repairs done on time.",
            [
                "Our aim is that by 2030 every tenant in the borough:",
                "Is heard early.",
                "Is treated as an expert in their own home.",
                "Can get repairs done on time.",
            ],
        ),
        # B: a list of noun phrases, long items too, after a preposition: a lead and one item a line.
        (
            "The rule does not apply to people leaving the armed forces, people escaping domestic abuse, "
            "young people leaving care, and carers who must move here to look after someone.",
            [
                "The rule does not apply to:",
                "People leaving the armed forces.",
                "People escaping domestic abuse.",
                "Young people leaving care.",
                "Carers who must move here to look after someone.",
            ],
        ),
        # B: a time inside the last item's own clause stays there.
        (
            "The scheme is open to people aged over 65, disabled people who live alone, families with a "
            "child under 5, and anyone who has been in hospital in the last month.",
            [
                "The scheme is open to:",
                "People aged over 65.",
                "Disabled people who live alone.",
                "Families with a child under 5.",
                "Anyone who has been in hospital in the last month.",
            ],
        ),
        # B: the first item is the noun before "of …" when the list is joined to it.
        (
            "Further information is available in the Cabinet report of 12 March 2027 (item 7), the "
            "Learning Disability Strategy 2025–2030 and the Market Position Statement 2026.",
            [
                "Further information is available in:",
                "The Cabinet report of 12 March 2027 (item 7).",
                "The Learning Disability Strategy 2025–2030.",
                "The Market Position Statement 2026.",
            ],
        ),
        # B: a time after the list goes with the lead, never inside the last item.
        (
            "We will buy hoists, beds and chairs by the end of the year.",
            ["By the end of the year we will buy:", "Hoists.", "Beds.", "Chairs."],
        ),
        (
            "We will give the report to the board, the staff and the public in the autumn of next year.",
            [
                "In the autumn of next year we will give the report to:",
                "The board.",
                "The staff.",
                "The public.",
            ],
        ),
        (
            "The board will discuss the survey results, the budget and the new timetable before making "
            "a decision in June.",
            [
                "Before making a decision in June, the board will discuss:",
                "The survey results.",
                "The budget.",
                "The new timetable.",
            ],
        ),
        # C: means in a list of "by -ing" phrases; every word of each item kept.
        (
            "You can book a place by phoning us on 01632 960 123, by filling in the form online, or by "
            "Visiting the library at 4 Mill Lane.",
            [
                "You can book a place by:",
                "Phoning us on 01632 960 123.",
                "Filling in the form online.",
                "Visiting the library at 4 Mill Lane.",
            ],
        ),
        (
            "We will keep you informed by sending you a newsletter every three months and by posting "
            "updates on our website.",
            [
                "We will keep you informed by:",
                "Sending you a newsletter every three months.",
                "Posting updates on our website.",
            ],
        ),
        # C: phrases with the same small word (the first with a verb) keep their word.
        (
            "Residents can apply for a permit by completing the online form, by post, or in person at "
            "the civic centre.",
            [
                "Residents can apply for a permit:",
                "By completing the online form.",
                "By post.",
                "In person at the civic centre.",
            ],
        ),
        # D: a naming phrase after a noun: the noun is named again, not "It"; "known as" moves with the
        # name, so every word is kept.
        (
            "The money we give you each week, known as the personal budget, will not change.",
            [
                "The money we give you each week will not change.",
                "This money is known as the personal budget.",
            ],
        ),
        (
            "The council will give each carer a small yearly grant, known as a carer's break payment.",
            [
                "The council will give each carer a small yearly grant.",
                "This grant is known as a carer's break payment.",
            ],
        ),
        (
            "Our biggest partner, the health trust, will pay for half of the new service.",
            [
                "Our biggest partner will pay for half of the new service.",
                "This partner is the health trust.",
            ],
        ),
        # E: a "which" clause after a plain object: the object is put back where "which" stood.
        (
            "We will send you a form, which you should return within 10 days.",
            ["We will send you a form.", "You should return the form within 10 days."],
        ),
        (
            "The team will offer a free check, which last year helped 300 people.",
            ["The team will offer a free check.", "Last year this check helped 300 people."],
        ),
        (
            "We have set up a new panel, which in its first year heard 45 appeals.",
            ["We have set up a new panel.", "In its first year this panel heard 45 appeals."],
        ),
        (
            "We will give you a personal plan, which your support worker will review with you every "
            "six months.",
            [
                "We will give you a personal plan.",
                "Your support worker will review the plan with you every six months.",
            ],
        ),
        # E: "which" is the object of the verb it leads to ("ask to see [it]").
        (
            "Staff will always carry photo identification, which you should ask to see before letting "
            "anyone into your home.",
            [
                "Staff will always carry photo identification.",
                "You should ask to see the photo identification before letting anyone into your home.",
            ],
        ),
        # E: a particle stays after the object; a small word left alone takes it.
        (
            "Staff will give each tenant a welcome pack, which they should keep in a safe place.",
            ["Staff will give each tenant a welcome pack.", "They should keep the pack in a safe place."],
        ),
        (
            "The council will set up a new fund, which local groups can apply to from June.",
            ["The council will set up a new fund.", "Local groups can apply to the fund from June."],
        ),
        # A participle phrase at the end: a verb of result is about all before it ("This means");
        # any other is about the subject, repeated with its helping verbs.
        (
            "The centre will close in May, meaning that people will need to travel to the new hub in town.",
            [
                "The centre will close in May.",
                "This means that people will need to travel to the new hub in town.",
            ],
        ),
        (
            "The council raised the charge last year, causing problems for many families on low incomes.",
            [
                "The council raised the charge last year.",
                "This caused problems for many families on low incomes.",
            ],
        ),
        (
            "We will visit every home in the street, checking for damp and mould in each room.",
            ["We will visit every home in the street.", "We will check for damp and mould in each room."],
        ),
        (
            "Carers told us about their lives, saying that they often feel tired and alone.",
            ["Carers told us about their lives.", "Carers said that they often feel tired and alone."],
        ),
        # Two verb phrases after one "to": the lead repeated.
        (
            "We want to review the fund and publish the results in a short report next year.",
            ["We want to review the fund.", "We want to publish the results in a short report next year."],
        ),
        # I: coordinated purpose after "This is to".
        (
            "This is to make the service fairer and simpler, and to make sure that the money goes to "
            "those who need it most.",
            [
                "We want to make the service fairer and simpler.",
                "We want to make sure that the money goes to those who need it most.",
            ],
        ),
        (
            "This is to make sure that children are safe, and to give families the support they need "
            "at the right time.",
            [
                "We want to make sure that children are safe.",
                "We want to give families the support they need at the right time.",
            ],
        ),
    ],
)
def test_splits_these(sentence: str, expected: list[str]) -> None:
    parts = split(sentence)
    assert parts == expected
    _keeps_everything(sentence, parts)


@needs_parser
@pytest.mark.parametrize(
    ("sentence", "bad"),
    [
        # A: the first clause is a condition, not a main clause.
        ("If the fund runs out before March, and nobody else can pay, the centre will close.", "Nobody else"),
        # A: a clause with no subject of its own after "and" ("what we changed …") is not a sentence
        # (the defect seen: F's final check).
        (
            "We will post a report of what residents said, and what we changed because of it, on the "
            "website in May.",
            "What we changed",
        ),
        # B: describing words, not things.
        ("We want every carer to have a safe, warm and dry home near the people they love.", "Warm."),
        # B: a phrase after the list that is not a time or place: the sentence stays whole.
        ("We will buy hoists, beds and chairs with the money from the fund.", "Chairs with"),
        # B: the first "item" runs on past the comma: months describing budgets.
        ("We will pay for the new vans from the April, May and June budgets of the housing team.", "May."),
        ("We will give money to the group from the April, May and June budgets.", "May."),
        # D: a list after a noun inside a phrase is not a name for the subject.
        (
            "The new library will share its building with the Westford Credit Union, the Citizens Advice "
            "team and a children's centre.",
            "This library",
        ),
        # A: the first clause is only a subordinate part: "what support you already get" is no sentence.
        (
            "We will look at your needs, and what support you already get, before we decide.",
            "What support",
        ),
        # A: before ", and" is a list of people, not a clause ("who receive" describes them).
        (
            "People who receive Pension Credit, people on Universal Credit with a disability element, and "
            "people who care for someone for 35 hours a week or more can apply.",
            # (a list is fine: "These people can apply:" and one a line, language/cues.py)
            "People who care for someone for 35 hours a week or more can apply",
        ),
        # D: the phrase hangs on a noun inside a describing clause: which noun is named is doubtful.
        ("The team that checks the forms, known as the review panel, will meet in March.", "These forms"),
        # E: after a prepositional phrase, the clause may belong to either noun.
        ("The council will open a new hub for carers, which last year helped 300 people.", "this hub"),
        # Predicates: "staff are in" is a "when" clause, not the subject of the list.
        (
            "The hub is open when staff are in, has free parking, and can be reached by bus.",
            "The hub is open when",
        ),
        # Predicates after a "who" clause may be that clause's: "The policy: Is experiencing abuse" would
        # be wrong.
        (
            "The policy applies to any adult aged 18 or over who has needs for care and support, is "
            "experiencing or at risk of abuse or neglect, and cannot protect themselves.",
            "The policy:",
        ),
        # D: ", the new beds, and …" is a list, not a name for the hoist.
        ("We will buy a hoist, the new beds, and chairs for the day room.", "This hoist"),
        # E: a name is not named again as "the …".
        ("We will fund Age UK, which you may know from the shop on the high street.", "the Age UK"),
        # A participle: "following" is a joining word; "not" makes the subject's part doubtful.
        ("The centre closed last year, following a review of all day services.", "The centre followed"),
        ("We will not visit every home, using the survey instead.", "We will use"),
        # "to" + verbs that share their object stay whole.
        (
            "We will need to check, review and approve the plan before the end of the year.",
            "We will need to review",
        ),
        # I: only "This is to …" becomes "We want to …".
        (
            "This will help us to make the service fairer and simpler, and to make sure that the money "
            "goes to those who need it most.",
            "We want",
        ),
    ],
)
def test_leaves_these(sentence: str, bad: str) -> None:
    parts = split(sentence) or [sentence]
    assert not any(p.startswith(bad) or f" {bad}" in p for p in parts[1:] or []), parts
    assert not (len(parts) > 1 and parts[0] == bad), parts
    if len(parts) > 1:
        _keeps_everything(sentence, parts)


@needs_parser
def test_the_defect_seen_is_never_cut_into_a_fragment() -> None:
    sentence = (
        "We will post a report of what residents said, and what we changed because of it, on the "
        "website in May."
    )
    # Once left whole; now the place and time are said apart, and "what we changed" stays in its clause.
    assert split(sentence) == [
        "We will post a report of what residents said, and what we changed because of it.",
        "We will post this report on the website in May.",
    ]


@needs_parser
@pytest.mark.parametrize(
    ("parts", "ok"),
    [
        (["We will post a report.", "What we changed because of it, on the website in May."], False),
        (["The rule does not apply to:", "People leaving care.", "Carers."], True),
        (["Treat the mould with a wash.", "Repaint the walls."], True),
        (["We will meet in June.", "Everyone who applied."], False),
        (["Are you worried about your bills?", "Our team can help."], True),
        (["This is to help carers take a break.", "So that they can stay well."], False),
        (["We will look at your needs.", "What support you already get, before we decide."], False),
        (["What we found is clear.", "When you phone, we will answer."], True),
        # Two sentences in one part (a stray full stop first): the check ends (it once went round for
        # ever following the second sentence's words to the first one's root).
        ([". What we changed because of it, on the website in May."], False),
    ],
)
def test_every_part_is_a_sentence(parts: list[str], ok: bool) -> None:
    assert parse.sound(parts) is ok


@needs_parser
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A place at the end of a clause with a helping verb: said again as its own sentence, led by
        # the clause said briefly ("You can do this", "We will open these … beds", "This may happen").
        (
            "In very cold weather, when snow is forecast for the whole week, we will open extra shelter "
            "beds at the Riverside Centre.",
            [
                "In very cold weather, when snow is forecast for the whole week, we will open extra shelter "
                "beds.",
                "We will open these shelter beds at the Riverside Centre.",
            ],
        ),
        # After a closing comma the phrase is the main verb's, though the parser hangs it on "changed".
        (
            "We will put a short report of what tenants told us, and what we changed, on our website by "
            "June 2028.",
            [
                "We will put a short report of what tenants told us, and what we changed.",
                "We will put this report on our website by June 2028.",
            ],
        ),
        (
            "If it is needed, you may be asked to attend a short interview with a trained housing officer "
            "at the Westgate Civic Centre.",
            [
                "If it is needed, you may be asked to attend a short interview with a trained housing "
                "officer.",
                "This may happen at the Westgate Civic Centre.",
            ],
        ),
        # A subject list whose last item has a clause with its own helping verb ("cannot", "need").
        (
            "Tenants who live alone, tenants who are over 80 and tenants whose carer says that they need "
            "help at night would get a free alarm from the council next year.",
            [
                "These tenants would get a free alarm from the council next year:",
                "Tenants who live alone.",
                "Tenants who are over 80.",
                "Tenants whose carer says that they need help at night.",
            ],
        ),
        # Events, each a place and a date: one a line; the time they share goes into the lead.
        (
            "We will hold 3 meetings in Redford Town Hall on 2 May, Kingsley Library on 9 May and Elm "
            "Court on 16 May, each from 6pm to 8pm.",
            [
                "We will hold 3 meetings from 6pm to 8pm in:",
                "Redford Town Hall on 2 May.",
                "Kingsley Library on 9 May.",
                "Elm Court on 16 May.",
            ],
        ),
        (
            "Come to one of our open days at Millbank Library on 3 June 2027 or at Hollins Community "
            "Centre on 17 June 2027, both from 10am to 3pm.",
            [
                "Come to one of our open days from 10am to 3pm at:",
                "Millbank Library on 3 June 2027.",
                "Or Hollins Community Centre on 17 June 2027.",
            ],
        ),
    ],
)
def test_a_place_a_time_or_a_list_is_said_apart(sentence: str, expected: list[str]) -> None:
    parts = split(sentence)
    assert parts == expected
    _keeps_everything(sentence, parts)


@needs_parser
@pytest.mark.parametrize(
    "sentence",
    [
        # "at a time" is how many books, not when: "You can borrow up to 12 books." was said alone.
        "Members can take out up to 8 films at a time from any of our libraries.",
        "You can book up to 3 sessions in advance at the leisure centre.",
    ],
)
def test_a_set_phrase_is_never_said_apart(sentence: str) -> None:
    doc = parse.parse(sentence)
    assert doc is not None
    assert parse._said_apart(sentence, doc) is None


@needs_parser
def test_a_place_after_a_condition_is_said_apart() -> None:
    # (the rule alone: the whole split may first cut the condition, a rule tried before it)
    sentence = "If you have no printer, you can print the form you need for free at any of our libraries."
    doc = parse.parse(sentence)
    assert doc is not None
    parts = parse._said_apart(sentence, doc)
    assert parts == [
        "If you have no printer, you can print the form you need for free.",
        "You can print this form at any of our libraries.",
    ]
    _keeps_everything(sentence, parts)


@needs_parser
@pytest.mark.parametrize(
    ("sentence", "bad"),
    [
        # The place hangs on one of two joined ways: "This could happen" would be about both.
        (
            "Parents could still ask for a school place by letter or in person at the Westgate Family "
            "Centre.",
            "This",
        ),
        # The date belongs to a clause that describes a noun ("who moved … during March").
        ("We will write to every tenant who moved into a new home in Ashford during March 2027.", "This"),
        # Nothing negative is said again ("We will do this before April" would say the opposite).
        (
            "We will not close any of the small libraries in the north of Redford before April 2028.",
            "We will",
        ),
        # The dates say which years, not when the aims are set out.
        ("The plan sets out our main aims for the 4 years from 1 April 2026 to 31 March 2030.", "It sets"),
        # One event, its address inside commas: no list.
        (
            "Come to a drop-in session at Kingsley Library, Mill Lane, on Friday 8 May 2027 from 1pm to 4pm.",
            "Mill Lane.",
        ),
        # The place completes the verb ("live in …"), and a passive has no doer to say again.
        (
            "From next year all the older tenants of the block will need to live in sheltered flats in "
            "Redford.",
            "This",
        ),
        (
            "A new paper form can be picked up by anyone from any Redford Council customer service centre.",
            "This",
        ),
    ],
)
def test_a_place_or_time_is_kept_where_it_belongs(sentence: str, bad: str) -> None:
    parts = split(sentence) or [sentence]
    assert not any(p.startswith(bad) for p in parts[1:]), parts
    if len(parts) > 1:
        _keeps_everything(sentence, parts)


@needs_parser
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "and can …" after a describing clause with its own subject ("the grants you may be able to
        # get"): the joined verb has its own object, so it is the main subject's.
        (
            "Our housing officers can tell you about all the grants you may be able to get and can help "
            "you fill in the forms.",
            [
                "Our housing officers can tell you about all the grants you may be able to get.",
                "Our housing officers can help you fill in the forms.",
            ],
        ),
        # A long subject of two names is "They" when said again.
        (
            "The Westfield Tenants Association and the Westfield Youth Forum will meet the council every "
            "month and will report back to residents.",
            [
                "The Westfield Tenants Association and the Westfield Youth Forum will meet the council every "
                "month.",
                "They will report back to residents.",
            ],
        ),
    ],
)
def test_a_second_helping_verb_shares_the_main_subject(sentence: str, expected: list[str]) -> None:
    assert split(sentence) == expected
    _keeps_everything(sentence, expected)


@needs_parser
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A change from one amount to another: what it was, then what it is now.
        (
            "The number of people on our waiting list rose from 1,200 in 2019 to 1,650 in 2024.",
            ["The number of people on our waiting list was 1,200 in 2019.", "It rose to 1,650 in 2024."],
        ),
        (
            "Average weekly rents for our tenants have gone up from £82 in 2020 to £97 in 2025.",
            ["Average weekly rents for our tenants were £82 in 2020.", "They have gone up to £97 in 2025."],
        ),
        (
            "Since then the number of people waiting for a home visit has risen from 140 to 390.",
            ["The number of people waiting for a home visit was 140.", "Since then it has risen to 390."],
        ),
        # A named body after a date: named again for its own clause.
        (
            "The results will go to the Health and Wellbeing Board in March 2027, which will agree the "
            "final plan.",
            [
                "The results will go to the Health and Wellbeing Board.",
                "This will happen in March 2027.",
                "The Health and Wellbeing Board will agree the final plan.",
            ],
        ),
    ],
)
def test_a_change_or_a_named_body_is_said_apart(sentence: str, expected: list[str]) -> None:
    parts = split(sentence)
    assert parts == expected
    _keeps_everything(sentence, parts)


@needs_parser
def test_a_change_still_to_happen_is_what_it_is_now_then_the_change() -> None:
    # Still to happen: "was" would be wrong; what it is now, then the change to come.
    sentence = "The number of carers we support will grow from 400 to 900 over the next 5 years."
    doc = parse.parse(sentence)
    assert doc is not None
    assert clauses.change_from_to(sentence, doc) == [
        "The number of carers we support is 400 now.",
        "It will grow to 900 over the next 5 years.",
    ]


@needs_parser
@pytest.mark.parametrize(
    "sentence",
    [
        # The clause after the date is about an amount, not a named body (see the test below).
        "We think the changes could save about £600,000 a year by 2029/30, which would be spent on "
        "more short breaks for carers.",
    ],
)
def test_a_change_to_come_or_an_amount_is_not_said_apart(sentence: str) -> None:
    doc = parse.parse(sentence)
    assert doc is not None
    assert clauses.change_from_to(sentence, doc) is None
    assert clauses.which_after_date(sentence, doc) is None


@needs_parser
def test_a_which_clause_on_an_amount_of_money_is_this_money() -> None:
    sentence = (
        "We think the changes could save about £450,000 a year by 2028, which would be spent on more short "
        "breaks for carers."
    )
    parts = split(sentence)
    assert parts == [
        "We think the changes could save about £450,000 a year by 2028.",
        "This money would be spent on more short breaks for carers.",
    ]
    _keeps_everything(sentence, parts)
