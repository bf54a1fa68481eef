"""Easy Read first-draft quality: the point's main words (key terms), things that say what a point
is about (addresses, phone numbers, sums of money), and pictures chosen from whole sentences.

Every sentence here is written for these tests (none is taken from a real council document)."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace

import pytest

from accessconv.formats.easy_read import symbols as sym
from accessconv.formats.easy_read.language.key_terms import _is_order, key_terms
from accessconv.formats.easy_read.language.text import words
from easy_read_builders import good_document, profile, write_all

SETTINGS = profile().settings.pictures
LIMIT = profile().settings.language.key_terms_max


@pytest.fixture(scope="module")
def openmoji() -> sym.SymbolSet:
    return sym.load_symbol_set(replace(SETTINGS, symbol_set="openmoji"))


def terms(text: str) -> list[str]:
    return key_terms([text], [], LIMIT)


# ---------------------------------------------------------------- key terms


def test_an_order_starts_with_its_verb():
    # "Book", "Plan", "Offer" can be nouns; followed by a determiner, a describing word or an
    # object they give an order, so they are verbs.
    for text in (
        "Book the room early.",
        "Plan the day with your family.",
        "Tell us what you think.",
        "Offer paid lessons.",
        "Take regular breaks.",
    ):
        assert _is_order(words(text)), text
    assert "offer" in terms("Offer paid lessons to new carers.")


def test_a_noun_phrase_at_the_start_is_not_an_order():
    for text in ("Care workers visit people at home.", "Support workers help you wash.", "Members meet."):
        assert not _is_order(words(text)), text
    assert terms("Care workers visit people at home.")[0] == "care"
    assert terms("Support workers help you wash.")[0] == "support"


def test_a_describing_verb_form_is_not_a_key_term():
    assert "pay" not in terms("Offer paid lessons to new carers.")
    assert "write" not in terms("Written advice was sent to every tenant.")
    assert "plan" not in terms("The planned visit was moved.")
    # A verb after its subject still counts: "we asked people".
    assert "ask" in terms("We asked tenants about repairs.")


def test_a_noun_after_a_preposition_is_a_detail():
    # The thing in "for the bus" or "in the report" is a detail of the sentence, not its subject.
    found = terms("Volunteers are thanked for their time in the report.")
    assert found[0] == "volunteer"
    assert found.index("time") > found.index("thank")
    # With no other noun, the main verb leads and the detail comes after it.
    found = terms("Being heard, and then reading it in the report, felt good.")
    assert found[0] == "hear"


def test_of_after_a_quantity_or_a_vague_word_keeps_the_noun():
    assert terms("Most of the budget will go on repairs.")[0] == "budget"
    assert terms("This type of housing suits older tenants.")[0] == "housing"


def test_vague_nouns_and_general_verbs_are_never_key_terms():
    found = terms("For example, make a start on the way we use it.")
    assert found and not {"example", "way", "make", "use"} & set(found)


def test_who_said_a_quotation_is_left_out():
    found = terms("“Being heard made me feel valued.” — a tenant from the repairs panel")
    assert "tenant" not in found and "panel" not in found
    assert found[0] == "hear"


# ---------------------------------------------------------------- things that say what a point is about


@pytest.mark.parametrize(
    "text, concept",
    [
        ("Write to: Housing Team, Riverside House, Eastfield EF4 7QT.", "letter"),
        ("Post: Tenancy Services, Civic Centre, Westbury WB2 9LP", "letter"),
        ("Email housing.repairs@eastfield.example.org to book a repair.", "email"),
        ("Ring 01777 123 456 if your heating stops.", "phone"),
        ("Ring 0118 496 0000 about your care.", "phone"),
        ("Go to www.eastfield.example.org/repairs to book a repair.", "computer"),
        ("The council will spend £3.5 million on care homes.", "money"),
        ("Each tenant pays £12 a week more from April.", "money"),
    ],
)
def test_an_address_number_or_sum_of_money_chooses_the_picture(openmoji, text, concept):
    picture = sym.choose([text], terms(text), openmoji, show_weak=True)
    assert picture.concept == concept, (text, picture)
    assert picture.confidence == "confident"


def test_ordinary_numbers_and_years_are_not_phone_numbers_or_postcodes():
    sentences, found = sym.find_entities(
        ["In 2027, 1 in 4 tenants had 3 repairs.", "Flat 12B is on floor 2."]
    )
    assert found == []
    assert sentences[0] == "In 2027, 1 in 4 tenants had 3 repairs."


# ---------------------------------------------------------------- whole sentences: key terms + choice

# (sentence, the right concept). Labelled by hand for sentences that defeated the earlier rules:
# a describing word that was also a picture ("paid"), a detail after a preposition ("in the
# report"), an address whose words name a service ("... Adult Social Care ... WB2 9LP").
SENTENCES = [
    ("Offer paid lessons in the first month.", "training"),
    ("Offer free training to every new carer.", "training"),
    ("Being asked about my care, and then seeing it in the report, made me happy.", "asking a question"),
    ("Post: Adult Social Care, Civic Centre, Westbury WB2 9LP", "letter"),
    ("Most of this money will pay for new vans.", "money"),
    ("The council has set aside £400,000 for this work.", "money"),
    ("Written guidance will be sent to every tenant.", "book"),
    ("We sent each member an invitation.", "letter"),
    ("Free advice is available at the library.", "advice"),
    ("We will break down barriers to work.", "barrier"),
    ("Training helps carers feel more confident.", "training"),
    ("Our newsletter comes out every month.", "news"),
    ("A debit card is the easiest way to pay.", "bank card"),
    ("We will welcome you on Monday.", "welcome"),
    ("Ask the helpline about your rent.", "advice"),
    ("Talk to your neighbours about the new bins.", "talking"),
    ("Being a Carer can be hard work.", "carer"),
    ("Some residents need support to take part.", "volunteer"),
    # A sentence where either of two pictures is right is labelled with the one chosen:
    ("Nobody replied to the letter.", "answer"),
]


def test_pictures_for_whole_sentences(openmoji, capsys):
    wrong = []
    confident = 0
    for text, expected in SENTENCES:
        picture = sym.choose([text], terms(text), openmoji, show_weak=True)
        confident += picture.confidence == "confident"
        if picture.concept != expected:
            wrong.append(f"{text} -> {picture.concept} ({picture.confidence}), expected {expected}")
    with capsys.disabled():
        print(
            f"\n[quality] {len(SENTENCES)} sentences: "
            f"{len(SENTENCES) - len(wrong)} right, {confident} confident"
        )
        for line in wrong:
            print(f"[quality]   missed: {line}")
    assert not wrong


# ---------------------------------------------------------------- Word output built faster, still right


def test_word_pictures_have_unique_ids_and_share_one_image(tmp_path):
    doc = good_document()
    # The same picture used twice is stored once, with a drawing id of its own each time.
    doc.sections[0].points.append(doc.sections[0].points[0])
    docx_path = write_all(doc, tmp_path)["docx"]
    with zipfile.ZipFile(docx_path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
        media = [n for n in z.namelist() if n.startswith("word/media/")]
    ids = re.findall(r'<wp:docPr id="(\d+)"', xml)
    assert len(ids) == len(set(ids)) >= 3
    pictures = {p.picture.png for s in doc.sections for p in s.points if p.picture and p.picture.png}
    assert len(media) <= len(pictures) + 1  # one file per distinct picture (plus the cover)
    assert 'descr="' in xml


# ---------------------------------------------------------------- matching: set phrases, capitals


def test_set_phrases_never_choose_a_picture(openmoji):
    concepts = [
        m.phrase.symbol.concept for m in sym.matches(["Our vans meet the needs of tenants."], openmoji)
    ]
    assert "meeting" not in concepts
    concepts = [m.phrase.symbol.concept for m in sym.matches(["The end product was a leaflet."], openmoji)]
    assert "finish" not in concepts and "book" in concepts
    # The words on their own still match.
    assert [m.phrase.symbol.concept for m in sym.matches(["We meet on Friday."], openmoji)] == ["meeting"]


def test_a_lone_capitalised_word_is_an_ordinary_word_but_names_and_months_are_not():
    assert "carer" in terms("Being a Carer can be tiring.")
    assert "group" not in terms("The Riverside Tenants Group met twice.")
    assert "march" not in terms("The plan ends in March 2031.")


def test_a_weak_match_on_a_main_word_beats_a_generic_picture(openmoji):
    # "break" (a tea break, weak) is about the point; "people" (generic) is not.
    text = "Plan regular breaks so people can rest their eyes."
    picture = sym.choose([text], ["break", "people"], openmoji, show_weak=True)
    assert picture.concept == "drink" and picture.confidence == "weak"
    # When people are the main word, the generic picture stays.
    picture = sym.choose(["People need breaks."], ["people", "break"], openmoji, show_weak=True)
    assert picture.concept == "people"


# ---------------------------------------------------------------- the review sheet: help, not noise


def _draft(*blocks):
    from accessconv import model as m

    return m.Document("Test plan", "en-GB", [m.Heading(1, [m.Text("Test plan")]), *blocks], notes=[])


def _para(text: str):
    from accessconv import model as m

    return m.Paragraph([m.Text(text)])


def _transform(*blocks):
    from dataclasses import replace

    from accessconv.formats.easy_read.language.language import transform

    # Every sentence kept and split by rule: these tests look at the review sheet and changes.
    language = replace(profile().settings.language, keep_all=True, use_parser=False, explain_in_text=False)
    return transform(_draft(*blocks), language)


def test_a_sentence_is_listed_once_with_all_its_problems():
    er = _transform(
        _para(
            "The new flats, which were designed by the council because tenants asked for them when "
            "we met, will be finished next year by local builders."
        )
    )
    rows = [r for r in er.review if r.kind in ("unsafe-split", "long-sentence", "passive")]
    assert len(rows) == 1
    assert "too long" in rows[0].suggestion and "passive" in rows[0].suggestion
    # A short passive sentence still gets its own row.
    er = _transform(_para("It was paid for by the council."))
    assert [r.kind for r in er.review if r.kind == "passive"] == ["passive"]


def test_number_words_are_one_line_of_changes():
    er = _transform(_para("We met six people. We met two groups. Then six more people came."))
    lines = [c for c in er.changes if "digits" in c or "as a number" in c]
    assert lines == ["Wrote number words as digits: 'six' (2 times), 'two'."]


def test_a_hard_word_in_a_heading_goes_on_the_review_sheet():
    from accessconv import model as m

    er = _transform(m.Heading(2, [m.Text("Our Safeguarding Duties")]), _para("We keep you safe."))
    rows = [r for r in er.review if r.where.startswith("the heading")]
    assert [r.text for r in rows] == ["safeguarding"]
    assert "everyday words" in rows[0].suggestion
    # A plain heading adds nothing.
    er = _transform(m.Heading(2, [m.Text("Where We Meet")]), _para("We meet at the library."))
    assert not [r for r in er.review if r.where.startswith("the heading")]


def test_bullets_typed_as_characters_become_points():
    er = _transform(_para("We will: • fix repairs fast • answer the phone • visit every tenant"))
    points = [p.sentences for s in er.sections for p in s.points]
    assert points == [["We will:"], ["Fix repairs fast."], ["Answer the phone."], ["Visit every tenant."]]
    assert any("bullet points typed as characters" in c for c in er.changes)
    # A lone bullet-like dot in a sentence is left alone.
    er = _transform(_para("Our score went up • a little."))
    assert len([p for s in er.sections for p in s.points]) == 1


# ---------------------------------------------------------------- splitting that keeps the link


def test_because_starts_a_new_sentence_that_keeps_the_link():
    from accessconv.formats.easy_read.language.points import split_sentence

    settings = profile().settings.language
    parts = split_sentence(
        "Many drivers leave the firm because they are paid very little for long shifts.", settings
    )
    assert parts.parts == [
        "Many drivers leave the firm.",
        "This is because they are paid very little for long shifts.",
    ]
    # "because of" is not followed by a clause: no split.
    sentence = "Drivers leave the firm because of low pay and long shifts on every single weekday."
    assert split_sentence(sentence, settings).parts == [sentence]


def test_a_short_label_before_a_whole_sentence_stands_on_its_own_line():
    from accessconv.formats.easy_read.language.points import split_sentence

    settings = profile().settings.language
    sentence = "Example from the estate: we asked every tenant on the estate how the repairs went."
    assert split_sentence(sentence, settings).parts == [
        "Example from the estate:",
        "We asked every tenant on the estate how the repairs went.",
    ]
    # A label with a verb, or no whole sentence after it, is left alone.
    for kept in (
        "We will say this clearly: repairs must be done within 3 days of the tenant's call.",
        "Repair times now: 1 in 8 jobs late, and 1 in 16 jobs late by the year 2030.",
    ):
        assert split_sentence(kept, settings).parts == [kept]
