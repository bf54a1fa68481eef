"""A condition on the reader asked as a question, the way Easy Read writers put it.

"If you need this letter in large print, Easy Read or another language, please phone us." -> "Do you
need this letter in large print, Easy Read or another language?" "Please phone us."; "If you want help
to fill in the survey, or you need it in another format, please phone …" -> "Do you want help to fill in
the survey?" "Or do you need it in another format?" "Please phone …".

parse.py's `_if_you` does this when the parse finds the main clause. A list inside the condition ("large
print, Easy Read or another language") often makes the small parser hang the main clause on the list,
and then nothing was split. Here the main clause is found by the words instead: the last comma after
which the rest, parsed alone, stands as a sentence or an order. Only for "you" with a verb in the
present (asked with "Do you …?", or with "Are" / "Can" / "Have" put first) and never with "not", whose
question would ask the opposite, and never for a condition of two verbs ("If you own your home and sell
it within 10 years": "Do you … sell it …?" asks about a time to come) or with a list or an example in it
(a question is never cut again, and a list would be). The words are data: `[questions]` in grammar.toml.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from . import clauses, syntax
from .wordlists import section, section_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Parse = Callable[[str], "Doc | None"]


_data = partial(section, "questions")
_words = partial(section_words, "questions")


def condition_asked(text: str, doc: Doc, parse: Parse) -> list[str] | None:
    """The questions and the main clause, or None (see the module's note)."""
    if len(doc) < 8 or doc[0].lower_ != "if" or doc[1].lower_ != "you" or text.rstrip().endswith("?"):
        return None
    for comma in reversed([t for t in doc[4:-3] if t.text == ","]):
        rest = text[comma.idx + 1 :].strip()
        if rest.split(" ", 1)[0].lower() in _words("not_main_starts") or len(rest.split()) < 3:
            continue
        rest_doc = parse(rest)
        order = rest.split(" ", 1)[0].lower() in _words(
            "order_starts"
        )  # "please phone …": "phone" may be read as a noun
        if rest_doc is None or not (order or clauses.stands(rest_doc)) or rest_doc[0].dep_ == "mark":
            continue
        if any(t.lower_ in _words("never") or t.dep_ == "neg" for t in doc[1 : comma.i]):
            return None
        questions = _questions(text, doc, comma.i)
        if questions is None:
            return None  # the main clause is found; the condition cannot be asked
        return [*questions, syntax.sentence(rest)]
    return None


def _questions(text: str, doc: Doc, end: int) -> list[str] | None:
    """The condition "you A, or you B" (up to token `end`) asked: "Do you A?" "Or do you B?"."""
    starts = [1] + [t.i for t in doc[2:end] if t.lower_ == "you" and _joins(doc, t.i)]
    verbs = {s + 1 for s in starts}
    if any(t.tag_ in {"VBZ", "VBP", "VBD", "MD"} and t.i not in verbs for t in doc[1:end]):
        return None  # "If you rent a room, you become their landlord, which means …": more than a condition
    out: list[str] = []
    for n, start in enumerate(starts):
        stop = starts[n + 1] - 1 if n + 1 < len(starts) else end
        while stop > start and (doc[stop - 1].text == "," or doc[stop - 1].lower_ in {"or", "and"}):
            stop -= 1
        asked = _ask(text, doc, start, stop)
        if asked is None:
            return None
        if n:
            if _joint(doc, start) != "or":
                return None  # "and you …": both must hold, which two questions do not say
            asked = f"{_data().get('or_lead', 'Or')} {syntax.lower(asked)}"
        out.append(asked)
    return out


def _joins(doc: Doc, i: int) -> bool:
    """ "…, or you need …": a second "you" that starts a second condition."""
    return _joint(doc, i) in {"or", "and"}


def _joint(doc: Doc, i: int) -> str:
    """The word right before the condition starting at token `i` ("or", "and" in "…, or you …")."""
    return doc[i - 1].lower_ if i > 0 else ""


def _ask(text: str, doc: Doc, start: int, stop: int) -> str | None:
    """ "you need this letter" -> "Do you need this letter?"; "you are going out" -> "Are you going
    out?". None for a verb that is not in the present, or nothing after it."""
    if stop - start < 3 or doc[start].lower_ != "you":
        return None
    verb: Token = doc[start + 1]
    after = text[verb.idx + len(verb.text) : doc[stop - 1].idx + len(doc[stop - 1].text)].strip()
    if re.search(r"[;:]", after) or any(
        f" {w} " in f" {after.lower()} " for w in _data().get("never_in_question", [])
    ):
        return None
    if any(
        t.lower_ in {"and", "or"} and doc[t.i + 1].pos_ in {"VERB", "AUX"} for t in doc[start + 2 : stop - 1]
    ):
        return None  # "you own your home and sell it within 10 years": the second verb is a time to come
    if verb.lower_ in _words("put_first"):
        if verb.lower_ == "have" and doc[start + 2].tag_ != "VBN":
            return f"Do you have {after}?"  # "Have you a …" is not how people speak
        return f"{verb.text.capitalize()} you {after}?"
    if verb.tag_ != "VBP" or verb.lower_ in _words("not_asked"):
        return None
    return f"Do you {verb.text} {after}?"


def example_after_question(text: str, doc: Doc) -> list[str] | None:
    """ "Do you need help to take part, for example an interpreter or a large print version?" -> "Do
    you need help to take part?" "For example, this could be an interpreter or a large print
    version.": the examples after a comma at the end of a question, said as a sentence of their own
    led by the words `example_leads` gives each lead (a question is otherwise never cut). The examples
    are things (a noun first) with no verb with a tense of their own."""
    if not text.rstrip().endswith("?") or len(doc) < 8:
        return None
    lowered = text.lower()
    leads: dict[str, str] = _data().get("example_leads", {})
    for lead in sorted(leads, key=len, reverse=True):
        at = lowered.rfind(f", {lead} ")
        if at < 0:
            continue
        question = text[:at].strip()
        examples = text[at + len(lead) + 3 :].strip().rstrip("?").strip()
        start = len(text[: at + len(lead) + 3])
        tail = [t for t in doc if t.idx >= start and not t.is_punct]
        if not tail or len(question.split()) < 4 or len(examples.split()) < 2:
            return None
        if tail[0].pos_ not in {"DET", "NOUN", "PROPN", "ADJ", "NUM", "PRON"}:
            # "…, for example on Sundays?": about a part of the question, not things; "…, for example
            # because …": a reason, whose sentence would be long enough to be cut again.
            return None
        if any(t.tag_ in {"VBZ", "VBP", "VBD", "MD"} for t in tail):
            return None  # "…, for example we can meet you at home?": a clause, not examples
        if "," in examples:
            return None  # "…, for example A, B or C, at home?": more than the examples
        return [question + "?", syntax.sentence(f"{leads[lead]} {examples}")]
    return None
