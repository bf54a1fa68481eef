"""What a reader would misread outside the sentence splitter (issue 12): a kept sentence that
points at one left out ("then", "If you are, …", "the invitation"), a past change counted as what
will happen, who is not affected traded for a short sentence, a word inside a name explained, a
picture that shows the other sense of a word or what the point says will not happen. Each case is a
made-up look-alike of one seen on a new council draft."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from accessconv.formats.easy_read import symbols as sym
from accessconv.formats.easy_read.language import hard_words, parse, select
from accessconv.formats.easy_read.language.key_terms import key_terms
from accessconv.formats.easy_read.pictures.choice import Choice, choose_all

sys.path.insert(0, str(Path(__file__).parent))
from easy_read_builders import profile  # noqa: E402

needs_parser = pytest.mark.skipif(not parse.available(), reason="the spaCy model is not installed")

CONTACT = "You can phone the team on 01632 960 000."


def _choose(paragraphs: list[list[str]], heading: str = "What happens next") -> list[select.Candidate]:
    """One section: each inner list is one paragraph's sentences; the candidates as chosen."""
    cands = []
    for unit, sentences in enumerate(paragraphs):
        for index, text in enumerate(sentences):
            cand = select.Candidate(text, 0, unit, index, "paragraph", heading=heading)
            cand.id = select.stable_id("s-", text)
            cands.append(cand)
    select.choose(cands, select.load(), 6, None, frozenset(), frozenset(), 12)
    return cands


def _kept(cands: list[select.Candidate]) -> dict[str, bool]:
    return {c.text: c.kept for c in cands}


# ---------------------------------------------------------------- selection


@needs_parser
def test_a_kept_then_brings_back_the_short_step_before_it() -> None:
    # Seen: "The team will then arrange …" and "The first payment will then be taken …" after the
    # step they follow was left out.
    step = "The ward nurse writes a plan with you."
    then = "You can then choose a day for your first visit."
    kept = _kept(_choose([[step, then]]))
    assert kept[then] and kept[step]


@needs_parser
def test_a_then_after_a_long_step_goes_with_it_unless_it_must_stay() -> None:
    long_step = (
        "The hospital discharge coordinator gathers the reports of the ward staff, the therapists "
        "and the pharmacy into one summary."
    )
    then = "The team will then meet on a Monday."
    kept = _kept(_choose([[long_step, then], [CONTACT]]))
    assert not kept[then] and not kept[long_step]
    # One the reader must keep (what they pay) brings the long step back instead.
    pays = "You will then pay £20 a week."
    kept = _kept(_choose([[long_step, pays], [CONTACT]]))
    assert kept[pays] and kept[long_step]


@needs_parser
def test_a_then_inside_its_own_sentence_points_at_nothing_before() -> None:
    before = "The ward nurse writes a plan with you."
    inside = "If you need help, then you can phone us on 01632 960 000."
    also = "We will look at your plan and then you can choose a day."
    rules = select.load()
    assert rules.points_back is not None
    assert not rules.points_back.search(inside) and not rules.points_back.search(also)
    kept = _kept(_choose([[before, inside]]))
    assert kept[inside] and not kept[before]


@needs_parser
def test_a_condition_that_repeats_the_last_one_keeps_it() -> None:
    # Seen: "If you are, you may have to pay towards the cost of it." after the sentence that said
    # what "are" stood for was left out.
    what = "longer-term care and support from the council"
    question = f"The assessment will look at whether you are eligible for {what}."
    answer = "If you are, you may have to pay towards the cost of it."
    kept = _kept(_choose([[question, answer], [CONTACT]]))
    assert kept[answer] and kept[question]


@needs_parser
def test_the_thing_only_a_left_out_sentence_named_comes_back_with_it() -> None:
    named = "We sent an invitation to every carer on our list."
    pointing = "Nobody accepted the invitation."
    kept = _kept(_choose([[named, pointing], [CONTACT]]))
    assert kept[pointing] and kept[named]
    # Named by the heading already: the reader knows which invitation.
    kept = _kept(_choose([[named, pointing], [CONTACT]], heading="Your invitation to the carers' day"))
    assert kept[pointing] and not kept[named]


@needs_parser
def test_the_next_two_years_names_nothing_said_before() -> None:
    # "the next two years" after "… visits last year" is no year said before: a number or "next",
    # "same", "first" … beside the noun says which one (the background sentence stayed in a
    # library consultation for it).
    rules = select.load()
    before = select.Candidate(
        "Our 14 libraries had 1.2 million visits last year, about 3,000 a day.", 0, 0, 0, "paragraph"
    )
    for text in (
        "The amount we can spend on libraries will fall by £640,000 over the next two years.",
        "We will answer on the same day.",
    ):
        cand = select.Candidate(text, 0, 0, 1, "paragraph")
        assert not select._points_back(cand, before, [], rules), text


@needs_parser
def test_a_sentence_pointing_at_a_kept_long_one_stays() -> None:
    # Seen: "This is less than the amount you have been paying …, which was £74.50 a week." left out
    # because the (kept) sentence before it was over 15 words.
    amount = "From 10 March 2027 you will pay £58.20 a week towards the cost of your home care at home."
    less = (
        "This is less than the amount you have been paying since your last review, which was £74.50 a week."
    )
    kept = _kept(_choose([[amount, less]], heading="What you will pay"))
    assert kept[amount] and kept[less]


def test_what_already_happened_is_not_what_will_happen() -> None:
    rules = select.load()
    past = _scored("Your contribution was reduced in 2025 after your savings fell.", rules)
    closed = _scored("The day centre closed in 2020.", rules)
    future = _scored("Your contribution will be reduced from April.", rules)
    present = _scored("The charge is reduced for carers.", rules)
    assert "what_will_happen" not in past.groups and "what_will_happen" not in closed.groups
    assert "what_will_happen" in future.groups and "what_will_happen" in present.groups


def _scored(text: str, rules: select.Rules) -> select.Candidate:
    cand = select.Candidate(text, 0, 0, 0, "paragraph")
    select.score([cand], rules)
    return cand


def test_who_is_not_affected_or_not_served_and_what_to_do_are_kept() -> None:
    rules = select.load()
    free = _scored(
        "You will not have to pay anything towards the cost of your day service at Riverside Centre.", rules
    )
    assert rules.key_fact(free)  # never traded for a shorter sentence (give_way)
    assert not rules.key_fact(
        _scored("We will keep working closely with partners across the whole system.", rules)
    )
    not_for = _scored("It is not suitable for people who need nursing care at home.", rules)
    please = _scored("Please do not stop your payments while you are waiting for your new invoice.", rules)
    tell = _scored("If you are not ready to go home, or you are worried, please tell the ward staff.", rules)
    still = _scored("Dogs will still be allowed in all parks.", rules)
    for cand in (not_for, please, tell, still):
        assert rules.must_keep(cand), cand.text
        assert cand.score >= rules.keep_at_least, cand.text


# ---------------------------------------------------------------- explanations


def test_a_hard_word_inside_a_name_is_not_explained() -> None:
    lexicon = hard_words.load_lexicon(4.0, {}, 12)
    assert hard_words.find("We will find an advocate through advocacy.", lexicon)  # the word is hard
    for sentence in (
        "You can get free help from Advocacy in Linmouth, an independent charity.",
        "Advocacy in Linmouth can help you.",
        "It is run by the Northvale Reablement Service.",
    ):
        found = [f.text for f in hard_words.find(sentence, lexicon)]
        assert "Advocacy" not in found and "Reablement" not in found, sentence
    # Alone at the start, or next to a month, it is still the word to explain.
    assert [f.text for f in hard_words.find("Advocacy is help to speak up.", lexicon)] == ["Advocacy"]
    found = [
        f.text for f in hard_words.find("The results will go to the Cabinet in September 2027.", lexicon)
    ]
    assert "Cabinet" in found


# ---------------------------------------------------------------- pictures

SETTINGS = profile().settings.pictures


@pytest.fixture(scope="module")
def sets() -> list[sym.SymbolSet]:
    return sym.load_sets(SETTINGS)


def _picture(text: str, sets: list[sym.SymbolSet]) -> Choice:
    choices, _ = choose_all([([text], key_terms([text], [], 3))], sets, SETTINGS)
    return choices[0]


def _concept(text: str, sets: list[sym.SymbolSet]) -> str | None:
    best = _picture(text, sets).best
    return best.concept if best else None


def test_a_table_of_figures_is_no_furniture(sets: list[sym.SymbolSet]) -> None:
    assert _concept("The table below shows how we worked out your weekly contribution.", sets) != "furniture"
    assert _concept("The new charges are shown in the table below.", sets) != "furniture"
    assert _concept("We can give you a new table and chairs.", sets) == "furniture"


def test_a_picture_never_shows_what_the_point_says_will_not_happen(sets: list[sym.SymbolSet]) -> None:
    assert _concept("You are not allowed to smoke in the building.", sets) != "consent"
    assert _concept("Please do not stop your payments.", sets) == "pay"
    # The action a negation denies gives way to the point's other idea ("no longer have to pay").
    assert _concept("You will no longer have to pay for your meals.", sets) == "meal"
    assert _concept("Nobody will come to your home without telling you first.", sets) != "home_visit"
    # The object of a denied action still shows; so does a picture that says the negation, or one
    # after the negation's clause has ended.
    assert _concept("Please do not give a key to anyone who does not live with you.", sets) == "key"
    assert _concept("If you do not agree with the decision, please tell us.", sets) == "disagree"
    assert _concept("If you no longer need help, your visits will stop.", sets) == "home_visit"
