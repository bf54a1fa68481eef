"""Facts a reader relies on: every number, date, money amount, email, phone number, postcode, web
address and name in a chosen sentence must reach the Easy Read text (the check `easyread.facts`
reads the written page back and looks for each one).

The facts are taken from a sentence after its words were made plain (acronyms written out, number
words as digits, percentages as "3 in 10"), so they are what splitting and writing must keep.
"""

from __future__ import annotations

import re

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
FACT = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # email
    r"|(?:https?://|www\.)[^\s)]+[^\s).,;:]"  # web address
    r"|\b0\d{3,4}\s?\d{3}\s?\d{3,4}\b"  # UK phone
    r"|\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b"  # UK postcode
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})(?:\s+\d{{4}})?\b"  # date
    r"|£\s?\d(?:[\d,]*\d)?(?:\.\d+)?(?:\s?(?:million|billion|m|k|bn)\b)?"  # money
    r"|\b\d(?:[\d,]*\d)?(?:\.\d+)?\b"  # any number
    r"|\b(?:[A-Z][a-z]+|[A-Z]{2,})(?:\s+(?:of\s+|and\s+|for\s+)?(?:[A-Z][a-z]+|[A-Z]{2,}|\d+))+\b"  # a name
)
_NOT_NAME_START = {
    "The",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Our",
    "We",
    "You",
    "Your",
    "If",
    "It",
    "In",
    "On",
}


def facts(sentence: str) -> list[str]:
    """The facts in one sentence, as written, in order, each once."""
    out: list[str] = []
    for mt in FACT.finditer(sentence):
        fact = mt.group().strip()
        first, _, rest = fact.partition(" ")
        if first in _NOT_NAME_START and rest and rest[:1].isupper():
            fact = rest
        elif first in _NOT_NAME_START:
            continue
        if fact and fact not in out:
            out.append(fact)
    return out


def norm(text: str) -> str:
    """Compare facts ignoring case, spaces and typographic quotes."""
    text = text.replace("’", "'").replace("‘", "'").replace("\u00a0", " ")
    return " ".join(text.lower().split())
