"""Small facts about a parsed sentence that the splitting rules share (parse.py, clauses.py):
whether some words make a clause, where a clause ends, how a part becomes a sentence or a list item."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .text import capitalise, end_sentence
from .wordlists import function_words, grammar

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SUBJECTS = {"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"}
FINITE = {"VBD", "VBP", "VBZ", "MD"}


def has_clause(tokens: list[Token]) -> bool:
    """A subject and a finite verb among these tokens."""
    return any(t.dep_ in SUBJECTS for t in tokens) and any(
        t.tag_ in FINITE or (t.tag_ == "VB" and any(c.tag_ == "MD" for c in t.children)) for t in tokens
    )


def main_clause(tokens: list[Token]) -> bool:
    """A clause with its subject, or an order ("Please send the form back…")."""
    if has_clause(tokens):
        return True
    verbs = [t for t in tokens if t.dep_ == "ROOT" and t.tag_ == "VB"]
    return bool(verbs) and all(t.dep_ in {"intj", "advmod"} for t in tokens[: verbs[0].i - tokens[0].i])


def cut(text: str, start: int, end: int) -> str:
    return text[start:end].strip(" ,;:—–-")


def sentence(part: str) -> str:
    part = part.strip()
    if not part:
        return part
    return end_sentence(capitalise(part))


def lower(text: str) -> str:
    first, _, rest = text.partition(" ")
    # "A door …" -> "a door …" too: a one-letter word other than "I" has no other letters to look at.
    plain = first[1:].islower() or (len(first) == 1 and first.isalpha())
    # "Thornbury Independent Living Service …": a word before another capital starts a name, unless
    # it is a small word ("The Council …" -> "the Council …").
    named = rest[:1].isupper() and first.lower() not in function_words()
    return text[:1].lower() + text[1:] if plain and first not in {"I"} and not named else text


def clause_at_end(tok: Token, doc: Doc) -> bool:
    """The clause headed by `tok` runs to the end of the sentence (a full stop may follow)."""
    return tok.right_edge.i >= len(doc) - 2 and all(t.is_punct for t in doc[tok.right_edge.i + 1 :])


def item(words: str) -> str:
    """A list item as a line: a capital first letter, except for a web or email address."""
    words = words.strip().rstrip(".")
    if not (words.lower().startswith(("www.", "http")) or "@" in words.split(" ", 1)[0]):
        words = words[:1].upper() + words[1:]
    return words + "."


def joined_after(doc: Doc, tok: Token) -> str | None:
    """ "," / "and" / "or" / ", and" / ", or" just before `tok`: the word that joins it ("," when
    only a comma), else None."""
    before = doc[tok.i - 1] if tok.i else None
    if before is None:
        return None
    if before.lower_ in {"and", "or"}:
        return before.lower_
    return "," if before.text == "," else None


def or_last(lead: str, last: str) -> str:
    """The last item of an "or" list: "Or …", unless the lead already says the items are choices
    ("You can:", "… by:", a name before its ways to get in touch): there Easy Read writers give the
    choices one a line with no joining word (`or_choice_words` in grammar.toml)."""
    choices = {w.lower() for w in grammar().get("clauses", {}).get("or_choice_words", [])}
    if choices & set(lead.lower().rstrip(":").split()):
        return item(last)
    return "Or " + lower(last.strip()).rstrip(".") + "."


def disagree(subject: Token, verb: Token) -> bool:
    """A plural subject with a verb in -s, or a singular one with a plural present verb: the
    parser took a noun for a verb ("Other sensors falls detectors …")."""
    plural = subject.tag_ in {"NNS", "NNPS"} or subject.lower_ in {"we", "they", "you"}
    single = subject.tag_ in {"NN", "NNP"} or subject.lower_ in {"he", "she", "it"}
    return (plural and verb.tag_ == "VBZ") or (single and verb.tag_ == "VBP")


def inside_clause(tok: Token) -> bool:
    """The word is inside a clause that describes a noun ("the letter that your social worker gave
    you after your assessment"): a ", which" after it may be about that noun, further left."""
    return any(a.dep_ == "relcl" for a in tok.ancestors)


def plural_noun_subject(doc: Doc) -> Token | None:
    """The main verb's subject when it is a plain plural noun before it ("Tenants who …")."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in {"VERB", "AUX"}:
        return None
    subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < root.i), None)
    if subject is None or subject.tag_ != "NNS" or subject.pos_ != "NOUN":
        return None
    return subject


_COMPLEMENTS = {"attr", "acomp", "dobj", "xcomp", "ccomp", "oprd", "dative", "agent"}


def as_compares(words: list[Token]) -> bool:
    """The words after a joining "as" compare or say how ("as they are now", "as it was in 2026",
    "as well as the support"), so "This is because …" would read a reason the draft never gave: the
    first word is one of `as_compares_next`, or the clause's verb is only "be" / "do" / "have" / a
    helping verb with no object or complement, a phrase of its own only if it holds a figure (a year,
    a date). "as these decisions have their own process" and "as most of them are about one event"
    give a reason."""
    shapes = grammar().get("shapes", {})
    if not words:
        return False
    if words[0].lower_ in set(shapes.get("as_compares_next", [])):
        return True
    inside = {t.i for t in words}
    verb = next((t for t in words if t.pos_ in {"VERB", "AUX"} and t.head.i not in inside), None)
    verb = verb or next((t for t in words if t.pos_ in {"VERB", "AUX"} and t.head == t), None)
    if verb is None or verb.lemma_.lower() not in set(shapes.get("as_compares_verbs", [])):
        return False
    for child in verb.children:
        if child.dep_ in _COMPLEMENTS:
            return False
        if child.dep_ == "prep" and not any(c.isdigit() for t in child.subtree for c in t.text):
            return False  # "are about one event": the phrase says what, so the verb is no bare "be"
    return True
