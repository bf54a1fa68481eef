"""The picture beside a point shows the point's own idea: its first sentence and its object, not
the words that frame it ("ask", "check", "it is important"), not the document's topic, not a
look-alike sense ("smoke alarm" is no smoking). Measured on the gold set of 195 points written by
a person (scripts/measure_pictures.py), with floors below what the method reaches."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from accessconv.formats.easy_read import symbols as sym
from accessconv.formats.easy_read.language.key_terms import key_terms
from accessconv.formats.easy_read.language.model import EasyReadDocument, Section, Stats
from accessconv.formats.easy_read.pictures.choice import choose_all
from accessconv.formats.easy_read.pictures.words import find_entities
from easy_read_builders import point, profile, write_all

SETTINGS = profile().settings.pictures
SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "measure_pictures.py"


@pytest.fixture(scope="module")
def sets():
    return sym.load_sets(SETTINGS)


def _points(texts: list[str]) -> list[tuple[list[str], list[str]]]:
    out = []
    for text in texts:
        sentences = [s.strip() for s in text.split("|")]
        out.append((sentences, key_terms(sentences, [], 3)))
    return out


def _concepts(texts: list[str], sets) -> list[str | None]:
    choices, _ = choose_all(_points(texts), sets, SETTINGS)
    return [c.best.concept if c.best else None for c in choices]


# A telecare leaflet's points whose pictures showed a look-alike (issue 12), each with the pictures
# that show its idea.
TELECARE = [
    ("Please ring us on 0300 123 4567 if the alarm stops working.", {"phone_number", "phone"}),
    ("Do you pay for the alarm yourself? | The charge is £5.10 a week.", {"pay", "money"}),
    ("If you miss a payment we will write to you.", {"pay", "money", "letter"}),
    ("Other aids can be fitted, such as smoke alarms and smoke detectors.", {"fire"}),
    ("We ask for a key box to be fitted outside your home.", {"key"}),
    ("It is important that you give us at least 2 contacts.", {"emergency_contact"}),
    ("When you press the button, you are put through to our control centre.", {"press_button", "phone"}),
]


@pytest.mark.parametrize(("text", "right"), TELECARE)
def test_the_point_s_object_beats_its_frame(sets, text, right):
    # Among other telecare points, where equipment is the document's topic.
    filler = ["Telecare equipment helps you live safely.", "The equipment is fitted by our engineer."]
    concepts = _concepts([*filler, text, *filler], sets)
    assert concepts[2] in right, (text, concepts[2])


def test_a_frame_word_alone_still_gives_a_picture_but_a_doubtful_one(sets):
    choices, _ = choose_all(_points(["Please ask us."]), sets, SETTINGS)
    assert choices[0].best is not None and choices[0].best.concept == "ask"
    assert not choices[0].confident


def test_the_first_sentence_says_the_idea_not_the_explanation_after_it(sets):
    text = "Your rent is due every Monday. | A tenancy is an agreement to live in a rented home."
    assert _concepts([text], sets) == ["rent"]


def test_the_topic_is_a_last_resort(sets):
    # "equipment" is in most points: where a point has another idea, that one is shown.
    texts = [
        "Telecare equipment keeps you safe.",
        "The equipment is free for carers.",
        "We fit the equipment in your kitchen.",
        "You can phone us about the equipment.",
        "The equipment has a button you press.",
        "We check the equipment every year.",
        "The equipment works with your phone line.",
        "We repair broken equipment for free.",
    ]
    choices, topics = choose_all(_points(texts), sets, SETTINGS)
    assert topics == ["equipment"]
    shown = [c.best.concept for c in choices if c.best]
    assert shown.count("equipment") <= 1, shown


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("Test your smoke alarm once a month.", "smoking"),
        ("Tell us if your alarm stops working.", "retirement"),
        ("Emergency repairs are made safe within 4 hours.", "ambulance"),
        ("You cannot park in bus lanes.", "bus"),
        ("Urgent repairs are done within 3 working days.", "work"),
        ("We meet at the Community Hub on Park Lane.", "park"),
        ("Grab rails can be fitted in your bathroom.", "epilepsy"),
        ("Our office is closed on bank holidays.", "bank"),
        ("Send us a copy of your passport.", "document"),
    ],
)
def test_look_alike_senses_are_not_pictured(sets, text, wrong):
    assert _concepts([text], sets)[0] != wrong


def test_a_street_name_or_a_date_is_replaced_but_tells_nothing():
    sentences, telling = find_entities(["Come to 12 Market Street or ring 01632 960 450."])
    assert "Market" not in sentences[0] and "address" in sentences[0]
    assert telling == ["phone number"]
    sentences, telling = find_entities(["The meeting is on 3 May 2027 at 14 Park Road."])
    assert sentences[0].split() == ["The", "meeting", "is", "on", "date", "at", "address", "."]
    assert telling == []


def test_the_chosen_pictures_are_the_same_every_run(sets):
    texts = [t for t, _ in TELECARE]
    assert _concepts(texts, sets) == _concepts(texts, sets)


def test_the_written_page_shows_the_key_not_the_frame(tmp_path):
    texts = [t for t, _ in TELECARE]
    points = [
        point(t.replace(" | ", " "), f"point {i + 1}", key_terms=tuple(key_terms([t], [], 3)))
        for i, t in enumerate(texts)
    ]
    easy = EasyReadDocument("Telecare", "en-GB", [Section("Your alarm", points)], [], [], Stats())
    page = write_all(easy, tmp_path)["html"].read_text(encoding="utf-8")
    alts = re.findall(r'<svg class="picture" [^>]*aria-label="([^"]*)"', page)
    assert "key" in alts and "press button" in alts and "emergency contact" in alts
    assert "smoking" not in alts and "ask" not in alts and "important" not in alts


def _measure_module():
    spec = importlib.util.spec_from_file_location("measure_pictures", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["measure_pictures"] = module
    spec.loader.exec_module(module)
    return module


def test_the_gold_set_top_1_acceptable_rate(capsys):
    measure = _measure_module()
    gold = measure.load_gold()
    assert len(gold) >= 150
    held = [p for p in gold if p.part == "held-out"]
    assert len({p.doc for p in held}) >= 2 and len(held) >= len(gold) // 3
    figures = measure.measure(SETTINGS, gold)
    with capsys.disabled():
        for label in ("all", "tuning", "held-out"):
            print("\n[pictures gold] " + figures[label].row(label), end="")
        print()
    # Before this method: 68.2 % (tuning 65.1 %, held out 72.1 %), 2 wrong senses; after: 86.2 %
    # (85.3 %, 87.2 %), 1.
    assert figures["tuning"].rate >= 0.78
    assert figures["held-out"].rate >= 0.75
    assert figures["all"].wrong_sense <= 1


def test_variety_counts_the_picture_not_the_idea(sets):
    # "rent", "council tax" and "money" show the same notes and coins: a reader sees one picture.
    texts = [
        "Your rent is due every Monday.",
        "Council tax pays for local services.",
        "The money is paid into your bank account.",
        "You can pay your rent by phone on 0121 496 0780.",
    ]
    choices, _ = choose_all(_points(texts), sets, SETTINGS)
    files = [c.best.symbol.file for c in choices if c.best]
    assert len(files) == 4
    assert not any(files[i] == files[i + 1] == files[i + 2] for i in range(len(files) - 2)), files


@pytest.mark.parametrize(
    ("text", "right"),
    [
        # Common council ideas have their picture.
        ("Put your bin out by 7am on Tuesday.", "rubbish"),
        ("Please fill in the form and send it back to us.", "form"),
        ("You can book an appointment online.", "appointment"),
        ("You can pay your council tax by Direct Debit.", "council_tax"),
        ("We will hold a public meeting in June.", "meeting"),
        ("Your new key fob will arrive by post.", "key"),
        ("Please keep your receipt.", "document"),
        ("Tell us if your boiler breaks down.", "heating"),
        # The name of a team says who, not what the point is about...
        ("To ask for a visit, call the Adult Social Care team on 0161 496 0321.", "phone_number"),
        ("Advice and information from our Adult Social Care Contact Centre.", "advice"),
        ("Write to the Blue Badge Team, Eastmere Council, 1 Quayside, Eastmere EM1 2QQ.", "letter"),
        # ...but the same words, not a name, are the idea.
        ("Adult social care helps people to live at home.", "adult_social_care"),
    ],
)
def test_the_point_s_idea_has_its_picture(sets, text, right):
    assert _concepts([text], sets) == [right]
