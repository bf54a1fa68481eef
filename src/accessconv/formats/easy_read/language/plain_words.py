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
- anything else: the words exactly as written.

A verb form that is also a noun (e.g. "attempt") is left alone after "a", "the", "our" and so on.
British and American spellings (-ise / -ize) both match. "a"/"an" before a replaced word is fixed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .text import capitalise
from .wordlists import builtin, grammar, read_table, word_set


@dataclass(frozen=True)
class Entry:
    hard: str
    plain: str
    kind: str  # verb | noun | other
    plain_plural: str = ""


@dataclass(frozen=True)
class Form:
    entry: Entry
    tags: tuple[str, ...]  # Penn tags this surface form can be: VBD, VBN, NNS ...


@dataclass
class Replacements:
    counts: dict[tuple[str, str], int] = field(default_factory=dict)  # (hard, plain) -> times


def load(council_file: Path | None) -> tuple[Entry, ...]:
    return _load(council_file)


@cache
def _load(council_file: Path | None) -> tuple[Entry, ...]:
    rows = list(read_table(builtin("plain-words.tsv"), 4))
    if council_file is not None:
        rows += list(read_table(council_file, 4))
    entries: dict[str, Entry] = {}
    for hard, plain, kind, plural in rows:
        kind = kind.lower() or "other"
        if kind not in {"verb", "noun", "other"}:
            kind = "other"
        # A later row (the council's) replaces ours for the same hard word.
        entries[hard.lower()] = Entry(hard.lower(), plain, kind, plural)
    return tuple(entries.values())


def _spellings(word: str) -> set[str]:
    out = {word}
    if "is" in word:
        out.add(re.sub(r"is(e|ed|es|ing|ation|ations)$", r"iz\1", word))
    if "iz" in word:
        out.add(re.sub(r"iz(e|ed|es|ing|ation|ations)$", r"is\1", word))
    return out


def _inflections(lemma: str, upos: str) -> dict[str, set[str]]:
    import lemminflect

    tags: dict[str, set[str]] = {}
    for source in (lemminflect.getAllInflectionsOOV(lemma, upos), lemminflect.getAllInflections(lemma, upos)):
        for tag, forms in source.items():
            tags.setdefault(tag, set()).update(f.lower() for f in forms)
    return tags


def inflect(word: str, tag: str, upos: str) -> str:
    """`word` in form `tag` ("help", "VBZ" -> "helps"); unknown words get the regular rules."""
    import lemminflect

    if tag in {"VB", "VBP", "NN"}:
        return word
    override: str | None = grammar().get("inflection_overrides", {}).get(word.lower(), {}).get(tag)
    if override:
        return override
    forms = lemminflect.getInflection(word, tag) or lemminflect.getInflection(word, tag, inflect_oov=True)
    return forms[0] if forms else word


@cache
def _surface_forms(entries: tuple[Entry, ...]) -> dict[str, Form]:
    forms: dict[str, Form] = {}
    for entry in entries:
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
    surfaces = sorted(_surface_forms(entries), key=lambda s: (-len(s), s))
    alternation = "|".join(r"\s+".join(re.escape(w) for w in s.split()) for s in surfaces)
    return re.compile(rf"(?<![\w'’-])(?:{alternation})(?![\w'’-])", re.IGNORECASE)


def _plain_form(form: Form, matched: str, before: str) -> str | None:
    entry = form.entry
    previous = before.split()[-1].lower().strip("\"'“‘(") if before.split() else ""
    if entry.kind == "verb":
        tags = set(form.tags)
        if previous in word_set("determiners") and not tags & {"VBD", "VBN", "VBG"}:
            return None  # "an attempt", "the monitors": a noun, not a verb
        if {"VBD", "VBN"} <= tags:
            tag = "VBN" if previous in word_set("perfect_auxiliaries") else "VBD"
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


def replace(text: str, entries: tuple[Entry, ...], done: Replacements) -> str:
    """`text` with every listed hard word or phrase swapped for its plain form."""
    if not entries:
        return text
    forms = _surface_forms(entries)
    pattern = _pattern(entries)
    out: list[str] = []
    last = 0
    for mt in pattern.finditer(text):
        matched = mt.group(0)
        form = forms[" ".join(matched.lower().split())]
        before = "".join(out) + text[last : mt.start()]
        plain = _plain_form(form, matched, before)
        if plain is None:
            continue
        if matched[:1].isupper():
            plain = capitalise(plain)
        out = [_fix_article(before, plain), plain]
        last = mt.end()
        key = (form.entry.hard, form.entry.plain)
        done.counts[key] = done.counts.get(key, 0) + 1
    out.append(text[last:])
    return "".join(out)
