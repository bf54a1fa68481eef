"""The browser audit: our HTML outputs pass axe-core in headless Chromium and reflow at 320 px and
200% zoom; broken pages are caught, so we know the audit really runs.

One Chromium serves the whole module (it is slow to start on a 2-core machine). Screenshots are
kept as artefacts in pytest's temporary folder (or in $ACCESSCONV_SCREENSHOTS when set).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from accessconv import profiles as registry
from accessconv.checks import CheckResult
from accessconv.checks.browser import (
    AUDIT_ID,
    OVERFLOW_JS,
    REFLOW_ID,
    Browser,
    audit_files,
    merge_schemes,
    plain_fixes,
    results_from_axe,
    settings,
)
from accessconv.formats import load_format, writes_files
from accessconv.pipeline import convert
from accessconv.report import to_text
from browser_builders import BROKEN_RULES, build_broken_page, build_dark_mode_page, build_every_block_draft

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
# (name, CSS px wide, CSS px high, device scale): 200% zoom of a 1280 px window is 640 CSS px at 2x.
VIEWS = [("desktop-1280", 1280, 800, 1), ("phone-320", 320, 640, 1), ("zoom-200", 640, 400, 2)]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with Browser() as b:
        yield b


def _html_profiles() -> list[str]:
    """Every profile that writes files; the tests audit whichever of their outputs are .html."""
    return [p.name for p in registry.load_all() if writes_files(load_format(p.format))]


@pytest.fixture(scope="module")
def html_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    """draft name -> the .html files every profile wrote for it."""
    work = tmp_path_factory.mktemp("browser-drafts")
    drafts = {
        "sample-md": SAMPLES / "draft-strategy.md",
        "sample-docx": SAMPLES / "draft-strategy.docx",
        "every-block": build_every_block_draft(work / "every-block"),
    }
    found: dict[str, list[Path]] = {}
    for name, draft in drafts.items():
        result = convert(draft, _html_profiles(), work / f"{name}-out")
        found[name] = [p for p in result.written if p.suffix == ".html"]
        assert found[name], f"no profile wrote HTML for {name}"
    return found


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chosen = os.environ.get("ACCESSCONV_SCREENSHOTS")
    if chosen:
        Path(chosen).mkdir(parents=True, exist_ok=True)
        return Path(chosen)
    return tmp_path_factory.mktemp("browser-screenshots")


def _problems(results: list[CheckResult]) -> list[str]:
    return [f"{r.id} {r.status}: {r.message} [{r.where}]" for r in results if r.status != "pass"]


# ---------------------------------------------------------------- our outputs pass


@pytest.mark.parametrize("draft", ["sample-md", "sample-docx", "every-block"])
def test_html_outputs_have_no_axe_violations(
    browser: Browser, html_outputs: dict[str, list[Path]], draft: str
) -> None:
    for page in html_outputs[draft]:
        results = browser.audit(page)
        assert _problems(results) == [], page.name
        ids = {r.id for r in results}
        assert {AUDIT_ID, REFLOW_ID} <= ids
        ran = next(r for r in results if r.id == AUDIT_ID)
        assert "axe-core 4." in ran.message


@pytest.mark.parametrize("view", VIEWS, ids=[v[0] for v in VIEWS])
@pytest.mark.parametrize("draft", ["sample-docx", "every-block"])
def test_html_outputs_fit_the_screen(
    browser: Browser,
    html_outputs: dict[str, list[Path]],
    screenshots: Path,
    draft: str,
    view: tuple[str, int, int, int],
) -> None:
    name, width, height, scale = view
    for page_path in html_outputs[draft]:
        page = browser.open(page_path, width, height, scale)
        try:
            layout = page.evaluate(OVERFLOW_JS)
            shot = screenshots / f"{draft}-{page_path.stem}-{name}.png"
            page.screenshot(path=str(shot), full_page=True)
        finally:
            page.context.close()
        assert layout["clientWidth"] == width
        assert layout["scrollWidth"] <= layout["clientWidth"], (page_path.name, name, layout["offenders"])
        with Image.open(shot) as img:
            assert img.width == width * scale
            assert img.height >= height * scale


def test_wide_tables_scroll_in_a_labelled_keyboard_region(html_outputs: dict[str, list[Path]]) -> None:
    import lxml.html

    plain = next(p for p in html_outputs["every-block"] if "-easy-read" not in p.stem)
    tree = lxml.html.parse(str(plain)).getroot()
    wraps = tree.find_class("table-wrap")
    assert len(wraps) == 2
    for wrap in wraps:
        assert wrap.get("role") == "region" and wrap.get("tabindex") == "0"
        caption = wrap.find(".//caption")
        assert caption is not None and caption.get("id") == wrap.get("aria-labelledby")


def test_html_output_is_still_byte_identical(tmp_path: Path) -> None:
    draft = build_every_block_draft(tmp_path / "draft")
    first = convert(draft, ["html"], tmp_path / "one").written[0].read_bytes()
    second = convert(draft, ["html"], tmp_path / "two").written[0].read_bytes()
    assert first == second


# ---------------------------------------------------------------- broken pages are caught


def test_broken_page_gives_the_expected_violations(browser: Browser, tmp_path: Path) -> None:
    results = browser.audit(build_broken_page(tmp_path))
    found = {r.id for r in results if r.status == "error"}
    assert {f"axe.{rule}" for rule in BROKEN_RULES} <= found
    assert AUDIT_ID not in {r.id for r in results}  # no "passed" line when axe found problems
    alt = next(r for r in results if r.id == "axe.image-alt")
    assert "critical" in alt.message
    assert alt.where.startswith("img: <img")
    assert alt.fix == plain_fixes()["image-alt"]
    label = next(r for r in results if r.id == "axe.label")
    assert "#name" in label.where
    reflow = [r for r in results if r.id == REFLOW_ID]
    assert [r.status for r in reflow] == ["error"]
    assert "<div>" in reflow[0].where and "320 pixels" in reflow[0].message


def test_contrast_failing_only_in_dark_mode_is_found(browser: Browser, tmp_path: Path) -> None:
    results = browser.audit(build_dark_mode_page(tmp_path))
    contrast = [r for r in results if r.id == "axe.color-contrast"]
    assert contrast and all(r.status == "error" for r in contrast)
    assert all(r.where.startswith("in dark mode: ") for r in contrast)
    assert _problems([r for r in results if r.id != "axe.color-contrast"]) == []


# ---------------------------------------------------------------- the command line, end to end


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    code = "from accessconv.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=300
    )


def test_cli_check_browser_reports_violations_as_json(tmp_path: Path) -> None:
    import jsonschema

    page = build_broken_page(tmp_path)
    run = _cli("check", str(page), "--browser", "--report", "json")
    assert run.returncode == 1, run.stderr
    report = json.loads(run.stdout)
    jsonschema.validate(report, json.loads((ROOT / "schema" / "report.schema.json").read_text()))
    ids = {c["id"] for c in report["files"][0]["outputs"][0]["checks"] if c["status"] == "error"}
    assert {f"axe.{rule}" for rule in BROKEN_RULES} <= ids
    assert "html.lang" in ids  # the static checks still run beside the browser


def test_cli_convert_browser_passes_the_sample(tmp_path: Path) -> None:
    run = _cli("convert", str(SAMPLES / "draft-strategy.md"), "-p", "html", "-o", str(tmp_path), "--browser")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Notes:" not in run.stdout
    assert "everything passed" in run.stdout


# ---------------------------------------------------------------- skipped, and why


def test_without_browser_each_html_output_notes_the_skip(tmp_path: Path) -> None:
    result = convert(SAMPLES / "draft-strategy.md", ["html"], tmp_path)
    notes = [c for c in result.outputs[0].checks if c.id == AUDIT_ID]
    assert [n.status for n in notes] == ["info"]
    assert "skipped" in notes[0].message and "--browser" in notes[0].fix
    text = to_text([result])
    assert "Notes:" in text and "--browser" in text
    # A skipped audit is a note, not a passed check.
    assert f"all {len({c.id for c in result.outputs[0].checks}) - 1} checks passed" in text


def test_missing_chromium_is_a_note_not_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACCESSCONV_CHROMIUM", str(tmp_path / "no-such-chromium"))
    page = build_broken_page(tmp_path)
    results = audit_files([page, tmp_path / "notes.txt"], enabled=True)
    assert list(results) == [page]
    (note,) = results[page]
    assert note.status == "info" and "no-such-chromium" in note.message and "--browser" in note.fix


# ---------------------------------------------------------------- turning axe results into checks


def _node(n: int) -> dict[str, object]:
    return {"target": [f"p:nth-child({n})"], "html": f"<p>{'x' * 400}</p>"}


def test_axe_results_are_capped_and_fall_back_to_axe_help() -> None:
    s = settings()
    raw = {
        "testEngine": {"version": "4.12.1"},
        "violations": [
            {
                "id": "made-up-rule",
                "impact": "moderate",
                "help": "Things must be right",
                "helpUrl": "https://example.org/rule",
                "nodes": [_node(n) for n in range(s.max_elements_per_rule + 3)],
            }
        ],
        "incomplete": [
            {"id": "color-contrast", "impact": "serious", "help": "Contrast", "nodes": [_node(1)]}
        ],
    }
    results = results_from_axe(raw, s)
    made_up = [r for r in results if r.id == "axe.made-up-rule"]
    assert len(made_up) == s.max_elements_per_rule + 1
    assert made_up[-1].message == "3 more elements with the same problem."
    assert all(r.status == "error" for r in made_up)
    assert all("moderate" in r.message for r in made_up[:-1])
    assert "Things must be right" in made_up[0].fix and "https://example.org/rule" in made_up[0].fix
    assert len(made_up[0].where) <= len("p:nth-child(0): ") + s.max_snippet_chars
    (review,) = [r for r in results if r.id == "axe.color-contrast"]
    assert review.status == "warning" and "a person should check" in review.message
    assert review.fix == plain_fixes()["color-contrast"]


def test_dark_mode_only_adds_elements_light_mode_missed() -> None:
    rule = {"id": "color-contrast", "impact": "serious", "help": "Contrast"}
    light = {"violations": [{**rule, "nodes": [_node(1)]}]}
    dark = {"violations": [{**rule, "nodes": [_node(1), _node(2)]}]}
    merged = merge_schemes({"light": light, "dark": dark})
    nodes = merged["violations"][0]["nodes"] + merged["violations"][1]["nodes"]
    assert [n.get("scheme") for n in nodes] == [None, "dark"]


def test_every_plain_fix_names_a_rule_and_reads_as_advice() -> None:
    fixes = plain_fixes()
    assert {"image-alt", "color-contrast", "label", "html-has-lang", "link-name"} <= set(fixes)
    for rule, fix in fixes.items():
        assert fix and fix[0].isupper() and fix.endswith("."), rule


def test_a_page_that_does_not_finish_in_time_is_a_warning(browser: Browser, tmp_path: Path) -> None:
    from dataclasses import replace

    page = build_broken_page(tmp_path)
    original = browser.audit_settings
    browser.audit_settings = replace(original, timeout_seconds=0.0001)
    try:
        results = browser.audit(page)
    finally:
        browser.audit_settings = original
    assert [(r.id, r.status) for r in results] == [(AUDIT_ID, "warning")]
    assert "could not finish" in results[0].message and str(page) == results[0].where
