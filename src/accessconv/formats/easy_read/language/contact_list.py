"""A sentence that gives two or more ways to get in touch, cut the way an Easy Read writer lays it out:
a lead line that says who to contact (and why), then one way a line; and a sentence with three or
more ways to do one thing ("You can pay online, by phone on …, or at any Post Office.") -> "You can
pay:" and one way a line (`ways_to_do`).

"To report a concern, contact the Safeguarding Hub on 01632 960 410 (Monday to Friday, 9am to 5pm)
or email hub@example.org." -> "To report a concern, contact the Safeguarding Hub:" "Phone 01632 960
410 (Monday to Friday, 9am to 5pm)." "Email hub@example.org."

The ways are found by what they hold (a phone number, an email or web address, "write to" an
address), never by a sample's words; the words that start each line are data (`[contact_list]` in
grammar.toml). Only the joining words ("on", "by", "or", "at") are dropped, so every number, address
and name stays; parse.py's guard checks the parts like every other split's.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

from . import syntax
from .text import PLACEHOLDER, lemma
from .wordlists import grammar

if TYPE_CHECKING:
    from spacy.tokens import Doc

_PHONE = r"(?:\+44\s?|0)\d{2,4}\s?\d{3,4}\s?\d{3,4}\b"
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}$")
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_WEB = r"(?:https?://|www\.)\S+"
# In the pipeline an email or web address is one protected character (text.Spans): an address too.
_ADDRESS = rf"(?:{_EMAIL}|{_WEB}|{PLACEHOLDER.pattern})"


def _data() -> dict[str, Any]:
    data: dict[str, Any] = grammar().get("contact_list", {})
    return data


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The contact verb, where a new way starts after a joint, and the way marker inside the
    first way ("… the Hub on 01632 …", "… the Team by phone on …")."""
    verbs = "|".join(re.escape(v) for v in _data().get("verbs", []))
    starts = "|".join(re.escape(w) for w in sorted(_data().get("way_starts", []), key=len, reverse=True))
    verb = re.compile(r"(?:^|(?<=,\s)|(?<=^please\s))(?:please\s+)?(?P<verb>" + verbs + r")\b\s*", re.I)
    joint = re.compile(r"(?:,\s+(?:or\s+|and\s+)?|\s+(?:or|and)\s+)(?=(?:" + starts + r")\b)", re.I)
    marker = re.compile(
        r"\s+(?:(?:by\s+(?:phone|telephone)\s+)?on\s+(?="
        + _PHONE
        + r")|(?:by\s+email\s+)?at\s+(?="
        + _ADDRESS
        + r")|by\s+(?="
        + starts
        + r"))",
        re.I,
    )
    return verb, joint, marker


def contact_list(text: str, _doc: Doc | None = None) -> list[str] | None:
    """The lead ending in ":" and one way to get in touch a line; None when the sentence gives fewer
    than two ways, or a way is not one we know how to say as a line."""
    body = text.strip().rstrip(".")
    if len(re.findall(_PHONE + "|" + _ADDRESS, body)) < 2 and not _writes(body):
        return None
    verb_re, joint_re, marker_re = _patterns()
    found = verb_re.search(body)
    if found is None:
        return None
    before = body[: found.start()].rstrip()
    if before and not (before.endswith(",") and before.split(" ", 1)[0].lower() in _words("openers")):
        return None  # "We will contact you on …": a contact verb inside a clause, not an order
    rest = body[found.end() :]
    pieces = _pieces(rest, joint_re)
    if pieces is None or len(pieces) < 2:
        return None
    first = pieces[0]
    verb = found.group("verb").lower()
    if verb in _words("reach_verbs"):
        # "contact the Hub on 01632 …": who, then the first way.
        mark = marker_re.search(first)
        if mark is None and _POSTCODE.search(first) and "," in first:
            # "contact the Scheme, Civic Centre, Chapel Street, Westbrook WB1 2QT, phone …": who, and
            # their address is the first way ("Write to the Scheme, Civic Centre, …").
            target = first.split(",", 1)[0].strip()
            address = f"write to {first}"
        elif mark is None:
            return None
        else:
            target, address = first[: mark.start()].strip(), first[mark.start() :].strip()
        if not target or len(target.split()) > int(_data().get("max_target_words", 8)):
            return None
        lead = body[: found.end()] + target
        pieces[0] = address
    else:
        # "phone 01632 …, or email …": the verb is the first way; the lead is the opening alone.
        if not before:
            return None
        lead = before.rstrip(",")
        pieces[0] = body[found.start() : found.end()] + first
    lines = [_line(p) for p in pieces]
    if any(line is None for line in lines):
        return None
    return [syntax.sentence(lead).rstrip(".") + ":", *(x for x in lines if x is not None)]


def _writes(body: str) -> bool:
    return re.search(r"\bwrit(?:e|ing) to\b", body, re.I) is not None


def _pieces(rest: str, joint_re: re.Pattern[str]) -> list[str] | None:
    """The ways, cut at a comma, "or" or "and" before a word that starts a way, never inside
    brackets ("(Monday to Friday, 9am to 5pm)")."""
    cuts = [
        m for m in joint_re.finditer(rest) if rest[: m.start()].count("(") == rest[: m.start()].count(")")
    ]
    if not cuts:
        return None
    out: list[str] = []
    start = 0
    for cut in cuts:
        out.append(rest[start : cut.start()].strip())
        start = cut.end()
    out.append(rest[start:].strip())
    return out if all(out) else None


def _in_brackets(text: str, at: int) -> bool:
    return text[:at].count("(") > text[:at].count(")")


def _line(piece: str) -> str | None:
    """One way as a line: "on 01632 …" / "by phone on 01632 …" -> "Phone 01632 …"; "at a@b.org" /
    "by email at a@b.org" -> "Email a@b.org"; "by writing to …" -> "Write to …"; a way that starts
    with its own verb ("email …", "fill in the form at …") stays as it is."""
    openers: dict[str, str] = _data().get("line_openers", {})
    low = piece.lower()
    for said in sorted(openers, key=len, reverse=True):
        if low.startswith(said + " "):
            rest = piece[len(said) :].strip()
            if said.endswith((" on", " at")) or said in {"on", "at"}:
                wanted = _PHONE if said.endswith("on") else _EMAIL if said == "at" else _ADDRESS
                if not re.match(wanted, rest):
                    return None  # "on Monday", "at the Town Hall": not the way we name
            return syntax.item(f"{openers[said]} {rest}")
    first = low.split(" ", 1)[0]
    reached = re.search(_PHONE + "|" + _ADDRESS, piece) is not None
    if (first in _words("own_verbs") and reached) or _writes(piece):
        return syntax.item(piece)
    return None


def _words(name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _data().get(name, []))


def ways_to_do(text: str, doc: Doc) -> list[str] | None:
    """ "You can pay online at …, by phone on …, or at any Post Office using your card." -> "You can
    pay:" "Online at …." "By phone on …." "At any Post Office using your card.": a short clause whose
    verb (one of `means_verbs`: "pay", "apply", …) has at most an object, then three or more ways, each
    starting with a word of `means_starts` (grammar.toml), cut at commas and a last "or" / "and"
    (never inside brackets)."""
    starts = _words("means_starts")
    verb = next((t for t in doc if t.dep_ == "ROOT"), None)
    if verb is None or verb.pos_ != "VERB" or lemma(verb.lower_, "VERB") not in _words("means_verbs"):
        return None
    thing = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    after = (thing.right_edge.i if thing is not None else verb.i) + 1
    if after >= len(doc) or doc[after].lower_ not in starts or after > int(_data().get("max_lead_words", 8)):
        return None
    if not syntax.main_clause(list(doc[:after])) or any(t.is_punct for t in doc[:after]):
        return None
    lead = text[: doc[after - 1].idx + len(doc[after - 1].text)].strip()
    rest = text[doc[after].idx :].strip().rstrip(".")
    names = "|".join(re.escape(w) for w in sorted(starts, key=len, reverse=True))
    joint = re.compile(r"(?:,\s+(?:or\s+|and\s+)?|\s+(?:or|and)\s+)(?=(?:" + names + r")\b)", re.I)
    pieces = _pieces(rest, joint)
    firsts = [p.split(" ", 1)[0].lower() for p in pieces] if pieces else []
    if pieces is None or len(pieces) < 3 or any(f not in starts for f in firsts):
        return None
    if len(set(firsts)) == 1:
        return None  # "by …, by … or by …": cascade.ways says "… by:" and each way without it
    clause = _clause_after(doc, pieces[-1], doc[after].idx + rest.rfind(pieces[-1]))
    if clause is not None:
        # "… or in person at any of our centres, and staff there can help you": a sentence of its
        # own after the list, not part of the last way.
        pieces[-1] = pieces[-1][: clause[0]].rstrip(" ,")
    items = [syntax.item(p) for p in pieces]
    items[-1] = syntax.or_last(lead, items[-1])
    return [f"{lead}:", *items, *([syntax.sentence(clause[1])] if clause is not None else [])]


def _clause_after(doc: Doc, last: str, at: int) -> tuple[int, str] | None:
    """Where in the last way (which starts at character `at` of the sentence) a clause with its own
    subject starts after ", and" / ", but" / ", so", and that clause; None when there is none."""
    found = re.search(r",\s+(and|but|so)\s+", last)
    if found is None or not syntax.has_clause([t for t in doc if t.idx >= at + found.end()]):
        return None
    joint = "" if found.group(1).lower() == "and" else f"{found.group(1)} "  # "But staff …" keeps the link
    return found.start(), joint + last[found.end() :]
