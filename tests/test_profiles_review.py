"""Profile and project-file mistakes read as plain words, naming what was written."""

from __future__ import annotations

from pathlib import Path

import pytest

from accessconv import config, profiles
from accessconv.errors import ProfileError, UsageError


def test_profiles_dir_that_is_a_file_is_called_a_file(tmp_path: Path, run_cli) -> None:
    not_a_folder = tmp_path / "profiles.toml"
    not_a_folder.write_text('description = "x"\n', encoding="utf-8")
    with pytest.raises(ProfileError, match="is a file, not a folder of profiles"):
        profiles.available([not_a_folder])
    result = run_cli("profiles", "--profiles-dir", not_a_folder)
    assert result.exit_code == 2
    assert "is a file, not a folder" in result.stderr and "does not exist" not in result.stderr
    assert "Traceback" not in result.output


def test_a_table_where_a_value_belongs_is_named_in_toml_words(tmp_path: Path) -> None:
    folder = tmp_path / "ours"
    folder.mkdir()
    (folder / "web.toml").write_text(
        'extends = "html"\n[settings.font_family]\nname = "Arial"\n[checks]\nmin_contrast = "high"\n',
        encoding="utf-8",
    )
    with pytest.raises(ProfileError) as err:
        profiles.load("web", [folder])
    message = str(err.value)
    assert '"settings.font_family" must be text in quotes, not a table of settings.' in message
    assert "{" not in message and "'" not in message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('out = ["Accessible"]\n', '"out" must be text in quotes, not a list.'),
        ("[batch]\njobs = true\n", '"batch.jobs" must be a whole number, not true.'),
        ('[batch]\njobs = "2"\n', '"batch.jobs" must be a whole number, not "2".'),
        (
            "[batch.source]\npath = 'Drafts'\n",
            '"batch.source" must be text in quotes, not a table of settings.',
        ),
    ],
)
def test_project_file_type_mistakes_quote_the_value_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, words: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "accessconv.toml").write_text(text, encoding="utf-8")
    with pytest.raises(UsageError) as err:
        config.load()
    assert str(err.value).endswith(words), str(err.value)


@pytest.mark.parametrize("suffix", ["/../../escaped", "-a/b", "..", "-x\\\\y", "-large print"])
def test_output_suffix_cannot_leave_the_output_folder(tmp_path: Path, suffix: str) -> None:
    folder = tmp_path / "ours"
    folder.mkdir()
    (folder / "web.toml").write_text(f'extends = "html"\noutput_suffix = "{suffix}"\n', encoding="utf-8")
    with pytest.raises(ProfileError, match='"output_suffix" may only use letters, digits'):
        profiles.load("web", [folder])


def test_ordinary_output_suffixes_still_load(tmp_path: Path) -> None:
    folder = tmp_path / "ours"
    folder.mkdir()
    (folder / "web.toml").write_text('extends = "html"\noutput_suffix = "-web_v2.1"\n', encoding="utf-8")
    assert profiles.load("web", [folder]).output_suffix == "-web_v2.1"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[batch]\ninterval = 0\n", '"batch.interval" must be a number of 0.1 or more (seconds).'),
        (
            "[batch]\nstale_lock_minutes = 0\n",
            '"batch.stale_lock_minutes" must be a number of 1 or more (minutes).',
        ),
        ("[batch]\nsettle = -1\n", '"batch.settle" must be a number of 0 or more (seconds).'),
    ],
)
def test_project_file_numbers_below_what_the_command_accepts_are_explained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli, text: str, words: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "Drafts").mkdir()
    (tmp_path / "accessconv.toml").write_text(text, encoding="utf-8")
    result = run_cli("batch", "Drafts", "--out", "Out", "--watch")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("accessconv: The settings file"), result.stderr
    assert lines[0].endswith(words), lines[0]
    assert "Invalid value" not in result.output and "x>=" not in result.output
