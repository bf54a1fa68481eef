"""The conversion pipeline and the Python API behind the CLI.

read the draft -> check the draft -> for each profile: write (into a private temporary folder)
-> check each written file -> move the files into place. Nothing half-written is ever left in
the output folder: on any failure the temporary folder is removed.
"""

from __future__ import annotations

import importlib
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .errors import OutputError, UsageError
from .profiles import Profile
from .results import CheckFileResult, ConversionResult, OutputResult

Progress = Callable[[str], None]

__all__ = [
    "CheckFileResult",
    "ConversionResult",
    "OutputResult",
    "check_file",
    "convert",
    "default_out_dir",
    "resolve_profiles",
]

def resolve_profiles(
    names: Sequence[str | Profile] | None, profiles_dirs: Sequence[Path] | None = None
) -> list[Profile]:
    from . import profiles as registry

    extra = list(profiles_dirs or [])
    if not names:
        chosen = registry.defaults(extra)
    else:
        chosen = [n if isinstance(n, Profile) else registry.load(n, extra) for n in names]
    for profile in chosen:
        from .formats import load_format

        if not hasattr(load_format(profile.format), "write"):
            raise UsageError(f'Profile "{profile.name}" only checks files; use it with "accessconv check".')
    return chosen


def default_out_dir(source: Path) -> Path:
    return source.parent / f"{source.stem}-accessible"


def convert(
    path: Path | str,
    profiles: Sequence[str | Profile] | None = None,
    out_dir: Path | str | None = None,
    profiles_dirs: Sequence[Path] | None = None,
    progress: Progress | None = None,
    browser: bool = False,
) -> ConversionResult:
    """Convert one draft with the given profiles (default: every profile marked default).

    With `browser`, every .html output is also audited with axe-core in headless Chromium
    (checks/browser.py); without it, each .html output carries a note that the audit was skipped.

    Raises InputError for a draft that cannot be read, ProfileError for a bad profile and
    OutputError when the output folder cannot be written; nothing is left behind on failure."""
    from .formats import load_format
    from .reader import start_read

    say = progress or (lambda _msg: None)
    source = Path(path)
    chosen = resolve_profiles(profiles, profiles_dirs)
    target = Path(out_dir) if out_dir is not None else default_out_dir(source)
    say(f"Reading {source.name}")
    with start_read(source) as pending:
        # While pandoc reads the draft (a separate process), do the work that does not need its
        # text. Errors wait until pandoc is done, so a draft pandoc cannot read is still reported
        # first, as it was when these steps came after reading.
        try:
            draft_check = _start_draft_check(source, profiles_dirs)
            deferred: Exception | None = None
        except Exception as err:  # raised again below, after reading
            draft_check, deferred = None, err
        _preload(chosen)
        doc = pending.result()
    if deferred is not None:
        raise deferred
    result = ConversionResult(source=source, out_dir=target)

    if draft_check is not None:
        say("Checking the draft")
        result.draft_checks = draft_check(doc)

    tmp = _make_temp_dir(target)
    try:
        for profile in chosen:
            fmt = load_format(profile.format)
            say(f"Writing {profile.name}")
            written = fmt.write(doc, profile, tmp, source.stem)
            for file in written.paths:
                say(f"Checking {file.name}")
                # The draft goes along for checks that compare with it (braille's round trip).
                checks = fmt.check(file, profile, doc=doc)
                result.outputs.append(OutputResult(profile.name, profile.format, file, checks, written.notes))
        _browser_audit(result.outputs, browser, say)
        _move_into_place(tmp, target, result)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return result


def _start_draft_check(source: Path, profiles_dirs: Sequence[Path] | None) -> Callable[..., Any] | None:
    """The draft checks' first step (reading the .docx's own XML), or None without a draft profile."""
    from . import profiles as registry
    from .formats import load_format

    if "draft" not in registry.available(list(profiles_dirs or [])):
        return None
    draft_profile = registry.load("draft", list(profiles_dirs or []))
    return load_format("draft").start_check(source, draft_profile)


def _preload(chosen: Sequence[Profile]) -> None:
    """Import what the writers and checks will use. Only a head start: a module that fails to
    import here fails again, with the same error, where it is really used."""
    from .formats import load_format

    for name in dict.fromkeys(p.format for p in chosen):
        try:
            preload = getattr(load_format(name), "preload", None)
            if preload is not None:
                preload()
        except Exception:
            continue
    try:
        importlib.import_module(".checks.browser", __package__)  # for _browser_audit at the end
    except Exception:
        pass


def _browser_audit(outputs: list[OutputResult], enabled: bool, say: Progress) -> None:
    """Add the browser audit's results to every .html output, whatever its profile."""
    from .checks.browser import audit_files, is_html

    html = [o for o in outputs if is_html(o.path)]
    if html and enabled:
        say("Checking the web pages in Chromium")
    audits = audit_files([o.path for o in html], enabled)
    for o in html:
        o.checks.extend(audits[o.path])


def _make_temp_dir(target: Path) -> Path:
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        if target.exists() and not target.is_dir():
            raise OutputError(
                f'Cannot write outputs to "{target}": it is a file, not a folder. Choose another with -o.'
            )
        return Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent))
    except OSError as err:
        raise OutputError(
            f'Cannot write to the folder "{parent}" ({err.strerror}). Choose another folder with -o.'
        ) from err


def _move_into_place(tmp: Path, target: Path, result: ConversionResult) -> None:
    finals = [target / output.path.relative_to(tmp) for output in result.outputs]
    # Look before moving anything, so a clash leaves the folder as it was rather than half updated.
    for final in finals:
        if final.is_dir():
            raise OutputError(
                f'Cannot write "{final.name}" into "{target}": a folder there has that name. '
                "Rename or move that folder, or choose another with -o."
            )
    try:
        target.mkdir(parents=True, exist_ok=True)
        for output, final in zip(result.outputs, finals, strict=True):
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(output.path, final)
            output.path = final
    except OSError as err:
        raise OutputError(
            f'Cannot write to the folder "{target}" ({err.strerror}). Choose another folder with -o.'
        ) from err


def check_file(
    path: Path | str,
    profile: str | Profile | None = None,
    profiles_dirs: Sequence[Path] | None = None,
    browser: bool = False,
) -> CheckFileResult:
    """Check an existing file with the rules of `profile` (by default, chosen from its type).
    With `browser`, an .html file is also audited in headless Chromium (see convert)."""
    from . import profiles as registry
    from .checks.browser import audit_files
    from .errors import InputError
    from .formats import load_format, rules_for

    path = Path(path)
    if not path.is_file():
        what = "this is a folder, not a file" if path.is_dir() else "there is no file with this name"
        raise InputError(path, what, "Check the name and folder.")
    if profile is None:
        # Each format declares the name endings of the files it writes, so every file the tool
        # writes is checked against its own rules ("x-easy-read.docx" as Easy Read, not a draft).
        found = rules_for(path.name, registry.load_all(list(profiles_dirs or [])))
        if found is None:
            raise UsageError(
                f'"{path}": accessconv does not know which rules to check a {path.suffix or "plain"} '
                "file against. Name a profile with -p."
            )
        profile = found
    chosen = profile if isinstance(profile, Profile) else registry.load(profile, list(profiles_dirs or []))
    fmt = load_format(chosen.format)
    if path.suffix.lower() not in fmt.FILE_TYPES:
        raise UsageError(
            f'"{path}": profile "{chosen.name}" checks {", ".join(fmt.FILE_TYPES)} files, '
            f"not {path.suffix or 'this file'}."
        )
    if fmt.OUTPUTS:  # a draft (a checks-only format) is validated by the reader itself
        _require_readable(path)
    checks = fmt.check(path, chosen)
    checks.extend(audit_files([path], browser).get(path, []))
    return CheckFileResult(path, chosen.name, checks)


def _require_readable(path: Path) -> None:
    """A file that is empty or not a file of its type at all is an input error (exit 2) with one
    line, not a list of failed checks."""
    from .errors import InputError
    from .reader import validate_package

    again = "Convert the draft again with accessconv, or name the right file."
    with path.open("rb") as fh:
        head = fh.read(4096)
    if not head:
        raise InputError(path, "the file is empty (0 bytes)", again)
    suffix = path.suffix.lower()
    if suffix in (".docx", ".odt"):
        validate_package(path, head, suffix[1:])
    elif suffix in (".html", ".htm") and b"\x00" in head:
        # Text never holds a zero byte; a Word file or picture renamed to .html always does.
        raise InputError(path, "the file is not a web page (it may be another kind of file renamed)", again)
    elif suffix == ".pdf" and not head.startswith(b"%PDF-"):
        raise InputError(path, "the file is not a PDF (it may be damaged or renamed)", again)
    elif suffix == ".pef" and b"<" not in head:
        raise InputError(path, "the file is not a PEF braille file (it is not XML)", again)
