"""accessconv.toml: a team's defaults for `convert` and `batch` (found in the current folder or --config)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accessconv import config
from accessconv.errors import UsageError
from batch_builders import by_path, copy_profile, md, read_report, run_cli, valid_report, write


def _project(root: Path) -> Path:
    write(root / "Drafts" / "Bins.md", md("Bins"))
    write(root / "Drafts" / "Team" / "Rota.md", md("Rota"))
    copy_profile("html", "web", root / "our-profiles", **{'output_suffix = ""': 'output_suffix = "-web"'})
    return write(
        root / "accessconv.toml",
        'profiles = ["web"]\nout = "Accessible"\nprofiles_dirs = ["our-profiles"]\n\n'
        '[batch]\nsource = "Drafts"\njobs = 1\nsettle = 0\nprune = false\n',
    )


def test_batch_with_no_options_uses_the_project_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run_cli("batch")
    assert result.exit_code == 0, result.stderr
    out = tmp_path / "Accessible"
    report = read_report(out)
    assert report["batch"]["profiles"] == ["web"] and report["batch"]["jobs"] == 1
    assert (out / "Team" / "Rota" / "Rota-web.html").is_file()
    # prune = false in the file: a deleted draft's outputs stay.
    (tmp_path / "Drafts" / "Bins.md").unlink()
    run_cli("batch")
    assert (out / "Bins" / "Bins-web.html").is_file()
    assert read_report(out)["batch"]["orphans"][0]["removed"] is False


def test_command_line_wins_over_the_project_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run_cli("batch", "-p", "html", "--out", "Elsewhere", "--report", "json")
    assert result.exit_code == 0, result.stderr
    report = valid_report(json.loads(result.stdout))
    assert report["batch"]["profiles"] == ["html"]
    assert (tmp_path / "Elsewhere" / "Bins" / "Bins.html").is_file()
    assert not (tmp_path / "Accessible").exists()


def test_config_option_from_another_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = _project(tmp_path / "project")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    # Relative paths in the file are read from the file's folder, wherever the command runs.
    result = run_cli("batch", "--config", settings)
    assert result.exit_code == 0, result.stderr
    files = by_path(read_report(tmp_path / "project" / "Accessible"))
    assert sorted(files) == ["Bins.md", "Team/Rota.md"]


def test_convert_honours_the_project_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run_cli("convert", "Drafts/Bins.md", "--report", "json")
    assert result.exit_code == 0, result.stderr
    report = valid_report(json.loads(result.stdout))
    [output] = report["files"][0]["outputs"]
    assert output["profile"] == "web"
    assert (tmp_path / "Accessible" / "Bins-web.html").is_file()
    # `accessconv profiles` lists the team's profiles too.
    assert "web" in run_cli("profiles").stdout


def test_mistakes_in_the_project_file_are_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "accessconv.toml", 'profile = ["html"]\n')
    result = run_cli("batch", "Drafts", "--out", "Out")
    assert result.exit_code == 2
    assert 'unknown setting "profile"' in result.stderr and "profiles" in result.stderr
    for text, words in (
        ("[batch]\njobs = 0\n", "1 or more"),
        ("[batch]\nprune = 'yes'\n", "true or false"),
        ('fail_on = "sometimes"\n', '"error" or "warning"'),
        ("out = [\n", "not valid TOML"),
    ):
        write(tmp_path / "accessconv.toml", text)
        with pytest.raises(UsageError, match=words):
            config.load()
    missing = run_cli("convert", "x.md", "--config", tmp_path / "nope.toml")
    assert missing.exit_code == 2 and "does not exist" in missing.stderr


def test_no_project_file_means_built_in_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert config.load() == config.Config()
    assert config.default_map(config.Config(), "batch") == {}


def test_check_finds_project_profile_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    page = write(tmp_path / "page.html", "<html><body><main><h1>T</h1></main></body></html>")
    # The team's own profile "web" is found without --profiles-dir.
    result = run_cli("check", str(page), "-p", "web")
    assert result.exit_code == 1
    assert "checked with the web profile" in result.stdout
