"""Output formats are plug-ins of one interface.

A format is a package (or, while small, a module) `accessconv.formats.<name>` that provides:

- `LABEL`: how the report names the format ("braille", "Easy Read");
- `OUTPUTS`: the name endings of the files it writes, after the profile's `output_suffix`
  (braille: ".brf", ".pef", "-braille.txt"; Easy Read: ".docx", ".html", "-review.html").
  `accessconv check FILE` picks the rules from them, so every file the tool writes is checked
  against its own format's rules;
- `CLAIMS` (optional): bare file extensions this format checks when no ending matches
  (the draft format claims ".docx", so a Word file not written by us is checked as a draft);
- `FILE_TYPES`: the file extensions `check` understands;
- `Settings` and `Checks`: dataclasses for the profile's [settings] and [checks] tables;
- `write(doc, profile, out_dir, stem) -> Written`: write the outputs into `out_dir`
  (a private temporary folder; the pipeline moves them into place);
- `check(path, profile, doc=None) -> list[CheckResult]`: check one written file, reading it
  back; during a conversion `doc` is the draft, for checks that compare the file with it
  (braille's round trip), and `accessconv check FILE` passes None;
- optionally `preload()`: import the heavy modules `write` and `check` will need. The pipeline
  calls it while pandoc is still reading the draft, so the imports cost no time.

A checks-only format (the draft checks) has no `write`. Adding EPUB or audio means adding one
package here and one profile file; nothing outside `formats/<name>/` names a format.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, Generic, Protocol, TypeVar, cast

from ..errors import ProfileError

S = TypeVar("S")
C = TypeVar("C")


@dataclass(frozen=True)
class Profile(Generic[S, C]):
    """One loaded profile: its format's Settings and Checks, filled from the TOML file."""

    name: str
    description: str
    format: str
    default: bool
    output_suffix: str
    settings: S
    checks: C
    path: Path
    # Hash of the resolved definition: batch conversion rebuilds outputs when it changes.
    digest: str


@dataclass
class Written:
    """What a writer produced: files (inside the temporary folder) and plain-words notes about
    changes it made to the draft's structure (e.g. heading levels fixed)."""

    paths: list[Path]
    notes: list[str] = field(default_factory=list)


class Format(Protocol):
    """What `load_format` returns: the module of one format (see the module docstring)."""

    LABEL: str
    OUTPUTS: tuple[str, ...]
    FILE_TYPES: tuple[str, ...]
    Settings: type[Any]
    Checks: type[Any]

    def check(self, path: Path, profile: Profile[Any, Any], doc: Any = None) -> list[Any]: ...


def load_format(name: str, profile_path: Path | None = None) -> Format:
    where = f'Profile "{profile_path}": ' if profile_path else ""
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        raise ProfileError(f'{where}"format" must be a format name such as "html", not "{name}".')
    try:
        # Formats are found by name at run time, so the CLI starts without importing them all.
        module = importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as err:
        if err.name == f"{__name__}.{name}":
            raise ProfileError(f'{where}there is no output format called "{name}".') from err
        raise
    return cast(Format, module)


def format_names() -> list[str]:
    """Every format package or module in this folder."""
    return sorted(info.name for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_"))


def label(name: str) -> str:
    """How the report names format `name` ("Easy Read"); the name itself if it cannot load."""
    try:
        return load_format(name).LABEL
    except (ProfileError, ImportError, AttributeError):
        return name


def can_write(fmt: Format | ModuleType) -> bool:
    return hasattr(fmt, "write")


def output_name(stem: str, profile_suffix: str, extension: str, extra: str = "") -> str:
    """File name for an output: <stem><profile suffix><extra>.<ext>, e.g. strategy-large-print.docx."""
    return f"{stem}{profile_suffix}{extra}{extension}"


def rules_for(file_name: str, profiles: list[Profile[Any, Any]]) -> Profile[Any, Any] | None:
    """The profile whose rules apply to a file, from how its name ends.

    The longest matching ending of any profile's outputs wins ("x-easy-read-review.html" is Easy
    Read's review sheet, "x.html" the plain page); with none, a format that claims the bare
    extension (a .docx not written by us is a draft), its default profile first."""
    name = file_name.lower()
    matches: list[tuple[int, Profile[Any, Any]]] = []
    for profile in profiles:
        for ending in getattr(load_format(profile.format), "OUTPUTS", ()):
            full = (profile.output_suffix + ending).lower()
            if name.endswith(full):
                matches.append((len(full), profile))
    matches.sort(key=lambda m: (-m[0], not m[1].default, m[1].name))
    chosen = matches[0][1] if matches else None
    if chosen is not None:
        return chosen
    suffix = Path(name).suffix
    claimants = [p for p in profiles if suffix in getattr(load_format(p.format), "CLAIMS", ())]
    claimants.sort(key=lambda p: (not p.default, p.name))
    return claimants[0] if claimants else None
