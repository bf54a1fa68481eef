"""A kept sentence that leans on the one before it keeps that one too.

"If you need help, they will contact one of your responders." means nothing when the sentence
before it ("An operator will speak to you.") was left out to keep the Easy Read version short: the
reader meets "they" with no one for it to be. So when a kept sentence of a paragraph opens with a
word that points back (`pointing_openers` in grammar.toml: "they", "it", "this" + a verb …),
possibly after a short opening clause, the sentence before it in the same paragraph is kept as
well, with the same score (so fitting the length weighs them alike).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .select import Candidate
from .text import words
from .wordlists import grammar, word_set


@dataclass(frozen=True)
class _Openers:
    pronouns: frozenset[str]  # point back always
    determiners: frozenset[str]  # point back when a verb follows ("This means …")
    verbs: frozenset[str]  # those verbs, helping verbs included


@cache
def _openers() -> _Openers:
    data = grammar().get("leaning", {})
    return _Openers(
        frozenset(data.get("pronouns", [])),
        frozenset(data.get("determiners", [])),
        frozenset(data.get("verbs", [])) | word_set("auxiliaries"),
    )


# "If you need help, they …": a short opening clause before the subject.
_OPENING = re.compile(r"^(?:if|when|once|after|before|while|until)\b[^,]{0,80},\s*", re.IGNORECASE)
# "It is important that …" / "It is best to …": an empty "it", pointing at nothing.
_EMPTY_IT = re.compile(r"^it\s+(?:is|was|will be|would be|may be|can be)\s+\w+\s+(?:that|to|for|if)\b", re.I)


def leans_back(text: str) -> bool:
    rest = _OPENING.sub("", text.strip(), count=1)
    said = [w.lower() for w in words(rest)]
    if not said or _EMPTY_IT.match(rest):
        return False
    openers = _openers()
    if said[0] in openers.pronouns:
        return True
    return said[0] in openers.determiners and len(said) > 1 and said[1] in openers.verbs


def pull_in(cands: list[Candidate], dropped: frozenset[str] = frozenset()) -> None:
    """Keep the sentence before each kept one that leans on it (and so on back), unless a person
    left that sentence out (`dropped`: the ids of their `drop` lines)."""
    at = {(c.section, c.unit, c.index): c for c in cands}
    for cand in sorted(cands, key=lambda c: (c.section, c.unit, c.index), reverse=True):
        if not cand.kept or cand.kind != "paragraph" or cand.index == 0 or not leans_back(cand.text):
            continue
        before = at.get((cand.section, cand.unit, cand.index - 1))
        if before is not None and not before.kept and before.id not in dropped:
            before.kept = True
            before.score = max(before.score, cand.score)
