"""`accessconv batch --browser`: its own module, so its browser is not started while the browser
tests' shared Chromium (a module fixture) is running in the same process."""

from __future__ import annotations

from pathlib import Path

from batch_builders import by_path, fingerprint, md, read_report, run_batch, write


def test_batch_with_browser_audits_pages_once(tmp_path: Path) -> None:
    """`batch --browser` audits every web page; pages made without the audit are made again, and
    a rerun with nothing changed does no more work."""
    src, out = tmp_path / "Drafts", tmp_path / "Out"
    write(src / "Notice.md", md("Notice"))
    assert run_batch(src, out).exit_code == 0
    checks = by_path(read_report(out))["Notice.md"]["outputs"][0]["checks"]
    assert [c["status"] for c in checks if c["id"] == "browser.axe"] == ["info"]  # skipped

    before = fingerprint(out)
    assert run_batch(src, out, "--browser").exit_code == 0
    report = by_path(read_report(out))["Notice.md"]
    assert report["status"] == "converted"
    assert [c["status"] for c in report["outputs"][0]["checks"] if c["id"] == "browser.axe"] == ["pass"]
    assert fingerprint(out) != before

    audited = fingerprint(out)
    assert run_batch(src, out, "--browser").exit_code == 0
    assert by_path(read_report(out))["Notice.md"]["status"] == "unchanged"
    assert fingerprint(out) == audited
