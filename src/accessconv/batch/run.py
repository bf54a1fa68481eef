"""One batch run over a drafts folder, and each look it takes (a cycle):

find drafts -> plan (convert / unchanged / remembered failure / waiting / link)
            -> execute (the pool; the manifest saved as each draft finishes)
            -> prune orphans -> report (index.html and report.json, when something changed)
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from .. import profiles as registry
from ..errors import UsageError
from ..folder_report import render_index
from ..formats import AnyProfile
from ..limits import DEFAULT, Limits
from ..pipeline import resolve_profiles
from ..report import batch_to_json
from ..results import BatchResult, DraftResult
from .execute import execute
from .manifest import Manifest, write_atomic
from .plan import Cycle, Plan, RunOptions, plan, touched
from .prune import prune_orphans, sweep_leftovers
from .record import record
from .scan import check_folders, output_folders, scan_folder, wait_until_stable

INDEX_NAME = "index.html"
REPORT_NAME = "report.json"

BatchProgress = Callable[[int, int, str], None]
# What the reports said, by draft, profiles and orphans: --watch rewrites them only when it changes.
Said = tuple[tuple[tuple[str, str], ...], tuple[str, ...], tuple[str, ...]]


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Run:
    def __init__(
        self,
        source: Path | str,
        out_dir: Path | str,
        profiles: Sequence[str | AnyProfile] | None,
        profiles_dirs: Sequence[Path | str] | None,
        jobs: int | None,
        prune: bool,
        settle: float,
        fail_on: str,
        browser: bool = False,
        limits: Limits = DEFAULT,
    ) -> None:
        self.options = RunOptions(
            Path(source), Path(out_dir), [Path(p) for p in profiles_dirs or []], browser, limits
        )
        self.swept = False  # leftovers of killed runs are removed once, on the first look
        self.profile_names = list(profiles or [])
        self.jobs = jobs if jobs is not None else default_jobs()
        if self.jobs < 1:
            raise UsageError("--jobs must be 1 or more.")
        self.prune = prune
        self.settle = settle
        # What the last reports written said, so --watch rewrites them only when something changed
        # (every rewrite on a shared drive wakes up sync clients and open browsers).
        self.reported: Said | None = None
        self.fail_on = fail_on
        check_folders(self.source, self.out_dir)
        resolve_profiles(self.profile_names, self.profiles_dirs)  # a wrong name stops us before the lock

    @property
    def source(self) -> Path:
        return self.options.source

    @property
    def out_dir(self) -> Path:
        return self.options.out_dir

    @property
    def profiles_dirs(self) -> list[Path]:
        return self.options.profiles_dirs

    def once(self, force: bool, progress: BatchProgress | None, heartbeat: Callable[[], None]) -> BatchResult:
        started = time.monotonic()
        chosen, draft_digest = self._profiles()
        if not self.swept:
            sweep_leftovers(self.out_dir)
            self.swept = True
        manifest = Manifest.load(self.out_dir)
        drafts, links = scan_folder(self.source, exclude=self.out_dir)
        cycle = Cycle(chosen, draft_digest, manifest, output_folders(drafts), force)
        todo = self._plan(cycle, drafts, links)
        outcomes = dict(todo.outcomes)
        outcomes.update(self._execute(cycle, todo, progress, heartbeat))
        names = {p.name for p in chosen}
        orphans = prune_orphans(manifest, self.out_dir, set(drafts), todo.full, names, self.prune)
        manifest.save()
        result = BatchResult(
            source=self.source,
            out_dir=self.out_dir,
            profiles=[p.name for p in chosen],
            drafts=[outcomes[rel] for rel in sorted(outcomes, key=lambda rel: (rel.casefold(), rel))],
            orphans=orphans,
            jobs=self.jobs,
            seconds=round(time.monotonic() - started, 3),
            finished_at=datetime.now(UTC).replace(microsecond=0).isoformat(),
        )
        self._report(result, converted_any=bool(todo.tasks))
        return result

    def _profiles(self) -> tuple[list[AnyProfile], str]:
        """The chosen profiles and the draft profile's digest, as they are now (a council may edit
        one while --watch runs)."""
        chosen = resolve_profiles(self.profile_names, self.profiles_dirs)
        draft_digest = ""
        if "draft" in registry.available(self.profiles_dirs):
            draft_digest = registry.load("draft", self.profiles_dirs).digest
        return chosen, draft_digest

    def _plan(self, cycle: Cycle, drafts: list[str], links: dict[str, str]) -> Plan:
        looked_changed = touched(self.options, cycle, drafts)
        # Leave drafts that are still being written until they settle.
        _stable, changing = wait_until_stable(looked_changed, self.settle)
        return plan(self.options, cycle, drafts, set(looked_changed), changing, links)

    def _execute(
        self, cycle: Cycle, todo: Plan, progress: BatchProgress | None, heartbeat: Callable[[], None]
    ) -> dict[str, DraftResult]:
        done: dict[str, DraftResult] = {}
        failed_key = cycle.failed_key
        if progress:
            progress(0, len(todo.tasks), "")
        try:
            for outcome in execute(todo.tasks, self.jobs):
                pending = todo.pending.pop(outcome.relative)
                done[outcome.relative] = record(
                    cycle.manifest,
                    pending,
                    outcome,
                    self.source,
                    self.out_dir,
                    cycle.chosen,
                    failed_key,
                    self.options.browser,
                )
                # Saved as each draft finishes, so even a killed run's finished drafts are not redone.
                cycle.manifest.save()
                heartbeat()
                if progress:
                    progress(len(done), len(todo.tasks), outcome.relative)
        finally:
            # On Ctrl-C too: keep what was finished, so the next run does not redo it.
            cycle.manifest.save()
        return done

    def _report(self, result: BatchResult, converted_any: bool) -> None:
        """Write index.html and report.json when this look changed anything they say."""
        said: Said = (
            tuple(
                (d.relative, d.status if d.status in ("failed", "skipped") else "ok") for d in result.drafts
            ),
            tuple(result.profiles),
            tuple(o.relative for o in result.orphans),
        )
        if (
            converted_any
            or any(o.removed for o in result.orphans)
            or said != self.reported
            or not (self.out_dir / INDEX_NAME).exists()
        ):
            write_reports(result, self.fail_on)
            self.reported = said
        else:
            result.index, result.report = self.out_dir / INDEX_NAME, self.out_dir / REPORT_NAME


def write_reports(result: BatchResult, fail_on: str) -> None:
    result.report = result.out_dir / REPORT_NAME
    result.index = result.out_dir / INDEX_NAME
    report = batch_to_json(result, fail_on)
    write_atomic(result.report, json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    write_atomic(result.index, render_index(result, fail_on))
