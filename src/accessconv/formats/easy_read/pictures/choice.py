"""One picture per point, chosen for the whole document at once.

1. **Candidates.** Every keyword phrase of every symbol set found in the point (words reduced
   to their base form, longest phrase first: "bus pass" hides "bus"), except where a phrase
   of the concept's `avoid` list covers the match ("look after" is not eyes, "in your own time"
   is not a clock) or a set phrase of `symbols-skip-phrases.txt` does. An e-mail address, a
   postcode, a phone number or a sum of money counts as the idea it stands for.
2. **The point's own idea.** A candidate scores for being a specific keyword (not weak `~`,
   not generic `^`, not a word-sense `=` from WordNet), for a longer phrase, and for covering
   one of the point's key terms (the language step gives them most telling first). The first
   sentence says the point's idea: a candidate found later (an explanation of a word, a
   condition) counts `later_sentence_factor` of its score. A candidate found only by words that
   frame the point (`symbols-frame-words.txt`: "ask", "check", "it is important", "this
   leaflet") counts `frame_weight`, like an ambiguous keyword, so the object of the sentence
   wins ("We ask for a key box" is about a key). A match inside the name of a team, service or
   body (`symbols-name-words.txt`: "the Adult Social Care team") counts `name_factor`: it says
   who, not what. An e-mail or web address, a phone number or a
   sum of money gains `entity_bonus`. An idea found in more than `topic_share` of the
   document's points is the document's *topic*: it goes on the cover, and on a point only when
   the point has no other idea (`topic_factor`).
3. **Variety.** Going through the points in order, a picture already shown on the last
   `max_in_a_row` points, or `max_per_document` times, scores less, so another idea of the
   point wins if it has one (an entity of the first sentence is only held to the first).
   The picture, not the idea, counts: "rent", "council tax" and
   "money" show the same notes and coins.
4. **Honest confidence.** The score of the winner, less a share of the runner-up's when both are
   close; below `confident_score` the picture is doubtful: still shown (the best candidate),
   and the review sheet offers three alternatives.

Nothing here is a keyword or threshold: the words are in the data files, the numbers in the profile.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .config import PictureSettings
from .sets import Symbol, SymbolSet, _Phrase, fits
from .words import (
    find_entities,
    frame_positions,
    lemmas,
    name_positions,
    negated_positions,
    negation_words,
    skip_phrase_at,
    skip_words,
    tokenise,
)

# How much a candidate is worth, by the kind of keyword that found it. These are weights of the
# method (like the parts of a formula), not thresholds: the thresholds are in the profile, with
# the weight of a frame word ("frame").
_BASE = {"strong": 1.0, "weak": 0.45, "generic": 0.35, "sense": 0.3}
_PHRASE_BONUS = 0.15  # per extra word in the phrase, up to two
_KEY_TERM_BONUS = 0.3  # a key term of the point (less 0.05 for each term before it)
_REPEAT_FACTOR = 0.55  # shown too often already
_CLOSE_SHARE = 0.35  # a close runner-up takes this share of its score off the winner's confidence


@dataclass
class Candidate:
    symbol: Symbol
    symbol_set: SymbolSet
    words: tuple[str, ...]
    sentence: int
    start: int
    end: int
    kind: str  # "strong", "weak", "generic", "frame" or "sense" (a WordNet word: a last resort)
    entity: bool = False
    score: float = 0.0
    # The point's words are the keyword as written ("meeting" is the keyword of the meeting, and
    # only a form of "meet"): settles a tie.
    exact: bool = False
    in_name: bool = False  # inside the name of a team, service or body ("Blue Badge Team")

    @property
    def concept(self) -> str:
        return self.symbol.concept

    @property
    def keyword(self) -> str:
        return " ".join(self.words)

    @property
    def picture(self) -> str:
        """What a reader sees: several ideas may share one picture."""
        return f"{self.symbol_set.name}/{self.symbol.file}"


@dataclass
class Choice:
    """The picture chosen for one point, with the others considered (best first)."""

    best: Candidate | None
    score: float
    confident: bool
    others: list[Candidate] = field(default_factory=list)
    topic: bool = False  # the best is the document's topic (the point had no other idea)


def _covered_by_avoid(
    symbol_set: SymbolSet, concept: str, token_lemmas: list[frozenset[str]], start: int, end: int
) -> bool:
    for phrase in symbol_set.avoid_phrases(concept):
        n = len(phrase)
        for i in range(max(0, start - n + 1), min(end, len(token_lemmas) - n + 1)):
            if all(phrase[k] in token_lemmas[i + k] for k in range(n)):
                if i < end and i + n > start:
                    return True
    return False


def candidates(
    sentences: list[str], symbol_set: SymbolSet, avoided: set[tuple[int, int]] | None = None
) -> list[Candidate]:
    """Every keyword match in the point, misleading senses and contained phrases removed.

    `avoided` collects the (sentence, word) places an avoid phrase ruled out, and no match may
    use them: a set phrase one set knows to be misleading ("in your own time") is not matched
    by the fallback set either."""
    if avoided is None:
        avoided = set()
    earlier = set(avoided)  # ruled out by the sets asked before this one
    sentences, entity_terms = find_entities(sentences)
    entity_lemmas = {lemma for term in entity_terms for w in tokenise(term) for lemma in lemmas(w)}
    found: list[Candidate] = []
    skip = skip_words()
    for s_index, sentence in enumerate(sentences):
        tokens = tokenise(sentence)
        token_lemmas = [lemmas(t) for t in tokens]
        framing = frame_positions(token_lemmas)
        negated = negated_positions(sentence)
        naming = name_positions(sentence)
        blocked: set[int] = set()
        for i in range(len(tokens)):
            covered = skip_phrase_at(token_lemmas, i)
            blocked.update(range(i, i + covered))
        here: list[Candidate] = []
        for i in range(len(tokens)):
            if i in blocked:
                continue
            for phrase in _phrases_at(symbol_set, token_lemmas[i], tokens[i] in skip):
                n = len(phrase.lemmas)
                if not fits(phrase, token_lemmas, i):
                    continue
                if _covered_by_avoid(symbol_set, phrase.symbol.concept, token_lemmas, i, i + n):
                    avoided.update((s_index, k) for k in range(i, i + n))
                    continue
                words = tuple(tokens[i : i + n])
                # An entity's keyword may be two words ("phone number").
                entity = bool(token_lemmas[i] & entity_lemmas) and " ".join(words) in entity_terms
                kind = _kind(phrase)
                # A frame word only, or an action the point says will not happen: it says little.
                framed = not entity and all(k in framing for k in range(i, i + n))
                if kind != "generic" and (framed or _negated(words, negated, i, n)):
                    kind = "frame"
                here.append(
                    Candidate(
                        phrase.symbol,
                        symbol_set,
                        words,
                        s_index,
                        i,
                        i + n,
                        kind,
                        entity,
                        exact=" ".join(words) == phrase.text,
                        in_name=all(k in naming for k in range(i, i + n)),
                    )
                )
        # No match may use words an earlier set's avoid phrase ruled out. (Within one set, another
        # idea may rightly use them: "look after" is not eyes, but it is caring.)
        here = [c for c in here if not {(s_index, k) for k in range(c.start, c.end)} & earlier]
        found.extend(_longest(here))
    # One candidate per idea: its best match.
    best: dict[str, Candidate] = {}
    for c in found:
        old = best.get(c.concept)
        if old is None or _rank(c) > _rank(old):
            best[c.concept] = c
    return list(best.values())


def _phrases_at(symbol_set: SymbolSet, forms: frozenset[str], skip_word: bool) -> list[_Phrase]:
    """The set's phrases that start with one of a word's forms. A skip word is no match of its own
    but may start one: "do not agree" (skipping "do" and "not" showed a thumbs up for "agree")."""
    # Sorted: a frozenset's order changes from run to run, the choice must not.
    phrases = [p for lemma in sorted(forms) for p in symbol_set._index.get(lemma, ())]
    return [p for p in phrases if len(p.lemmas) > 1] if skip_word else phrases


def _negated(words: tuple[str, ...], negated: set[int], start: int, n: int) -> bool:
    """The match starts with the action a negation denies ("nobody will COME TO YOUR HOME"), and
    does not say the negation itself ("do not agree" is a thumbs down)."""
    return start in negated and not set(words) & negation_words()


def _kind(phrase: _Phrase) -> str:
    if phrase.sense:
        return "sense"
    if phrase.weak:
        return "weak"
    return "generic" if phrase.generic else "strong"


def _longest(here: list[Candidate]) -> list[Candidate]:
    """The longest phrase wins: drop a match inside a longer one of another idea, unless the
    longer one is only weak and the shorter is sure."""
    kept = []
    for c in here:
        inside = any(
            o is not c
            and o.start <= c.start
            and c.end <= o.end
            and (o.end - o.start) > (c.end - c.start)
            and not (o.kind == "weak" and c.kind == "strong")
            for o in here
        )
        if not inside:
            kept.append(c)
    return kept


def _rank(c: Candidate) -> tuple[float, int, int]:
    return (_BASE.get(c.kind, _BASE["weak"]) + (1 if c.entity else 0), -c.sentence, c.end - c.start)


def _key_forms(key_terms: list[str]) -> list[frozenset[str]]:
    out = []
    for term in key_terms:
        forms: set[str] = set()
        for word in tokenise(term):
            forms |= lemmas(word)
        out.append(frozenset(forms))
    return out


def base_score(c: Candidate, key_forms: list[frozenset[str]], settings: PictureSettings) -> float:
    base = settings.frame_weight if c.kind == "frame" else _BASE[c.kind]
    score = base + _PHRASE_BONUS * min(2, len(c.words) - 1)
    if c.entity:
        score += settings.entity_bonus
    word_forms = [lemmas(w) for w in c.words]
    # A frame word may be a key term of the point ("asked to pay"): it still frames the idea.
    for rank, key in enumerate(key_forms if c.kind != "frame" else []):
        if any(f & key for f in word_forms):
            score += max(0.0, _KEY_TERM_BONUS - 0.05 * rank)
            break
    if c.sentence:
        score *= settings.later_sentence_factor
    if c.in_name:
        score *= settings.name_factor
    return score


def _pool(
    sentences: list[str], forms: list[frozenset[str]], sets: list[SymbolSet], settings: PictureSettings
) -> list[Candidate]:
    """One point's candidates, scored, one per idea, from the first set that has any sure one."""
    pool: list[Candidate] = []
    seen: set[str] = set()
    avoided: set[tuple[int, int]] = set()
    for order, symbol_set in enumerate(sets):
        found = candidates(sentences, symbol_set, avoided)
        for c in found:
            c.score = base_score(c, forms, settings)
            if order:
                # A later set (the fallback) only where the earlier ones have nothing sure.
                c.score *= 0.9
        if order and any(p.kind == "strong" for p in pool):
            continue
        for c in found:
            if c.concept not in seen:
                pool.append(c)
                seen.add(c.concept)
    return pool


def _choose(pool: list[Candidate], topics: list[str], shown: list[str], settings: PictureSettings) -> Choice:
    """One point's choice from its pool, the topics and the pictures shown before it."""
    scored: list[tuple[float, Candidate]] = []
    for c in pool:
        score = c.score
        if c.concept in topics:
            score *= settings.topic_factor
        recent = shown[-settings.max_in_a_row :] if settings.max_in_a_row else []
        # A phone number or sum of money in the first sentence is what the point is about: it
        # may show more often than `max_per_document` (a leaflet about paying), not in a row.
        told = c.entity and c.sentence == 0
        if (len(recent) == settings.max_in_a_row and all(s == c.picture for s in recent)) or (
            not told and shown.count(c.picture) >= settings.max_per_document
        ):
            score *= _REPEAT_FACTOR
        scored.append((score, c))
    scored.sort(key=lambda sc: (-sc[0], sc[1].sentence, sc[1].start, not sc[1].exact, sc[1].concept))
    if not scored:
        return Choice(None, 0.0, False)
    top, best = scored[0]
    runner = scored[1][0] if len(scored) > 1 else 0.0
    confidence = top - _CLOSE_SHARE * runner
    if best.concept in topics:
        # The topic on a point says little: never sure.
        confidence = min(confidence, settings.confident_score - 0.01)
    confident = best.kind == "strong" and confidence >= settings.confident_score
    return Choice(best, round(confidence, 3), confident, [c for _, c in scored[1:]], best.concept in topics)


def choose_all(
    points: list[tuple[list[str], list[str]]], sets: list[SymbolSet], settings: PictureSettings
) -> tuple[list[Choice], list[str]]:
    """A choice for each (sentences, key_terms) point, and the document's topic concepts."""
    per_point = [_pool(sentences, _key_forms(key_terms), sets, settings) for sentences, key_terms in points]
    counts = Counter(c.concept for pool in per_point for c in pool if c.kind in ("strong", "generic"))
    n = len(points)
    topics = sorted(
        (
            concept
            for concept, k in counts.items()
            if n >= settings.topic_min_points and k / n > settings.topic_share
        ),
        key=lambda concept: -counts[concept],
    )
    choices: list[Choice] = []
    shown: list[str] = []
    for pool in per_point:
        choice = _choose(pool, topics, shown, settings)
        choices.append(choice)
        shown.append(choice.best.picture if choice.best else "")
    return choices, topics
