"""A step said before the main clause, said as a step of its own, in the order things happen.

"After reading your form, we will write to you." -> "We will read your form." "Then we will write to
you."; "Before deciding, we will talk to you." -> "We will talk to you." "Then we will decide."; "After
thinking about everything you told us, we have decided that …" -> "We have thought about everything
you told us." "We have decided that …". Easy Read writers give one step a sentence, first things first.

Only when the main clause starts with its subject straight after the comma, is active (the subject does
both: "After checking, the form will be sent" is left alone) and the step's verb can take the main
verb's tense: after "will"/"can" its plain form, after "have" its past participle, or the main verb's own
past or present. parse.py's guard checks the parts like every other split's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import lemminflect

from . import syntax

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_LEADS = {"after", "before"}
_SUBJECTS = {"nsubj"}


def fronted_step(text: str, doc: Doc) -> list[str] | None:
    if len(doc) < 8 or doc[0].lower_ not in _LEADS or doc[1].tag_ != "VBG":
        return None
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in {"VERB", "AUX"}:
        return None
    subject = next((c for c in root.children if c.dep_ in _SUBJECTS and c.i < root.i), None)
    if subject is None or subject.left_edge.i < 3 or doc[subject.left_edge.i - 1].text != ",":
        return None
    if any(c.dep_ in {"auxpass", "nsubjpass"} for c in root.children):
        return None
    step_words = doc[2 : subject.left_edge.i - 1]
    if any(t.dep_ == "neg" or t.tag_ in syntax.FINITE for t in step_words if t.head.i == 1):
        return None  # "After not hearing from you": a step that did not happen
    helpers = [c for c in root.children if c.dep_ == "aux" and subject.i < c.i < root.i]
    verb = _step_verb(doc[1], root, helpers)
    if verb is None:
        return None
    who = syntax.cut(text, subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge.text))
    rest = syntax.cut(text, doc[2].idx, doc[subject.left_edge.i - 1].idx) if len(step_words) else ""
    said = " ".join(w for w in (who, *(h.text for h in helpers), verb, rest) if w)
    step = syntax.sentence(said[:1].upper() + said[1:])
    main = syntax.cut(text, subject.left_edge.idx, len(text))
    main = syntax.sentence(main[:1].upper() + main[1:])
    perfect = any(h.lower_ in {"have", "has", "had"} for h in helpers)
    if doc[0].lower_ == "after":
        return [step, main if perfect else f"Then {syntax.lower(main)}"]
    return [main, step if perfect else f"Then {syntax.lower(step)}"]


def _step_verb(step: Token, root: Token, helpers: list[Token]) -> str | None:
    """The step's verb in the main clause's tense, or None when it cannot be given one."""
    base = lemminflect.getLemma(step.lower_, upos="VERB")
    if not base:
        return None
    if helpers:
        last = helpers[-1]
        if last.tag_ == "MD" or last.lower_ in {"do", "does", "did"}:
            tag = "VB"
        elif last.lower_ in {"have", "has", "had"}:
            tag = "VBN"
        else:
            return None  # "we are deciding": a tense a step cannot take
    elif root.tag_ in {"VBD", "VBZ", "VBP"}:
        tag = root.tag_
    else:
        return None
    forms = lemminflect.getInflection(base[0], tag)
    return forms[0] if forms else None
