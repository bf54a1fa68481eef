"""The last resort for a sentence still too long after parse.py's rules and cues.py's cuts.

Each step makes one cut an Easy Read writer makes, and parse.py keeps it only when every part passes
the same guard as every other split (`parse.fits`: each part, parsed alone, stands as a sentence that
reads as the draft meant, and every content word, number and name is kept):

- a "who" / "which" / "that" clause on a noun after the verb, with no comma ("… by a senior officer
  who had no part in the first decision.") -> "… by a senior officer." "This officer had no part in
  the first decision." Only after "a" / "an" / "the" / "your" (a noun with "any", "all" or none
  would say it of everyone), and never after "not" or a condition, whose meaning the cut would turn;
- a condition or time first with no comma before the main clause ("If you miss a payment we will
  write to you …"): the comma is put in where the main clause starts, found by parsing, and the
  sentence is split again by the rules that need it.
The words these steps add or look for are data: `[cascade]` in grammar.toml.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import clauses, syntax
from .wordlists import grammar

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

Parse = Callable[[str], "Doc | None"]
Split = Callable[[str], "list[str] | None"]

# Where the noun of a restrictive clause may sit: after the verb, never its subject (parse.py's
# `_who_subject` says "Some tenants … These tenants …" for that).
_OBJECT_ROLES = {"dobj", "pobj", "attr", "oprd", "dative"}
_TAILS = {"npadvmod", "prep", "advmod", "advcl", "agent"}
_BEFORE_NOUN = {"det", "amod", "compound", "poss", "nummod"}


def _data() -> dict[str, Any]:
    data: dict[str, Any] = grammar().get("cascade", {})
    return data


def _words(name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _data().get(name, []))


def object_relative(text: str, doc: Doc) -> list[str] | None:
    """ "… a senior officer who had no part in the first decision." -> "… a senior officer."
    "This officer had no part in the first decision." (the noun named again with "This" / "These")."""
    for verb in doc:
        if verb.dep_ != "relcl" or not syntax.clause_at_end(verb, doc):
            continue
        head, wh = verb.head, verb.left_edge
        if wh.lower_ not in _words("relative_words") or wh.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        if wh.i != head.i + 1 or head.pos_ != "NOUN" or head.dep_ not in _OBJECT_ROLES:
            continue
        if not _plain_determiner(head) or _turns_meaning(doc, wh.i):
            continue
        first = syntax.cut(text, 0, wh.idx)
        said = text[doc[wh.i + 1].idx :].strip()
        pointer = _data().get("these" if head.tag_ in {"NNS", "NNPS"} else "this", "This")
        second = f"{pointer} {_noun(text, head)} {said}"
        if len(first.split()) < 4 or len(said.split()) < 3:
            continue
        return [syntax.sentence(first), syntax.sentence(second)]
    return None


def _plain_determiner(head: Token) -> bool:
    """The noun is one thing named ("a senior officer", "the form", "your carer"): not "any officer",
    "all officers" or a bare plural, where the clause says which ones and cannot stand apart."""
    dets = [c for c in head.children if c.dep_ in {"det", "poss"}]
    return bool(dets) and all(d.lower_ in _words("plain_determiners") for d in dets)


def _turns_meaning(doc: Doc, end: int) -> bool:
    """Before the clause there is "not" / "no" or a condition ("if", "unless"): "We will not give it
    to a person who …" must never become "… This person …"."""
    stops = _words("meaning_words")
    return any(t.dep_ == "neg" or t.lower_ in stops for t in doc[:end])


def _noun(text: str, head: Token) -> str:
    """The noun and the nouns before it that name it ("support worker"), without its describing words."""
    words = [c for c in head.children if c.dep_ == "compound" and c.i < head.i]
    first = words[0] if words else head
    return text[first.idx : head.idx + len(head.text)]


def opening_comma(text: str, doc: Doc, parse: Parse, split: Split) -> list[str] | None:
    """ "If you miss a payment we will write to you …": a condition or time first whose comma the
    draft left out (the parser then reads the whole as one clause). The comma goes before the first
    word that can start the main clause and makes the parse a condition and a main clause; the
    sentence so mended is split by the rules again."""
    mended = mend_opening(text, doc, parse)
    return split(mended) if mended is not None else None


def mend_opening(text: str, doc: Doc, parse: Parse) -> str | None:
    """The sentence with the comma put back after its opening condition or time, when that makes
    the parse a condition and a main clause; None when there is no such place."""
    if not len(doc) or doc[0].lower_ not in _words("openers") or "," in text:
        return None
    starters = _words("clause_starters")
    for tok in doc[3:-3]:
        before = doc[tok.i - 1]
        if tok.lower_ not in starters or before.pos_ in {"ADP", "DET", "CCONJ", "SCONJ", "PART"}:
            continue
        if before.lower_ in {"that", "if", "when", "whether"}:
            continue
        mended = text[: before.idx + len(before.text)] + "," + text[before.idx + len(before.text) :]
        again = parse(mended)
        if again is not None and _condition_first(again, tok.i + 1):
            return mended
    return None


def _condition_first(doc: Doc, start: int) -> bool:
    """The first word opens a clause that hangs on the main verb, which comes after the comma."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.i < start or doc[0].dep_ not in {"mark", "advmod"}:
        return False
    clause = doc[0].head
    return clause.dep_ == "advcl" and clause.head == root and clause.right_edge.i < start


def ways(text: str, doc: Doc) -> list[str] | None:
    """ "You can report a repair online at …, by phone on … or by visiting …" -> "You can report a
    repair by:" and one way a line: two or more phrases that start with the same small word ("by",
    "for": `way_words`) after a comma, "or" or "and" (the parse often hangs the last one on a
    number, so they are found by their words): "We will not pay for work that …, or for repairs
    that …" -> "We will not pay for:" and one a line."""
    joints = {",", "or", "and"}
    for word in sorted(_words("way_words")):
        marks = [t for t in doc[2:] if t.lower_ == word and doc[t.i - 1].lower_ in joints]
        earlier = [t for t in doc[2 : marks[0].i] if t.lower_ == word] if marks else []
        if earlier:
            marks.insert(0, earlier[-1])  # "contact the team by phone on …, by email at … or by …"
        if len(marks) < 2:
            continue
        if doc[marks[0].i - 1].text == ",":
            found = clauses.phrase_list(text, doc, marks)  # the first way has no word of its own
        else:
            found = _marked_list(text, doc, marks)
        if found is not None:
            return found
    return None


def _marked_list(text: str, doc: Doc, marks: list[Token]) -> list[str] | None:
    """The lead up to and with the first mark ("We will not pay for:") and the phrases after each
    mark, one a line; None when the joints are not ", … and/or" or a tail after the last phrase
    belongs to the main verb ("… or for new doors this year")."""
    joints = [syntax.joined_after(doc, m) for m in marks[1:]]
    if joints[-1] not in {"and", "or"} or any(j != "," for j in joints[:-1]):
        return None
    if len({m.tag_ for m in marks}) > 1 or len({_kind(doc[m.i + 1]) for m in marks}) > 1:
        return None  # "from 6 beds to 4 beds, and to use the money …": not one kind of phrase
    end = len(doc) - 1 if doc[-1].is_punct else len(doc)
    if any(t.dep_ in _TAILS and t.head.i < marks[0].i for t in doc[marks[-1].i + 1 : end]):
        return None
    items = []
    for n, mark in enumerate(marks):
        stop = marks[n + 1].i if n + 1 < len(marks) else end
        while stop > mark.i + 1 and (doc[stop - 1].text == "," or doc[stop - 1].lower_ in {"and", "or"}):
            stop -= 1
        if stop <= mark.i + 1 or (n + 1 < len(marks) and any(t.text == "," for t in doc[mark.i : stop])):
            return None  # "at X, by phone on …, or at …": a way in the middle has another word
        items.append(syntax.item(text[doc[mark.i + 1].idx : doc[stop - 1].idx + len(doc[stop - 1].text)]))
    lead = text[: _mark_end(marks[0])].strip() + ":"
    out = [lead, *items]
    if joints[-1] == "or":
        out[-1] = syntax.or_last(lead, out[-1])
    return out


def _mark_end(tok: Token) -> int:
    return tok.idx + len(tok.text)


@dataclass(frozen=True)
class Series:
    """A list at the end of a sentence: the lead ends at `lead_end` (a character offset), each item
    is a character span of the sentence, and `joint` is the last "and" / "or"."""

    lead_end: int
    items: tuple[tuple[int, int], ...]
    joint: str


def end_series(text: str, doc: Doc) -> Series | None:
    """The one list cutter (cues.py's list cut and `end_list` both use it): "The changes would not
    apply to people over 80, people in supported housing, care leavers, and people who …" or "These
    include grab rails, bath seats, and falls mats that …". The items run to the end, split by
    commas and a last "and" / "or"; the first starts where the noun phrase before the first comma
    starts (found by walking up from the comma to the word that governs the phrase, not at the
    nearest noun: "people over 80", not "80"). No item may be longer than `max_item_words`."""
    end = len(doc) - 1 if doc[-1].is_punct else len(doc)
    found = _separators(doc, end)
    if found is None:
        return None
    seps, joint, oxford = found
    # The first word of each item after the first (past "and" / "or" after a comma).
    firsts = [s + 2 if oxford and n == len(seps) - 1 else s + 1 for n, s in enumerate(seps)]
    start = _series_start(doc, seps[0], {doc[f].lower_ for f in firsts})
    if start is None or start.i < 2 or any(t.text in {",", ";", ":"} for t in doc[start.i : seps[0]]):
        return None
    bounds = [start.i, *firsts]
    if any(t.head.i < start.i and t.dep_ in _TAILS for t in doc[bounds[-1] + 1 : end]):
        return None  # "… or new windows for your home this year": the time is the whole sentence's
    if any(
        doc[b].lower_ in _words("not_item_starts") or doc[b].lower_ in _words("not_item_determiners")
        for b in bounds[1:]
    ):
        return None  # "a session, either by phone or face to face and …": a way of the item before
    stops = [*seps, end]
    if any(_clause_item(doc[b:s]) for b, s in zip(bounds, stops, strict=True)):
        return None  # "visit you at home, talk to you by phone, or you can …": clauses, not things
    items = tuple(
        (doc[b].idx, doc[s].idx if s < len(doc) else len(text)) for b, s in zip(bounds, stops, strict=True)
    )
    limit = int(_data().get("max_item_words", 14))
    if any(not syntax.cut(text, a, b) or len(syntax.cut(text, a, b).split()) > limit for a, b in items):
        return None
    return Series(start.idx, items, joint)


def _series_start(doc: Doc, comma: int, firsts: set[str]) -> Token | None:
    """Where the first item starts: at an earlier noun that later items start with ("people over 80,
    people in …", with its "the"), else at the left edge of the object the first item is built on."""
    same = [t for t in doc[:comma] if t.lower_ in firsts and t.pos_ in {"NOUN", "PROPN"}]
    if same:
        start = same[-1]
        while start.i > 0 and doc[start.i - 1].head == start and doc[start.i - 1].dep_ in _BEFORE_NOUN:
            start = doc[start.i - 1]  # "the people over 80"
        return start
    head = _phrase_head(doc[comma - 1], comma)
    if head.dep_ not in {"pobj", "dobj", "attr"} or head.pos_ not in {"NOUN", "PROPN", "PRON"}:
        return None
    clause = next((t for t in head.ancestors if t.dep_ in {"relcl", "acl"}), None)
    if clause is not None:
        # "including the people who use the service, their families, and …": the first item is the
        # noun the clause describes, with its clause, never the clause's own object.
        head = clause.head
        if head.dep_ not in {"pobj", "dobj", "attr"} or head.pos_ not in {"NOUN", "PROPN", "PRON"}:
            return None
    return head.left_edge


def end_list(text: str, doc: Doc) -> list[str] | None:
    """`end_series` as lines: the lead ending in ":" and one item a line ("Or …" last for an "or"
    list whose lead does not already say the items are choices)."""
    found = end_series(text, doc)
    if found is None:
        return None
    lead = syntax.cut(text, 0, found.lead_end) + ":"
    out = [lead[:1].upper() + lead[1:], *(syntax.item(syntax.cut(text, a, b)) for a, b in found.items)]
    if found.joint == "or":
        out[-1] = syntax.or_last(out[0], out[-1])
    return out


def _separators(doc: Doc, end: int) -> tuple[list[int], str, bool] | None:
    """Where a list at the end is cut: its commas and, when no comma comes before the last "and" /
    "or" ("A, B and C", the usual British way), that word too; the word; whether a comma comes
    before it. The last "and" / "or" is the one that joins the item after the last comma (its head
    is that item's head), not one inside an item ("letters about pensions or benefits")."""
    commas = [t.i for t in doc[:end] if t.text == ","]
    if not commas:
        return None
    after = doc[commas[-1] + 1]
    if after.lower_ in {"and", "or"}:
        return (commas, after.lower_, True) if len(commas) >= 2 else None
    span = range(commas[-1] + 1, end)
    item_head = next((t for t in doc[commas[-1] + 1 : end] if t.head.i not in span), None)
    joints = [
        t
        for t in doc[commas[-1] + 2 : end]
        if t.lower_ in {"and", "or"} and t.dep_ == "cc" and t.head == item_head
    ]
    if item_head is None or not joints:
        return None
    return [*commas, joints[-1].i], joints[-1].lower_, False


def _phrase_head(tok: Token, comma: int) -> Token:
    """The noun that heads the phrase ending at `tok`: up through nouns, and through a small word
    that hangs on a noun ("people over 80"), to the word a verb or a small word of the clause governs."""
    while True:
        up = tok.head
        if up == tok or up.i >= comma or up.pos_ in {"VERB", "AUX"}:
            return tok
        if up.pos_ == "ADP":
            owner = up.head
            if up.dep_ != "prep" or owner.pos_ not in {"NOUN", "PROPN", "PRON"} or owner.i >= comma:
                return tok
            up = owner
        tok = up


def _clause_item(tokens: Span) -> bool:
    """An item that is a verb phrase, a clause or a phrase of its own, not a thing named: its first
    word is a verb, a pronoun or a small word such as "at", or a verb in it hangs on a word outside
    it ("talk" joined to "visit"), or a helping verb follows its first word ("and staff will …").
    A first word in -s the parser read as a verb right before a noun names a thing ("falls mats")."""
    first = next((t for t in tokens if not t.is_punct and t.lower_ not in {"and", "or"}), None)
    if first is None:
        return True
    noun_first = _noun_read_as_verb(first, tokens)
    if (first.pos_ in {"VERB", "AUX", "ADP", "SCONJ"} and not noun_first) or first.tag_ == "PRP":
        return True  # "… or at any Post Office": a way, not a thing (the ways have their own step)
    after = first.doc[first.i + 1] if first.i + 1 < len(first.doc) else None
    if after is not None and (after.tag_ == "MD" or after.pos_ == "AUX"):
        return True
    inside = range(tokens.start, tokens.end)
    return any(
        t.pos_ in {"VERB", "AUX"} and t.head.i not in inside and t.dep_ != "amod" and t != noun_first
        for t in tokens
    )


def _noun_read_as_verb(first: Token, tokens: Span) -> Token | None:
    """ "walking clubs", "falls mats": a word the parser took for a verb that names a kind of a noun
    in the item (its modifier), or a word in -s right before a noun, is the first word of a thing's
    name."""
    nxt = first.i + 1
    if first.dep_ in {"compound", "amod"} and tokens.start <= first.head.i < tokens.end:
        return first
    if first.tag_ != "VBZ" or nxt >= tokens.end or first.doc[nxt].pos_ != "NOUN":
        return None
    return first


def contrast(text: str, doc: Doc) -> list[str] | None:
    """ "… has risen from 5,200 to 8,300, while the number of homes has fallen to around 700." -> two
    sentences: ", while" before a clause with a number and a subject of its own (a noun: "while you
    wait" says when, and is never cut), the new sentence starting with the word given in
    `contrast_leads` ("" for none)."""
    leads: dict[str, str] = _data().get("contrast_leads", {})
    for tok in doc[3:-3]:
        if tok.lower_ not in leads or doc[tok.i - 1].text != ",":
            continue
        rest = doc[tok.i + 1 :]
        if rest[0].tag_ in {"PRP", "VBG"} or not any(t.like_num for t in rest):
            continue
        first = syntax.cut(text, 0, doc[tok.i - 1].idx)
        said = text[rest[0].idx :].strip()
        lead = leads[tok.lower_]
        second = f"{lead} {syntax.lower(said)}" if lead else said
        return [syntax.sentence(first), syntax.sentence(second)]
    return None


def _kind(tok: Token) -> str:
    """What a phrase after a small word is: an action ("to use"), or a thing or an amount."""
    return "action" if tok.pos_ in {"VERB", "AUX"} else "thing"
