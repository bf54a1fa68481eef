"""The JSON report, field by field: every shape (converted, failed, checked, batch with skipped
drafts and orphans) gives exactly the text in tests/data/report/, which matches the schema.

The expected files were written by the report before it was built from dataclasses; a change to
them is a change to what programs reading the report get (bump REPORT_VERSION).
"""

from __future__ import annotations

import json
from pathlib import Path

from accessconv.checks import CheckResult
from accessconv.report import batch_report, batch_to_json, report, to_json
from accessconv.results import (
    BatchResult,
    CheckFileResult,
    ConversionResult,
    DraftResult,
    Orphan,
    OutputResult,
)
from batch_builders import valid_report

EXPECTED = Path(__file__).parent / "data" / "report"
PASS = CheckResult("html.lang", "The page has a language", "pass")
ERROR = CheckResult(
    "html.alt", "Pictures have alt text", "error", "A picture has no alt text.", "picture 2", "Add alt text."
)
WARN = CheckResult(
    "draft.tables",
    "Tables have a header row",
    "warning",
    "Table 1 has no header row.",
    "table 1",
    "Mark the first row.",
)


def _results() -> tuple[ConversionResult, ConversionResult, CheckFileResult]:
    converted = ConversionResult(
        Path("drafts/Plan.docx"),
        Path("out/Plan"),
        [OutputResult("html", "html", Path("out/Plan/Plan.html"), [PASS, ERROR], ["Fixed a heading level."])],
        [PASS, WARN],
    )
    failed = ConversionResult(
        Path("drafts/Bad.docx"), Path("out/Bad"), error="the file is not a readable .docx document"
    )
    checked = CheckFileResult(Path("out/Plan/Plan.html"), "html", [PASS, ERROR])
    return converted, failed, checked


def _batch() -> BatchResult:
    converted, failed, _ = _results()
    skipped = ConversionResult(Path("drafts/Busy.md"), Path("out/Busy"))
    return BatchResult(
        Path("drafts"),
        Path("out"),
        ["html"],
        [
            DraftResult("Plan.docx", Path("drafts/Plan.docx"), "converted", converted, ["html"]),
            DraftResult("Bad.docx", Path("drafts/Bad.docx"), "failed", failed, [], "remembered"),
            DraftResult("Busy.md", Path("drafts/Busy.md"), "skipped", skipped, [], "waiting"),
        ],
        [Orphan("Old.md", [Path("out/Old/Old.html")], "its draft has gone", True)],
        2,
        1.5,
        "2026-11-30T12:00:00Z",
    )


def _text(data: dict[str, object]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def test_the_report_of_conversions_and_checks_is_unchanged_and_valid() -> None:
    data = to_json(list(_results()), "error")
    assert _text(data) == (EXPECTED / "report.json").read_text(encoding="utf-8")
    valid_report(data)


def test_the_folder_report_is_unchanged_and_valid() -> None:
    data = batch_to_json(_batch(), "error")
    assert _text(data) == (EXPECTED / "batch-report.json").read_text(encoding="utf-8")
    valid_report(data)


def test_the_report_is_typed_until_it_becomes_json() -> None:
    built = report(list(_results()))
    assert built.summary.exit_code == 2  # a draft could not be converted
    assert built.files[1].draft is None and built.files[2].outputs[0].format is None
    folder = batch_report(_batch())
    assert [f.relative_path for f in folder.files] == ["Plan.docx", "Bad.docx", "Busy.md"]
    assert folder.batch.orphans[0].removed
