"""Points: split long sentences into short ones, only at places where that is safe.

A sentence over the profile's word limit is split, again and again while a part is still too long,
at the first safe place of these kinds (in this order):

1. a semicolon between two clauses: "We met; we talked." -> "We met. We talked.";
2. "and" / "but" / "so" before a new clause that starts with "we", "they", "I", "you", "he", "she"
   (or with a past-tense verb when the sentence starts with one of those: "They met us and told us"
   -> "They met us. They told us")
   (or "it" / "this" / "there" followed by a verb such as "is" or "will"):
   "..., and we will use your comments" -> "... We will use your comments";
   "so that" is never a split point for this rule;
2b. a linking word before a new clause, with words that keep the link (`split_linkers` in
   grammar.toml): "... because they..." -> "... This is because they...";
3. a non-defining "which" / "who" clause after a comma, when the part before it is a sentence:
   "..., which will be paid" -> "... This will be paid"; "..., who met us" -> "... They met us"
   ("who is" becomes "They are", "who knows" becomes "They know");
4. a list written inline at the end of a sentence, after ":" or "including" / "such as":
   "..., including in Easy Read, large print and braille." -> "..., including in:" "Easy Read."
   "Large print." "Braille.";
5. a short label before a colon, when a whole sentence follows: "Example from our work: we
   asked tenants..." -> "Example from our work:" "We asked tenants...".

Each part must keep at least `min_clause_words` words, and the parts together must keep every
content word of the sentence (checked, not assumed); otherwise that place is not used. A long
sentence with no safe place is kept exactly as it was and reported as `unsafe-split`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import lemminflect

from .text import Spans, capitalise, content_lemmas, end_sentence, lemmas, words
from .wordlists import grammar, word_set


class SplitSettings(Protocol):
    # Read-only, so the frozen LanguageSettings fits.
    @property
    def max_words_warn(self) -> int: ...
    @property
    def min_clause_words(self) -> int: ...
    @property
    def max_inline_list_item_words(self) -> int: ...


@dataclass
class SplitResult:
    parts: list[str]
    # True when the sentence was long and no safe place was found for (all of) it.
    unsafe: bool = False

    @property
    def split(self) -> bool:
        return len(self.parts) > 1


# A part that is a whole condition or time ("This is if A and B.", "But not when …"): cutting it
# again would leave half of the condition standing as a plain statement ("You need help.").
CONDITION_PART = re.compile(
    r"^(?:this is (?:only )?|but not )(?:if|when|whenever|unless|once|before|after|until)\b", re.I
)


@dataclass(frozen=True)
class Guard:
    """The parser's checks on this splitter's parts (parse.py registers them with `use_guard`: parse
    uses this module, so this module does not import it)."""

    fits: Callable[[str, list[str]], bool]  # the parts stand as sentences and keep every word
    unsure_which: Callable[[str, int], bool]  # "This …" for the ", which" at this offset may mislead
    plural_which: Callable[[str, int], bool]  # the ", which" at this offset is about a plural noun


_GUARDS: list[Guard] = []


def use_guard(guard: Guard) -> None:
    _GUARDS[:] = [guard]


def _guard(settings: SplitSettings) -> Guard | None:
    """The parser's guard, when the parser is in use for these settings and installed."""
    if not getattr(settings, "use_parser", False) or not _GUARDS:
        return None
    return _GUARDS[0]


def split_sentence(sentence: str, settings: SplitSettings, spans: Spans | None = None) -> SplitResult:
    """Split one sentence into short sentences at safe places (see the module notes)."""
    spans = spans or Spans()
    if CONDITION_PART.match(sentence.strip()):
        return SplitResult([sentence.strip()], _count(sentence, spans) > settings.max_words_warn)
    parts: list[str] = []
    unsafe = False
    stack = [sentence.strip()]
    while stack:
        current = stack.pop(0)
        if _count(current, spans) <= settings.max_words_warn:
            parts.append(current)
            continue
        pieces = _split_once(current, settings, spans)
        if pieces is None:
            parts.append(current)
            unsafe = True
        else:
            stack = pieces + stack
    return SplitResult(parts, unsafe)


def contact_lines(sentence: str) -> list[str]:
    """ "Blue Badge Team, 1 Quayside Phone: 01632 960 780 Email: a@b.org" -> one contact detail a
    line, cut before each label (`contact_labels` in grammar.toml) that follows other words. A line
    of the draft's address block often reaches us run together with the next one."""
    labels = sorted(grammar().get("parser", {}).get("contact_labels", []), key=len, reverse=True)
    if not labels:
        return [sentence]
    # A label starts with a capital letter, as at the start of a line: "Phone:", not "you can phone:".
    names = "|".join(re.escape(x[:1].upper() + x[1:]) for x in labels)
    found = re.compile(r"(?<=\S)\s+(?=(?:" + names + r"):\s)")
    parts = [p.strip() for p in found.split(sentence) if p.strip()]
    if len(parts) < 2:
        return [sentence]
    return [end_sentence(p) if p[-1:] not in ".!?" else p for p in parts]


def _count(text: str, spans: Spans) -> int:
    return len(words(spans.restore(text)))


def _split_once(sentence: str, settings: SplitSettings, spans: Spans) -> list[str] | None:
    rules = (
        _at_semicolon,
        _at_conjunction,
        _at_linker,
        _at_relative,
        _at_shared_subject,
        _at_reported,
        _at_appositive,
        _at_inline_list,
        _at_label,
    )
    for rule in rules:
        for pieces in rule(sentence, settings):
            if _acceptable(sentence, pieces, settings, spans):
                return pieces
    return None


def _acceptable(sentence: str, pieces: list[str], settings: SplitSettings, spans: Spans) -> bool:
    if len(pieces) < 2 or any(not p.strip() for p in pieces):
        return False
    # Only the list-item pieces of an inline list may be short; other parts need a real clause.
    list_split = pieces[0].rstrip().endswith(":")
    checked = pieces[:1] if list_split else pieces
    if any(_count(p, spans) < settings.min_clause_words for p in checked):
        return False
    if not keeps_content(sentence, " ".join(pieces)):
        return False
    guard = _guard(settings)
    # With the parser in use, the guard every splitter's parts pass: each part stands as a sentence
    # and reads as the draft meant (parse.fits).
    return guard is None or guard.fits(sentence, pieces)


def keeps_content(before: str, after: str) -> bool:
    """Every content word of `before` (by base form, counted) is still in `after`."""
    missing = Counter(content_lemmas(before)) - Counter(content_lemmas(after))
    return not missing


def _finish(left: str, right: str) -> list[str]:
    return [end_sentence(left), end_sentence(capitalise(right.strip()))]


# ---------------------------------------------------------------- rule 1: semicolons


def _at_semicolon(sentence: str, _settings: SplitSettings) -> list[list[str]]:
    out = []
    for mt in re.finditer(r";\s+", sentence):
        out.append(_finish(sentence[: mt.start()], sentence[mt.end() :]))
    return out


# ---------------------------------------------------------------- rule 2: and / but / so


def _starts_clause(right: str) -> bool:
    ws = [w.lower() for w in words(right)[:2]]
    if not ws:
        return False
    if ws[0] in word_set("subject_pronouns"):
        return True
    if ws[0] in word_set("weak_subjects") and len(ws) > 1:
        return ws[1] in word_set("auxiliaries") or _finite_verb(ws[1])
    return False


def _finite_verb(word: str) -> bool:
    """A past-tense or "-s" form of a verb that is not also a noun ("met", "knows")."""
    options = lemmas(word.lower())
    if "VERB" not in options or "NOUN" in options:
        return False
    for base in options["VERB"]:
        for tag in ("VBD", "VBZ"):
            if word.lower() in (f.lower() for f in lemminflect.getInflection(base, tag)):
                return True
    return False


def _at_conjunction(sentence: str, _settings: SplitSettings) -> list[list[str]]:
    conjunctions: dict[str, bool] = grammar()["split_conjunctions"]
    names = "|".join(re.escape(c) for c in conjunctions)
    out = []
    for mt in re.finditer(rf",?\s+({names})\s+(?!that\b)", sentence, re.IGNORECASE):
        right = sentence[mt.end() :]
        conj = mt.group(1).lower()
        if not _starts_clause(right):
            continue
        if conjunctions.get(conj, False):
            right = f"{conj} {right}"
        out.append(_finish(sentence[: mt.start()], right))
    return out


def _at_linker(sentence: str, _settings: SplitSettings) -> list[list[str]]:
    """ "... because they..." -> "... This is because they...": the new sentence keeps the link
    in words a reader knows."""
    linkers: dict[str, str] = grammar().get("split_linkers", {})
    out = []
    for phrase, start in linkers.items():
        for mt in re.finditer(rf",?\s+{re.escape(phrase)}\s+", sentence, re.IGNORECASE):
            right = sentence[mt.end() :]
            if _starts_clause(right):
                out.append(_finish(sentence[: mt.start()], f"{start} {right}"))
    return sorted(out, key=lambda pieces: len(pieces[0]))


_MODALS = {"will", "can", "could", "should", "must", "may", "might", "would"}


def _base_verb(word: str) -> bool:
    """A word that is only ever a verb, in its base form ("send", "tell"; not "work", "help")."""
    options = lemmas(word.lower())
    return set(options) == {"VERB"} and word.lower() in options["VERB"]


def _at_shared_subject(sentence: str, _settings: SplitSettings) -> list[list[str]]:
    """ "They met us and told us" -> "They met us." "They told us": the sentence starts with a
    subject pronoun, the part before "and" is one plain clause (no comma, no linking word), and
    the part after starts with a verb in the past tense or "-s" form."""
    out: list[list[str]] = []
    first = words(sentence)[:1]
    if not first or first[0].lower() not in word_set("subject_pronouns"):
        return out
    subject = first[0] if first[0] == "I" else first[0].lower()
    tokens = words(sentence)
    # "You can read X and send Y": the helping verb is shared too ("You can send Y").
    modal = tokens[1] if len(tokens) > 1 and tokens[1].lower() in _MODALS else ""
    for mt in re.finditer(r"\s+(and)\s+", sentence):
        left, right = sentence[: mt.start()], sentence[mt.end() :]
        if "," in left or any(w.lower() in word_set("subordinators") for w in words(left)):
            break
        right_words = words(right)
        if not right_words:
            continue
        if _finite_verb(right_words[0]):
            out.append(_finish(left, f"{subject} {right}"))
        elif modal and _base_verb(right_words[0]):
            out.append(_finish(left, f"{subject} {modal} {right}"))
    return out


# ---------------------------------------------------------------- rule 3: which / who


_BE_PLURAL = {"is": "are", "was": "were", "has": "have", "does": "do", "isn't": "aren't", "wasn't": "weren't"}


_PREPOSITIONS = {"with", "of", "for", "in", "on", "at", "by", "from", "to", "about", "without"}


def _has_verb(text: str) -> bool:
    previous = ""
    for w in words(text):
        low = w.lower()
        if low in word_set("auxiliaries"):
            return True
        # "with lived experience": after "with" or "a" a verb form describes; it is not a verb.
        if _finite_verb(low) and previous not in _PREPOSITIONS | word_set("determiners"):
            return True
        # "we spoke": after "we" / "they" a word that can be a verb is one.
        if previous in word_set("subject_pronouns") and "VERB" in lemmas(low):
            return True
        previous = low
    return False


# A clause before ", which" that ends with a number or a name (a capital after the first word).
_NAMED_LAST = re.compile(r"(?:\d|\s[A-Z][\w'’]*)$")


def _at_relative(sentence: str, settings: SplitSettings) -> list[list[str]]:
    out = []
    for mt in re.finditer(r",\s+(which|who)\s+([\w'’]+)", sentence, re.IGNORECASE):
        pronoun, verb = mt.group(1).lower(), mt.group(2)
        low = verb.lower()
        if not (low in word_set("auxiliaries") or _finite_verb(low)):
            continue  # "which they said": the clause does not start with its verb
        left = sentence[: mt.start()]
        if not _has_verb(left):
            continue  # "The group, which meets monthly, will decide": no sentence before it
        rest = sentence[mt.end(2) :]
        if re.search(r",\s+(?:or|and)\s+(?:by|at|in|on|through|from|with|online)\b", rest, re.IGNORECASE):
            continue  # "by debit, which is easiest, or by card": the clause ends before the second way
        if re.search(r"\b(?:or|and)\s+(?:who|which)\b", rest, re.IGNORECASE):
            continue  # "…, who have a disability or who have no one …": one of several descriptions
        if pronoun == "which" and _NAMED_LAST.search(left) and low not in {"is", "are", "was", "were"}:
            continue  # "… to the Cabinet on 10 May, which will decide": about the Cabinet, not "This"
        guard = _guard(settings)
        if pronoun == "which" and guard is not None and guard.unsure_which(sentence, mt.start()):
            continue  # "the card that your warden gave you after your review, which gives …"
        if pronoun == "which":
            plural = low in {"are", "were", "have", "do"}
            # "… frozen meals, which can be delivered" -> "These can …" (a plural noun, by the parse).
            plural = plural or (guard is not None and guard.plural_which(sentence, mt.start()))
            subject = "These" if plural else "This"
            right = f"{subject} {verb}{rest}"
        else:
            right = f"They {plural_verb(verb)}{rest}"
        out.append(_finish(left, right))
    return out


def plural_verb(verb: str) -> str:
    low = verb.lower()
    if low in _BE_PLURAL:
        return _BE_PLURAL[low]
    if low in word_set("auxiliaries"):
        return verb
    for base in lemmas(low).get("VERB", ()):
        if low in (f.lower() for f in lemminflect.getInflection(base, "VBZ")):
            return base
    return verb


# ---------------------------------------------------------------- rule 4: reported speech, appositions

_REPORTED = re.compile(
    r"^(?P<lead>(?:\S+\s+){1,5}?(?:said|say|says|told us|tell us|tells us|think|thinks|thought|believe|"
    r"believes|found|agreed|know|knows|feel|feels|felt)\s+that)\s+(?P<first>.+?),?\s+and\s+that\s+"
    r"(?P<second>.+)$",
    re.IGNORECASE,
)


def _at_reported(sentence: str, _settings: SplitSettings) -> list[list[str]]:
    """ "Staff told us that A, and that B" -> "Staff told us that A." "Staff told us that B"."""
    mt = _REPORTED.match(sentence.strip())
    if not mt:
        return []
    lead = mt.group("lead")
    return [_finish(f"{lead} {mt.group('first')}", f"{lead} {mt.group('second')}")]


def _at_appositive(sentence: str, _settings: SplitSettings) -> list[list[str]]:
    """ "We met the Working Together Group, a group of carers." -> "We met the Working Together
    Group." "This is a group of carers.": a description after a comma, starting with "a"/"an",
    running to the end with no verb and no other comma, after a part that is a sentence."""
    out = []
    for mt in re.finditer(r",\s+(a|an)\s+", sentence):
        left, right = sentence[: mt.start()], sentence[mt.start(1) :]
        if "," in right or _has_verb(right) or not _has_verb(left):
            continue
        if re.search(r"\b(?:and|or)\b", right):
            continue  # "bring a drink, a hat and sun cream": the last items of a list, not a description
        out.append(_finish(left, f"This is {right}"))
    return out


# ---------------------------------------------------------------- rule 5: inline lists


_LIST_LEAD = re.compile(r"(:|,?\s+(?:including|such as|for example|like))\s+", re.IGNORECASE)


# "like" is a verb, not "such as", after these words ("Would you like", "we'd like", "to like").
_LIKE_AS_VERB = {"you", "we", "they", "i", "would", "to", "do", "does", "did", "might", "may", "will"} | {
    f"{who}{mark}d" for who in ("i", "we", "you", "they") for mark in ("'", "’")
}


def _at_inline_list(sentence: str, settings: SplitSettings) -> list[list[str]]:
    out = []
    stripped = sentence.rstrip()
    end = stripped[-1] if stripped and stripped[-1] in ".!?" else ""
    body = stripped[:-1] if end else stripped
    for mt in _LIST_LEAD.finditer(body):
        lead = body[: mt.end(1)].rstrip()
        tail = body[mt.end() :]
        before = words(body[: mt.start(1)])
        if mt.group(1).strip(", ").lower() == "like" and before and before[-1].lower() in _LIKE_AS_VERB:
            continue  # "Would you like the form in large print, …": the verb, not "such as"
        items = _list_items(tail)
        if len(items) < 3 or any(len(words(i)) > settings.max_inline_list_item_words for i in items):
            continue
        if any(_LIST_LEAD.search(" " + i) for i in items):
            continue  # an item holding a list of its own ("…format, such as A, B or C"): cut there
        first_word = words(tail)[0] if words(tail) else ""
        if mt.group(1) != ":" and first_word.lower() in {"in", "at", "on", "by", "with", "for", "to"}:
            # "including in Easy Read, ...": keep the small word with the lead ("including in:").
            lead = f"{lead} {first_word}"
            items[0] = items[0][len(first_word) :].strip()
        lead = lead.rstrip(":,") + ":"
        out.append([lead] + [end_sentence(capitalise(i)) for i in items])
    return out


def _list_items(tail: str) -> list[str]:
    parts = [p.strip() for p in re.split(r",\s*", tail)]
    if len(parts) < 2:
        return []
    last = parts[-1]
    mt = re.match(r"(.+?)\s+(?:and|or)\s+(.+)$", last)
    if mt:
        parts = parts[:-1] + [mt.group(1), mt.group(2)]
    elif re.match(r"(?:and|or)\s+", last):
        parts[-1] = re.sub(r"^(?:and|or)\s+", "", last)
    else:
        return []
    return [p for p in parts if p]


# ---------------------------------------------------------------- rule 6: a label before a colon


def _at_label(sentence: str, settings: SplitSettings) -> list[list[str]]:
    """ "Example in our work: we asked..." -> "Example in our work:" "We asked...": the label (at
    most 4 words, no verb) stands as a line of its own, as a small heading does."""
    mt = re.match(r"([^:]{1,60}):\s+(.+)$", sentence.strip())
    if not mt:
        return []
    label, rest = mt.group(1).strip(), mt.group(2)
    label_words = [w.lower() for w in words(label)]
    if not 1 <= len(label_words) <= 4 or _has_verb(label):
        return []
    if any(w in word_set("subject_pronouns") or w in word_set("auxiliaries") for w in label_words):
        return []
    if len(words(rest)) < settings.min_clause_words or not _has_verb(rest):
        return []
    return [[f"{label}:", end_sentence(capitalise(rest))]]
