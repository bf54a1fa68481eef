"""Words of a point as the picture step sees them: tokens, base forms, set phrases, entities."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..language.word_forms import lemminflect

DATA = Path(__file__).resolve().parent.parent / "data"
SKIP_WORDS = DATA / "symbols-skip-words.txt"
SKIP_PHRASES = DATA / "symbols-skip-phrases.txt"
FRAME_PHRASES = DATA / "symbols-frame-words.txt"
NAME_WORDS = DATA / "symbols-name-words.txt"
NEGATION_WORDS = DATA / "symbols-negation-words.txt"
NEGATION_HELPERS = DATA / "symbols-negation-helpers.txt"
# How many words after "not" / "nobody" a negation looks for the action it denies ("not be able to
# help you").
NEGATION_REACH = 6
ENTITIES = DATA / "symbols-entities.tsv"

_TOKEN = re.compile(r"£|[a-z0-9]+(?:[-'&][a-z0-9]+)*")


def _token_spans(text: str) -> list[tuple[int, int]]:
    """Where each of tokenise's words is in the text (lower() keeps the length of the text it
    is given here: the caller checks)."""
    return [m.span() for m in _TOKEN.finditer(text.lower().replace("\u2019", "'"))]


def tokenise(text: str) -> list[str]:
    """Lower-case words (hyphenated words kept whole), possessive 's dropped."""
    words = _TOKEN.findall(text.lower().replace("\u2019", "'"))
    return [w[:-2] if w.endswith("'s") else w for w in words]


@cache
def lemmas(word: str) -> frozenset[str]:
    """The word and every base form it may have ("meeting" -> meeting, meet)."""
    found = {word}
    if "-" in word and not word.endswith("-"):
        # "co-produced" -> "co-produce": the last part carries the inflection.
        head, _, tail = word.rpartition("-")
        found.update(f"{head}-{form}" for form in lemmas(tail))
    known = lemminflect.getAllLemmas(word)
    if not known and word.isalpha():
        # Not in the dictionary ("carers"): use the rules for regular nouns.
        known = lemminflect.getAllLemmasOOV(word, "NOUN")
    for forms in known.values():
        found.update(forms)
    # One step further, so "meetings" (-> meeting) also meets "meet".
    for form in list(found - {word}):
        for forms in lemminflect.getAllLemmas(form).values():
            found.update(forms)
    return frozenset(found)


@cache
def skip_words() -> frozenset[str]:
    lines = SKIP_WORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@dataclass(frozen=True)
class Entity:
    keyword: str  # a keyword of the symbol set's map the entity stands for
    pattern: re.Pattern[str]
    telling: bool  # it says what the point is about (a phone number); else only a word (a street)


@cache
def entities() -> tuple[Entity, ...]:
    """E-mail and web addresses, postcodes, phone numbers, sums of money, street names."""
    out = []
    for line in ENTITIES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            keyword, _, rest = line.partition("\t")
            pattern, _, how = rest.partition("\t")
            out.append(Entity(keyword.strip().lower(), re.compile(pattern.strip()), how.strip() != "plain"))
    return tuple(out)


def find_entities(sentences: list[str]) -> tuple[list[str], list[str]]:
    """The sentences with each address, phone number or sum of money replaced by its keyword
    (so "NB1 1AA" matches "postcode"), and the keywords of the telling ones in order of first
    appearance (a street name is replaced, so "Park Lane" is no park, but tells nothing)."""
    found: list[tuple[int, int, str]] = []
    out = []
    for index, sentence in enumerate(sentences):
        for entity in entities():

            def swap(mt: re.Match[str], entity: Entity = entity, index: int = index) -> str:
                if entity.telling:
                    found.append((index, mt.start(), entity.keyword))
                return f" {entity.keyword} "

            sentence = entity.pattern.sub(swap, sentence)
        out.append(sentence)
    keywords: list[str] = []
    for _, _, keyword in sorted(found):
        if keyword not in keywords:
            keywords.append(keyword)
    return out, keywords


def _phrases(path: Path) -> dict[str, tuple[tuple[str, ...], ...]]:
    """A file of phrases (one a line, words in base form), by first word, longest first."""
    lines = path.read_text(encoding="utf-8").splitlines()
    phrases = {tuple(tokenise(line)) for line in lines if line.strip() and not line.startswith("#")}
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted((p for p in phrases if p), key=lambda p: (-len(p), p)):
        by_first.setdefault(phrase[0], []).append(phrase)
    return {first: tuple(found) for first, found in by_first.items()}


@cache
def skip_phrases() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Set phrases whose words never choose a picture."""
    return _phrases(SKIP_PHRASES)


@cache
def frame_phrases() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Words that frame what a point says ("ask", "it is important", "this leaflet"): a picture
    found only by them says less than one found by the point's own object."""
    return _phrases(FRAME_PHRASES)


def phrase_at(
    index: dict[str, tuple[tuple[str, ...], ...]], token_lemmas: list[frozenset[str]], i: int
) -> int:
    """How many words a phrase of `index` starting at i covers (0 when none does)."""
    best = 0
    for first in token_lemmas[i]:
        for phrase in index.get(first, ()):
            n = len(phrase)
            if n > best and i + n <= len(token_lemmas):
                if all(phrase[k] in token_lemmas[i + k] for k in range(1, n)):
                    best = n
    return best


def skip_phrase_at(token_lemmas: list[frozenset[str]], i: int) -> int:
    """How many words a set phrase starting at i covers (0 when none does)."""
    return phrase_at(skip_phrases(), token_lemmas, i)


@cache
def negation_words() -> frozenset[str]:
    lines = NEGATION_WORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def negated_positions(sentence: str) -> set[int]:
    """The places of tokenise(sentence)'s words that say what a negation before them denies: the
    first word after the negation and its helpers ("nobody will COME to your home", "not be able
    to HELP", "do not STOP"), within NEGATION_REACH words and never past a comma or other stop."""
    if len(sentence.lower()) != len(sentence):
        return set()  # a rare letter whose lower case is longer: offsets would not line up
    spans = _token_spans(sentence)
    tokens = tokenise(sentence)
    negators, helpers = negation_words(), negation_helpers()
    out: set[int] = set()
    for i, token in enumerate(tokens):
        if token not in negators:
            continue
        for k in range(i + 1, min(len(tokens), i + 1 + NEGATION_REACH)):
            if _CLAUSE_STOP.search(sentence[spans[k - 1][1] : spans[k][0]]):
                break
            if tokens[k] not in helpers and tokens[k] not in negators:
                out.add(k)
                break
    return out


_CLAUSE_STOP = re.compile(r"[,;:.!?()\u2013\u2014]")


@cache
def negation_helpers() -> frozenset[str]:
    lines = NEGATION_HELPERS.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def frame_positions(token_lemmas: list[frozenset[str]]) -> set[int]:
    """The places of a sentence's words covered by a frame phrase."""
    index = frame_phrases()
    covered: set[int] = set()
    for i in range(len(token_lemmas)):
        covered.update(range(i, i + phrase_at(index, token_lemmas, i)))
    return covered


@cache
def _name_pattern() -> re.Pattern[str]:
    lines = NAME_WORDS.read_text(encoding="utf-8").splitlines()
    words = sorted(
        {w.strip() for w in lines if w.strip() and not w.startswith("#")}, key=lambda w: (-len(w), w)
    )
    ends = "|".join(f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}" for w in words)
    # Up to six capitalised words (with "and", "of", "for" or "&" between), then the last word.
    return re.compile(rf"(?:\b[A-Z][\w'’-]*+(?: (?:and|of|for|&))? ){{1,6}}(?:{ends})\b")


def name_positions(sentence: str) -> set[int]:
    """The places of tokenise(sentence)'s words inside the name of a team, service or body."""
    if len(sentence.lower()) != len(sentence):
        return set()  # a rare letter whose lower case is longer: offsets would not line up
    spans = _token_spans(sentence)
    inside: set[int] = set()
    for found in _name_pattern().finditer(sentence):
        start, end = found.span()
        inside.update(i for i, (a, b) in enumerate(spans) if a >= start and b <= end)
    return inside
