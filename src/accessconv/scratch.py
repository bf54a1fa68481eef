"""Private working folders in the system's temporary folder (pandoc's output, Typst's sources,
font links, the background pool's results).

A process that is killed (kill -9, out of memory, a batch or service worker stopped mid-job) cannot
remove its folders, so each name carries the computer and the process that made it, and the first
folder a process makes removes the ones whose process has ended. Only our own names, only this
user's folders, only from this computer: a folder whose maker may still run is never touched."""

from __future__ import annotations

import os
import re
import shutil
import socket
import tempfile
import time
import zlib
from pathlib import Path

PREFIX = "accessconv-"
_OURS = re.compile(r"^accessconv-(?P<kind>[a-z]+)-(?P<host>[0-9a-f]{8})-(?P<pid>\d+)-[^/]+$")
# Names from before the maker was in the name: removed once surely unused.
_LEGACY = re.compile(r"^accessconv-(read|typst|jobs|fonts)-[a-z0-9_]{8}$")
LEGACY_AGE_SECONDS = 24 * 3600
_swept = False


def host_tag() -> str:
    """A short tag for this computer, so a shared folder's leftovers are judged only by it."""
    return f"{zlib.crc32(socket.gethostname().encode()):08x}"


def pid_alive(pid: int) -> bool:
    """Whether process `pid` runs on this computer (True where that cannot be told)."""
    if pid <= 0:
        return False
    if os.name == "nt":  # no cheap check there; callers' age limits decide instead
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def prefix(kind: str) -> str:
    return f"{PREFIX}{kind}-{host_tag()}-{os.getpid()}-"


def folder(kind: str) -> tempfile.TemporaryDirectory[str]:
    """A private temporary folder (removed when the returned object is cleaned up or closed)."""
    _sweep_once()
    return tempfile.TemporaryDirectory(prefix=prefix(kind))


def make_folder(kind: str) -> str:
    """A private temporary folder that the caller removes itself (it outlives a `with` block)."""
    _sweep_once()
    return tempfile.mkdtemp(prefix=prefix(kind))


def _sweep_once() -> None:
    global _swept
    if not _swept:
        _swept = True  # a forked child inherits this: its parent has swept already
        remove_leftovers(Path(tempfile.gettempdir()))


def remove_leftovers(place: Path) -> list[Path]:
    """Remove the folders in `place` that our killed processes left. Returns what was removed."""
    removed: list[Path] = []
    me = os.getuid() if hasattr(os, "getuid") else None
    host = host_tag()
    try:
        entries = [e for e in os.scandir(place) if e.name.startswith(PREFIX)]
    except OSError:
        return removed
    for entry in entries:
        try:
            if not entry.is_dir(follow_symlinks=False):
                continue
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if me is not None and info.st_uid != me:
            continue
        match = _OURS.match(entry.name)
        if match is not None:
            left = match["host"] == host and not pid_alive(int(match["pid"]))
        else:
            left = _LEGACY.match(entry.name) is not None and time.time() - info.st_mtime > LEGACY_AGE_SECONDS
        if left:
            shutil.rmtree(entry.path, ignore_errors=True)
            removed.append(Path(entry.path))
    return removed
