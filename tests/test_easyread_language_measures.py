"""Readability figures, syllables, passive / clause flags, key terms, and working offline."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from accessconv.formats.easy_read.language import flags, key_terms, readability


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("cat", 1),
        ("the", 1),
        ("people", 2),
        ("council", 2),
        ("recruitment", 3),
        ("beautiful", 3),
        ("strategy", 3),
        ("facilitate", 4),
        ("co-production", 4),  # parts counted
        ("Northbrook", 2),  # not in the dictionary: the rule-based estimate
        ("2026", 1),
    ],
)
def test_syllables(word: str, count: int) -> None:
    assert readability.syllables(word) == count


def test_flesch_figures_on_known_text() -> None:
    one = readability.measure(["The cat sat on the mat."])
    assert (one.sentences, one.words, one.syllables) == (1, 6, 6)
    assert one.reading_ease == pytest.approx(206.835 - 1.015 * 6 - 84.6 * 1.0)
    assert one.grade == pytest.approx(0.39 * 6 + 11.8 * 1.0 - 15.59)
    two = readability.measure(["We will help you.", "The council facilitates recruitment."])
    # 4 + 4 words; syllables 1+1+1+1 and 1+2+4+3 = 14.
    assert (two.sentences, two.words, two.syllables) == (2, 8, 14)
    assert two.reading_ease == pytest.approx(206.835 - 1.015 * 4 - 84.6 * 14 / 8)
    assert readability.measure_text("We met. They talked.\nIt went well.").sentences == 3
    assert readability.measure([]).reading_ease == 0.0


@pytest.mark.parametrize(
    ("sentence", "passive"),
    [
        ("The plan will be co-produced with staff.", True),
        ("Members are paid for their time.", True),
        ("It was quickly agreed.", True),
        ("Staff are skilled and valued.", False),
        ("We help people every day.", False),
        ("The council will pay members.", False),
    ],
)
def test_passive_voice(sentence: str, passive: bool) -> None:
    assert flags.is_passive(sentence) is passive


def test_clause_count() -> None:
    assert flags.clause_count("We met the group.") == 1
    assert flags.clause_count("We met the group, which meets in May, because they asked.") == 3
    assert flags.clause_count("They want the same staff so that they know them.") == 2


def test_key_terms_prefer_known_phrases_then_main_noun_and_verb() -> None:
    assert key_terms.key_terms(["We will train care workers."], [], 3)[:2] == ["care", "train"]
    assert key_terms.key_terms(["Members are paid for their time."], [], 3) == ["member", "pay", "time"]
    got = key_terms.key_terms(
        ["We met unpaid carers with lived experience."], ["unpaid carer", "lived experience"], 3
    )
    assert got == ["unpaid carer", "lived experience", "carer"]
    # Function words, names and numbers are skipped; "help" after "to" is a verb.
    assert key_terms.key_terms(["Northbrook wants to help 12 people."], [], 3) == ["people", "help"]


def test_word_data_works_with_no_network(tmp_path: Path) -> None:
    """wordfreq, lemminflect and the syllable data all load from the installed packages: run the
    whole language half in a fresh Python where opening any network connection fails."""
    script = tmp_path / "offline.py"
    script.write_text(
        "import socket\n"
        "def refuse(*a, **k):\n"
        "    raise RuntimeError('network used')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "socket.getaddrinfo = refuse\n"
        "import sys\n"
        f"sys.path[:0] = [{str(Path(__file__).parent)!r}]\n"
        "from easyread_language_builders import SAMPLE, settings\n"
        "from accessconv.reader import read\n"
        "from accessconv.formats.easy_read.language.language import transform\n"
        "er = transform(read(SAMPLE), settings())\n"
        "assert er.hard_words and er.stats.reading_ease_after > 0\n"
        "print('offline ok')\n",
        encoding="utf-8",
    )
    src = str(Path(__file__).resolve().parents[1] / "src")
    done = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": src, "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "offline ok" in done.stdout
