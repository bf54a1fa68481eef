"""What a conversion or a check produced: the types the pipeline and batch fill and the reports read.

They live below the pipeline, so the reports depend on these types, not on the code that makes them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .checks import CheckResult, counts

# The notes a batch run gives a draft it did not convert (batch re-exports them).
REMEMBERED_FAILURE = "Not tried again: the draft has not changed since it could not be converted."
WAITING = (
    "This draft is still being saved or copied (its size or time keeps changing). "
    "accessconv will convert it on the next run."
)

DraftStatus = Literal["converted", "unchanged", "failed", "skipped"]


@dataclass
class OutputResult:
    profile: str
    format: str
    path: Path
    checks: list[CheckResult]
    # What the writer changed in the draft's structure, in plain words.
    changes: list[str] = field(default_factory=list)


@dataclass
class ConversionResult:
    source: Path
    out_dir: Path | None
    outputs: list[OutputResult] = field(default_factory=list)
    draft_checks: list[CheckResult] = field(default_factory=list)
    # Set when the draft could not be converted at all (the message for the officer).
    error: str | None = None

    @property
    def all_checks(self) -> list[CheckResult]:
        return self.draft_checks + [c for o in self.outputs for c in o.checks]

    @property
    def errors(self) -> int:
        return counts(self.all_checks)["errors"]

    @property
    def warnings(self) -> int:
        return counts(self.all_checks)["warnings"]

    @property
    def written(self) -> list[Path]:
        return [o.path for o in self.outputs]


@dataclass
class CheckFileResult:
    path: Path
    profile: str
    checks: list[CheckResult]


def exit_code(results: Sequence[ConversionResult | CheckFileResult], fail_on: str = "error") -> int:
    """0 clean, 1 check errors (or warnings with fail_on="warning"), 2 a draft could not be read."""
    if any(isinstance(r, ConversionResult) and r.error for r in results):
        return 2
    checks = [c for r in results for c in (r.all_checks if isinstance(r, ConversionResult) else r.checks)]
    tally = counts(checks)
    if tally["errors"] or (fail_on == "warning" and tally["warnings"]):
        return 1
    return 0


# ---------------------------------------------------------------- a batch run (accessconv.batch)


@dataclass
class DraftResult:
    """One draft in a batch run. `result` holds its outputs and checks: fresh when converted in
    this run, from the manifest when unchanged."""

    relative: str  # the draft's path inside the source folder, with / between folders
    source: Path
    status: DraftStatus
    result: ConversionResult
    rebuilt: list[str] = field(default_factory=list)  # profiles whose outputs were written this run
    note: str | None = None  # why a draft was skipped, or that a failure is remembered from a past run

    @property
    def error(self) -> str | None:
        return self.result.error


@dataclass
class Orphan:
    """Outputs with no current draft behind them: the draft was deleted, or it changed and these
    came from a profile not chosen this time."""

    relative: str
    outputs: list[Path]
    reason: str
    removed: bool


@dataclass
class BatchResult:
    source: Path
    out_dir: Path
    profiles: list[str]
    drafts: list[DraftResult]
    orphans: list[Orphan]
    jobs: int
    seconds: float
    finished_at: str  # UTC, ISO 8601
    index: Path | None = None
    report: Path | None = None

    def with_status(self, status: DraftStatus) -> list[DraftResult]:
        return [d for d in self.drafts if d.status == status]

    @property
    def converted(self) -> list[DraftResult]:
        return self.with_status("converted")

    @property
    def unchanged(self) -> list[DraftResult]:
        return self.with_status("unchanged")

    @property
    def failed(self) -> list[DraftResult]:
        return self.with_status("failed")

    @property
    def skipped(self) -> list[DraftResult]:
        return self.with_status("skipped")

    @property
    def waiting(self) -> list[DraftResult]:
        """Skipped drafts that are still being saved (converted on a later run)."""
        return [d for d in self.skipped if d.note == WAITING]

    @property
    def links(self) -> list[DraftResult]:
        """Links in the drafts folder, which are never followed (see accessconv.batch)."""
        return [d for d in self.skipped if d.note != WAITING]

    @property
    def new_failures(self) -> list[DraftResult]:
        """Drafts that failed in this run (not failures remembered from an earlier run)."""
        return [d for d in self.failed if d.note != REMEMBERED_FAILURE]

    @property
    def results(self) -> list[ConversionResult]:
        return [d.result for d in self.drafts]

    @property
    def errors(self) -> int:
        return counts(c for r in self.results for c in r.all_checks)["errors"]

    @property
    def warnings(self) -> int:
        return counts(c for r in self.results for c in r.all_checks)["warnings"]

    def exit_code(self, fail_on: str = "error") -> int:
        """0 clean, 1 check errors (or warnings with fail_on="warning"), 2 a draft could not be read."""
        return exit_code(self.results, fail_on)
