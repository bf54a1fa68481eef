"""Checks on a written HTML file: the WCAG 2.2 items that can be verified without a browser.

They parse the file a reader gets (never our own intermediate data), including the colours
declared in its stylesheet, so a page edited by hand afterwards is judged the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import lxml.html
from lxml import etree

from ..reader import LANGUAGE_CODE
from . import CheckResult, CheckSet, Finding
from .contrast import contrast_ratio
from .limits import HtmlLimits
from .text import vague_link_phrases

if TYPE_CHECKING:
    # lxml-stubs declares no HtmlElement (the name is Any to mypy); it is the element
    # lxml.html parses, with text_content() besides the etree methods.
    from lxml.html import HtmlElement

HTML: CheckSet[HtmlTarget] = CheckSet("html")


@dataclass
class HtmlTarget:
    path: Path
    tree: HtmlElement  # the lxml.html root element
    css: str
    limits: HtmlLimits


def check_html_file(path: Path, limits: HtmlLimits) -> list[CheckResult]:
    raw = path.read_bytes()
    try:
        tree: HtmlElement = lxml.html.document_fromstring(raw)
    except (etree.ParserError, ValueError):
        return [
            CheckResult(
                "html.parse",
                "The file is a readable web page",
                "error",
                "The file could not be read as HTML.",
                str(path),
                "Convert the draft again with accessconv.",
            )
        ]
    css = "\n".join(style.text_content() for style in tree.iter("style"))
    return HTML.run(HtmlTarget(path, tree, css, limits))


def _text(el: HtmlElement) -> str:
    return " ".join(el.text_content().split())


def _where(el: HtmlElement) -> str:
    text = _text(el)
    label = f"<{el.tag}>"
    if text:
        label += f" '{text[:50]}'"
    return f"{label} (line {el.sourceline})" if el.sourceline else label


@HTML.register("html.lang", "The page says which language it is in")
def _lang(t: HtmlTarget) -> Iterator[Finding]:
    lang = t.tree.get("lang", "").strip()
    if not lang:
        yield Finding(
            "error",
            "The page does not say its language, so screen readers may use the wrong voice.",
            "<html>",
            'Set lang="en-GB" on the <html> element (convert again with accessconv).',
        )
    elif not LANGUAGE_CODE.fullmatch(lang):
        yield Finding(
            "error",
            f"The page language '{lang}' is not a valid language code.",
            "<html>",
            "Use a code such as en-GB or cy-GB.",
        )


@HTML.register("html.title", "The page has a meaningful title")
def _title(t: HtmlTarget) -> Iterator[Finding]:
    titles = t.tree.findall(".//title")
    text = _text(titles[0]) if titles else ""
    if not text:
        yield Finding(
            "error",
            "The page has no title, so people cannot tell tabs or bookmarks apart.",
            "<head>",
            "Set a title in the draft's document properties (File > Info > Title).",
        )
    elif re.fullmatch(r"(untitled|document\d*|.*\.(docx?|md|html?|odt))", text, re.IGNORECASE):
        yield Finding(
            "warning",
            f"The page title '{text}' looks like a file name.",
            "<title>",
            "Give the draft a real title in its document properties.",
        )


@HTML.register("html.landmarks", "The page has one main area and a skip link to it")
def _landmarks(t: HtmlTarget) -> Iterator[Finding]:
    mains = t.tree.findall(".//main")
    if len(mains) != 1:
        yield Finding(
            "error",
            f"The page has {len(mains)} <main> areas; it needs exactly one.",
            "<body>",
            "Convert the draft again with accessconv.",
        )
        return
    main_id = mains[0].get("id")
    links = t.tree.findall(".//a")
    first = links[0] if links else None
    if first is None or not main_id or first.get("href") != f"#{main_id}":
        yield Finding(
            "error",
            "The page has no skip link to its main content as its first link.",
            "<body>",
            "Convert the draft again with accessconv.",
        )


@HTML.register("html.h1", "The page has exactly one main heading")
def _h1(t: HtmlTarget) -> Iterator[Finding]:
    count = len(t.tree.findall(".//h1"))
    if count != 1:
        yield Finding(
            "error",
            f"The page has {count} main headings (<h1>); it needs exactly one.",
            "<main>",
            "Use Heading 1 once in the draft, for its title.",
        )


@HTML.register("html.heading-order", "Headings go down one level at a time")
def _heading_order(t: HtmlTarget) -> Iterator[Finding]:
    previous = 0
    for el in t.tree.iter("h1", "h2", "h3", "h4", "h5", "h6"):
        level = int(el.tag[1])
        if previous and level > previous + 1:
            yield Finding(
                "error",
                f"A level {level} heading follows a level {previous} heading; a level is skipped.",
                _where(el),
                "Use the next heading level down (Heading 2 after Heading 1, and so on).",
            )
        if not _text(el):
            yield Finding(
                "error", "A heading is empty.", _where(el), "Remove the empty heading or give it words."
            )
        previous = level


@HTML.register("html.img-alt", "Every picture has a text description")
def _img_alt(t: HtmlTarget) -> Iterator[Finding]:
    for img in pictures(t.tree):
        alt = picture_name(img)
        if alt is None:
            yield Finding(
                "error",
                "A picture has no text description (alt text).",
                _where(img),
                "In Word, right-click the picture, choose 'View Alt Text' and describe it.",
            )
        elif not alt.strip():
            if img.get("role") not in ("presentation", "none"):
                yield Finding(
                    "warning",
                    "A picture has an empty description, so screen readers skip it.",
                    _where(img),
                    "Describe the picture, or mark it as decorative in Word.",
                )
        elif re.fullmatch(r"\S+\.(png|jpe?g|gif|bmp|svg|emf|wmf|tiff?)", alt.strip(), re.IGNORECASE):
            yield Finding(
                "error",
                f"A picture's description is a file name ('{alt}').",
                _where(img),
                "Replace it with a few words saying what the picture shows.",
            )
        elif len(alt) > t.limits.max_alt_length:
            yield Finding(
                "warning",
                f"A picture's description is {len(alt)} characters long.",
                _where(img),
                f"Keep alt text under {t.limits.max_alt_length} characters; put detail in the text.",
            )


def pictures(root: HtmlElement) -> list[HtmlElement]:
    """The pictures a reader meets under `root`: each <img>, and each <svg role="img"> (a picture
    stored once in the page and drawn where it is used); not a drawing that is no picture for a
    reader (a hidden store of pictures)."""
    return [el for el in root.iter("img", "svg") if el.tag == "img" or el.get("role") == "img"]


def picture_name(picture: HtmlElement) -> str | None:
    """What a screen reader says for the picture: an <img>'s alt, an <svg>'s aria-label or <title>."""
    if picture.tag == "img":
        alt: str | None = picture.get("alt")
        return alt
    label: str | None = picture.get("aria-label")
    title = picture.find("title")
    return label if label is not None else (_text(title) if title is not None else None)


@HTML.register("html.tables", "Tables have a caption and marked header cells")
def _tables(t: HtmlTarget) -> Iterator[Finding]:
    for table in t.tree.iter("table"):
        caption = table.find("caption")
        if caption is None or not _text(caption):
            yield Finding(
                "error",
                "A table has no caption.",
                _where(table),
                "Add a caption to the table in the draft (References > Insert Caption).",
            )
        headers = table.findall(".//th")
        if not headers:
            yield Finding(
                "error",
                "A table has no header cells, so screen readers cannot say what each cell means.",
                _where(table),
                "In Word, select the first row, then Table Properties > Row > 'Repeat as header row'.",
            )
        for th in headers:
            if th.get("scope") not in ("col", "row", "colgroup", "rowgroup"):
                yield Finding(
                    "error",
                    "A header cell does not say whether it heads a row or a column.",
                    _where(th),
                    "Convert the draft again with accessconv.",
                )
                break


@HTML.register("html.link-text", "Links make sense on their own")
def _link_text(t: HtmlTarget) -> Iterator[Finding]:
    vague = vague_link_phrases()
    for a in t.tree.iter("a"):
        text = _text(a).lower().strip(" .:!")
        href = a.get("href", "")
        if not text and a.find(".//img") is None:
            yield Finding(
                "error", "A link has no text.", _where(a), "Give the link words that say where it goes."
            )
        elif text in vague:
            yield Finding(
                "warning",
                f"The link text '{_text(a)}' does not say where the link goes.",
                _where(a),
                "Use words that describe the destination, e.g. 'the workforce survey results'.",
            )
        elif re.fullmatch(r"(https?://|www\.)\S+", text):
            yield Finding(
                "warning",
                "A link shows a bare web address; screen readers read it out letter by letter.",
                _where(a),
                "Use words that describe the destination, and keep the address as the link.",
            )
        if href.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
            yield Finding(
                "error",
                "A link runs code instead of going to a page.",
                _where(a),
                "Remove the link from the draft.",
            )


@HTML.register("html.safe", "The page has no script and loads nothing from elsewhere")
def _safe(t: HtmlTarget) -> Iterator[Finding]:
    for el in t.tree.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in ("script", "iframe", "object", "embed", "frame", "applet", "base", "form"):
            yield Finding(
                "error",
                f"The page contains a <{el.tag}> element.",
                _where(el),
                "Convert the draft again with accessconv; never paste code into the page.",
            )
        for name, value in el.attrib.items():
            if name.lower().startswith("on"):
                yield Finding(
                    "error",
                    f"An element runs script when '{name}' happens.",
                    _where(el),
                    "Convert the draft again with accessconv.",
                )
            for address in _loaded_addresses(el, name, value):
                if not address.startswith(("data:", "#")):
                    yield Finding(
                        "error",
                        f"The page loads '{address[:60]}' from elsewhere; it must be self-contained.",
                        _where(el),
                        "Convert the draft again with accessconv.",
                    )
            if name == "style" and _LOADS_CSS.search(value):
                yield Finding(
                    "error",
                    "An element's style loads something from elsewhere.",
                    _where(el),
                    "Convert the draft again with accessconv.",
                )
        if el.tag == "meta" and el.get("http-equiv", "").strip().lower() == "refresh":
            yield Finding(
                "error",
                "The page reloads itself or sends the reader to another page on its own.",
                _where(el),
                "Convert the draft again with accessconv.",
            )
    if _LOADS_CSS.search(t.css):
        yield Finding(
            "error",
            "The stylesheet loads something from elsewhere.",
            "<style>",
            "Convert the draft again with accessconv.",
        )


@HTML.register("html.contrast", "Text colours contrast enough with the background")
def _contrast(t: HtmlTarget) -> Iterator[Finding]:
    schemes = _colour_schemes(t.css)
    if not schemes:
        yield Finding(
            "warning",
            "The page sets no text and background colours, so contrast cannot be checked.",
            "<style>",
            "Convert the draft again with accessconv.",
        )
        return
    for scheme, colours in schemes.items():
        background = colours.get("--background")
        if not background:
            continue
        for name in ("--text", "--link", "--visited"):
            if name not in colours:
                continue
            label = f"{name.strip('-')} on background ({scheme} colours)"
            try:
                ratio = contrast_ratio(colours[name], background)
            except ValueError:
                yield Finding(
                    "warning",
                    f"The contrast of {label} cannot be checked: the colours "
                    f"'{colours[name]}' and '{background}' are not written as colour codes.",
                    "<style>",
                    "Write colours in the profile as codes such as #1b1b1b.",
                )
                continue
            if ratio < t.limits.min_contrast_error:
                yield Finding(
                    "error",
                    f"Contrast of {label} is {ratio:.1f}:1; WCAG AA needs {t.limits.min_contrast_error:g}:1.",
                    "<style>",
                    "Choose darker text or a lighter background in the profile.",
                )
            elif ratio < t.limits.min_contrast:
                yield Finding(
                    "warning",
                    f"Contrast of {label} is {ratio:.1f}:1; we aim for {t.limits.min_contrast:g}:1.",
                    "<style>",
                    "Choose darker text or a lighter background in the profile.",
                )
    for el in t.tree.iter():
        if isinstance(el.tag, str) and re.search(r"(^|;)\s*(color|background)", el.get("style", "")):
            yield Finding(
                "warning",
                "An element sets its own colours, which may break contrast and dark mode.",
                _where(el),
                "Remove the inline colour.",
            )


@HTML.register("html.readable-css", "Text can be resized and lines are easy to follow")
def _readable_css(t: HtmlTarget) -> Iterator[Finding]:
    css = t.css
    for size in re.findall(r"font-size:\s*([0-9.]+)(px|pt)\b", _screen_css(css)):
        yield Finding(
            "error",
            f"A font size is fixed at {size[0]}{size[1]}, so text may not resize.",
            "<style>",
            "Use rem or em units for font sizes.",
        )
    sizes = [float(v) for v in re.findall(r"body\s*\{[^}]*font-size:\s*([0-9.]+)rem\s*;", _screen_css(css))]
    if not sizes or min(sizes) < t.limits.min_body_font_rem:
        found = f"{min(sizes):g} rem" if sizes else "not set in rem"
        yield Finding(
            "error",
            f"Body text size is {found}; it should be at least {t.limits.min_body_font_rem:g} rem "
            f"({t.limits.min_body_font_rem * 12:g} pt at the browser's default size).",
            "<style>",
            "Set base_font_size_rem in the profile.",
        )
    heights = [float(v) for v in re.findall(r"body\s*\{[^}]*line-height:\s*([0-9.]+)\s*;", css)]
    if not heights or min(heights) < t.limits.min_line_height:
        yield Finding(
            "error",
            f"Body line spacing is {min(heights) if heights else 'not set'}; "
            f"it should be at least {t.limits.min_line_height:g}.",
            "<style>",
            "Set line_height in the profile.",
        )
    measure = re.search(r"main\s*\{[^}]*max-width:\s*([0-9.]+)(ch|em|rem)", css)
    if not measure:
        yield Finding(
            "warning",
            "Line length is not limited, so long lines are hard to follow.",
            "<style>",
            "Set measure_ch in the profile.",
        )
    elif measure.group(2) == "ch" and float(measure.group(1)) > t.limits.max_measure_ch:
        yield Finding(
            "warning",
            f"Lines may be {measure.group(1)} characters long.",
            "<style>",
            f"Keep measure_ch at or below {t.limits.max_measure_ch}.",
        )
    for meta in t.tree.iter("meta"):
        content = meta.get("content", "").replace(" ", "")
        if meta.get("name") == "viewport" and ("user-scalable=no" in content or "maximum-scale=1" in content):
            yield Finding(
                "error", "The page stops people zooming in.", _where(meta), "Remove the zoom limit."
            )


@HTML.register("html.links-resolve", "Links inside the page lead somewhere")
def _links_resolve(t: HtmlTarget) -> Iterator[Finding]:
    ids = [el.get("id") for el in t.tree.iter() if isinstance(el.tag, str) and el.get("id")]
    seen: set[str] = set()
    for ident in ids:
        if ident in seen:
            yield Finding(
                "error",
                f"Two elements share the id '{ident}', so links to it may go to the wrong place.",
                f"id '{ident}'",
                "Convert the draft again with accessconv.",
            )
        seen.add(ident)
    for a in t.tree.iter("a"):
        href = a.get("href", "")
        if href.startswith("#") and href[1:] not in seen:
            yield Finding(
                "error",
                f"The link to '{href}' leads nowhere on this page.",
                _where(a),
                "Fix or remove the link in the draft.",
            )


# A stylesheet that imports another, or a url() that is not a data: URI, fetches from elsewhere.
_LOADS_CSS = re.compile(r"@import|url\(\s*['\"]?\s*(?!data:)", re.IGNORECASE)
# Attributes whose address the browser fetches as soon as the page opens (links are followed only
# when clicked, so <a href> is not one of them).
_FETCHED = {"src", "poster", "data", "background"}
_FETCHED_HREF_TAGS = {"link", "image", "use", "feimage"}


def _loaded_addresses(el: HtmlElement, name: str, value: str) -> list[str]:
    """The addresses an attribute makes the browser fetch (srcset lists several)."""
    name = name.lower()
    if name == "srcset":
        return _srcset_urls(value)
    local = name.rsplit("}", 1)[-1].rsplit(":", 1)[-1]  # xlink:href inside SVG
    tag = el.tag.rsplit("}", 1)[-1].lower()
    if name in _FETCHED or (local == "href" and tag in _FETCHED_HREF_TAGS):
        return [value.strip()]
    return []


def _srcset_urls(value: str) -> list[str]:
    """The addresses in a srcset (HTML's parsing rules: a data: URI may itself contain commas)."""
    urls = []
    pos = 0
    while pos < len(value):
        while pos < len(value) and (value[pos].isspace() or value[pos] == ","):
            pos += 1
        start = pos
        while pos < len(value) and not value[pos].isspace():
            pos += 1
        url = value[start:pos]
        if not url:
            break
        if url.endswith(","):
            urls.append(url.rstrip(","))
            continue
        urls.append(url)
        # Skip the descriptor ("2x", "480w") up to the comma that ends this candidate.
        while pos < len(value) and value[pos] != ",":
            pos += 1
    return urls


def _screen_css(css: str) -> str:
    """The stylesheet without its print block (print sizes in pt are right on paper)."""
    return re.sub(r"@media print\s*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}", "", css)


def _colour_schemes(css: str) -> dict[str, dict[str, str]]:
    """The colour variables declared in :root, for the light scheme and any dark scheme."""
    schemes: dict[str, dict[str, str]] = {}
    dark = re.search(r"@media\s*\(prefers-color-scheme:\s*dark\)\s*\{(.*?\})\s*\}", css, re.S)
    light_css = _screen_css(css.replace(dark.group(0), "")) if dark else _screen_css(css)
    for scheme, text in (("light", light_css), ("dark", dark.group(1) if dark else "")):
        for block in re.findall(r":root\s*\{([^}]*)\}", text):
            for name, value in re.findall(r"(--[a-z-]+)\s*:\s*([^;]+);", block):
                schemes.setdefault(scheme, {})[name] = value.strip()
    if "dark" in schemes:
        schemes["dark"] = {**schemes.get("light", {}), **schemes["dark"]}
    return schemes
