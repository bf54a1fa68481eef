"""Finding drafts: what in the drafts folder is a draft, where its outputs go, whether it has
settled, and whether it is still a regular file inside the folder when it is read."""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from ..errors import InputError, OutputError, UsageError
from ..reader import READERS

SETTLE_ROUNDS = 5  # after this many settle periods still changing, leave it for the next run

# Folders `accessconv convert` makes beside a draft; their .html files are outputs, not drafts.
CONVERT_FOLDER_SUFFIX = "-accessible"
TEMP_SUFFIXES = (".tmp", ".temp", ".part", ".partial", ".crdownload", ".download", ".bak", ".swp")

LINK_OUTSIDE = (
    "Not converted: this is a link to {what} outside the drafts folder, and accessconv only "
    "publishes files that are in the drafts folder. Copy {it} into the folder instead."
)
LINK_INSIDE = (
    "Not converted: this is a link to {what} in the drafts folder; links are not followed, and the "
    "draft it points to is converted under its own name."
)


def ignore_reason(name: str) -> str | None:
    """Why a file is not a draft to convert, or None if it may be one."""
    if name.startswith("~$"):
        return "an Office lock file"
    if name.startswith("."):
        return "a hidden file"
    if name.startswith(("~", "#")) or name.endswith(("~", "#")) or name.lower().endswith(TEMP_SUFFIXES):
        return "a temporary file"
    return None


def find_drafts(source: Path, exclude: Path | None = None) -> list[str]:
    """Relative paths (with /) of every draft accessconv can read under `source`, sorted.

    Skips hidden folders, the output folder when it sits inside the source, the
    '<name>-accessible' folders `accessconv convert` makes, and links (see find_links)."""
    return scan_folder(source, exclude)[0]


def find_links(source: Path, exclude: Path | None = None) -> dict[str, str]:
    """Links in `source` that look like drafts or folders of drafts, with why each is not followed
    (broken links are left out: they hold nothing)."""
    return scan_folder(source, exclude)[1]


def scan_folder(source: Path, exclude: Path | None = None) -> tuple[list[str], dict[str, str]]:
    """(drafts, links): see find_drafts and find_links. os.walk does not go into linked folders."""
    excluded = exclude.resolve() if exclude else None
    root = source.resolve()
    found: list[str] = []
    links: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(source):
        here = Path(dirpath)
        dirnames[:] = sorted(
            d
            for d in dirnames
            if not d.startswith((".", "~$"))
            and not d.endswith(CONVERT_FOLDER_SUFFIX)
            and (excluded is None or (here / d).resolve() != excluded)
        )
        for d in dirnames:
            if (here / d).is_symlink():
                note = _link_note(here / d, root, "a folder")
                if note:
                    links[(here / d).relative_to(source).as_posix() + "/"] = note
        for name in filenames:
            if (
                Path(name).suffix.lower() not in READERS
                or ignore_reason(name)
                or _hidden_on_windows(here / name)
            ):
                continue
            rel = (here / name).relative_to(source).as_posix()
            if (here / name).is_symlink():
                note = _link_note(here / name, root, "a file")
                if note:
                    links[rel] = note
                continue
            found.append(rel)
    return sorted(found, key=lambda rel: (rel.casefold(), rel)), links


def _link_note(link: Path, root: Path, what: str) -> str | None:
    """Why a link is not followed, or None for a broken link (nothing to publish, nothing to say)."""
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):  # broken, or a loop of links
        return None
    inside = target == root or root in target.parents
    it = "the file" if what == "a file" else "the drafts"
    return (LINK_INSIDE if inside else LINK_OUTSIDE).format(what=what, it=it)


def check_still_inside(path: Path, root: Path) -> None:
    """Just before a draft is read: it must still be a regular file, reached through no link, in
    the drafts folder. A draft swapped for a link after the folder was listed is refused."""
    try:
        info = os.lstat(path)
        real = path.resolve(strict=True)
        expected = root.resolve() / path.relative_to(root)
    except (OSError, RuntimeError, ValueError):
        return  # gone or unreadable: the reader says so in its own words
    if not stat.S_ISREG(info.st_mode) or real != expected:
        raise InputError(
            path,
            "this draft was replaced by a link (to a file elsewhere) while accessconv was running",
            "accessconv only publishes files that are in the drafts folder; put the real file there",
        )


def _hidden_on_windows(path: Path) -> bool:
    attributes = getattr(os.stat(path, follow_symlinks=False), "st_file_attributes", 0)
    return bool(attributes & 0x2)  # FILE_ATTRIBUTE_HIDDEN


def output_folders(drafts: Sequence[str]) -> dict[str, str]:
    """Each draft's output folder inside the output tree: its own name without the extension,
    beside where it sits in the source ('Finance/Budget.docx' -> 'Finance/Budget'). Two drafts
    that differ only by extension get 'Budget (docx)' and 'Budget (md)'."""
    by_folder: dict[str, list[str]] = {}
    for rel in drafts:
        p = PurePosixPath(rel)
        by_folder.setdefault(str(p.parent / p.stem).lower(), []).append(rel)
    folders: dict[str, str] = {}
    for same in by_folder.values():
        for rel in same:
            p = PurePosixPath(rel)
            name = p.stem if len(same) == 1 else f"{p.stem} ({p.suffix.lstrip('.').lower()})"
            folders[rel] = str(p.parent / name)
    return folders


def file_hash(path: Path) -> str:
    # Not through a link: a draft swapped for one is refused before reading anyway.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def stat_key(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


def wait_until_stable(paths: dict[str, Path], settle: float) -> tuple[set[str], set[str]]:
    """Split drafts into (stable, still changing): a draft is stable when its size and time stay
    the same for `settle` seconds. Waits at most SETTLE_ROUNDS periods, for all drafts at once."""
    if settle <= 0 or not paths:
        return set(paths), set()
    # A path that cannot be read (a broken link, a draft deleted meanwhile) will not settle by
    # waiting; the caller skips it, so it is left out here instead of holding up the run.
    pending = {rel: key for rel, p in paths.items() if (key := stat_key(p)) is not None}
    stable: set[str] = set()
    for _round in range(SETTLE_ROUNDS):
        if not pending:
            break
        time.sleep(settle)
        changing = {}
        for rel, before in pending.items():
            now = stat_key(paths[rel])
            if now == before:
                stable.add(rel)
            elif now is not None:
                changing[rel] = now
        pending = changing
    return stable, set(pending)


def check_folders(source: Path, out_dir: Path) -> None:
    if not source.exists():
        raise InputError(source, "there is no folder with this name", "Check the name of the drafts folder.")
    if not source.is_dir():
        raise InputError(
            source,
            "this is a file, not a folder",
            "Give 'accessconv batch' a folder of drafts, or use 'accessconv convert' for one draft.",
        )
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f'Cannot write outputs to "{out_dir}": it is a file, not a folder. Choose another.')
    src, out = source.resolve(), out_dir.resolve()
    if src == out or out in src.parents:
        raise UsageError(
            f'The output folder "{out_dir}" must not be the drafts folder "{source}" or contain it. '
            "Choose an output folder beside the drafts folder (or inside it)."
        )
