"""A chosen sentence that stays too long after splitting keeps its main clause (language/shorten.py)
instead of being left out whole; what is cut is listed on the review sheet with a line that works."""

from __future__ import annotations

import html as html_lib
import re
import shutil
from pathlib import Path

import pytest

from accessconv.formats.easy_read.language import parse, shorten
from accessconv.formats.easy_read.language.text import word_count

DRAFTS = Path(__file__).parent / "data" / "easy-read" / "drafts"
needs_parser = pytest.mark.skipif(not parse.available(), reason="the spaCy model is not installed")


@needs_parser
@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        (
            "We will add more evening sessions at the swimming pool, including sessions for older people "
            "who want a quieter time to swim.",
            "We will add more evening sessions at the swimming pool.",
        ),
        (
            "Residents who took part said the parks were valued highly, as was having staff on site to "
            "answer questions when something went wrong.",
            "Residents who took part said the parks were valued highly.",
        ),
        (
            "Every tenant will be offered a named housing officer helping them to settle in, including "
            "setting up gas and electricity accounts while they move.",
            "Every tenant will be offered a named housing officer.",
        ),
    ],
)
def test_a_long_sentence_keeps_its_main_clause(sentence: str, kept: str) -> None:
    short = shorten.main_clause(sentence, 12, word_count)
    assert short is not None
    assert short.kept == kept
    assert sentence.endswith(short.left_out)  # what goes is the tail, word for word


@needs_parser
@pytest.mark.parametrize(
    "sentence",
    [
        # a list across the cut: "beds and chairs" are things we buy, not an aside
        "We will buy new hoists, beds and chairs for the people who live in our care homes across the "
        "county.",
        # a fact in the tail (a number) must reach the reader
        "We will open the new library in the town centre, which will have space for 40 computers and a cafe.",
        # a condition or an exception changes the truth of what is kept
        "You will get a free bus pass for travel anywhere in the county, unless you already have a pass "
        "from another council.",
        "Your rent will stay the same for the whole of next year, if you pay by direct debit every month.",
        # "not" in the tail is what a reader most needs
        "We will send every tenant a letter about the changes, which they do not need to answer or send "
        "back.",
    ],
)
def test_no_main_clause_when_the_tail_matters(sentence: str) -> None:
    assert shorten.main_clause(sentence, 12, word_count) is None


def test_an_added_reason_or_purpose_may_go_whole() -> None:
    assert shorten.add_on("This is so that carers can rest without the person they care for having to move.")
    assert not shorten.add_on("This is so that carers can rest for 2 nights a month without having to pay.")
    assert not shorten.add_on("This is so that you do not have to pay for the visit yourself at all.")
    assert not shorten.add_on("We will visit you at home so that you can show us what is hard.")


DRAFT = """# Leisure for everyone

## Swimming

We will add more evening sessions at the swimming pool, including sessions for older people who want a
quieter time to swim, so that everyone who lives in the borough can find a time that suits them.

Swimming lessons for children cost £4.50 each.
"""


def _review_line(review: str) -> str:
    text = html_lib.unescape(review)
    found = re.search(r'\[rewrite\] "(s-[0-9a-f]{8})" = "\.\.\."', text)
    assert found, "no rewrite line on the review sheet"
    return found.group(1)


@needs_parser
def test_the_written_page_keeps_the_main_clause_and_the_review_line_brings_back_a_rewrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from accessconv.pipeline import convert

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    draft = tmp_path / "leisure.md"
    draft.write_text(DRAFT, encoding="utf-8")
    out = tmp_path / "out"
    convert(draft, ["easy-read"], out)
    page = html_lib.unescape((out / "leisure-easy-read.html").read_text(encoding="utf-8"))
    assert "We will add more evening sessions at the swimming pool." in page
    assert "quieter time" not in page
    review = (out / "leisure-easy-read-review.html").read_text(encoding="utf-8")
    assert "quieter time to swim" in html_lib.unescape(review)
    sid = _review_line(review)
    # The line the sheet gives is the one that works: a person's own short sentences replace it.
    (tmp_path / "leisure.easy-read.toml").write_text(
        f'[rewrite]\n"{sid}" = "There will be more swimming in the evening. Some times will be quiet."\n',
        encoding="utf-8",
    )
    convert(draft, ["easy-read"], out, force=True)
    page = html_lib.unescape((out / "leisure-easy-read.html").read_text(encoding="utf-8"))
    assert "Some times will be quiet." in page
    assert "evening sessions at the swimming pool" not in page


@needs_parser
def test_every_rewrite_line_of_the_review_sheet_takes_effect(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each [rewrite] line the review sheet gives for a draft sentence names that sentence as the
    draft has it, not our plain-words version (a swapped word changed the id, so the line a person
    copied did nothing): adding the lines puts the person's words in the page."""
    from accessconv.pipeline import convert

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    draft = tmp_path / "day-services-consultation.md"
    shutil.copy(DRAFTS / "day-services-consultation.md", draft)
    out = tmp_path / "out"
    convert(draft, ["easy-read"], out)
    review = html_lib.unescape((out / "day-services-consultation-easy-read-review.html").read_text("utf-8"))
    ids = sorted(set(re.findall(r'\[rewrite\] "(s-[0-9a-f]{8})" = "\.\.\."', review)))
    assert ids, "no sentence-level rewrite line on the review sheet"
    lines = [f'"{sid}" = "Rewritten by a person as number {n}."' for n, sid in enumerate(ids)]
    (tmp_path / "day-services-consultation.easy-read.toml").write_text(
        "[rewrite]\n" + "\n".join(lines) + "\n", encoding="utf-8"
    )
    convert(draft, ["easy-read"], out, force=True)
    page = html_lib.unescape((out / "day-services-consultation-easy-read.html").read_text("utf-8"))
    for n in range(len(ids)):
        assert f"Rewritten by a person as number {n}." in page


@needs_parser
def test_a_point_dropped_by_its_id_goes_and_a_stale_line_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`drop = ["p-…"]` (as decisions.py documents it) leaves that point out; a line naming
    nothing in the draft is listed on the review sheet instead of doing nothing in silence."""
    from accessconv.pipeline import convert

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    draft = tmp_path / "hall.md"
    draft.write_text(
        "# The village hall\n\n## Opening\n\nThe hall opens at 9am.\n\nThe cafe opens at 10am.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    convert(draft, ["easy-read"], out)
    page = (out / "hall-easy-read.html").read_text(encoding="utf-8")
    ids = re.findall(r'<li class="point" id="(p-[0-9a-f]{8})"', page)
    assert len(ids) == 2 and page.index("The cafe opens at 10am.") > page.index(ids[1])
    cafe_id = ids[1]
    (tmp_path / "hall.easy-read.toml").write_text(
        f'drop = ["{cafe_id}"]\n\n[rewrite]\n"p-00000000" = "Words for a point that is gone."\n',
        encoding="utf-8",
    )
    convert(draft, ["easy-read"], out, force=True)
    page = (out / "hall-easy-read.html").read_text(encoding="utf-8")
    assert "The cafe opens at 10am." not in page
    assert "The hall opens at 9am." in page
    review = html_lib.unescape((out / "hall-easy-read-review.html").read_text(encoding="utf-8"))
    assert '[rewrite] "p-00000000"' in review
    assert "names no sentence or point of the draft" in review
    assert f'drop = ["{cafe_id}"]' not in review  # a line that did its work is not listed


@needs_parser
def test_a_web_address_in_the_tail_is_a_fact_though_it_is_one_protected_character() -> None:
    """Inside the transform a web address or email is one placeholder character until the end;
    the tail is judged by the words a reader sees, so the address is never cut."""
    from accessconv.formats.easy_read.language.text import Spans

    spans = Spans()
    sentence = (
        "We will send every tenant a short letter about the new charges, together with a guide at "
        + spans.protect_text("www.example.org/charges")
        + "."
    )
    assert shorten.main_clause(sentence, 15, lambda t: word_count(t, spans), spans.restore) is None
    assert not shorten.add_on(
        "This is so that you can read the guide at " + spans.protect_text("www.example.org/g") + ".",
        spans.restore,
    )
