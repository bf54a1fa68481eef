"""A minimal stand-in for the language transform, used only when `easyread.language` is absent.

It makes one point per paragraph or list item and one section per heading, and rewrites nothing:
no splitting, no plain words, no hard words. The real work is `easyread.language.transform`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import model as m
from .model import EasyReadDocument, Point, Section, Stats


@dataclass(frozen=True)
class LanguageSettings:
    max_sentence_words: int


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'£])")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(" ".join(text.split())) if s.strip()]


def transform(doc: m.Document, settings: LanguageSettings) -> EasyReadDocument:
    sections: list[Section] = []
    current = Section("", [])
    for block in m.walk_blocks(doc.blocks):
        if isinstance(block, m.Heading):
            if block.level == 1:
                continue
            if current.points or current.heading:
                sections.append(current)
            current = Section(m.plain_text(block.inlines), [])
        elif isinstance(block, m.Paragraph):
            text = m.plain_text(block.inlines).strip()
            if text:
                where = f"under heading '{current.heading or doc.title}', point {len(current.points) + 1}"
                current.points.append(Point(sentences(text), list(block.inlines), text, where))
    if current.points or current.heading:
        sections.append(current)
    return EasyReadDocument(doc.title, doc.language, sections, [], [], Stats())
