"""Postal addresses written one line a paragraph, or one line a line break, made one line with commas.

A draft (often a Word letter) writes an address the way it goes on an envelope:

    Send it to:
    FREEPOST RTKZ-HJLU
    Libraries Consultation
    Oakfield OK3 7TR

Each line is its own paragraph, so each was a sentence to keep or leave out on its own: the lines
without a postcode or FREEPOST scored nothing and went, and the reader got half an address. Here
the lines become one, "FREEPOST RTKZ-HJLU, Libraries Consultation, Oakfield OK3 7TR", joined to the
line that leads into it ("Send it to:"), so the whole address is one contact, kept with its lead.

An address is found by its shape, never by a sample's words: a run of short lines with no full
stop, ending with a UK postcode (or starting with FREEPOST and ending with one).
"""

from __future__ import annotations

import re

from .text import PLACEHOLDER, WORD

POSTCODE_END = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\.?$")
FREEPOST = re.compile(r"^freepost\b", re.I)
# A line of an address holds no date, time, phone, email or web address, and ends with no stop.
_NOT_ADDRESS = re.compile(
    r"[.!?:;]$|@|https?://|www\.|\b0\d{3,4}\s?\d{3}\s?\d{3,4}\b|\b\d{1,2}(:\d{2})?\s?(am|pm)\b"
    r"|\b(January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    re.I,
)
MAX_LINE_WORDS = 8  # "Adult Social Care, Oakfield District Council" is 6
MAX_LINES = 7


def address_line(text: str) -> bool:
    """Short, no full stop, no date, time, phone or email: it could be a line of an address."""
    text = text.strip().rstrip(",")
    return (
        bool(text)
        and len(WORD.findall(text)) <= MAX_LINE_WORDS
        and not _NOT_ADDRESS.search(text)
        and not PLACEHOLDER.search(text)  # an email or web address, protected (text.Spans)
    )


def address_runs(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each run of two or more lines that is one postal address: address lines
    ending with one that ends in a postcode."""
    runs: list[tuple[int, int]] = []
    taken = 0
    for end, line in enumerate(lines):
        if end < taken or not POSTCODE_END.search(line.strip()) or len(WORD.findall(line)) > MAX_LINE_WORDS:
            continue
        start = end
        while start > taken and end - start + 1 < MAX_LINES and address_line(lines[start - 1]):
            start -= 1
        if start < end:
            runs.append((start, end + 1))
            taken = end + 1
    return runs


def is_address(text: str) -> bool:
    """A whole paragraph that is one postal address: a FREEPOST address, or address lines ending
    with a postcode ("Blue Badge Team, Civic Offices, 1 Quayside, Eastmere EM1 2QQ")."""
    text = text.strip()
    if FREEPOST.match(text):
        return len(WORD.findall(text)) <= 3 * MAX_LINE_WORDS and "." not in text.rstrip(".")
    parts = text.split(",")
    return bool(POSTCODE_END.search(text)) and all(address_line(p) for p in parts[:-1]) and len(parts) > 1


def join(lines: list[str]) -> str:
    """The lines of one address as one line: "FREEPOST RTKZ-HJLU, Libraries Consultation, …"."""
    return ", ".join(line.strip().rstrip(",") for line in lines if line.strip())


def join_breaks(pieces: list[str]) -> str:
    """A paragraph written with line breaks ("Send it to:" / "Freepost …" / "Oakfield OK1 1AA"): the
    lines of an address in it are joined with commas, every other break is a space."""
    out = list(pieces)
    for start, end in reversed(address_runs(pieces)):
        out[start:end] = [join(pieces[start:end])]
    return " ".join(out)
