"""The Easy Read data stays valid: scripts/check_easy_read_data.py runs in the tests (it was run by
hand only, and 10 errors had crept in: long glossary explanations, a hard word in one, and keep
groups of weight 0 it took for mistakes though the rules name them on purpose)."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "check_easy_read_data.py"
DATA = ROOT / "src" / "accessconv" / "formats" / "easy_read" / "data"


def test_the_easy_read_data_passes_its_checks() -> None:
    done = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True, check=False)
    errors = [line for line in done.stdout.splitlines() if line.startswith("error:")]
    assert done.returncode == 0 and errors == [], "\n".join(errors)
    assert "0 errors" in done.stdout


def _script_on(data: Path) -> ModuleType:
    """The script, pointed at a copy of the data (its lists of errors and warnings start empty)."""
    spec = importlib.util.spec_from_file_location("check_easy_read_data_copy", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.DATA = data
    return module


def test_the_data_check_fails_on_a_long_explanation_and_a_group_that_does_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("*.zip", "symbols-*"))
    glossary = data / "glossary.tsv"
    glossary.write_text(
        glossary.read_text(encoding="utf-8")
        + "zebra crossing\tA zebra crossing is a place with black and white stripes on the road where you "
        "can cross.\thousing\t\n",
        encoding="utf-8",
    )
    rules = data / "selection-rules.toml"
    rules.write_text(
        rules.read_text(encoding="utf-8") + '\n[keep.forgotten]\nweight = 0\nphrases = ["zebra"]\n',
        encoding="utf-8",
    )
    module = _script_on(data)
    assert module.main() == 1
    assert any("zebra crossing" in e and "words >" in e for e in module.errors)
    assert any("keep.forgotten has weight 0" in e for e in module.errors)
    # The rules' own weight-0 groups are named by a [policy] list: not errors.
    assert not any("keep.dates" in e or "keep.not_charged" in e for e in module.errors)
