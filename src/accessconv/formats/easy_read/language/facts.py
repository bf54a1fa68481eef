"""Facts a reader relies on: every number, date, money amount, email, phone number, postcode,
FREEPOST address, web address and name in a chosen sentence, and every contact detail of the whole
draft, must reach the Easy Read text (the check `easyread.facts` reads the written page back and
looks for each one).

The facts are taken from a sentence after its words were made plain (acronyms written out, number
words as digits, percentages as "3 in 10"), so they are what splitting and writing must keep.
"""

from __future__ import annotations

import re

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# The ways to reach us: a FREEPOST address (its name or code), email, web address, UK phone, postcode,
# and the reference the reader quotes.
_CONTACT = (
    r"\b(?i:freepost)(?:\s+[A-Z0-9][A-Z0-9-]+)+\b"  # FREEPOST RTKZ-HJLU, Freepost OAKFIELD LIBRARIES
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # email
    r"|(?:https?://|www\.)[^\s)]+[^\s).,;:]"  # web address
    r"|\b0\d{3,4}\s?\d{3}\s?\d{3,4}\b"  # UK phone
    r"|\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b"  # UK postcode
    r"|\b[A-Z]{1,5}(?:[/-][A-Z0-9]{1,6})*[/-]\d{3,}\b"  # a reference to quote: ASC/44812
)
CONTACT = re.compile(_CONTACT)
FACT = re.compile(
    _CONTACT
    + rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})(?:\s+\d{{4}})?\b"  # date
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


def contacts(sentence: str) -> list[str]:
    """The contact details in one sentence (FREEPOST addresses, emails, web addresses, phone
    numbers, postcodes), as written, each once: the draft's contacts are always kept, so the
    check looks for every one of them, chosen or not."""
    return list(dict.fromkeys(mt.group().strip() for mt in CONTACT.finditer(sentence)))


def norm(text: str) -> str:
    """Compare facts ignoring case, spaces and typographic quotes."""
    text = text.replace("’", "'").replace("‘", "'").replace("\u00a0", " ")
    return " ".join(text.lower().split())
