"""BRF, PEF and the Unicode preview: writing them from pages of cells, and reading them back.

The readers are what the checks use: they take whatever is in the file (a hand-edited BRF, a PEF
from another tool) and turn it into pages of Unicode cells, noting anything they could not read
instead of stopping.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from .cells import BLANK, from_ascii, to_ascii

PEF_NS = "http://www.daisy.org/ns/2008/pef"
DC_NS = "http://purl.org/dc/elements/1.1/"
PEF_MIME = "application/x-pef+xml"
LINE_ENDINGS = {"crlf": "\r\n", "lf": "\n"}
_NOT_CELL = re.compile("[^\u2800-\u28ff]")
_NOT_BRF = re.compile("[^\x20-\x5f]")

if TYPE_CHECKING:
    from lxml.etree import _Element


@dataclass
class Page:
    rows: list[str]
    # Where the page came from, for messages: "page 3" (print digits, counted from the start).
    label: str


@dataclass
class BrailleFile:
    """A braille file read back: its pages as Unicode cells, and what could not be read."""

    kind: str  # "brf", "pef" or "preview"
    path: Path
    pages: list[Page]
    # (where, character) for every character that is not braille in this file's character set.
    bad_chars: list[tuple[str, str]] = field(default_factory=list)
    raw: bytes = b""
    tree: _Element | None = None  # the PEF's lxml root
    page_breaks: list[str] = field(default_factory=list)  # preview: its page-break lines


# ---------------------------------------------------------------- writing


def brf_bytes(pages: list[list[str]], lines_per_page: int, line_ending: str) -> bytes:
    eol = LINE_ENDINGS[line_ending]
    out: list[str] = []
    for page in pages:
        rows = page + [""] * (lines_per_page - len(page))
        out.append(eol.join(rows) + eol + "\f")
    return to_ascii("".join(out)).encode("ascii")


def pef_bytes(
    pages: list[list[str]],
    *,
    cols: int,
    rows: int,
    rowgap: int,
    duplex: bool,
    title: str,
    language: str,
    date: str,
    description: str,
    source_id: str = "",
    volume_sizes: list[int] | None = None,
) -> bytes:
    """The PEF. Its dc:identifier is a hash of the braille and of `source_id` (what identifies
    the draft: a hash of its bytes), so two drafts that give the same braille still differ."""
    hashed = hashlib.sha256(source_id.encode())
    hashed.update("\f".join("\n".join(p) for p in pages).encode())
    digest = hashed.hexdigest()[:24]
    # The default namespace's key is None, which lxml-stubs do not allow for.
    root = etree.Element(f"{{{PEF_NS}}}pef", nsmap={None: PEF_NS}, version="2008-1")  # type: ignore[dict-item]
    head = etree.SubElement(root, f"{{{PEF_NS}}}head")
    meta = etree.SubElement(head, f"{{{PEF_NS}}}meta", nsmap={"dc": DC_NS})
    for name, value in (
        ("format", PEF_MIME),
        ("identifier", f"urn:accessconv:{digest}"),
        ("title", title),
        ("language", language),
        ("date", date),
        ("description", description),
    ):
        etree.SubElement(meta, f"{{{DC_NS}}}{name}").text = value
    body = etree.SubElement(root, f"{{{PEF_NS}}}body")

    def new_volume() -> _Element:
        volume = etree.SubElement(
            body,
            f"{{{PEF_NS}}}volume",
            cols=str(cols),
            rows=str(rows),
            rowgap=str(rowgap),
            duplex="true" if duplex else "false",
        )
        return etree.SubElement(volume, f"{{{PEF_NS}}}section")

    section = new_volume()
    if volume_sizes and len(volume_sizes) > 1:
        # One <volume> for each volume of a long transcription (written element by element).
        start = 0
        for k, size in enumerate(volume_sizes):
            target = section if k == 0 else new_volume()
            for page in pages[start : start + size]:
                page_el = etree.SubElement(target, f"{{{PEF_NS}}}page")
                for row in page:
                    etree.SubElement(page_el, f"{{{PEF_NS}}}row").text = row or None
            start += size
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    if not all(pages) or any(_NOT_CELL.search(row) for page in pages for row in page):
        # No pages, an empty page, or rows that are not braille (never from our layout): lxml
        # does it all.
        for page in pages:
            page_el = etree.SubElement(section, f"{{{PEF_NS}}}page")
            for row in page:
                etree.SubElement(page_el, f"{{{PEF_NS}}}row").text = row or None
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    # Rows of braille cells need no escaping, so the pages are written as text, exactly as lxml
    # pretty-prints them (tests compare the bytes), in a fraction of the time it takes to build
    # an element for every row.
    etree.SubElement(section, f"{{{PEF_NS}}}page")
    outline = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    before, after = outline.split(b"        <page/>\n")
    text: list[str] = []
    for page in pages:
        text.append("        <page>\n")
        text.extend(f"          <row>{row}</row>\n" if row else "          <row/>\n" for row in page)
        text.append("        </page>\n")
    return before + "".join(text).encode("utf-8") + after


def preview_text(
    title_page: list[str] | None,
    pages: list[list[str]],
    title_line: str,
    page_line: str,
    volume_titles: dict[int, list[str]] | None = None,
) -> str:
    out: list[str] = []
    if title_page is not None:
        out.append(title_line)
        out.extend(title_page)
    for number, page in enumerate(pages, start=1):
        if volume_titles and number - 1 in volume_titles:
            out.append(title_line)
            out.extend(volume_titles[number - 1])
        out.append(page_line.format(page=number))
        out.extend(page)
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- reading


def read_brf(path: Path) -> BrailleFile:
    raw = path.read_bytes()
    text = raw.decode("latin-1")
    chunks = text.split("\f")
    if chunks and chunks[-1].strip("\r\n") == "":
        chunks = chunks[:-1]
    result = BrailleFile("brf", path, [], raw=raw)
    for p, chunk in enumerate(chunks, start=1):
        lines = chunk.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        if not _NOT_BRF.search("".join(lines)):
            rows = from_ascii("\n".join(lines)).split("\n")  # the usual case: a page at once
            result.pages.append(Page(rows, f"page {p}"))
            continue
        rows = []
        for n, line in enumerate(lines, start=1):
            if _NOT_BRF.search(line):
                result.bad_chars.extend(
                    (f"page {p} of the file, line {n}", bad) for bad in _NOT_BRF.findall(line)
                )
                # Lower-case letters read as their capitals; anything else as a blank cell.
                line = _NOT_BRF.sub(lambda c: c.group() if "a" <= c.group() <= "z" else " ", line)
            rows.append(from_ascii(line))
        result.pages.append(Page(rows, f"page {p}"))
    return result


def read_pef(path: Path) -> BrailleFile:
    """Raises ValueError (with a plain message) when the file is not XML at all."""
    raw = path.read_bytes()
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as err:
        raise ValueError(f"The PEF file is not well-formed XML ({err}).") from err
    result = BrailleFile("pef", path, [], raw=raw, tree=root)
    for p, page in enumerate(root.iter(f"{{{PEF_NS}}}page"), start=1):
        rows = [row.text or "" for row in page.iter(f"{{{PEF_NS}}}row")]
        if not _NOT_CELL.search("".join(rows)):  # the usual case: a page at once
            result.pages.append(Page(rows, f"page {p}"))
            continue
        rows = []
        for n, row in enumerate(page.iter(f"{{{PEF_NS}}}row"), start=1):
            text = row.text or ""
            if _NOT_CELL.search(text):
                result.bad_chars.extend((f"page {p}, row {n}", bad) for bad in _NOT_CELL.findall(text))
                text = _NOT_CELL.sub(BLANK, text)
            rows.append(text)
        result.pages.append(Page(rows, f"page {p}"))
    return result


def page_line_pattern(title_line: str, page_line: str) -> re.Pattern[str]:
    number = re.escape(page_line).replace(re.escape("{page}"), r"(?P<page>\d+)")
    return re.compile(rf"^(?:{re.escape(title_line)}|{number})$")


def read_preview(path: Path, title_line: str, page_line: str) -> BrailleFile:
    raw = path.read_bytes()
    text = raw.decode("utf-8", errors="replace")
    pattern = page_line_pattern(title_line, page_line)
    result = BrailleFile("preview", path, [], raw=raw)
    page: Page | None = None
    for n, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            page = Page([], line)
            result.pages.append(page)
            result.page_breaks.append(line)
            continue
        if page is None:
            page = Page([], "the start of the file")
            result.pages.append(page)
        if _NOT_CELL.search(line):
            result.bad_chars.extend((f"line {n}", bad) for bad in _NOT_CELL.findall(line))
            line = _NOT_CELL.sub(BLANK, line)
        page.rows.append(line)
    return result
