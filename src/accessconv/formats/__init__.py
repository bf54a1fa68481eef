"""Output formats are plug-ins of one interface.

A format is a module `accessconv.formats.<name>` that provides:

- `Settings` and `Checks`: dataclasses for the profile's [settings] and [checks] tables;
- `write(doc, profile, out_dir, stem) -> Written`: write the outputs into `out_dir`
  (a private temporary folder; the pipeline moves them into place);
- `check(path, profile, doc=None) -> list[CheckResult]`: check one written file, reading it
  back; during a conversion `doc` is the draft, for checks that compare the file with it
  (braille's round trip), and `accessconv check FILE` passes None;
- `FILE_TYPES`: the file extensions `check` understands, for `accessconv check FILE`;
- optionally `preload()`: import the heavy modules `write` and `check` will need. The pipeline
  calls it while pandoc is still reading the draft, so the imports cost no time.

A checks-only format (the draft checks) has no `write`. Adding EPUB or audio later means adding
one module here and one profile file; nothing else changes.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from ..errors import ProfileError


@dataclass
class Written:
    """What a writer produced: files (inside the temporary folder) and plain-words notes about
    changes it made to the draft's structure (e.g. heading levels fixed)."""

    paths: list[Path]
    notes: list[str] = field(default_factory=list)


def load_format(name: str, profile_path: Path | None = None) -> ModuleType:
    where = f'Profile "{profile_path}": ' if profile_path else ""
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        raise ProfileError(f'{where}"format" must be a format name such as "html", not "{name}".')
    try:
        return importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as err:
        if err.name == f"{__name__}.{name}":
            raise ProfileError(f'{where}there is no output format called "{name}".') from err
        raise


def output_name(stem: str, profile_suffix: str, extension: str, extra: str = "") -> str:
    """File name for an output: <stem><profile suffix><extra>.<ext>, e.g. strategy-large-print.docx."""
    return f"{stem}{profile_suffix}{extra}{extension}"
