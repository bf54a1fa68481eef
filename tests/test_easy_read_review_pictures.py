"""The review sheet's pictures to choose from: each distinct picture is stored once in the page and
every place it is shown refers to it, still named for a screen reader."""

from __future__ import annotations

import base64
import re

from lxml import html

from accessconv.formats.easy_read.language.key_terms import key_terms
from accessconv.formats.easy_read.language.model import EasyReadDocument, Section, Stats
from easy_read_builders import point, write_all

# Many points about the same few things, as in a long strategy: the same pictures come back.
TEXTS = [
    f"Carers can {what} {when}."
    for when in ("in May", "in June", "each week", "at the weekend")
    for what in ("go to a group", "get help with their rent", "use the library", "phone us for advice")
]


def _review(tmp_path):
    points = [point(t, f"point {i + 1}", key_terms=tuple(key_terms([t], [], 3))) for i, t in enumerate(TEXTS)]
    easy = EasyReadDocument("Help for carers", "en-GB", [Section("Carers", points)], [], [], Stats())
    return write_all(easy, tmp_path)["review"].read_text(encoding="utf-8")


def test_each_picture_is_embedded_once_and_every_choice_shows_one(tmp_path):
    page = _review(tmp_path)
    tree = html.fromstring(page.encode("utf-8"))
    stored = tree.xpath("//symbol")
    data = [s.xpath("./image/@href")[0] for s in stored]
    assert data and all(d.startswith("data:image/png;base64,") for d in data)
    assert len(set(data)) == len(data), "a picture is stored twice"
    assert page.count("data:image/png;base64,") == len(stored), "a picture is embedded outside the store"
    for d in data:
        assert base64.b64decode(d.split(",", 1)[1]).startswith(b"\x89PNG")
    ids = {s.get("id") for s in stored}
    shown = tree.xpath("//ul[contains(@class, 'picture-options')]/li")
    assert len(shown) > len(stored), "the test draft should show some pictures more than once"
    for option in shown:
        (svg,) = option.xpath("./svg")
        # A screen reader gets the picture's name, as an <img alt> gave it before.
        assert svg.get("role") == "img" and svg.get("aria-label", "").strip()
        name = svg.get("aria-label")
        assert option.xpath("string(./p)").startswith(("Chosen now: " + name, name))
        (use,) = svg.xpath("./use")
        assert use.get("href", "").removeprefix("#") in ids
    # The store itself is hidden from assistive technology and takes no room on the page.
    (store,) = tree.xpath("//svg[@class='picture-store']")
    assert store.get("aria-hidden") == "true" and store.get("width") == "0"
    assert re.search(r"\.picture-options svg \{[^}]*width: 6rem", page)


def _page(tmp_path):
    points = [point(t, f"point {i + 1}", key_terms=tuple(key_terms([t], [], 3))) for i, t in enumerate(TEXTS)]
    easy = EasyReadDocument("Help for carers", "en-GB", [Section("Carers", points)], [], [], Stats())
    return write_all(easy, tmp_path)["html"]


def test_the_easy_read_page_stores_each_picture_once_and_names_every_one(tmp_path):
    """The web page, like the review sheet: a picture shown beside many points is embedded once,
    and each point's picture still has its name for a screen reader."""
    written = _page(tmp_path)
    page = written.read_text(encoding="utf-8")
    tree = html.fromstring(page.encode("utf-8"))
    stored = {s.get("id"): s.xpath("./image/@href")[0] for s in tree.xpath("//symbol")}
    assert stored and len(set(stored.values())) == len(stored), "a picture is stored twice"
    assert page.count("data:image/png;base64,") == len(stored), "a picture is embedded outside the store"
    shown = tree.xpath("//li[contains(@class, 'point')]/svg[@role='img']")
    assert len(shown) == len(TEXTS) > len(stored)
    for svg in shown:
        assert svg.get("aria-label", "").strip()
        (use,) = svg.xpath("./use")
        assert use.get("href", "").removeprefix("#") in stored
    (store,) = tree.xpath("//svg[@class='picture-store']")
    assert store.get("aria-hidden") == "true" and store.get("width") == "0"
    # The page's checks read the pictures as the page shows them: every point has one, described.
    from accessconv.formats.easy_read.checking import check
    from easy_read_builders import failing as failed
    from easy_read_builders import profile

    results = check(written, profile())
    assert not failed(results, "easyread.pictures") and not failed(results, "html.img-alt")


def test_a_stored_picture_without_a_name_fails_on_the_page(tmp_path):
    from accessconv.formats.easy_read.checking import check
    from easy_read_builders import failing as failed
    from easy_read_builders import profile

    written = _page(tmp_path)
    page = written.read_text(encoding="utf-8")
    written.write_text(re.sub(r' aria-label="[^"]*"', "", page, count=1), encoding="utf-8")
    found = failed(check(written, profile()), "html.img-alt")
    assert found and found[0].status == "error"
