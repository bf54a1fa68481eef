"""The Typst PDFs treat the draft as untrusted: Typst syntax in a draft prints literally, the
compiler reads only the pictures and fonts we hand it, and the same input gives the same bytes."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from accessconv import model as m
from accessconv.errors import OutputError
from accessconv.formats.large_print.typst_writer import write_pdf
from accessconv.profiles import load
from accessconv.typeset import Pictures, compile_pdf, string, text

FONTS = load("large-print").settings.pdf_font_files


def _pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return " ".join(out.stdout.decode("utf-8").split())


def _write(tmp_path: Path, *paragraphs: str, title: str = "Safe") -> Path:
    doc = m.Document(title, "en-GB", [m.Heading(1, [m.Text(title)])])
    doc.blocks += [m.Paragraph([m.Text(p)]) for p in paragraphs]
    path = tmp_path / "out.pdf"
    write_pdf(doc, doc.blocks, load("large-print").settings, path)
    return path


@pytest.mark.parametrize(
    "draft_text",
    [
        "Costs #rise by 10# each year",
        "We pay $5 and $x^2$ in math",
        "Email @housing or see @fig:one",
        "A <label> and <script>alert(1)</script>",
        '#import "@preview/cetz:0.3.0": *',
        '#read("/etc/passwd")',
        '#image("/etc/hostname")',
        '"); #read("/etc/passwd") //',
        "Back\\slash \\#, *bold* _under_ `raw` = heading - list + enum / term: ~ -- ... 'q' \"q\"",
        "/* comment */ // line comment [brackets] {braces}",
    ],
)
def test_typst_syntax_in_a_draft_prints_literally(tmp_path: Path, draft_text: str) -> None:
    path = _write(tmp_path, draft_text)
    printed = _pdf_text(path)
    assert " ".join(draft_text.split()) in printed
    assert "root:" not in printed  # nothing of /etc/passwd


def test_a_title_with_typst_syntax_is_kept_as_text(tmp_path: Path) -> None:
    from pypdf import PdfReader

    title = '#read("/etc/passwd") $x$ "quoted"'
    path = _write(tmp_path, "Body.", title=title)
    assert PdfReader(str(path)).metadata.title == title


def test_strings_escape_quotes_backslashes_and_control_characters() -> None:
    import json

    import typst

    for value in ['a"b', "a\\b", "line\nbreak", 'end\\"', "nul\x00bell\x07"]:
        literal = string(value)
        assert "\x00" not in literal and "\x07" not in literal
        expected = value.replace("\x00", "").replace("\x07", "")
        assert json.loads(typst.eval(b"", literal, format="json")) == expected
    assert text("x").startswith("#") and text("x").endswith(";")  # a field access cannot follow


def test_the_compiler_cannot_read_files_from_disk() -> None:
    # Even markup we did not escape (a bug in a writer) reaches nothing outside the compile's folder.
    for markup in ('#read("/etc/passwd")', '#image("/etc/hostname")', '#read("../../../../etc/passwd")'):
        with pytest.raises(OutputError):
            compile_pdf(f'#set document(title: "t")\n{markup}\n', Pictures(), FONTS, None)


def test_the_compiler_cannot_fetch_packages() -> None:
    with pytest.raises(OutputError):
        compile_pdf('#import "@preview/cetz:0.3.0": *\nHello', Pictures(), FONTS, None)


def test_the_compiler_reads_only_the_pictures_it_is_given(tmp_path: Path) -> None:
    from builders import png_bytes

    pictures = Pictures()
    name = pictures.add(png_bytes(), "image/png")
    source = f'#set document(title: "t")\n#image("{name}", alt: "a chart")\n'
    pdf, _ = compile_pdf(source, pictures, FONTS, "ua-1")
    assert pdf.startswith(b"%PDF")
    with pytest.raises(OutputError):  # a name we did not pass
        compile_pdf('#set document(title: "t")\n#image("picture-2.png", alt: "x")', pictures, FONTS, None)


def test_only_the_profile_fonts_are_embedded(tmp_path: Path) -> None:
    # Typst's own bundled fonts (a serif, a maths font) are not offered: asking for one falls back.
    source = (
        '#set document(title: "t")\n#set text(font: "Liberation Sans")\n'
        'A #text(font: "New Computer Modern")[B]'
    )
    pdf, _ = compile_pdf(source, Pictures(), FONTS, None)
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    names = [line.split()[0] for line in fonts.splitlines()[2:]]
    assert names and all("LiberationSans" in n for n in names)


def test_a_missing_font_file_is_a_clear_error() -> None:
    with pytest.raises(OutputError, match="font file"):
        compile_pdf("Hello", Pictures(), ["/nonexistent/font.ttf"], None)


def test_same_input_gives_identical_pdf_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _write(tmp_path, "Same words.").read_bytes()
    second = _write(tmp_path, "Same words.").read_bytes()
    assert first == second
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    dated = _write(tmp_path, "Same words.").read_bytes()
    assert dated != first and b"D:20260101" in dated


def test_a_character_the_font_lacks_still_gives_a_tagged_pdf(tmp_path: Path) -> None:
    from pypdf import PdfReader

    doc = m.Document("Symbols", "en-GB", [m.Heading(1, [m.Text("Symbols")]), m.Paragraph([m.Text("月 ✓")])])
    path = tmp_path / "symbols.pdf"
    notes = write_pdf(doc, doc.blocks, load("large-print").settings, path)
    assert any("does not claim" in n for n in notes)
    assert "/StructTreeRoot" in PdfReader(str(path)).trailer["/Root"]


def test_a_process_forked_after_typst_ran_still_makes_pdfs(tmp_path: Path) -> None:
    # Typst keeps threads and locks once it has run; a forked child (a batch worker) must not
    # wait for ever on them: it compiles in a fresh process instead.
    import multiprocessing

    _write(tmp_path, "Before the fork.")  # Typst has run in this process
    ctx = multiprocessing.get_context("fork")
    child = ctx.Process(target=_write, args=(tmp_path / "child",), kwargs={"title": "Child"})
    (tmp_path / "child").mkdir()
    child.start()
    child.join(120)
    alive = child.is_alive()
    if alive:
        child.kill()
    assert not alive and child.exitcode == 0
    assert (tmp_path / "child" / "out.pdf").read_bytes().startswith(b"%PDF")
