"""The Easy Read web page: the same layout as the Word file, as a responsive, self-contained page."""

from __future__ import annotations

import base64
import re
from html import escape

from markupsafe import Markup

from ...version import __version__
from ...web import templates
from .language.model import EasyReadDocument, Picture
from .segments import Segment, point_lines
from .settings import LayoutSettings, Settings


def html_page(title: str, language: str, settings: Settings, body: str) -> str:
    """A whole Easy Read page (templates/easy-read.html) around `body`, HTML this module built."""
    return templates.render(
        "easy-read.html",
        __package__,
        language=language,
        title=title,
        version=__version__,
        skip_link_label=settings.html.skip_link_label,
        s=settings.html,
        lay=settings.layout,
        body=Markup(body),
    )


def _img(picture: Picture | None, lay: LayoutSettings) -> str:
    if picture is None or picture.png is None:
        return f'<p class="picture-needed">{escape(lay.placeholder_text)}</p>'
    data = base64.b64encode(picture.png).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{escape(picture.concept)}">'


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


def render_html(easy: EasyReadDocument, settings: Settings, cover: Picture) -> str:
    from ...headings import slug

    lay = settings.layout
    parts = [
        f'<div class="cover">\n<h1>{escape(easy.title)}</h1>\n{_img(cover, lay)}\n'
        f"<p>{escape(lay.cover_subtitle)}</p>\n</div>\n"
    ]
    used: set[str] = {"main-content", "hard-words"}
    for section in easy.sections:
        if section.heading:
            ident = slug(section.heading) or "section"
            base, n = ident, 2
            while ident in used:
                ident, n = f"{base}-{n}", n + 1
            used.add(ident)
            parts.append(f'<h2 id="{escape(ident)}">{escape(section.heading)}</h2>\n')
        if not section.points:
            continue
        parts.append('<ul class="points" role="list">\n')
        for point in section.points:
            text = "".join(f"<p>{_segments_html(line)}</p>" for line in point_lines(point))
            parts.append(
                f'<li class="point">{_img(point.picture, lay)}<div class="point-text">{text}</div></li>\n'
            )
        parts.append("</ul>\n")
    if easy.hard_words:
        parts.append(
            f'<section class="hard-words" aria-labelledby="hard-words">\n'
            f'<h2 id="hard-words">{escape(lay.hard_words_label)}</h2>\n'
            f"<p>{escape(lay.hard_words_intro)}</p>\n<dl>\n"
        )
        for word in easy.hard_words:
            parts.append(
                f"<dt><strong>{escape(word.word)}</strong></dt>\n"
                f"<dd>{escape(word.explanation or lay.missing_explanation)}</dd>\n"
            )
        parts.append("</dl>\n</section>\n")
    credits = sorted(
        {p.picture.credit for s in easy.sections for p in s.points if p.picture and p.picture.credit}
    )
    if credits or cover.credit:
        credit = " ".join(credits or [cover.credit])
        parts.append(f'<p class="credit">{escape(lay.credit_label)} {escape(credit)}</p>\n')
    return html_page(easy.title, easy.language, settings, "".join(parts))
