"""The folder-level report `index.html` that `accessconv batch` leaves in the output folder.

Officers open it from the shared drive: every draft, links to its accessible versions, what the
checks found and which drafts could not be converted. It is itself an accessible page: it uses
the html profile's stylesheet and passes our own HTML checks (checks/html.py).
"""

from __future__ import annotations

import tomllib
from datetime import datetime
from pathlib import Path
from typing import TypedDict
from urllib.parse import quote

from . import profiles as registry
from .checks import CheckResult, counts
from .formats import label as format_label
from .report import BATCH_STATUS_WORDS
from .results import BatchResult, DraftResult
from .version import __version__
from .web import templates
from .web.settings import PageSettings


def render_index(batch: BatchResult, fail_on: str = "error") -> str:
    """The page (templates/folder-index.html), filled with what the batch run found."""
    settings, style_note = _page_settings()
    drafts = [_row(i, d, batch.out_dir, d in batch.links) for i, d in enumerate(batch.drafts)]
    return templates.render(
        "folder-index.html",
        __package__,
        language="en-GB",
        title=f"Accessible versions of the drafts in {batch.source.name or batch.source}",
        version=__version__,
        skip_link_label=settings.skip_link_label,
        s=settings,
        style_note=style_note,
        drafts=drafts,
        tally=", ".join(_tally(batch)),
        verdict=_VERDICTS[batch.exit_code(fail_on)],
        profiles=", ".join(batch.profiles) or "none",
        when=_when(batch.finished_at),
        failed=batch.failed,
        waiting=batch.waiting,
        links=batch.links,
        to_fix=[row for row in drafts if row["problems"]],
        orphans=[
            {
                "relative": o.relative,
                "removed": o.removed,
                "names": ", ".join(p.name for p in o.outputs),
                "reason": o.reason,
            }
            for o in batch.orphans
        ],
    )


def _page_settings() -> tuple[PageSettings, str | None]:
    """The council's own html profile (colours, fonts) styles the report as it styles the pages.
    A profile called "html" of another format has no web page settings: the built-in ones are
    used instead, with a note saying so."""
    profile = registry.load("html")
    if isinstance(profile.settings, PageSettings):
        return profile.settings, None
    builtin = registry.BUILTIN_DIR / "html.toml"
    table = tomllib.loads(builtin.read_text(encoding="utf-8")).get("settings", {})
    note = (
        f'This page uses accessconv\'s own colours and fonts: the profile "{profile.path}" is called '
        f'"html" but is a profile of the {profile.format} format, not of web pages.'
    )
    return registry.build(PageSettings, table, builtin, "settings"), note


_VERDICTS = {
    0: "Everything that was converted passed the checks that must pass.",
    1: "Some outputs have problems a person must fix before publishing (see below).",
    2: "Some drafts could not be converted (see below).",
}


def _tally(batch: BatchResult) -> list[str]:
    parts = [f"{len(batch.converted)} converted in this run", f"{len(batch.unchanged)} already up to date"]
    if batch.failed:
        parts.append(f"{len(batch.failed)} could not be converted")
    if batch.waiting:
        parts.append(f"{len(batch.waiting)} still being saved")
    if batch.links:
        parts.append(f"{len(batch.links)} links not followed")
    return parts


class _Row(TypedDict):
    """One draft in the page's table, and its findings."""

    index: int
    relative: str
    status: str
    this_run: str
    outputs: list[dict[str, str]]
    problems: list[tuple[str, CheckResult]]
    verdict: str


def _row(i: int, d: DraftResult, out_dir: Path, link: bool) -> _Row:
    """One draft, as the table row and its list of findings show it."""
    checked = d.status not in ("failed", "skipped")
    return {
        "index": i,
        "relative": d.relative,
        "status": "link" if link else d.status,
        "this_run": "not converted: a link" if link else BATCH_STATUS_WORDS[d.status],
        "outputs": [
            {
                "href": quote(o.path.relative_to(out_dir).as_posix()),
                "name": o.path.name,
                "label": format_label(o.format),
            }
            for o in d.result.outputs
        ],
        "problems": _problems(d),
        "verdict": _verdict(d.result.all_checks) if checked else "",
    }


def _when(iso: str) -> str:
    try:
        return f"{datetime.fromisoformat(iso):%d %B %Y at %H:%M} UTC"
    except ValueError:
        return iso


def _problems(d: DraftResult) -> list[tuple[str, CheckResult]]:
    if d.status in ("failed", "skipped"):
        return []
    found = [("the draft itself", c) for c in d.result.draft_checks]
    found += [(o.path.name, c) for o in d.result.outputs for c in o.checks]
    return [(where, c) for where, c in found if c.status in ("error", "warning")]


def _verdict(checks: list[CheckResult]) -> str:
    tally = counts(checks)
    if not tally["errors"] and not tally["warnings"]:
        return f"All {tally['passed']} checks passed"
    parts = []
    if tally["errors"]:
        parts.append(f"{tally['errors']} problem{'s' if tally['errors'] != 1 else ''}")
    if tally["warnings"]:
        parts.append(f"{tally['warnings']} to look at")
    return ", ".join(parts)
