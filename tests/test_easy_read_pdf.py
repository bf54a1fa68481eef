"""The Easy Read PDF (Typst): the same Easy Read document as the Word file and web page, laid out
picture left and text right, tagged, and checked by reading the PDF back."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from accessconv.formats import easy_read
from accessconv.formats.easy_read import plugin as er
from accessconv.formats.easy_read.checks import check_easy_read_file, read_pdf
from accessconv.formats.easy_read.pdf_writer import write_pdf
from accessconv.formats.easy_read.symbols import add_pictures
from easy_read_builders import failing, good_document, passing, profile


def _write(folder: Path, easy=None, prof=None) -> Path:
    easy = easy or good_document()
    prof = prof or profile()
    symbol_set = add_pictures(easy, prof.settings.pictures, None)
    cover = er.cover_picture(easy, symbol_set, prof.settings.pictures)
    path = folder / "plan-easy-read.pdf"
    write_pdf(easy, prof.settings, cover, path)
    return path


@pytest.fixture(scope="module")
def good_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write(tmp_path_factory.mktemp("er-pdf"))


def test_good_document_passes_every_pdf_and_easy_read_check(good_pdf: Path) -> None:
    results = check_easy_read_file(good_pdf, profile())
    ids = {r.id for r in results}
    assert {"pdf.text-size", "pdf.tagged", "pdf.page-numbers", "easyread.pictures", "easyread.credit"} <= ids
    problems = [f"{r.id}: {r.message}" for r in results if r.status in ("error", "warning")]
    assert problems == []


def test_the_pdf_reads_back_as_the_same_points(good_pdf: Path) -> None:
    prof = profile()
    back = read_pdf(good_pdf, prof.checks, prof.settings.layout)
    assert back is not None and back.kind == "pdf"
    assert back.title == "Our plan for care workers"
    assert [s.heading for s in back.sections] == ["About this plan", "Money", "Tell us what you think"]
    points = back.points
    assert len(points) == 6
    assert points[3].lines == [
        "We will work with a group in co-production.",
        "Co-production means we work as a team.",
    ]
    assert points[3].bold == ["co-production"]
    assert all(p.picture_alt for p in points) and all(p.pictures_in_text == 0 for p in points)
    assert back.hard_words == {"co-production": "People and the council working together as equals."}
    assert back.credit.startswith(prof.settings.layout.credit_label)
    assert back.estimated_pages is not None and back.estimated_pages >= 2  # cover, then the points


def test_pictures_are_on_the_left_of_the_text(good_pdf: Path) -> None:
    from pypdf import PdfReader

    from accessconv.checks.pdf_text import text_runs

    lay = profile().settings.layout
    column_pt = (lay.margin_cm + lay.picture_cm) / 2.54 * 72
    runs = [r for r in text_runs(PdfReader(str(good_pdf))) if r.page == 2 and "care workers more" in r.text]
    assert runs and all(r.x > column_pt for r in runs)


def test_the_credit_is_at_the_foot_of_the_cover_never_alone_at_the_end(good_pdf: Path) -> None:
    from pypdf import PdfReader

    from accessconv.checks.pdf_text import text_runs

    label = profile().settings.layout.credit_label
    reader = PdfReader(str(good_pdf))
    runs = list(text_runs(reader))
    credit = [r for r in runs if r.text.startswith(label)]
    assert [r.page for r in credit] == [1]
    title = next(r for r in runs if r.page == 1)
    assert credit[0].y < title.y  # below the title, at the foot of the page
    last = len(reader.pages)
    assert last > 1 and any(r.page == last and not r.text.startswith(label) for r in runs)


def test_the_structure_tree_has_headings_figures_with_alt_and_list_items(good_pdf: Path) -> None:
    from pypdf import PdfReader

    from accessconv.checks.pdf import structure
    from accessconv.checks.pdf_text import text_runs

    reader = PdfReader(str(good_pdf))
    root = structure(reader, list(text_runs(reader)))
    assert root is not None
    kinds = [n.kind for n in root.walk()]
    assert kinds.count("H1") == 1 and kinds.count("H2") == 4  # three sections and Hard words
    assert kinds.count("LI") == 6 and "P" in kinds
    figures = [n for n in root.walk() if n.kind == "Figure"]
    assert len(figures) == 7 and all(f.alt for f in figures)  # the cover and six points


def test_a_point_without_a_picture_is_reported_from_the_pdf(tmp_path: Path) -> None:
    easy = good_document()
    prof = profile()
    # No symbol matches: a placeholder for a person to fill.
    prof = dataclasses.replace(
        prof,
        settings=dataclasses.replace(
            prof.settings, pictures=dataclasses.replace(prof.settings.pictures, show_weak=False)
        ),
    )
    path = tmp_path / "gap.pdf"
    symbol_set = add_pictures(easy, prof.settings.pictures, None)
    easy.sections[0].points[0].picture = None
    cover = er.cover_picture(easy, symbol_set, prof.settings.pictures)
    write_pdf(easy, prof.settings, cover, path)
    results = check_easy_read_file(path, prof)
    gaps = failing(results, "easyread.pictures")
    assert gaps and "no picture yet" in gaps[0].message
    # The gap is empty: no placeholder words are printed for a reader (as in the Word file).
    from pypdf import PdfReader

    from accessconv.checks.pdf_text import text_runs

    printed = " ".join(run.text for run in text_runs(PdfReader(str(path))))
    assert "to be added" not in printed.lower()
    assert not failing(results, "easyread.placeholders")


def test_long_sentences_are_found_in_the_pdf(tmp_path: Path) -> None:
    from easy_read_builders import point

    easy = good_document()
    easy.sections[0].points.append(
        point(
            "We will meet with every care worker and every family in the borough to talk about the plan.",
            "section 1, point 3",
        )
    )
    path = _write(tmp_path, easy)
    results = check_easy_read_file(path, profile())
    assert failing(results, "easyread.sentence-length")
    assert passing(results, "pdf.tagged")


def test_convert_writes_the_easy_read_pdf(tmp_path: Path) -> None:
    from accessconv.pipeline import convert
    from builders import png_bytes  # noqa: F401  (the shared builders import cleanly)

    src = tmp_path / "plan.md"
    src.write_text("# Our plan\n\nWe will pay care workers more money.\n", encoding="utf-8")
    result = convert(src, ["easy-read"], tmp_path / "out")
    names = sorted(p.name for p in result.written)
    assert "plan-easy-read.pdf" in names
    pdf = next(o for o in result.outputs if o.path.suffix == ".pdf")
    assert {c.id for c in pdf.checks} >= {"pdf.tagged", "easyread.pictures"}
    convert(src, ["easy-read"], tmp_path / "again")
    first = (tmp_path / "out" / "plan-easy-read.pdf").read_bytes()
    assert first == (tmp_path / "again" / "plan-easy-read.pdf").read_bytes()


def test_a_profile_can_turn_the_pdf_off(tmp_path: Path) -> None:
    assert easy_read.OUTPUTS[1] == ".pdf"
    prof = profile()
    off = dataclasses.replace(
        prof,
        settings=dataclasses.replace(
            prof.settings, pdf=dataclasses.replace(prof.settings.pdf, write_pdf=False)
        ),
    )
    from accessconv import model as m

    doc = m.Document("Plan", "en-GB", [m.Paragraph([m.Text("We will pay care workers more money.")])])
    written = er.write(doc, off, tmp_path, "plan")
    assert not any(p.suffix == ".pdf" for p in written.paths)


def test_a_list_in_a_point_is_a_tagged_list_in_the_pdf(tmp_path: Path) -> None:
    from pypdf import PdfReader

    from accessconv.checks.pdf import structure
    from accessconv.checks.pdf_text import text_runs
    from easy_read_builders import with_list

    easy = good_document()
    with_list(easy)
    path = _write(tmp_path, easy)
    reader = PdfReader(str(path))
    root = structure(reader, list(text_runs(reader)))
    assert root is not None
    first = next(n for n in root.walk() if n.kind == "LI")
    inner = [n for n in first.walk() if n.kind == "LI" and n is not first]
    # Each item an LI: its bullet in the label (Lbl), its words in the body.
    assert [[c.kind for c in n.children] for n in inner] == [["Lbl", "LBody"]] * 4
    assert [n.children[0].text().strip() for n in inner] == ["•"] * 4
    assert [" ".join(n.children[1].text().split()) for n in inner] == [
        "Easy Read.",
        "Large print.",
        "Braille.",
        "Audio.",
    ]
    # Reading order: the lead, the items, then the explanation.
    text = " ".join(first.text().split())
    assert text.index("You can get this in:") < text.index("Audio.") < text.index("Braille is writing")
    prof = profile()
    back = read_pdf(path, prof.checks, prof.settings.layout)
    assert back is not None
    assert back.points[0].items == [False, True, True, True, True, False]
    assert passing(check_easy_read_file(path, prof), "easyread.point-length")


def test_a_postcode_and_a_phone_number_never_break_across_lines(tmp_path: Path) -> None:
    """The Easy Read PDF once printed "… Town Hall, Moorfield, MF2" and "7XY." on the next line."""
    from pypdf import PdfReader

    from accessconv.pipeline import convert

    draft = tmp_path / "visits.md"
    draft.write_text(
        "# Home visits\n\n## Contact us\n\n"
        "Phone the Wellbeing Team on 01632 960 321 or write to Wellbeing Team, Town Hall, Moorfield, "
        "MF2 7XY.\n",
        encoding="utf-8",
    )
    convert(draft, ["easy-read"], tmp_path / "out")
    pdf = next((tmp_path / "out").rglob("*-easy-read.pdf"))
    lines = [
        " ".join(line.split()) for page in PdfReader(pdf).pages for line in page.extract_text().splitlines()
    ]
    assert any("MF2 7XY" in line for line in lines), lines
    assert any("01632 960 321" in line for line in lines), lines
