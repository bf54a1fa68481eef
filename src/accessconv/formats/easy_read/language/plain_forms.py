"""Plain forms of the stiff openings a split leaves (data/plain-forms.toml): "Please tell the
driver. This is if …" -> "… Do this if …"; "We will carry out an assessment. This is to find out …"
-> "… We want to find out …"; "But not if you have not …" -> "This is only if you have …"; "You
should do this by pressing …" -> "To do this, press …". Run on the sentences of a split, after the
plain words (plain_words.py) have been put in."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

import lemminflect

from .wordlists import builtin


@dataclass(frozen=True)
class _Form:
    after: str  # "order" | "we" | "any"
    stiff: str
    plain: str
    next: str = ""  # "order": only when an order verb comes next ("It is important that you tell …")


@dataclass(frozen=True)
class _Forms:
    order_verbs: frozenset[str]
    rules: tuple[_Form, ...]
    negative_stiff: str
    negative_plain: str
    subjects: frozenset[str]
    helpers: frozenset[str]
    dropped_helpers: frozenset[str]
    by_doing: tuple[str, ...]
    by_doing_plain: str
    who: frozenset[str]  # [subject_forms]: the people a sentence may open with
    who_rules: tuple[_Form, ...]
    who_helpers: dict[str, str]  # helping verb -> its negative
    who_not_verbs: frozenset[str]  # a helper before these is not "doing" something


@cache
def _forms() -> _Forms:
    with builtin("plain-forms.toml").open("rb") as fh:
        data = tomllib.load(fh)
    neg = data["double_negative"]
    who = data["subject_forms"]
    return _Forms(
        frozenset(v.lower() for v in data["order_verbs"]),
        tuple(_Form(r["after"], r["stiff"], r["plain"], r.get("next", "")) for r in data["rules"]),
        neg["stiff"],
        neg["plain"],
        frozenset(neg["subjects"]),
        frozenset(neg["helpers"]),
        frozenset(neg["dropped_helpers"]),
        tuple(data["by_doing"]["openings"]),
        data["by_doing"]["plain"],
        frozenset(who["subjects"]),
        tuple(_Form("who", r["stiff"], r["plain"]) for r in who["rules"]),
        dict(who["helpers"]),
        frozenset(who["not_verbs"]),
    )


def order_verbs() -> frozenset[str]:
    """Verbs that open an instruction ("Tell us …", "Call …")."""
    return _forms().order_verbs


def plain_forms(parts: list[str]) -> list[str]:
    """The sentences a split made, with stiff openings said plainly where the sentence before
    allows it (data/plain-forms.toml): "Please tell the driver. This is if …" -> "… Do this if …";
    "We will carry out an assessment. This is to find out …" -> "… We want to find out …";
    "But not if you have not …" -> "This is only if you have …"."""
    out: list[str] = []
    for part in parts:
        out.append(_plain_opening(part, out[-1] if out else ""))
    return out


def _plain_opening(sentence: str, before: str) -> str:
    forms = _forms()
    sentence = _by_doing(_one_negative(sentence, forms), forms)
    kind = _kind_of(before, forms)
    for rule in forms.rules:
        if rule.after not in {kind, "any"} or not _opens(sentence, rule.stiff):
            continue
        rest = sentence[len(rule.stiff) :]
        if rule.next == "order" and (
            rest.split(" ", 2)[1].lower() not in forms.order_verbs or re.search(r"\b(?:and|or) that\b", rest)
        ):
            continue  # "It is important that you are …" is no order; "… and that you …" needs its frame
        if kind == "we" and re.search(r"\b(?:us|we|our)\b", rest, re.IGNORECASE):
            continue  # "We want to help us decide" would not read right
        return rule.plain + rest
    return _said_by_whom(sentence, before, forms)


def _said_by_whom(sentence: str, before: str, forms: _Forms) -> str:
    """ "We will arrange an advocate. This is if …" -> "… We will do this if …": the sentence
    before opens with a person, a helping verb and a plain verb."""
    words = before.split(" ", 3)
    if len(words) < 3 or words[0].lower() not in forms.who or words[1].lower() not in forms.who_helpers:
        return sentence
    verb = words[2].strip(",.:;").lower()
    lemmas = lemminflect.getAllLemmas(verb)
    if verb in forms.who_not_verbs or verb not in lemmas.get("VERB", ()):
        return sentence  # "You can usually park", "You may be able to get": not a plain doing
    for rule in forms.who_rules:
        if _opens(sentence, rule.stiff):
            opening = rule.plain.format(
                who=words[0], helper=words[1].lower(), negative=forms.who_helpers[words[1].lower()]
            )
            return opening + sentence[len(rule.stiff) :]
    return sentence


def _opens(sentence: str, stiff: str) -> bool:
    """The sentence starts with the stiff words, or is them leading a list ("This is if:" before the
    conditions, one a line: "Do this if:")."""
    return sentence.startswith(stiff + " ") or sentence == stiff + ":"


def _kind_of(before: str, forms: _Forms) -> str:
    first = before.split(" ", 1)[0].strip(",.:;").lower() if before else ""
    if first == "please" or first in forms.order_verbs:
        return "order"
    return "we" if first == "we" else ""


def _by_doing(sentence: str, forms: _Forms) -> str:
    for opening in forms.by_doing:
        mt = re.match(rf"{re.escape(opening)} (\w+ing)\b(?!:)(.*)$", sentence)
        if mt:
            verb = lemminflect.getLemma(mt.group(1).lower(), upos="VERB")
            if verb:
                return f"{forms.by_doing_plain} {verb[0]}{_SECOND_DOING.sub(_base_form, mt.group(2))}"
    return sentence


# "… by pressing the button and telling the operator …": every verb of the instruction becomes an
# order ("press the button and tell the operator").
_SECOND_DOING = re.compile(r"\b(and|or|then) (\w+ing)\b")


def _base_form(found: re.Match[str]) -> str:
    word = found.group(2).lower()
    lemmas = lemminflect.getAllLemmas(word)
    if "VERB" not in lemmas or word in lemmas.get("NOUN", ()):
        return found.group(0)  # "and housing", "or evening": a noun too, so it is left as it is
    return f"{found.group(1)} {lemmas['VERB'][0]}"


def _one_negative(sentence: str, forms: _Forms) -> str:
    if not sentence.startswith(forms.negative_stiff + " "):
        return sentence
    words = sentence[len(forms.negative_stiff) :].split(" ", 4)
    # words: ["", subject, helper, "not", rest]
    if len(words) < 5 or words[3] != "not" or words[1].lower() not in forms.subjects:
        return sentence
    helper = words[2].lower()
    if helper in forms.helpers:
        return " ".join([forms.negative_plain, words[1], words[2], words[4]])
    if helper in forms.dropped_helpers:
        return " ".join([forms.negative_plain, words[1], words[4]])
    return sentence
