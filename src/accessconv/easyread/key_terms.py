"""Key terms: the base forms of a point's main noun and main verb, for choosing its picture.

Without a full parser we use a small, predictable rule: function words, names, numbers and
helping verbs are skipped; a word is a noun or a verb by its dictionary (lemminflect), and a word
that can be both ("help", "care", "work") is a verb after "to", "will", "we" and so on, and a noun
otherwise. Known multi-word terms from the glossary and jargon list ("care worker", "lived
experience") come first, then the first noun, then the first verb, then other nouns and verbs,
up to the profile's `key_terms_max`.
"""

from __future__ import annotations

from .text import PLACEHOLDER, is_function_word, lemmas, words
from .wordlists import word_set

_GENERIC_VERBS = {"be", "have", "do", "get", "make", "go", "let", "keep", "want", "need"}


def _known(word: str) -> bool:
    import lemminflect

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


def key_terms(sentences: list[str], phrases: list[str], limit: int) -> list[str]:
    """`phrases`: known multi-word terms found in the point (already base forms)."""
    nouns: list[str] = []
    verbs: list[str] = []
    previous = ""
    for sentence in sentences:
        previous = ""
        tokens = words(sentence)
        for index, word in enumerate(tokens):
            low = word.lower()
            skip = (
                PLACEHOLDER.match(word)
                or any(ch.isdigit() for ch in word)
                or is_function_word(word)
                or low in word_set("auxiliaries")
                or (word[:1].isupper() and (index > 0 or not _known(low)))
                or word.isupper()
            )
            if not skip:
                following = tokens[index + 1] if index + 1 < len(tokens) else ""
                pos = part_of_speech(low, previous, following)
                if pos == "NOUN":
                    nouns.append(lemmas(low).get("NOUN", (low,))[0].lower())
                elif pos == "VERB":
                    base = lemmas(low)["VERB"][0].lower()
                    if base not in _GENERIC_VERBS:
                        verbs.append(base)
            previous = low
    ordered: list[str] = list(phrases)
    if nouns:
        ordered.append(nouns[0])
    if verbs:
        ordered.append(verbs[0])
    ordered += nouns[1:] + verbs[1:]
    out: list[str] = []
    for term in ordered:
        if term not in out:
            out.append(term)
    return out[:limit]
