"""The review sheet: everything a person must still check in the Easy Read draft, with places."""

from __future__ import annotations

from ...version import __version__
from ...web import templates
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
    "left-out": (
        "Left out to keep it short",
        "These sentences of the draft are not in the Easy Read version. Add the line to bring one back.",
    ),
    "other": ("Other things to check", ""),
}


def render_review(
    easy: EasyReadDocument, settings: Settings, decisions_file: str = "", page_name: str = ""
) -> str:
    lay = settings.layout
    points = [p for s in easy.sections for p in s.points]
    confident = sum(1 for p in points if p.picture and p.picture.confidence == "confident")
    st = easy.stats
    title = f"{lay.review_title}: {easy.title}"
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
    groups = []
    anchored: set[str] = set()  # a point can have several rows; only its first carries the anchor
    for number, (kind, (label, advice)) in enumerate(_KIND_LABELS.items(), start=1):
        items = [r for r in easy.review if r.kind == kind]
        if items:
            rows = []
            for item in items:
                anchor = f"review-{item.point}" if item.point and item.point not in anchored else ""
                anchored.add(item.point)
                rows.append({"item": item, "anchor": anchor})
            groups.append({"number": number, "label": label, "advice": advice, "rows": rows})
    return templates.render(
        "easy-read-review.html",
        __package__,
        language=easy.language,
        title=title,
        version=__version__,
        skip_link_label=settings.html.skip_link_label,
        s=settings.html,
        lay=lay,
        summary=summary,
        changes=easy.changes,
        groups=groups,
        decisions_file=decisions_file or "<draft>.easy-read.toml",
        page_name=page_name,
        review=easy.review,
    )
