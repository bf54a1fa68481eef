"""Plain words, hard words, acronyms and numbers on crafted sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from accessconv.formats.easy_read.language import acronyms as acr
from accessconv.formats.easy_read.language import hard_words, numbers, plain_forms, plain_words

# ---------------------------------------------------------------- plain words


def swap(text: str, council: Path | None = None) -> str:
    return plain_words.replace(text, plain_words.load(council), plain_words.Replacements())


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("We utilise the room.", "We use the room."),
        ("We utilised the room.", "We used the room."),
        ("She utilises the room.", "She uses the room."),
        ("They were utilising the bus.", "They were using the bus."),
        ("We have utilized it.", "We have used it."),  # American spelling too
        ("The group facilitates the meeting.", "The group runs the meeting."),
        ("Staff facilitated it.", "Staff facilitated it."),  # no object that fits: no swap
        ("We came in order to facilitate a meeting.", "We came to run a meeting."),
        ("Utilise the form.", "Use the form."),  # capital kept
        ("Ensuring that people are safe.", "Making sure people are safe."),
        ("We ensure better care.", "We ensure better care."),  # "make sure better care" is wrong: kept
        ("He made use of the bus.", "He used the bus."),  # a phrase whose first word is the verb
        ("We allocated money to it.", "We gave money to it."),  # irregular plain verb: past tense
        ("Money was allocated to it.", "Money was given to it."),  # ... and past participle
        ("We have obtained the form.", "We have got the form."),  # British "got", not "gotten"
        ("We attempted to call.", "We tried to call."),
        ("We made an attempt to call.", "We made an attempt to call."),  # a noun after "an": kept
        ("The monitors were new.", "The monitors were new."),  # a plural noun, not "checks"
        ("She monitors the rota.", "She checks the rota."),
        ("An additional bus.", "An extra bus."),
        ("We saw a number of people prior to the meeting.", "We saw some people before the meeting."),
        ("Expenditure is high.", "Spending is high."),
    ],
)
def test_plain_words_keep_grammar(before: str, after: str) -> None:
    assert swap(before) == after


@pytest.mark.parametrize(
    ("parts", "after"),
    [
        # After a sentence that asks the reader to do something, "This is if" says "Do this if".
        (
            ["Please tell the driver.", "This is if you are not happy with the service."],
            ["Please tell the driver.", "Do this if you are not happy with the service."],
        ),
        (
            ["Move furniture away from walls.", "This is when the walls are damp."],
            ["Move furniture away from walls.", "Do this when the walls are damp."],
        ),
        # Our purpose after "We …": "We want to …".
        (
            ["We will carry out an assessment.", "This is to find out what you can pay."],
            ["We will carry out an assessment.", "We want to find out what you can pay."],
        ),
        # ... but not when the purpose names us again ("We want to help us decide").
        (
            ["We are asking for views.", "This is to help us decide."],
            ["We are asking for views.", "This is to help us decide."],
        ),
        # Not after a sentence that neither asks nor is ours.
        (
            ["The team will visit you.", "This is if you ask."],
            ["The team will visit you.", "This is if you ask."],
        ),
        # A double negative is said once, and who does it is said ("You can do this only if …").
        (
            ["You can park here.", "But not if you have not got a badge."],
            ["You can park here.", "You can do this only if you have got a badge."],
        ),
        (
            ["You can park here.", "But not if you do not pay the fee."],
            ["You can park here.", "You can do this only if you pay the fee."],
        ),
        (
            ["The bay is free.", "But not if you have not got a badge."],
            ["The bay is free.", "This is only if you have got a badge."],
        ),
        # After a person, a helping verb and a plain verb, the stiff words say who does it.
        (
            ["You can park here.", "But not if there is a ban."],
            ["You can park here.", "You cannot do this if there is a ban."],
        ),
        (
            ["We will arrange an advocate for you.", "This is if you do not have anyone to help you."],
            [
                "We will arrange an advocate for you.",
                "We will do this if you do not have anyone to help you.",
            ],
        ),
        (
            ["They will write to you within 5 days.", "This is to explain what they found."],
            ["They will write to you within 5 days.", "They will explain what they found."],
        ),
        (
            ["We will update it.", "This is when we have read all the answers."],
            ["We will update it.", "We will do this when we have read all the answers."],
        ),
        (
            ["You must live in the home for 5 years.", "But not if your health means you cannot."],
            [
                "You must live in the home for 5 years.",
                "You do not have to do this if your health means you cannot.",
            ],
        ),
        (
            ["We will give you 3 months' notice.", "This is before any change happens."],
            ["We will give you 3 months' notice.", "We will do this before any change happens."],
        ),
        (
            ["You must apply again 12 weeks before it runs out.", "This is because we will not remind you."],
            [
                "You must apply again 12 weeks before it runs out.",
                "You must do this because we will not remind you.",
            ],
        ),
        (
            ["We will change the form with carers.", "This is so that it asks what matters to them."],
            ["We will change the form with carers.", "We will do this so that it asks what matters to them."],
        ),
        (
            ["Some people cannot pay the new price.", "This is because they have a low income."],
            ["Some people cannot pay the new price.", "This is because they have a low income."],
        ),
        # ... not when the helper is followed by anything but a plain verb.
        (
            ["You can usually park on yellow lines.", "But not if there is a ban."],
            ["You can usually park on yellow lines.", "But not if there is a ban."],
        ),
        (
            ["You may be able to get a deferred payment.", "This is if you do not want to sell your home."],
            ["You may be able to get a deferred payment.", "This is if you do not want to sell your home."],
        ),
        # An instruction "by doing": the verb itself; a choice ("You can …") stays.
        (["You should do this by pressing the red button."], ["To do this, press the red button."]),
        # Two "It is important that you …" a split left: each an order; not before "are".
        (
            ["It is important that you give us two phone numbers.", "It is important that you are on time."],
            ["Please give us two phone numbers.", "It is important that you are on time."],
        ),
        # Every verb of the instruction becomes an order, not "press the button and telling …".
        (
            ["You should do this by pressing the red button and telling the operator your name."],
            ["To do this, press the red button and tell the operator your name."],
        ),
        (["You can do this by writing to us."], ["You can do this by writing to us."]),
        (["You must do this by 3 May."], ["You must do this by 3 May."]),
    ],
)
def test_stiff_openings_of_a_split_are_said_plainly(parts: list[str], after: list[str]) -> None:
    assert plain_forms.plain_forms(parts) == after


def test_council_list_adds_words_and_fixes_a_or_an(tmp_path: Path) -> None:
    council = tmp_path / "plain.tsv"
    council.write_text("# ours\nimportant\tkey\tother\nutilise\tmake use of\tverb\n", encoding="utf-8")
    assert swap("It was an important meeting.", council) == "It was a key meeting."
    # A council row replaces ours for the same hard word, with the grammar kept.
    assert swap("We utilised it.", council) == "We made use of it."


def test_council_list_with_no_tab_names_the_line(tmp_path: Path) -> None:
    from accessconv.errors import ProfileError

    council = tmp_path / "plain.tsv"
    council.write_text("important key\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="without a tab"):
        plain_words.load(council)


# ---------------------------------------------------------------- hard words


@pytest.fixture(scope="module")
def lexicon() -> hard_words.Lexicon:
    return hard_words.load_lexicon(4.0, {"Short break": "A break for a carer, written in the draft."}, 12)


@pytest.mark.parametrize("word", ["recruitment", "workforce", "retention", "commissioning", "vacancies"])
def test_known_hard_words(word: str, lexicon: hard_words.Lexicon) -> None:
    assert hard_words.classify(word, False, lexicon) is not None


@pytest.mark.parametrize("word", ["staff", "help", "people", "money", "carers", "wheelchair", "the"])
def test_known_easy_words(word: str, lexicon: hard_words.Lexicon) -> None:
    assert hard_words.classify(word, False, lexicon) is None


def test_frequency_threshold_comes_from_the_setting() -> None:
    strict = hard_words.load_lexicon(3.0, {}, 12)
    # workforce has a Zipf frequency of about 3.9: hard at 4.0, not at 3.0 ... unless it is jargon.
    assert hard_words.zipf("workforce") == pytest.approx(3.94, abs=0.05)
    assert hard_words.classify("hourly", False, strict) is None
    assert hard_words.classify("hourly", False, hard_words.load_lexicon(4.0, {}, 12)) is not None


def test_jargon_is_hard_however_common(lexicon: hard_words.Lexicon) -> None:
    # "co-production" reads as common to a word counter (its parts are), but it is jargon.
    assert hard_words.zipf("co-production") > 4.0
    assert hard_words.classify("co-production", False, lexicon) == "co-production"
    assert hard_words.classify("co-produced", False, lexicon) in {"co-produce", "co-produced"}


def test_names_and_numbers_are_not_hard_words(lexicon: hard_words.Lexicon) -> None:
    found = hard_words.find("We met Northbrook Borough Council in 2026.", lexicon)
    assert found == []
    found = hard_words.find("Northbrook wants to help.", lexicon)
    assert found == []


def test_phrases_first_with_plurals_and_explanations(lexicon: hard_words.Lexicon) -> None:
    found = hard_words.find("We met unpaid carers with lived experience about vacancies.", lexicon)
    assert [f.key for f in found] == ["unpaid carer", "lived experience", "vacancy"]
    assert lexicon.glossary["vacancy"].explanation == "A vacancy is a job that no one is doing yet."


def test_draft_definitions_win_and_are_hard(lexicon: hard_words.Lexicon) -> None:
    gloss = lexicon.glossary["short break"]
    # A definition list gives a phrase; said after the sentence it must name the word.
    assert (
        gloss.source == "draft"
        and gloss.explanation == "Short break means a break for a carer, written in the draft."
    )


@pytest.mark.parametrize(
    ("term", "meaning", "said"),
    [
        ("Telecare", "It is equipment that calls for help", "Telecare is equipment that calls for help."),
        ("Reablement", "Reablement is short-term help.", "Reablement is short-term help."),
        (
            "Co-production",
            "People who use services and the council working as equals.",
            "Co-production means people who use services and the council working as equals.",
        ),
        (
            "Brokerage",
            "Northbrook Council helping you plan",
            "Brokerage means Northbrook Council helping you plan.",
        ),
    ],
)
def test_a_defined_phrase_becomes_a_sentence_that_names_the_word(term: str, meaning: str, said: str) -> None:
    assert hard_words.as_sentence(term, meaning) == said


def test_a_long_draft_definition_gives_way_to_a_short_glossary_one() -> None:
    long = "People who use services and the council working as equal partners to design and check services."
    lex = hard_words.load_lexicon(4.0, {"Co-production": long, "Short break": "A break for a carer."}, 12)
    assert lex.glossary["co-production"].source == "accessconv"  # ours has sentences of 12 words or fewer
    assert lex.glossary["short break"].source == "draft"


def test_council_glossary_and_common_words(tmp_path: Path) -> None:
    glossary = tmp_path / "glossary.tsv"
    glossary.write_text("hourly\tFor each hour.\n", encoding="utf-8")
    common = tmp_path / "common.txt"
    common.write_text("workforce\n", encoding="utf-8")
    lex = hard_words.load_lexicon(4.0, {}, 12, council_glossary=glossary, council_common=common)
    assert (
        lex.glossary["hourly"].explanation == "Hourly means for each hour."
        and lex.glossary["hourly"].source == "council"
    )
    # "workforce" is on our jargon list, which wins over a common-words entry.
    assert hard_words.classify("workforce", False, lex) == "workforce"


def test_unexplained_hard_word_has_no_glossary_entry(lexicon: hard_words.Lexicon) -> None:
    key = hard_words.classify("hourly", False, lexicon)
    assert key == "hourly" and key not in lexicon.glossary


# ---------------------------------------------------------------- acronyms


def test_definitions_found_in_the_draft() -> None:
    found = acr.find_definitions(
        "This plan says how Adult Social Care (ASC) and the Care Quality Commission (CQC) work."
    )
    assert found == {"ASC": "Adult Social Care", "CQC": "Care Quality Commission"}
    # Letters that do not match the words before the bracket are not a definition.
    assert acr.find_definitions("We met them last week (ASC).") == {}


def test_a_definition_with_commas_is_not_written_out_twice() -> None:
    """Seen on a draft: "voluntary, community and social enterprise (VCSE) sector" came out with
    the whole expansion again in brackets after it."""
    draft = (
        "Partners in the voluntary, community and social enterprise (VCSE) sector help. "
        "The VCSE sector grows."
    )
    table = acr.load(None)
    table.update(acr.find_definitions(draft))
    assert table["VCSE"] == "voluntary, community and social enterprise"
    assert acr.expand(draft, acr.Acronyms(table)) == (
        "Partners in the voluntary, community and social enterprise sector help. "
        "The voluntary, community and social enterprise sector grows."
    )


def test_acronyms_written_out_and_unknown_ones_listed() -> None:
    table = acr.load(None)
    table.update(acr.find_definitions("Adult Social Care (ASC) helps."))
    state = acr.Acronyms(table)
    text = acr.expand(
        "Adult Social Care (ASC) helps. ASC and your GPs talk to the XYZ team in NB1 1AA.", state
    )
    assert (
        text == "Adult Social Care helps. Adult Social Care and your doctors talk to the XYZ team in NB1 1AA."
    )
    assert state.expanded == {"ASC": 2, "GP": 1}
    assert list(state.unknown) == ["XYZ"]


def test_council_acronyms(tmp_path: Path) -> None:
    council = tmp_path / "acronyms.tsv"
    council.write_text("XYZ\tExtra Yard Zone\n", encoding="utf-8")
    state = acr.Acronyms(acr.load(council))
    assert acr.expand("Meet the XYZ team.", state) == "Meet the Extra Yard Zone team."


# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("We met eight times in three years.", "We met 8 times in 3 years."),
        ("It has twenty-five members and twenty six chairs.", "It has 25 members and 26 chairs."),
        ("No one wants a one-off or a two-way chat.", "No one wants a one-off or a two-way chat."),
        ("Twelve people came.", "12 people came."),
    ],
)
def test_number_words_become_digits(before: str, after: str) -> None:
    assert numbers.words_to_digits(before, numbers.NumberChanges()) == after


@pytest.mark.parametrize(
    ("value", "plain"),
    [
        (25, "1 in 4"),
        (70, "7 in 10"),
        (50, "1 in 2"),
        (20, "1 in 5"),
        (15, "about 1 in 7"),  # 14.3%, within 1 percentage point
        (48, None),  # nothing close enough: flagged
        (0, None),
        (100, None),
    ],
)
def test_plain_percentages(value: float, plain: str | None) -> None:
    assert numbers.plain_percentage(value, 10, 1.0) == plain


def test_percentages_in_text_and_left_ones_listed() -> None:
    changes = numbers.NumberChanges()
    text = numbers.percentages("25% leave, 48 per cent stay and 70 percent agree.", changes, 10, 1.0)
    assert text == "1 in 4 leave, 48 per cent stay and 7 in 10 agree."
    assert changes.left == ["48 per cent"]
