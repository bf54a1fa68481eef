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
  calls it while pandoc is still reading the draft, so the imports cost no time;
- optionally `COST`: how long the format takes to write and check, next to the others (default 1;
  Easy Read's language steps make it 10). With several profiles the pipeline writes the costliest
  itself and hands the rest to another core.

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
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeAlias, TypeGuard, TypeVar, cast

from ..errors import ProfileError

if TYPE_CHECKING:
    from ..checks import CheckResult
    from ..model import Document

# Profile is read-only, so a Profile[braille.Settings, braille.Checks] is also a
# Profile[object, object]: a profile of some format (see AnyProfile).
S_co = TypeVar("S_co", covariant=True)
C_co = TypeVar("C_co", covariant=True)
S = TypeVar("S")
C = TypeVar("C")


@dataclass(frozen=True)
class Profile(Generic[S_co, C_co]):
    """One loaded profile: its format's Settings and Checks, filled from the TOML file.

    A format's own code names its types, `Profile[Settings, Checks]`; code above the formats
    holds profiles of any format, `AnyProfile`, and hands each to its format's functions."""

    name: str
    description: str
    format: str
    default: bool
    output_suffix: str
    settings: S_co
    checks: C_co
    path: Path
    # Hash of the resolved definition: batch conversion rebuilds outputs when it changes.
    digest: str


@dataclass
class Written:
    """What a writer produced: files (inside the temporary folder) and plain-words notes about
    changes it made to the draft's structure (e.g. heading levels fixed)."""

    paths: list[Path]
    notes: list[str] = field(default_factory=list)


# A profile loaded by name from a TOML file, of a format known only at run time: only that
# format knows the types of its settings and checks.
AnyProfile: TypeAlias = Profile[object, object]


class Format(Protocol[S, C]):
    """What `load_format` returns: the module of one format (see the module docstring), whose
    `Settings` and `Checks` are S and C. Each format package states (for mypy) that it is one:
    `_plugin: Format[Settings, Checks] = <the package>`. The members are read-only, so a
    module's `OUTPUTS = (".brf", ".pef")` fits."""

    @property
    def LABEL(self) -> str: ...
    @property
    def OUTPUTS(self) -> tuple[str, ...]: ...
    @property
    def FILE_TYPES(self) -> tuple[str, ...]: ...
    @property
    def Settings(self) -> type[S]: ...
    @property
    def Checks(self) -> type[C]: ...

    def check(self, path: Path, profile: Profile[S, C], doc: Document | None = None) -> list[CheckResult]: ...


class WritingFormat(Format[S, C], Protocol[S, C]):
    """A format that writes files (every one but the checks-only draft format)."""

    def write(self, doc: Document, profile: Profile[S, C], out_dir: Path, stem: str) -> Written: ...


# load_format finds a format by the name in a profile, so the types of its settings and checks
# are not known until run time: Any, not object, so the format's functions accept any profile.
def load_format(name: str, profile_path: Path | None = None) -> Format[Any, Any]:
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
    return cast("Format[Any, Any]", module)


def format_names() -> list[str]:
    """Every format package or module in this folder."""
    return sorted(info.name for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_"))


def label(name: str) -> str:
    """How the report names format `name` ("Easy Read"); the name itself if it cannot load."""
    try:
        return load_format(name).LABEL
    except (ProfileError, ImportError, AttributeError):
        return name


def can_write(fmt: Format[S, C] | ModuleType) -> TypeGuard[WritingFormat[S, C]]:
    return hasattr(fmt, "write")


def output_name(stem: str, profile_suffix: str, extension: str, extra: str = "") -> str:
    """File name for an output: <stem><profile suffix><extra>.<ext>, e.g. strategy-large-print.docx."""
    return f"{stem}{profile_suffix}{extra}{extension}"


def rules_for(file_name: str, profiles: list[AnyProfile]) -> AnyProfile | None:
    """The profile whose rules apply to a file, from how its name ends.

    The longest matching ending of any profile's outputs wins ("x-easy-read-review.html" is Easy
    Read's review sheet, "x.html" the plain page); with none, a format that claims the bare
    extension (a .docx not written by us is a draft), its default profile first."""
    name = file_name.lower()
    matches: list[tuple[int, AnyProfile]] = []
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
