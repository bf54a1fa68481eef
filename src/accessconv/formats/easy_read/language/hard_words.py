"""Hard words: find the words a reader may not know, so they can be shown in bold and explained.

A word or phrase is hard when

- it is on our jargon list (`data/easy-read/jargon.txt`), a council's jargon list, or the draft's own
  list of hard words (a definition list such as "Co-production: people ... working as equals"); or
- it is not on the common-words list (`data/easy-read/common-words.txt`, plus a council's) and its
  word frequency (wordfreq's Zipf scale, offline data shipped with the package) is at or below the
  profile's `hard_word_max_zipf` (4.0: "recruitment" 4.0, "workforce" 3.9, "retention" 3.8 are hard;
  "staff" 5.1, "help" 5.8 are not).

Names (a capitalised word inside a sentence, or a sentence's first word that no dictionary knows),
numbers, acronyms (the acronym step's job) and small function words are never hard words.

Explanations come from, in order: the draft's own definitions, a council glossary, and our glossary
of social care and council terms (`data/easy-read/glossary.tsv`), matched on the word or its base
form ("vacancies" finds "vacancy").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import lemminflect

from .frequency import zipf as _zipf
from .text import PLACEHOLDER, WORD, capitalise, is_function_word, lemmas, sentences
from .wordlists import builtin, read_list, read_table


@dataclass(frozen=True)
class Gloss:
    term: str  # as written in the glossary ("Co-production")
    explanation: str
    source: str  # "draft", "council" or "accessconv"


@dataclass(frozen=True)
class Lexicon:
    common: frozenset[str]
    jargon: frozenset[str]
    glossary: dict[str, Gloss]
    max_zipf: float
    phrases: re.Pattern[str] | None  # multi-word jargon and glossary terms, longest first
    # classify() answers, per (word, at start of sentence): a draft repeats its words many times.
    memo: dict[tuple[str, bool], str | None] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Found:
    key: str  # the glossary key, or the word's base form when no glossary has it
    start: int
    end: int
    text: str


def load_lexicon(
    max_zipf: float,
    draft_definitions: dict[str, str],
    max_words: int,
    council_glossary: Path | None = None,
    council_common: Path | None = None,
    council_jargon: Path | None = None,
) -> Lexicon:
    common = set(read_list(builtin("common-words.txt")))
    if council_common is not None:
        common |= set(read_list(council_common))
    jargon = set(read_list(builtin("jargon.txt")))
    if council_jargon is not None:
        jargon |= set(read_list(council_jargon))
    glossary: dict[str, Gloss] = {}
    sources: list[tuple[str, tuple[tuple[str, ...], ...]]] = [
        ("accessconv", read_table(builtin("glossary.tsv"), 2))
    ]
    if council_glossary is not None:
        sources.append(("council", read_table(council_glossary, 2)))
    sources.append(("draft", tuple(draft_definitions.items())))
    for source, rows in sources:  # later sources win
        for term, explanation in rows:
            if term.strip() and explanation.strip():
                said = explanation.strip() if source == "accessconv" else as_sentence(term, explanation)
                before = glossary.get(_key(term))
                if before and _longest(said) > max_words >= _longest(before.explanation):
                    continue  # a draft's long definition, where a glossary's fits an Easy Read sentence
                glossary[_key(term)] = Gloss(term.strip(), said, source)
    # The draft's own defined terms are hard by the author's choice.
    jargon |= {_key(t) for t in draft_definitions}
    multi = sorted({t for t in jargon | set(glossary) if " " in t}, key=lambda t: (-len(t), t))
    phrases = None
    if multi:
        alternation = "|".join(_phrase_regex(t) for t in multi)
        phrases = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE)
    return Lexicon(frozenset(common), frozenset(jargon), glossary, max_zipf, phrases)


def as_sentence(term: str, meaning: str) -> str:
    """A draft's or council's definition as the sentence said after the word: a definition list
    gives a phrase ("Co-production: People who use services and the council working as equal
    partners"), which read alone after the sentence names nothing. "It is …" names the term
    instead; a meaning that names the term near its start is a sentence already."""
    term, meaning = capitalise(" ".join(term.split())), " ".join(meaning.split())
    if not meaning.endswith((".", "!", "?")):
        meaning += "."
    head = [w.lower() for w in WORD.findall(meaning)[:6]]
    stem = _key(term).split()[0][:5]
    if any(w.startswith(stem) for w in head):
        return meaning
    first, _, rest = meaning.partition(" ")
    if first in ("It", "This") and rest:
        return f"{term} {rest}"
    known = is_function_word(first.lower()) or lemminflect.getAllLemmas(first.lower())
    if known and not (len(first) > 1 and first.isupper()):
        first = first.lower()  # "People who …" -> "… means people who …"; a name keeps its capital
    return f"{term} means {first} {rest}".rstrip()


def _longest(text: str) -> int:
    """The words of the explanation's longest sentence."""
    return max((len(WORD.findall(part)) for part in sentences(text)), default=0)


def _key(term: str) -> str:
    return " ".join(term.lower().replace("’", "'").split())


def _phrase_regex(term: str) -> str:
    *head, last = term.split()
    # The last word may be plural: "unpaid carer" matches "unpaid carers".
    return r"\s+".join([*(re.escape(w) for w in head), re.escape(last) + r"(?:s|es)?"])


@cache
def zipf(word: str) -> float:
    return _zipf(word)


def _candidates(word: str) -> list[str]:
    low = _key(word)
    low = re.sub(r"'s$", "", low)
    out = [low]
    for forms in lemmas(low).values():
        out.extend(f.lower() for f in forms if f.lower() not in out)
    if "-" in low and len(out) == 1:
        # "co-produced" -> "co-produce": the base form of the last part.
        prefix, last = low.rsplit("-", 1)
        for forms in lemmas(last).values():
            out.extend(f"{prefix}-{f.lower()}" for f in forms if f"{prefix}-{f.lower()}" not in out)
    return out


def _looks_like_name(word: str, at_start: bool) -> bool:
    if not word[:1].isupper():
        return False
    if word.isupper():
        return True  # an acronym: the acronym step deals with it
    if not at_start:
        return True
    # At the start of a sentence a capital proves nothing: a word no dictionary knows is a name.
    return not lemminflect.getAllLemmas(word.lower()) and "-" not in word


def classify(word: str, at_start: bool, lexicon: Lexicon) -> str | None:
    """The key of a hard word (glossary key or base form), or None when the word is not hard."""
    key = (word, at_start)
    if key not in lexicon.memo:
        lexicon.memo[key] = _classify(word, at_start, lexicon)
    return lexicon.memo[key]


def _classify(word: str, at_start: bool, lexicon: Lexicon) -> str | None:
    if PLACEHOLDER.match(word) or any(ch.isdigit() for ch in word) or is_function_word(word):
        return None
    candidates = _candidates(word)
    known = [c for c in candidates if c in lexicon.jargon or c in lexicon.glossary]
    if any(c in lexicon.jargon for c in candidates):
        return next((c for c in known if c in lexicon.glossary), known[0])
    if _looks_like_name(word, at_start) or len(candidates[0]) < 3:
        return None
    if any(c in lexicon.common for c in candidates):
        return None
    if max(zipf(c) for c in candidates) > lexicon.max_zipf:
        return None
    glossed = [c for c in candidates if c in lexicon.glossary]
    if glossed:
        return glossed[0]
    # The base form names the word on the review sheet ("vacancies" -> "vacancy").
    return candidates[1] if len(candidates) > 1 else candidates[0]


def find(sentence: str, lexicon: Lexicon) -> list[Found]:
    """Hard words and phrases in one sentence, in order."""
    found: list[Found] = []
    taken: list[tuple[int, int]] = []
    if lexicon.phrases is not None:
        for mt in lexicon.phrases.finditer(sentence):
            key = _phrase_key(mt.group(0), lexicon)
            if key is not None:
                found.append(Found(key, mt.start(), mt.end(), mt.group(0)))
                taken.append((mt.start(), mt.end()))
    first = True
    for mt in WORD.finditer(sentence):
        at_start = first
        first = False
        if any(a <= mt.start() < b for a, b in taken):
            continue
        key = classify(mt.group(0), at_start, lexicon)
        if key is not None and not _inside_name(sentence, mt.start(), mt.end()):
            found.append(Found(key, mt.start(), mt.end(), mt.group(0)))
    return sorted(found, key=lambda f: f.start)


def _inside_name(sentence: str, start: int, end: int) -> bool:
    """A capitalised word that is one word of a longer name ("Advocacy in Linmouth", "Northvale
    Reablement Service"): the name says who someone is, and the word's explanation would say
    something the draft did not ("Advocacy means help to speak up for what you want.")."""
    if not sentence[start:end][:1].isupper():
        return False
    joiners = _joiners()
    words = list(WORD.finditer(sentence))
    at = next((n for n, w in enumerate(words) if w.start() == start), None)
    if at is None:
        return False

    for step in (-1, 1):
        for far in (at + step, at + 2 * step):
            if 0 <= far < len(words) and _name_word(words[far].group(0)):
                # Next to it, or one joining word between ("Advocacy in Linmouth").
                a, b = sorted((at, far))
                gap = sentence[words[a].end() : words[b].start()].strip().lower()
                if not gap or gap in joiners:
                    return True
    return False


def _name_word(word: str) -> bool:
    """A capitalised word that can carry a name on: not a month or a day ("the Cabinet in
    September" is no name)."""
    return word[:1].isupper() and word.lower() not in _calendar_words()


@cache
def _calendar_words() -> frozenset[str]:
    names = [*calendar.month_name[1:], *calendar.month_abbr[1:], *calendar.day_name, *calendar.day_abbr]
    return frozenset(n.lower() for n in names)


@cache
def _joiners() -> frozenset[str]:
    return frozenset(read_list(builtin("name-joining-words.txt")))


def _phrase_key(text: str, lexicon: Lexicon) -> str | None:
    key = _key(text)
    for candidate in (key, re.sub(r"(?:es|s)$", "", key), re.sub(r"s$", "", key)):
        if candidate in lexicon.glossary or candidate in lexicon.jargon:
            return candidate
    return None
