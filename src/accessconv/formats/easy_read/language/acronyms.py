"""Acronyms: write them out in full.

Expansions come from our list (`data/easy-read/acronyms.tsv`), an optional council list, and
definitions in the draft itself such as "Adult Social Care (ASC)". The draft's own definitions win,
because the author knows what they meant. An acronym with no expansion is left as it is and goes
on the review sheet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from .wordlists import builtin, read_table

# Two or more capitals, optionally a plural "s": "ASC", "GPs". Not part of a longer word or code
# such as a postcode ("NB1 1AA") or a reference the reader quotes ("ASC/44812").
ACRONYM = re.compile(r"(?<![\w-])([A-Z]{2,}(?:s(?=\b))?)(?![\w-]|/[\w-]*\d)")
# "Words In Capitals (WIC)": up to 8 words before a bracketed acronym. Matching starts only at
# the start of a word and never gives back part of a word (possessive *+), so a long word costs
# one pass, not one per letter (the old pattern was quadratic: 10,000 letters took seconds).
# A comma may follow a word: "voluntary, community and social enterprise (VCSE)".
_DEFINITION = re.compile(r"(?<![\w'’-])((?:[A-Za-z][\w'’-]*+,?\s++){1,8})\(([A-Z]{2,}+)\)")
_SMALL = {"of", "and", "for", "the", "in", "on", "to", "&"}


# A FREEPOST address is written as the post office needs it ("FREEPOST OAKFIELD WARMTH TEAM").
_FREEPOST = re.compile(r"(?i:FREEPOST)\b")
_AFTER_FREEPOST = re.compile(r"\b(?i:FREEPOST)(?:\s+[A-Z0-9][A-Z0-9-]*)*\s+$")


def _in_freepost(mt: re.Match[str]) -> bool:
    """The match is FREEPOST or a word of the address after it (only the few words before it are
    looked at: a long draft has many capitals)."""
    before = mt.string[max(0, mt.start() - 80) : mt.start()]
    return bool(_FREEPOST.match(mt.group(0)) or _AFTER_FREEPOST.search(before))
# Three or more words in capitals in a row ("PLEASE READ THIS NOTICE") are shouting, not acronyms.
# Possessive and from the start of a word only, for linear time (as _DEFINITION).
_CAPITALS_RUN = re.compile(r"(?<![\w'’-])[A-Z][A-Z'’]++(?:[\s,]++[A-Z][A-Z'’]*+){2,}(?![\w-])")


@dataclass
class Acronyms:
    expansions: dict[str, str]
    # Acronym -> number of times written out; acronyms we could not expand -> the text they were in.
    expanded: dict[str, int] = field(default_factory=dict)
    unknown: dict[str, str] = field(default_factory=dict)
    # Blocks of capitals put into ordinary letters (Easy Read has no blocks of capitals).
    capitals: list[str] = field(default_factory=list)


def load(council_file: Path | None) -> dict[str, str]:
    # read_table(..., 2) gives rows of exactly two cells: acronym, expansion.
    table = dict(cast("Iterable[tuple[str, str]]", read_table(builtin("acronyms.tsv"), 2)))
    if council_file is not None:
        table.update(dict(cast("Iterable[tuple[str, str]]", read_table(council_file, 2))))
    return {k.strip(): v.strip() for k, v in table.items() if k.strip() and v.strip()}


def find_definitions(text: str) -> dict[str, str]:
    """Acronyms the draft defines, e.g. "Adult Social Care (ASC)" -> {"ASC": "Adult Social Care"}.

    The words just before the bracket must start with the acronym's letters in order (small
    words like "of" and "and" may be skipped), so "we met (ASC)" is not taken as a definition."""
    found: dict[str, str] = {}
    for mt in _DEFINITION.finditer(text):
        acronym = mt.group(2)
        words = mt.group(1).split()
        for start in range(len(words) - 1, -1, -1):
            candidate = words[start:]
            initials = "".join(w[0].upper() for w in candidate if w.lower() not in _SMALL)
            if initials == acronym and candidate[0].lower() not in _SMALL:
                found.setdefault(acronym, " ".join(candidate))
                break
    return found


def lower_capitals(text: str, acronyms: Acronyms) -> str:
    """ "PLEASE READ THIS NOTICE" -> "please read this notice" (known acronyms and "I" kept); the
    sentence's first letter is made a capital again by the points step."""

    def lower(mt: re.Match[str]) -> str:
        if _in_freepost(mt):
            return mt.group(0)  # an address, written as the post office needs it
        acronyms.capitals.append(mt.group(0))
        return re.sub(
            r"[A-Z][A-Z'’]*",
            lambda w: (
                w.group(0) if w.group(0) in acronyms.expansions or w.group(0) == "I" else w.group(0).lower()
            ),
            mt.group(0),
        )

    return _CAPITALS_RUN.sub(lower, text)


def expand(text: str, acronyms: Acronyms) -> str:
    """Write out every acronym we know; drop the "(ASC)" that followed its definition."""
    text = lower_capitals(text, acronyms)

    def drop_definition(mt: re.Match[str]) -> str:
        words, acronym = mt.group(1), mt.group(2)
        if acronyms.expansions.get(acronym, "").lower() and words.rstrip().lower().endswith(
            acronyms.expansions[acronym].lower()
        ):
            acronyms.expanded[acronym] = acronyms.expanded.get(acronym, 0) + 1
            return words.rstrip()
        return mt.group(0)

    text = _DEFINITION.sub(drop_definition, text)

    def replace(mt: re.Match[str]) -> str:
        token = mt.group(1)
        if _in_freepost(mt):
            return token
        plural = token.endswith("s") and token[:-1] in acronyms.expansions
        key = token[:-1] if plural else token
        if key in acronyms.expansions:
            acronyms.expanded[key] = acronyms.expanded.get(key, 0) + 1
            full = acronyms.expansions[key]
            return full + "s" if plural and not full.endswith("s") else full
        if len(key) >= 2 and key not in acronyms.unknown:
            acronyms.unknown[key] = text
        return token

    return re.sub(r"\(\s*\)", "", ACRONYM.sub(replace, text))
