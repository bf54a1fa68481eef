"""Derived data that is costly to build, kept between runs in a per-user cache folder.

Some word data ships as text that takes a noticeable part of a second to parse on every run (the
CMU pronouncing dictionary's 135,000 lines, wordfreq's frequency lists). The parsed form is kept in
`$XDG_CACHE_HOME/accessconv` (else `~/.cache/accessconv`), one file per table, named by a hash of
everything it was built from: the raw bytes of its data files, the builder's version and Python's
version. A new package version with new data gives a new name, so a stale table is never read.

The cache only saves time; it never changes a result:
- a file is written whole or not at all (a temporary file renamed into place), so a run that reads
  it while another writes it sees the old file or the new one;
- a file that cannot be read (damaged, cut short, from another program) is ignored and rebuilt;
- where the folder cannot be written (read-only home, a locked-down service account), the table is
  built in memory on each run, as without a cache;
- only plain data is read back (dicts, lists, tuples, strings, numbers, bytes): unpickling refuses
  every class and function, so a file planted in the folder cannot run code.
`ACCESSCONV_CACHE=off` turns the cache off (each table built on each run).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

CACHE_VARIABLE = "ACCESSCONV_CACHE"
# Part of every key: bump it when the way tables are stored changes.
_LAYOUT = "1"


def folder() -> Path | None:
    """The cache folder (made on first write), or None when the cache is turned off."""
    if os.environ.get(CACHE_VARIABLE, "").strip().lower() in ("0", "off", "no", "false"):
        return None
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    # The XDG rules: a relative path in the variable is invalid and ignored.
    if base and os.path.isabs(base):
        return Path(base) / "accessconv"
    try:
        return Path.home() / ".cache" / "accessconv"
    except RuntimeError:  # no home folder known (a service account without one): no cache
        return None


def key(name: str, version: str, inputs: Sequence[bytes]) -> str:
    """The file name of a table: its name and a hash of what it is built from."""
    digest = hashlib.sha256()
    for part in (_LAYOUT, sys.version, name, version):
        digest.update(part.encode() + b"\0")
    for data in inputs:
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return f"{name}-{digest.hexdigest()[:32]}.pickle"


def load(name: str, version: str, inputs: Sequence[bytes], build: Callable[[], T]) -> T:
    """The table `build()` gives, from the cache when a copy built from the same `inputs` (the
    raw data files), `version` (of the builder: bump it when `build` changes) is there, else built
    and stored for the next run. `build` must return plain data (see the module's docstring)."""
    place = folder()
    if place is None:
        return build()
    path = place / key(name, version, inputs)
    found = _read(path)
    if found is not _MISSING:
        value: T = found  # type: ignore[assignment]  # stored by `build` of the same key
        return value
    value = build()
    _store(path, value)
    return value


def peek(name: str, version: str, inputs: Sequence[bytes]) -> object:
    """What `load` with these arguments would read from the cache, or None when it would have to
    build it (nothing stored, unreadable, or the cache turned off)."""
    place = folder()
    if place is None:
        return None
    found = _read(place / key(name, version, inputs))
    return None if found is _MISSING else found


_MISSING = object()


def _read(path: Path) -> object:
    """The plain data stored at `path`, or _MISSING when there is none that can be read."""
    with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
        with path.open("rb") as fh:
            return _PlainUnpickler(fh).load()
    return _MISSING


class _PlainUnpickler(pickle.Unpickler):
    """Reads back plain data only: any class or function in the file is refused."""

    def find_class(self, module: str, name: str) -> object:
        raise pickle.UnpicklingError(f"the cache holds plain data only, not {module}.{name}")


def _store(path: Path, value: object) -> None:
    """Write `value` to `path` whole (a temporary file renamed into place), removing the same
    table's files built from older data; any failure leaves the cache as it was."""
    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        _PlainUnpickler(io.BytesIO(payload)).load()  # refuse to store what could not be read back
    except (pickle.PicklingError, pickle.UnpicklingError, TypeError, AttributeError):
        return
    tmp = ""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".part")
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, path)
        tmp = ""
        name = path.name.rsplit("-", 1)[0]
        for old in path.parent.glob(f"{name}-{'?' * 32}.pickle"):
            if old != path:
                with contextlib.suppress(OSError):
                    old.unlink()
    except OSError:
        pass  # a folder we cannot write: the table was built in memory, which is all we need
    finally:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
