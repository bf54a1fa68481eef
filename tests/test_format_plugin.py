"""Adding a format is one new package and one profile file: nothing else in accessconv changes.

The test defines a tiny format ("word list": every distinct word of the draft, one a line) in a
temporary folder, adds a profile for it, and uses it through the public API and the CLI: convert
writes and checks its file, `accessconv check` picks its rules from the file's name ending, and
the report names it by its own label.
"""

from __future__ import annotations

import json
from pathlib import Path
from textwrap import dedent

import pytest

import accessconv
from accessconv import formats
from accessconv.cli import cli

TINY_FORMAT = '''
"""Word list: the distinct words of the draft, one a line (a format small enough for a test)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from accessconv import model as m
from accessconv.checks import CheckResult
from accessconv.formats import Profile, Written, output_name

LABEL = "word list"
OUTPUTS = (".words.txt",)
FILE_TYPES = (".txt",)


@dataclass(frozen=True)
class Settings:
    lower_case: bool


@dataclass(frozen=True)
class Checks:
    max_word_length: int


def write(doc: m.Document, profile: Profile[Settings, Checks], out_dir: Path, stem: str) -> Written:
    words = m.document_text(doc).split()
    if profile.settings.lower_case:
        words = [w.lower() for w in words]
    path = out_dir / output_name(stem, profile.output_suffix, ".words.txt")
    path.write_text("\\n".join(sorted(set(words))) + "\\n", encoding="utf-8")
    return Written([path])


def check(path: Path, profile: Profile[Settings, Checks], doc: m.Document | None = None) -> list[CheckResult]:
    longest = max(len(w) for w in path.read_text(encoding="utf-8").split())
    limit = profile.checks.max_word_length
    if longest > limit:
        return [CheckResult("words.length", "Words are short", "error", f"A word has {longest} letters.")]
    return [CheckResult("words.length", "Words are short", "pass")]
'''

TINY_PROFILE = """
description = "Every distinct word of the draft, one a line"
format = "tiny_words"
default = false

[settings]
lower_case = true

[checks]
max_word_length = 20
"""


@pytest.fixture
def tiny(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The format package and its profile folder; returns the profile folder."""
    package = tmp_path / "plugins" / "tiny_words"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(TINY_FORMAT, encoding="utf-8")
    # Formats are found by name inside accessconv.formats; a plug-in folder joins its search path.
    monkeypatch.setattr(formats, "__path__", [*formats.__path__, str(package.parent)])
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    (profiles / "word-list.toml").write_text(dedent(TINY_PROFILE), encoding="utf-8")
    return profiles


def _draft(folder: Path) -> Path:
    draft = folder / "plan.md"
    draft.write_text("---\ntitle: Plan\nlang: en-GB\n---\n\n# Plan\n\nWe Meet on Monday.\n", encoding="utf-8")
    return draft


def test_a_new_format_converts_checks_and_reports_with_its_own_label(tiny: Path, tmp_path: Path) -> None:
    result = accessconv.convert(_draft(tmp_path), profiles=["word-list"], profiles_dirs=[tiny])
    (output,) = result.outputs
    assert output.path.name == "plan.words.txt"
    assert output.path.read_text(encoding="utf-8").split() == ["meet", "monday.", "on", "plan", "we"]
    assert [c.status for c in output.checks] == ["pass"]

    from accessconv.report import to_text

    assert "plan.words.txt (word list): all 1 checks passed" in to_text([result])


def test_check_picks_the_new_format_from_the_file_name(tiny: Path, tmp_path: Path) -> None:
    written = tmp_path / "notes.words.txt"
    written.write_text("short\n" + "x" * 30 + "\n", encoding="utf-8")
    checked = accessconv.check_file(written, profiles_dirs=[tiny])
    assert checked.profile == "word-list"
    assert [c.status for c in checked.checks] == ["error"]

    from click.testing import CliRunner

    out = CliRunner().invoke(cli, ["check", str(written), "--profiles-dir", str(tiny), "--report", "json"])
    assert out.exit_code == 1, out.output
    assert json.loads(out.output)["files"][0]["outputs"][0]["profile"] == "word-list"


@pytest.mark.parametrize(
    ("name", "profile"),
    [
        ("s.html", "html"),
        ("s-easy-read.html", "easy-read"),
        ("s-easy-read-review.html", "easy-read"),
        ("s-easy-read.docx", "easy-read"),
        ("s-large-print.docx", "large-print"),
        ("s-large-print.pdf", "large-print"),
        ("s-giant-print.docx", "giant-print"),
        ("s-giant-print.pdf", "giant-print"),
        ("s.pdf", "large-print"),
        ("s.brf", "braille"),
        ("s.pef", "braille"),
        ("s-braille.txt", "braille"),
        ("s-uncontracted.brf", "braille-uncontracted"),
        ("s-uncontracted-braille.txt", "braille-uncontracted"),
        ("s.docx", "draft"),
        ("s.md", "draft"),
        ("S-EASY-READ.DOCX", "easy-read"),
    ],
)
def test_every_file_the_tool_writes_is_checked_by_its_own_rules(name: str, profile: str) -> None:
    from accessconv import profiles

    chosen = formats.rules_for(name, profiles.load_all())
    assert chosen is not None and chosen.name == profile


def test_a_file_no_format_writes_gets_no_rules() -> None:
    from accessconv import profiles

    assert formats.rules_for("notes.txt", profiles.load_all()) is None
