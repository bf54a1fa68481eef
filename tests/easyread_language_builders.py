"""Shared builders for the Easy Read language tests."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from accessconv.formats.easy_read.language.language import LanguageSettings
from accessconv.profiles import build

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "easy-read-language.md"
SAMPLE = ROOT / "samples" / "draft-strategy.md"


def settings_table() -> dict:
    """The [settings.language] block documented in docs/easy-read-language.md (so the documented
    block is the one the tests use, and the two cannot drift apart)."""
    text = DOC.read_text(encoding="utf-8")
    block = re.search(r"<!-- language-settings:start -->\s*```toml\n(.*?)```", text, re.S)
    assert block, "the settings block is missing from docs/easy-read-language.md"
    return tomllib.loads(block.group(1))["settings"]["language"]


def settings(**changes: object) -> LanguageSettings:
    # These tests look at each step on every sentence: keep them all, split by rule only and
    # explain hard words in the list only (selection, the parser and explanations in the text have
    # their own tests in test_easy_read_keep.py).
    table = {**settings_table(), "keep_all": True, "use_parser": False, "explain_in_text": False, **changes}
    return build(LanguageSettings, table, DOC, "settings.language")
