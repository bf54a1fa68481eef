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
- `write(doc, profile, out_dir, stem, ready=None) -> Written`: write the outputs into `out_dir`
  (a private temporary folder; the pipeline moves them into place). `ready` is optional (a
  writer without it is called without it). A writer that finishes one
  file while it still has work to do (another file, or waiting for Typst's thread) may call
  `ready(path)` as soon as that file is complete: the pipeline starts its check at once (in a
  child process, or here while the writer's own thread works), so it runs beside the rest of the
  writing. A writer calls it just before it would wait. Files not handed over are checked after
  `write` returns;
- `check(path, profile, doc=None) -> list[CheckResult]`: check one written file, reading it
  back; during a conversion `doc` is the draft, for checks that compare the file with it
  (braille's round trip), and `accessconv check FILE` passes None.

The package itself stays light (the names above, and `Settings`/`Checks` from light modules):
listing or loading profiles imports every format's package. `check` lives in the module
`formats/<name>/checking.py`, which imports only what the checks need; `write` lives in
`formats/<name>/plugin.py`, which imports the writers and their libraries (python-docx, Typst,
the Easy Read language steps and spaCy...) at its top and takes `check` from `checking.py`, so a
conversion loads one module that does both. `load_checker` imports the checking module only when
a file is checked (`accessconv check`), `load_plugin` the writing one only when a file is written.
A checks-only format (the draft) has only `checking.py`; a format small enough to be one module
keeps `write` and `check` in its package.
A plug-in module may also have `warm_up()`: load data `write` needs that is not an import (a
parser model), called while pandoc reads the draft.
Optionally `COST` in the package: how long the format takes to write and check, next to the
others (default 1; Easy Read's language steps make it 10). With several profiles the pipeline
writes the costliest itself and hands the rest to another core.

A checks-only format (the draft checks) has no `write`. Adding EPUB or audio means adding one
package here and one profile file; nothing outside `formats/<name>/` names a format.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable
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
# A plug-in takes profiles: contravariant (one that checks any profile checks a braille one).
S_contra = TypeVar("S_contra", contravariant=True)
C_contra = TypeVar("C_contra", contravariant=True)
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


# Called by a writer with a file it has finished (see the module docstring).
Ready: TypeAlias = Callable[[Path], None]


@dataclass
class Written:
    """What a writer produced: files (inside the temporary folder) and plain-words notes about
    changes it made to the draft's structure (e.g. heading levels fixed)."""

    paths: list[Path]
    notes: list[str] = field(default_factory=list)


# A profile loaded by name from a TOML file, of a format known only at run time: only that
# format knows the types of its settings and checks.
AnyProfile: TypeAlias = Profile[object, object]


class Format(Protocol[S_co, C_co]):
    """What `load_format` returns: the package of one format (see the module docstring), whose
    `Settings` and `Checks` are S and C. Each format package states (for mypy) that it is one:
    `_format: Format[Settings, Checks] = <the package>`. The members are read-only, so a
    module's `OUTPUTS = (".brf", ".pef")` fits."""

    @property
    def LABEL(self) -> str: ...
    @property
    def OUTPUTS(self) -> tuple[str, ...]: ...
    @property
    def FILE_TYPES(self) -> tuple[str, ...]: ...
    @property
    def Settings(self) -> type[S_co]: ...
    @property
    def Checks(self) -> type[C_co]: ...


class Plugin(Protocol[S_contra, C_contra]):
    """What `load_plugin` returns: the module that checks (and writes) files of one format."""

    def check(
        self, path: Path, profile: Profile[S_contra, C_contra], doc: Document | None = None
    ) -> list[CheckResult]: ...


class WritingPlugin(Plugin[S_contra, C_contra], Protocol[S_contra, C_contra]):
    """The plug-in of a format that writes files (every one but the checks-only draft format)."""

    def write(
        self,
        doc: Document,
        profile: Profile[S_contra, C_contra],
        out_dir: Path,
        stem: str,
        ready: Ready | None = None,
    ) -> Written: ...


# load_format finds a format by the name in a profile, so the types of its settings and checks
# are not known until run time: Any, not object, so the format's functions accept any profile.
def load_format(name: str, profile_path: Path | None = None) -> Format[Any, Any]:
    where = f'Profile "{profile_path}": ' if profile_path else ""
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        raise ProfileError(f'{where}"format" must be a format name such as "html", not "{name}".')
    try:
        # Found by the name a profile gives; the package is light (no writers, no libraries).
        module = importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as err:
        if err.name == f"{__name__}.{name}":
            raise ProfileError(f'{where}there is no output format called "{name}".') from err
        raise
    return cast("Format[Any, Any]", module)


def load_plugin(name: str) -> Plugin[Any, Any]:
    """Format `name`'s write() and check(): its `plugin` module (for a checks-only format, its
    `checking` module), or the package itself for a format small enough to be one module."""
    return cast("Plugin[Any, Any]", _first_module(name, ("plugin", "checking")))


def load_checker(name: str) -> Plugin[Any, Any]:
    """Format `name`'s check() alone: its `checking` module, which imports only what the checks
    need (checking an Easy Read page loads no parser, no writer), else as `load_plugin`."""
    return cast("Plugin[Any, Any]", _first_module(name, ("checking", "plugin")))


def _first_module(name: str, modules: tuple[str, ...]) -> object:
    package = load_format(name)
    # The one place a format's plug-in modules are imported: only when a file is written or
    # checked, so commands that only list or load profiles start fast.
    for module in modules:
        wanted = f"{__name__}.{name}.{module}"
        try:
            return importlib.import_module(wanted)
        except ModuleNotFoundError as err:
            if err.name != wanted:
                raise
    return package


def writes_files(fmt: Format[S, C] | ModuleType) -> bool:
    """Whether a format writes files (it declares their endings), without loading its plug-in."""
    return bool(getattr(fmt, "OUTPUTS", ()))


def format_names() -> list[str]:
    """Every format package or module in this folder."""
    return sorted(info.name for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_"))


def label(name: str) -> str:
    """How the report names format `name` ("Easy Read"); the name itself if it cannot load."""
    try:
        return load_format(name).LABEL
    except (ProfileError, ImportError, AttributeError):
        return name


def can_write(plugin: Plugin[S, C] | ModuleType) -> TypeGuard[WritingPlugin[S, C]]:
    return hasattr(plugin, "write")


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
