"""The `accessconv` command: a thin layer over accessconv.pipeline.

Errors a user can hit are caught here, once, and printed as one line (exit code 2). Heavy modules
are imported inside the commands so `accessconv --help` starts fast.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from . import __version__
from .errors import AccessconvError

PROFILES_DIR_HELP = "Extra folder of profile files (repeatable); also read from $ACCESSCONV_PROFILES."
BROWSER_HELP = (
    "Also test each web page (.html) in a real browser: axe-core's WCAG 2.2 A/AA rules in headless "
    "Chromium, and a 320 px wide reflow check. Needs the chromium package."
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


def _fail(message: str, code: int = 2) -> None:
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
      accessconv profiles
    """


@cli.command()
@click.argument("drafts", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-p",
    "--profile",
    "profile_names",
    multiple=True,
    metavar="NAME",
    help="Profile to use (repeatable). Default: every default profile.",
)
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    help="Output folder. Default: '<draft name>-accessible' beside the draft.",
)
@click.option(
    "--report",
    "report_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Print the report for people (text) or programs (json).",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning"]),
    default="error",
    show_default=True,
    help="Exit with code 1 on check errors only, or on warnings too.",
)
@click.option(
    "--profiles-dir", "profiles_dirs", multiple=True, type=click.Path(path_type=Path), help=PROFILES_DIR_HELP
)
@click.option("--browser", is_flag=True, help=BROWSER_HELP)
def convert(
    drafts: tuple[Path, ...],
    profile_names: tuple[str, ...],
    out_dir: Path | None,
    report_format: str,
    fail_on: str,
    profiles_dirs: tuple[Path, ...],
    browser: bool,
) -> None:
    """Convert DRAFTS (.docx, .odt, .md, .html) and check every output."""
    from .pipeline import ConversionResult, resolve_profiles
    from .pipeline import convert as run_convert
    from .report import exit_code, to_json, to_text

    try:
        profiles = resolve_profiles(list(profile_names), list(profiles_dirs))
    except AccessconvError as err:
        _fail(str(err))
    status = _Status(report_format == "text" and sys.stderr.isatty())
    results: list[ConversionResult] = []
    for draft in drafts:
        # Several drafts into one -o folder each get their own subfolder.
        target = out_dir / f"{draft.stem}-accessible" if out_dir and len(drafts) > 1 else out_dir
        try:
            results.append(
                run_convert(draft, profiles, target, list(profiles_dirs), progress=status, browser=browser)
            )
        except AccessconvError as err:
            if len(drafts) == 1 and report_format == "text":
                status.clear()
                _fail(str(err))
            results.append(ConversionResult(source=draft, out_dir=None, error=str(err)))
        finally:
            status.clear()
    if report_format == "json":
        click.echo(json.dumps(to_json(results, fail_on), indent=2, ensure_ascii=False))
    else:
        click.echo(to_text(results, fail_on))
    sys.exit(exit_code(results, fail_on))


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "-p",
    "--profile",
    "profile_name",
    metavar="NAME",
    help="Whose rules apply, e.g. large-print for a large print .docx. Default: from the file type.",
)
@click.option(
    "--report", "report_format", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option("--fail-on", type=click.Choice(["error", "warning"]), default="error", show_default=True)
@click.option(
    "--profiles-dir", "profiles_dirs", multiple=True, type=click.Path(path_type=Path), help=PROFILES_DIR_HELP
)
@click.option("--browser", is_flag=True, help=BROWSER_HELP)
def check(
    file: Path,
    profile_name: str | None,
    report_format: str,
    fail_on: str,
    profiles_dirs: tuple[Path, ...],
    browser: bool,
) -> None:
    """Check an existing FILE (an output, or a draft) against the standards."""
    from .pipeline import check_file
    from .report import exit_code, to_json, to_text

    try:
        result = check_file(file, profile_name, list(profiles_dirs), browser=browser)
    except AccessconvError as err:
        _fail(str(err))
    if report_format == "json":
        click.echo(json.dumps(to_json([result], fail_on), indent=2, ensure_ascii=False))
    else:
        click.echo(to_text([result], fail_on))
    sys.exit(exit_code([result], fail_on))


@cli.command()
@click.option(
    "--profiles-dir", "profiles_dirs", multiple=True, type=click.Path(path_type=Path), help=PROFILES_DIR_HELP
)
def profiles(profiles_dirs: tuple[Path, ...]) -> None:
    """List the profiles you can use with -p."""
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


def main() -> None:
    # Broken pipes (e.g. `accessconv profiles | head`) should end quietly.
    try:
        cli()
    except BrokenPipeError:
        os._exit(0)
