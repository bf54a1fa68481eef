"""Text with marks: a point's words split into runs that are bold (hard words) or links, for the writers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ... import model as m
from .language.model import Point


@dataclass(frozen=True)
class Segment:
    text: str
    kind: str = ""  # "" plain, "strong" hard word, "link"
    url: str = ""


def marks(inlines: list[m.Inline]) -> list[Segment]:
    out: list[Segment] = []
    for node in inlines:
        if isinstance(node, m.Styled) and node.style == "strong":
            text = m.plain_text(node.children).strip()
            if text:
                out.append(Segment(text, "strong"))
        elif isinstance(node, m.Link):
            text = m.plain_text(node.children).strip()
            if text:
                out.append(Segment(text, "link", node.url))
        elif isinstance(node, m.Styled):
            out.extend(marks(node.children))
    return out


def point_lines(point: Point) -> list[list[Segment]]:
    """Each sentence of the point as segments: hard words (bold) and links found in its inlines
    are marked where their words first appear."""
    pending = marks(point.inlines)
    lines: list[list[Segment]] = []
    for sentence in point.sentences:
        segments = [Segment(sentence)]
        for mark in list(pending):
            pattern = re.compile(r"(?<!\w)" + re.escape(mark.text) + r"(?!\w)")
            for i, seg in enumerate(segments):
                found = pattern.search(seg.text) if not seg.kind else None
                if found:
                    before, after = seg.text[: found.start()], seg.text[found.end() :]
                    new = [Segment(before)] if before else []
                    new.append(Segment(found.group(0), mark.kind, mark.url))
                    if after:
                        new.append(Segment(after))
                    segments[i : i + 1] = new
                    pending.remove(mark)
                    break
        lines.append(segments)
    return lines


@dataclass(frozen=True)
class PointText:
    """A point's lines as the writers print them: the sentences before its list, the list's items
    (printed as a bulleted list), and the sentences after it."""

    lead: list[list[Segment]]
    items: list[list[Segment]]
    after: list[list[Segment]]


def point_text(point: Point) -> PointText:
    lines = point_lines(point)
    if not point.list_end:
        return PointText(lines, [], [])
    return PointText(
        lines[: point.list_start], lines[point.list_start : point.list_end], lines[point.list_end :]
    )
