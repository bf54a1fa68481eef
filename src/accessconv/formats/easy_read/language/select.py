"""Keep what matters: choose the draft's sentences an Easy Read version keeps, by rules kept as data.

The rules (`data/selection-rules.toml`, or a council's own file named in the profile) give groups
of cue phrases, verbs and patterns, each with a weight: what will happen, what the reader can do,
who/when/where, how to get help or respond, contacts and dates score up; staff instructions,
background that repeats, references and hedging score down. A sentence's score is the sum of the
weights of the groups it matches (each group once). It is kept at `keep_at_least` or more; contacts
and closing dates are always kept. Then budgets from the profile apply: at most
`max_points_per_section` candidates under one heading, and, for drafts over `shorten_over_words`
words, about `target_words_share` of the draft's words in all; the lowest scores go first, in the
rules' drop order.

Every candidate has a stable id ("s-" + 8 hex digits of sha1 of its normalised text): a left-out
sentence is listed on the review sheet with the line (`keep = ["s-..."]`) that brings it back, and
`drop = ["s-..."]` leaves a kept one out.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import lemminflect

from ....errors import ProfileError
from . import parse
from .text import WORD, squash

DATA = Path(__file__).resolve().parent.parent / "data"
RULES_FILE = DATA / "selection-rules.toml"


def stable_id(prefix: str, text: str) -> str:
    """ "p-" / "s-" and 8 hex digits of sha1 of the text, lower-cased with spaces squashed."""
    norm = squash(text).lower()
    return prefix + hashlib.sha1(norm.encode("utf-8")).hexdigest()[:8]


@dataclass(frozen=True)
class Group:
    name: str
    weight: int
    cues: re.Pattern[str] | None
    bonus: int = 0
    bonus_cues: re.Pattern[str] | None = None
    similarity: float = 0.0  # > 0: a repeat of an earlier kept sentence also matches


@dataclass(frozen=True)
class Rules:
    groups: tuple[Group, ...]
    keep_at_least: int
    first_sentence_bonus: int
    long_words: int
    long_penalty: int
    always_keep: frozenset[str]
    drop_order: tuple[str, ...]
    inherit_lead_in: bool
    max_quotations: int
    # A section whose heading matches, or whose every sentence is in one of `skip_section_groups`,
    # may lose all its points; every other section keeps its best one.
    skip_headings: re.Pattern[str] | None = None
    skip_section_groups: frozenset[str] = frozenset()
    # "First, ..." / "Second, ...": the words that number sentences in a row.
    ordinal: re.Pattern[str] | None = None
    # A chosen sentence that stays too long after splitting gives way to a short one under the same
    # heading, unless it matches one of `key_fact_groups` (a number, date, money, contact, deadline,
    # what the reader can do): that one stays, listed on the review sheet. The one that takes its
    # place scores at least `give_way_min_score` and has at most `give_way_max_words` words.
    key_fact_groups: frozenset[str] = frozenset()
    give_way_min_score: int = 1
    give_way_max_words: int = 15
    # A chosen paragraph sentence that stays too long after every rewrite and matches none of these
    # (what the reader can do, contact, dates and deadlines, money, what will happen to them) is
    # left out when other points stay under its heading (`give_way`).
    must_keep_groups: frozenset[str] = frozenset()
    # A chosen sentence in long words that matches none of `must_keep_groups` is left out while its
    # heading keeps another point (`leave_out_hard`), unless it matches one of these (what a thing is).
    hard_spare_groups: frozenset[str] = frozenset()
    # Cues that a sentence follows on from the one before it ("… will then …", "If you are, …"):
    # kept, it keeps that one or goes with it (`_keep_what_is_pointed_at`).
    points_back: re.Pattern[str] | None = None
    # "the next two years", "the same day": words beside a noun that say which one (a number too),
    # so "the …" names nothing said before.
    which_words: frozenset[str] = frozenset()

    def key_fact(self, cand: Candidate) -> bool:
        return bool(self.key_fact_groups & set(cand.groups))

    def must_keep(self, cand: Candidate) -> bool:
        return bool(self.must_keep_groups & set(cand.groups))


@dataclass
class Candidate:
    """One thing that can be kept or left out: a sentence of a paragraph, a list item, a table row,
    or a whole quotation with its attribution."""

    text: str  # as the reader would see it in the draft (spans restored)
    section: int
    unit: int
    index: int  # sentence number inside its unit
    kind: str
    first: bool = False
    score: int = 0
    groups: list[str] = field(default_factory=list)
    kept: bool = False
    forced: bool = False  # always kept (contacts, closing dates, a person's "keep")
    id: str = ""
    heading: str = ""
    drop_ordinal: bool = False  # kept without its numbered siblings: "Third, ..." loses "Third,"

    @property
    def words(self) -> int:
        return len(WORD.findall(self.text))

    @property
    def where(self) -> tuple[int, int, int]:
        """(section, unit, sentence) numbers: where its text with the draft's marks is kept."""
        return (self.section, self.unit, self.index)


def _phrase_regex(
    phrases: list[str], verbs: list[str], past_after: tuple[str, ...] = ()
) -> re.Pattern[str] | None:
    """A phrase's spaces match any run of white space; a verb form is matched as written. With
    `past_after`, a verb's past forms count only after one of those words ("will be reduced",
    "is reduced"), not in what already happened ("was reduced in 2025", "closed in 2020")."""
    alts = {_pieces(p, r"\s+") for p in phrases}
    for verb in verbs:
        forms = {verb}
        past: set[str] = set()
        for tag, values in lemminflect.getAllInflections(verb, upos="VERB").items():
            (past if tag in {"VBD", "VBN"} else forms).update(values)
        if not past_after:
            forms |= past
        alts.update(_pieces(f, r"\ ") for f in forms)
        alts.update(_pieces(f"{aux} {f}", r"\s+") for f in past - forms for aux in past_after)
    if not alts:
        return None
    return re.compile(r"(?<![\w-])(?:" + _trie(alts) + r")(?![\w-])", re.I)


def _pieces(text: str, space: str) -> tuple[str, ...]:
    return tuple(space if ch == " " else re.escape(ch) for ch in text)


def _trie(alts: set[tuple[str, ...]]) -> str:
    """One pattern matching exactly the strings the alternatives match, with shared beginnings
    written once ("apply(?:ing|)"): a list of hundreds of cues is tried a letter at a time instead
    of a cue at a time, several times faster to search and to compile. Only whether a cue matches
    is used, so which alternative matches first does not matter."""
    root: dict[str, Any] = {}
    for alt in alts:
        node = root
        for piece in alt:
            node = node.setdefault(piece, {})
        node[""] = {}  # a cue ends here

    def pattern(node: dict[str, Any]) -> str:
        branches = [piece + pattern(rest) for piece, rest in sorted(node.items()) if piece]
        if "" in node:
            branches.append("")
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return pattern(root)


def _group(name: str, table: dict[str, object], path: Path) -> Group:
    def strings(key: str) -> list[str]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ProfileError(f'In {path.name}, [{name}] "{key}" must be a list of text.')
        return [str(v) for v in value]

    cue = _phrase_regex(strings("phrases"), strings("verbs"), tuple(strings("past_forms_after")))
    patterns = strings("patterns")
    try:
        compiled = [re.compile(p, re.I) for p in patterns]
    except re.error as err:
        raise ProfileError(f"In {path.name}, [{name}] has a pattern that is not valid ({err}).") from err
    alts = ([cue.pattern] if cue else []) + [p.pattern for p in compiled]
    cues = re.compile("|".join(f"(?:{a})" for a in alts), re.I) if alts else None
    bonus_cues = _phrase_regex(strings("bonus_phrases"), [])
    weight = table.get("weight", 0)
    bonus = table.get("bonus", 0)
    similarity = table.get("similarity_threshold", 0.0)
    if not isinstance(weight, int) or not isinstance(bonus, int) or not isinstance(similarity, int | float):
        raise ProfileError(
            f"In {path.name}, [{name}] weight, bonus and similarity_threshold must be numbers."
        )
    return Group(name, weight, cues, bonus, bonus_cues, float(similarity))


@cache
def load(path: Path | None = None) -> Rules:
    path = path or RULES_FILE
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise ProfileError(f"The selection rules {path} cannot be read ({err}).") from err
    policy = data.get("policy", {})
    groups: list[Group] = []
    for side in ("keep", "drop"):
        for name, table in data.get(side, {}).items():
            groups.append(_group(name, table, path))
    return Rules(
        tuple(groups),
        int(policy.get("keep_at_least", 2)),
        int(policy.get("first_sentence_of_section", 0)),
        int(policy.get("long_sentence_words", 10_000)),
        int(policy.get("long_sentence_penalty", 0)),
        frozenset(policy.get("always_keep", [])),
        tuple(policy.get("drop_order", [])),
        bool(policy.get("list_items_inherit_lead_in", True)),
        int(policy.get("max_quotations", 1)),
        _phrase_regex(_strings(policy, "skip_section_headings", path), []),
        frozenset(_strings(policy, "skip_section_groups", path)),
        _ordinal_regex(_strings(policy, "enumeration_words", path)),
        frozenset(_strings(policy, "key_fact_groups", path)),
        int(policy.get("give_way_min_score", 1)),
        int(policy.get("give_way_max_words", 15)),
        frozenset(_strings(policy, "must_keep_groups", path)),
        frozenset(_strings(policy, "hard_sentence_spare_groups", path)),
        _patterns(_strings(policy, "points_back_patterns", path), path),
        frozenset(w.lower() for w in _strings(policy, "which_words", path)),
    )


def _strings(table: dict[str, object], key: str, path: Path) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ProfileError(f'In {path.name}, [policy] "{key}" must be a list of text.')
    return [str(v) for v in value]


def _patterns(patterns: list[str], path: Path) -> re.Pattern[str] | None:
    if not patterns:
        return None
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)
    except re.error as err:
        raise ProfileError(
            f"In {path.name}, [policy] points_back_patterns has one that is not valid ({err})."
        ) from err


def _ordinal_regex(words: list[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"^\s*(?:{alts})\b\s*,?\s*", re.I)


def without_ordinal(text: str, rules: Rules) -> str:
    """'Third, people who ...' -> 'People who ...' (only the numbering word goes)."""
    if rules.ordinal is None:
        return text
    rest = rules.ordinal.sub("", text, count=1)
    return rest[:1].upper() + rest[1:] if rest and rest != text else text


def _content(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text) if len(w) > 3}


def _cued(group: Group, text: str) -> tuple[bool, bool]:
    """Whether `text` matches the group's cues, and its bonus cues (which count only with a hit)."""
    hit = bool(group.cues and group.cues.search(text))
    bonus = bool(group.bonus and group.bonus_cues and group.bonus_cues.search(text))
    return hit, bonus


def score(candidates: list[Candidate], rules: Rules) -> None:
    """Score every candidate in place (in draft order, so repeats are found against earlier ones)."""
    seen: list[set[str]] = []
    lead_score: int | None = None
    # Which groups' cues (and bonus cues) a text matches, by text: a draft says some sentences more
    # than once ("You can contact us ..."), and their cues are searched once.
    matched: dict[str, list[tuple[bool, bool]]] = {}
    for cand in candidates:
        total = 0
        groups: list[str] = []
        words = _content(cand.text)
        cued = matched.get(cand.text)
        if cued is None:
            cued = matched[cand.text] = [_cued(group, cand.text) for group in rules.groups]
        for group, (hit, bonus) in zip(rules.groups, cued, strict=True):
            if not hit and group.similarity and words:
                # Against the last 60 sentences: a repeat is near what it repeats (and this stays linear).
                hit = any(len(words & s) / len(words) >= group.similarity for s in seen[-60:])
            if hit:
                total += group.weight
                groups.append(group.name)
                if bonus:
                    total += group.bonus
        if cand.first:
            total += rules.first_sentence_bonus
        if cand.words > rules.long_words:
            total += rules.long_penalty
        if cand.kind == "item" and rules.inherit_lead_in and lead_score is not None:
            total = max(total, lead_score)
        if cand.kind != "item":
            lead_score = total if cand.text.rstrip().endswith(":") else None
        cand.score, cand.groups = total, groups
        cand.forced = bool(rules.always_keep & set(groups))
        seen.append(words)


def choose(
    candidates: list[Candidate],
    rules: Rules,
    max_per_section: int,
    target_words: int | None,
    keep_ids: frozenset[str],
    drop_ids: frozenset[str],
    max_table_rows: int = 12,
) -> None:
    """Mark each candidate kept or not: rules, then a person's decisions, then the budgets; then
    whole lists, tables and numbered sentences, at least one point for every section that matters;
    last, a kept list item brings back its lead-in."""
    _choose(candidates, rules, max_per_section, target_words, keep_ids, drop_ids)
    _keep_whole_lists(candidates, drop_ids, max_per_section, target_words)
    _keep_whole_tables(candidates, drop_ids, max_table_rows)
    _keep_enumerations(candidates, rules, drop_ids, max_per_section, target_words)
    _keep_every_section(candidates, rules, drop_ids)
    # What the steps above brought back may take a long draft over its target: others make room.
    _fit_words(candidates, rules, target_words)
    _keep_lead_ins(candidates, drop_ids)
    _keep_what_is_pointed_at(candidates, rules, drop_ids)


def _choose(
    candidates: list[Candidate],
    rules: Rules,
    max_per_section: int,
    target_words: int | None,
    keep_ids: frozenset[str],
    drop_ids: frozenset[str],
) -> None:
    score(candidates, rules)
    quotes = sorted((c for c in candidates if c.kind == "quote"), key=lambda c: (-c.score, c.words))
    best_quotes = {id(c) for c in quotes[: rules.max_quotations]}
    for cand in candidates:
        if cand.kind == "quote":
            cand.kept = id(cand) in best_quotes
        else:
            cand.kept = cand.forced or cand.score >= rules.keep_at_least
        if cand.id in keep_ids:
            cand.kept = cand.forced = True
        if cand.id in drop_ids:
            cand.kept, cand.forced = False, False
    for before, cand in zip(candidates, candidates[1:], strict=False):
        if cand.kind == "note" and cand.id not in drop_ids:
            cand.kept = cand.forced = before.kept  # a footnote goes with the sentence it belongs to
    drop_rank = _drop_rank(rules)
    by_section: dict[int, list[Candidate]] = {}
    for cand in candidates:
        by_section.setdefault(cand.section, []).append(cand)
    for group in by_section.values():
        kept = [c for c in group if c.kept]
        # A draft short enough to keep whole never loses what the reader must keep (an amount they
        # will pay, what will happen to them) to a section's budget: only a long draft trades it.
        spare = sorted(
            (c for c in kept if not c.forced and (target_words is not None or not rules.must_keep(c))),
            key=drop_rank,
        )
        while len(kept) > max_per_section and spare:
            gone = spare.pop(0)
            gone.kept = False
            kept.remove(gone)
    _fit_words(candidates, rules, target_words)


def give_way(
    candidates: list[Candidate],
    rules: Rules,
    drop_ids: frozenset[str],
    stays_long: Callable[[Candidate], bool],
) -> list[tuple[Candidate, Candidate | None]]:
    """Under each heading, a chosen paragraph sentence that `stays_long` after splitting and holds
    no key fact gives way to the best short sentence not chosen (the highest score, then the first):
    the reader gets a message they can read instead of one left out later for its length. Then one
    that still stays long and holds nothing the reader must keep (`Rules.must_keep`) is left out
    when other points stay under its heading. Gives (the one that went, the one that came or None)
    pairs."""
    by_section: dict[int, list[Candidate]] = {}
    for cand in candidates:
        by_section.setdefault(cand.section, []).append(cand)
    swaps: list[tuple[Candidate, Candidate | None]] = []
    for group in by_section.values():
        spares = sorted(
            (
                c
                for c in group
                if not c.kept
                and c.kind == "paragraph"
                and c.id not in drop_ids
                and not set(c.groups) & set(rules.drop_order)
                and c.score >= rules.give_way_min_score
                and c.words <= rules.give_way_max_words
                and not c.text.rstrip().endswith(":")  # a lead-in without its list says nothing
            ),
            key=lambda c: (-c.score, group.index(c)),
        )
        for cand in group:
            if not spares:
                break
            if not cand.kept or cand.forced or cand.kind != "paragraph" or rules.key_fact(cand):
                continue
            if cand.words <= rules.give_way_max_words or not stays_long(cand):
                continue
            spare = spares.pop(0)
            cand.kept, spare.kept = False, True
            swaps.append((cand, spare))
        swaps.extend((cand, None) for cand in _long_without_must_keep(group, rules, stays_long))
    return swaps


def _long_without_must_keep(
    group: list[Candidate], rules: Rules, stays_long: Callable[[Candidate], bool]
) -> list[Candidate]:
    """The chosen paragraph sentences of one heading that stay long and hold nothing the reader
    must keep, left out while another point stays (never a forced one, a list's lead or the last)."""
    if not rules.must_keep_groups:
        return []
    gone: list[Candidate] = []
    for cand in group:
        others = [c for c in group if c.kept and c is not cand]
        if (
            not cand.kept
            or not others
            or cand.forced
            or cand.kind != "paragraph"
            or rules.must_keep(cand)
            or cand.words <= rules.give_way_max_words
            or cand.text.rstrip().endswith(":")
            or not stays_long(cand)
        ):
            continue
        cand.kept = False
        gone.append(cand)
    return gone


def leave_out_hard(
    candidates: list[Candidate],
    rules: Rules,
    hardness: Callable[[Candidate], float],
    at_least: float,
    max_share: float,
) -> list[Candidate]:
    """The chosen paragraph sentences hardest to read (`hardness`, syllables a word, at least
    `at_least`) that hold nothing the reader must keep (`Rules.must_keep`) nor say what a thing is
    (`Rules.hard_spare_groups`): background, history, figures about others and references in long
    words, which pull the whole page's reading ease down. The hardest go first, each while another
    point stays under its heading, at most `max_share` of the chosen sentences in all; never a
    forced one (a contact, a person's `keep`), a list's lead, or one the next kept sentence points
    back to ("They …"). Gives the ones left out."""
    if at_least <= 0 or max_share <= 0:
        return []
    kept = [c for c in candidates if c.kept]
    room = int(len(kept) * max_share)
    # What a kept sentence points back at stays with it, as `_keep_what_is_pointed_at` decides it
    # ("They …", "… will then …", "the invitation" named only there).
    pointed_at = {
        id(candidates[n - 1])
        for n in range(1, len(candidates))
        if candidates[n].kept
        and candidates[n - 1].kept
        and (candidates[n - 1].section, candidates[n - 1].unit) == (candidates[n].section, candidates[n].unit)
        and _points_back(candidates[n], candidates[n - 1], candidates[: n - 1], rules)
    }
    scored = [
        (hard, n, c)
        for n, c in enumerate(candidates)
        if c.kept
        and not c.forced
        and c.kind == "paragraph"
        and not rules.must_keep(c)
        and not rules.hard_spare_groups & set(c.groups)
        and not c.text.rstrip().endswith(":")
        and id(c) not in pointed_at
        and (hard := hardness(c)) >= at_least
    ]
    in_section: dict[int, int] = {}
    for cand in kept:
        in_section[cand.section] = in_section.get(cand.section, 0) + 1
    gone: list[Candidate] = []
    for _hard, _n, cand in sorted(scored, key=lambda t: (-t[0], t[1])):
        if len(gone) >= room:
            break
        if in_section[cand.section] <= 1:
            continue  # the last point under its heading stays
        cand.kept = False
        in_section[cand.section] -= 1
        gone.append(cand)
    return gone


def _drop_rank(rules: Rules) -> Callable[[Candidate], tuple[int, int, int]]:
    order = {name: i for i, name in enumerate(rules.drop_order)}

    def drop_rank(c: Candidate) -> tuple[int, int, int]:
        # Drop groups in the rules' order first; then the lowest score; then the longest sentence.
        listed = [order[g] for g in c.groups if g in order]
        return (min(listed) if listed else len(order), c.score, -c.words)

    return drop_rank


def _fit_rank(rules: Rules) -> Callable[[Candidate], tuple[int, float, int]]:
    """To fit a word target: the groups the rules drop first, then the least score for the words
    it costs (a long sentence that scores 3 goes before a short one that scores 3: the words it
    frees keep more messages), then the longest."""
    order = {name: i for i, name in enumerate(rules.drop_order)}

    def fit_rank(c: Candidate) -> tuple[int, float, int]:
        listed = [order[g] for g in c.groups if g in order]
        return (min(listed) if listed else len(order), c.score / max(c.words, 1), -c.words)

    return fit_rank


def _fit_words(candidates: list[Candidate], rules: Rules, target_words: int | None) -> None:
    """A long draft keeps about its word target: the lowest-ranked sentences not forced go, but
    never a section's last point (unless the section may be left out whole: references,
    staff-only)."""
    if target_words is None:
        return
    total = sum(c.words for c in candidates if c.kept)
    if total <= target_words:
        return
    kept_in: dict[int, int] = {}
    by_section: dict[int, list[Candidate]] = {}
    for cand in candidates:
        kept_in[cand.section] = kept_in.get(cand.section, 0) + cand.kept
        by_section.setdefault(cand.section, []).append(cand)
    may_go = {s for s, group in by_section.items() if _skipped_section(group, rules, frozenset())}
    for gone in sorted((c for c in candidates if c.kept and not c.forced), key=_fit_rank(rules)):
        if total <= target_words:
            break
        if kept_in[gone.section] <= 1 and gone.section not in may_go:
            continue  # every section keeps at least its best point
        gone.kept = False
        kept_in[gone.section] -= 1
        total -= gone.words


def _keep_whole_lists(
    candidates: list[Candidate], drop_ids: frozenset[str], longest: int, target_words: int | None
) -> None:
    """A short list with some items kept keeps all of them: "the following repairs" with one left
    out would mislead. A list longer than `longest` items, or one that would take a long draft over
    its word target, may still be shortened."""
    total = sum(c.words for c in candidates if c.kept)
    room = None if target_words is None else target_words - total
    runs: list[list[Candidate]] = []
    for before, cand in zip([None, *candidates], candidates, strict=False):
        if cand.kind != "item":
            continue
        if before is None or before.kind != "item" or before.section != cand.section:
            runs.append([])
        runs[-1].append(cand)
    for run in runs:
        if len(run) > longest or not any(c.kept for c in run):
            continue
        back = [c for c in run if not c.kept and c.id not in drop_ids]
        extra = sum(c.words for c in back)
        if room is not None:
            if extra > room:
                continue
            room -= extra
        for cand in back:
            cand.kept = cand.forced = True


def _keep_lead_ins(candidates: list[Candidate], drop_ids: frozenset[str]) -> None:
    """A kept list item keeps the sentence that leads into its list ("You will need:"), even a long
    one: without it the items ("Proof that you live in Eastmere.") say nothing."""
    lead: Candidate | None = None
    for cand in candidates:
        if cand.kind != "item":
            lead = cand if cand.text.rstrip().endswith(":") and cand.kind != "quote" else None
        elif cand.kept and lead is not None and lead.id not in drop_ids:
            # Forced, so it is not left out later for being long either (it is flagged instead).
            lead.kept = lead.forced = True


def _keep_what_is_pointed_at(candidates: list[Candidate], rules: Rules, drop_ids: frozenset[str]) -> None:
    """A kept sentence that points back at the one before it in its paragraph, left out ("These
    include:", "They give unpaid help …", "The team will then arrange …", "If you are, you may
    have to pay …", "Nobody accepted the invitation." after the sentence that named the
    invitation), keeps that sentence when it is short (at most `give_way_max_words`) or when the
    pointing one must stay (the reader needs both); otherwise it goes too: "These include:" after
    a left-out sentence says nothing. From the end back, so a sentence brought back that points
    back itself brings back its own."""
    for n in range(len(candidates) - 1, 0, -1):
        before, cand = candidates[n - 1], candidates[n]
        same_paragraph = (before.section, before.unit) == (cand.section, cand.unit)
        if not cand.kept or before.kept or cand.kind != "paragraph" or not same_paragraph:
            continue
        if not _points_back(cand, before, candidates[: n - 1], rules):
            continue
        must_stay = cand.forced or rules.must_keep(cand)
        if before.id not in drop_ids and (before.words <= rules.give_way_max_words or must_stay):
            # Forced: not trimmed later to fit the length target either.
            before.kept = before.forced = True
        elif not cand.forced:
            cand.kept = False


def _points_back(cand: Candidate, before: Candidate, earlier: list[Candidate], rules: Rules) -> bool:
    """Whether `cand` reads as following on from `before`: its subject points back ("They …"), a
    cue of `[policy].points_back_patterns` ("… will then …", "If you are, …"), or "the X" where
    X is named by `before` and by no sentence kept earlier nor a heading."""
    if parse.subject_points_back(cand.text):
        return True
    if rules.points_back and rules.points_back.search(cand.text):
        return True
    return _names_what_only_before_said(cand, before, earlier, rules)


def _names_what_only_before_said(
    cand: Candidate, before: Candidate, earlier: list[Candidate], rules: Rules
) -> bool:
    """ "Nobody accepted the invitation." after "We sent an invitation to every carer." (left out):
    the definite noun points at a thing only the left-out sentence introduced."""
    said_before = _word_stems(before.text)
    # Only a sentence with "the" near a word the one before said is parsed (parsing each is slow).
    if not any(_stem(w) in said_before for run in _AFTER_THE.findall(cand.text) for w in run.split()):
        return False
    doc = parse.parse(cand.text)
    if doc is None:
        return False
    wanted = {
        stem
        for tok in doc
        if tok.lower_ == "the" and tok.dep_ == "det" and tok.head.pos_ == "NOUN"
        and not any(c.dep_ == "nummod" or c.lower_ in rules.which_words for c in tok.head.children)
        for stem in [_stem(tok.head.lower_)]
        if len(stem) > 3 and stem in said_before
    }
    # Heard before: in a heading or a sentence kept earlier. Only the few wanted words are looked
    # for (a set of every earlier word, built for each sentence, made this quadratic in the draft).
    wanted -= _word_stems(cand.heading)
    for c in earlier:
        if not wanted:
            return False
        wanted -= _word_stems(c.heading)
        if c.kept:
            wanted -= _word_stems(c.text)
    return bool(wanted)


# A word up to three words after "the" ("the invitation", "the new drop-in service").
_AFTER_THE = re.compile(r"\bthe((?:\s+[\w'-]+){1,3})", re.I)


def _stem(word: str) -> str:
    """A rough stem that makes "invitation"/"invitations" one word, enough to tell a thing was named."""
    word = word.lower()
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


@lru_cache(maxsize=8192)
def _word_stems(text: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in WORD.findall(text))


def _keep_whole_tables(candidates: list[Candidate], drop_ids: frozenset[str], longest: int) -> None:
    """A table is data the reader needs: when any row is kept, every row is (up to `longest` rows;
    a longer table keeps what was chosen). Each row is one point."""
    runs: list[list[Candidate]] = []
    for before, cand in zip([None, *candidates], candidates, strict=False):
        if cand.kind != "row":
            continue
        if (
            before is None
            or before.kind != "row"
            or (before.section, before.unit + 1)
            != (
                cand.section,
                cand.unit,
            )
        ):
            runs.append([])
        runs[-1].append(cand)
    for run in runs:
        if len(run) > longest or not any(c.kept for c in run):
            continue
        for cand in run:
            if not cand.kept and cand.id not in drop_ids:
                cand.kept = cand.forced = True


def _enumerations(candidates: list[Candidate], rules: Rules) -> list[list[Candidate]]:
    """Sentences of one section that open with a numbering word ("First,", "Second,"), two or more."""
    if rules.ordinal is None:
        return []
    by_section: dict[int, list[Candidate]] = {}
    for cand in candidates:
        if cand.kind in {"paragraph", "item"} and rules.ordinal.match(cand.text):
            by_section.setdefault(cand.section, []).append(cand)
    return [run for run in by_section.values() if len(run) >= 2]


def _keep_enumerations(
    candidates: list[Candidate],
    rules: Rules,
    drop_ids: frozenset[str],
    longest: int,
    target_words: int | None,
) -> None:
    """Numbered sentences go together: all of them when there is room, else the kept ones lose
    their numbering word, so a page never says "Third," with no "First"."""
    total = sum(c.words for c in candidates if c.kept)
    room = None if target_words is None else target_words - total
    for run in _enumerations(candidates, rules):
        kept = [c for c in run if c.kept]
        if not kept:
            continue
        back = [c for c in run if not c.kept]
        extra = sum(c.words for c in back)
        fits = len(run) <= longest and (room is None or extra <= room)
        if fits and not any(c.id in drop_ids for c in back):
            for cand in run:
                # Forced, so none is left out later for being long (it is flagged instead).
                cand.kept = cand.forced = True
            room = None if room is None else room - extra
            continue
        for cand in kept:
            cand.drop_ordinal = True


def _skipped_section(group: list[Candidate], rules: Rules, drop_ids: frozenset[str]) -> bool:
    """References and staff-only sections may go whole; so may one a person emptied."""
    heading = group[0].heading
    if heading and rules.skip_headings and rules.skip_headings.search(heading):
        return True
    if all(c.id in drop_ids for c in group):
        return True
    return all(set(c.groups) & rules.skip_section_groups for c in group)


def _keep_every_section(candidates: list[Candidate], rules: Rules, drop_ids: frozenset[str]) -> None:
    """A section never vanishes silently: one with nothing kept keeps its best sentence (split
    later like any other), unless it is a references or staff-only section."""
    by_section: dict[int, list[Candidate]] = {}
    for cand in candidates:
        by_section.setdefault(cand.section, []).append(cand)
    for group in by_section.values():
        if any(c.kept for c in group) or _skipped_section(group, rules, drop_ids):
            continue
        pool = [c for c in group if c.id not in drop_ids and c.kind != "note"]
        if not pool:
            continue
        best = max(pool, key=lambda c: (c.score, -group.index(c)))
        best.kept = best.forced = True
