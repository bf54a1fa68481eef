"""The Easy Read web page: the same layout as the Word file, as a responsive, self-contained page."""

from __future__ import annotations

import re
from html import escape

from markupsafe import Markup

from ...headings import slug
from ...version import __version__
from ...web import templates
from .language.model import EasyReadDocument, Picture, Point
from .segments import Segment, point_text
from .settings import Settings


def _segments_html(segments: list[Segment]) -> str:
    out = []
    for seg in segments:
        text = escape(seg.text, quote=False)
        if seg.kind == "strong":
            out.append(f"<strong>{text}</strong>")
        elif seg.kind == "link" and re.match(r"(https?://|mailto:)", seg.url):
            out.append(f'<a href="{escape(seg.url)}">{text}</a>')
        else:
            out.append(text)
    return "".join(out)


def _point_html(point: Point) -> Markup:
    """The point's sentences as paragraphs, its list (if any) as a bulleted list between them."""
    text = point_text(point)
    out = [f"<p>{_segments_html(line)}</p>" for line in text.lead]
    if text.items:
        out.append('<ul class="point-list">')
        out.extend(f"<li>{_segments_html(line)}</li>" for line in text.items)
        out.append("</ul>")
    out.extend(f"<p>{_segments_html(line)}</p>" for line in text.after)
    return Markup("".join(out))


def render_html(easy: EasyReadDocument, settings: Settings, cover: Picture) -> str:
    """The page (templates/easy-read.html); each point's text is HTML built here."""
    sections = []
    used: set[str] = {"main-content", "hard-words"}
    for section in easy.sections:
        ident = ""
        if section.printed_heading:
            ident = slug(section.printed_heading) or "section"
            base, n = ident, 2
            while ident in used:
                ident, n = f"{base}-{n}", n + 1
            used.add(ident)
        points = [
            {
                "picture": point.picture,
                "id": point.id,
                "text": _point_html(point),
            }
            for point in section.points
        ]
        sections.append({"id": ident, "heading": section.printed_heading, "points": points})
    credits = sorted(
        {p.picture.credit for s in easy.sections for p in s.points if p.picture and p.picture.credit}
    )
    # Each distinct picture is stored once (an SVG <symbol>) and drawn where it is used (<use>):
    # the same few pictures come back for many points, and a long draft's page was megabytes of them.
    pictures = [cover, *(p.picture for s in easy.sections for p in s.points if p.picture is not None)]
    pngs = dict.fromkeys(pic.png for pic in pictures if pic.png is not None)
    store = {png: n for n, png in enumerate(pngs)}
    return templates.render(
        "easy-read.html",
        __package__,
        language=easy.language,
        title=easy.title,
        version=__version__,
        skip_link_label=settings.html.skip_link_label,
        s=settings.html,
        lay=settings.layout,
        pics=settings.pictures,
        cover=cover,
        sections=sections,
        hard_words=easy.hard_words,
        facts=easy.facts,
        draft_words=easy.stats.words_before,
        credit=" ".join(credits or [cover.credit]),
        store=store,
    )
