"""Word frequency on wordfreq's Zipf scale, read from wordfreq's own English data without importing
wordfreq for the words that need none of its tokenising.

Importing wordfreq costs half a second a run (its data folder is found by `locate`, which reads
the source of every frame on the stack, and it imports its language-tag and text-fixing libraries),
and its first look-up another quarter second (it builds a dict of all 321,000 words). A word of
plain ASCII letters, or such words joined by hyphens ("co-production"), is one token per part in
wordfreq's tokeniser, so its frequency follows from the frequency list alone: that list, sorted,
is kept in the per-user cache (datacache.py) and searched by bisection, and the figure is worked
out as wordfreq does (the tests compare the two on every such word in the list). Any other word
(an apostrophe, an accent) goes to wordfreq itself.
"""

from __future__ import annotations

import bisect
import gzip
import importlib.util
import math
import re
from array import array
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import msgpack

from .... import datacache

LANGUAGE = "en"
# wordfreq's "best" list for English is its large one.
_LIST_FILE = f"large_{LANGUAGE}.msgpack.gz"
_SIMPLE = re.compile(r"[a-z]+(?:-[a-z]+)*")
_LETTERS = re.compile(r"[a-z]+")
# wordfreq's default minimum, Zipf 0, as the frequency it compares with.
_MINIMUM = 10**0.0 / 1e9


@dataclass(frozen=True)
class _Table:
    words: list[str]  # the list's words of plain letters, sorted
    buckets: array[int]  # each word's frequency in centibels below 1, as a positive number

    def centibels(self, word: str) -> int | None:
        i = bisect.bisect_left(self.words, word)
        if i < len(self.words) and self.words[i] == word:
            return self.buckets[i]
        return None


def zipf(word: str) -> float:
    """`wordfreq.zipf_frequency(word, "en")`, the same figure."""
    if _SIMPLE.fullmatch(word):
        table = _table()
        if table is not None:
            return _zipf_of_tokens(word.split("-"), table)
    from wordfreq import zipf_frequency  # only for words the table alone cannot answer

    return float(zipf_frequency(word, LANGUAGE))


def _zipf_of_tokens(tokens: list[str], table: _Table) -> float:
    """wordfreq's arithmetic: frequencies of several tokens combine as 1/f = 1/f1 + 1/f2 ...;
    a token not in the list gives the minimum; the result is rounded to 3 significant digits,
    then to 2 decimals on the Zipf scale."""
    one_over = 0.0
    for token in tokens:
        cb = table.centibels(token)
        if cb is None:
            return _to_zipf(_MINIMUM)
        one_over += 1.0 / 10 ** (-cb / 100)
    unrounded = max(1.0 / one_over, _MINIMUM)
    leading_zeroes = math.floor(-math.log(unrounded, 10))
    return _to_zipf(round(unrounded, leading_zeroes + 3))


def _to_zipf(frequency: float) -> float:
    return round(math.log(frequency, 10) + 9, 2)


@cache
def _table() -> _Table | None:
    """The frequency list, sorted, or None when wordfreq's data file cannot be found."""
    path = _list_path()
    if path is None:
        return None
    raw = path.read_bytes()
    text, buckets = datacache.load("wordfreq-en", "1", [raw], lambda: _sorted_list(raw))
    return _Table(text.split("\n"), array("H", buckets))


def _list_path() -> Path | None:
    spec = importlib.util.find_spec("wordfreq")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / _LIST_FILE
    return path if path.is_file() else None


def _sorted_list(raw: bytes) -> tuple[str, bytes]:
    """wordfreq's list (a header, then one list of words per centibel step down from
    frequency 1) as its words of plain letters sorted and joined by newlines, and their steps as
    16-bit numbers."""
    data = msgpack.unpackb(gzip.decompress(raw), raw=False)
    steps: dict[str, int] = {}
    for index, bucket in enumerate(data[1:]):
        for word in bucket:
            if _LETTERS.fullmatch(word):  # the only tokens looked up here
                steps[word] = index  # a word listed twice keeps its last step, as wordfreq's dict
    words = sorted(steps)
    return "\n".join(words), array("H", (steps[w] for w in words)).tobytes()
