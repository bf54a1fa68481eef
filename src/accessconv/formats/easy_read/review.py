"""The review sheet: everything a person must still check in the Easy Read draft, with places."""

from __future__ import annotations

from html import escape

from .html_writer import html_page
from .language.model import EasyReadDocument
from .settings import Settings

_KIND_LABELS = {
    "long-sentence": ("Sentences still too long", "Rewrite as shorter sentences, one idea each."),
    "unsafe-split": ("Long sentences we could not split safely", "Rewrite these by hand."),
    "hard-word": ("Hard words with no explanation", "Write a short explanation in the Hard words list."),
    "no-picture": ("Points with no picture", "Choose a picture; add it to the override file."),
    "weak-picture": ("Pictures to check", "Check the picture fits the point; change it if not."),
    "number": ("Numbers and percentages left as they are", "Write them in a simpler way, e.g. '1 in 4'."),
    "passive": ("Sentences with several ideas or passive voice", "Say who does what, one idea a sentence."),
    "acronym": ("Short forms we could not write out", "Write the words out in full."),
    "other": ("Other things to check", ""),
}


def render_review(easy: EasyReadDocument, settings: Settings) -> str:
    lay = settings.layout
    points = [p for s in easy.sections for p in s.points]
    confident = sum(1 for p in points if p.picture and p.picture.confidence == "confident")
    st = easy.stats
    title = f"{lay.review_title}: {easy.title}"
    parts = [f"<h1>{escape(title)}</h1>\n"]
    parts.append(
        "<p>This sheet lists what a person must still check or rewrite in the Easy Read version. "
        "Ideally check it with a person with lived experience.</p>\n"
    )
    summary = [
        f"{len(easy.review)} things to check.",
        f"Points with a confident picture: {confident} of {len(points)}.",
    ]
    if st.sentences_before:
        summary.append(
            f"Sentences within the length limit: {st.sentences_within_limit_before} of {st.sentences_before} "
            f"before, {st.sentences_within_limit_after} of {st.sentences_after} after."
        )
        summary.append(
            f"Reading ease (Flesch): {st.reading_ease_before:.0f} before, {st.reading_ease_after:.0f} after. "
            f"School grade (Flesch-Kincaid): {st.grade_before:.1f} before, {st.grade_after:.1f} after."
        )
    parts.append("<ul>\n" + "".join(f"<li>{escape(s)}</li>\n" for s in summary) + "</ul>\n")
    if easy.changes:
        parts.append("<h2>What accessconv changed</h2>\n<ul>\n")
        parts.extend(f"<li>{escape(c)}</li>\n" for c in easy.changes)
        parts.append("</ul>\n")
    for number, (kind, (label, advice)) in enumerate(_KIND_LABELS.items(), start=1):
        items = [r for r in easy.review if r.kind == kind]
        if not items:
            continue
        parts.append(f'<h2 class="review-kind">{escape(label)} ({len(items)})</h2>\n')
        if advice:
            parts.append(f"<p>{escape(advice)}</p>\n")
        # A keyboard user can reach and scroll a wide table (as in the plain HTML writer).
        parts.append(
            f'<div class="table-wrap" role="region" aria-labelledby="review-{number}" tabindex="0">\n'
            f'<table class="review-table">\n<caption id="review-{number}">{escape(label)}</caption>\n'
            "<thead>\n"
            '<tr><th scope="col">Where</th><th scope="col">What to look at</th>'
            '<th scope="col">Suggestion</th></tr>\n</thead>\n<tbody>\n'
        )
        for item in items:
            parts.append(
                f"<tr><td>{escape(item.where)}</td><td>{escape(item.text)}</td>"
                f"<td>{escape(item.suggestion)}</td></tr>\n"
            )
        parts.append("</tbody>\n</table>\n</div>\n")
    if not easy.review:
        parts.append("<p>Nothing was flagged. Still read the whole document with a checker.</p>\n")
    return html_page(title, easy.language, settings, "".join(parts))
