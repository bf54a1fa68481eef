"""A long list of phrases as one regular expression that is quick to search.

Python's `re` tries an alternation one phrase at a time at every position of the text: the
plain-words list's 1,800 word forms took about 2 ms per sentence to search, most of the time the
Easy Read transform spent on plain words. Here the phrases' first three letters are written once,
as a tree ("a(?:s(?:s(?:ist|isted|…)))"), so at each position the engine tries a few letters
instead of every phrase: 40-70 times faster to search on the benchmark draft's sentences, and no
slower to compile than the flat alternation (a deeper tree is slower to compile).

It matches what the alternation sorted longest first matches, at the same places and the same
text: where two phrases match at one place, they share their first letters and so sit in the same
branch of the tree, and every branch keeps the phrases in that sorted order (the phrase that ends
at a branch point, the shortest there, comes last).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Letters (or spaces between words) written as a tree before each branch's own alternation.
DEPTH = 3


def longest_first(phrases: Iterable[str]) -> str:
    """The pattern (without boundaries) for these phrases: each letter as written, escaped, each
    space between words as any run of white space; the longer of two phrases tried first."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return _branch([_pieces(p) for p in ordered], 0)


def _pieces(phrase: str) -> list[str]:
    out: list[str] = []
    for i, word in enumerate(phrase.split()):
        if i:
            out.append(r"\s+")
        out.extend(re.escape(ch) for ch in word)
    return out


def _branch(rests: list[list[str]], depth: int) -> str:
    """The alternation of these remainders (in their order), its first pieces as a tree."""
    if depth == DEPTH:
        return "|".join("".join(rest) for rest in rests)
    children: dict[str, list[list[str]]] = {}
    ends = False
    for rest in rests:
        if rest:
            children.setdefault(rest[0], []).append(rest[1:])
        else:
            ends = True  # the shortest phrase of this branch: tried last
    branches = []
    for piece in sorted(children):
        below = children[piece]
        if below == [[]]:
            branches.append(piece)
        else:
            branches.append(f"{piece}(?:{_branch(below, depth + 1)})")
    if ends:
        branches.append("")
    return "|".join(branches)
