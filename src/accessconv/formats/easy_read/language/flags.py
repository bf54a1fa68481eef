"""Flags for a person: passive voice, and sentences with several clauses.

Both are only flagged (review items), never rewritten: turning "will be paid by the council" into
"the council will pay" needs a person who knows who does what.

- Passive: a form of "be" or "get" (optionally one "-ly" word between) then a past participle
  ("is paid", "will be co-produced", "was quickly agreed"). Describing words that look like
  participles ("staff are skilled") are listed in grammar.toml and not flagged.
- Several clauses: each linking word that starts a clause inside a sentence ("because", "which",
  "who", "when", "that" before "we"/"they"/"the" ..., or "and"/"but" before "we"/"they" ...)
  adds a clause; more than the profile's `max_clauses` is flagged.
"""

from __future__ import annotations

import re
from functools import cache

import lemminflect

from .text import lemmas, words
from .wordlists import word_set


@cache
def is_past_participle(word: str) -> bool:
    low = word.lower()
    if "-" in low:
        # "co-produced": judge the last part.
        low = low.rsplit("-", 1)[1]
    if low in word_set("adjectival_participles"):
        return False
    for base in lemmas(low).get("VERB", ()):
        forms = lemminflect.getInflection(base, "VBN") + lemminflect.getInflection(
            base, "VBN", inflect_oov=True
        )
        if low in (f.lower() for f in forms):
            return True
    if not lemmas(low) and low.endswith("ed") and len(low) > 4:
        return True
    return False


def is_passive(sentence: str) -> bool:
    tokens = [w.lower() for w in words(sentence)]
    for i, tok in enumerate(tokens[:-1]):
        if tok not in word_set("passive_auxiliaries"):
            continue
        nxt = tokens[i + 1]
        if nxt.endswith("ly") and i + 2 < len(tokens):
            nxt = tokens[i + 2]
        if is_past_participle(nxt):
            return True
    return False


def clause_count(sentence: str) -> int:
    text = " " + " ".join(w.lower() for w in words(sentence)) + " "
    count = 1
    for marker in word_set("subordinators"):
        count += len(re.findall(rf" {re.escape(marker)} ", text))
    starters = word_set("subject_pronouns") | {"the", "a", "an", "our", "their", "this", "it", "there"}
    starter = "|".join(sorted(re.escape(s) for s in starters))
    count += len(re.findall(rf"(?<! so) that (?:{starter}) ", text))
    pronouns = "|".join(sorted(re.escape(s) for s in word_set("subject_pronouns")))
    count += len(re.findall(rf" (?:and|but|so|or) (?:{pronouns}) ", text))
    return count
