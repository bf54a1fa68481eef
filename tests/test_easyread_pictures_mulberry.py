"""Mulberry pictures chosen for a whole document: the point's own idea, variety, misleading
senses, gender variants, honest confidence, the review sheet's alternatives, sizes."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace

import pytest
from PIL import Image

from accessconv.formats.easy_read import symbols as sym
from accessconv.formats.easy_read.language.key_terms import key_terms
from accessconv.formats.easy_read.language.model import EasyReadDocument, Section, Stats
from accessconv.formats.easy_read.pictures.choice import choose_all
from easy_read_builders import point, profile, write_all

SETTINGS = profile().settings.pictures


@pytest.fixture(scope="module")
def sets():
    return sym.load_sets(SETTINGS)


def _choose(texts: list[str], sets, settings=SETTINGS):
    choices, topics = choose_all([([t], key_terms([t], [], 3)) for t in texts], sets, settings)
    return [c.best.concept if c.best else None for c in choices], choices, topics


def _doc(texts: list[str]) -> EasyReadDocument:
    points = [point(t, f"point {i + 1}", key_terms=tuple(key_terms([t], [], 3))) for i, t in enumerate(texts)]
    return EasyReadDocument("Help for carers", "en-GB", [Section("Carers", points)], [], [], Stats())


CARERS = [
    "A carer looks after a family member.",
    "Carers can get a free bus pass.",
    "Carers can ask for a carer's assessment.",
    "Carers can get money to take a break.",
    "Carers can talk to a doctor about their health.",
    "Carers can go to a group each month.",
    "Carers can get help with their rent.",
    "Carers can use the library for free.",
    "Carers can phone us for advice.",
]


def test_mulberry_is_the_default_and_openmoji_the_fallback(sets):
    assert SETTINGS.symbol_set == "mulberry" and SETTINGS.fallback == ["openmoji"]
    assert [s.name for s in sets] == ["mulberry", "openmoji"]
    assert "Mulberry Symbols © Steve Lee, CC BY-SA 4.0" in sets[0].credit


def test_the_vendored_zip_keeps_the_licence_and_every_mapped_file():
    with zipfile.ZipFile(sym.MULBERRY_ZIP) as zf:
        names = set(zf.namelist())
        licence = zf.read("LICENSE.txt").decode()
        assert "Steve Lee" in licence and "licenses/by-sa/4.0" in licence
    for symbol in sym.read_mulberry_map(sym.MULBERRY_MAP):
        for file in (symbol.file, *symbol.alternatives):
            assert f"EN/{file}" in names, (symbol.concept, file)


def test_the_point_s_own_idea_beats_the_document_topic(sets):
    shown, choices, topics = _choose(CARERS, sets)
    assert "carer" in topics
    assert shown[1] == "bus_pass" and shown[2] == "assessment" and shown[8] in ("phone", "advice")
    assert shown.count("carer") <= 2


def test_topic_goes_on_the_cover():
    easy = _doc(CARERS)
    main = sym.add_pictures(easy, SETTINGS)
    assert main.cover is not None and main.cover.png is not None


def test_same_picture_at_most_twice_in_a_row_when_there_is_another_idea(sets):
    texts = [f"We will meet to talk about {w}." for w in ("money", "buses", "housing", "health", "jobs")]
    shown, _, _ = _choose(texts, sets)
    for a, b, c in zip(shown, shown[1:], shown[2:], strict=False):
        assert not (a == b == c), shown


def test_misleading_senses_are_skipped(sets):
    shown, _, _ = _choose(["You can look at your plan.", "Do it in your own time."], sets)
    assert shown[0] != "eyes_sight" and shown[1] not in ("time", "hour")
    shown, _, _ = _choose(["Test your smoke alarm every month."], sets)
    assert shown[0] != "smoking"
    # A band in council writing is a group on a list (a priority or council tax band), not music.
    shown, _, _ = _choose(["We plan to keep 4 bands but change who is in each one."], sets)
    assert shown[0] != "music"
    assert _choose(["A brass band will play at the fair."], sets)[0][0] == "music"


def test_people_pictures_follow_the_profile(sets):
    (choice,) = choose_all([(["Your social worker will visit you."], ["social worker"])], sets, SETTINGS)[0]
    assert choice.best is not None and choice.best.concept == "social_worker"
    women = sym.picture_of(choice.best, "confident", SETTINGS)
    men = sym.picture_of(choice.best, "confident", replace(SETTINGS, people="men"))
    assert women.source_file == "care_assistant_1b.svg"  # b = a woman in the care_assistant pictures
    assert men.source_file == "care_assistant_1a.svg"


def test_doubtful_pictures_are_shown_and_listed_with_three_alternatives():
    easy = _doc(CARERS + ["Everyone has good days and bad days."])
    sym.add_pictures(easy, SETTINGS)
    points = easy.sections[0].points
    assert all(p.picture is not None and p.picture.png is not None for p in points)
    doubtful = [r for r in easy.review if isinstance(r, sym.PictureReviewItem) and r.kind == "weak-picture"]
    assert doubtful
    for item in doubtful:
        assert re.fullmatch(r'"p-[0-9a-f]{8}" = "[^"]+"', item.decision_line)
        for alt in item.alternatives:
            assert alt.decision_line.startswith(f'"{item.point}" = "')
            assert Image.open(io.BytesIO(alt.png)).format == "PNG"
    assert any(len(item.alternatives) == 3 for item in doubtful)


def test_confidence_threshold_is_the_profile_s(sets):
    _, sure, _ = _choose(CARERS, sets, replace(SETTINGS, confident_score=0.0))
    _, never, _ = _choose(CARERS, sets, replace(SETTINGS, confident_score=99.0))
    assert sum(c.confident for c in sure) > 0 and not any(c.confident for c in never)


def test_a_decision_picks_the_picture(tmp_path):
    source = tmp_path / "leaflet.docx"
    source.write_bytes(b"")
    easy = _doc(CARERS)
    pid = sym.point_id(easy.sections[0].points[1])
    (tmp_path / "leaflet.easy-read.toml").write_text(f'[pictures]\n"{pid}" = "bus"\n', encoding="utf-8")
    sym.add_pictures(easy, SETTINGS, source)
    picture = easy.sections[0].points[1].picture
    assert picture.concept == "bus" and picture.confidence == "confident"
    assert not [r for r in easy.review if r.point == pid]


def test_review_sheet_and_page_show_alternatives_and_big_pictures(tmp_path):
    paths = write_all(_doc(CARERS + ["Everyone has good days and bad days."]), tmp_path)
    review = paths["review"].read_text(encoding="utf-8")
    assert review.count('id="review-pictures"') == 1
    assert re.search(r"<code>&quot;p-[0-9a-f]{8}&quot; = &quot;[\w.,]+&quot;</code>", review)
    page = paths["html"].read_text(encoding="utf-8")
    # At least 96 px (6rem) on a narrow screen, beside the text (a grid column, not stacked).
    assert re.search(r"grid-template-columns: 6(\.0)?rem minmax\(0, 1fr\)", page)
    assert "Mulberry Symbols © Steve Lee, CC BY-SA 4.0" in page
    assert SETTINGS and profile().settings.layout.picture_cm >= 3.0


def test_gender_swaps_only_to_a_drawing_of_the_other_gender():
    assert sym.gender_of("doctor_2a.svg") == "f" and sym.gender_of("doctor_1b.svg") == "m"
    assert sym.gender_of("care_assistant_3b.svg") == "f" and sym.gender_of("police_1b.svg") == ""
    assert sym.gender_of("sleep_female_,_to.svg") == "f" and sym.gender_of("angry_man.svg") == "m"
    for symbol in sym.read_mulberry_map(sym.MULBERRY_MAP):
        for people in ("women", "men"):
            chosen = sym._file_for(symbol, people)
            # Either the mapped picture, or an alternative that is the wanted gender.
            assert chosen == symbol.file or sym.gender_of(chosen) == people[0].replace("w", "f")


def test_a_phrase_that_starts_with_a_skip_word_is_matched_whole(sets):
    # "do" and "not" are no pictures of their own, and were skipped before the phrase was looked
    # up: "If you do not agree with our decision" showed a thumbs up for "agree".
    chosen, _, _ = _choose(
        ["If you do not agree with the decision, please tell us within 28 days.", "We agree with you."], sets
    )
    assert chosen == ["disagree", "agree"]
