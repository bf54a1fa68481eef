"""Planning one look at the drafts folder: which drafts to convert (and with which profiles), which
are unchanged, which failed before in the same way, and which to leave until they settle."""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..formats import AnyProfile
from ..limits import Limits
from ..results import REMEMBERED_FAILURE, WAITING, ConversionResult, DraftResult
from .execute import Task
from .manifest import DraftEntry, Manifest
from .scan import file_hash, stat_key


@dataclass(frozen=True)
class RunOptions:
    """What stays the same for every look a run takes."""

    source: Path
    out_dir: Path
    profiles_dirs: list[Path]
    browser: bool
    limits: Limits


@dataclass
class Cycle:
    """What one look found before planning: the chosen profiles, the manifest and the drafts."""

    chosen: list[AnyProfile]
    draft_digest: str  # the "draft" profile's digest ("" without one)
    manifest: Manifest
    folders: dict[str, str]  # each draft's output folder
    force: bool = False

    @property
    def failed_key(self) -> str:
        """The draft profile and chosen profiles a failure happened with: remembered until they change."""
        parts = [f"{p.name}={p.digest}" for p in sorted(self.chosen, key=lambda p: p.name)]
        return hashlib.sha256("|".join([self.draft_digest, *parts]).encode()).hexdigest()[:16]


@dataclass
class Pending:
    """A draft being converted: its manifest entry as it will be, and whether everything is remade
    (`full`: the draft changed, so no old output of a chosen profile is kept)."""

    entry: DraftEntry
    full: bool


@dataclass
class Plan:
    outcomes: dict[str, DraftResult] = field(default_factory=dict)  # decided without converting
    tasks: list[Task] = field(default_factory=list)
    pending: dict[str, Pending] = field(default_factory=dict)

    @property
    def full(self) -> set[str]:
        return {rel for rel, p in self.pending.items() if p.full}


def touched(options: RunOptions, cycle: Cycle, drafts: list[str]) -> dict[str, Path]:
    """Drafts that look changed: their size or time differ from the manifest's (all, with force)."""
    found: dict[str, Path] = {}
    for rel in drafts:
        entry = cycle.manifest.drafts.get(rel)
        key = stat_key(options.source / rel)
        if cycle.force or entry is None or key != (entry.size, entry.mtime_ns):
            found[rel] = options.source / rel
    return found


def plan(
    options: RunOptions,
    cycle: Cycle,
    drafts: list[str],
    looked_changed: set[str],
    changing: set[str],
    links: dict[str, str],
) -> Plan:
    """Decide each draft: convert it (a Task), or a DraftResult now (unchanged, a remembered
    failure, still being saved, a link)."""
    result = Plan()
    for rel in drafts:
        if rel in changing:
            if stat_key(options.source / rel) is not None:
                result.outcomes[rel] = waiting(options.source, rel)
            continue
        _plan_draft(options, cycle, rel, rel in looked_changed, result)
    for rel, note in links.items():
        path = options.source / rel
        result.outcomes[rel] = DraftResult(rel, path, "skipped", ConversionResult(path, None), note=note)
    return result


def waiting(source: Path, rel: str) -> DraftResult:
    path = source / rel
    return DraftResult(rel, path, "skipped", ConversionResult(source=path, out_dir=None), note=WAITING)


def _plan_draft(options: RunOptions, cycle: Cycle, rel: str, looked_changed: bool, result: Plan) -> None:
    path = options.source / rel
    entry = cycle.manifest.drafts.get(rel)
    stat = stat_key(path)
    if stat is None:  # deleted while we looked
        return
    content = entry.sha256 if entry and not looked_changed else None
    try:
        content = content or file_hash(path)
    except OSError:
        result.outcomes[rel] = waiting(options.source, rel)
        return
    full = _changed(cycle, rel, entry, content)
    if entry is not None and not full:
        entry.size, entry.mtime_ns = stat  # touched but the same content
        if entry.status == "failed":
            if entry.failed_key == cycle.failed_key:
                recorded = entry.result(path, options.out_dir, cycle.chosen)
                result.outcomes[rel] = DraftResult(rel, path, "failed", recorded, note=REMEMBERED_FAILURE)
                return
            full = True
    todo = (
        cycle.chosen
        if full or entry is None
        else entry.stale_profiles(cycle.chosen, options.out_dir, options.browser)
    )
    if not todo:
        recorded = (entry or DraftEntry()).result(path, options.out_dir, cycle.chosen)
        result.outcomes[rel] = DraftResult(rel, path, "unchanged", recorded)
        return
    new_entry = _next_entry(entry, full)
    new_entry.size, new_entry.mtime_ns = stat
    new_entry.sha256, new_entry.out_dir, new_entry.draft_digest = (
        content,
        cycle.folders[rel],
        cycle.draft_digest,
    )
    result.pending[rel] = Pending(new_entry, full)
    result.tasks.append(
        Task(
            rel,
            path,
            options.out_dir / cycle.folders[rel],
            list(todo),
            options.profiles_dirs,
            options.browser,
            root=options.source,
            limits=options.limits,
        )
    )


def _changed(cycle: Cycle, rel: str, entry: DraftEntry | None, content: str) -> bool:
    """Whether the draft must be converted with every chosen profile: it (or where its outputs
    go, or the draft checks) changed, the manifest is from another version, or force."""
    return (
        cycle.force
        or not cycle.manifest.current
        or entry is None
        or entry.sha256 != content
        or entry.out_dir != cycle.folders[rel]
        or entry.draft_digest != cycle.draft_digest
    )


def _next_entry(entry: DraftEntry | None, full: bool) -> DraftEntry:
    """The entry to fill as the draft converts: a copy of the old one, or (full) only its outputs,
    so the ones left over are known."""
    if entry is None:
        return DraftEntry()
    if full:
        return DraftEntry(outputs=dict(entry.outputs))
    return dataclasses.replace(entry, outputs=dict(entry.outputs))
