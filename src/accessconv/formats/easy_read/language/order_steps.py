"""An order and the "-ing" steps after it, each said as an order of its own.

"Please contact us within one month, explaining why you do not agree and sending any proof you have."
-> "Please contact us within one month." "Explain why you do not agree." "Send any proof you have.";
"Call us on 01632 960123, quoting your reference number." -> "Call us on 01632 960123." "Quote your
reference number." Easy Read writers give the reader one thing to do a sentence.

Only after an order (the sentence's main verb in its plain form, no subject, nothing before it but
"Please"), for steps after a comma at the end of the sentence, joined by "and" or a comma ("or" is a
choice and stays whole), never for a word that only looks like a step ("including", "depending":
`not_participles` in grammar.toml) or examples ("such as …"). parse.py's guard checks the parts like
every other split's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import lemminflect

from . import syntax
from .wordlists import section_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_JOINS = {"and", ","}


def order_steps(text: str, doc: Doc) -> list[str] | None:
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.tag_ != "VB" or not syntax.main_clause(list(doc[: root.i + 1])):
        return None
    if any(c.dep_ in syntax.SUBJECTS or c.dep_ in {"aux", "auxpass"} for c in root.children):
        return None
    after = doc[root.i + 1 :]
    first = next((t for t in after if t.tag_ == "VBG" and t.head == root and doc[t.i - 1].text == ","), None)
    if first is None or not syntax.clause_at_end(first, doc):
        return None
    steps = [first, *(t for t in doc[first.i + 1 :] if t.tag_ == "VBG" and _joins_step(doc, t))]
    never = section_words("clauses", "not_participles")
    if any(t.lower_ in never for t in steps) or _examples_before(doc, first):
        return None
    end = len(doc) - 1 if doc[-1].is_punct else len(doc)
    bounds = [*(t.i for t in steps), end]
    order = syntax.cut(text, 0, doc[first.i - 1].idx)
    out = [syntax.sentence(order)]
    for step, stop in zip(steps, bounds[1:], strict=True):
        plain = _plain(step)
        last = stop - 1
        while last > step.i and (doc[last].lower_ in _JOINS or doc[last].is_punct):
            last -= 1  # the ", and" before the next step is no part of this one
        rest = text[step.idx + len(step.text) : doc[last].idx + len(doc[last].text)]
        if plain is None or last == step.i:
            return None
        out.append(syntax.sentence(f"{plain}{rest}"))
    if len(order.split()) < 3:
        return None
    return out


def _joins_step(doc: Doc, tok: Token) -> bool:
    """A later step: "and sending …" / ", sending …", not an "-ing" word inside a step ("a form
    asking for …" is a noun's, "or sending" a choice)."""
    before = doc[tok.i - 1]
    if before.lower_ == "and" and tok.i >= 2 and doc[tok.i - 2].text == ",":
        before = doc[tok.i - 2]
    return before.lower_ in _JOINS and tok.dep_ in {"conj", "advcl", "xcomp"} and not tok.n_lefts


def _examples_before(doc: Doc, first: Token) -> bool:
    """Examples before the steps ("Bring a document, such as a bill, showing your address"): the
    "-ing" phrase may be the example's."""
    before = f" {doc[: first.i].text.lower()} "
    return any(f" {lead} " in before for lead in section_words("guard", "example_leads"))


def _plain(step: Token) -> str | None:
    """The step's verb in its plain form, as an order ("explaining" -> "Explain")."""
    lemmas = lemminflect.getAllLemmas(step.lower_).get("VERB")
    return lemmas[0].capitalize() if lemmas else None
