"""The convert command never lets one draft's outputs silently replace another's."""

from __future__ import annotations

from pathlib import Path

from builders import docx_draft


def _md(path: Path, heading: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"# {heading}\n\nSome text.\n", encoding="utf-8")
    return path


def test_same_named_drafts_into_one_folder_are_refused(tmp_path: Path, run_cli) -> None:
    one, two = _md(tmp_path / "x" / "plan.md", "One"), _md(tmp_path / "y" / "plan.md", "Two")
    result = run_cli("convert", one, two, "-p", "html", "-o", tmp_path / "out")
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "have the same name" in lines[0] and "overwrite" in lines[0]
    assert not (tmp_path / "out").exists()


def test_word_and_markdown_drafts_of_one_name_beside_each_other_are_refused(tmp_path: Path, run_cli) -> None:
    md = _md(tmp_path / "plan.md", "Plan")
    word = docx_draft(tmp_path / "plan.docx")
    result = run_cli("convert", md, word, "-p", "html")
    assert result.exit_code == 2 and "have the same name" in result.output
    assert not (tmp_path / "plan-accessible").exists()


def test_differently_named_drafts_each_get_their_own_folder(tmp_path: Path, run_cli) -> None:
    one, two = _md(tmp_path / "x" / "plan.md", "One"), _md(tmp_path / "x" / "budget.md", "Two")
    result = run_cli("convert", one, two, "-p", "html", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "One" in (tmp_path / "out" / "plan-accessible" / "plan.html").read_text(encoding="utf-8")
    assert "Two" in (tmp_path / "out" / "budget-accessible" / "budget.html").read_text(encoding="utf-8")


def test_a_folder_named_like_an_output_stops_the_run_before_anything_is_replaced(
    tmp_path: Path, run_cli
) -> None:
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    (profiles / "web-two.toml").write_text('extends = "html"\noutput_suffix = "-two"\n', encoding="utf-8")
    draft = _md(tmp_path / "plan.md", "New words")
    out = tmp_path / "out"
    out.mkdir()
    (out / "plan.html").write_text("old page", encoding="utf-8")
    (out / "plan-two.html").mkdir()
    result = run_cli("convert", draft, "-p", "html", "-p", "web-two", "--profiles-dir", profiles, "-o", out)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "a folder there has that name" in lines[0] and "plan-two.html" in lines[0]
    assert (out / "plan.html").read_text(encoding="utf-8") == "old page"
    assert sorted(p.name for p in out.iterdir()) == ["plan-two.html", "plan.html"]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
