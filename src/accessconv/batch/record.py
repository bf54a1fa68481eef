"""Recording a converted (or failed) draft in the manifest, and removing the outputs its new ones
replace."""

from __future__ import annotations

from pathlib import Path

from ..formats import AnyProfile
from ..results import ConversionResult, DraftResult, OutputResult
from .execute import Outcome
from .manifest import DraftEntry, Manifest, OutputFile, ProfileOutputs
from .plan import Pending
from .prune import remove_files


def record(
    manifest: Manifest,
    pending: Pending,
    outcome: Outcome,
    source: Path,
    out_dir: Path,
    chosen: list[AnyProfile],
    failed_key: str,
    browser: bool,
) -> DraftResult:
    """Put the draft's new entry in the manifest; its DraftResult for the report."""
    rel, entry = outcome.relative, pending.entry
    path = source / rel
    manifest.drafts[rel] = entry
    if outcome.result is None:
        entry.status, entry.error, entry.failed_key, entry.draft_checks = (
            "failed",
            outcome.error,
            failed_key,
            [],
        )
        if not outcome.repeatable:
            entry.sha256 = None  # try again next run
        failed = ConversionResult(source=path, out_dir=None, error=outcome.error)
        return DraftResult(rel, path, "failed", failed, rebuilt=[])
    result = outcome.result
    rebuilt = sorted({o.profile for o in result.outputs})
    if pending.full:
        # The draft has changed: no old output of a chosen profile is kept.
        for name in sorted({p.name for p in chosen} & set(entry.outputs) - set(rebuilt)):
            remove_files(entry.outputs.pop(name).paths(out_dir), out_dir)
    digests = {p.name: p.digest for p in chosen}
    for name in rebuilt:
        _replace_outputs(
            entry, name, [o for o in result.outputs if o.profile == name], digests[name], out_dir, browser
        )
    entry.status, entry.error, entry.failed_key = "converted", None, None
    entry.draft_checks = list(result.draft_checks)
    return DraftResult(rel, path, "converted", entry.result(path, out_dir, chosen), rebuilt=rebuilt)


def _replace_outputs(
    entry: DraftEntry, name: str, new: list[OutputResult], digest: str, out_dir: Path, browser: bool
) -> None:
    """One profile's new outputs; its old files that were not written again are removed."""
    files = [OutputFile(o.path.relative_to(out_dir).as_posix(), list(o.changes), list(o.checks)) for o in new]
    keep = {f.path for f in files}
    old = entry.outputs.get(name)
    if old is not None:
        remove_files([out_dir / f.path for f in old.files if f.path not in keep], out_dir)
    entry.outputs[name] = ProfileOutputs(digest, new[0].format if new else "", files, browser=browser)
