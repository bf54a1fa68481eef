"""The folder-level report `index.html` that `accessconv batch` leaves in the output folder.

Officers open it from the shared drive: every draft, links to its accessible versions, what the
checks found and which drafts could not be converted. It is itself an accessible page: it uses
the html profile's stylesheet and passes our own HTML checks (checks/html.py).
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from . import __version__
from .checks import CheckResult, counts
from .report import BATCH_STATUS_WORDS, FORMAT_LABELS

if TYPE_CHECKING:
    from .batch import BatchResult, DraftResult

EXTRA_CSS = """\
td ul, td p { margin: 0; }
td ul { padding-left: 1.2rem; }
.findings li { margin-bottom: 0.75rem; }
"""


def render_index(batch: BatchResult, fail_on: str = "error") -> str:
    from . import profiles as registry
    from .formats.html import stylesheet

    # The council's own html profile (colours, fonts) styles the report as it styles the pages.
    settings = registry.load("html").settings
    title = f"Accessible versions of the drafts in {batch.source.name or batch.source}"
    body = [f"<h1>{escape(title)}</h1>", _summary(batch, fail_on)]
    if batch.failed:
        body.append('<h2 id="failed">Drafts that could not be converted</h2>')
        body.append("<p>The other drafts went ahead. Fix these drafts and run accessconv again.</p>")
        body.append('<ul class="findings">')
        for d in batch.failed:
            body.append(f"<li><strong>{escape(d.relative)}</strong>: {escape(d.error or '')}</li>")
        body.append("</ul>")
    if batch.waiting:
        body.append('<h2 id="waiting">Drafts still being saved</h2>')
        body.append("<p>Their size or time kept changing, so they will be converted on the next run.</p>")
        body.append("<ul>" + "".join(f"<li>{escape(d.relative)}</li>" for d in batch.waiting) + "</ul>")
    if batch.links:
        body.append('<h2 id="links">Links that were not followed</h2>')
        body.append("<p>Only files inside the drafts folder are converted and published.</p>")
        body.append('<ul class="findings">')
        for d in batch.links:
            body.append(f"<li><strong>{escape(d.relative)}</strong>: {escape(d.note or '')}</li>")
        body.append("</ul>")
    body.append(_table(batch))
    details = [_details(i, d, batch.out_dir) for i, d in enumerate(batch.drafts) if _problems(d)]
    if details:
        body.append('<h2 id="to-fix">What to fix, draft by draft</h2>')
        body.append(
            "<p>Problems must be fixed before publishing; other findings are worth a look. "
            "Fixing the draft itself improves every format at once.</p>"
        )
        body.extend(details)
    if batch.orphans:
        body.append('<h2 id="orphans">Outputs whose draft has gone or changed</h2>')
        body.append("<ul>")
        for o in batch.orphans:
            done = "removed" if o.removed else "kept"
            names = ", ".join(p.name for p in o.outputs) or "no files"
            body.append(
                f"<li><strong>{escape(o.relative)}</strong> ({done}: {escape(names)}). "
                f"{escape(o.reason)}</li>"
            )
        body.append("</ul>")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en-GB">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="accessconv {__version__}">\n'
        f"<title>{escape(title)}</title>\n"
        f"<style>\n{stylesheet(settings)}{EXTRA_CSS}</style>\n"
        "</head>\n"
        "<body>\n"
        f'<a class="skip-link" href="#main-content">{escape(settings.skip_link_label)}</a>\n'
        '<main id="main-content" tabindex="-1">\n' + "\n".join(body) + "\n</main>\n</body>\n</html>\n"
    )


def _summary(batch: BatchResult, fail_on: str) -> str:
    n = len(batch.drafts) - len(batch.links)  # a link is not a draft
    parts = [f"{len(batch.converted)} converted in this run", f"{len(batch.unchanged)} already up to date"]
    if batch.failed:
        parts.append(f"{len(batch.failed)} could not be converted")
    if batch.waiting:
        parts.append(f"{len(batch.waiting)} still being saved")
    if batch.links:
        parts.append(f"{len(batch.links)} links not followed")
    verdict = {
        0: "Everything that was converted passed the checks that must pass.",
        1: "Some outputs have problems a person must fix before publishing (see below).",
        2: "Some drafts could not be converted (see below).",
    }[batch.exit_code(fail_on)]
    profiles = ", ".join(batch.profiles) or "none"
    return (
        f"<p>{n} draft{'s' if n != 1 else ''}: {escape(', '.join(parts))}. {verdict}</p>\n"
        f"<p>Profiles: {escape(profiles)}. Last updated {escape(_when(batch.finished_at))} "
        f"by accessconv {escape(__version__)}.</p>"
    )


def _when(iso: str) -> str:
    from datetime import datetime

    try:
        return f"{datetime.fromisoformat(iso):%d %B %Y at %H:%M} UTC"
    except ValueError:
        return iso


def _table(batch: BatchResult) -> str:
    if not batch.drafts:
        return "<p>There are no drafts in this folder yet (accessconv reads .docx, .odt, .md and .html).</p>"
    rows = []
    for i, d in enumerate(batch.drafts):
        links = "".join(
            f'<li><a href="{_href(o.path, batch.out_dir)}">{escape(o.path.name)}</a> '
            f"({escape(FORMAT_LABELS.get(o.format, o.format))})</li>"
            for o in d.result.outputs
        )
        outputs = f"<ul>{links}</ul>" if links else "<p>None</p>"
        if d.status == "failed":
            checks = '<a href="#failed">Could not convert</a>'
        elif d in batch.links:
            checks = '<a href="#links">A link, not followed</a>'
        elif d.status == "skipped":
            checks = "Not checked yet"
        elif _problems(d):
            checks = f'<a href="#draft-{i}">{escape(_verdict(d.result.all_checks))}</a>'
        else:
            checks = escape(_verdict(d.result.all_checks))
        status = "not converted: a link" if d in batch.links else BATCH_STATUS_WORDS[d.status]
        rows.append(
            f'<tr><th scope="row">{escape(d.relative)}</th><td>{outputs}</td><td>{checks}</td>'
            f"<td>{escape(status)}</td></tr>"
        )
    return (
        '<h2 id="drafts">Every draft</h2>\n<div class="table-wrap"><table>\n'
        "<caption>Every draft, its accessible versions and what the checks found</caption>\n"
        '<thead><tr><th scope="col">Draft</th><th scope="col">Accessible versions</th>'
        '<th scope="col">Checks</th><th scope="col">This run</th></tr></thead>\n'
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table></div>"
    )


def _problems(d: DraftResult) -> list[tuple[str, CheckResult]]:
    if d.status in ("failed", "skipped"):
        return []
    found = [("the draft itself", c) for c in d.result.draft_checks]
    found += [(o.path.name, c) for o in d.result.outputs for c in o.checks]
    return [(where, c) for where, c in found if c.status in ("error", "warning")]


def _details(i: int, d: DraftResult, out_dir: Path) -> str:
    items = []
    for file_name, c in _problems(d):
        label = "Problem" if c.status == "error" else "Worth a look"
        where = f" <em>Where:</em> {escape(c.where)}." if c.where else ""
        fix = f" <em>How to fix:</em> {escape(c.fix)}" if c.fix else ""
        items.append(
            f"<li><strong>{label}</strong> in {escape(file_name)}: {escape(c.message)}{where}{fix}</li>"
        )
    return (
        f'<h3 id="draft-{i}">{escape(d.relative)}</h3>\n<ul class="findings">\n'
        + "\n".join(items)
        + "\n</ul>"
    )


def _href(path: Path, out_dir: Path) -> str:
    return escape(quote(path.relative_to(out_dir).as_posix()))


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
