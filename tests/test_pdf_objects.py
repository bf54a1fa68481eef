"""The PDF checks read the structure tree once, with pdf_objects reading the plain objects straight
from the file: the tree must be exactly what pypdf reads, on our Typst PDFs and on WeasyPrint's, and
a damaged file must still give check results, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from accessconv import model as m
from accessconv.checks import pdf_objects
from accessconv.checks.pdf import check_pdf, open_pdf, structure
from accessconv.checks.pdf_objects import Ref, parse_value
from accessconv.checks.pdf_text import text_runs
from accessconv.formats.large_print.typst_writer import write_pdf
from accessconv.profiles import load
from easy_read_builders import profile as easy_read_profile


def _typst_pdf(folder: Path) -> Path:
    doc = m.Document("Parks plan", "en-GB", [m.Heading(1, [m.Text("Parks plan")])])
    doc.blocks += [
        m.Paragraph([m.Text("Our parks are "), m.Styled("strong", [m.Text("busy")]), m.Text(".")]),
        m.ListBlock(
            False, [[m.Paragraph([m.Text("Spring (the busiest)")])], [m.Paragraph([m.Text("Summer")])]]
        ),
        m.Table(
            [m.Row([m.Cell([m.Paragraph([m.Text("Season")])]), m.Cell([m.Paragraph([m.Text("Visits")])])])],
            [m.Row([m.Cell([m.Paragraph([m.Text("Spring")])]), m.Cell([m.Paragraph([m.Text("12,000")])])])],
            caption=[m.Text("Visits by season")],
        ),
    ]
    path = folder / "parks-large-print.pdf"
    write_pdf(doc, doc.blocks, load("large-print").settings, path)
    return path


def _weasy_pdf(folder: Path) -> Path:
    from weasyprint import HTML

    page = (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Parks</title></head>'
        "<body><h1>Parks</h1><p>Busy (very) parks.</p><img alt='A map' src='data:image/png;base64,"
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='>"
        "<table><thead><tr><th>Season</th></tr></thead><tbody><tr><td>Spring</td></tr></tbody></table>"
        "</body></html>"
    )
    path = folder / "weasy.pdf"
    HTML(string=page).write_pdf(path, pdf_variant="pdf/ua-1", pdf_identifier=b"test")
    return path


def _tree_both_ways(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    reader = PdfReader(str(path))
    runs = list(text_runs(reader))
    fast = structure(reader, runs)

    def pypdf_only(self: pdf_objects.Objects, idnum: int) -> object:
        raise pdf_objects._NotPlain

    with monkeypatch.context() as patch:
        patch.setattr(pdf_objects.Objects, "_parse", pypdf_only)
        slow = structure(PdfReader(str(path)), runs)
    return fast, slow


@pytest.mark.parametrize("make", [_typst_pdf, _weasy_pdf])
def test_the_tree_is_what_pypdf_reads(make, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, slow = _tree_both_ways(make(tmp_path), monkeypatch)
    assert fast is not None and fast == slow
    kinds = [n.kind for n in fast.walk()]  # type: ignore[attr-defined]
    assert "H1" in kinds and "TH" in kinds and "P" in kinds


def test_the_tree_carries_text_and_alt(tmp_path: Path) -> None:
    path = _weasy_pdf(tmp_path)
    reader = PdfReader(str(path))
    tree = structure(reader, list(text_runs(reader)))
    assert tree is not None
    figures = [n for n in tree.walk() if n.kind == "Figure"]
    assert [f.alt for f in figures] == ["A map"]
    assert any(" ".join(n.text().split()) == "Busy (very) parks." for n in tree.walk() if n.kind == "P")


def test_plain_values_are_read_as_pypdf_reads_them() -> None:
    source = (
        b"<</S/P/Alt(A \\(small\\) map\\051)/Hex<FEFF0041>/K[0 1 12 0 R]/Pg 5 0 R"
        b"/N#20x 2.5/T true/Z null>>"
    )
    value, end = parse_value(source + b" endobj", 0)
    assert value == {
        "/S": "/P",
        "/Alt": "A (small) map)",
        "/Hex": "A",
        "/K": [0, 1, Ref(12, 0)],
        "/Pg": Ref(5, 0),
        "/N x": 2.5,
        "/T": True,
        "/Z": None,
    }
    assert end == len(source)
    assert parse_value(b" 7 0 R endobj", 0)[0] == Ref(7, 0)
    assert parse_value(b" 42 endobj", 0)[0] == 42


@pytest.mark.parametrize(
    "source",
    [
        b"<</Type/StructElem/S/H1/P 38 0 R/T(Parks plan)/K[0 12 0 R/X]/Pg 41 0 R/N -1.5>>",
        b"<</K[5 6 7 0 R]/A 1 0 R/A/B/C(x\\)y)/D[]>>",  # a later key wins; a reference after numbers
        b"<</K[/X5 0 R]>>",  # a name is never cut short to make a reference
        b"<</N-1.5>>",  # nor a key cut short to make a value
        b"<</N -1/5>>",  # an odd count
        b"<</A#20B 1>>",  # an escaped name: read token by token
        b"<</K 12 0 Rx>>",  # not a reference
        b"<</A[<</O/Table>>]/T(a (b) c)>>",  # a dictionary inside, brackets inside a string
        b"<</S/TH/A[<</O/Table/Scope/Column/Headers[]>><</O/Layout/BorderStyle/Solid>>]/K[2 0 R]>>",
        b"<</S/L/A<</O/List/ListNumbering/Circle>>/K[1 0 R]>>",
        b"<</A[<</B<</C 1>>>>]>>",  # nested deeper than attributes are
        b"<</K[" + b"123456789 " * 40,  # unfinished: refused at once, not after every split of the digits
    ],
)
def test_a_flat_dictionary_in_one_match_is_what_the_token_reader_gives(source: bytes) -> None:
    """Structure elements are read with one pattern when they are flat: the same value, or the
    same refusal, as reading them token by token."""

    def read(reader: Callable[[], object]) -> object:
        try:
            return reader()
        except pdf_objects._NotPlain:
            return "not plain"

    token_by_token = read(lambda: pdf_objects._ValueParser(source + b" endobj").parse(0))
    assert read(lambda: parse_value(source + b" endobj", 0)) == token_by_token


@pytest.mark.parametrize("bad", [b"<</S/P", b"<</S>>", b"[1 2>>", b"stream", b"<</K [R]>>"])
def test_what_is_not_a_plain_object_is_left_to_pypdf(bad: bytes) -> None:
    with pytest.raises(pdf_objects._NotPlain):
        parse_value(bad, 0)


def test_a_damaged_structure_element_still_gives_results(tmp_path: Path) -> None:
    path = _typst_pdf(tmp_path)
    data = path.read_bytes()
    # Break every structure element's dictionary: neither reader can read them now.
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(data.replace(b"/Type/StructElem", b"/Type/StructElem)]>>]"))
    results = check_pdf(broken, load("large-print").checks)
    tagged = [r for r in results if r.id == "pdf.tagged"]
    # A finding (the headings cannot be read any more), not a traceback or a pass.
    assert tagged and tagged[0].status in ("warning", "error")
    assert {r.id for r in results} >= {"pdf.text-size", "pdf.tagged", "pdf.page-size"}


def test_one_reading_serves_the_pdf_and_easy_read_checks_and_a_broken_file_fails(tmp_path: Path) -> None:
    from accessconv.formats.easy_read.checks import check_easy_read_file

    broken = tmp_path / "plan-easy-read.pdf"
    broken.write_bytes(b"%PDF-1.7\nthis is not a PDF at all\n")
    results = check_easy_read_file(broken, easy_read_profile())
    assert [(r.id, r.status) for r in results] == [("pdf.open", "error")]
    assert isinstance(open_pdf(broken, load("large-print").checks), type(results[0]))
