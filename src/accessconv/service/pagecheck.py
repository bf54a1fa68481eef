"""Our own HTML checks, applied to the service's own pages (the tests run them on every page).

The `html` format's checks judge a converted document, a page published on a council website.
All but one apply to the service's pages unchanged, with the `html` profile's numbers:
html.lang, html.title, html.landmarks, html.h1, html.heading-order, html.img-alt, html.tables,
html.link-text, html.contrast (light and dark), html.readable-css and html.links-resolve.

html.safe does not: a published document must be one self-contained file with no form and no
script, while the service is an application, whose pages need a form to take drafts and one
script (progress without reloading, dropping files), both from the service itself under a strict
Content-Security-Policy. service.safe takes its place with the rules that do hold for an
application page: scripts only as files from /static/ (nothing inline, no event attributes),
forms that post to the service itself, nothing fetched from another site (pictures, styles,
frames), no <base>, no embedded objects and no page that reloads or moves on by itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import lxml.html

from ..checks import CheckResult, CheckSet, Finding, run_check
from ..checks.html import HTML, HtmlTarget
from ..checks.limits import HtmlLimits
from ..profiles import load

if TYPE_CHECKING:
    from lxml.html import HtmlElement

SERVICE_PAGE: CheckSet[HtmlTarget] = CheckSet("service-page")
NOT_FOR_APPLICATIONS = {"html.safe"}
FIX = "Change the service's template (src/accessconv/service/templates)."
# Attributes the browser fetches as the page opens (links are fetched only when followed).
_FETCHED = {"src", "poster", "data", "background", "srcset", "xlink:href"}
_LOADS_CSS = re.compile(r"@import|url\(\s*['\"]?\s*(?!data:)", re.IGNORECASE)


def _own(address: str) -> bool:
    """An address on the service itself: a path from its root (not //host), or data: / #."""
    address = address.strip()
    return address.startswith(("data:", "#")) or (address.startswith("/") and not address.startswith("//"))


def _where(el: HtmlElement) -> str:
    return f"<{el.tag}> (line {el.sourceline})" if el.sourceline else f"<{el.tag}>"


@SERVICE_PAGE.register("service.safe", "The page runs only the service's own script and sends forms home")
def _safe(t: HtmlTarget) -> Iterator[Finding]:
    for el in t.tree.iter():
        if isinstance(el.tag, str):
            yield from _unsafe_element(el)
            yield from _unsafe_attributes(el)
    if _LOADS_CSS.search(t.css):
        yield Finding("error", "The stylesheet loads something from elsewhere.", "<style>", FIX)


def _unsafe_element(el: HtmlElement) -> Iterator[Finding]:
    if el.tag in ("iframe", "object", "embed", "frame", "applet", "base"):
        yield Finding("error", f"The page contains a <{el.tag}> element.", _where(el), FIX)
    if el.tag == "script" and not str(el.get("src", "")).startswith("/static/"):
        yield Finding("error", "A script is not one of the service's own files.", _where(el), FIX)
    if el.tag == "script" and (el.text or "").strip():
        yield Finding("error", "The page has a script written into it.", _where(el), FIX)
    if el.tag == "form" and (el.get("method", "get").lower() != "post" or not _own(el.get("action", ""))):
        yield Finding("error", "A form does not post to the service itself.", _where(el), FIX)
    if el.tag == "meta" and el.get("http-equiv", "").strip().lower() == "refresh":
        yield Finding("error", "The page reloads or moves on by itself.", _where(el), FIX)


def _unsafe_attributes(el: HtmlElement) -> Iterator[Finding]:
    for name, value in el.attrib.items():
        if name.lower().startswith("on"):
            yield Finding("error", f"An element runs script when '{name}' happens.", _where(el), FIX)
        fetched = name.lower() in _FETCHED or (name.lower() == "href" and el.tag == "link")
        addresses = [u.split()[0] for u in value.split(",") if u.strip()] if name == "srcset" else [value]
        if fetched and not all(_own(a) for a in addresses):
            yield Finding("error", f"The page loads '{value[:60]}' from another site.", _where(el), FIX)
        if name == "style" and _LOADS_CSS.search(value):
            yield Finding("error", "An element's style loads something from elsewhere.", _where(el), FIX)


def page_limits() -> HtmlLimits:
    """The numbers the `html` profile checks a web page against."""
    limits = load("html").checks
    assert isinstance(limits, HtmlLimits)
    return limits


def check_service_page(path: Path, limits: HtmlLimits | None = None) -> list[CheckResult]:
    """Every check that applies to an application page (see the module's notes) on one page."""
    tree: HtmlElement = lxml.html.document_fromstring(path.read_bytes())
    css = "\n".join(style.text_content() for style in tree.iter("style"))
    target = HtmlTarget(path, tree, css, limits or page_limits())
    results: list[CheckResult] = []
    for check in [c for c in HTML.checks if c.id not in NOT_FOR_APPLICATIONS] + SERVICE_PAGE.checks:
        results.extend(run_check(check, target))
    return results
