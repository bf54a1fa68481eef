"""The check framework.

A check reads a written file (or the draft) and yields Findings. Each output format keeps its
checks in a CheckSet; running a set gives one CheckResult per finding, or one "pass" result for a
check that found nothing, so a report can say both what passed and what a person must fix.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

Severity = Literal["error", "warning", "info"]
Status = Literal["pass", "error", "warning", "info"]


@dataclass(frozen=True)
class Finding:
    severity: Severity
    message: str
    where: str = ""
    fix: str = ""


@dataclass(frozen=True)
class CheckResult:
    id: str
    title: str
    status: Status
    message: str = ""
    where: str = ""
    fix: str = ""

    def to_json(self) -> dict[str, str]:
        return {
            "id": self.id,
            "title": self.title,
            "status": self.status,
            "message": self.message,
            "where": self.where,
            "fix": self.fix,
        }


T = TypeVar("T")
# A check function: reads one target (an HtmlTarget, a BrfTarget...) and yields what it found.
CheckFn = Callable[[T], Iterable[Finding]]


@dataclass(frozen=True)
class Check(Generic[T]):
    id: str
    title: str
    run: CheckFn[T]


class CheckSet(Generic[T]):
    """An ordered set of checks over one kind of target (an HTML file, a BRF file...)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.checks: list[Check[T]] = []

    def register(self, check_id: str, title: str) -> Callable[[CheckFn[T]], CheckFn[T]]:
        def decorator(fn: CheckFn[T]) -> CheckFn[T]:
            self.checks.append(Check(check_id, title, fn))
            return fn

        return decorator

    def run(self, target: T) -> list[CheckResult]:
        results: list[CheckResult] = []
        for check in self.checks:
            results.extend(run_check(check, target))
        return results


def run_check(check: Check[T], target: T) -> list[CheckResult]:
    try:
        findings = list(check.run(target))
    except Exception as err:  # a broken check must never hide the others or crash the run
        return [
            CheckResult(
                check.id,
                check.title,
                "error",
                f"This check could not run ({type(err).__name__}: {err}).",
                fix="Please report this to the accessconv team with the file.",
            )
        ]
    if not findings:
        return [CheckResult(check.id, check.title, "pass")]
    return [CheckResult(check.id, check.title, f.severity, f.message, f.where, f.fix) for f in findings]


def counts(results: Iterable[CheckResult]) -> dict[str, int]:
    """passed = checks (by id) with no error or warning; errors/warnings/info = findings.
    An id with only info results (e.g. an audit that was skipped) is a note, not a passed check."""
    results = list(results)
    failed_ids = {r.id for r in results if r.status in ("error", "warning")}
    ids = {r.id for r in results if r.status != "info"}
    return {
        "passed": len(ids - failed_ids),
        "errors": sum(r.status == "error" for r in results),
        "warnings": sum(r.status == "warning" for r in results),
        "info": sum(r.status == "info" for r in results),
    }
