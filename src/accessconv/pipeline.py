"""The conversion pipeline and the Python API behind the CLI.

read the draft -> check the draft -> for each profile: write (into a private temporary folder)
-> check each written file -> move the files into place. Nothing half-written is ever left in
the output folder: on any failure the temporary folder is removed.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import inspect
import json
import os
import re
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from . import background
from . import profiles as registry
from .checks.browser import audit_files, is_html
from .errors import (
    AccessconvError,
    InputError,
    OutputError,
    ProfileError,
    TimeLimitError,
    UsageError,
    output_problem,
)
from .formats import (
    AnyProfile,
    Profile,
    Ready,
    Written,
    can_write,
    draft,
    load_checker,
    load_format,
    load_plugin,
    rules_for,
    writes_files,
)
from .formats.draft.checking import start_check as start_draft_check
from .limits import DEFAULT, Limits
from .reader import PendingRead, read, start_read, validate_package
from .results import CheckFileResult, ConversionResult, OutputResult
from .scratch import host_tag, pid_alive

if TYPE_CHECKING:
    from .checks import CheckResult
    from .formats import WritingPlugin
    from .model import Document

Progress = Callable[[str], None]
T = TypeVar("T")
# The draft checks' second step: run on the document pandoc read.
DraftCheck = Callable[["Document"], list["CheckResult"]]

__all__ = [
    "CheckFileResult",
    "ConversionResult",
    "OutputResult",
    "check_file",
    "convert",
    "default_out_dir",
    "resolve_profiles",
]

# A draft's outputs are written to '.<name>.acv-<host>-<pid>-<random>.tmp' inside its output
# folder (so moving them into place never crosses file systems) and moved into place. The host and
# process id say whose it is: one whose process has gone was left by a killed run and is removed.
TEMP_PATTERN = re.compile(r"^\..*\.acv-(?P<host>[0-9a-f]{8})-(?P<pid>\d+)-[^.]+\.tmp$")
# Before temporary folders named whose they were: removed when this old.
LEGACY_TEMP_PATTERN = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
LEFTOVER_AGE_SECONDS = 24 * 3600  # any of ours this old is left over, whoever made it
LEGACY_LEFTOVER_AGE_SECONDS = 3600
# Causes of a failed write that are about the output folder, not the draft.
OUTPUT_ERRNOS = {
    getattr(errno, name)
    for name in ("ENOSPC", "EDQUOT", "EACCES", "EPERM", "EROFS", "EXDEV")
    if hasattr(errno, name)
}


def resolve_profiles(
    names: Sequence[str | AnyProfile] | None, profiles_dirs: Sequence[Path] | None = None
) -> list[AnyProfile]:

    extra = list(profiles_dirs or [])
    if not names:
        chosen = registry.defaults(extra)
    else:
        chosen = [n if isinstance(n, Profile) else registry.load(n, extra) for n in names]
    for profile in chosen:
        if not writes_files(load_format(profile.format)):
            raise UsageError(f'Profile "{profile.name}" only checks files; use it with "accessconv check".')
    return chosen


def default_out_dir(source: Path) -> Path:
    return source.parent / f"{source.stem}-accessible"


def convert(
    path: Path | str,
    profiles: Sequence[str | AnyProfile] | None = None,
    out_dir: Path | str | None = None,
    profiles_dirs: Sequence[Path] | None = None,
    progress: Progress | None = None,
    browser: bool = False,
    limits: Limits = DEFAULT,
    force: bool = False,
) -> ConversionResult:
    """Convert one draft with the given profiles (default: every profile marked default).

    With `browser`, every .html output is also audited with axe-core in headless Chromium
    (checks/browser.py); without it, each .html output carries a note that the audit was skipped.

    Raises InputError for a draft that cannot be read, TimeLimitError (an InputError) for one that
    takes longer than `limits.draft_seconds`, ProfileError for a bad profile and OutputError when
    the output folder cannot be written; nothing is left behind on failure."""
    source = Path(path)
    background.mark_start()  # how busy the other cores are is measured from here
    chosen = resolve_profiles(profiles, profiles_dirs)
    target = Path(out_dir) if out_dir is not None else default_out_dir(source)
    try:
        with draft_time_limit(source, limits.draft_seconds) as remaining:
            return _convert(
                source, chosen, target, profiles_dirs, progress, browser, limits, remaining, force
            )
    except _OutOfTime:  # the alarm went off just as the draft finished
        raise TimeLimitError(source, limits.draft_seconds) from None


def _convert(
    source: Path,
    chosen: list[AnyProfile],
    target: Path,
    profiles_dirs: Sequence[Path] | None,
    progress: Progress | None,
    browser: bool,
    limits: Limits,
    remaining: Callable[[], float | None],
    force: bool = False,
) -> ConversionResult:
    say = progress or (lambda _msg: None)
    result = ConversionResult(source=source, out_dir=target)
    run = _Outputs(source, chosen, target)
    done = False
    with contextlib.ExitStack() as stack:
        # Unwound in reverse: every child is ended before the temporary folder is removed.
        stack.callback(run.clean_up, lambda: done)
        start = functools.partial(run.start, stack=stack)
        doc, draft_check = _read_draft(source, chosen, profiles_dirs, limits, remaining, say, start)
        if draft_check is not None:
            say("Checking the draft")
        try:
            if run.jobs is None:  # pandoc ended after the formats had loaded: start now
                run.start(doc, draft_check, stack)
            run.finish(doc, result, say)
            _browser_audit(result.outputs, browser, say)
            _move_into_place(run.temp, target, result, force)
            done = True
        except AccessconvError as err:
            # The officer knows the output folder, not our temporary one inside it.
            tmp = run.tmp
            if tmp is not None:
                err.args = tuple(str(a).replace(str(tmp), str(target)) for a in err.args)
            raise
        except OSError as err:
            if err.errno in OUTPUT_ERRNOS:
                raise OutputError(output_problem(err, target)) from err
            raise
    return result


class _Outputs:
    """Writing and checking one draft's outputs into a private temporary folder.

    `start` runs as soon as pandoc has read the draft, even while this process is still loading
    the heaviest format (Easy Read's parser): it makes the temporary folder and hands the other
    profiles (and the draft's own checks) to another core at once, where before they waited for
    that loading. `finish` writes the heaviest profile here and collects everything."""

    def __init__(self, source: Path, chosen: list[AnyProfile], target: Path) -> None:
        self.source = source
        self.chosen = chosen
        self.target = target
        self.tmp: Path | None = None
        self.made_target = False
        self.jobs: background.Pool | None = None
        self.others: list[AnyProfile] = []
        self.batch: background.Job[list[OutputResult]] | None = None
        self.drafted: background.Job[list[CheckResult]] | None = None

    @property
    def temp(self) -> Path:
        if self.tmp is None:  # start() makes it before anything else is written
            raise RuntimeError("the temporary folder is made by _Outputs.start")
        return self.tmp

    def start(self, doc: Document, draft_check: DraftCheck | None, stack: contextlib.ExitStack) -> None:
        """Make the temporary folder and start the work for the other cores (background.py): with
        several profiles, a child writes and checks all but the heaviest (by its format's COST);
        the draft's own checks run in a child when a core is free, else with the other checks."""
        self.tmp, self.made_target = _make_temp_dir(self.target)
        jobs = self.jobs = stack.enter_context(background.pool())
        heaviest = max(self.chosen, key=lambda p: getattr(load_format(p.format), "COST", 1))
        self.others = [p for p in self.chosen if p is not heaviest] if jobs.children else []
        if self.others:
            work = functools.partial(_write_and_check, doc, self.source, self.others, self.tmp)
            self.batch = jobs.submit(functools.partial(_behind, work), start=True)
        # After the batch, so it never takes the core the batch needs.
        if draft_check is not None:
            self.drafted = jobs.submit(functools.partial(draft_check, doc), start=True)

    def finish(self, doc: Document, result: ConversionResult, say: Progress) -> None:
        """Write the profiles not handed to a child, each file checked in a child too while the
        next is written; results are read back in profile order, so the report is the same as
        when everything runs here."""
        jobs, tmp = self.jobs, self.temp
        assert jobs is not None  # start() came first
        if self.others:
            say(f"Writing {', '.join(p.name for p in self.others)} (on another core)")
        pending: list[tuple[AnyProfile, Path, list[str], background.Job[list[CheckResult]]]] = []
        for profile in [p for p in self.chosen if p not in self.others]:
            say(f"Writing {profile.name}")
            # A file the writer hands over as soon as it is finished is checked at once (see
            # Pool.submit_ready); the others after the writer returns.
            handed: dict[Path, background.Job[list[CheckResult]]] = {}

            def ready(file: Path, profile: AnyProfile = profile, handed: dict[Path, Any] = handed) -> None:
                handed[file] = jobs.submit_ready(_checker(profile, file, doc))

            written = _write(profile, doc, tmp, self.source.stem, ready)
            for file in written.paths:
                job = handed.get(file) or jobs.submit(_checker(profile, file, doc))
                pending.append((profile, file, written.notes, job))
        if self.drafted is not None:
            result.draft_checks = jobs.result(self.drafted)
        done = jobs.result(self.batch) if self.batch is not None else []
        for profile in self.chosen:
            if profile in self.others:
                result.outputs.extend(o for o in done if o.profile == profile.name)
                continue
            for owner, file, notes, job in pending:
                if owner is profile:
                    say(f"Checking {file.name}")
                    checks = jobs.result(job)
                    result.outputs.append(OutputResult(profile.name, profile.format, file, checks, notes))

    def clean_up(self, succeeded: Callable[[], bool]) -> None:
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
        if self.made_target and not succeeded():
            with contextlib.suppress(OSError):
                self.target.rmdir()  # only if empty: made by this run, and nothing went in


def _read_draft(
    source: Path,
    chosen: list[AnyProfile],
    profiles_dirs: Sequence[Path] | None,
    limits: Limits,
    remaining: Callable[[], float | None],
    say: Progress,
    on_read: Callable[[Document, DraftCheck | None], None] | None = None,
) -> tuple[Document, DraftCheck | None]:
    """The draft's document, and the draft checks' second step (None without a draft profile).
    `on_read` is called as soon as pandoc has finished, between two steps of loading the formats
    (not at all if it finishes after them)."""
    say(f"Reading {source.name}")
    doc: Document | None = None
    with start_read(source, limits=limits) as pending:
        # While pandoc reads the draft (a separate process), do the work that does not need its
        # text. Errors wait until pandoc is done, so a draft pandoc cannot read is still reported
        # first, as it was when these steps came after reading.
        try:
            draft_check = _start_draft_check(source, profiles_dirs)
            deferred: Exception | None = None
        except Exception as err:  # raised again below, after reading
            draft_check, deferred = None, err
        # No rounds of the cycle collector while the libraries load, and none over them after.
        with background.collector_paused():
            for step in _load_steps(chosen):
                # Not before the other processes' use of the cores can be measured (a small draft
                # reads in a tenth of a second): that decides how many children start.
                if on_read is not None and doc is None and deferred is None:
                    if background.measured() and pending.finished():
                        doc = _result(pending, source, limits, remaining)
                        on_read(doc, draft_check)
                step()
            background.loaded()
        if doc is None:
            doc = _result(pending, source, limits, remaining)
    if deferred is not None:
        raise deferred
    return doc, draft_check


def _result(
    pending: PendingRead, source: Path, limits: Limits, remaining: Callable[[], float | None]
) -> Document:
    try:
        return pending.result(timeout=remaining())
    except TimeLimitError:
        raise TimeLimitError(source, limits.draft_seconds) from None


def _writer(profile: AnyProfile) -> WritingPlugin[Any, Any]:
    plugin = load_plugin(profile.format)
    if not can_write(plugin):  # resolve_profiles refused it already
        raise UsageError(f'Profile "{profile.name}" only checks files; use it with "accessconv check".')
    return plugin


def _write(profile: AnyProfile, doc: Document, tmp: Path, stem: str, ready: Ready) -> Written:
    """The profile's files, handing each over to `ready` as it is finished where the writer can
    (a writer made before `ready` existed is called without it)."""
    writer = _writer(profile)
    if _takes_ready(writer.write):
        return writer.write(doc, profile, tmp, stem, ready=ready)
    return writer.write(doc, profile, tmp, stem)


@functools.cache
def _takes_ready(write: Callable[..., Written]) -> bool:
    try:
        return "ready" in inspect.signature(write).parameters
    except (TypeError, ValueError):
        return False


def _checker(profile: AnyProfile, file: Path, doc: Document) -> Callable[[], list[CheckResult]]:
    # The draft goes along for checks that compare with it (braille's round trip).
    return functools.partial(_writer(profile).check, file, profile, doc=doc)


# How far the other profiles' child steps back (nice) for this process, which writes the costliest
# profile: on a core both want, this one goes first, and the child takes what is left.
BEHIND = 4


def _behind(work: Callable[[], T]) -> T:
    """Run `work` (in a child) at a lower priority than this conversion's own process."""
    with contextlib.suppress(OSError, AttributeError):
        os.nice(BEHIND)
    return work()


def _write_and_check(
    doc: Document, source: Path, profiles: list[AnyProfile], tmp: Path
) -> list[OutputResult]:
    """Write and check these profiles' files one after another (in a child process). A file the
    writer hands over while its own thread works on (Typst) is checked then, in the time this
    process would only wait."""
    outputs = []
    for profile in profiles:
        early: dict[Path, list[CheckResult]] = {}

        def ready(file: Path, profile: AnyProfile = profile, early: dict[Path, Any] = early) -> None:
            if threading.active_count() > 1:
                early[file] = _checker(profile, file, doc)()

        written = _write(profile, doc, tmp, source.stem, ready)
        for file in written.paths:
            checks = early[file] if file in early else _checker(profile, file, doc)()
            outputs.append(OutputResult(profile.name, profile.format, file, checks, written.notes))
    return outputs


class _OutOfTime(BaseException):
    """Raised by the alarm in the middle of a draft. A BaseException, so no `except Exception`
    on the way (a writer's fallback, an optional import) can swallow it; draft_time_limit turns it
    into a TimeLimitError."""


@contextlib.contextmanager
def draft_time_limit(source: Path, seconds: float) -> Iterator[Callable[[], float | None]]:
    """Stop a draft that runs longer than `seconds` (0: no limit) with TimeLimitError. Yields a
    function giving the seconds left (None: no limit), for waits such as pandoc's.

    An alarm signal interrupts the Python work; pandoc gets the time left as its own timeout.
    Signals reach only the main thread: called from another thread, only pandoc's wait is bounded.
    `finally` blocks (which remove temporary folders) still run when the alarm fires."""
    if seconds <= 0:
        yield lambda: None
        return
    deadline = time.monotonic() + seconds

    def remaining() -> float:
        return max(0.01, deadline - time.monotonic())

    use_alarm = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    if not use_alarm:
        yield remaining
        return

    def out_of_time(_signum: int, _frame: object) -> None:
        raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, out_of_time)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield remaining
    except _OutOfTime:
        raise TimeLimitError(source, seconds) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _start_draft_check(source: Path, profiles_dirs: Sequence[Path] | None) -> DraftCheck | None:
    """The draft checks' first step (reading the .docx's own XML), or None without a draft profile."""
    if "draft" not in registry.available(list(profiles_dirs or [])):
        return None
    loaded = registry.load("draft", list(profiles_dirs or []))
    if not isinstance(loaded.settings, draft.Settings) or not isinstance(loaded.checks, draft.Checks):
        raise ProfileError(
            f'Profile "{loaded.path}": a profile called "draft" holds the checks of the draft itself, '
            f'so its "format" must be "draft", not "{loaded.format}".'
        )
    # Its settings and checks are the draft format's, as checked just above.
    draft_profile = cast("Profile[draft.Settings, draft.Checks]", loaded)
    return start_draft_check(source, draft_profile)


def _load_steps(chosen: Sequence[AnyProfile]) -> Iterator[Callable[[], None]]:
    """The steps that import the chosen formats' checks and writers (and let a plug-in load its
    data, `warm_up`) while pandoc reads the draft, lightest format first (by COST): pandoc often
    ends while these run, and the pipeline looks between two steps, so the work for the other
    cores starts before the heaviest (Easy Read's parser) is loaded. Each format's checks (a
    module of their own, lighter than its writers) come before its writers.
    Only a head start: a plug-in that fails to load here fails again, with the same error,
    where it is really used."""
    names = sorted(
        dict.fromkeys(p.format for p in chosen), key=lambda n: getattr(_format_or_none(n), "COST", 1)
    )
    for name in names:
        for load in (load_checker, load_plugin):
            yield functools.partial(_quietly, load, name)
        yield functools.partial(_warm_up, name)


def _format_or_none(name: str) -> object:
    try:
        return load_format(name)
    except Exception:
        return None


def _quietly(load: Callable[[str], object], name: str) -> None:
    with contextlib.suppress(Exception):
        load(name)


def _warm_up(name: str) -> None:
    with contextlib.suppress(Exception):
        warm_up = getattr(load_plugin(name), "warm_up", None)
        if warm_up is not None:
            warm_up()


def _browser_audit(outputs: list[OutputResult], enabled: bool, say: Progress) -> None:
    """Add the browser audit's results to every .html output, whatever its profile."""
    html = [o for o in outputs if is_html(o.path)]
    if html and enabled:
        say("Checking the web pages in Chromium")
    audits = audit_files([o.path for o in html], enabled)
    for o in html:
        o.checks.extend(audits[o.path])


def temp_dir_prefix(name: str) -> str:
    return f".{name}.acv-{host_tag()}-{os.getpid()}-"


def _make_temp_dir(target: Path) -> tuple[Path, bool]:
    """A private temporary folder inside `target` (made if need be; True if made here), after
    removing any a killed run left there."""
    if target.exists() and not target.is_dir():
        raise OutputError(
            f'Cannot write outputs to "{target}": it is a file, not a folder. Choose another with -o.'
        )
    try:
        made = not target.exists()
        target.mkdir(parents=True, exist_ok=True)
        remove_leftover_temp_dirs(target)
        return Path(tempfile.mkdtemp(prefix=temp_dir_prefix(target.name), suffix=".tmp", dir=target)), made
    except OSError as err:
        raise OutputError(output_problem(err, target)) from err


def is_leftover_temp(path: Path) -> bool:
    """A temporary folder of ours whose run was killed: its process has gone (on this computer),
    or it is too old to belong to any run."""
    match = TEMP_PATTERN.match(path.name)
    try:
        age = time.time() - path.lstat().st_mtime
    except OSError:
        return False
    if match is None:
        return LEGACY_TEMP_PATTERN.match(path.name) is not None and age > LEGACY_LEFTOVER_AGE_SECONDS
    if age > LEFTOVER_AGE_SECONDS:
        return True
    return match["host"] == host_tag() and not pid_alive(int(match["pid"]))


def remove_leftover_temp_dirs(folder: Path) -> list[Path]:
    """Remove the temporary folders killed runs left in `folder` (and, for a folder written in an
    earlier version, beside it). Returns what was removed."""
    removed = []
    for place in (folder, folder.parent):
        try:
            entries = list(os.scandir(place))
        except OSError:
            continue
        for entry in entries:
            if entry.name.endswith(".tmp") and entry.is_dir(follow_symlinks=False):
                path = Path(entry.path)
                if is_leftover_temp(path):
                    shutil.rmtree(path, ignore_errors=True)
                    removed.append(path)
    return removed


def _hashes_file(target: Path) -> Path:
    """Where the hashes of what was written into `target` are kept: a small file per output folder
    in the user's state folder, so output folders hold only outputs."""
    base = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state")
    key = hashlib.sha256(str(target.resolve()).encode("utf-8")).hexdigest()[:20]
    return base / "accessconv" / "written" / f"{key}.json"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _written_hashes(target: Path) -> dict[str, str]:
    try:
        data = json.loads(_hashes_file(target).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _refuse_changed(finals: list[Path], target: Path, source: Path) -> None:
    """An output a person changed since accessconv wrote it is never replaced (unless --force):
    its hash was kept when it was written."""
    hashes = _written_hashes(target)
    for final in finals:
        known = hashes.get(final.name)
        if known and final.is_file() and _sha256(final) != known:
            raise OutputError(
                f'"{final.name}" was changed since accessconv wrote it, so it was not replaced. '
                f'Carry your changes into the draft "{source.name}" or, for Easy Read, into '
                f'"{source.stem}.easy-read.toml" beside it (the review sheet gives the line for each '
                "change), then run again; or add --force to replace it."
            )


def _move_into_place(tmp: Path, target: Path, result: ConversionResult, force: bool = False) -> None:
    finals = [target / output.path.relative_to(tmp) for output in result.outputs]
    if not force:
        _refuse_changed(finals, target, result.source)
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
            _replace(output.path, final)
            output.path = final
    except OSError as err:
        raise OutputError(output_problem(err, target)) from err
    hashes = _written_hashes(target)
    hashes.update({final.name: _sha256(final) for final in finals if final.parent == target})
    record = _hashes_file(target)
    try:  # only a safeguard: a state folder that cannot be written never fails a conversion
        record.parent.mkdir(parents=True, exist_ok=True)
        part = record.with_name(f"{record.name}.{os.getpid()}.tmp")
        part.write_text(json.dumps(hashes, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(part, record)
    except OSError:
        pass


def _replace(src: Path, final: Path) -> None:
    """Move a finished file into place in one step. The temporary folder is inside the output
    folder, so this is a rename; should a file system still refuse (a mount below it), copy to a
    hidden name beside `final` and rename that, so `final` is never seen half-written."""
    try:
        os.replace(src, final)
    except OSError as err:
        if err.errno != errno.EXDEV:
            raise
        part = final.with_name(f"{temp_dir_prefix(final.name)}copy.tmp")
        try:
            shutil.copyfile(src, part)
            os.replace(part, final)
        finally:
            part.unlink(missing_ok=True)
        src.unlink(missing_ok=True)


def check_file(
    path: Path | str,
    profile: str | AnyProfile | None = None,
    profiles_dirs: Sequence[Path] | None = None,
    browser: bool = False,
    limits: Limits = DEFAULT,
    draft: Path | str | None = None,
) -> CheckFileResult:
    """Check an existing file with the rules of `profile` (by default, chosen from its type).
    With `browser`, an .html file is also audited in headless Chromium (see convert). With
    `draft`, the checks that compare an output with its draft (the braille round trip) run too.
    Stops with TimeLimitError after `limits.draft_seconds`."""
    try:
        with draft_time_limit(Path(path), limits.draft_seconds):
            return _check_file(Path(path), profile, profiles_dirs, browser, draft)
    except _OutOfTime:
        raise TimeLimitError(path, limits.draft_seconds) from None


def _check_file(
    path: Path,
    profile: str | AnyProfile | None,
    profiles_dirs: Sequence[Path] | None,
    browser: bool,
    draft: Path | str | None = None,
) -> CheckFileResult:

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
    # Only the format's checks: checking a file loads none of the writers (nor spaCy).
    plugin = load_checker(chosen.format)
    if path.suffix.lower() not in fmt.FILE_TYPES:
        raise UsageError(
            f'"{path}": profile "{chosen.name}" checks {", ".join(fmt.FILE_TYPES)} files, '
            f"not {path.suffix or 'this file'}."
        )
    if fmt.OUTPUTS:  # a draft (a checks-only format) is validated by the reader itself
        _require_readable(path)
    if draft is not None:
        checks = plugin.check(path, chosen, read(Path(draft)))
    else:
        checks = plugin.check(path, chosen)
    checks.extend(audit_files([path], browser).get(path, []))
    return CheckFileResult(path, chosen.name, checks)


def _require_readable(path: Path) -> None:
    """A file that is empty or not a file of its type at all is an input error (exit 2) with one
    line, not a list of failed checks."""
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
