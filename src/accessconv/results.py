"""What a conversion or a check produced: the types the pipeline and batch fill and the reports read.

They live below the pipeline, so the reports depend on these types, not on the code that makes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .checks import CheckResult, counts


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
