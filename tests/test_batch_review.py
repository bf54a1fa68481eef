"""Batch: a draft that cannot be read does not hold up the run or get counted as still changing."""

from __future__ import annotations

from pathlib import Path

from accessconv.batch import wait_until_stable


def test_broken_links_and_vanished_drafts_are_not_waited_for(tmp_path: Path) -> None:
    real = tmp_path / "plan.md"
    real.write_text("# Plan\n\nText.\n", encoding="utf-8")
    broken = tmp_path / "old.md"
    broken.symlink_to(tmp_path / "nowhere.md")
    stable, changing = wait_until_stable(
        {"plan.md": real, "old.md": broken, "gone.md": tmp_path / "gone.md"}, settle=0.01
    )
    assert stable == {"plan.md"}
    assert changing == set()


def test_batch_skips_a_broken_link_quietly_and_converts_the_rest(tmp_path: Path, run_cli) -> None:
    source = tmp_path / "Drafts"
    source.mkdir()
    (source / "plan.md").write_text("# Plan\n\nText.\n", encoding="utf-8")
    (source / "old.md").symlink_to(source / "nowhere.md")
    result = run_cli("batch", source, "--out", tmp_path / "Out", "-p", "html", "--settle", "0.01")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "Out" / "plan" / "plan.html").is_file()
    assert "Traceback" not in result.output
