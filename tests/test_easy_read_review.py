"""Regressions found in review: awkward drafts in Easy Read, asserted on the written files."""

from __future__ import annotations

from pathlib import Path

from accessconv.pipeline import ConversionResult, convert


def _convert(tmp_path: Path, text: str) -> ConversionResult:
    draft = tmp_path / "draft.md"
    draft.write_text(text, encoding="utf-8")
    return convert(draft, ["easy-read"], tmp_path / "out")


def _docx_text(result: ConversionResult) -> str:
    import docx

    word = next(p for p in result.written if p.suffix == ".docx")
    d = docx.Document(str(word))
    cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in d.paragraphs] + cells)


def test_a_footnote_in_a_table_cell_is_not_lost(tmp_path: Path) -> None:
    result = _convert(
        tmp_path,
        "# Help at home\n\n| Service | Cost |\n|---|---|\n| Meals[^1] | 5 pounds |\n\n"
        "[^1]: Meals come to your door.\n",
    )
    assert "Meals come to your door." in _docx_text(result)
    html = next(p for p in result.written if p.name.endswith("-easy-read.html")).read_text("utf-8")
    assert "Meals come to your door." in html
    assert any("Footnote 1" in change for o in result.outputs for change in o.changes)


def test_a_footnote_in_a_table_cell_is_listed_when_notes_are_not_folded(tmp_path: Path) -> None:
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    (profiles / "easy-read-nofold.toml").write_text(
        'extends = "easy-read"\ndefault = false\noutput_suffix = "-nofold"\n\n'
        "[settings.language]\nfold_footnotes = false\n",
        encoding="utf-8",
    )
    draft = tmp_path / "draft.md"
    draft.write_text(
        "# Help at home\n\n| Service | Cost |\n|---|---|\n| Meals[^1] | 5 pounds |\n\n"
        "[^1]: Meals come to your door.\n",
        encoding="utf-8",
    )
    result = convert(draft, ["easy-read-nofold"], tmp_path / "out", profiles_dirs=[profiles])
    review = next(p for p in result.written if p.name.endswith("-review.html")).read_text("utf-8")
    assert "Meals come to your door." in review


def test_a_picture_without_alt_text_is_named_plainly_in_the_changes(tmp_path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (20, 20), "white").save(tmp_path / "pic.png")
    result = _convert(tmp_path, "# Help at home\n\nWe help you.\n\n![](pic.png)\n\nWe visit you.\n")
    picture = [c for o in result.outputs for c in o.changes if "picture" in c and "Easy Read version" in c]
    assert picture and "''" not in picture[0] and "no alt text" in picture[0]


def test_the_shortest_section_scored_for_reading_ease_comes_from_the_profile(tmp_path: Path) -> None:
    from accessconv.formats.easy_read.checks import check_easy_read_file
    from easy_read_builders import good_document, point, profile, write_all

    easy = good_document()
    # 9 long words: below the built-in profile's 10-word minimum, so the section is not scored.
    hard = "Organisational transformation necessitates comprehensive consideration. "
    hard += "Commissioning arrangements prioritise sustainability."
    easy.sections[0].points = [point(hard, "p")]
    html = write_all(easy, tmp_path)["html"]

    def section_warnings(prof) -> list[str]:
        found = [r for r in check_easy_read_file(html, prof) if r.id == "easyread.readability"]
        return [r.message for r in found if "section's reading ease" in r.message]

    assert not section_warnings(profile())
    assert section_warnings(profile(section_reading_ease_min_words=5))


def _pictures_check(path: Path):
    from accessconv.formats.easy_read.checks import check_easy_read_file
    from easy_read_builders import profile

    return [r for r in check_easy_read_file(path, profile()) if r.id == "easyread.pictures"]


def _good(tmp_path: Path) -> dict[str, Path]:
    from easy_read_builders import good_document, write_all

    return write_all(good_document(), tmp_path)


def _edit_docx_body(path: Path, change) -> None:
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    change(root)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _first_point_row(root):
    return next(tr for tr in root.iter(f"{W}tr") if list(tr.iter(f"{W}drawing")))


def test_a_picture_on_the_right_of_the_text_fails_in_word(tmp_path: Path) -> None:
    paths = _good(tmp_path)
    assert {r.status for r in _pictures_check(paths["docx"])} == {"pass"}

    def move_picture_to_text_cell(root) -> None:
        left, right = _first_point_row(root).findall(f"{W}tc")[:2]
        run = next(r for r in left.iter(f"{W}r") if r.find(f"{W}drawing") is not None)
        right.findall(f"{W}p")[-1].append(run)

    _edit_docx_body(paths["docx"], move_picture_to_text_cell)
    found = [r for r in _pictures_check(paths["docx"]) if r.status == "error"]
    assert found and "picture goes on the left" in found[0].message


def test_three_pictures_in_a_point_is_a_warning_in_word(tmp_path: Path) -> None:
    import copy

    paths = _good(tmp_path)

    def add_two_pictures(root) -> None:
        left = _first_point_row(root).find(f"{W}tc")
        para = next(p for p in left.iter(f"{W}p") if p.find(f".//{W}drawing") is not None)
        para.addnext(copy.deepcopy(para))
        para.addnext(copy.deepcopy(para))

    _edit_docx_body(paths["docx"], add_two_pictures)
    found = [r for r in _pictures_check(paths["docx"]) if r.status == "warning"]
    assert found and "3 pictures" in found[0].message


def test_a_picture_inside_the_text_fails_on_the_web_page(tmp_path: Path) -> None:
    import re

    paths = _good(tmp_path)
    html = paths["html"].read_text(encoding="utf-8")
    # Move the first point's picture to the end of its text column.
    moved, n = re.subn(
        r'(<li class="point">)(<svg class="picture"[^>]*>.*?</svg>)'
        r'(<div class="point-text">.*?)(</div></li>)',
        r"\1\3\2\4",
        html,
        count=1,
        flags=re.S,
    )
    assert n == 1
    paths["html"].write_text(moved, encoding="utf-8")
    found = [r for r in _pictures_check(paths["html"]) if r.status == "error"]
    assert found and "picture goes on the left" in found[0].message


def test_a_draft_that_is_only_a_picture_gets_an_accurate_message(tmp_path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (20, 20), "white").save(tmp_path / "pic.png")
    result = _convert(tmp_path, "![A chart of staff numbers](pic.png)\n")
    found = [
        c for o in result.outputs for c in o.checks if c.id == "easyread.readability" and c.status == "error"
    ]
    assert (
        found and "no points to read" in found[0].message and "headings but no text" not in found[0].message
    )


def test_a_number_written_as_a_word_is_flagged(tmp_path: Path) -> None:
    from accessconv.formats.easy_read.checks import check_easy_read_file
    from easy_read_builders import good_document, point, profile, write_all

    easy = good_document()
    easy.sections[0].points[0] = point("We will visit you three times.", "p")
    paths = write_all(easy, tmp_path)
    for kind in ("docx", "html"):
        found = [r for r in check_easy_read_file(paths[kind], profile()) if r.id == "easyread.numbers"]
        assert {r.status for r in found} == {"warning"}
        assert "'three'" in found[0].message
    # "one" is not a number word here ("no one", "one of us"), and "two-way" is a word of its own.
    easy.sections[0].points[0] = point("No one needs a two-way radio.", "p")
    (tmp_path / "ok").mkdir()
    html = write_all(easy, tmp_path / "ok")["html"]
    assert {r.status for r in check_easy_read_file(html, profile()) if r.id == "easyread.numbers"} == {"pass"}


def test_a_point_with_several_review_rows_is_anchored_once(tmp_path: Path) -> None:
    """Two things to check on one point: the review sheet links to the point once (unique ids)."""
    import re

    from accessconv.formats.easy_read.language.model import ReviewItem
    from easy_read_builders import good_document, write_all

    easy = good_document()
    first = easy.sections[0].points[0]
    first.id = "p-0000abcd"
    easy.review += [
        ReviewItem("long-sentence", "A long sentence.", first.where, point=first.id),
        ReviewItem("hard-word", "hourly", first.where, point=first.id),
    ]
    review = write_all(easy, tmp_path)["review"].read_text(encoding="utf-8")
    ids = re.findall(r'\bid="([^"]+)"', review)
    assert ids.count("review-p-0000abcd") == 1
    assert len(ids) == len(set(ids))
