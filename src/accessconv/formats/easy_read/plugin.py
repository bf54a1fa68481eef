"""Writes and checks Easy Read (loaded by `formats.load_plugin` only when needed)."""

from __future__ import annotations

import contextlib
import threading
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from ... import background
from ... import model as m
from .. import Profile, Ready, Written, output_name
from .checking import check
from .decisions import decisions_path
from .decisions import load as load_decisions
from .docx_writer import write_docx
from .html_writer import render_html
from .language import parse
from .language.language import transform
from .language.model import EasyReadDocument, Picture
from .language.word_forms import lemminflect
from .pdf_writer import start_pdf
from .review import render_review
from .settings import Checks, Settings
from .symbols import PictureSettings, SymbolSet, add_pictures, choose

if TYPE_CHECKING:
    from .. import WritingPlugin
    from . import plugin as _this

__all__ = [
    "check",
    "cover_picture",
    "notes",
    "render_html",
    "render_review",
    "warm_up",
    "write",
    "write_docx",
]

REVIEW_EXTRA = "-review"


def warm_up() -> None:
    """Load the parser and word data while pandoc reads the draft (the pipeline calls this): the
    spaCy model alone takes a second or more to load."""
    parse.available()
    lemminflect.getAllLemmas("carers")
    lemminflect.getAllInflections("carry")


def write(
    doc: m.Document, profile: Profile[Settings, Checks], out_dir: Path, stem: str, ready: Ready | None = None
) -> Written:
    settings = profile.settings
    decisions = load_decisions(doc.source)
    # The language steps, the pictures and the pages make hundreds of thousands of short-lived
    # objects and almost no cycles: the cycle collector's rounds over them cost more than they
    # free. It works again once the pages are written, before their checks (or as soon as a step
    # fails: a service or batch process goes on converting).
    with contextlib.ExitStack() as paused:
        paused.enter_context(background.collector_paused())
        easy = transform(doc, settings.language, decisions)
        symbol_set = add_pictures(easy, settings.pictures, doc.source)
        cover = cover_picture(easy, symbol_set, settings.pictures)
        suffix = profile.output_suffix
        docx_path = out_dir / output_name(stem, suffix, ".docx")
        html_path = out_dir / output_name(stem, suffix, ".html")
        review_path = out_dir / output_name(stem, suffix, ".html", REVIEW_EXTRA)
        pdf_path = out_dir / output_name(stem, suffix, ".pdf")
        with background.pool() as jobs:
            # The Word file (a second of python-docx) is written by a forked child when a core is
            # free, while this process writes the web page and the review sheet; else here, at the
            # end. The child starts first: no process may fork once Typst's thread runs.
            docx_job = jobs.submit(partial(write_docx, easy, settings, cover, docx_path), start=True)
            finish_pdf = None
            if settings.pdf.write_pdf:
                # Typst lays out the PDF on another core while the other files are written here.
                finish_pdf = start_pdf(easy, settings, cover, pdf_path)
            html_path.write_text(render_html(easy, settings, cover), encoding="utf-8", newline="\n")
            decisions_name = decisions_path(doc.source).name if doc.source else ""
            review_path.write_text(
                render_review(easy, settings, decisions_name, html_path.name), encoding="utf-8", newline="\n"
            )
            paused.close()
            # Each file to its check as soon as it is written: the pages while Typst still works
            # (checked here then, in time this process would only wait). The PDF's check, the
            # longest, goes before the review sheet's when Typst is done by then: checks that
            # wait for a core start in the order they were handed over.
            hand_over = ready or (lambda _path: None)
            hand_over(html_path)
            review_first = finish_pdf is None or threading.active_count() > 1  # Typst still works
            if review_first:
                hand_over(review_path)
            pdf_notes = finish_pdf() if finish_pdf is not None else []
            if finish_pdf is not None:
                hand_over(pdf_path)
            if not review_first:
                hand_over(review_path)
            jobs.result(docx_job)
            hand_over(docx_path)
    written = [docx_path, pdf_path] if finish_pdf is not None else [docx_path]
    return Written([*written, html_path, review_path], notes(easy) + pdf_notes)


def notes(easy: EasyReadDocument) -> list[str]:
    points = [p for s in easy.sections for p in s.points]
    confident = sum(1 for p in points if p.picture and p.picture.confidence == "confident")
    weak = sum(
        1 for p in points if p.picture and p.picture.png is not None and p.picture.confidence == "weak"
    )
    out = list(easy.changes)
    if points:
        out.append(
            f"Chose a confident picture for {confident} of {len(points)} points "
            f"({round(100 * confident / len(points))}%); {weak} weak and {len(points) - confident - weak} "
            "left for a person to choose (see the review sheet)."
        )
    st = easy.stats
    if st.sentences_before and st.sentences_after:
        out.append(
            f"Sentences within the length limit: {st.sentences_within_limit_before} of {st.sentences_before} "
            f"before, {st.sentences_within_limit_after} of {st.sentences_after} after. Reading ease "
            f"(Flesch) {st.reading_ease_before:.0f} before, {st.reading_ease_after:.0f} after."
        )
    chosen = sum(1 for p in points if p.picture and p.picture.keyword == "override")
    if chosen:
        out.append(f"Used {chosen} picture choice{'s' if chosen != 1 else ''} from the override file.")
    if easy.review:
        out.append(f"The review sheet lists {len(easy.review)} things for a person to check.")
    return out


def cover_picture(easy: EasyReadDocument, symbol_set: SymbolSet, settings: PictureSettings) -> Picture:
    """A picture for the title; else the first confident picture in the document."""
    if symbol_set.cover is not None:  # the document's topic, found while choosing the pictures
        return symbol_set.cover
    picture = choose([easy.title], [], symbol_set, show_weak=False)
    if picture.png is not None:
        return picture
    for section in easy.sections:
        for point in section.points:
            if point.picture and point.picture.png is not None and point.picture.confidence == "confident":
                return point.picture
    return picture


if TYPE_CHECKING:
    # mypy checks that this module fits the plug-in interface, with the format's Settings and Checks.
    _plugin: WritingPlugin[Settings, Checks] = _this
