"""The profiles, loaded once per process and again only when a profile file changes.

Loading every profile (TOML parsing and type-checked building) took about 30 ms, most of a post's
cost in the web process and a tenth of a small job in a worker; the service loads them for every
request, so they are kept, keyed by each profile file's path, size and modification time.
"""

from __future__ import annotations

import threading
from pathlib import Path

from .. import profiles as registry
from ..formats import AnyProfile, load_format, writes_files

_lock = threading.Lock()
_cache: dict[tuple[str, ...], tuple[tuple[tuple[str, int, int], ...], list[AnyProfile]]] = {}


def _fingerprint(extra: list[Path]) -> tuple[tuple[str, int, int], ...]:
    stamps = []
    for path in registry.available(extra).values():
        stat = path.stat()
        stamps.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(stamps)


def writable(extra: list[Path]) -> list[AnyProfile]:
    """Every profile that writes a format (not the check-only ones), built-in and in `extra`."""
    key = tuple(str(p) for p in extra)
    stamp = _fingerprint(extra)
    with _lock:
        cached = _cache.get(key)
        if cached is not None and cached[0] == stamp:
            return cached[1]
    found = [p for p in registry.load_all(extra) if writes_files(load_format(p.format))]
    with _lock:
        _cache[key] = (stamp, found)
    return found


def chosen(names: list[str], extra: list[Path]) -> list[str | AnyProfile]:
    """The named profiles; a name no longer found stays a name, so the conversion reports it."""
    by_name: dict[str, AnyProfile] = {p.name: p for p in writable(extra)}
    return [by_name.get(n, n) for n in names]
