"""Conversion profiles: one TOML file each, validated on load.

A profile names its output format and holds every setting and threshold that format's writer
and checks use; nothing numeric about a standard lives in code. Built-in profiles are package
data in `data/profiles/` (`profiles/` at the top of the repository links there); a council adds
or overrides profiles from its own folders (`--profiles-dir`, or the ACCESSCONV_PROFILES
environment variable). A later folder wins, so a
council's `large-print.toml` replaces ours, and `extends = "large-print"` copies ours and changes a
few keys.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import tomllib
import types
import typing
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from .errors import ProfileError, shown
from .formats import AnyProfile, Profile, load_format

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

D = TypeVar("D", bound="DataclassInstance")

__all__ = ["Profile", "available", "defaults", "load", "load_all", "search_dirs"]

# Package data, so a normal (not editable) install finds them; `profiles/` at the top of the
# repository is a link to this folder.
BUILTIN_DIR = Path(__file__).resolve().parent / "data" / "profiles"
ENV_VAR = "ACCESSCONV_PROFILES"
TOP_LEVEL = {"description", "format", "default", "extends", "output_suffix", "settings", "checks"}
REQUIRED = ("description", "format", "default")


def search_dirs(extra: list[Path] | None = None) -> list[Path]:
    """Profile folders, lowest precedence first."""
    dirs = [BUILTIN_DIR]
    for part in os.environ.get(ENV_VAR, "").split(os.pathsep):
        if part.strip():
            dirs.append(Path(part))
    dirs.extend(extra or [])
    return dirs


def available(extra: list[Path] | None = None) -> dict[str, Path]:
    """Profile name -> file, later folders overriding earlier ones."""
    found: dict[str, Path] = {}
    for folder in search_dirs(extra):
        if not folder.is_dir():
            if folder == BUILTIN_DIR:
                continue
            if folder.exists():
                raise ProfileError(
                    f'"{folder}" is a file, not a folder of profiles. Name the folder that holds '
                    "the profile (.toml) files."
                )
            raise ProfileError(f'Profile folder "{folder}" does not exist. Check the name.')
        for path in sorted(folder.glob("*.toml")):
            found[path.stem] = path
    return found


def load(name: str, extra: list[Path] | None = None) -> AnyProfile:
    files = available(extra)
    if name not in files:
        names = ", ".join(sorted(files)) or "none"
        raise ProfileError(f'There is no profile called "{name}". Profiles you can use: {names}.')
    return _load_file(files[name], files, seen=())


def load_all(extra: list[Path] | None = None) -> list[AnyProfile]:
    files = available(extra)
    return [_load_file(path, files, seen=()) for _name, path in sorted(files.items())]


def defaults(extra: list[Path] | None = None) -> list[AnyProfile]:
    return [p for p in load_all(extra) if p.default]


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as err:
        raise ProfileError(f'Profile "{path}" is not valid TOML: {err}.') from err
    except OSError as err:
        raise ProfileError(f'Profile "{path}" cannot be read: {err.strerror}.') from err


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _resolve(path: Path, files: dict[str, Path], seen: tuple[Path, ...]) -> dict[str, Any]:
    data = _read_toml(path)
    for key in data:
        if key not in TOP_LEVEL:
            raise ProfileError(
                f'Profile "{path}": unknown key "{key}". Allowed: {", ".join(sorted(TOP_LEVEL))}.'
            )
    base_name = data.pop("extends", None)
    if base_name is None:
        return data
    if not isinstance(base_name, str):
        raise ProfileError(f'Profile "{path}": "extends" must be a profile name in quotes.')
    # A profile may extend the built-in profile it overrides, so look past itself.
    base_path = files.get(base_name)
    if base_path is None or base_path == path:
        base_path = BUILTIN_DIR / f"{base_name}.toml"
    if not base_path.is_file() or base_path in seen:
        raise ProfileError(f'Profile "{path}": "extends" names "{base_name}", which cannot be used.')
    return _merge(_resolve(base_path, files, (*seen, path)), data)


def _load_file(path: Path, files: dict[str, Path], seen: tuple[Path, ...]) -> AnyProfile:
    data = _resolve(path, files, seen)
    for key in REQUIRED:
        if key not in data:
            raise ProfileError(f'Profile "{path}": missing key "{key}".')
    _expect(path, "description", data["description"], str)
    _expect(path, "format", data["format"], str)
    _expect(path, "default", data["default"], bool)
    _expect(path, "output_suffix", data.get("output_suffix", ""), str)
    suffix = data.get("output_suffix", "")
    if not re.fullmatch(r"[A-Za-z0-9_.-]*", suffix) or ".." in suffix:
        # It becomes part of a file name: a slash or ".." would write outside the output folder.
        raise ProfileError(
            f'Profile "{path}": "output_suffix" may only use letters, digits, "-" and "_" '
            f'(for example "-large-print"), not {shown(data["output_suffix"])}.'
        )

    fmt = load_format(data["format"], path)
    settings = build(fmt.Settings, data.get("settings", {}), path, "settings")
    checks = build(fmt.Checks, data.get("checks", {}), path, "checks")
    digest = hashlib.sha256()
    digest.update(repr(sorted(_flatten(data))).encode())
    # A council's glossary or picture folder is part of the profile too: editing one must make a
    # batch run rebuild, so the files the settings point at are in the digest.
    for referenced in sorted(_referenced_paths(settings) + _referenced_paths(checks)):
        digest.update(str(referenced).encode())
        digest.update(_path_fingerprint(referenced))
    return Profile(
        name=path.stem,
        description=data["description"],
        format=data["format"],
        default=data["default"],
        output_suffix=data.get("output_suffix", ""),
        settings=settings,
        checks=checks,
        path=path,
        digest=digest.hexdigest()[:16],
    )


def _referenced_paths(obj: object) -> list[Path]:
    """Every Path value in a settings dataclass, nested tables included."""
    found: list[Path] = []
    if dataclasses.is_dataclass(obj):
        for fld in dataclasses.fields(obj):
            value = getattr(obj, fld.name)
            if isinstance(value, Path):
                found.append(value)
            elif dataclasses.is_dataclass(value):
                found.extend(_referenced_paths(value))
    return found


def _path_fingerprint(path: Path) -> bytes:
    """A file's bytes' hash; for a folder (of pictures), each file's name, size and time."""
    try:
        if path.is_file():
            return hashlib.sha256(path.read_bytes()).digest()
        if path.is_dir():
            entries = sorted(
                f"{p.relative_to(path)}:{p.stat().st_size}:{p.stat().st_mtime_ns}"
                for p in path.rglob("*")
                if p.is_file()
            )
            return "\n".join(entries).encode()
    except OSError:
        pass
    return b"missing"


def _flatten(data: dict[str, Any], prefix: str = "") -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for key, value in data.items():
        if isinstance(value, dict):
            out.extend(_flatten(value, f"{prefix}{key}."))
        else:
            out.append((prefix + key, repr(value)))
    return out


def _expect(path: Path, key: str, value: object, kind: type) -> None:
    if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
        raise ProfileError(f'Profile "{path}": "{key}" must be {_describe(kind)}, not {shown(value)}.')


def _describe(kind: type) -> str:
    return {str: "text in quotes", bool: "true or false", int: "a whole number", float: "a number"}.get(
        kind, str(kind)
    )


def build(cls: type[D], table: object, path: Path, section: str) -> D:
    """Make dataclass `cls` from a TOML table, naming the file and key on any mistake.

    Every field is required unless the dataclass gives it a default (used only for optional
    paths such as a council glossary, never for a threshold)."""
    if not isinstance(table, dict):
        raise ProfileError(f'Profile "{path}": [{section}] must be a table.')
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    for key in table:
        if key not in fields:
            allowed = ", ".join(sorted(fields)) or "none"
            raise ProfileError(f'Profile "{path}": unknown key "{section}.{key}". Allowed: {allowed}.')
    values: dict[str, object] = {}
    for name, fld in fields.items():
        key = f"{section}.{name}"
        if name not in table:
            if fld.default is dataclasses.MISSING and fld.default_factory is dataclasses.MISSING:
                raise ProfileError(f'Profile "{path}": missing key "{key}".')
            continue
        values[name] = _coerce(hints[name], table[name], path, key)
    return cls(**values)


# `hint` is a type annotation as typing.get_type_hints gives it (a class, list[str], Path | None...),
# which has no type of its own; the value returned is of that type.
def _coerce(hint: Any, value: object, path: Path, key: str) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _coerce(options[0], value, path, key)
    if origin is list:
        (item,) = typing.get_args(hint)
        if not isinstance(value, list):
            raise ProfileError(f'Profile "{path}": "{key}" must be a list like ["a", "b"].')
        return [_coerce(item, v, path, key) for v in value]
    if origin is dict:
        if not isinstance(value, dict):
            raise ProfileError(f'Profile "{path}": "{key}" must be a table.')
        _k, item = typing.get_args(hint)
        return {k: _coerce(item, v, path, f"{key}.{k}") for k, v in value.items()}
    if dataclasses.is_dataclass(hint):
        # A nested table, e.g. [settings.language] in the Easy Read profile.
        return build(cast("type[DataclassInstance]", hint), value, path, key)
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if hint is Path:
        _expect(path, key, value, str)
        resolved = (path.parent / cast(str, value)).resolve()  # text: _expect said so
        return resolved
    _expect(path, key, value, hint)
    return value
