"""Shared builders for the Easy Read language tests."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from types import SimpleNamespace

from accessconv.formats.easy_read.language import clauses, facts, parse, points
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


# The settings the transform's splitting reads, at the default profile's numbers.
SPLIT_SETTINGS = SimpleNamespace(
    use_parser=True, max_words_warn=12, min_clause_words=3, max_inline_list_item_words=8
)


def split_like_the_transform(sentence: str) -> list[str]:
    """What the Easy Read transform does to one sentence: the parser's rules, then the older
    punctuation splitter on each part (language.py `_split`)."""
    first = parse.split(sentence, lambda t: len(t.split()) > 12) or [sentence]
    return [p for part in first for p in points.split_sentence(part, SPLIT_SETTINGS).parts]


def keeps_everything(sentence: str, parts: list[str]) -> None:
    """Every content word and fact of the sentence is in its parts."""
    joined = " ".join(parts)
    assert points.keeps_content(sentence, joined), parts
    for fact in facts.facts(sentence):
        assert fact in joined, (fact, parts)


def sentences_stand(parts: list[str]) -> None:
    """Each part before a list's lead, parsed alone, is a sentence that reads as it should (a
    sentence left whole is the draft's own: the parser may read that one wrong)."""
    if len(parts) < 2:
        return
    for part in clauses.to_check(parts):
        doc = parse.parse(part)
        assert doc is not None
        assert clauses.stands(doc) and not parse.reads_wrong(doc), part
