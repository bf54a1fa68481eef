"""The command line and Python API end to end, on the bundled samples."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import lxml.html
import pytest

import accessconv
from builders import docx_draft
from conftest import ROOT, SAMPLES

SCHEMA = json.loads((ROOT / "schema" / "report.schema.json").read_text(encoding="utf-8"))


def valid_report(text: str) -> dict:
    report = json.loads(text)
    jsonschema.validate(report, SCHEMA)
    return report


@pytest.mark.parametrize("sample", ["draft-strategy.docx", "draft-strategy.md"])
def test_sample_converts_with_no_check_errors(tmp_path: Path, run_cli, sample: str) -> None:
    shutil.copy(SAMPLES / sample, tmp_path / sample)
    if sample.endswith(".md"):
        shutil.copytree(SAMPLES / "images", tmp_path / "images")
    result = run_cli("convert", tmp_path / sample, "-p", "html")
    assert result.exit_code == 0, result.output
    page = tmp_path / "draft-strategy-accessible" / "draft-strategy.html"
    tree = lxml.html.parse(str(page)).getroot()
    assert tree.findtext(".//title") == "Draft Adult Social Care Workforce Strategy 2027 to 2030"
    assert tree.find(".//img").get("alt").startswith("A group of people")
    assert "Wrote 1 file" in result.output and "Done:" in result.output


def test_json_report_is_valid_and_versioned(tmp_path: Path, run_cli) -> None:
    src = docx_draft(tmp_path / "d.docx", fake_heading=True)
    result = run_cli("convert", src, "-p", "html", "--report", "json")
    report = valid_report(result.stdout)
    assert report["report_version"].startswith("1.")
    (file,) = report["files"]
    assert file["status"] == "converted" and file["outputs"][0]["profile"] == "html"
    assert Path(file["outputs"][0]["path"]).is_file()
    assert any(c["id"] == "draft.fake-headings" and c["status"] == "warning" for c in file["draft"]["checks"])
    assert result.exit_code == 0
    strict = run_cli("convert", src, "-p", "html", "--report", "json", "--fail-on", "warning")
    assert strict.exit_code == 1 and valid_report(strict.stdout)["summary"]["exit_code"] == 1


def test_check_command_exit_codes(tmp_path: Path, run_cli) -> None:
    out = accessconv.convert(docx_draft(tmp_path / "d.docx"), profiles=["html"], out_dir=tmp_path / "o")
    page = out.written[0]
    ok = run_cli("check", page)
    assert ok.exit_code == 0 and "checks passed" in ok.output
    page.write_text(page.read_text("utf-8").replace('lang="en-GB"', ""), encoding="utf-8")
    bad = run_cli("check", page, "--report", "json")
    assert bad.exit_code == 1
    report = valid_report(bad.stdout)
    assert report["files"][0]["status"] == "checked"
    assert any(
        c["id"] == "html.lang" and c["status"] == "error" for c in report["files"][0]["outputs"][0]["checks"]
    )


def test_draft_errors_fail_the_run(tmp_path: Path, run_cli) -> None:
    result = run_cli("convert", docx_draft(tmp_path / "d.docx", alt=None), "-p", "html")
    assert result.exit_code == 1
    assert "no alt text" in result.output and "How to fix:" in result.output


def test_failed_draft_in_json_report(tmp_path: Path, run_cli) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"nope")
    result = run_cli("convert", bad, "-p", "html", "--report", "json")
    assert result.exit_code == 2
    report = valid_report(result.stdout)
    assert report["files"][0]["status"] == "failed" and "bad.docx" in report["files"][0]["error"]


def test_profiles_command_lists_descriptions(run_cli) -> None:
    result = run_cli("profiles")
    assert result.exit_code == 0
    assert "html" in result.output and "(default)" in result.output


def test_python_api(tmp_path: Path) -> None:
    result = accessconv.convert(docx_draft(tmp_path / "d.docx"), out_dir=tmp_path / "o", profiles=["html"])
    assert result.written == [tmp_path / "o" / "d.html"]
    assert result.errors == 0 and result.outputs[0].checks
    with pytest.raises(accessconv.InputError):
        accessconv.convert(tmp_path / "missing.docx")


def test_help_is_cheap_to_import() -> None:
    import subprocess
    import sys

    heavy = "('docx', 'lxml', 'PIL', 'pypandoc', 'louis')"
    code = f"import sys, accessconv.cli; print(' '.join(sorted(m for m in sys.modules if m in {heavy})))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""


def test_check_picks_the_profile_from_the_file_name(tmp_path: Path) -> None:
    src = tmp_path / "d.md"
    src.write_text("# Title\n\nSome text for braille.\n", encoding="utf-8")
    result = accessconv.convert(src, profiles=["braille-uncontracted"], out_dir=tmp_path / "o")
    names = sorted(p.name for p in result.written)
    assert names == ["d-uncontracted-braille.txt", "d-uncontracted.brf", "d-uncontracted.pef"]
    for path in result.written:
        checked = accessconv.check_file(path)
        assert checked.profile == "braille-uncontracted"
        assert not [c for c in checked.checks if c.status == "error"]
