"""The browser audit: axe-core in headless Chromium on a written HTML file (`--browser`).

Static checks (checks/html.py) read the file; this module renders it in the system's Chromium
(Debian's `chromium`, never a downloaded browser), runs axe-core (the engine inside Lighthouse and
pa11y, pinned through the PyPI package axe-playwright-python and loaded from disk) with the WCAG
2.0/2.1/2.2 A and AA rule tags, and turns each violation into a CheckResult. It also loads the page
320 CSS px wide and checks nothing scrolls sideways (WCAG 1.4.10 Reflow).

The page runs offline: every request that is not a local file or a data: URI is refused, so
nothing in a checked page can reach the network. Settings and plain-words fixes live in
data/browser-audit.toml.
"""

from __future__ import annotations

import os
import re
import shutil
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from . import CheckResult
from .text import DATA

if TYPE_CHECKING:
    from playwright.sync_api import Browser as Chromium
    from playwright.sync_api import Page, Playwright

# axe-core's results and the reflow measurements come back from the page as JSON (dicts and
# lists of untyped values): hence dict[str, Any] below.

HTML_SUFFIXES = (".html", ".htm")
AUDIT_ID = "browser.axe"
AUDIT_TITLE = "The page passes axe-core's WCAG 2.2 A and AA rules in a real browser (Chromium)"
REFLOW_ID = "browser.reflow"
REFLOW_TITLE = "The page fits a narrow screen without scrolling sideways (WCAG 1.4.10)"
ENABLE_HINT = "Add --browser to the command to run it (it needs the chromium package: see docs/browser.md)."

# Known to work on our Debian machines (see docs/browser.md). --no-sandbox because set-up and CI run
# as root; the networking flags stop Chromium calling home from a machine with a closed network.
# Playwright adds --headless and a fresh temporary --user-data-dir of its own at every launch.
CHROMIUM_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
CHROMIUM_ENV = "ACCESSCONV_CHROMIUM"
CHROMIUM_NAMES = ("chromium", "chromium-browser")

# Everything a page may load: itself, other local files beside it, and data: URIs.
_REMOTE = re.compile(r"^(?!file:|data:|about:|blob:)", re.IGNORECASE)

# page.evaluate has no timeout of its own, so the run races a timer.
_AXE_RUN = """([tags, ms]) => Promise.race([
  axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations', 'incomplete']}),
  new Promise((_, reject) => setTimeout(() => reject(new Error(`axe-core took longer than ${ms} ms`)), ms)),
])"""

# The outermost elements sticking out past the right edge, ignoring those inside a box that
# scrolls or clips on its own (a wide table in its scrolling wrapper is allowed by WCAG 1.4.10).
OVERFLOW_JS = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const result = {scrollWidth: root.scrollWidth, clientWidth: width, offenders: []};
  if (root.scrollWidth <= width) return result;
  const clipped = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== 'visible') return true;
    }
    return false;
  };
  const sticksOut = (el) => el.getBoundingClientRect().right > width + 1 && !clipped(el);
  for (const el of document.body.querySelectorAll('*')) {
    if (sticksOut(el) && !(el.parentElement && el.parentElement !== document.body
                            && sticksOut(el.parentElement))) {
      result.offenders.push({tag: el.tagName.toLowerCase(),
                             text: (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 50),
                             right: Math.round(el.getBoundingClientRect().right)});
      if (result.offenders.length >= 5) break;
    }
  }
  return result;
}"""


# The colour schemes the audit can show a page in (browser-audit.toml lists them).
ColourScheme = Literal["light", "dark"]


@dataclass(frozen=True)
class AuditSettings:
    tags: list[str]
    timeout_seconds: float
    viewport_width_px: int
    viewport_height_px: int
    colour_schemes: list[ColourScheme]
    reflow_width_px: int
    max_elements_per_rule: int
    max_snippet_chars: int


@cache
def _config() -> dict[str, Any]:
    with (DATA / "browser-audit.toml").open("rb") as f:
        return tomllib.load(f)


def settings() -> AuditSettings:
    return AuditSettings(**_config()["audit"])


def plain_fixes() -> dict[str, str]:
    return dict(_config()["fixes"])


def is_html(path: Path) -> bool:
    return path.suffix.lower() in HTML_SUFFIXES


def find_chromium() -> str | None:
    """The Chromium to use: $ACCESSCONV_CHROMIUM, else `chromium` on the PATH."""
    chosen = os.environ.get(CHROMIUM_ENV, "").strip()
    if chosen:
        return chosen if Path(chosen).is_file() else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def axe_script_path() -> Path:
    """axe.min.js as shipped inside the pinned axe-playwright-python wheel."""
    spec = find_spec("axe_playwright_python")
    if spec is None or spec.origin is None:
        raise BrowserUnavailable(
            "the Python package axe-playwright-python (which carries axe-core) is not installed. "
            "Run `make setup` (scripts/setup.sh)."
        )
    return Path(spec.origin).parent / "axe.min.js"


class BrowserUnavailable(Exception):
    """Chromium, Playwright or axe-core is missing or will not start; str() says why, in plain words."""


def skipped(reason: str) -> CheckResult:
    """The note put on an HTML output when the browser audit did not run."""
    return CheckResult(
        AUDIT_ID,
        AUDIT_TITLE,
        "info",
        f"The browser audit (axe-core in Chromium) was skipped: {reason}.",
        "",
        ENABLE_HINT,
    )


class Browser:
    """One headless Chromium, started once and reused for every page (a context per page).

    Use as a context manager. Raises BrowserUnavailable when it cannot start."""

    def __init__(self, audit: AuditSettings | None = None) -> None:
        self.audit_settings = audit or settings()
        self._playwright: Playwright | None = None
        self._browser: Chromium | None = None
        self._axe_source = ""
        self.axe_version = ""

    def __enter__(self) -> Browser:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def timeout_ms(self) -> float:
        return self.audit_settings.timeout_seconds * 1000

    def start(self) -> None:
        executable = find_chromium()
        if executable is None:
            where = os.environ.get(CHROMIUM_ENV)
            raise BrowserUnavailable(
                f"{CHROMIUM_ENV} points at {where}, which is not a file"
                if where
                else "Chromium is not installed on this computer (on Debian or Ubuntu: "
                "sudo apt-get install chromium)"
            )
        self._axe_source = axe_script_path().read_text(encoding="utf-8")
        match = re.search(r"axe v([\d.]+)", self._axe_source[:200])
        self.axe_version = match.group(1) if match else "unknown"
        try:
            # Playwright is the optional [browser] extra: imported only when an audit runs, so a
            # missing one is said in plain words, and a conversion without --browser never loads it.
            from playwright.sync_api import Error, sync_playwright
        except ImportError as err:
            raise BrowserUnavailable(
                "the Python package playwright is not installed. Run `make setup` (scripts/setup.sh)"
            ) from err
        try:
            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(
                executable_path=executable,
                headless=True,
                args=list(CHROMIUM_FLAGS),
                timeout=self.timeout_ms,
            )
        except Error as err:
            self.close()
            first_line = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
            raise BrowserUnavailable(f"Chromium ({executable}) would not start: {first_line}") from err

    def close(self) -> None:
        if self._browser is not None:
            self._browser.close()
            self._browser = None
        if self._playwright is not None:
            self._playwright.stop()
            self._playwright = None

    def open(
        self, path: Path, width: int, height: int, scale: float = 1, scheme: ColourScheme = "light"
    ) -> Page:
        """A Playwright page showing `path` in a window `width` x `height` CSS px, in the `scheme`
        ("light" or "dark") colour scheme. `scale` 2 with half the width is what a reader sees at
        200% zoom. Close it with page.context.close()."""
        assert self._browser is not None, "start() first"
        context = self._browser.new_context(
            viewport={"width": width, "height": height},
            device_scale_factor=scale,
            color_scheme=scheme,
            offline=True,
            service_workers="block",
        )
        context.set_default_timeout(self.timeout_ms)
        context.route(_REMOTE, lambda route: route.abort())
        page = context.new_page()
        try:
            page.goto(Path(path).resolve().as_uri(), wait_until="load")
        except Exception:
            context.close()
            raise
        return page

    def inspect(self, path: Path) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
        """axe-core's raw results in each colour scheme, then the layout at the reflow width: all
        on one loaded page (axe is injected once; the scheme and width change in place)."""
        s = self.audit_settings
        page = self.open(path, s.viewport_width_px, s.viewport_height_px)
        try:
            page.evaluate(self._axe_source)
            runs: dict[str, dict[str, Any]] = {}
            for scheme in s.colour_schemes:
                page.emulate_media(color_scheme=scheme)
                runs[scheme] = page.evaluate(_AXE_RUN, [list(s.tags), self.timeout_ms])
            page.emulate_media(color_scheme="light")
            page.set_viewport_size({"width": s.reflow_width_px, "height": s.viewport_height_px})
            return runs, page.evaluate(OVERFLOW_JS)
        finally:
            page.context.close()

    def audit(self, path: Path) -> list[CheckResult]:
        """Every browser check on one page. A page that will not load gives one warning result."""
        from playwright.sync_api import Error  # the optional extra, present once __init__ ran

        s = self.audit_settings
        try:
            runs, reflow = self.inspect(path)
            raw = merge_schemes(runs)
        except Error as err:
            first_line = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
            return [
                CheckResult(
                    AUDIT_ID,
                    AUDIT_TITLE,
                    "warning",
                    f"The browser audit could not finish on this page ({first_line}), so it is not proven.",
                    str(path),
                    "Run the check again; if it keeps failing, tell the accessconv team and send the file.",
                )
            ]
        return results_from_axe(raw, s, plain_fixes()) + reflow_results(reflow, s)


def audit_files(paths: Sequence[Path], enabled: bool = True) -> dict[Path, list[CheckResult]]:
    """Browser results for each HTML file, starting one Chromium for all of them. When the audit
    is not enabled, or Chromium cannot start, each file gets the 'skipped' note instead."""
    html = [p for p in paths if is_html(p)]
    if not html:
        return {}
    if not enabled:
        return {p: [skipped("it only runs when you ask for it")] for p in html}
    try:
        with Browser() as browser:
            return {p: browser.audit(p) for p in html}
    except BrowserUnavailable as err:
        return {p: [skipped(str(err))] for p in html}


def merge_schemes(runs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """One axe result from runs in several colour schemes: each flagged element once, and an
    element flagged only in a later scheme (e.g. low contrast in dark mode) says so."""
    merged: dict[str, Any] = {"violations": [], "incomplete": []}
    seen: set[tuple[str, str, str]] = set()
    for number, (scheme, raw) in enumerate(runs.items()):
        merged.setdefault("testEngine", raw.get("testEngine", {}))
        for kind in ("violations", "incomplete"):
            for rule in raw.get(kind, []):
                nodes = []
                for node in rule.get("nodes", []):
                    key = (kind, str(rule.get("id")), repr(node.get("target")))
                    if key not in seen:
                        seen.add(key)
                        nodes.append({**node, "scheme": scheme} if number else node)
                if nodes:
                    merged[kind].append({**rule, "nodes": nodes})
    return merged


def results_from_axe(
    raw: dict[str, Any], s: AuditSettings, fixes: dict[str, str] | None = None
) -> list[CheckResult]:
    """One CheckResult per element axe-core flagged (up to s.max_elements_per_rule a rule).

    Violations are errors (each is a WCAG A or AA failure); 'incomplete' items, which axe-core
    could not decide, are warnings for a person to look at."""
    fixes = plain_fixes() if fixes is None else fixes
    results: list[CheckResult] = []
    for rule in raw.get("violations", []):
        results.extend(_rule_results(rule, "error", s, fixes))
    for rule in raw.get("incomplete", []):
        results.extend(_rule_results(rule, "warning", s, fixes))
    if not results:
        engine = raw.get("testEngine", {}).get("version", "")
        results.append(
            CheckResult(
                AUDIT_ID,
                AUDIT_TITLE,
                "pass",
                f"axe-core {engine} found no problems ({', '.join(s.tags)}).",
            )
        )
    return results


def _rule_results(
    rule: dict[str, Any], status: str, s: AuditSettings, fixes: dict[str, str]
) -> Iterable[CheckResult]:
    rule_id = str(rule.get("id", "unknown"))
    help_text = str(rule.get("help", rule_id)).rstrip(".")
    impact = rule.get("impact") or "unrated"
    fix = fixes.get(rule_id) or f"{help_text}. axe-core explains how: {rule.get('helpUrl', '')}".strip()
    check_id = f"axe.{re.sub(r'[^a-z0-9_-]', '-', rule_id.lower())}"
    title = f"axe-core: {help_text}"
    if status == "error":
        message = f"{help_text} (axe-core rates this {impact})."
    else:
        message = f"axe-core could not decide, so a person should check: {help_text} (impact {impact})."
    nodes = list(rule.get("nodes", [])) or [{}]
    shown = nodes[: s.max_elements_per_rule]
    for node in shown:
        yield CheckResult(check_id, title, status, message, _where(node, s), fix)  # type: ignore[arg-type]
    if len(nodes) > len(shown):
        more = len(nodes) - len(shown)
        yield CheckResult(
            check_id,
            title,
            status,  # type: ignore[arg-type]
            f"{more} more element{'s' if more != 1 else ''} with the same problem.",
            "",
            fix,
        )


def _where(node: dict[str, Any], s: AuditSettings) -> str:
    target = node.get("target") or []
    # A target is a list of selectors (one per frame or shadow root); show them joined.
    selector = " > ".join(t if isinstance(t, str) else " ".join(map(str, t)) for t in target)
    snippet = " ".join(str(node.get("html", "")).split())
    if len(snippet) > s.max_snippet_chars:
        snippet = snippet[: s.max_snippet_chars - 3] + "..."
    scheme = f"in {node['scheme']} mode" if node.get("scheme") else ""
    return ": ".join(part for part in (scheme, selector, snippet) if part)


def reflow_results(reflow: dict[str, Any], s: AuditSettings) -> list[CheckResult]:
    if reflow["scrollWidth"] <= reflow["clientWidth"]:
        return [CheckResult(REFLOW_ID, REFLOW_TITLE, "pass")]
    message = (
        f"At {s.reflow_width_px} pixels wide (a phone, or a desktop window zoomed to 400%) the page is "
        f"{reflow['scrollWidth']} pixels wide, so readers must scroll sideways to read it."
    )
    fix = (
        "Let the element wrap or shrink: avoid fixed widths in pixels and long unbroken words or "
        "addresses; a wide table may scroll inside its own box instead."
    )
    offenders = reflow.get("offenders") or [{}]
    return [
        CheckResult(
            REFLOW_ID,
            REFLOW_TITLE,
            "error",
            message,
            f"<{o['tag']}> '{o['text']}'" if o.get("tag") else "",
            fix,
        )
        for o in offenders
    ]
