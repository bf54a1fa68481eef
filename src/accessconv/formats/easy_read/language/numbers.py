"""Numbers: digits, not words; percentages in a plain form ("25%" -> "1 in 4").

Number words come from `data/easy-read/number-words.tsv` ("one" is left out on purpose: "no one",
"one of us" and "one-off" read better as words). A number word joined to another word by a
hyphen ("two-way") is left alone. A percentage becomes "k in n" when it equals a fraction with a
small bottom number, "about k in n" when it is within the profile's tolerance, and otherwise stays
as it is and goes on the review sheet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache

from . import wordlists
from .wordlists import builtin, read_table

PERCENT = re.compile(r"(?<![\w.])(\d{1,3}(?:\.\d+)?)\s?(?:%|per ?cent\b)", re.IGNORECASE)
# "87% of people" -> "7 in 8 people" ("7 in 8 of people" is not English); "of" stays before "the",
# "our", "their" … ("3 in 8 of the council's budget").
_PERCENT_OF = re.compile(rf"(?P<pct>{PERCENT.pattern})(?P<of>\s+of(?=\s+(?P<next>[\w’']+)))?", re.IGNORECASE)


@dataclass
class NumberChanges:
    words: dict[str, int] = field(default_factory=dict)  # "eight" -> times changed
    percentages: dict[str, str] = field(default_factory=dict)  # "25%" -> "1 in 4"
    left: list[str] = field(default_factory=list)  # percentages we could not make plain


@cache
def number_words() -> dict[str, int]:
    return {word.lower(): int(value) for word, value in read_table(builtin("number-words.tsv"), 2)}


@cache
def number_word_pattern() -> re.Pattern[str]:
    names = "|".join(sorted(number_words(), key=len, reverse=True))
    # "twenty-five" / "twenty five" as one number; never part of a hyphenated word ("two-way").
    return re.compile(
        rf"(?<![\w-])({names})(?:[- ]({names}))?(?![\w]|-\w)",
        re.IGNORECASE,
    )


def words_to_digits(text: str, changes: NumberChanges) -> str:
    table = number_words()

    def replace(mt: re.Match[str]) -> str:
        first = table[mt.group(1).lower()]
        second = table[mt.group(2).lower()] if mt.group(2) else None
        if second is not None and first >= 20 and first % 10 == 0 and 0 < second < 10:
            value = first + second
        elif second is not None:
            # "two three" is not one number: change the first word, look again at the second.
            tail = mt.group(0)[len(mt.group(1)) :]
            changes.words[mt.group(1).lower()] = changes.words.get(mt.group(1).lower(), 0) + 1
            return str(first) + number_word_pattern().sub(replace, tail)
        else:
            value = first
        key = mt.group(0).lower()
        changes.words[key] = changes.words.get(key, 0) + 1
        return str(value)

    return number_word_pattern().sub(replace, text)


def plain_percentage(value: float, max_denominator: int, tolerance: float) -> str | None:
    """ "1 in 4" for 25, "about 1 in 7" for 15 (tolerance 1), None when nothing is close enough."""
    if value <= 0 or value >= 100:
        return None
    best: tuple[float, int, int] | None = None
    for denominator in range(2, max_denominator + 1):
        numerator = round(value * denominator / 100)
        if not 0 < numerator < denominator:
            continue
        fraction = Fraction(numerator, denominator)
        error = abs(value - 100 * numerator / denominator)
        candidate = (error, fraction.denominator, fraction.numerator)
        if best is None or candidate < best:
            best = candidate
    if best is None:
        return None
    error, denominator, numerator = best
    if error < 1e-9:
        return f"{numerator} in {denominator}"
    if error <= tolerance:
        return f"about {numerator} in {denominator}"
    return None


def percentages(text: str, changes: NumberChanges, max_denominator: int, tolerance: float) -> str:
    keep_of = wordlists.word_set("determiners") | wordlists.word_set("subject_pronouns") | {"them", "us"}

    def replace(mt: re.Match[str]) -> str:
        plain = plain_percentage(float(mt.group(2)), max_denominator, tolerance)
        if plain is None:
            changes.left.append(mt.group("pct"))
            return mt.group(0)
        changes.percentages[mt.group("pct")] = plain
        of = mt.group("of") or ""
        if of and (mt.group("next") or "").lower() not in keep_of:
            of = ""  # "7 in 8 people"
        return plain + of

    return _PERCENT_OF.sub(replace, text)
