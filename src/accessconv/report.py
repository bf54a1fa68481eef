"""Reports: a short terminal summary written for an officer, and the same as versioned JSON.

The JSON shape is documented in README.md and published as schema/report.schema.json; bump
REPORT_VERSION's major number when a field changes meaning or goes away.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from .checks import CheckResult, counts
from .formats import label as format_label
from .results import BatchResult, CheckFileResult, ConversionResult, DraftResult, exit_code
from .version import __version__

# 1.1: batch reports add the optional "batch" object and per-file "relative_path", "rebuilt", "note".
REPORT_VERSION = "1.1"

# How much of a long list the terminal report shows before saying "and N more".
MAX_CHANGES_SHOWN = 10
MAX_FINDINGS_SHOWN = 3


def _checks_of(r: ConversionResult | CheckFileResult) -> list[CheckResult]:
    return r.all_checks if isinstance(r, ConversionResult) else r.checks


# ---------------------------------------------------------------- JSON
# The report is built as the dataclasses below, whose fields are the JSON's keys in order;
# Report.to_json turns one into the JSON object. A batch report is the same with its own extra
# fields (subclasses add them after the others, where the JSON has them).


@dataclass
class Tool:
    name: str
    version: str


@dataclass
class Summary:
    files: int
    failed: int
    outputs: int
    checks_passed: int
    errors: int
    warnings: int
    exit_code: int


@dataclass
class BatchSummary(Summary):
    converted: int
    unchanged: int
    skipped: int
    orphans: int


@dataclass
class CheckSummary:
    checks_passed: int
    errors: int
    warnings: int


@dataclass
class DraftReport:
    checks: list[CheckResult]
    summary: CheckSummary


@dataclass
class OutputReport:
    profile: str
    format: str | None  # None for a file checked on its own
    path: str
    changes: list[str]
    checks: list[CheckResult]
    summary: CheckSummary


@dataclass
class FileReport:
    source: str
    status: str  # "converted", "failed" or "checked"; in a batch also "unchanged" or "skipped"
    error: str | None
    output_dir: str | None
    draft: DraftReport | None
    outputs: list[OutputReport]


@dataclass
class BatchFileReport(FileReport):
    relative_path: str
    rebuilt: list[str]
    note: str | None


@dataclass
class OrphanReport:
    relative_path: str
    outputs: list[str]
    reason: str
    removed: bool


@dataclass
class BatchInfo:
    source_dir: str
    output_dir: str
    profiles: list[str]
    jobs: int
    seconds: float
    finished_at: str
    orphans: list[OrphanReport]


@dataclass
class Report:
    report_version: str
    tool: Tool
    summary: Summary
    files: list[FileReport]

    def to_json(self) -> dict[str, Any]:
        """The JSON object (schema/report.schema.json): every field, nested ones too, in order."""
        return asdict(self)


@dataclass
class BatchReport(Report):
    batch: BatchInfo


def to_json(results: Sequence[ConversionResult | CheckFileResult], fail_on: str = "error") -> dict[str, Any]:
    return report(results, fail_on).to_json()


def report(results: Sequence[ConversionResult | CheckFileResult], fail_on: str = "error") -> Report:
    return Report(REPORT_VERSION, _tool(), _summary(results, fail_on), [_file_report(r) for r in results])


def _tool() -> Tool:
    return Tool("accessconv", __version__)


def _summary(results: Sequence[ConversionResult | CheckFileResult], fail_on: str) -> Summary:
    tally = counts(c for r in results for c in _checks_of(r))
    return Summary(
        files=len(results),
        failed=sum(1 for r in results if isinstance(r, ConversionResult) and r.error),
        outputs=sum(len(r.outputs) for r in results if isinstance(r, ConversionResult)),
        checks_passed=tally["passed"],
        errors=tally["errors"],
        warnings=tally["warnings"],
        exit_code=exit_code(results, fail_on),
    )


def _check_summary(checks: list[CheckResult]) -> CheckSummary:
    tally = counts(checks)
    return CheckSummary(tally["passed"], tally["errors"], tally["warnings"])


def _file_report(r: ConversionResult | CheckFileResult) -> FileReport:
    if isinstance(r, CheckFileResult):
        output = OutputReport(r.profile, None, str(r.path), [], list(r.checks), _check_summary(r.checks))
        return FileReport(str(r.path), "checked", None, None, None, [output])
    return FileReport(
        source=str(r.source),
        status="failed" if r.error else "converted",
        error=r.error,
        output_dir=str(r.out_dir) if r.out_dir and not r.error else None,
        draft=None if r.error else DraftReport(list(r.draft_checks), _check_summary(r.draft_checks)),
        outputs=[
            OutputReport(
                o.profile, o.format, str(o.path), o.changes, list(o.checks), _check_summary(o.checks)
            )
            for o in r.outputs
        ],
    )


# ---------------------------------------------------------------- terminal


def to_text(results: Sequence[ConversionResult | CheckFileResult], fail_on: str = "error") -> str:
    lines: list[str] = []
    for r in results:
        if isinstance(r, CheckFileResult):
            lines.extend(_check_file_text(r))
        else:
            lines.extend(_conversion_text(r))
        lines.append("")
    lines.append(_closing(results, fail_on))
    return "\n".join(lines)


def _conversion_text(r: ConversionResult) -> list[str]:
    lines = [f"{r.source.name}"]
    if r.error:
        return lines + [f"  Could not convert: {r.error}"]
    n = len(r.outputs)
    lines.append(f"  Wrote {n} file{'s' if n != 1 else ''} to {r.out_dir}/")
    changes: list[str] = []
    for o in r.outputs:
        label = format_label(o.format)
        lines.append(f"    {_mark(o.checks)} {o.path.name} ({label}): {_verdict(o.checks)}")
        for c in o.changes:
            if c not in changes:
                changes.append(c)
    if changes:
        lines.append("  What accessconv changed for you:")
        lines.extend(f"    - {c}" for c in changes[:MAX_CHANGES_SHOWN])
        if len(changes) > MAX_CHANGES_SHOWN:
            more = len(changes) - MAX_CHANGES_SHOWN
            lines.append(f"    - ...and {more} more change{'s' if more != 1 else ''} (all in --report json).")
    problems = [(o.path.name, c) for o in r.outputs for c in o.checks if c.status in ("error", "warning")]
    if problems:
        lines.append("  To fix in the outputs:")
        lines.extend(_finding_lines(problems))
    notes = [(o.path.name, c) for o in r.outputs for c in o.checks if c.status == "info"]
    if notes:
        lines.append("  Notes:")
        lines.extend(_finding_lines(notes))
    draft = [("", c) for c in r.draft_checks if c.status in ("error", "warning")]
    if draft:
        lines.append("  About the draft itself (fix these once in the draft and every format improves):")
        lines.extend(_finding_lines(draft))
    elif r.draft_checks:
        lines.append(f"  The draft itself: {_verdict(r.draft_checks)}")
    return lines


def _check_file_text(r: CheckFileResult) -> list[str]:
    lines = [f"{r.path.name} (checked with the {r.profile} profile): {_verdict(r.checks)}"]
    problems = [("", c) for c in r.checks if c.status in ("error", "warning", "info")]
    lines.extend(_finding_lines(problems))
    return lines


def _finding_lines(problems: list[tuple[str, CheckResult]]) -> list[str]:
    """One entry per distinct finding; the same finding in several files (the braille round trip
    in .brf, .pef and preview) is said once, naming the files."""
    grouped: dict[tuple[str, str, str, str], list[str]] = {}
    check_ids: dict[tuple[str, str, str, str], str] = {}
    for file_name, c in problems:
        where = "" if c.where == file_name else c.where
        key: tuple[str, str, str, str] = (c.status, c.message, where, c.fix)
        files = grouped.setdefault(key, [])
        check_ids.setdefault(key, c.id)
        if file_name and file_name not in files:
            files.append(file_name)
    # A terminal is for a person: after a few findings of one check, say how many more there are
    # rather than print them all (the JSON report and any review sheet hold every one).
    shown: dict[tuple[str, str], int] = {}
    hidden: dict[tuple[str, str], int] = {}
    order: list[tuple[str, str]] = []
    entries = []
    for key, files in grouped.items():
        group = (check_ids[key], key[0])
        if group not in order:
            order.append(group)
        if shown.get(group, 0) < MAX_FINDINGS_SHOWN:
            shown[group] = shown.get(group, 0) + 1
            entries.append((group, key, files))
        else:
            hidden[group] = hidden.get(group, 0) + 1
    lines = []
    for group in order:
        for entry_group, (status, message, where, fix), files in entries:
            if entry_group != group:
                continue
            label = {"error": "Problem", "warning": "Check", "info": "Note"}[status]
            place = f" ({where})" if where else ""
            prefix = f"{', '.join(files)}: " if files else ""
            lines.append(f"    {label}: {prefix}{message}{place}")
            if fix:
                lines.append(f"      {'What to do' if status == 'info' else 'How to fix'}: {fix}")
        if hidden.get(group):
            n = hidden[group]
            lines.append(f"    ...and {n} more like this (all are in --report json and any review sheet).")
    return lines


def _mark(checks: list[CheckResult]) -> str:
    tally = counts(checks)
    return "x" if tally["errors"] else ("!" if tally["warnings"] else "ok")


def _verdict(checks: list[CheckResult]) -> str:
    tally = counts(checks)
    total = tally["passed"] + len({c.id for c in checks if c.status in ("error", "warning")})
    if not tally["errors"] and not tally["warnings"]:
        return f"all {total} checks passed"
    parts = [f"{tally['passed']} of {total} checks passed"]
    if tally["errors"]:
        parts.append(f"{tally['errors']} problem{'s' if tally['errors'] != 1 else ''}")
    if tally["warnings"]:
        parts.append(f"{tally['warnings']} thing{'s' if tally['warnings'] != 1 else ''} to look at")
    return ", ".join(parts)


def _closing(results: Sequence[ConversionResult | CheckFileResult], fail_on: str) -> str:
    failed = sum(1 for r in results if isinstance(r, ConversionResult) and r.error)
    checks = [c for r in results for c in _checks_of(r)]
    tally = counts(checks)
    written = sum(len(r.outputs) for r in results if isinstance(r, ConversionResult))
    parts = []
    if any(isinstance(r, ConversionResult) for r in results):
        parts.append(f"{written} file{'s' if written != 1 else ''} written")
    if failed:
        parts.append(f"{failed} draft{'s' if failed != 1 else ''} could not be converted")
    if tally["errors"]:
        parts.append(f"{tally['errors']} problem{'s' if tally['errors'] != 1 else ''} a person must fix")
    if tally["warnings"]:
        parts.append(f"{tally['warnings']} thing{'s' if tally['warnings'] != 1 else ''} worth a look")
    if not failed and not tally["errors"] and not tally["warnings"]:
        parts.append("everything passed")
    summary = "Done: " + ", ".join(parts) + "."
    code = exit_code(results, fail_on)
    return summary if code == 0 else f"{summary} (exit code {code})"


# ---------------------------------------------------------------- batch (a whole folder)

BATCH_STATUS_WORDS = {
    "converted": "converted",
    "unchanged": "up to date",
    "failed": "could not convert",
    "skipped": "waiting: still being saved",
}


def batch_to_json(batch: BatchResult, fail_on: str = "error") -> dict[str, Any]:
    return batch_report(batch, fail_on).to_json()


def batch_report(batch: BatchResult, fail_on: str = "error") -> BatchReport:
    """The folder report: the usual report over every draft, plus what the batch run did."""
    summary = _summary(batch.results, fail_on)
    return BatchReport(
        REPORT_VERSION,
        _tool(),
        BatchSummary(
            **asdict(summary),
            converted=len(batch.converted),
            unchanged=len(batch.unchanged),
            skipped=len(batch.skipped),
            orphans=len(batch.orphans),
        ),
        [_batch_file_report(d) for d in batch.drafts],
        BatchInfo(
            source_dir=str(batch.source),
            output_dir=str(batch.out_dir),
            profiles=list(batch.profiles),
            jobs=batch.jobs,
            seconds=batch.seconds,
            finished_at=batch.finished_at,
            orphans=[
                OrphanReport(o.relative, [str(p) for p in o.outputs], o.reason, o.removed)
                for o in batch.orphans
            ],
        ),
    )


def _batch_file_report(d: DraftResult) -> BatchFileReport:
    base = _file_report(d.result)
    skipped = d.status == "skipped"
    return BatchFileReport(
        source=base.source,
        status=d.status,
        error=base.error,
        output_dir=None if skipped else base.output_dir,
        draft=None if skipped else base.draft,
        outputs=base.outputs,
        relative_path=d.relative,
        rebuilt=list(d.rebuilt),
        note=d.note,
    )


def batch_to_text(batch: BatchResult, fail_on: str = "error") -> str:
    """A summary table of every draft, then what needs a person, then one closing line."""
    lines: list[str] = []
    if not batch.drafts:
        lines.append(f"No drafts found in {batch.source}/ (accessconv reads .docx, .odt, .md and .html).")
    else:
        width = min(max(len("Draft"), *(len(d.relative) for d in batch.drafts)), 50)
        header = f"{'Draft'.ljust(width)}  {'Result'.ljust(26)}  Files  Checks"
        lines += [header, "-" * len(header)]
        for d in batch.drafts:
            name = d.relative if len(d.relative) <= width else "..." + d.relative[-(width - 3) :]
            checks = "" if d.status in ("failed", "skipped") else _verdict(d.result.all_checks)
            result = BATCH_STATUS_WORDS[d.status] if d not in batch.links else "not converted: a link"
            lines.append(f"{name.ljust(width)}  {result.ljust(26)}  {len(d.result.outputs):>5}  {checks}")
    failed = batch.failed
    if failed:
        lines += ["", "Could not convert (the other drafts went ahead):"]
        lines += [f"  {d.relative}: {d.error}" for d in failed]
    problems = [d for d in batch.drafts if d.status in ("converted", "unchanged") and d.result.errors]
    if problems:
        lines += ["", "Drafts with problems a person must fix (details in the folder report):"]
        lines += [f"  {d.relative}: {_verdict(d.result.all_checks)}" for d in problems]
    if batch.waiting:
        lines += ["", "Waiting for these drafts to finish saving; they will be converted on the next run:"]
        lines += [f"  {d.relative}" for d in batch.waiting]
    if batch.links:
        lines += ["", "Links, not followed (only files inside the drafts folder are converted):"]
        lines += [f"  {d.relative}: {d.note}" for d in batch.links]
    if batch.orphans:
        removed = [o for o in batch.orphans if o.removed]
        kept = [o for o in batch.orphans if not o.removed]
        if removed:
            lines += ["", "Removed outputs whose draft has gone:"]
            lines += [f"  {o.relative}: {len(o.outputs)} file(s)" for o in removed]
        if kept:
            lines += ["", "Outputs kept although their draft has gone or changed (--keep-orphans):"]
            lines += [f"  {o.relative}: {', '.join(p.name for p in o.outputs)}. {o.reason}" for o in kept]
    if batch.index:
        lines += ["", f"Folder report: {batch.index}"]
    lines += ["", _batch_closing(batch, fail_on)]
    return "\n".join(lines)


def batch_changes_text(batch: BatchResult, fail_on: str = "error") -> str:
    """What one look at the folder changed (for --watch), then the closing line for the folder."""
    lines = []
    for d in batch.converted:
        lines.append(f"  converted {d.relative}: {_verdict(d.result.all_checks)}")
    for d in batch.new_failures:
        lines.append(f"  could not convert {d.relative}: {d.error}")
    for o in batch.orphans:
        if o.removed:
            lines.append(f"  removed the outputs of {o.relative}: {o.reason}")
    lines.append(_batch_closing(batch, fail_on))
    return "\n".join(lines)


def _batch_closing(batch: BatchResult, fail_on: str) -> str:
    n = len(batch.drafts) - len(batch.links)  # a link is not a draft
    parts = [f"{n} draft{'s' if n != 1 else ''}"]
    for label, items in (
        ("converted", batch.converted),
        ("up to date", batch.unchanged),
        ("could not be converted", batch.failed),
        ("waiting", batch.waiting),
    ):
        if items:
            parts.append(f"{len(items)} {label}")
    if batch.links:
        parts.append(f"{len(batch.links)} link{'s' if len(batch.links) != 1 else ''} not followed")
    errors, warnings = batch.errors, batch.warnings
    if errors:
        parts.append(f"{errors} problem{'s' if errors != 1 else ''} a person must fix")
    if warnings:
        parts.append(f"{warnings} thing{'s' if warnings != 1 else ''} worth a look")
    summary = f"Done in {batch.seconds:.1f} s: " + ", ".join(parts) + "."
    code = batch.exit_code(fail_on)
    return summary if code == 0 else f"{summary} (exit code {code})"
