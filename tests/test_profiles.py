"""Profiles: validated on load, overridable by name, extendable from a council's folder."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

import accessconv
from accessconv import profiles
from accessconv.errors import ProfileError


def test_builtin_profiles_load() -> None:
    loaded = {p.name: p for p in profiles.load_all()}
    assert loaded["html"].default and loaded["html"].format == "html"
    assert loaded["html"].settings.line_height >= 1.5
    assert not loaded["draft"].default


def write_profile(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('extends = "html"\ncolour = "red"\n', 'unknown key "colour"'),
        ('extends = "html"\n[settings]\nline_hieght = 2\n', 'unknown key "settings.line_hieght"'),
        (
            'extends = "html"\n[settings]\nmeasure_ch = "wide"\n',
            '"settings.measure_ch" must be a whole number',
        ),
        ('extends = "html"\ndefault = "yes"\n', '"default" must be true or false'),
        ('description = "x"\nformat = "html"\ndefault = false\n', 'missing key "settings.font_family"'),
        ('description = "x"\ndefault = false\n', 'missing key "format"'),
        ('description = "x"\nformat = "epub"\ndefault = false\n', 'no output format called "epub"'),
        ("description = \n", "not valid TOML"),
    ],
)
def test_bad_profile_names_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    path = write_profile(tmp_path / "mine", "custom", text)
    with pytest.raises(ProfileError) as err:
        profiles.load("custom", [tmp_path / "mine"])
    assert message in str(err.value) and str(path) in str(err.value)
    assert "\n" not in str(err.value)


def test_council_overrides_a_builtin_profile_by_name(tmp_path: Path) -> None:
    folder = tmp_path / "council"
    write_profile(folder, "html", 'extends = "html"\n[settings]\ncontents_label = "On this page"\n')
    src = tmp_path / "d.md"
    src.write_text("# A\n\n## B\n\n## C\n\n## D\n\nText.\n", encoding="utf-8")
    result = accessconv.convert(src, profiles=["html"], out_dir=tmp_path / "o", profiles_dirs=[folder])
    nav = lxml.html.parse(str(result.written[0])).getroot().find(".//nav")
    assert nav.find("h2").text_content() == "On this page"


def test_environment_variable_adds_profiles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli) -> None:
    folder = tmp_path / "env"
    write_profile(
        folder, "web-brand", 'extends = "html"\ndescription = "Our branded web page"\ndefault = false\n'
    )
    monkeypatch.setenv("ACCESSCONV_PROFILES", str(folder))
    result = run_cli("profiles")
    assert result.exit_code == 0
    assert "web-brand" in result.output and "Our branded web page" in result.output


def test_unknown_profile_is_a_one_line_usage_error(tmp_path: Path, run_cli) -> None:
    src = tmp_path / "d.md"
    src.write_text("# A\n", encoding="utf-8")
    result = run_cli("convert", src, "-p", "brialle")
    assert result.exit_code == 2
    assert 'no profile called "brialle"' in result.output and len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "d-accessible").exists()


def test_digest_follows_the_files_a_profile_points_at(tmp_path: Path) -> None:
    """Batch runs rebuild when a council edits its glossary, not only its profile file."""
    folder = tmp_path / "council"
    glossary = folder / "glossary.tsv"
    folder.mkdir()
    glossary.write_text("carer\tSomeone who looks after a family member or friend.\n", encoding="utf-8")
    write_profile(
        folder, "easy-read", 'extends = "easy-read"\n[settings.language]\nglossary_file = "glossary.tsv"\n'
    )
    before = profiles.load("easy-read", [folder]).digest
    assert profiles.load("easy-read", [folder]).digest == before
    glossary.write_text("carer\tA person who gives care without being paid.\n", encoding="utf-8")
    assert profiles.load("easy-read", [folder]).digest != before
