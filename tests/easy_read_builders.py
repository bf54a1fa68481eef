"""Builders for the Easy Read pictures and format tests: EasyReadDocuments made by hand (so the
writer and checks are tested without the language step), the built-in profile, and a writer
helper that puts the three outputs in a folder."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from accessconv import model as m
from accessconv.formats.easy_read.language.model import EasyReadDocument, HardWord, Point, Section, Stats
from accessconv.profiles import load


def profile(**checks: Any) -> Any:
    """The built-in easy-read profile, with some check thresholds changed."""
    p = load("easy-read")
    if checks:
        p = dataclasses.replace(p, checks=dataclasses.replace(p.checks, **checks))
    return p


def point(text: str, where: str, bold: tuple[str, ...] = (), key_terms: tuple[str, ...] = ()) -> Point:
    """A point whose sentences are split at full stops; `bold` words become Styled('strong')."""
    sentences = [s.strip() + "." for s in text.split(".") if s.strip()]
    inlines: list[m.Inline] = []
    rest = text
    for word in bold:
        before, _, rest = rest.partition(word)
        inlines += [m.Text(before), m.Styled("strong", [m.Text(word)])]
    inlines.append(m.Text(rest))
    return Point(sentences, inlines, text, where, key_terms=list(key_terms))


def good_document() -> EasyReadDocument:
    """Short, plain points that every Easy Read check passes."""
    return EasyReadDocument(
        title="Our plan for care workers",
        language="en-GB",
        sections=[
            Section(
                "About this plan",
                [
                    point("This is our plan for care workers.", "section 1, point 1", key_terms=("plan",)),
                    point("We want to hear what you think.", "section 1, point 2", key_terms=("think",)),
                ],
            ),
            Section(
                "Money",
                [
                    point(
                        "We will pay care workers more money.",
                        "section 2, point 1",
                        key_terms=("money",),
                    ),
                    point(
                        "We will work with a group in co-production. Co-production means we work as a team.",
                        "section 2, point 2",
                        bold=("co-production",),
                        key_terms=("group",),
                    ),
                ],
            ),
            Section(
                "Tell us what you think",
                [
                    point("You can send us an email.", "section 3, point 1", key_terms=("email",)),
                    point("You can phone us.", "section 3, point 2", key_terms=("phone",)),
                ],
            ),
        ],
        hard_words=[HardWord("co-production", "People and the council working together as equals.", "s2")],
        review=[],
        stats=Stats(),
        changes=["Split 2 long sentences."],
    )


def write_all(
    easy: EasyReadDocument, folder: Path, prof: Any = None, source: Path | None = None
) -> dict[str, Path]:
    """Choose pictures and write the .docx, .html and review sheet into `folder`."""
    from accessconv.formats.easy_read import plugin as er
    from accessconv.formats.easy_read.symbols import add_pictures

    prof = prof or profile()
    settings = prof.settings
    symbol_set = add_pictures(easy, settings.pictures, source)
    cover = er.cover_picture(easy, symbol_set, settings.pictures)
    paths = {
        "docx": folder / "plan-easy-read.docx",
        "html": folder / "plan-easy-read.html",
        "review": folder / "plan-easy-read-review.html",
    }
    er.write_docx(easy, settings, cover, paths["docx"])
    paths["html"].write_text(er.render_html(easy, settings, cover), encoding="utf-8")
    paths["review"].write_text(er.render_review(easy, settings), encoding="utf-8")
    return paths


def failing(results: list[Any], check_id: str) -> list[Any]:
    return [r for r in results if r.id == check_id and r.status in ("error", "warning")]


def passing(results: list[Any], check_id: str) -> bool:
    mine = [r for r in results if r.id == check_id]
    return bool(mine) and all(r.status in ("pass", "info") for r in mine)


BRAILLE_EXPLAINED = "Braille is writing you read with your fingers."


def list_point(marked: bool = True) -> Point:
    """ "You can get this in:" and four items, one of them a hard word explained after the list;
    `marked=False` leaves the same lines without the list marked (plain sentences)."""
    p = point("You can get this in: Easy Read. Large print. Braille. Audio.", "p1", bold=("Braille",))
    items = ["Easy Read.", "Large print.", "Braille.", "Audio."]
    p.sentences = ["You can get this in:", *items, BRAILLE_EXPLAINED]
    if marked:
        p.list_start, p.list_end = 1, 5
    return p


def with_list(easy: EasyReadDocument, marked: bool = True) -> None:
    """Put `list_point` first in `easy`, with "Braille" in its hard words list."""
    easy.sections[0].points[0] = list_point(marked)
    easy.hard_words.append(HardWord("Braille", BRAILLE_EXPLAINED, "p1"))
