"""The Easy Read writer and its checks: good files pass, each deliberately broken file fails."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import lxml.html
import pytest

from accessconv import model as m
from accessconv.formats.easy_read.checks import check_easy_read_file, read_docx, read_html
from accessconv.formats.easy_read.language.model import HardWord, Section
from easy_read_builders import failing, good_document, passing, point, profile, with_list, write_all

EASY_READ_IDS = [
    "easyread.sentence-length",
    "easyread.point-length",
    "easyread.readability",
    "easyread.pictures",
    "easyread.hard-words",
    "easyread.acronyms",
    "easyread.numbers",
    "easyread.length",
    "easyread.credit",
]


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> dict[str, Path]:
    return write_all(good_document(), tmp_path_factory.mktemp("good"))


def _check(path: Path, prof=None):
    return check_easy_read_file(path, prof or profile())


# ---------------------------------------------------------------- good files pass


@pytest.mark.parametrize("kind", ["docx", "html"])
def test_good_output_passes_every_check(good, kind):
    results = _check(good[kind])
    problems = [r for r in results if r.status in ("error", "warning")]
    assert not problems, problems
    ids = {r.id for r in results}
    assert set(EASY_READ_IDS) <= ids
    if kind == "docx":
        assert {"docx.text-size", "docx.font", "docx.italic", "docx.alignment", "docx.page-numbers"} <= ids
    else:
        assert {"html.img-alt", "html.h1", "html.contrast", "html.landmarks"} <= ids


def test_review_sheet_passes_the_web_checks(good):
    results = _check(good["review"])
    assert results and not [r for r in results if r.status in ("error", "warning")]
    assert not [r for r in results if r.id.startswith("easyread.")]


def test_word_layout_reads_back_as_points_with_pictures(good):
    back = read_docx(good["docx"], profile().checks, profile().settings.layout)
    assert [s.heading for s in back.sections] == ["About this plan", "Money", "Tell us what you think"]
    first = back.sections[1].points[0]
    assert first.picture_alt == "money" and first.lines == ["We will pay care workers more money."]
    assert back.hard_words == {"co-production": "People and the council working together as equals."}
    assert "CC BY-SA 4.0" in back.credit
    document = docx.Document(str(good["docx"]))
    table = document.tables[0]
    # Picture left, about 3-4 cm wide; text right.
    extent = table.rows[0].cells[0]._tc.xpath(".//wp:extent")[0]
    assert 3.0 <= int(extent.get("cx")) / 360000 <= 4.0
    assert table.rows[0].cells[1].text.startswith("This is our plan")
    # The cover: the title and a picture before the first section.
    assert document.paragraphs[0].text == "Our plan for care workers"
    assert document.paragraphs[2]._p.xpath(".//wp:docPr/@descr")
    bold = [r.text for p in document.tables[1].rows[1].cells[1].paragraphs for r in p.runs if r.bold]
    assert bold == ["co-production"]


def test_web_page_reads_back_the_same(good):
    back = read_html(good["html"], profile().checks, profile().settings.layout)
    assert [len(s.points) for s in back.sections] == [2, 2, 2]
    assert all(p.picture_alt for p in back.points)
    assert back.sections[1].points[1].bold == ["co-production"]
    html = good["html"].read_text(encoding="utf-8")
    assert "@media (max-width: 30em)" in html and "grid-template-columns" in html  # responsive
    assert html.count("<h1>") == 1


def test_review_sheet_lists_what_a_person_must_check(tmp_path):
    easy = good_document()
    easy.sections[0].points.append(
        point("Zorbs frobnicate quietly.", "section 1, point 3", key_terms=("zorb",))
    )
    easy.hard_words.append(HardWord("frobnicate", None, "section 1, point 3"))
    from accessconv.formats.easy_read.language.model import ReviewItem

    easy.review.append(ReviewItem("hard-word", "frobnicate", "section 1, point 3", "Explain it."))
    easy.review.append(ReviewItem("number", "25%", "section 2, point 1"))
    paths = write_all(easy, tmp_path)
    sheet = paths["review"].read_text(encoding="utf-8")
    assert "Points with no picture (1)" in sheet and "Zorbs frobnicate quietly." in sheet
    assert "Hard words with no explanation (1)" in sheet and "Numbers and percentages" in sheet
    assert sheet.count("section 1, point 3") == 2
    assert "Split 2 long sentences." in sheet


# ---------------------------------------------------------------- each check fails on a broken file


def _variant(tmp_path: Path, change, prof=None) -> dict[str, Path]:
    easy = good_document()
    change(easy)
    return write_all(easy, tmp_path, prof)


@pytest.mark.parametrize("kind", ["docx", "html"])
def test_long_sentences_fail(tmp_path, kind):
    def change(easy):
        easy.sections[0].points[0] = point(
            "We will write a plan with you and your family and the staff who help you every day.",
            "section 1, point 1",
        )
        easy.sections[0].points[1] = point(
            "We want to hear what you and your family really think about it.", "p"
        )

    results = _check(_variant(tmp_path, change)[kind])
    found = failing(results, "easyread.sentence-length")
    assert {r.status for r in found} == {"error", "warning"}
    assert "18 words" in found[0].message


def test_point_with_too_many_sentences_fails(tmp_path):
    def change(easy):
        easy.sections[0].points[0] = point("We met. We talked. We ate. We left. We slept. We woke.", "p1")

    assert failing(_check(_variant(tmp_path, change)["docx"]), "easyread.point-length")


def test_hard_text_fails_readability(tmp_path):
    def change(easy):
        for section in easy.sections:
            section.points = [
                point(
                    "Organisational transformation necessitates comprehensive consideration. "
                    "Commissioning arrangements prioritise sustainability. "
                    "Stakeholder engagement facilitates organisational improvement.",
                    "p",
                )
            ]

    found = failing(_check(_variant(tmp_path, change)["html"]), "easyread.readability")
    messages = " ".join(r.message for r in found)
    assert "Reading ease" in messages and "school grade" in messages and "section's reading ease" in messages


def test_point_without_a_fitting_picture_is_flagged(tmp_path):
    def change(easy):
        easy.sections[0].points[0] = point("Zorbs frobnicate quietly.", "p", key_terms=("zorb",))

    paths = _variant(tmp_path, change)
    for kind in ("docx", "html"):
        found = failing(_check(paths[kind]), "easyread.pictures")
        assert found and "no picture yet" in found[0].message


def test_picture_without_alt_text_fails_in_word(tmp_path, good):
    document = docx.Document(str(good["docx"]))
    for doc_pr in document.tables[0]._tbl.xpath(".//wp:docPr"):
        doc_pr.set("descr", "")
    broken = tmp_path / "no-alt-easy-read.docx"
    document.save(str(broken))
    results = _check(broken)
    assert failing(results, "easyread.pictures")[0].status == "error"
    assert failing(results, "docx.images")


def test_point_with_no_picture_at_all_fails_on_the_web(tmp_path, good):
    html = good["html"].read_text(encoding="utf-8")
    broken = tmp_path / "no-img-easy-read.html"
    picture = r'<li class="point"><svg class="picture"[^>]*>.*?</svg>'
    broken.write_text(re.sub(picture, '<li class="point">', html, count=1), encoding="utf-8")
    found = failing(_check(broken), "easyread.pictures")
    assert found and found[0].status == "error" and "no picture beside it" in found[0].message


@pytest.mark.parametrize("kind", ["docx", "html"])
def test_bold_word_missing_from_hard_words_fails(tmp_path, kind):
    def change(easy):
        easy.sections[0].points[0] = point("We will do an assessment.", "p", bold=("assessment",))

    found = failing(_check(_variant(tmp_path, change)[kind]), "easyread.hard-words")
    assert found and "'assessment'" in found[0].message


@pytest.mark.parametrize("kind", ["docx", "html"])
def test_a_bold_possessive_is_the_listed_word(tmp_path, kind):
    """ "tenant’s" in bold is the hard word "tenant" of the list (a false error seen on a real draft)."""

    def change(easy):
        easy.sections[0].points[0] = point("We will phone the tenant’s landlord.", "p", bold=("tenant’s",))
        easy.hard_words.append(HardWord("tenant", "A tenant is a person who rents their home.", "p"))

    found = failing(_check(_variant(tmp_path, change)[kind]), "easyread.hard-words")
    assert not [f for f in found if "tenant" in f.message]


@pytest.mark.parametrize("kind", ["docx", "html"])
def test_hard_word_without_explanation_fails(tmp_path, kind):
    def change(easy):
        easy.hard_words = [HardWord("co-production", None, "s2")]

    found = failing(_check(_variant(tmp_path, change)[kind]), "easyread.hard-words")
    assert found and "no explanation yet" in found[0].message


@pytest.mark.parametrize("kind", ["docx", "html"])
def test_acronym_left_in_fails(tmp_path, kind):
    def change(easy):
        easy.sections[0].points[0] = point("ASC will help you in the UK.", "p")

    found = failing(_check(_variant(tmp_path, change)[kind]), "easyread.acronyms")
    assert len(found) == 1 and "'ASC'" in found[0].message  # UK is on the profile's allowed list


def test_percentage_left_in_is_flagged(tmp_path):
    def change(easy):
        easy.sections[1].points[0] = point("Pay will go up by 25%.", "p")

    assert failing(_check(_variant(tmp_path, change)["docx"]), "easyread.numbers")


def test_too_long_document_is_flagged(tmp_path, good):
    found = failing(_check(good["docx"], profile(max_words=10, max_pages=1)), "easyread.length")
    assert {("words" in r.message, "pages" in r.message) for r in found} == {(True, False), (False, True)}


@pytest.mark.parametrize("kind", ["docx", "html"])
def test_missing_picture_credit_fails(tmp_path, good, kind):
    if kind == "docx":
        document = docx.Document(str(good["docx"]))
        credit = [p for p in document.paragraphs if p.text.startswith("About the pictures.")][0]
        credit._p.getparent().remove(credit._p)
        broken = tmp_path / "no-credit.docx"
        document.save(str(broken))
    else:
        broken = tmp_path / "no-credit.html"
        html = good["html"].read_text(encoding="utf-8")
        broken.write_text(re.sub(r'<p class="credit">.*?</p>', "", html), encoding="utf-8")
    assert failing(_check(broken), "easyread.credit")


def test_word_typography_is_checked(tmp_path, good):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document(str(good["docx"]))
    document.styles["Normal"].font.size = Pt(12)
    cell = document.tables[0].rows[0].cells[1]
    cell.paragraphs[0].runs[0].italic = True
    cell.paragraphs[0].runs[0].font.name = "Times New Roman"
    other = document.tables[0].rows[1].cells[1].paragraphs[0]
    other.runs[0].underline = True
    other.add_run(" PLEASE READ THIS NOW")
    other.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    broken = tmp_path / "small-easy-read.docx"
    document.save(str(broken))
    results = _check(broken)
    for check_id in (
        "docx.text-size",
        "docx.italic",
        "docx.font",
        "docx.underline",
        "docx.capitals",
        "docx.alignment",
    ):
        assert failing(results, check_id), check_id


# ---------------------------------------------------------------- links and marks


def test_links_stay_links_and_escape_untrusted_text(tmp_path):
    def change(easy):
        p = easy.sections[2].points[0]
        p.sentences = ["Read <b>more</b> on our website."]
        p.inlines = [
            m.Text("Read <b>more</b> on "),
            m.Link([m.Text("our website")], "https://example.gov.uk/plan"),
            m.Text("."),
        ]
        easy.sections.append(Section("Evil", [point("Click javascript here.", "p")]))
        easy.sections[-1].points[0].inlines = [m.Link([m.Text("Click")], "javascript:alert(1)")]

    paths = _variant(tmp_path, change)
    html = paths["html"].read_text(encoding="utf-8")
    assert '<a href="https://example.gov.uk/plan">our website</a>' in html
    assert "&lt;b&gt;more&lt;/b&gt;" in html and "javascript:" not in html
    document = docx.Document(str(paths["docx"]))
    rels = [r.target_ref for r in document.part.rels.values() if r.is_external]
    assert rels == ["https://example.gov.uk/plan"]


def _with_list(tmp_path: Path, marked: bool = True) -> dict[str, Path]:
    return _variant(tmp_path, lambda easy: with_list(easy, marked))


def test_a_list_in_a_point_is_a_bulleted_list_in_the_word_file(tmp_path):
    path = _with_list(tmp_path)["docx"]
    document = docx.Document(str(path))
    cell = document.tables[0].rows[0].cells[1]
    styles = [(p.text, p.style.name) for p in cell.paragraphs]
    assert styles == [
        ("You can get this in:", "Normal"),
        ("Easy Read.", "List Bullet"),
        ("Large print.", "List Bullet"),
        ("Braille.", "List Bullet"),
        ("Audio.", "List Bullet"),
        ("Braille is writing you read with your fingers.", "Normal"),
    ]
    # The list style numbers its paragraphs with a bullet (Word draws the marks).
    num_id = document.styles["List Bullet"].element.xpath("./w:pPr/w:numPr/w:numId/@w:val")[0]
    numbering = document.part.numbering_part.element
    abstract = numbering.xpath(f'./w:num[@w:numId="{num_id}"]/w:abstractNumId/@w:val')[0]
    level = f'./w:abstractNum[@w:abstractNumId="{abstract}"]/w:lvl[@w:ilvl="0"]'
    assert numbering.xpath(f"{level}/w:numFmt/@w:val") == ["bullet"]
    back = read_docx(path, profile().checks, profile().settings.layout)
    assert back.points[0].items == [False, True, True, True, True, False]
    assert passing(_check(path), "easyread.point-length")


def test_a_list_in_a_point_is_a_list_on_the_web_page(tmp_path):
    path = _with_list(tmp_path)["html"]
    page = lxml.html.document_fromstring(path.read_bytes())
    point_li = page.xpath('//li[contains(@class, "point")]')[0]
    inner = point_li.xpath('.//ul[@class="point-list"]/li')
    assert [li.text_content() for li in inner] == ["Easy Read.", "Large print.", "Braille.", "Audio."]
    assert [li.xpath("string(strong)") for li in inner][2] == "Braille"
    # The lead before the list, the explanation after it.
    texts = [el.tag for el in point_li.xpath('.//div[@class="point-text"]/*')]
    assert texts == ["p", "ul", "p"]
    back = read_html(path, profile().checks, profile().settings.layout)
    assert back.points[0].items == [False, True, True, True, True, False]
    assert passing(_check(path), "easyread.point-length")


@pytest.mark.parametrize("kind", ["docx", "html"])
def test_lines_not_marked_as_a_list_count_as_sentences(tmp_path, kind):
    """The check reads the list from the written file: the same lines as plain paragraphs are
    five sentences in one point."""
    found = failing(_check(_with_list(tmp_path, marked=False)[kind]), "easyread.point-length")
    assert found and "5 sentences" in found[0].message


def test_document_with_no_points_fails_readability(tmp_path):
    def change(easy):
        for section in easy.sections:
            section.points = []

    found = failing(_check(_variant(tmp_path, change)["docx"]), "easyread.readability")
    assert found and "no points" in found[0].message
