"""The manifest: what the output folder holds, one entry per draft, as typed dataclasses.

The file (.accessconv-manifest.json in the output folder) keeps the format it has always had:

    {"manifest_version": 1, "tool_version": "...", "drafts": {"Finance/Budget.docx": {
        "size": ..., "mtime_ns": ..., "sha256": ..., "out_dir": "Finance/Budget",
        "draft_digest": ..., "status": "converted" | "failed", "error": ..., "failed_key": ...,
        "draft_checks": [check, ...],
        "outputs": {"html": {"digest": ..., "browser": false, "format": "html", "stale": true?,
                             "files": [{"path": ..., "changes": [...], "checks": [...]}]}}}}}

A damaged file, or one of another manifest version, is read as empty (every draft is converted
again); an entry that cannot be read is left out (that draft is converted again).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from ..checks import CheckResult, Status
from ..errors import OutputError, output_problem
from ..formats import AnyProfile
from ..results import ConversionResult, OutputResult
from ..version import __version__

MANIFEST_NAME = ".accessconv-manifest.json"
MANIFEST_VERSION = 1

JsonObject = dict[str, object]


class _Unreadable(ValueError):
    """A manifest entry of the wrong shape."""


def _str(data: JsonObject, key: str, default: str | None = None) -> str | None:
    value = data.get(key, default)
    if value is not None and not isinstance(value, str):
        raise _Unreadable(key)
    return value


def _int(data: JsonObject, key: str) -> int | None:
    value = data.get(key)
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
        raise _Unreadable(key)
    return value


def _list(data: JsonObject, key: str) -> list[object]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise _Unreadable(key)
    return value


def _object(value: object) -> JsonObject:
    if not isinstance(value, dict):
        raise _Unreadable("not an object")
    return cast(JsonObject, value)


def check_from_json(value: object) -> CheckResult:
    data = _object(value)
    fields = {key: _str(data, key, "") or "" for key in ("id", "title", "status", "message", "where", "fix")}
    return CheckResult(
        fields["id"],
        fields["title"],
        cast(Status, fields["status"]),
        fields["message"],
        fields["where"],
        fields["fix"],
    )


@dataclass
class OutputFile:
    """One file a profile wrote, with what its checks found."""

    path: str  # inside the output folder, with /
    changes: list[str] = field(default_factory=list)
    checks: list[CheckResult] = field(default_factory=list)

    @classmethod
    def from_json(cls, value: object) -> OutputFile:
        data = _object(value)
        return cls(
            path=_str(data, "path") or "",
            changes=[str(c) for c in _list(data, "changes")],
            checks=[check_from_json(c) for c in _list(data, "checks")],
        )

    def to_json(self) -> JsonObject:
        return {
            "path": self.path,
            "changes": list(self.changes),
            "checks": [c.to_json() for c in self.checks],
        }


@dataclass
class ProfileOutputs:
    """What one profile made of a draft."""

    digest: str | None  # the profile's digest when it made them
    format: str
    files: list[OutputFile]
    browser: bool = False  # its web pages were audited in Chromium
    stale: bool = False  # made from an old version of the draft, kept because --no-prune

    @classmethod
    def from_json(cls, value: object) -> ProfileOutputs:
        data = _object(value)
        return cls(
            digest=_str(data, "digest"),
            format=_str(data, "format", "") or "",
            files=[OutputFile.from_json(f) for f in _list(data, "files")],
            browser=bool(data.get("browser")),
            stale=bool(data.get("stale")),
        )

    def to_json(self) -> JsonObject:
        data: JsonObject = {
            "digest": self.digest,
            "browser": self.browser,
            "format": self.format,
            "files": [f.to_json() for f in self.files],
        }
        if self.stale:
            data["stale"] = True
        return data

    def paths(self, out_dir: Path) -> list[Path]:
        return [out_dir / f.path for f in self.files]

    def needs_remaking(self, profile: AnyProfile, out_dir: Path, browser: bool) -> bool:
        """Missing files, another version of the profile, files deleted from the output folder by
        someone, or (with `browser`) web pages that were never audited in the browser."""
        return (
            self.stale
            or self.digest != profile.digest
            or not self.files
            or any(not (out_dir / f.path).is_file() for f in self.files)
            or (browser and not self.browser and any(f.path.endswith(".html") for f in self.files))
        )


@dataclass
class DraftEntry:
    """One draft: what it was when last converted, and what that made (see the module docstring)."""

    size: int | None = None
    mtime_ns: int | None = None
    sha256: str | None = None  # None: convert again next run (a failure not worth remembering)
    out_dir: str | None = None  # its output folder inside the output tree
    draft_digest: str | None = None  # the "draft" profile's digest (its checks are in draft_checks)
    status: str | None = None  # "converted" or "failed"
    error: str | None = None
    failed_key: str | None = None  # the draft and profiles a remembered failure was for
    draft_checks: list[CheckResult] = field(default_factory=list)
    outputs: dict[str, ProfileOutputs] = field(default_factory=dict)

    @classmethod
    def from_json(cls, value: object) -> DraftEntry:
        data = _object(value)
        return cls(
            size=_int(data, "size"),
            mtime_ns=_int(data, "mtime_ns"),
            sha256=_str(data, "sha256"),
            out_dir=_str(data, "out_dir"),
            draft_digest=_str(data, "draft_digest"),
            status=_str(data, "status"),
            error=_str(data, "error"),
            failed_key=_str(data, "failed_key"),
            draft_checks=[check_from_json(c) for c in _list(data, "draft_checks")],
            outputs={
                str(name): ProfileOutputs.from_json(o) for name, o in _object(data.get("outputs", {})).items()
            },
        )

    def to_json(self) -> JsonObject:
        return {
            "size": self.size,
            "mtime_ns": self.mtime_ns,
            "sha256": self.sha256,
            "out_dir": self.out_dir,
            "draft_digest": self.draft_digest,
            "status": self.status,
            "error": self.error,
            "failed_key": self.failed_key,
            "draft_checks": [c.to_json() for c in self.draft_checks],
            "outputs": {name: o.to_json() for name, o in self.outputs.items()},
        }

    def stale_profiles(self, chosen: list[AnyProfile], out_dir: Path, browser: bool) -> list[AnyProfile]:
        """Chosen profiles whose outputs must be made again (see ProfileOutputs.needs_remaking)."""
        return [
            p
            for p in chosen
            if (record := self.outputs.get(p.name)) is None or record.needs_remaking(p, out_dir, browser)
        ]

    def result(self, source: Path, out_dir: Path, chosen: list[AnyProfile]) -> ConversionResult:
        """The draft's results as recorded, for the chosen profiles."""
        if self.status == "failed":
            return ConversionResult(source=source, out_dir=None, error=self.error)
        outputs = [
            OutputResult(profile.name, record.format, out_dir / f.path, list(f.checks), list(f.changes))
            for profile in chosen
            if (record := self.outputs.get(profile.name)) is not None
            for f in record.files
        ]
        return ConversionResult(
            source=source,
            out_dir=out_dir / (self.out_dir or ""),
            outputs=outputs,
            draft_checks=list(self.draft_checks),
        )


@dataclass
class Manifest:
    """What the output folder holds: one DraftEntry per draft, by its path in the drafts folder."""

    path: Path
    drafts: dict[str, DraftEntry]
    # False when written by another accessconv version: every draft is converted again.
    current: bool

    @classmethod
    def load(cls, out_dir: Path) -> Manifest:
        path = out_dir / MANIFEST_NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(path, {}, True)
        except (OSError, ValueError):
            return cls(path, {}, False)  # damaged: convert everything again
        if not isinstance(data, dict) or data.get("manifest_version") != MANIFEST_VERSION:
            return cls(path, {}, False)
        drafts = data.get("drafts", {})
        return cls(
            path,
            _entries(drafts if isinstance(drafts, dict) else {}),
            data.get("tool_version") == __version__,
        )

    def to_json(self) -> JsonObject:
        return {
            "manifest_version": MANIFEST_VERSION,
            "tool_version": __version__,
            "drafts": {rel: entry.to_json() for rel, entry in self.drafts.items()},
        }

    def save(self) -> None:
        write_atomic(
            self.path, json.dumps(self.to_json(), indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        )


def _entries(drafts: dict[object, object]) -> dict[str, DraftEntry]:
    entries: dict[str, DraftEntry] = {}
    for rel, value in drafts.items():
        try:
            entries[str(rel)] = DraftEntry.from_json(value)
        except (_Unreadable, TypeError, ValueError):
            continue  # converted again
    return entries


def write_atomic(path: Path, text: str) -> None:
    """Write to a temporary name in the same folder, then rename: readers see old or new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8", newline="\n")
        os.replace(tmp, path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise OutputError(output_problem(err, path.parent)) from err
