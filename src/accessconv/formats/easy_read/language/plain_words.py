"""Plain words: swap hard words and phrases for plain ones, keeping the grammar right.

The list is `data/easy-read/plain-words.tsv` (hard<TAB>plain<TAB>kind[<TAB>plain plural]),
plus an optional council list in the same format that adds to or overrides ours.

- kind `verb`: every form of the hard verb is matched and the plain verb takes the same form
  ("utilised" -> "used", "facilitates" -> "helps", "ensuring" -> "making sure"). In a phrase the
  first word is the verb ("make use of" -> "use", "made use of" -> "used"). When a form could be
  the past tense or the past participle ("provided"), a "have" or "be" just before it chooses the
  participle ("has provided" -> "has given", "provided" -> "gave").
- kind `noun`: singular and plural ("difficulties" -> "problems"); the plain plural column is used
  when given ("attendees" -> "people who come").
- kind `drop` (pos DROP, no plain word): words that add nothing ("please note that", "also") are
  taken out with the space beside them; at the start of a sentence the next word gets the capital.
- anything else: the words exactly as written.

A verb form that is also a noun (e.g. "attempt") is left alone after "a", "the", "our" and so on.
British and American spellings (-ise / -ize) both match. "a"/"an" before a replaced word is fixed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import lemminflect

from .... import datacache
from . import parse, phrase_tree
from .text import capitalise
from .wordlists import builtin, grammar, read_table, word_set


@dataclass(frozen=True)
class Condition:
    """obj:/subj: (the verb's object or subject lemma, from the parse), next:/prev: (the word just
    after or before the match), dep: (the word's role in the parse: "acl" for a participle that
    describes a noun, "responses received by May"), head: (the lemma of the word it hangs on: the
    noun a participle describes, "a workshop facilitated by …"), joins: (the match's last word
    joins two words of this part of speech: "carers as well as staff" joins nouns, "as well as
    phoning you" does not)."""

    kind: str
    values: frozenset[str]


@dataclass(frozen=True)
class Entry:
    hard: str
    plain: str
    kind: str  # verb | noun | drop | other
    plain_plural: str = ""
    only_when: tuple[Condition, ...] = ()
    never_when: tuple[Condition, ...] = ()


def _conditions(text: str) -> tuple[Condition, ...]:
    out = []
    for part in text.split(";"):
        kind, _, values = part.strip().partition(":")
        if kind in {"obj", "subj", "next", "prev", "dep", "head", "later", "joins"} and values:
            out.append(Condition(kind, frozenset(v.strip().lower() for v in values.split("|"))))
    return tuple(out)


@dataclass(frozen=True)
class Form:  # noqa: D101
    entry: Entry
    tags: tuple[str, ...]  # Penn tags this surface form can be: VBD, VBN, NNS ...


@dataclass
class Replacements:
    counts: dict[tuple[str, str], int] = field(default_factory=dict)  # (hard, plain) -> times


def load(council_file: Path | None) -> tuple[Entry, ...]:
    return _load(council_file)


@cache
def _load(council_file: Path | None) -> tuple[Entry, ...]:
    ours = read_table(builtin("plain-words.tsv"), 6)
    council = read_table(council_file, 6) if council_file is not None else ()
    # The council's rows replace ours for the same hard word and part of speech. One hard word can
    # have several rows (senses), each with its own conditions: the first that fits is used.
    replaced = {(row[0].lower(), _kind(row[2])) for row in council}
    entries: list[Entry] = []
    for hard, plain, pos, plural, only_when, never_when in [*council, *ours]:
        kind = _kind(pos)
        if (hard.lower(), kind) in replaced and (
            hard,
            plain,
            pos,
            plural,
            only_when,
            never_when,
        ) not in council:
            continue
        entries.append(
            Entry(hard.lower(), plain, kind, plural, _conditions(only_when), _conditions(never_when))
        )
    return tuple(entries)


def _kind(pos: str) -> str:
    return {"verb": "verb", "noun": "noun", "drop": "drop"}.get(pos.lower(), "other")


def _spellings(word: str) -> set[str]:
    out = {word}
    if "is" in word:
        out.add(re.sub(r"is(e|ed|es|ing|ation|ations)$", r"iz\1", word))
    if "iz" in word:
        out.add(re.sub(r"iz(e|ed|es|ing|ation|ations)$", r"is\1", word))
    return out


def _inflections(lemma: str, upos: str) -> dict[str, set[str]]:
    tags: dict[str, set[str]] = {}
    for source in (lemminflect.getAllInflectionsOOV(lemma, upos), lemminflect.getAllInflections(lemma, upos)):
        for tag, forms in source.items():
            tags.setdefault(tag, set()).update(f.lower() for f in forms)
    return tags


def inflect(word: str, tag: str, upos: str) -> str:
    """`word` in form `tag` ("help", "VBZ" -> "helps"); unknown words get the regular rules."""
    if tag in {"VB", "VBP", "NN"}:
        return word
    override: str | None = grammar().get("inflection_overrides", {}).get(word.lower(), {}).get(tag)
    if override:
        return override
    forms = lemminflect.getInflection(word, tag) or lemminflect.getInflection(word, tag, inflect_oov=True)
    return forms[0] if forms else word


@cache
def _surface_forms(entries: tuple[Entry, ...]) -> dict[str, list[Form]]:
    forms: dict[str, list[Form]] = {}
    table = _forms_table(entries)
    for entry in entries:
        for surface, tags in table[_forms_key(entry)]:
            forms.setdefault(surface, []).append(Form(entry, tags))
    return forms


# ---- The forms of each listed word, kept in the per-user cache (datacache.py): finding them with
# lemminflect took about 0.1 s of every Easy Read run. Keyed by the words and kinds they come from
# and lemminflect's version, so a changed list or library builds them again.
_FORMS_VERSION = "1"
FormsTable = dict[str, list[tuple[str, tuple[str, ...]]]]


def _forms_key(entry: Entry) -> str:
    return f"{entry.kind}\t{entry.hard}"


def _forms_table(entries: tuple[Entry, ...]) -> FormsTable:
    keys = sorted({_forms_key(e) for e in entries})
    by_key = {_forms_key(e): e for e in entries}

    def build() -> FormsTable:
        return {k: [(surface, f.tags) for surface, f in _entry_forms(by_key[k]).items()] for k in keys}

    version = f"{_FORMS_VERSION}-lemminflect{lemminflect.__version__}"
    table = datacache.load("plain-word-forms", version, ["\n".join(keys).encode("utf-8")], build)
    if not _valid_table(table, keys):
        table = build()
    return table


def _valid_table(table: object, keys: list[str]) -> bool:
    """Whether the cache gave a table of the expected shape (else it is built again)."""
    if not isinstance(table, dict):
        return False
    for k in keys:
        rows = table.get(k)
        if not isinstance(rows, list):
            return False
        for row in rows:
            if not (isinstance(row, tuple) and len(row) == 2 and isinstance(row[0], str)):
                return False
            if not (isinstance(row[1], tuple) and all(isinstance(t, str) for t in row[1])):
                return False
    return True


def _entry_forms(entry: Entry) -> dict[str, Form]:
    forms: dict[str, Form] = {}
    if True:
        words = entry.hard.split()
        if entry.kind == "verb":
            head, rest = words[0], words[1:]
            for tag, variants in _inflections(head, "VERB").items():
                for variant in variants:
                    for spelling in _spellings(variant):
                        surface = " ".join([spelling, *rest])
                        old = forms.get(surface)
                        tags = (old.tags if old else ()) + (tag,)
                        forms[surface] = Form(entry, tuple(sorted(set(tags))))
        elif entry.kind == "noun":
            lead, last = words[:-1], words[-1]
            for tag, variants in _inflections(last, "NOUN").items():
                for variant in variants:
                    for spelling in _spellings(variant):
                        surface = " ".join([*lead, spelling])
                        forms.setdefault(surface, Form(entry, (tag,)))
                        if tag == "NN":
                            forms[surface] = Form(entry, ("NN",))
        else:
            for spelling in _spellings(entry.hard):
                forms[spelling] = Form(entry, ())
    return forms


@cache
def _pattern(entries: tuple[Entry, ...]) -> re.Pattern[str]:
    # The forms as a tree (phrase_tree.py): the longest form that fits is matched, as before.
    alternation = phrase_tree.longest_first(_surface_forms(entries))
    return re.compile(rf"(?<![\w'’-])(?:{alternation})(?![\w'’-])", re.IGNORECASE)


def _plain_form(
    form: Form, matched: str, before: str, describes: bool = False, verb: bool = False
) -> str | None:
    """The plain word in the hard word's form (`describes`: the parse found a participle that
    describes a noun, "a workshop facilitated by …", so "-ed" is the participle, "run", not "ran";
    `verb`: the parse found a verb, so "This represents" is not "this" + a noun)."""
    entry = form.entry
    previous = before.split()[-1].lower().strip("\"'“‘(") if before.split() else ""
    if entry.kind == "verb":
        tags = set(form.tags)
        if previous in word_set("determiners") and not verb and not tags & {"VBD", "VBN", "VBG"}:
            return None  # "an attempt", "the monitors": a noun, not a verb
        if {"VBD", "VBN"} <= tags:
            tag = "VBN" if describes or previous in word_set("perfect_auxiliaries") else "VBD"
        elif tags - {"VB", "VBP"}:
            tag = sorted(tags - {"VB", "VBP"})[0]
        else:
            tag = "VB"
        head, *rest = entry.plain.split()
        return " ".join([inflect(head, tag, "VERB"), *rest])
    if entry.kind == "noun" and "NNS" in form.tags and "NN" not in form.tags:
        if entry.plain_plural:
            return entry.plain_plural
        *lead, last = entry.plain.split()
        return " ".join([*lead, inflect(last, "NNS", "NOUN")])
    return entry.plain


def _participle(token: Any) -> bool:
    """The parse found a past participle: one that describes a noun ("a workshop facilitated by"),
    or one with its own "be"/"have" even when a word stands between ("is normally issued")."""
    if token.dep_ == "acl":
        return True
    helpers = {"be", "have", "get"}
    return bool(
        token.tag_ == "VBN"
        and any(c.dep_ in {"aux", "auxpass"} and c.lemma_.lower() in helpers for c in token.children)
    )


def _fix_article(before: str, replacement: str) -> str:
    mt = re.search(r"\b([Aa]n?)(\s+)$", before)
    if not mt:
        return before
    first = replacement.split()[0].lower() if replacement.split() else ""
    vowel = first[:1] in set("aeiou")
    if first in word_set("an_exceptions"):
        vowel = True
    elif first in word_set("a_exceptions"):
        vowel = False
    article = mt.group(1)
    wanted = ("an" if vowel else "a") if article.islower() else ("An" if vowel else "A")
    return before[: mt.start(1)] + wanted + mt.group(2)


_COMPILED: list[tuple[tuple[Entry, ...], dict[str, list[Form]], re.Pattern[str]]] = []


def _compiled(entries: tuple[Entry, ...]) -> tuple[dict[str, list[Form]], re.Pattern[str]]:
    """The surface forms and pattern of one list, found by identity first: hashing 700 entries for
    the caches on every sentence was most of the time plain words took."""
    for known, forms, pattern in _COMPILED:
        if known is entries:
            return forms, pattern
    forms, pattern = _surface_forms(entries), _pattern(entries)
    _COMPILED[:] = [*_COMPILED[-3:], (entries, forms, pattern)]
    return forms, pattern


def needs_parse(text: str, entries: tuple[Entry, ...]) -> bool:
    """`replace` will parse this text: a verb or noun of the list, or a row with a condition, is in it."""
    if not entries:
        return False
    forms, pattern = _compiled(entries)
    return any(
        f.entry.kind in {"verb", "noun"} or f.entry.only_when or f.entry.never_when
        for mt in pattern.finditer(text)
        for f in forms[" ".join(mt.group(0).lower().split())]
    )


def replace(text: str, entries: tuple[Entry, ...], done: Replacements) -> str:
    """`text` with every listed hard word or phrase swapped for its plain form."""
    if not entries:
        return text
    forms, pattern = _compiled(entries)
    out: list[str] = []
    last = 0
    parsed: dict[str, object] = {}
    capital = False  # a dropped phrase opened the sentence: what follows gets its capital
    for mt in pattern.finditer(text):
        matched = mt.group(0)
        between = text[last : mt.start()]
        before = "".join(out) + (capitalise(between) if capital else between)
        plain, form = None, None
        for candidate in forms[" ".join(matched.lower().split())]:
            if not _sense_fits(candidate.entry, text, mt.start(), mt.end(), parsed):
                continue
            token = _token_at(text, mt.start(), parsed) if "doc" in parsed else None
            plain = _plain_form(
                candidate,
                matched,
                before,
                describes=token is not None and _participle(token),
                verb=token is not None and token.pos_ in {"VERB", "AUX"} and token.dep_ != "compound",
            )
            if plain is not None:
                form = candidate
                break
        if plain is None or form is None:
            continue
        if capital and not between:
            plain = capitalise(plain)
        capital = capital and not between
        if form.entry.kind == "drop":
            out, last, capital = _drop(before, text, mt.end(), capital)
        else:
            if plain.lower() in {"a", "an"}:
                # The plain word is itself the article ("per hour" -> "an hour"): the next word chooses.
                plain = _fix_article(plain + " ", _word_after(text, mt.end()) or "x").rstrip()
            if matched[:1].isupper():
                plain = capitalise(plain)
            end = mt.end()
            if form.entry.kind == "verb":
                # "calculated it" -> "worked it out", never "worked out it": a pronoun object
                # goes before the particle of a two-word plain verb.
                plain, end = _particle_after_pronoun(plain, text, end)
            out = [_fix_article(before, plain), plain]
            last = end
            capital = False
        key = (form.entry.hard, form.entry.plain)
        done.counts[key] = done.counts.get(key, 0) + 1
    rest = text[last:]
    out.append(capitalise(rest) if capital else rest)
    return "".join(out)


_PARTICLES = frozenset({"out", "up", "in", "off", "on", "back", "down", "away", "over", "together"})
_PRONOUNS = frozenset({"it", "them", "him", "her", "us", "me", "you", "this", "these", "those"})


def _particle_after_pronoun(plain: str, text: str, end: int) -> tuple[str, int]:
    words = plain.split()
    mt = re.match(r"\s+(\w+)\b", text[end:])
    if len(words) != 2 or words[1] not in _PARTICLES or not mt or mt.group(1).lower() not in _PRONOUNS:
        return plain, end
    return f"{words[0]} {mt.group(1)} {words[1]}", end + mt.end()


def _drop(before: str, text: str, end: int, capital: bool) -> tuple[list[str], int, bool]:
    """Take out a phrase that adds nothing, with one space beside it: at the start of a sentence
    ("Please note that if …") the space after it goes, and a comma that opened an aside ("… know
    that, from Monday, your …"), and the next word is capitalised; elsewhere the space before it
    ("You can also pay" -> "You can pay")."""
    if not before.strip() or re.search(r"[.!?:]['’\"”)]?\s*$", before) or capital:
        skip = re.match(r"\s*(?:,\s*)?", text[end:])
        return [before], end + (skip.end() if skip else 0), True
    return [before.rstrip()], end, False


def _word_after(text: str, end: int) -> str:
    rest = text[end:]
    if re.match(r"['’]s?\b", rest):
        return "'s" if re.match(r"['’]s\b", rest) else "'"
    mt = re.match(r"\s*([\w-]+)", rest)
    return mt.group(1).lower() if mt else ""


def _word_before(text: str, start: int) -> str:
    mt = re.search(r"([\w'’-]+)\W*$", text[:start])
    return mt.group(1).lower() if mt else ""


def _lemma_set(word: str) -> set[str]:
    out = {word.lower()}
    for values in lemminflect.getAllLemmas(word.lower()).values():
        out.update(v.lower() for v in values)
    return out


def _related(text: str, start: int, kind: str, parsed: dict[str, object]) -> set[str]:
    """Lemmas of the matched verb's object ("obj") or subject ("subj"), from the parse; without the
    parser, the next (or previous) four words."""
    if "doc" not in parsed:
        parsed["doc"] = parse.parse(text)
    doc: Any = parsed["doc"]
    if doc is None:
        window = text[start:].split()[1:5] if kind == "obj" else text[:start].split()[-4:]
        return {lemma for w in window for lemma in _lemma_set(w.strip(".,;:!?"))}
    token = next((t for t in doc if t.idx <= start < t.idx + len(t.text)), None)
    if token is None:
        return set()
    if kind == "obj":
        deps = {"dobj", "obj", "attr", "oprd"}
        found = [c for c in token.subtree if c.dep_ in deps and c.head.i >= token.i]
        found += [c for c in token.children if c.dep_ in {"nsubjpass"}]
    else:
        heads = [token, token.head] if token.dep_ in {"xcomp", "conj", "aux"} else [token]
        found = [c for h in heads for c in h.children if c.dep_ in {"nsubj", "nsubjpass"}]
    # "analyse all of the responses": the object is "all"; what it counts is the noun after "of".
    found = found[:2] + [
        pobj
        for tok in found[:2]
        if tok.lower_ in word_set("quantifiers")
        for prep in tok.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]
    words: set[str] = set()
    for tok in found:
        words |= _lemma_set(tok.text)
        for child in tok.children:
            if child.dep_ in {"compound", "amod"}:
                words |= _lemma_set(child.text)
    return words


def _holds(cond: Condition, text: str, start: int, end: int, parsed: dict[str, object]) -> bool:
    if cond.kind == "next":
        # "#number": an amount or number follows ("an estimated £1.3 million", "an estimated 14,600").
        number = "#number" in cond.values and re.match(r"\s*[£$€]?\d", text[end:]) is not None
        return number or _word_after(text, end) in cond.values
    if cond.kind == "prev":
        # "#start": the match opens a sentence ("However, …" but not "We will, however, …").
        opens = "#start" in cond.values and re.search(r"(?:^|[.!?:]['’\"”)]?)\s*$", text[:start]) is not None
        # "#inside": the match does not open a sentence or a clause after a comma ("We think it is
        # important that you …": not "We think please …").
        inside = "#inside" in cond.values and re.search(r"(?:^|[.!?:;,]['’\"”)]?)\s*$", text[:start]) is None
        return opens or inside or _word_before(text, start) in cond.values
    if cond.kind == "later":
        # "It is important that you give us … and that you tell us …": the swap would leave the
        # second "that" with nothing to hang on, so a phrase later in the same sentence stops it.
        rest = re.split(r"[.!?](?:\s|$)", text[end:], maxsplit=1)[0].lower()
        return any(re.search(rf"\b{re.escape(v)}\b", rest) for v in cond.values)
    if cond.kind == "joins":
        # The parse marks the last word of "as well as" as a linking word (cc) on the first of the
        # two things it joins: a noun there means two nouns are joined, never two clauses.
        last = _token_at(text, end - 1, parsed)
        return last is not None and last.dep_ == "cc" and str(last.head.pos_).lower() in cond.values
    if cond.kind in {"dep", "head"}:
        token = _token_at(text, start, parsed)
        if token is None:
            return False
        if cond.kind == "dep":
            return str(token.dep_) in cond.values
        return bool(_lemma_set(token.head.text) & cond.values) and token.head.i != token.i
    return bool(_related(text, start, cond.kind, parsed) & cond.values)


def _token_at(text: str, start: int, parsed: dict[str, object]) -> Any:
    """The parsed word at `start` (None without the parser)."""
    if "doc" not in parsed:
        parsed["doc"] = parse.parse(text)
    doc: Any = parsed["doc"]
    if doc is None:
        return None
    return next((t for t in doc if t.idx <= start < t.idx + len(t.text)), None)


def _sense_fits(entry: Entry, text: str, start: int, end: int, parsed: dict[str, object]) -> bool:
    """The swap keeps the sense: the parse gives the word the entry's part of speech, an only_when
    condition holds (if any) and no never_when does. A capital letter inside a sentence marks a
    name ("the World Health Organisation", "Confidential Helpline"): a name is never changed."""
    if text[start : start + 1].isupper() and re.search(r"[\w,;)]['’\"”]?\s+$", text[:start]):
        return False
    if entry.kind in {"verb", "noun"} and not _pos_fits(entry.kind, text, start, parsed):
        return False
    if entry.kind == "noun" and _in_compound(text, start, end, parsed):
        return False
    if entry.only_when and not any(_holds(c, text, start, end, parsed) for c in entry.only_when):
        return False
    return not any(_holds(c, text, start, end, parsed) for c in entry.never_when)


def _in_compound(text: str, start: int, end: int, parsed: dict[str, object]) -> bool:
    """ "residence requirement": a noun that describes another noun, or the noun such a word
    describes, is one name with it; swapping one half ("home need") changes what it names."""
    if "doc" not in parsed:
        parsed["doc"] = parse.parse(text)
    doc: Any = parsed["doc"]
    if doc is None:
        return False
    inside = [t for t in doc if start <= t.idx < end]
    outside = {t.i for t in doc} - {t.i for t in inside}
    # A name before the noun ("Council expenditure") does not make a fixed term of it.
    return any(
        (t.dep_ == "compound" and t.head.i in outside)
        or any(c.dep_ == "compound" and c.i in outside and c.pos_ != "PROPN" for c in t.children)
        for t in inside
    )


def _pos_fits(kind: str, text: str, start: int, parsed: dict[str, object]) -> bool:
    """ "funding" as a noun is not a form of the verb "fund"; "transport" as a noun is not the verb."""
    if "doc" not in parsed:
        parsed["doc"] = parse.parse(text)
    doc: Any = parsed["doc"]
    if doc is None:
        return True
    token = next((t for t in doc if t.idx <= start < t.idx + len(t.text)), None)
    if token is None:
        return True
    # Refuse only a clear other part of speech (a tagger's guess on a rare word is not trusted).
    other = {"NOUN", "PROPN", "ADJ"} if kind == "verb" else {"VERB", "AUX"}
    if kind == "noun" and token.pos_ == "ADJ" and token.dep_ == "amod":
        return False  # "each individual meal", "your individual needs": a describing word, not the noun
    return token.pos_ not in other
