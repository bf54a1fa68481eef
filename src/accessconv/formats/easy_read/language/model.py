"""The Easy Read document: sections of short points, hard words, and a review list.

Produced by the language half (`language.language.transform`), completed by the pictures half
(`symbols`), consumed by the Easy Read writer and review sheet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .... import model as m

ReviewKind = Literal[
    "long-sentence",  # still over the profile's limit after splitting
    "unsafe-split",  # a long sentence we could not split safely: a person must rewrite it
    "hard-word",  # a hard word with no explanation in any glossary
    "no-picture",  # no picture matched: a placeholder was left
    "weak-picture",  # only a weak match: a person should confirm it
    "number",  # a number or percentage left as it is
    "passive",  # passive voice, or several clauses
    "acronym",  # an acronym we could not expand
    "left-out",  # a sentence of the draft the Easy Read version leaves out (keep what matters)
    "other",
]


@dataclass
class ReviewItem:
    kind: ReviewKind
    text: str  # what the reviewer should look at (the sentence, word or point)
    where: str  # plain-words place, e.g. "under heading 'Money', point 3"
    suggestion: str = ""
    # The point it is about (Point.id), and the exact line a person adds to the draft's decisions
    # file (<draft>.easy-read.toml, see decisions.py) to settle it.
    point: str = ""
    decision_line: str = ""


@dataclass
class Picture:
    concept: str  # what it shows, used as alt text ("money", "meeting")
    png: bytes | None  # the rendered image; None means "placeholder: a person must choose"
    source_file: str = ""  # file name in the symbol set, for review and overrides
    keyword: str = ""  # the word or phrase of the point that chose it
    confidence: Literal["confident", "weak", "none"] = "none"
    credit: str = ""  # licence credit line of the symbol set


@dataclass
class Point:
    """One idea: one to a few short sentences, shown beside one picture."""

    sentences: list[str]
    # The point's text as inlines: hard words wrapped in Styled("strong"), links kept.
    inlines: list[m.Inline]
    # The draft text this point came from (for the review sheet and the round trip).
    source: str
    where: str
    picture: Picture | None = None
    # Lemmas of the point's main noun / verb, chosen by the language half to guide pictures,
    # most telling first (the object or action new in this point before its subject).
    key_terms: list[str] = field(default_factory=list)
    # A stable anchor ("p-" and 8 hex digits of the point's normalised source text): the pages'
    # id attributes, the review sheet and the decisions file refer to points by it.
    id: str = ""
    # A list in the point: sentences[list_start:list_end] are its items, one a line, after the
    # sentence that leads into them ("You can:"); the writers print them as a bulleted list and
    # what follows (the explanations of hard words in the list) after it. 0, 0: no list.
    list_start: int = 0
    list_end: int = 0

    @property
    def leads_into_next(self) -> bool:
        """Its words lead into the points after it ("You will need:", each thing a point of its
        own): the pages never put a page break between it and the next point."""
        return not self.list_end and any(s.rstrip().endswith(":") for s in self.sentences)

    @property
    def lead(self) -> list[str]:
        """The sentences before the list (all of them when there is none)."""
        return self.sentences[: self.list_start] if self.list_end else self.sentences

    @property
    def items(self) -> list[str]:
        return self.sentences[self.list_start : self.list_end]

    @property
    def after(self) -> list[str]:
        """The sentences after the list."""
        return self.sentences[self.list_end :] if self.list_end else []


@dataclass
class Section:
    # The heading the review sheet names the points by; the draft's title for what comes before
    # its first heading.
    heading: str
    points: list[Point]
    # False when the heading only repeats the document's title (a letter's opening lines, a draft
    # whose first heading is its title): the cover says it already, so the pages do not.
    show_heading: bool = True

    @property
    def printed_heading(self) -> str:
        """The heading the pages print ("" for none)."""
        return self.heading if self.show_heading else ""


@dataclass
class HardWord:
    word: str
    explanation: str | None  # None: no glossary had it (goes on the review sheet)
    first_where: str


@dataclass
class Stats:
    """Before/after figures for the report and the issue note."""

    sentences_before: int = 0
    sentences_within_limit_before: int = 0
    sentences_after: int = 0
    sentences_within_limit_after: int = 0
    reading_ease_before: float = 0.0
    reading_ease_after: float = 0.0
    grade_before: float = 0.0
    grade_after: float = 0.0
    words_after: int = 0
    words_before: int = 0  # the draft's words (for the length target)


@dataclass
class EasyReadDocument:
    title: str
    language: str
    sections: list[Section]
    hard_words: list[HardWord]
    review: list[ReviewItem]
    stats: Stats
    # Things changed for the report ("Split 14 long sentences", "Replaced 'utilise' with 'use' 3 times").
    changes: list[str] = field(default_factory=list)
    # Facts of the chosen sentences (numbers, dates, money, emails, phones, names) that the text
    # must keep; written into the page so the check `easyread.facts` can read them back.
    facts: list[str] = field(default_factory=list)
