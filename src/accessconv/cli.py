"""The `accessconv` command: a thin layer over accessconv.pipeline.

Errors a user can hit are caught here, once, and printed as one line (exit code 2). The pipeline,
the reports, batch, the service and profile loading are imported inside the commands that use them
(marked "start-up"), so `accessconv --help` starts fast; nothing below the CLI imports lazily except
the plug-in loader (formats.load_checker, formats.load_plugin).
"""

from __future__ import annotations

import errno
import json
import os
import signal
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypedDict

import click

from .config import (
    DEFAULT_INTERVAL_SECONDS,
    DEFAULT_SETTLE_SECONDS,
    DEFAULT_STALE_LOCK_MINUTES,
    MIN_INTERVAL_SECONDS,
    MIN_STALE_LOCK_MINUTES,
    Config,
    config_option,
)
from .errors import AccessconvError, disk_full
from .version import __version__

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar

    from .limits import Limits
    from .results import BatchResult

PROFILES_DIR_HELP = "Extra folder of profile files (repeatable); also read from $ACCESSCONV_PROFILES."
BROWSER_HELP = (
    "Also test each web page (.html) in a real browser: axe-core's WCAG 2.2 A/AA rules in headless "
    "Chromium, and a 320 px wide reflow check. Needs the chromium package."
)

# Options shared by convert, check and batch: one definition each, so they read and behave alike.
report_option = click.option(
    "--report",
    "report_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Print the report for people (text) or programs (json).",
)
fail_on_option = click.option(
    "--fail-on",
    type=click.Choice(["error", "warning"]),
    default="error",
    show_default=True,
    help="Exit with code 1 on check errors only, or on warnings too.",
)
profiles_option = click.option(
    "-p",
    "--profile",
    "profile_names",
    multiple=True,
    metavar="NAME",
    help="Profile to use (repeatable). Default: every default profile.",
)
profiles_dir_option = click.option(
    "--profiles-dir", "profiles_dirs", multiple=True, type=click.Path(path_type=Path), help=PROFILES_DIR_HELP
)


class _Status:
    """One-line progress on stderr, only when a person is watching a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.width = 0

    def __call__(self, message: str) -> None:
        if self.enabled:
            text = f"  ... {message}"[:79]
            click.echo("\r" + text.ljust(self.width), nl=False, err=True)
            self.width = len(text)

    def clear(self) -> None:
        if self.enabled and self.width:
            click.echo("\r" + " " * self.width + "\r", nl=False, err=True)
            self.width = 0


def _message(path: Path, err: Exception) -> str:
    """The one line an officer sees for an error. A bug of ours (not an AccessconvError) still gets
    one line, naming the draft; ACCESSCONV_DEBUG=1 shows the traceback for the team."""
    if isinstance(err, AccessconvError):
        return str(err)
    if isinstance(err, OSError) and err.errno == errno.ENOSPC:
        # Outside the output folder (pandoc's working files): not a bug, not the draft's fault.
        return disk_full(path)
    if os.environ.get("ACCESSCONV_DEBUG"):
        raise err
    return (
        f'"{path}": accessconv hit an unexpected problem ({type(err).__name__}: {err}). '
        "No files were written. Please send the draft to the accessconv team."
    )


def _limits() -> Limits:
    """The [limits] of the project file read by --config (or the built-in ones)."""
    ctx = click.get_current_context(silent=True)
    config = ctx.meta.get("accessconv.config") if ctx is not None else None
    return (config or Config()).limits


def _stop_on_term() -> None:
    """A service manager or `kill` stopping us: stop as cleanly as on Ctrl-C (temporary folders
    removed, the lock released, finished drafts kept)."""

    def stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)


def _fail(message: str, code: int = 2) -> NoReturn:
    click.echo(f"accessconv: {message}", err=True)
    sys.exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="accessconv")
def cli() -> None:
    """Turn a Word or Markdown draft into accessible formats, and check them.

    \b
    Examples:
      accessconv convert "Draft Workforce Strategy.docx"
      accessconv convert notes.md -p html -o Accessible/
      accessconv check "Draft Workforce Strategy-accessible/Draft Workforce Strategy.html"
      accessconv batch Drafts/ --out Accessible/
      accessconv profiles
    """


@cli.command()
@click.argument("drafts", nargs=-1, required=True, type=click.Path(path_type=Path))
@profiles_option
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    help="Output folder. Default: '<draft name>-accessible' beside the draft.",
)
@report_option
@fail_on_option
@profiles_dir_option
@click.option("--browser", is_flag=True, help=BROWSER_HELP)
@click.option(
    "--force", is_flag=True, help="Replace outputs even if a person changed them since they were written."
)
@config_option("convert")
def convert(
    drafts: tuple[Path, ...],
    profile_names: tuple[str, ...],
    out_dir: Path | None,
    report_format: str,
    fail_on: str,
    profiles_dirs: tuple[Path, ...],
    browser: bool,
    force: bool = False,
) -> None:
    """Convert DRAFTS (.docx, .odt, .md, .html) and check every output."""
    # start-up: imported when the command runs, not for --help
    from .pipeline import ConversionResult, default_out_dir, resolve_profiles
    from .pipeline import convert as run_convert
    from .report import to_json, to_text
    from .results import exit_code

    # Several drafts into one -o folder each get their own subfolder.
    targets = [
        out_dir / f"{draft.stem}-accessible" if out_dir and len(drafts) > 1 else out_dir for draft in drafts
    ]
    _refuse_shared_outputs(drafts, [t or default_out_dir(d) for d, t in zip(drafts, targets, strict=True)])
    try:
        profiles = resolve_profiles(list(profile_names), list(profiles_dirs))
    except AccessconvError as err:
        _fail(str(err))
    status = _Status(report_format == "text" and sys.stderr.isatty())
    results: list[ConversionResult] = []
    limits = _limits()
    _stop_on_term()
    for draft, target in zip(drafts, targets, strict=True):
        try:
            results.append(
                run_convert(
                    draft,
                    profiles,
                    target,
                    list(profiles_dirs),
                    progress=status,
                    browser=browser,
                    limits=limits,
                    force=force,
                )
            )
        except KeyboardInterrupt:
            status.clear()
            _fail("Stopped. Nothing half-written was left; run the same command to convert the drafts.", 130)
        except Exception as err:  # the CLI boundary: one line per draft, never a traceback
            message = _message(draft, err)
            if len(drafts) == 1 and report_format == "text":
                status.clear()
                _fail(message)
            results.append(ConversionResult(source=draft, out_dir=None, error=message))
        finally:
            status.clear()
    if report_format == "json":
        click.echo(json.dumps(to_json(results, fail_on), indent=2, ensure_ascii=False))
    else:
        click.echo(to_text(results, fail_on))
    sys.exit(exit_code(results, fail_on))


def _refuse_shared_outputs(drafts: tuple[Path, ...], targets: list[Path]) -> None:
    """Two drafts with the same name (plan.md and plan.docx, or two folders' plan.docx) would
    write the same files into the same folder, the second silently replacing the first."""
    seen: dict[Path, Path] = {}
    for draft, target in zip(drafts, targets, strict=True):
        key = target.resolve()
        if key in seen and seen[key].resolve() != draft.resolve():
            _fail(
                f'"{seen[key]}" and "{draft}" have the same name, so their accessible versions would '
                f'overwrite each other in "{target}". Convert them one at a time with a different -o '
                "folder for each, or rename one."
            )
        seen.setdefault(key, draft)


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "-p",
    "--profile",
    "profile_name",
    metavar="NAME",
    help="Whose rules apply, e.g. large-print for a large print .docx. Default: from the file type.",
)
@report_option
@fail_on_option
@profiles_dir_option
@click.option("--browser", is_flag=True, help=BROWSER_HELP)
@click.option(
    "--draft",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="The draft FILE was made from: braille is then compared with it word for word (the round trip).",
)
@config_option("check")
def check(
    file: Path,
    profile_name: str | None,
    report_format: str,
    fail_on: str,
    profiles_dirs: tuple[Path, ...],
    browser: bool,
    draft: Path | None,
) -> None:
    """Check an existing FILE (an output, or a draft) against the standards."""
    # start-up: imported when the command runs, not for --help
    from .pipeline import check_file
    from .report import to_json, to_text
    from .results import exit_code

    try:
        result = check_file(
            file, profile_name, list(profiles_dirs), browser=browser, limits=_limits(), draft=draft
        )
    except Exception as err:  # the CLI boundary
        _fail(_message(file, err))
    if report_format == "json":
        click.echo(json.dumps(to_json([result], fail_on), indent=2, ensure_ascii=False))
    else:
        click.echo(to_text([result], fail_on))
    sys.exit(exit_code([result], fail_on))


@cli.command()
@profiles_dir_option
@config_option("profiles")
def profiles(profiles_dirs: tuple[Path, ...]) -> None:
    """List the profiles you can use with -p."""
    # start-up: imported when the command runs, not for --help
    from . import profiles as registry

    try:
        loaded = registry.load_all(list(profiles_dirs))
    except AccessconvError as err:
        _fail(str(err))
    width = max((len(p.name) for p in loaded), default=0)
    for p in loaded:
        marks = " (default)" if p.default else ""
        click.echo(f"{p.name.ljust(width)}  {p.description}{marks}")
    click.echo(
        f"\nProfiles are read from: {', '.join(str(d) for d in registry.search_dirs(list(profiles_dirs)))}"
    )


class _BatchBar:
    """click's progress bar on stderr while a batch runs, only when a person watches a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: ProgressBar[int] | None = None
        self.done = 0

    def __call__(self, done: int, total: int, _draft: str) -> None:
        if not self.enabled or total == 0:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="Converting drafts", file=sys.stderr)
            self.bar.__enter__()
            self.done = 0
        self.bar.update(done - self.done)
        self.done = done

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@cli.command()
@click.argument("src", required=False, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    help="Output folder: a mirror of SRC with one folder per draft (or set 'out' in accessconv.toml).",
)
@profiles_option
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="How many drafts to convert at once. Default: the number of processor cores.",
)
@click.option("--watch", is_flag=True, help="Keep running and convert drafts as they appear or change.")
@click.option(
    "--interval",
    type=click.FloatRange(min=MIN_INTERVAL_SECONDS),
    default=DEFAULT_INTERVAL_SECONDS,
    show_default=True,
    help="Seconds between looks at the folder with --watch.",
)
@click.option(
    "--settle",
    type=click.FloatRange(min=0),
    default=DEFAULT_SETTLE_SECONDS,
    show_default=True,
    help="Seconds a new or changed draft must stay the same size and time before it is converted.",
)
@click.option(
    "--prune/--keep-orphans",
    default=True,
    show_default=True,
    help="Remove the outputs of deleted drafts, or keep them and list them in the report.",
)
@click.option("--force", is_flag=True, help="Convert every draft again, even those that have not changed.")
@click.option(
    "--stale-lock",
    "stale_lock_minutes",
    type=click.FloatRange(min=MIN_STALE_LOCK_MINUTES),
    default=DEFAULT_STALE_LOCK_MINUTES,
    show_default=True,
    help="Minutes after which a lock left behind by a stopped run is cleared.",
)
@report_option
@fail_on_option
@profiles_dir_option
@click.option("--browser", is_flag=True, help=BROWSER_HELP)
@config_option("batch")
def batch(
    src: Path | None,
    out_dir: Path | None,
    profile_names: tuple[str, ...],
    jobs: int | None,
    watch: bool,
    interval: float,
    settle: float,
    prune: bool,
    force: bool,
    stale_lock_minutes: float,
    report_format: str,
    fail_on: str,
    profiles_dirs: tuple[Path, ...],
    browser: bool,
) -> None:
    """Convert every draft in the folder SRC (and its subfolders) into a mirrored output folder.

    Only new and changed drafts are converted again. The output folder gets index.html (a report
    to open in a browser) and report.json. Exit code: 0 all passed, 1 check problems (or warnings
    with --fail-on warning), 2 a draft could not be converted or the command was wrong.

    \b
    Examples:
      accessconv batch Drafts/ --out Accessible/
      accessconv batch Drafts/ --out Accessible/ -p html --jobs 2 --watch
    """
    if src is None:
        _fail(
            'Name the folder of drafts, e.g. accessconv batch Drafts/ --out Accessible/ (or set "source" '
            "under [batch] in accessconv.toml)."
        )
    if out_dir is None:
        _fail(
            "Name the output folder with --out, e.g. accessconv batch Drafts/ --out Accessible/ "
            '(or set "out" in accessconv.toml).'
        )
    output = _BatchOutput(report_format, fail_on, watch)
    options = _BatchOptions(
        jobs=jobs,
        prune=prune,
        settle=settle,
        stale_lock_minutes=stale_lock_minutes,
        fail_on=fail_on,
        browser=browser,
        limits=_limits(),
    )
    _stop_on_term()
    if watch:
        _batch_watch(src, out_dir, list(profile_names), list(profiles_dirs), interval, output, options)
    _batch_once(src, out_dir, list(profile_names), list(profiles_dirs), force, output, options)


class _BatchOptions(TypedDict):
    jobs: int | None
    prune: bool
    settle: float
    stale_lock_minutes: float
    fail_on: str
    browser: bool
    limits: Limits


class _BatchOutput:
    """What `accessconv batch` prints: the whole report, then with --watch what each look changed."""

    def __init__(self, report_format: str, fail_on: str, watch: bool) -> None:
        self.bar = _BatchBar(report_format == "text" and sys.stderr.isatty())
        self.report_format = report_format
        self.fail_on = fail_on
        self.watch = watch
        self.last: BatchResult | None = None
        self.said: str | None = None  # the last error while watching, said once

    def show(self, result: BatchResult) -> None:
        # start-up: imported when the command runs, not for --help
        from .report import batch_to_json, batch_to_text

        self.bar.finish()
        if self.report_format == "json":
            # With --watch, one report per line (JSON Lines).
            report = batch_to_json(result, self.fail_on)
            click.echo(json.dumps(report, ensure_ascii=False) if self.watch else json.dumps(report, indent=2))
        else:
            click.echo(batch_to_text(result, self.fail_on))

    def on_cycle(self, result: BatchResult) -> None:
        # start-up: imported when the command runs, not for --help
        from .report import batch_changes_text

        busy = result.converted or result.new_failures or any(o.removed for o in result.orphans)
        if self.last is None:
            self.show(result)  # the whole table once
        elif busy and self.report_format == "json":
            self.show(result)
        elif busy:
            self.bar.finish()
            click.echo(f"{datetime.now():%H:%M:%S}\n{batch_changes_text(result, self.fail_on)}")
        self.last = result
        self.said = None

    def on_error(self, err: AccessconvError) -> None:
        # e.g. a profile saved half-edited: say it once, not at every look.
        if self.said != str(err):
            self.bar.finish()
            click.echo(f"accessconv: {err} (still watching)", err=True)
            self.said = str(err)

    def fail(self, message: str, code: int = 2) -> NoReturn:
        self.bar.finish()
        _fail(message, code)


def _batch_once(
    src: Path,
    out_dir: Path,
    profile_names: list[str],
    profiles_dirs: list[Path],
    force: bool,
    output: _BatchOutput,
    options: _BatchOptions,
) -> NoReturn:
    # start-up: imported when the command runs, not for --help
    from .batch import convert_folder

    try:
        result = convert_folder(
            src, out_dir, profile_names, profiles_dirs, force=force, progress=output.bar, **options
        )
    except AccessconvError as err:
        output.fail(str(err))
    except KeyboardInterrupt:
        output.fail(
            "Stopped. The drafts finished so far are in place; run the same command to do the rest.", 130
        )
    output.show(result)
    sys.exit(result.exit_code(output.fail_on))


def _batch_watch(
    src: Path,
    out_dir: Path,
    profile_names: list[str],
    profiles_dirs: list[Path],
    interval: float,
    output: _BatchOutput,
    options: _BatchOptions,
) -> NoReturn:
    # start-up: imported when the command runs, not for --help
    from .batch import watch_folder

    click.echo(f"Watching {src} every {interval:g} seconds. Press Ctrl-C to stop.", err=True)
    try:
        watch_folder(
            src,
            out_dir,
            profile_names,
            profiles_dirs,
            interval=interval,
            on_cycle=output.on_cycle,
            on_error=output.on_error,
            progress=output.bar,
            **options,
        )
    except AccessconvError as err:
        output.fail(str(err))
    except KeyboardInterrupt:
        output.bar.finish()
        click.echo(
            "\nStopped watching. Every draft converted so far is in place (nothing is left half-written); "
            f"the folder report is {Path(out_dir) / 'index.html'}.",
            err=True,
        )
    sys.exit(output.last.exit_code(output.fail_on) if output.last else 0)


_DATA_HELP = "Folder for queued drafts and results. Default: ~/.local/state/accessconv/service."
_QUEUE_HELP = "redis://host:6379/0 to share one queue between machines. Default: SQLite in --data."


@cli.command()
@click.option("--bind", help="Address to listen on. Default: 127.0.0.1:8080 (from [service] bind).")
@click.option("--data", "data_dir", type=click.Path(path_type=Path, file_okay=False), help=_DATA_HELP)
@click.option("--queue", help=_QUEUE_HELP)
@click.option("--workers", type=click.IntRange(1), help="Conversions at once. Default: [service] workers.")
@click.option("--no-workers", is_flag=True, help="Start no workers here (they run as `accessconv worker`).")
@config_option("serve")
def serve(
    bind: str | None, data_dir: Path | None, queue: str | None, workers: int | None, no_workers: bool
) -> None:
    """Run the web page for officers and the JSON API (docs/service.md)."""
    # start-up: imported when the command runs, not for --help
    from .service.server import serve as run

    try:
        run(_config(), bind, data_dir, queue, workers, start_workers=not no_workers)
    except AccessconvError as err:
        _fail(str(err))


@cli.command()
@click.option("--data", "data_dir", type=click.Path(path_type=Path, file_okay=False), help=_DATA_HELP)
@click.option("--queue", help=_QUEUE_HELP)
@click.option("--workers", type=click.IntRange(1), help="Conversions at once. Default: [service] workers.")
@click.option("--parent", type=int, hidden=True)
@config_option("worker")
def worker(data_dir: Path | None, queue: str | None, workers: int | None, parent: int | None) -> None:
    """Take conversions from the service's queue (run several, on several machines, with Redis)."""
    # start-up: imported when the command runs, not for --help
    from .service.server import worker as run

    run(_config(), data_dir, queue, workers, parent)


def _config() -> Config:
    ctx = click.get_current_context(silent=True)
    config: Config | None = ctx.meta.get("accessconv.config") if ctx is not None else None
    return config or Config()


def main() -> None:
    # Broken pipes (e.g. `accessconv profiles | head`) should end quietly.
    try:
        cli()
    except BrokenPipeError:
        os._exit(0)
