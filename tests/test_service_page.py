"""The officers' page in Debian's Chromium, driven by the keyboard only: sign in, choose the sample,
convert, wait for the result, download the zip and open its files. Every page passes axe-core
(light and dark) and our own HTML checks."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest

from accessconv.checks.browser import CHROMIUM_FLAGS, axe_script_path, find_chromium
from accessconv.service.pagecheck import check_service_page
from service_builders import SAMPLE, Server, environment

pytestmark = pytest.mark.skipif(find_chromium() is None, reason="needs Debian's chromium")
SECRET = "officer secret for tests"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _axe(page: Any) -> dict[str, list[str]]:
    """axe-core's violations (rule ids and where) in light and in dark."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(axe_script_path().read_text(encoding="utf-8"))
    found = {}
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
        found[scheme] = [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in result["violations"]]
    page.emulate_media(color_scheme="light")
    return found


def _own_checks(page: Any, tmp_path: Path, name: str) -> list[str]:
    """Our HTML checks that apply to an application page (html.safe gives way to service.safe:
    see accessconv/service/pagecheck.py), on the page as the browser has it."""
    path = tmp_path / f"{name}.html"
    path.write_text(page.content(), encoding="utf-8")
    return [f"{r.id}: {r.message}" for r in check_service_page(path) if r.status != "pass"]


def _audit(page: Any, tmp_path: Path, name: str, audits: dict[str, Any], own: dict[str, list[str]]) -> None:
    audits[name], own[name] = _axe(page), _own_checks(page, tmp_path, name)


def _tab_to(page: Any, selector: str, limit: int = 40) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"could not reach {selector} with Tab")


def _choose_with_space(page: Any, tries: int = 3) -> Any:
    """The file chooser, opened from the focused file field with Space. On a loaded machine Chromium
    has once let a key press go by without opening it (a 30 s wait in a full CI run, never alone):
    the key is pressed again, still from the keyboard."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(tries):
        try:
            with page.expect_file_chooser(timeout=10_000) as chooser:
                page.keyboard.press("Space")
            return chooser.value
        except PlaywrightTimeout:
            if attempt == tries - 1:
                raise
    raise AssertionError("unreachable")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    data = tmp_path_factory.mktemp("page") / "data"
    srv = Server(
        data,
        "--workers",
        "2",
        env=environment(ACCESSCONV_LOGIN_SECRET=SECRET, ACCESSCONV_API_TOKEN="token-for-page-tests"),
    )
    yield srv
    srv.stop()


def test_keyboard_only_conversion_with_axe_on_every_page(server: Server, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    audits: dict[str, Any] = {}
    own: dict[str, list[str]] = {}
    csp_errors: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=find_chromium(), headless=True, args=list(CHROMIUM_FLAGS)
        )
        context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
        context.route(
            "**/*",
            lambda route: route.continue_() if route.request.url.startswith(server.url) else route.abort(),
        )
        page = context.new_page()
        page.on(
            "console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None
        )
        page.set_default_timeout(30_000)

        page.goto(server.url + "/")
        assert page.url.endswith("/login")
        _audit(page, tmp_path, "login", audits, own)
        _tab_to(page, "#secret")
        page.keyboard.type("wrong")
        page.keyboard.press("Enter")
        page.wait_for_selector("[role=alert]")
        _audit(page, tmp_path, "login-failed", audits, own)
        _tab_to(page, "#secret")
        page.keyboard.type(SECRET)
        page.keyboard.press("Enter")
        page.wait_for_url(server.url + "/")

        _audit(page, tmp_path, "home", audits, own)
        defaults = page.eval_on_selector_all("input[name=profile]:checked", "els => els.map(e => e.value)")
        assert set(defaults) == {p.name for p in __import__("accessconv.profiles").profiles.defaults()}
        _tab_to(page, "#drafts")
        _choose_with_space(page).set_files(str(SAMPLE))

        # While the progress page is audited its script must not reload it (the job may finish
        # meanwhile): its status requests are held back, and let through afterwards.
        def status(url: str) -> bool:
            return "/api/v1/conversions/" in url

        context.route(status, lambda route: route.abort())
        _tab_to(page, "button[type=submit]")
        page.keyboard.press("Enter")
        page.wait_for_url("**/conversions/*")
        _audit(page, tmp_path, "progress", audits, own)
        context.unroute(status)
        page.wait_for_selector("text=Finished.", timeout=300_000)
        _audit(page, tmp_path, "result", audits, own)
        assert page.locator("text=Easy Read review sheet").count() == 1
        assert "checks passed" in page.locator(".report").first.inner_text()

        _tab_to(page, "a.button")
        with page.expect_download() as download:
            page.keyboard.press("Enter")
        archive = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
        names = archive.namelist()
        assert "draft-strategy/draft-strategy.html" in names
        assert any(n.endswith("-easy-read.docx") for n in names)
        assert any(n.endswith(".pdf") for n in names)
        assert "<h1" in archive.read("draft-strategy/draft-strategy.html").decode()
        assert archive.read(next(n for n in names if n.endswith(".pdf"))).startswith(b"%PDF-")

        page.goto(server.url + "/")  # the conversion is listed as recent
        assert page.locator("text=draft-strategy.md").count() >= 1
        _audit(page, tmp_path, "home-recent", audits, own)
        page.goto(server.url + "/conversions/AAAAAAAAAAAAAAAAAAAAAA")
        _audit(page, tmp_path, "not-found", audits, own)

        # Another browser (another officer) signs in: none of the first one's conversions shows.
        other = browser.new_context().new_page()
        other.goto(server.url + "/login")
        other.fill("#secret", SECRET)
        other.click("button[type=submit]")
        other.wait_for_url(server.url + "/")
        assert other.locator("text=draft-strategy.md").count() == 0
        assert other.locator("text=No conversions yet.").count() == 1
        _audit(other, tmp_path, "home-other-browser", audits, own)
        browser.close()

    assert {name: v for name, v in audits.items() if v["light"] or v["dark"]} == {}
    assert {name: v for name, v in own.items() if v} == {}
    assert csp_errors == []


def test_page_works_without_javascript(server: Server) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=find_chromium(), headless=True, args=list(CHROMIUM_FLAGS)
        )
        page = browser.new_context(java_script_enabled=False).new_page()
        page.goto(server.url + "/login")
        page.fill("#secret", SECRET)
        page.click("button[type=submit]")
        page.wait_for_url(server.url + "/")
        page.set_input_files("#drafts", str(SAMPLE))
        for box in page.query_selector_all("input[name=profile]:checked"):
            box.uncheck()
        page.check("#profile-html")
        page.click("button[type=submit]")
        page.wait_for_url("**/conversions/*")
        for _ in range(300):
            if page.locator("text=Finished.").count():
                break
            page.click("text=Check again")
            page.wait_for_timeout(500)
        assert page.locator("text=Finished.").count() == 1
        assert page.locator("a[href$='draft-strategy.html']").count() == 1
        browser.close()
