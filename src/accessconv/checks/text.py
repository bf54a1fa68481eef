"""Text helpers shared by the checks: word data (loaded once, from data files) and the one
sentence splitter the checks use."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"

# A sentence ends at . ! or ?, after any closing quotes or brackets, where a space follows.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+")


def read_list(name: str) -> list[str]:
    """A data file of one entry a line; blank lines and # comments are skipped."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


@cache
def vague_link_phrases() -> frozenset[str]:
    return frozenset(read_list("vague-link-text.txt"))


def split_sentences(text: str) -> list[str]:
    """The sentences of a finished text as a reader meets them: a break after every . ! or ?
    followed by a space, whatever comes next.

    Deliberately simpler than the Easy Read language step's splitter
    (formats/easy_read/language/text.py), which rewrites the text and so must never split where
    it is unsure (after "e.g." or "Dr.", before a lower-case word). A check reading the output
    back counts every full stop a reader meets as an end, so it never lets the language step's
    own choices hide a long sentence."""
    return [s.strip() for s in _SENTENCE_END.split(" ".join(text.split())) if s.strip()]
