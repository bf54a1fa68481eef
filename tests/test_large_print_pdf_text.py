"""The PDF text reader behind pdf.text-size (checks/pdf_text.py): every character's printed size,
including text scaled by transformations and text inside form XObjects, agrees with pdfminer.six."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from accessconv.checks.pdf import check_pdf
from accessconv.checks.pdf_text import text_runs
from accessconv.profiles import load
from large_print_builders import helvetica


def _weasy(path: Path, body: str) -> Path:
    from weasyprint import HTML

    page = (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Sizes</title><style>'
        "@page { size: A4; margin: 2cm } body { font-family: 'Liberation Sans'; font-size: 18pt }"
        f"</style></head><body>{body}</body></html>"
    )
    HTML(string=page).write_pdf(path, pdf_variant="pdf/ua-1", pdf_identifier=b"test")
    return path


def _raw_pdf(path: Path, content: bytes) -> Path:
    """A one-page PDF whose content stream is exactly `content`, with Helvetica as /F1."""
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): helvetica()})}
    )
    stream = DecodedStreamObject()
    stream.set_data(content)
    page.replace_contents(stream)
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def _pdfminer_sizes(path: Path) -> Counter:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar

    def walk(obj):
        if isinstance(obj, LTChar):
            yield obj
        elif hasattr(obj, "__iter__"):
            for child in obj:
                yield from walk(child)

    found: Counter = Counter()
    for number, page in enumerate(extract_pages(str(path), laparams=None), start=1):
        for char in walk(page):
            if char.get_text().strip():
                found[(number, round(char.size, 2), char.get_text())] += 1
    return found


def _our_sizes(path: Path) -> Counter:
    found: Counter = Counter()
    for run in text_runs(PdfReader(str(path))):
        for char in run.text:
            if char.strip():
                found[(run.page, round(run.size, 2), char)] += 1
    return found


def test_sizes_and_text_match_pdfminer(tmp_path: Path) -> None:
    body = (
        "<h1>Plan (draft)</h1><p>Body text at 18 pt, with <strong>bold</strong> and £ signs.</p>"
        '<p style="font-size: 10pt">Ten point small print.</p>'
        '<div style="transform: scale(0.5); transform-origin: 0 0">Scaled to half</div>'
        '<div style="opacity: 0.5"><span style="font-size: 12pt">Faded twelve</span></div>'
        '<ul><li>One</li><li>Two</li></ul><p style="page-break-before: always">Page two</p>'
    )
    path = _weasy(tmp_path / "mixed.pdf", body)
    ours = _our_sizes(path)
    assert ours == _pdfminer_sizes(path)
    sizes = {size for _page, size, _char in ours}
    assert {9.0, 10.0, 12.0, 18.0} <= sizes  # 18 pt scaled by 0.5 prints at 9 pt
    assert {page for page, _size, _char in ours} == {1, 2}


def test_scaled_text_fails_the_size_check(tmp_path: Path) -> None:
    body = '<p>Fine.</p><div style="transform: scale(0.6); transform-origin: 0 0">Shrunk 18 pt text</div>'
    results = check_pdf(_weasy(tmp_path / "scaled.pdf", body), load("large-print").checks)
    size = next(r for r in results if r.id == "pdf.text-size")
    assert size.status == "error" and "10.8 pt" in size.message


def test_text_in_a_form_xobject_is_read(tmp_path: Path) -> None:
    body = '<p>Fine.</p><div style="opacity: 0.5"><span style="font-size: 11pt">Faded small</span></div>'
    path = _weasy(tmp_path / "faded.pdf", body)
    assert b"/Form" in path.read_bytes()
    results = check_pdf(path, load("large-print").checks)
    size = next(r for r in results if r.id == "pdf.text-size")
    assert size.status == "error" and "11 pt" in size.message


def test_content_stream_syntax(tmp_path: Path) -> None:
    content = (
        b"% a comment (with a bracket\n"
        b"BT /F1 24 Tf 1 0 0 1 50 700 Tm (Say \\(hi\\) (nested (deep)) \\101\\n) Tj ET\n"
        b"q 0.5 0 0 0.5 0 0 cm BT /F1 36 Tf 100 100 Td [(A) -100 (B)] TJ ET Q\n"
        b"BI /W 1 /H 1 /CS /G /BPC 8 ID \xff( EI\n"
        b"BT /F1 20 Tf 0 1 -1 0 300 300 Tm <48 69> Tj T* (x) ' 1 2 (y) \" ET\n"
        b"BT /F1 20 Tf 1 0 0 1 0 0 Tm 3 Tr (   ) Tj ET\n"
    )
    runs = list(text_runs(PdfReader(str(_raw_pdf(tmp_path / "raw.pdf", content)))))
    assert [(r.text, round(r.size, 2)) for r in runs] == [
        ("Say (hi) (nested (deep)) A\n", 24.0),
        ("AB", 18.0),  # 36 pt under a half-size cm
        ("Hi", 20.0),  # rotated a quarter turn: still 20 pt tall
        ("x", 20.0),
        ("y", 20.0),
        ("   ", 20.0),
    ]
    assert {r.font for r in runs} == {"/Helvetica"}


def test_small_text_in_a_hand_made_pdf_fails(tmp_path: Path) -> None:
    path = _raw_pdf(tmp_path / "small.pdf", b"BT /F1 8 Tf 72 700 Td (Terms apply) Tj ET")
    size = next(r for r in check_pdf(path, load("large-print").checks) if r.id == "pdf.text-size")
    assert size.status == "error" and "8 pt" in size.message and "Termsapply" in size.where


def test_literal_strings_read_fast_and_slow_alike() -> None:
    # The C decoder's fast path (Typst escapes every byte of its glyph codes) must read every
    # escape exactly as the PDF rules do: compared with the plain reader on random strings.
    import random

    from accessconv.checks.pdf_text import _literal, _literal_slow

    rng = random.Random(15)
    alphabet = [b"\\", b"(", b")", b"n", b"r", b"t", b"b", b"f", b"0", b"1", b"7", b"8", b"a", b"x", b"v"]
    alphabet += [b"\n", b"\r", b"'", b'"', b"A"]
    for _ in range(20_000):
        raw = b"".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert _literal(raw) == _literal_slow(raw), raw
    assert _literal(b"\\000\\032\\(\\)\\\\") == b"\x00\x1a()\\"
