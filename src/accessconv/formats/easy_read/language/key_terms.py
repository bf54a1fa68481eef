"""Key terms: the base forms of a point's main noun and main verb, for choosing its picture.

Without a full parser we use a small, predictable rule: function words, names, numbers, helping
verbs, vague nouns ("example", "way") and general verbs ("make", "take") are skipped; a word is a
noun or a verb by its dictionary (lemminflect), and a word that can be both ("help", "care",
"work") is a verb after "to", "will", "we" and so on, and a noun otherwise.

- A first word that can be a verb, followed by a determiner, a describing word or an object
  ("Offer paid training", "Plan the day", "Tell us"), is an order: a verb.
- A verb form describing the next noun ("paid training", "written guidance") is not a key term.
- A noun after a preposition ("in the plan", "for their time", "to your colleagues") is a
  detail, ranked after the point's other nouns and its main verb ("most of this money" is not a
  detail).
- The words naming who said a quotation ('"..." - a member of the group') are left out.

Known multi-word terms from the glossary and jargon list ("care worker", "lived experience") come
first, then the main noun, then the main verb, then other nouns and verbs, up to the profile's
`key_terms_max`. The word lists are in `data/easy-read/grammar.toml` under `[key_terms]`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import lemminflect

from .text import PLACEHOLDER, is_function_word, lemmas, words
from .wordlists import builtin, grammar, read_list, word_set

# Who said a quotation: the words after its closing quote and a dash.
_ATTRIBUTION = re.compile(r"([”\"])\s*[—–-]\s.*$")


@cache
def _list(name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in grammar()["key_terms"][name])


def _known(word: str) -> bool:
    return bool(lemminflect.getAllLemmas(word)) or "-" in word


def part_of_speech(word: str, previous: str, following: str = "") -> str | None:
    """NOUN, VERB or None (describing words and words no dictionary knows are skipped, except a
    hyphenated word such as "co-production", taken as a noun)."""
    options = lemmas(word.lower())
    if not options and "-" in word:
        return "NOUN"
    if "ADJ" in options or "ADV" in options:
        # "local people", "clear pathway": describing words; but "a draft." is a thing.
        describes = bool(following) and "NOUN" in lemmas(following.lower())
        if "NOUN" in options and previous in word_set("determiners") and not describes:
            return "NOUN"
        return None
    noun, verb = "NOUN" in options, "VERB" in options
    if noun and verb:
        return "VERB" if previous in word_set("verb_markers") else "NOUN"
    if noun:
        return "NOUN"
    if verb:
        return "VERB"
    return None


def _ordinary_capital(tokens: list[str], index: int) -> bool:
    """A capitalised word that is an ordinary word, not part of a name: the first word of a
    sentence when a dictionary knows it, or a lone capitalised dictionary word ("being a Carer");
    "Working Together Group" or "Family Carers" are names."""
    word = tokens[index]
    low = word.lower()
    common = read_list(builtin("common-words.txt"))
    if low in _list("calendar_names"):
        return False
    if word.isupper() or not (_known(low) or low in common or low.rstrip("s") in common):
        return False
    if index == 0:
        return True
    before = tokens[index - 1]
    after = tokens[index + 1] if index + 1 < len(tokens) else ""
    return not before[:1].isupper() and not after[:1].isupper()


def _is_order(tokens: list[str]) -> bool:
    """The sentence starts with an order: "Offer paid training", "Plan the day", "Tell us"."""
    if len(tokens) < 2:
        return False
    first, following = tokens[0].lower(), tokens[1].lower()
    if first not in lemmas(first).get("VERB", ()):
        return False  # not a verb's base form ("Members", "Care's")
    if following in word_set("determiners") or following in _list("prepositions"):
        return True
    if following in _list("imperative_objects"):
        return True
    options = lemmas(following)
    # "Offer paid training", "Take regular breaks"; but "Care workers told us" is a noun phrase.
    if not options:
        return False
    return "ADJ" in options or "NOUN" not in options or (following.endswith("ed") and "VERB" in options)


@dataclass
class _Found:
    """The nouns and verbs of a point, in the order they come."""

    nouns: list[str] = field(default_factory=list)
    detail_nouns: list[str] = field(default_factory=list)  # nouns after a preposition
    verbs: list[str] = field(default_factory=list)


def key_terms(sentences: list[str], phrases: list[str], limit: int) -> list[str]:
    """`phrases`: known multi-word terms found in the point (already base forms)."""
    found = _Found()
    for sentence in sentences:
        _scan(words(_ATTRIBUTION.sub(r"\1", sentence)), found)
    # The main noun, the main verb, then the rest; a detail ("in the plan") never leads.
    ordered: list[str] = list(phrases)
    ordered += found.nouns[:1] + found.verbs[:1]
    ordered += found.nouns[1:] + found.detail_nouns + found.verbs[1:]
    return list(dict.fromkeys(ordered))[:limit]


def _opens_detail(low: str, previous: str, following_word: str) -> bool:
    """A preposition that makes the next noun a detail: "in the plan"; but in "most of this
    money" or "the type of support" the noun after "of" is the thing itself, and "to" counts only
    before a thing ("to your colleagues", not "to help")."""
    of_head = previous in _list("of_heads") or previous in _list("vague_nouns")
    to_a_thing = low == "to" and following_word in word_set("determiners")
    return (low in _list("prepositions") or to_a_thing) and not (low == "of" and of_head)


def _skipped(tokens: list[str], index: int) -> bool:
    """Placeholders, numbers, function words, helping verbs and names are never key terms."""
    word = tokens[index]
    return bool(
        PLACEHOLDER.match(word)
        or any(ch.isdigit() for ch in word)
        or is_function_word(word)
        or word.lower() in word_set("auxiliaries")
        or (word[:1].isupper() and not _ordinary_capital(tokens, index))
        or word.isupper()
    )


def _scan(tokens: list[str], found: _Found) -> None:
    """Add one sentence's nouns and verbs to `found`."""
    previous = ""
    previous_pos: str | None = None
    after_preposition = False
    order = _is_order(tokens)
    for index, word in enumerate(tokens):
        low = word.lower()
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if _opens_detail(low, previous, following.lower()):
            after_preposition = True
        pos: str | None = None
        if not _skipped(tokens, index):
            pos = "VERB" if index == 0 and order else part_of_speech(low, previous, following)
            if pos == "VERB" and _describes(low, previous, previous_pos, following):
                pos = None
            if pos == "NOUN":
                _add_noun(low, found.detail_nouns if after_preposition else found.nouns)
            elif pos == "VERB":
                base = lemmas(low)["VERB"][0].lower()
                if base not in _list("generic_verbs"):
                    found.verbs.append(base)
                after_preposition = False
        previous = low
        previous_pos = pos


def _add_noun(low: str, into: list[str]) -> None:
    noun = lemmas(low).get("NOUN", (low,))[0].lower()
    # "take a look", "make a start": a general verb used as a noun is as vague.
    vague = _list("vague_nouns") | _list("generic_verbs")
    if noun not in vague and low not in vague:
        into.append(noun)


def _describes(word: str, previous: str, previous_pos: str | None, following: str) -> bool:
    """A verb form describing the next noun: "paid training", "the planned event", "provide
    written guidance"; but not "we asked people" (a verb after its subject)."""
    if not following or word in lemmas(word).get("VERB", ()):
        return False  # a base form ("offer", "plan") is not a describing form
    if not (word.endswith(("ed", "en")) or word in ("paid", "made", "held", "built", "led")):
        return False
    if "NOUN" not in lemmas(following.lower()) or following[:1].isupper():
        return False
    return (
        not previous
        or previous_pos == "VERB"
        or previous in word_set("determiners")
        or previous in _list("prepositions")
    )
