"""The text report groups findings: each check's first few are shown, the rest counted."""

from __future__ import annotations

from pathlib import Path

from accessconv.checks import CheckResult
from accessconv.pipeline import CheckFileResult
from accessconv.report import MAX_FINDINGS_SHOWN, to_text


def test_many_findings_are_grouped_by_check_and_counted(tmp_path: Path) -> None:
    checks = [
        CheckResult(
            "html.img-alt", "Pictures", "warning", f"Picture {i} is vague.", f"img {i}", "Describe it."
        )
        for i in range(5000)
    ]
    checks += [CheckResult("html.link-text", "Links", "warning", "Vague link.", "a", "Reword it.")] * 3
    text = to_text([CheckFileResult(tmp_path / "p.html", "html", checks)])
    lines = text.splitlines()
    shown = [line for line in lines if "is vague." in line]
    assert shown == [f"    Check: Picture {i} is vague. (img {i})" for i in range(MAX_FINDINGS_SHOWN)]
    assert f"    ...and {5000 - MAX_FINDINGS_SHOWN} more like this" in text
    # The same finding three times is said once, and the two checks stay in their own groups.
    assert [line for line in lines if "Vague link." in line] == ["    Check: Vague link. (a)"]
    assert text.index("is vague.") < text.index("more like this") < text.index("Vague link.")
