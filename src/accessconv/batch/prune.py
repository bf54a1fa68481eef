"""Outputs with no draft behind them (orphans), and what a killed run left in the output folder."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from ..pipeline import is_leftover_temp
from ..results import Orphan
from ..scratch import pid_alive
from .manifest import DraftEntry, Manifest

# The temporary files manifest.write_atomic makes: '.<name>.<pid>.tmp'.
ATOMIC_TEMP = re.compile(r"^\..+\.(?P<pid>\d+)\.tmp$")

GONE = "Its draft has been deleted or moved."


def prune_orphans(
    manifest: Manifest, out_dir: Path, present: set[str], full: set[str], chosen: set[str], prune: bool
) -> list[Orphan]:
    """Outputs whose draft has gone, or that were made from an old version of a draft (converted
    again in full this run, or stale from before) with a profile not chosen now. With `prune` they
    are deleted and forgotten; without, kept and marked stale."""
    orphans: list[Orphan] = []
    for rel in sorted(manifest.drafts):
        entry = manifest.drafts[rel]
        if rel not in present:
            orphans.append(_gone(manifest, rel, out_dir, prune))
        elif entry.status == "converted":
            orphan = _left_over(rel, entry, out_dir, rel in full, chosen, prune)
            if orphan is not None:
                orphans.append(orphan)
    return orphans


def _gone(manifest: Manifest, rel: str, out_dir: Path, prune: bool) -> Orphan:
    files = [f for o in manifest.drafts[rel].outputs.values() for f in o.paths(out_dir)]
    if prune:
        remove_files(files, out_dir)
        del manifest.drafts[rel]
    return Orphan(rel, files, GONE, prune)


def _left_over(
    rel: str, entry: DraftEntry, out_dir: Path, full: bool, chosen: set[str], prune: bool
) -> Orphan | None:
    stale = sorted(name for name, o in entry.outputs.items() if name not in chosen and (full or o.stale))
    files = [f for name in stale for f in entry.outputs[name].paths(out_dir)]
    if not files:
        return None
    reason = (
        f"Its draft has changed, and these were made with {', '.join(stale)}, which was not chosen this time."
    )
    for name in stale:
        if prune:
            entry.outputs.pop(name)
        else:
            entry.outputs[name].stale = True
    if prune:
        remove_files(files, out_dir)
    return Orphan(rel, files, reason, prune)


def remove_files(files: list[Path], out_dir: Path) -> None:
    """Delete output files (only inside the output folder), then any folders left empty."""
    root = out_dir.resolve()
    for file in files:
        target = file.resolve()
        if root not in target.parents:
            continue
        try:
            target.unlink(missing_ok=True)
        except OSError:
            continue
        _remove_empty_parents(target.parent, root)


def _remove_empty_parents(parent: Path, root: Path) -> None:
    while parent != root and root in parent.parents:
        try:
            parent.rmdir()
        except OSError:
            break
        parent = parent.parent


def sweep_leftovers(out_dir: Path) -> list[Path]:
    """Remove what a killed run left in the output folder: the temporary folders a draft's outputs
    were being written to, and half-written manifest or report files. Called holding the lock, so
    no other run is writing here; pipeline.is_leftover_temp spares those of live processes."""
    removed: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(out_dir):
        here = Path(dirpath)
        for d in list(dirnames):
            if d.startswith(".") and d.endswith(".tmp") and is_leftover_temp(here / d):
                shutil.rmtree(here / d, ignore_errors=True)
                removed.append(here / d)
                dirnames.remove(d)
        if here == out_dir:
            removed += _sweep_atomic_temps(here, filenames)
    return removed


def _sweep_atomic_temps(folder: Path, names: list[str]) -> list[Path]:
    removed: list[Path] = []
    for name in names:
        match = ATOMIC_TEMP.match(name)
        if match and not pid_alive(int(match["pid"])):
            (folder / name).unlink(missing_ok=True)
            removed.append(folder / name)
    return removed
