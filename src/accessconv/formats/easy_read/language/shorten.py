"""The last resort for a chosen sentence that stays too long after splitting: keep its main clause.

"Around 3,400 people here live with dementia, a number expected to rise as our population ages." has
a main clause that says what matters and a tail that adds to it. Leaving the whole sentence out (as
we did) lost the main message with the tail; keeping the main clause loses only the tail, which the
review sheet lists with the line that brings the sentence back as a person's own rewrite.

A tail may go only when it is safe to lose (the words are data: `[shorten]` in grammar.toml):
- it starts after a comma, or with a word that opens an extra clause ("so that", "because",
  "including", an -ing phrase about the object);
- it is not a condition, a limit or an exception ("if", "unless", "only", "until", "except"…),
  which would make the kept clause untrue, nor an alternative ("or");
- it holds no fact (number, date, money, contact, name: `facts.facts`), so every fact of the
  Easy Read text is still the draft's whole fact;
- what is kept stands as a sentence (`parse.sound`: a subject and a verb with a tense).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from . import facts, parse
from .syntax import sentence
from .wordlists import grammar

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


@dataclass(frozen=True)
class Shortened:
    kept: str  # the main clause, as a sentence
    left_out: str  # the words dropped, as the draft had them


@dataclass(frozen=True)
class _Words:
    never: frozenset[str]  # a tail starting with one of these changes the truth of what is kept
    openers: tuple[tuple[str, ...], ...]  # words that open a droppable tail, even with no comma
    min_words: int
    add_on_leads: tuple[str, ...]  # how a part our splitting made from such a tail starts


@cache
def _words() -> _Words:
    data = grammar().get("shorten", {})
    return _Words(
        frozenset(w.lower() for w in data.get("never_drop", [])),
        tuple(tuple(p.lower().split()) for p in data.get("tail_openers", [])),
        int(data.get("min_words", 5)),
        tuple(lead.lower() for lead in data.get("add_on_leads", [])),
    )


def main_clause(
    text: str, limit: int, count: Callable[[str], int], restore: Callable[[str], str] = str
) -> Shortened | None:
    """The longest safe front of `text` that is at most `limit` words, or None. `restore` gives
    the words a reader sees (a web address or email is one protected character until then, and
    would not look like a fact)."""
    doc = parse.parse(text)
    if doc is None:
        return None
    words = _words()
    for tok in sorted(_cut_points(doc, words), key=lambda t: -t.i):
        kept = sentence(text[: tok.idx].rstrip(" ,;:—–-"))
        tail = text[tok.idx :].strip()
        size = count(kept)
        if size > limit or size < words.min_words or facts.facts(restore(tail)) or not _balanced(kept):
            continue
        if not _droppable(doc[tok.i :], words):
            continue
        if parse.sound([kept]):
            return Shortened(kept, tail)
    return None


def add_on(part: str, restore: Callable[[str], str] = str) -> bool:
    """A part our splitting made from a sentence's tail that only adds a reason or a purpose ("This
    is so that …", `add_on_leads` in grammar.toml), with no fact and no "not": it may go whole."""
    lowered = part.lower()
    if not any(lowered.startswith(lead + " ") for lead in _words().add_on_leads):
        return False
    return not facts.facts(restore(part)) and not _NEGATIVE & {w.strip(",.") for w in lowered.split()}


def _cut_points(doc: Doc, words: _Words) -> list[Token]:
    """Tokens where a droppable tail may start: after a comma, or at an opening word."""
    out = []
    for tok in doc[1:]:
        if tok.is_punct or _starts_with(doc, tok.i, words.never):
            continue
        after_comma = doc[tok.i - 1].text in {",", ";", "—", "–"}
        if after_comma or any(_matches(doc, tok.i, o) for o in words.openers) or _object_participle(tok):
            out.append(tok)
    return out


# How a tail may hang on the clause it leaves: a clause, a phrase about the verb, a second verb.
# An object, or a noun joined to one before the cut (a list: "hoists, beds and chairs"), must stay.
_NEGATIVE = {"not", "n't", "no", "never", "none", "nobody", "nothing"}
_LOOSE = {"advcl", "relcl", "acl", "cc", "appos", "prep", "npadvmod", "advmod", "punct", "mark", "conj"}


def _droppable(tail: Span, words: _Words) -> bool:
    """Every word of the tail that hangs on the kept words does so loosely, and nothing in it says
    "not" (losing "…, which you do not pay for" would lose what a reader most needs)."""
    start = tail.start
    if any(tok.dep_ == "ROOT" for tok in tail):
        return False  # "If it does, for example if …, we will look at …": the tail is the main clause
    for tok in tail:
        if tok.dep_ == "neg" or tok.lower_ in _NEGATIVE:
            return False
        noun_joined = tok.dep_ == "conj" and tok.pos_ not in {"VERB", "AUX"}
        if tok.head.i < start and (tok.dep_ not in _LOOSE or noun_joined):
            return False
    return True


def _starts_with(doc: Doc, i: int, never: frozenset[str]) -> bool:
    """The tail starts with a word that must stay (a condition, a limit, an alternative), or with
    "and"/"but" followed by one ("…, and only if…")."""
    first = doc[i].lower_
    if first in never:
        return True
    return first in {"and", "but"} and i + 1 < len(doc) and doc[i + 1].lower_ in never


def _matches(doc: Doc, i: int, words: tuple[str, ...]) -> bool:
    return tuple(t.lower_ for t in doc[i : i + len(words)]) == words


def _object_participle(tok: Token) -> bool:
    """ "… offered an adviser helping them to plan ahead": an -ing phrase that describes a noun."""
    return tok.tag_ == "VBG" and tok.dep_ == "acl" and tok.head.pos_ in {"NOUN", "PROPN"}


def _balanced(text: str) -> bool:
    """No bracket or quotation left open by the cut."""
    quotes = text.count("“") == text.count("”") and text.count('"') % 2 == 0
    return text.count("(") == text.count(")") and quotes
