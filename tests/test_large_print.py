"""Large print and giant print: convert a draft with every block type and read the outputs back."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from accessconv.pipeline import ConversionResult, convert
from large_print_builders import every_block_draft

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return every_block_draft(tmp_path_factory.mktemp("draft"))


@pytest.fixture(scope="module")
def large(draft: Path, tmp_path_factory: pytest.TempPathFactory) -> ConversionResult:
    return convert(draft, ["large-print"], tmp_path_factory.mktemp("out"))


@pytest.fixture(scope="module")
def large_docx(large: ConversionResult) -> Path:
    return next(p for p in large.written if p.suffix == ".docx")


@pytest.fixture(scope="module")
def large_pdf(large: ConversionResult) -> Path:
    return next(p for p in large.written if p.suffix == ".pdf")


def _xml(docx_path: Path, part: str = "word/document.xml") -> str:
    import zipfile

    with zipfile.ZipFile(docx_path) as z:
        return z.read(part).decode("utf-8")


def _problems(result: ConversionResult) -> list[str]:
    return [
        f"{o.path.name}: {c.id}: {c.message} @ {c.where}"
        for o in result.outputs
        for c in o.checks
        if c.status in ("error", "warning")
    ]


def test_writes_docx_and_pdf_named_for_the_profile(large: ConversionResult) -> None:
    assert sorted(p.name for p in large.written) == [
        "parks-plan-large-print.docx",
        "parks-plan-large-print.pdf",
    ]


def test_every_check_passes_on_both_files(large: ConversionResult) -> None:
    assert _problems(large) == []
    ids = {c.id for o in large.outputs for c in o.checks}
    assert {"docx.text-size", "docx.italic", "docx.alignment", "pdf.text-size", "pdf.tagged"} <= ids


def test_wide_table_became_a_list_and_the_report_says_so(large: ConversionResult, large_docx: Path) -> None:
    import docx

    changes = " ".join(large.outputs[0].changes)
    assert "6 columns" in changes and "list" in changes
    d = docx.Document(str(large_docx))
    assert len(d.tables) == 1 and len(d.tables[0].columns) == 3
    texts = [p.text for p in d.paragraphs]
    assert "Park: Riverside" in texts and "Cafe: yes" in texts


def test_formatting_is_in_styles_not_runs(large_docx: Path) -> None:
    body = _xml(large_docx)
    styles = _xml(large_docx, "word/styles.xml")
    # No run carries its own size, font, italics or underline: the styles do it all.
    for tag in ("sz", "rFonts", "i", "u", "caps", "smallCaps", "vertAlign"):
        assert f"<w:{tag} " not in body and f"<w:{tag}/>" not in body, tag
    assert 'w:jc w:val="both"' not in body + styles
    normal = re.search(r'<w:style [^>]*w:styleId="Normal".*?</w:style>', styles, re.S).group(0)
    assert '<w:sz w:val="36"/>' in normal and 'w:ascii="Arial"' in normal
    heading1 = re.search(r'<w:style [^>]*w:styleId="Heading1".*?</w:style>', styles, re.S).group(0)
    assert '<w:sz w:val="56"/>' in heading1 and "<w:b/>" in heading1
    assert "Theme" not in normal + heading1  # theme fonts would override Arial
    settings = _xml(large_docx, "word/settings.xml")
    assert '<w:autoHyphenation w:val="0"/>' in settings


def test_emphasis_is_bold_and_raised_text_stays_on_the_line(large_docx: Path) -> None:
    import docx

    d = docx.Document(str(large_docx))
    para = next(p for p in d.paragraphs if p.text.startswith("Our parks"))
    styled = {r.text: r.style.name for r in para.runs}
    assert styled["well loved"] == "Strong" and styled["busy"] == "Strong"
    assert styled["worn out"] == "Strong" and styled["small capitals"] == "Strong"
    assert "5 m3 a day and CO2 is falling" in para.text


def test_structure_in_the_docx(large_docx: Path) -> None:
    import docx

    d = docx.Document(str(large_docx))
    styles = [(p.style.name, p.text) for p in d.paragraphs]
    assert styles[0] == ("Heading 1", "Parks and open spaces plan")
    assert ("Heading 2", "Why we need a plan") in styles and ("Heading 3", "What we found") in styles
    assert ("List Bullet", "Most people walk to their park.") in styles
    assert ("List Bullet 2", "Some people drive.") in styles
    assert ("List Number", "Fix the paths.") in styles
    assert ("Caption", "Visits to parks by season") in styles
    assert ("Quote", "We love our park, it is the heart of the estate.") in styles
    assert ("Definition Term", "Play area") in styles
    assert ("Preformatted Text", "Opening times:\n8am to dusk") in styles
    # Footnotes become a Notes section at body size, with the mark on the line.
    assert ("Heading 2", "Notes") in styles
    assert ("Endnote Text", "[1] 1,200 people answered the survey in 2026.") in styles
    assert any(
        text.endswith("plan.exe. [1] A line break follows.\nAnd this is the next line.")
        for _s, text in styles
    )
    # The numbered list starts at 3, as in the draft.
    numbering = _xml(large_docx, "word/numbering.xml")
    assert '<w:startOverride w:val="3"/>' in numbering


def test_table_header_row_link_picture_and_page_number(large_docx: Path) -> None:
    import docx

    body = _xml(large_docx)
    assert body.count("<w:tblHeader/>") == 1
    d = docx.Document(str(large_docx))
    header_cells = d.tables[0].rows[0].cells
    assert [c.paragraphs[0].style.name for c in header_cells] == ["Table Heading"] * 3
    assert d.tables[0].rows[1].cells[0].paragraphs[0].style.name == "Table Text"
    links = [r for r in d.part.rels.values() if r.reltype.endswith("/hyperlink")]
    assert [r.target_ref for r in links] == ["https://example.org/survey"]
    assert "<w:hyperlink " in body
    assert 'descr="A map of the borough with the twelve parks marked in green"' in body
    assert 'descr="the council logo"' in body
    assert "<wp:anchor" not in body
    widths = [int(x) for x in re.findall(r'<wp:extent cx="(\d+)"', body)]
    section = d.sections[0]
    assert max(widths) <= section.page_width - section.left_margin - section.right_margin
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    footer = _xml(large_docx, "word/footer1.xml") if "word/footer1.xml" in _names(large_docx) else ""
    assert "PAGE" in footer and "Page " in footer
    assert d.core_properties.title == "Parks and open spaces plan"
    assert d.core_properties.language == "en-GB"


def _names(path: Path) -> list[str]:
    import zipfile

    with zipfile.ZipFile(path) as z:
        return z.namelist()


def test_pdf_text_sizes_fonts_and_tags(large_pdf: Path) -> None:
    from pdfminer.high_level import extract_pages, extract_text
    from pdfminer.layout import LTChar, LTTextContainer
    from pypdf import PdfReader

    sizes = [
        ch.size
        for page in extract_pages(str(large_pdf))
        for box in page
        if isinstance(box, LTTextContainer)
        for line in box
        for ch in line
        if isinstance(ch, LTChar) and ch.get_text().strip()
    ]
    assert min(sizes) == pytest.approx(18, abs=0.05)
    assert max(sizes) == pytest.approx(28, abs=0.05)
    text = extract_text(str(large_pdf))
    for words in ("Parks and open spaces plan", "Park: Riverside", "Page 1", "[1]", "Notes"):
        assert words in text
    # The numbered list keeps its start number (Typst lays numbers out beside the items' text).
    assert re.search(r"3\.\s+4\.", text) or re.search(r"3\.\s+Fix the paths", text)
    assert "Fix the paths" in text
    reader = PdfReader(str(large_pdf))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB" and "/StructTreeRoot" in root
    assert reader.metadata.title == "Parks and open spaces plan"
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    fonts = subprocess.run(["pdffonts", str(large_pdf)], capture_output=True, text=True, check=True).stdout
    assert "LiberationSans" in fonts.replace("-", "") and " no " not in fonts.split("\n", 2)[2]


def test_pdf_figures_carry_alt_text(large_pdf: Path) -> None:
    from pypdf import PdfReader

    from accessconv.checks.pdf import structure

    tree = structure(PdfReader(str(large_pdf)), [])
    assert tree is not None
    elements = list(tree.walk())
    alts = {e.alt for e in elements if e.kind == "Figure"}
    assert "A map of the borough with the twelve parks marked in green" in alts
    assert any(e.kind == "TH" for e in elements)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is installed by scripts/setup.sh")
def test_pdf_page_renders_and_is_not_blank(large_pdf: Path, tmp_path: Path) -> None:
    from PIL import Image

    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(large_pdf), str(tmp_path / "page")],
        check=True,
    )
    (png,) = tmp_path.glob("page*.png")
    with Image.open(png) as img:
        grey = img.convert("L")
        dark = grey.histogram()[:128]
        dark = sum(dark)
        assert grey.size[1] > grey.size[0]  # portrait A4
        assert dark > 0.01 * grey.size[0] * grey.size[1]


def test_conversion_is_deterministic(draft: Path, large: ConversionResult, tmp_path: Path) -> None:
    again = convert(draft, ["large-print"], tmp_path / "again")
    for first, second in zip(large.written, again.written, strict=True):
        assert first.read_bytes() == second.read_bytes(), first.name


def test_giant_print_is_24_pt(draft: Path, tmp_path: Path) -> None:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextContainer

    result = convert(draft, ["giant-print"], tmp_path)
    assert sorted(p.name for p in result.written) == [
        "parks-plan-giant-print.docx",
        "parks-plan-giant-print.pdf",
    ]
    assert _problems(result) == []
    styles = _xml(result.written[0], "word/styles.xml")
    normal = re.search(r'<w:style [^>]*w:styleId="Normal".*?</w:style>', styles, re.S).group(0)
    assert '<w:sz w:val="48"/>' in normal
    pdf = result.written[1]
    sizes = {
        round(ch.size)
        for page in extract_pages(str(pdf), page_numbers=[0])
        for box in page
        if isinstance(box, LTTextContainer)
        for line in box
        for ch in line
        if isinstance(ch, LTChar)
    }
    assert min(sizes) == 24


def test_written_docx_with_a_hidden_small_run_fails(large_docx: Path, tmp_path: Path) -> None:
    import docx
    from docx.shared import Pt

    from accessconv.formats.large_print import plugin as large_print
    from accessconv.profiles import load

    d = docx.Document(str(large_docx))
    d.tables[0].rows[2].cells[1].paragraphs[0].add_run(" approx.").font.size = Pt(12)
    d.paragraphs[1].add_run(" really").italic = True
    broken = tmp_path / "broken.docx"
    d.save(str(broken))
    results = large_print.check(broken, load("large-print"))
    errors = {r.id for r in results if r.status == "error"}
    assert errors == {"docx.text-size", "docx.italic"}


def test_image_formats_word_cannot_show_are_converted(tmp_path: Path) -> None:
    from PIL import Image

    from accessconv import model as m
    from accessconv.formats.large_print import plugin as large_print
    from accessconv.profiles import load

    buf = io.BytesIO()
    Image.new("RGB", (50, 30), "red").save(buf, "WEBP")
    pic = m.Image("A red box", buf.getvalue(), "image/webp", width_px=50, height_px=30)
    doc = m.Document("Pictures", "en-GB", [m.Heading(1, [m.Text("Pictures")]), m.Figure(pic)])
    written = large_print.write(doc, load("large-print"), tmp_path, "pics")
    body = _xml(written.paths[0])
    assert 'descr="A red box"' in body and "<pic:pic" in body


def test_council_profile_can_choose_pale_yellow_paper_and_word_only(draft: Path, tmp_path: Path) -> None:
    """Settings come from the profile: a council's own profile extends ours and changes two keys."""
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "yellow-print.toml").write_text(
        'extends = "large-print"\ndescription = "Large print on pale yellow"\ndefault = false\n'
        'output_suffix = "-yellow"\n[settings]\nbackground_colour = "#FFFFE0"\nwrite_pdf = false\n'
    )
    result = convert(draft, ["yellow-print"], tmp_path / "out", profiles_dirs=[folder])
    assert [p.name for p in result.written] == ["parks-plan-yellow.docx"]
    assert '<w:background w:color="FFFFE0"/>' in _xml(result.written[0])
    assert "<w:displayBackgroundShape/>" in _xml(result.written[0], "word/settings.xml")
    assert _problems(result) == []


def test_spanned_cells_decorative_picture_and_lettered_list(tmp_path: Path) -> None:
    """Things Markdown cannot say, built straight in the model."""
    from accessconv import model as m
    from accessconv.formats.large_print import plugin as large_print
    from accessconv.profiles import load
    from large_print_builders import png_bytes

    def cell(text: str, rowspan: int = 1, colspan: int = 1) -> m.Cell:
        return m.Cell([m.Paragraph([m.Text(text)])], rowspan=rowspan, colspan=colspan)

    table = m.Table(
        head=[
            m.Row([cell("Area", rowspan=2), cell("Visits", colspan=2)]),
            m.Row([cell("2025"), cell("2026")]),
        ],
        body=[m.Row([cell("North"), cell("10"), cell("12")])],
        row_header_columns=1,
    )
    swirl = m.Image("", png_bytes(), "image/png", width_px=120, height_px=80, decorative=True)
    doc = m.Document(
        "Spans",
        "en-GB",
        [
            m.Heading(1, [m.Text("Spans")]),
            table,
            m.Figure(swirl),
            m.ListBlock(
                True, [[m.Paragraph([m.Text("First")])], [m.Paragraph([m.Text("Second")])]], 1, "lower-alpha"
            ),
        ],
    )
    profile = load("large-print")
    written = large_print.write(doc, profile, tmp_path, "spans")
    body = _xml(written.paths[0])
    assert body.count("<w:tblHeader/>") == 2
    assert '<w:gridSpan w:val="2"/>' in body and '<w:vMerge w:val="restart"/>' in body
    assert 'descr=""' in body and "decorative" in body
    assert '<w:numFmt w:val="lowerLetter"/>' in _xml(written.paths[0], "word/numbering.xml")
    for path in written.paths:
        problems = [f"{r.id}: {r.message}" for r in large_print.check(path, profile) if r.status != "pass"]
        assert problems == [], path.name
    # Linearising keeps spanned headings with their values.
    from accessconv.formats.large_print.prepare import linearise

    (lst,) = linearise(table)
    assert [m.plain_text(p.inlines) for p in lst.items[0]] == [
        "Area: North",
        "Visits 2025: 10",
        "Visits 2026: 12",
    ]


def test_picture_without_alt_text_is_reported_not_hidden(tmp_path: Path) -> None:
    from accessconv import model as m
    from accessconv.formats.large_print import plugin as large_print
    from accessconv.profiles import load
    from large_print_builders import png_bytes

    pic = m.Image("", png_bytes(), "image/png", width_px=120, height_px=80)
    doc = m.Document("Pictures", "en-GB", [m.Heading(1, [m.Text("Pictures")]), m.Figure(pic)])
    profile = load("large-print")
    written = large_print.write(doc, profile, tmp_path, "noalt")
    failed = {r.id for p in written.paths for r in large_print.check(p, profile) if r.status == "error"}
    assert failed == {"docx.images", "pdf.tagged"}


def test_word_table_rows_never_split_and_the_caption_is_the_table_title(large_docx: Path) -> None:
    xml = _xml(large_docx)
    rows = re.findall(r"<w:tr[ >].*?</w:tr>", xml, re.S)
    assert rows and all("<w:cantSplit/>" in row for row in rows)
    assert '<w:tblCaption w:val="Visits to parks by season"/>' in xml
    # The visible caption is kept too, in the Caption style, just above the table.
    assert re.search(r'w:val="Caption"/>.*?Visits to parks by season</w:t>.*?</w:p><w:tbl>', xml)


def test_word_leaves_a_gap_under_each_table(large_docx: Path) -> None:
    import docx

    from accessconv.profiles import load

    s = load("large-print").settings
    body = docx.Document(str(large_docx)).element.body
    after = [el.getnext() for el in body.iter(f"{W}tbl") if el.getparent() is body]
    assert after
    for p in after:
        if p is None or p.tag != f"{W}p":
            continue
        before = p.find(f"{W}pPr/{W}spacing")
        assert before is not None and int(before.get(f"{W}before")) >= s.space_after_pt * 20


def test_word_and_pdf_use_the_same_profile_numbers() -> None:
    from accessconv import model as m
    from accessconv.formats.large_print.typst_writer import leading_em, preamble
    from accessconv.profiles import load

    for name in ("large-print", "giant-print"):
        s = load(name).settings
        markup = preamble(m.Document("T", "en-GB", []), s)
        # Baseline to baseline: Word's multiple of the font's single line, in the PDF too.
        baseline = (leading_em(s) + s.font_ascent_em + s.font_descent_em) * s.body_size_pt
        assert baseline == pytest.approx(s.line_spacing * s.font_single_line_em * s.body_size_pt)
        assert f"leading: {leading_em(s):.4f}em" in markup
        assert f"spacing: {s.space_after_pt:g}pt" in markup
        assert f"margin: {s.margin_cm}cm" in markup and f"size: {s.body_size_pt:g}pt" in markup


def test_pdf_line_spacing_matches_the_profile(large_pdf: Path) -> None:
    from pypdf import PdfReader

    from accessconv.checks.pdf_text import text_runs
    from accessconv.profiles import load

    s = load("large-print").settings
    ys = sorted(
        {round(r.y, 1) for r in text_runs(PdfReader(str(large_pdf))) if r.page == 1 and r.size < 19},
        reverse=True,
    )
    gaps = [a - b for a, b in zip(ys, ys[1:], strict=False)]
    # The most common gap between body lines is the profile's baseline distance.
    want = s.line_spacing * s.font_single_line_em * s.body_size_pt
    assert any(abs(g - want) < 0.2 for g in gaps), (gaps, want)


def _lead_then_list(lines_before: int) -> str:
    filler = "\n\n".join(f"Paragraph {k} says one short thing about the plan." for k in range(lines_before))
    return (
        "---\ntitle: Leads\nlang: en-GB\n---\n\n# Leads\n\n"
        f"{filler}\n\nThese are the steps we will take:\n\n- Read every response.\n- Write a report.\n\n"
        "The end.\n"
    )


def test_a_line_that_introduces_a_list_stays_on_its_page(tmp_path: Path) -> None:
    # "Hard words we use in this strategy:" ended a Word page and the PDF's, its list on the next.
    import docx
    from pypdf import PdfReader

    for n in range(14, 24):
        draft = tmp_path / f"lead-{n}.md"
        draft.write_text(_lead_then_list(n), encoding="utf-8")
        result = convert(draft, ["large-print"], tmp_path / f"out-{n}")
        word = docx.Document(str(next(p for p in result.written if p.suffix == ".docx")))
        lead = next(p for p in word.paragraphs if p.text.startswith("These are the steps"))
        assert lead.paragraph_format.keep_with_next, n
        pdf = PdfReader(next(p for p in result.written if p.suffix == ".pdf"))
        pages = [" ".join(page.extract_text().split()) for page in pdf.pages]
        lead_page = next(k for k, t in enumerate(pages) if "These are the steps" in t)
        item_page = next(k for k, t in enumerate(pages) if "Read every response" in t)
        assert lead_page == item_page, n
        # Only a line that introduces something is kept with it.
        other = next(p for p in word.paragraphs if p.text.startswith("Paragraph 1 "))
        assert not other.paragraph_format.keep_with_next


def test_a_column_of_long_text_gets_the_room_and_figures_only_what_they_need(tmp_path: Path) -> None:
    # A measures table (long descriptions, then two short figures) was printed in three equal
    # columns: each description ran to six lines of two or three words beside empty cells.
    import docx

    rows = "\n".join(
        f"| Percentage of people still living at home {k} days after leaving hospital | {k}% | {k + 5}% |"
        for k in (30, 60, 91)
    )
    draft = tmp_path / "measures.md"
    draft.write_text(
        "---\ntitle: Measures\nlang: en-GB\n---\n\n# Measures\n\n"
        f"| Measure | Baseline | Target |\n|---|---|---|\n{rows}\n",
        encoding="utf-8",
    )
    result = convert(draft, ["large-print"], tmp_path / "out")
    (table,) = docx.Document(str(next(p for p in result.written if p.suffix == ".docx"))).tables
    measure, baseline, target = (column.width for column in table.columns)
    assert measure is not None and baseline is not None and target is not None
    assert measure > 2 * baseline and measure > 2 * target
    assert all(cell.width == measure for cell in table.column_cells(0))
    # In the PDF, the "Baseline" heading starts well past the middle of the text width.
    pdf = next(p for p in result.written if p.suffix == ".pdf")
    left = _word_starts(pdf, {"Measure", "Baseline", "Target"})
    assert left["Baseline"] - left["Measure"] > 2 * (left["Target"] - left["Baseline"]), left


def _word_starts(pdf: Path, wanted: set[str]) -> dict[str, float]:
    """Where each wanted word first starts on the printed page (points from the left)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextContainer, LTTextLine

    found: dict[str, float] = {}
    for page in extract_pages(str(pdf)):
        for box in page:
            if not isinstance(box, LTTextContainer):
                continue
            lines = [box] if isinstance(box, LTTextLine) else list(box)
            for line in lines:
                word, start = "", 0.0
                for char in [*line, None]:
                    if isinstance(char, LTChar) and char.get_text().strip():
                        start = start if word else char.x0
                        word += char.get_text()
                        continue
                    if word in wanted:
                        found.setdefault(word, start)
                    word = ""
    return found
