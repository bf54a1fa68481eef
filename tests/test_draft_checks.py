"""Draft checks: what Word's accessibility checker would say about the source."""

from __future__ import annotations

from pathlib import Path

import accessconv
from builders import docx_draft


def problems(path: Path) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for c in accessconv.check_file(path).checks:
        if c.status in ("error", "warning"):
            out.setdefault(c.id, set()).add(c.status)
    return out


def test_clean_draft_passes(tmp_path: Path) -> None:
    result = accessconv.check_file(docx_draft(tmp_path / "d.docx"))
    assert result.profile == "draft"
    assert [c for c in result.checks if c.status != "pass"] == []


def test_missing_and_meaningless_alt_text(tmp_path: Path) -> None:
    assert problems(docx_draft(tmp_path / "a.docx", alt=None))["draft.alt-text"] == {"error"}
    assert problems(docx_draft(tmp_path / "b.docx", alt="image1.png"))["draft.alt-text"] == {"error"}


def test_structure_problems(tmp_path: Path) -> None:
    assert "error" in problems(docx_draft(tmp_path / "a.docx", headings=False))["draft.headings"]
    assert "warning" in problems(docx_draft(tmp_path / "b.docx", fake_heading=True))["draft.fake-headings"]
    assert "warning" in problems(docx_draft(tmp_path / "c.docx", empty_paragraphs=3))["draft.layout"]


def test_table_problems(tmp_path: Path) -> None:
    assert "error" in problems(docx_draft(tmp_path / "a.docx", header_row=False))["draft.tables"]
    assert "warning" in problems(docx_draft(tmp_path / "b.docx", merged=True))["draft.tables"]


def test_missing_title(tmp_path: Path) -> None:
    assert "warning" in problems(docx_draft(tmp_path / "a.docx", title=None))["draft.title-language"]


def test_markdown_draft_links_and_levels(tmp_path: Path) -> None:
    src = tmp_path / "d.md"
    src.write_text(
        "---\ntitle: T\nlang: en-GB\n---\n# T\n\n#### Deep\n\nRead [click here](https://a.example) "
        "or <https://b.example/page>.\n",
        encoding="utf-8",
    )
    found = problems(src)
    assert found["draft.links"] == {"warning"}
    assert found["draft.heading-levels"] == {"warning"}
