"""Read a draft (Word, ODT, Markdown, HTML) into accessconv's document model.

Pandoc does the parsing (run in its --sandbox mode, so it never fetches or reads anything but the
draft); this module checks the file first, so bad input gets a clear message instead of a pandoc
error, and then maps pandoc's JSON AST onto `accessconv.model`.
"""

from __future__ import annotations

import base64
import importlib.util
import io
import json
import os
import re
import subprocess
import warnings
import zipfile
import zlib
from html import unescape
from pathlib import Path
from typing import Any

from PIL import Image as PILImage

from . import model as m
from . import scratch
from .errors import InputError, TimeLimitError
from .limits import DEFAULT, Limits

# pandoc reader name for each extension we accept.
READERS = {
    ".docx": "docx",
    ".odt": "odt",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
SUPPORTED = ", ".join(sorted(READERS))

# Safety limits for zip-based drafts: well beyond any real document, well below a zip bomb. The
# sizes a run allows are in limits.Limits; these two are fixed.
MAX_COMPRESSION_RATIO = 200
MAX_IMAGE_BYTES = 50 * 1024**2
# The package's own pointer to its main part (a valid .docx need not call it word/document.xml).
_RELATIONSHIP = re.compile(r"<(?:\w+:)?Relationship\s[^>]*>")
_ATTRIBUTE = re.compile(r"""\b(Type|Target)\s*=\s*["']([^"']*)["']""")
# Parts pandoc may copy out as pictures (everything that is not the package's XML).
_XML_PART = re.compile(r"\.(xml|rels)$", re.IGNORECASE)
_CHUNK = 1024**2
# Characters no XML output can hold: C0 controls but tab and line ends, and U+FFFE/U+FFFF.
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_JSON_CONTROL = re.compile(rb"\\u00[01][0-9a-fA-F]|\xef\xbf[\xbe\xbf]")
# Lists, quotes or styles inside each other: Word offers 9 list levels; past this depth a draft is
# machine-made, and every writer would run out of stack on it.
MAX_NESTING = 40
# A "word" with no spaces longer than this is refused. The large-print PDF no longer needs it
# (Typst breaks a 100,000-letter word over 97 pages in 0.2 s), but braille's line breaking is
# quadratic in it (20,000 letters: 1.9 s; 100,000: 58 s). The longest real tokens (web
# addresses, even SharePoint links) are well under this.
MAX_WORD_CHARS = 2000

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTION_MARK = "EncryptionInfo".encode("utf-16-le")
DEFAULT_LANGUAGE = "en-GB"
# A BCP 47 tag as screen readers need it: en, en-GB, cy-GB, zh-Hant-TW.
LANGUAGE_CODE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")
# pandoc's JSON output, written into the draft's private temporary folder (beside the pictures
# it extracts, which go into a "media" folder there).
AST_FILE = "draft-ast.json"
SAFE_URL = re.compile(r"^(https?:|mailto:|tel:|#)", re.IGNORECASE)
_URL_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def read(path: Path | str, limits: Limits = DEFAULT) -> m.Document:
    """Read the draft at `path`. Raises InputError with an officer-friendly message."""
    with start_read(path, limits) as pending:
        return pending.result()


def start_read(path: Path | str, limits: Limits = DEFAULT) -> PendingRead:
    """Check the draft and start pandoc on it, without waiting: the caller can do other work
    (imports, loading profiles) while pandoc runs, then call `.result()`. Use it as a context
    manager, so pandoc is stopped and its temporary folder removed if the result is never needed.
    Raises InputError at once for a draft that fails the file checks."""
    path = Path(path)
    _guard_pictures(limits)
    kind = _validate(path, limits)
    return PendingRead(path, kind, limits)


def _guard_pictures(limits: Limits) -> None:
    """Pillow's own decompression-bomb guard, for every picture decoded later in the run (the
    writers resize pictures): it refuses to open anything past twice this many pixels."""
    PILImage.MAX_IMAGE_PIXELS = limits.max_image_pixels


class PendingRead:
    """One pandoc run in progress (see start_read)."""

    def __init__(self, path: Path, kind: str, limits: Limits = DEFAULT) -> None:
        self.path = path
        self.kind = kind
        self.limits = limits
        self._tmp = scratch.folder("read")
        try:
            self._proc = _start_pandoc(path, kind, Path(self._tmp.name), limits)
        except BaseException:
            self._tmp.cleanup()
            raise

    def result(self, timeout: float | None = None) -> m.Document:
        """Wait for pandoc (at most `timeout` seconds, then it is stopped and InputError raised)
        and map its AST onto the model."""
        try:
            ast = _pandoc_result(self.path, self._proc, Path(self._tmp.name), timeout, self.limits)
            doc = _Builder(self.path, self.kind, Path(self._tmp.name), self.limits).document(ast)
        except RecursionError:
            raise _too_deep(self.path) from None
        finally:
            self.close()
        if _nesting_depth(doc) > MAX_NESTING:
            raise _too_deep(self.path)
        if self.kind == "docx":
            _apply_all_caps(self.path, doc)
        return doc

    def finished(self) -> bool:
        """Whether pandoc has ended (its result is then ready at once)."""
        return self._proc.poll() is not None

    def close(self) -> None:
        if self._proc.poll() is None:
            self._proc.kill()
            self._proc.communicate()
        self._tmp.cleanup()

    def __enter__(self) -> PendingRead:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# Word's "All caps" run formatting (w:caps), which pandoc drops: runs and their text.
_RUN = re.compile(r"<w:r[ >].*?</w:r>", re.S)
_CAPS = re.compile(r'<w:caps(?:\s+w:val="(?:1|true|on)")?\s*/>')
_RUN_TEXT = re.compile(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>")


def _apply_all_caps(path: Path, doc: m.Document) -> None:
    """Text Word shows in capitals through "All caps" formatting, in capitals in the model too
    (braille then capitalises it; issue 14). Matched by the runs' text, phrase by phrase."""
    try:
        with zipfile.ZipFile(path) as zf:
            name = main_part(zf, "docx")
            if name is None or zf.getinfo(name).file_size > 50 * _CHUNK:
                return
            xml = zf.read(name).decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return
    if "<w:caps" not in xml:
        return
    phrases = {
        unescape("".join(_RUN_TEXT.findall(run))).strip()
        for run in _RUN.findall(xml)
        if _CAPS.search(run.split("</w:rPr>", 1)[0])
    }
    phrases = {p for p in phrases if p and any(c.islower() for c in p)}
    if not phrases:
        return
    pattern = re.compile("|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)))

    def upper(nodes: list[m.Inline]) -> None:
        for node in nodes:
            if isinstance(node, m.Text):
                node.text = pattern.sub(lambda found: found.group().upper(), node.text)
            elif isinstance(node, m.Styled | m.Link):
                upper(node.children)

    for block in m.walk_blocks(doc.blocks + [b for note in doc.notes for b in note]):
        upper(m.block_inlines(block))


# ---------------------------------------------------------------- checking the file


def _validate(path: Path, limits: Limits = DEFAULT) -> str:
    if not path.exists():
        raise InputError(path, "there is no file with this name", "Check the name and folder.")
    if path.is_dir():
        raise InputError(path, "this is a folder, not a draft", "Name a file, or use 'accessconv batch'.")
    kind = READERS.get(path.suffix.lower())
    if kind is None:
        raise InputError(
            path,
            f"accessconv cannot read '{path.suffix or 'no extension'}' files",
            f"Save the draft as one of: {SUPPORTED}.",
        )
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as err:
        raise InputError(
            path, "the file cannot be opened", f"Check you can open it ({err.strerror})."
        ) from err
    if size == 0:
        raise InputError(path, "the file is empty (0 bytes)", "Save the draft again and retry.")
    if kind in ("docx", "odt"):
        validate_package(path, head, kind, limits)
    else:
        if size > limits.max_part_bytes:
            # Read whole (and decoded) below, and pandoc's memory grows with it.
            raise InputError(
                path,
                f"the file is larger than {limits.max_part_mb} MB",
                "Split it into smaller drafts and retry.",
            )
        _validate_text(path)
    return kind


def main_part(zf: zipfile.ZipFile, kind: str) -> str | None:
    """The name of the package's main part: for .docx the one its _rels/.rels names as the
    officeDocument (Word always says word/document.xml, other programs need not), else content.xml."""
    names = set(zf.namelist())
    if kind != "docx":
        return "content.xml" if "content.xml" in names else None
    try:
        info = zf.getinfo("_rels/.rels")
    except KeyError:
        return "word/document.xml" if "word/document.xml" in names else None
    if info.file_size > _CHUNK:  # a relationships list is a few hundred bytes
        return None
    rels = zf.read(info).decode("utf-8", "replace")
    for tag in _RELATIONSHIP.finditer(rels):
        attrs = dict(_ATTRIBUTE.findall(tag.group(0)))
        if attrs.get("Type", "").endswith("/officeDocument") and attrs.get("Target"):
            name = unescape(attrs["Target"]).lstrip("/")
            return name if name in names else None
    return "word/document.xml" if "word/document.xml" in names else None


def validate_package(path: Path, head: bytes, kind: str, limits: Limits = DEFAULT) -> None:
    """Check a .docx/.odt is a safe, readable zip package within `limits` (raises InputError).
    Only the zip's directory is trusted for sizes; the main part is read through in chunks (never
    held whole) to prove it unpacks, and pictures' sizes are read from their headers."""
    app = "Word" if kind == "docx" else "LibreOffice"
    if head.startswith(OLE_MAGIC):
        _refuse_ole(path, app)
    damaged = InputError(
        path,
        f"the file is not a readable {path.suffix} document (it may be damaged or renamed)",
        f"Open it in {app}, save it again as {path.suffix} and retry.",
    )
    resave = f"Save the document again from {app}; if it came by email, check where it came from."
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            media = [info for info in infos if not info.is_dir() and not _XML_PART.search(info.filename)]
            _check_part_sizes(path, infos, media, limits, resave)
            main = main_part(zf, kind)
            if main is None:
                raise damaged
            # Reading the main part through proves the archive is not truncated where it matters
            # (the zip checks its CRC at the end); chunk by chunk, so it is never held whole.
            with zf.open(main) as stream:
                while stream.read(_CHUNK):
                    pass
            for info in media:
                _check_picture_size(path, zf, info, limits)
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile, OSError, ValueError, zlib.error) as err:
        raise damaged from err


def _refuse_ole(path: Path, app: str) -> None:
    """An OLE file named .docx: a password-protected document, or an old .doc (raises InputError)."""
    if ENCRYPTION_MARK in path.read_bytes():
        raise InputError(
            path,
            "the document is protected with a password",
            f"Open it in {app}, remove the password (File > Info > Protect Document), save it and try again.",
        )
    raise InputError(
        path,
        "this is an old-style Word file (.doc) with a .docx name",
        "Open it in Word and use Save As > Word Document (.docx).",
    )


def _check_part_sizes(
    path: Path, infos: list[zipfile.ZipInfo], media: list[zipfile.ZipInfo], limits: Limits, resave: str
) -> None:
    """Refuse a package whose parts, whole or pictures unpack to unsafe sizes (from the zip's
    directory alone)."""
    for info in infos:
        if info.compress_size and info.file_size / info.compress_size > MAX_COMPRESSION_RATIO:
            if info.file_size > 10 * 1024**2:
                raise InputError(path, f"part '{_short(info.filename)}' unpacks to an unsafe size", resave)
        if info.file_size > limits.max_part_bytes:
            raise InputError(
                path,
                f"part '{_short(info.filename)}' of the document unpacks to more than "
                f"{limits.max_part_mb} MB",
                "Split the document into smaller ones, or compress its pictures "
                "(in Word: Picture Format > Compress Pictures), and retry.",
            )
    if sum(info.file_size for info in infos) > limits.max_unpacked_bytes:
        raise InputError(
            path,
            f"the document unpacks to more than {limits.max_unpacked_mb} MB",
            "Split it into smaller documents and retry.",
        )
    if sum(info.file_size for info in media) > limits.max_media_bytes:
        raise InputError(
            path,
            f"the pictures in the document add up to more than {limits.max_media_mb} MB",
            "Compress the pictures (in Word: Picture Format > Compress Pictures) or remove some, and retry.",
        )


def _check_picture_size(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> None:
    """Refuse a picture with more pixels than the limit, from its header alone: Pillow reads the
    width and height without decoding (a 457 KB PNG can need 1.5 GB decoded)."""
    try:
        with warnings.catch_warnings(), zf.open(info) as stream:
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            with PILImage.open(stream) as img:
                width, height = img.size
    except PILImage.DecompressionBombError as err:
        _refuse_big_picture(path, info.filename.rsplit("/", 1)[-1], 0, 0, limits, str(err))
        return
    except Exception:  # not a picture Pillow knows: pandoc or the writers report it
        return
    _refuse_big_picture(path, info.filename.rsplit("/", 1)[-1], width, height, limits)


def _refuse_big_picture(
    path: Path,
    name: str,
    width: int,
    height: int,
    limits: Limits,
    bomb_message: str = "",
    kind: str = "docx",
) -> None:
    """Refuse a picture over the pixel limit. Past twice the limit Pillow refuses to open it at
    all (its decompression-bomb guard), and only its message tells the number of pixels."""
    pixels = width * height
    if not width:
        counted = re.search(r"\((\d+) pixels\)", bomb_message)
        pixels = int(counted.group(1)) if counted else limits.max_image_pixels + 1
    if pixels > limits.max_image_pixels:
        megapixels = f"{pixels / 1_000_000:,.0f} megapixels"
        size = f"{width:,} x {height:,} pixels ({megapixels})" if width else megapixels
        raise InputError(
            path,
            f"picture '{_short(name)}' is {size}, more than the {limits.max_image_megapixels} "
            "megapixels accessconv can safely use",
            "Make the picture smaller (in Word: Picture Format > Compress Pictures, or resize it "
            "in a photo editor), insert it again and retry."
            if kind in ("docx", "odt")
            else "Make the picture smaller in a photo editor (for example 4,000 x 3,000 pixels) and retry.",
        )


def _validate_text(path: Path) -> None:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(
            path,
            f"the text is not in UTF-8 (unreadable byte at position {err.start})",
            "Save it again with 'UTF-8' encoding (in Notepad: Save As > Encoding > UTF-8).",
        ) from err
    if "\x00" in text:
        raise InputError(path, "this is not a text file", f"Save the draft as one of: {SUPPORTED}.")
    if not text.strip():
        raise InputError(path, "the file has no text", "Add the draft's text and try again.")


def pandoc_path() -> str:
    """The pandoc that pypandoc-binary installs (pinned in pyproject.toml), found without importing
    pypandoc: its lookup runs `pandoc --version`, a whole extra pandoc start on every read.
    PYPANDOC_PANDOC still wins, as it does in pypandoc; anything unusual falls back to pypandoc."""
    override = os.environ.get("PYPANDOC_PANDOC")
    if not override:
        spec = importlib.util.find_spec("pypandoc")
        for folder in (spec.submodule_search_locations or []) if spec else []:
            bundled = Path(folder) / "files" / "pandoc"
            if os.access(bundled, os.X_OK):
                return str(bundled)
    # Only this fallback imports pypandoc (0.4 s), so it is imported here, not at the top.
    from pypandoc import get_pandoc_path

    pandoc: str = get_pandoc_path()  # pypandoc is untyped
    return pandoc


def _start_pandoc(
    path: Path, kind: str, media_dir: Path, limits: Limits = DEFAULT
) -> subprocess.Popen[bytes]:
    # pandoc is a GHC program: +RTS -M caps its heap (it stops with "Heap exhausted", exit 251).
    # Not RLIMIT_AS: GHC reserves a huge address space at start and would not start at all.
    args = [
        pandoc_path(),
        "+RTS",
        f"-M{limits.pandoc_memory_mb}m",
        "-RTS",
        "--sandbox",
        "--from",
        kind,
        "--to",
        "json",
        "--track-changes=accept",
    ]
    if kind in ("docx", "odt"):
        args.append(f"--extract-media={media_dir.resolve()}")
    # Into a file, not a pipe: pandoc then finishes on its own (a pipe full of its output would
    # hold it until read), so `PendingRead.finished` can tell when the draft is read.
    args.append(f"--output={(media_dir / AST_FILE).resolve()}")
    # The draft's name is data, never an option: a file called "--lua-filter=evil.md" would
    # otherwise make pandoc run evil.md as a program (--sandbox does not stop Lua filters). After
    # "--" and as an absolute path (which starts with "/", never "-" or "+RTS"), it is only a file.
    args += ["--", str(path.resolve())]
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)


def _pandoc_result(
    path: Path,
    proc: subprocess.Popen[bytes],
    ast_dir: Path,
    timeout: float | None = None,
    limits: Limits = DEFAULT,
) -> dict[str, Any]:
    try:
        _out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise TimeLimitError(path, timeout or 0) from None
    if proc.returncode == 251 or b"Heap exhausted" in err:
        raise InputError(
            path,
            f"the document needs more than {limits.pandoc_memory_mb} MB of memory to read",
            "Split it into smaller documents (or remove very large pasted content) and retry.",
        )
    if proc.returncode != 0:
        detail = err.decode("utf-8", "replace").strip().splitlines()
        raise InputError(
            path,
            "the document could not be read" + (f" ({detail[-1][:120]})" if detail else ""),
            "Open it in Word or a text editor, save it again and retry.",
        )
    out = (ast_dir / AST_FILE).read_bytes()
    ast: dict[str, Any] = json.loads(out)
    # pandoc passes control characters through (escaped as \u00XX in its JSON); no output format
    # can hold them (XML refuses them), so they are dropped here. Most drafts have none: one
    # search of the raw output decides whether the tree needs walking at all.
    if _JSON_CONTROL.search(out):
        ast = _without_control_characters(ast)
    return ast


def _without_control_characters(ast: Any) -> Any:
    """The AST with every string cleaned of characters XML cannot hold (walked without recursion)."""
    root = [ast]
    stack: list[list[Any] | dict[str, Any]] = [root]
    while stack:
        node = stack.pop()
        keys = range(len(node)) if isinstance(node, list) else list(node)
        for key in keys:
            value = node[key]  # type: ignore[index]
            if isinstance(value, str):
                node[key] = _XML_UNSAFE.sub("", value)  # type: ignore[index]
            elif isinstance(value, list | dict):
                stack.append(value)
    return root[0]


def _too_deep(path: Path) -> InputError:
    return InputError(
        path,
        f"the draft has lists, quotes or formatting inside each other more than {MAX_NESTING} levels deep",
        "Flatten the nesting (for example, split a long nested list into sections) and retry.",
    )


def _nesting_depth(doc: m.Document) -> int:
    """How deeply blocks and inline styles sit inside each other (walked without recursion)."""
    deepest = 0
    stack: list[tuple[int, m.Block | m.Inline]] = [(1, b) for b in doc.blocks]
    stack += [(1, b) for note in doc.notes for b in note]
    while stack:
        depth, node = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(node, m.Styled | m.Link):
            stack.extend((depth + 1, child) for child in node.children)
        elif not isinstance(node, m.Text | m.Code | m.NoteRef | m.LineBreak | m.InlineImage):
            stack.extend((depth + 1, child) for child in m.child_blocks(node))
            stack.extend((depth + 1, child) for child in m.block_inlines(node))
    return deepest


# ---------------------------------------------------------------- language and title


def _draft_language(path: Path, kind: str, meta_lang: str) -> str:
    """The draft's language: its metadata, else the package properties, else the default
    language of its styles (Word: w:docDefaults; ODT: fo:language/fo:country)."""
    if meta_lang:
        return meta_lang
    found = _package_property(path, kind, "language")
    if found or kind not in ("docx", "odt"):
        return found
    part = "word/styles.xml" if kind == "docx" else "styles.xml"
    try:
        with zipfile.ZipFile(path) as zf:
            xml = _small_part(zf, part)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError, zlib.error):
        return ""
    if kind == "docx":
        # Within the first docDefaults element only: a lazy .*? from every "<w:docDefaults>" of a
        # padded part would be quadratic.
        start = xml.find("<w:docDefaults>")
        end = xml.find("</w:docDefaults>", start)
        lang = re.search(r'<w:lang [^>]*w:val="([^"]+)"', xml[start:end]) if 0 <= start < end else None
        return lang.group(1) if lang else ""
    lang = re.search(r'fo:language="([a-z]{2,3})"', xml)
    country = re.search(r'fo:country="([A-Z]{2})"', xml)
    return lang.group(1) + (f"-{country.group(1)}" if country else "") if lang else ""


def _small_part(zf: zipfile.ZipFile, part: str) -> str:
    """A metadata part's text, or "" when it is missing or far larger than any real one (a padded
    part is not worth holding in memory for a title or a language)."""
    try:
        info = zf.getinfo(part)
    except KeyError:
        return ""
    return zf.read(info).decode("utf-8", "replace") if info.file_size <= 16 * _CHUNK else ""


def _package_property(path: Path, kind: str, name: str) -> str:
    """A Dublin Core property (title, language) from a .docx or .odt package's metadata part."""
    part = {"docx": "docProps/core.xml", "odt": "meta.xml"}.get(kind)
    if part is None:
        return ""
    try:
        with zipfile.ZipFile(path) as zf:
            xml = _small_part(zf, part)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError, zlib.error):
        return ""
    found = re.search(rf"<dc:{name}>([^<]*)</dc:{name}>", xml)
    return unescape(found.group(1)).strip() if found else ""


def _meta_text(value: dict[str, Any] | None) -> str:
    if not value:
        return ""
    c: Any  # pandoc's JSON: its shape depends on the node type t
    t, c = value.get("t"), value.get("c")
    if t == "MetaString":
        return str(c)
    if t == "MetaInlines":
        return m.plain_text(_Builder.inline_text_only(c))
    if t == "MetaBlocks":
        return " ".join(m.plain_text(_Builder.inline_text_only(b.get("c", []))) for b in c)
    return ""


# ---------------------------------------------------------------- pandoc AST -> model


class _Builder:
    """Turns one pandoc JSON AST into a Document, collecting notes and images on the way."""

    def __init__(self, path: Path, kind: str, media_dir: Path, limits: Limits = DEFAULT) -> None:
        self.path = path
        self.kind = kind
        self.limits = limits
        self._media_bytes = 0
        self.media_dir = media_dir.resolve()
        self.notes: list[list[m.Block]] = []
        self.reader_notes: list[m.ReaderNote] = []
        self._dropped_raw = 0
        self._unsafe_links = 0
        self._empty_headings = 0

    def document(self, ast: dict[str, Any]) -> m.Document:
        meta = ast.get("meta", {})
        blocks = self.blocks(ast.get("blocks", []))
        title = _meta_text(meta.get("title")).strip() or _package_property(self.path, self.kind, "title")
        title_from_draft = bool(title)
        if not title:
            first = next((b for b in m.walk_blocks(blocks) if isinstance(b, m.Heading)), None)
            title = m.plain_text(first.inlines).strip() if first else ""
            title = title or _XML_UNSAFE.sub("", self.path.stem).replace("-", " ").replace("_", " ")
        language = _draft_language(self.path, self.kind, _meta_text(meta.get("lang")).strip())
        language_given = bool(language)  # a wrong code is reported below, not as a missing one
        if language and not LANGUAGE_CODE.fullmatch(language):
            # Every output declares the language for screen readers, so it must be a real code.
            self.reader_notes.append(
                m.ReaderNote(
                    f"The draft's language is set to '{_short(language)}', which is not a language "
                    f"code, so accessconv used {DEFAULT_LANGUAGE}.",
                    "Write lang: en-GB (or cy-GB...) between the --- lines at the top of the file."
                    if self.kind == "markdown"
                    else "In Word: Review > Language > Set Proofing Language.",
                )
            )
            language = ""
        if self._dropped_raw:
            pieces = _count(self._dropped_raw, "piece")
            self.reader_notes.append(
                m.ReaderNote(
                    f"Left out {pieces} of web code (HTML) typed into the draft; accessconv never "
                    "copies code into the files it writes.",
                    "Write that content as ordinary text, lists, tables or pictures in the draft.",
                )
            )
        if self._empty_headings:
            lines = _count(self._empty_headings, "empty line")
            self.reader_notes.append(
                m.ReaderNote(
                    f"Left out {lines} with a heading style but no words.",
                    "Delete the lines that have only # marks on them."
                    if self.kind == "markdown"
                    else "Click each empty line and choose the Normal style, or delete it.",
                )
            )
        linked = _web_pictures(self.path) if self.kind == "docx" else 0
        if linked:
            # pandoc drops a picture that is only linked (r:link) without a word, so say so here.
            self.reader_notes.append(
                m.ReaderNote(
                    f"Left out {_count(linked, 'picture')} linked from the web rather than inside "
                    "the document; accessconv never fetches anything from the web.",
                    "Insert each picture into the document itself (in Word: Insert > Pictures > This "
                    "Device), then add its alt text.",
                )
            )
        if self._unsafe_links:
            links = _count(self._unsafe_links, "link")
            self.reader_notes.append(
                m.ReaderNote(
                    f"Removed {links} whose address was not a web page, email address or phone "
                    "number (for example a 'javascript:' address or a file on your computer); "
                    "the words of each link were kept.",
                    "Link to a web page (https://...), an email address or a phone number instead.",
                )
            )
        doc = m.Document(
            title=title,
            language=language or DEFAULT_LANGUAGE,
            blocks=blocks,
            notes=self.notes,
            source=self.path,
            title_from_draft=title_from_draft,
            language_from_draft=language_given,
            reader_notes=self.reader_notes,
        )
        if (
            not m.document_text(doc).strip()
            and not _notes_text(self.notes)
            and not any(True for _ in m.images(doc))
        ):
            raise InputError(self.path, "the document has no text", "Check it is the right file, then retry.")
        _refuse_endless_word(self.path, doc)
        return doc

    # -- blocks

    def blocks(self, nodes: list[dict[str, Any]]) -> list[m.Block]:
        out: list[m.Block] = []
        for node in nodes:
            out.extend(self.block(node))
        return out

    def block(self, node: dict[str, Any]) -> list[m.Block]:
        c: Any  # pandoc's JSON: its shape depends on the node type t
        t, c = node.get("t"), node.get("c")
        if t in ("Para", "Plain"):
            inlines = self.inlines(c)
            return [self._paragraph_or_figure(inlines)] if _has_content(inlines) else []
        if t == "LineBlock":
            return [self._line_block(c)]
        if t == "Header":
            return self._heading(c)
        if t in ("BulletList", "OrderedList"):
            return [self._list(t, c)]
        return self._other_block(t, c)

    def _line_block(self, c: list[Any]) -> m.Block:
        inlines: list[m.Inline] = []
        for i, line in enumerate(c):
            if i:
                inlines.append(m.LineBreak())
            inlines.extend(self.inlines(line))
        return m.Paragraph(_merge(inlines))

    def _heading(self, c: list[Any]) -> list[m.Block]:
        level, attr, content = c
        inlines = self.inlines(content)
        if not m.plain_text(inlines).strip():
            # A heading style on an empty line (common in Word): a heading with no name
            # helps nobody, in any format.
            self._empty_headings += 1
            return []
        return [m.Heading(level=level, inlines=inlines, id=attr[0])]

    def _list(self, t: str, c: Any) -> m.Block:
        if t == "BulletList":
            return m.ListBlock(ordered=False, items=[self.blocks(item) for item in c])
        (start, style, _delim), items = c
        return m.ListBlock(
            ordered=True,
            items=[self.blocks(item) for item in items],
            start=start,
            numbering=_NUMBERING.get(style.get("t"), "decimal"),
        )

    def _other_block(self, t: str | None, c: Any) -> list[m.Block]:
        if t == "BlockQuote":
            return [m.BlockQuote(self.blocks(c))]
        if t == "CodeBlock":
            return [m.CodeBlock(c[1])]
        if t == "DefinitionList":
            return [
                m.DefinitionList(
                    [m.DefinitionItem(self.inlines(term), [self.blocks(d) for d in defs]) for term, defs in c]
                )
            ]
        if t == "HorizontalRule":
            return [m.Rule()]
        if t == "Table":
            return [self.table(c)]
        if t == "Figure":
            return self.figure(c)
        if t == "Div":
            return self.blocks(c[1])
        if t == "RawBlock":
            self._dropped_raw += 1
            return []
        return []

    def _paragraph_or_figure(self, inlines: list[m.Inline]) -> m.Block:
        visible = [n for n in inlines if not (isinstance(n, m.Text) and not n.text.strip())]
        if len(visible) == 1 and isinstance(visible[0], m.InlineImage):
            return m.Figure(visible[0].image)
        return m.Paragraph(inlines)

    def figure(self, c: list[Any]) -> list[m.Block]:
        _attr, (_short, caption_blocks), content = c
        caption: list[m.Inline] = []
        for b in caption_blocks:
            if b.get("t") in ("Para", "Plain"):
                caption.extend(self.inlines(b["c"]))
        inner = self.blocks(content)
        if len(inner) == 1 and isinstance(inner[0], m.Figure):
            fig = inner[0]
            # Pandoc copies alt text into the caption; a caption that only repeats it adds nothing.
            if m.plain_text(caption).strip() != fig.image.alt.strip():
                fig.caption = caption
            return [fig]
        return inner + ([m.Paragraph(caption)] if _has_content(caption) else [])

    def table(self, c: list[Any]) -> m.Table:
        _attr, (_short, caption_blocks), colspecs, thead, tbodies, tfoot = c
        caption: list[m.Inline] = []
        for b in caption_blocks:
            if b.get("t") in ("Para", "Plain"):
                caption.extend(self.inlines(b["c"]))
        head = [self.row(r) for r in thead[1]]
        body: list[m.Row] = []
        row_head_cols = 0
        for _battr, rhc, head_rows, body_rows in tbodies:
            row_head_cols = max(row_head_cols, rhc)
            # Rows marked as intermediate headers in a body count as header rows only at the top.
            if not body and not head:
                head.extend(self.row(r) for r in head_rows)
            else:
                body.extend(self.row(r) for r in head_rows)
            body.extend(self.row(r) for r in body_rows)
        foot = [self.row(r) for r in tfoot[1]]
        _ = colspecs
        return m.Table(head=head, body=body, caption=caption, foot=foot, row_header_columns=row_head_cols)

    def row(self, r: list[Any]) -> m.Row:
        cells = []
        for _attr, align, rowspan, colspan, blocks in r[1]:
            cells.append(
                m.Cell(
                    blocks=self.blocks(blocks),
                    rowspan=rowspan,
                    colspan=colspan,
                    align=_ALIGN.get(align.get("t"), ""),
                )
            )
        return m.Row(cells)

    # -- inlines

    def inlines(self, nodes: list[dict[str, Any]]) -> list[m.Inline]:
        # Words and spaces are gathered as plain strings and joined once: most of a draft is
        # Str/Space nodes, and one Text per word would dominate reading time.
        out: list[m.Inline] = []
        words: list[str] = []
        for node in nodes:
            t = node.get("t")
            if t == "Str":
                words.append(node["c"])
            elif t in ("Space", "SoftBreak"):
                words.append(" ")
            else:
                if words:
                    out.append(m.Text("".join(words)))
                    words = []
                out.extend(self.inline(node))
        if words:
            out.append(m.Text("".join(words)))
        return _merge(out)

    def inline(self, node: dict[str, Any]) -> list[m.Inline]:
        c: Any  # pandoc's JSON: its shape depends on the node type t
        t, c = node.get("t"), node.get("c")
        if t == "Str":
            return [m.Text(c)]
        if t in ("Space", "SoftBreak"):
            return [m.Text(" ")]
        if t == "LineBreak":
            return [m.LineBreak()]
        if t in _STYLES:
            return [m.Styled(_STYLES[t], self.inlines(c))]
        if t == "Quoted":
            open_, close = ("\u201c", "\u201d") if c[0].get("t") == "DoubleQuote" else ("\u2018", "\u2019")
            return [m.Text(open_), *self.inlines(c[1]), m.Text(close)]
        if t == "Cite":
            return self.inlines(c[1])
        if t == "Code":
            return [m.Code(c[1])]
        if t == "Math":
            return [m.Text(c[1])]
        if t == "Span":
            return self.inlines(c[1])
        return self._inline_object(t, c)

    def _inline_object(self, t: str | None, c: Any) -> list[m.Inline]:
        """Raw HTML (dropped), links, pictures and notes."""
        if t == "RawInline":
            self._dropped_raw += 1
            return []
        if t == "Link":
            _attr, content, (url, _title) = c
            children = self.inlines(content)
            if not SAFE_URL.match(url.strip()):
                self._unsafe_links += 1
                return children
            return [m.Link(children, url.strip())]
        if t == "Image":
            return [m.InlineImage(self.image(c))]
        if t == "Note":
            self.notes.append(self.blocks(c))
            return [m.NoteRef(len(self.notes))]
        return []

    @classmethod
    def inline_text_only(cls, nodes: list[dict[str, Any]]) -> list[m.Inline]:
        """Inlines for metadata (title): text only, no notes or images."""
        builder = cls(Path("."), "markdown", Path("."))
        return [n for n in builder.inlines(nodes) if not isinstance(n, m.NoteRef | m.InlineImage)]

    def image(self, c: list[Any]) -> m.Image:
        attr, alt_inlines, (src, _title) = c
        alt = m.plain_text(self.inlines(alt_inlines)).strip()
        attrs = dict(attr[2])
        image = m.Image(
            alt=alt,
            data=None,
            source=src,
            width_cm=_length_cm(attrs.get("width")),
            height_cm=_length_cm(attrs.get("height")),
            decorative="decorative" in attr[1],
        )
        data = self._image_bytes(src)
        if data is None and not src.lower().startswith("data:"):
            self.reader_notes.append(self._missing_picture_note(src))
            return image
        if data is not None:
            # Markdown can point at the same big picture many times; the total is what costs.
            self._media_bytes += len(data)
            if self._media_bytes > self.limits.max_media_bytes:
                raise InputError(
                    self.path,
                    f"the pictures in the draft add up to more than {self.limits.max_media_mb} MB",
                    "Use smaller pictures, or fewer, and retry.",
                )
        try:
            info = _image_info(data) if data is not None else None
        except DecompressionBomb as err:
            _refuse_big_picture(
                self.path, _picture_file(src), 0, 0, self.limits, str(err.__cause__), self.kind
            )
        if info is not None:
            _refuse_big_picture(self.path, _picture_file(src), info[1], info[2], self.limits, kind=self.kind)
        if data is None or info is None:
            self.reader_notes.append(
                m.ReaderNote(
                    f"{_picture_name(src)} is not a picture accessconv can use, so its "
                    "description is shown instead.",
                    "Save the picture as PNG or JPEG and insert it into the draft again.",
                )
            )
            return image
        image.data, image.mime, image.width_px, image.height_px = data, *info
        return image

    def _missing_picture_note(self, src: str) -> m.ReaderNote:
        if self.kind in ("docx", "odt"):
            return m.ReaderNote(
                f"{_picture_name(src)} is linked to, not inside the draft, so it was not fetched; "
                "its description is shown instead.",
                "Insert the picture into the draft itself (in Word: Insert > Pictures > This Device).",
            )
        if _URL_SCHEME.match(src) and not src.lower().startswith("file:"):
            return m.ReaderNote(
                f"{_picture_name(src)} is on the web, so it was not fetched; its description is "
                "shown instead.",
                "Save the picture in the draft's folder and point to the file, e.g. ![A map](map.png).",
            )
        return m.ReaderNote(
            f"{_picture_name(src)} was not found in the draft's folder; its description is shown instead.",
            "Put the picture in the same folder as the draft (or a folder inside it) and check its name.",
        )

    def _image_bytes(self, src: str) -> bytes | None:
        if src.lower().startswith("data:image/"):
            # A picture carried inside an HTML or Markdown draft: decode it, never fetch.
            header, _, payload = src.partition(",")
            if ";base64" not in header or len(payload) > MAX_IMAGE_BYTES * 4 // 3:
                return None
            try:
                return base64.b64decode(payload, validate=False)
            except ValueError:
                return None
        if _URL_SCHEME.match(src) and not src.lower().startswith("file:"):
            return None  # a URL: never fetched
        if self.kind in ("docx", "odt"):
            candidate = Path(src).resolve()
            base = self.media_dir
        else:
            # Markdown and HTML may use pictures beside the draft, but nothing outside its folder.
            base = self.path.parent.resolve()
            candidate = (base / src.removeprefix("file:")).resolve()
        if not candidate.is_relative_to(base) or not candidate.is_file():
            return None
        if candidate.stat().st_size > MAX_IMAGE_BYTES:
            return None
        return candidate.read_bytes()


def _image_info(data: bytes) -> tuple[str, int, int] | None:
    """(mime, width, height) for a raster image Pillow can open, else None. Other formats
    (EMF, WMF, SVG) are converted to PNG where Pillow can, else rejected. Only the header is read:
    nothing is decoded here."""
    try:
        with warnings.catch_warnings():
            # Past the limit is refused by the caller; Pillow's warning would be a stray line.
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            img = PILImage.open(io.BytesIO(data))
        with img:
            fmt = (img.format or "").upper()
            mime = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif"}.get(fmt)
            if mime is None:
                return None
            return mime, img.width, img.height
    except PILImage.DecompressionBombError as err:
        raise DecompressionBomb from err
    except Exception:  # Pillow raises many types for unreadable data
        return None


class DecompressionBomb(Exception):
    """A picture past Pillow's pixel guard (reported as a too-big picture)."""


_STYLES: dict[str, m.Style] = {
    "Emph": "emph",
    "Strong": "strong",
    "Underline": "underline",
    "Strikeout": "strike",
    "Superscript": "superscript",
    "Subscript": "subscript",
    "SmallCaps": "smallcaps",
}
_NUMBERING = {
    "LowerAlpha": "lower-alpha",
    "UpperAlpha": "upper-alpha",
    "LowerRoman": "lower-roman",
    "UpperRoman": "upper-roman",
}
_ALIGN = {"AlignLeft": "left", "AlignRight": "right", "AlignCenter": "center"}
_UNITS_CM = {"cm": 1.0, "mm": 0.1, "in": 2.54, "pt": 2.54 / 72, "px": 2.54 / 96}


def _length_cm(value: str | None) -> float | None:
    if not value:
        return None
    found = re.fullmatch(r"\s*([0-9.]+)\s*(cm|mm|in|pt|px)?\s*", value)
    if not found:
        return None
    try:
        return round(float(found.group(1)) * _UNITS_CM[found.group(2) or "px"], 3)
    except ValueError:
        return None


def _has_content(inlines: list[m.Inline]) -> bool:
    return any(not isinstance(n, m.Text) or n.text.strip() for n in inlines)


def _merge(inlines: list[m.Inline]) -> list[m.Inline]:
    """Join neighbouring Text nodes and collapse runs of spaces."""
    out: list[m.Inline] = []
    for node in inlines:
        if isinstance(node, m.Text) and out and isinstance(out[-1], m.Text):
            out[-1] = m.Text(out[-1].text + node.text)
        else:
            out.append(node)
    for node in out:
        if isinstance(node, m.Text) and "  " in node.text:
            node.text = re.sub(r" {2,}", " ", node.text)
    return out


def _web_pictures(path: Path) -> int:
    """How many pictures the .docx's main part links to outside the package (TargetMode External)."""
    try:
        with zipfile.ZipFile(path) as zf:
            main = main_part(zf, "docx")
            if main is None:
                return 0
            folder, _, name = main.rpartition("/")
            rels_name = f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"
            info = zf.getinfo(rels_name)
            if info.file_size > 16 * _CHUNK:  # a real list of links is a few KB
                return 0
            rels = zf.read(info).decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error):
        return 0
    count = 0
    for tag in _RELATIONSHIP.finditer(rels):
        attrs = dict(_ATTRIBUTE.findall(tag.group(0)))
        if attrs.get("Type", "").endswith("/image") and re.search(
            r"TargetMode\s*=\s*[\"']External", tag.group(0)
        ):
            count += 1
    return count


def _refuse_endless_word(path: Path, doc: m.Document) -> None:
    """Refuse a draft with a 'word' longer than MAX_WORD_CHARS (one linear pass over the text)."""
    texts = [m.document_text(doc)]
    texts += [m.plain_text(m.block_inlines(b)) for note in doc.notes for b in m.walk_blocks(note)]
    longest = max((word for text in texts for word in text.split()), key=len, default="")
    if len(longest) > MAX_WORD_CHARS:
        raise InputError(
            path,
            f"the draft has a 'word' of {len(longest):,} characters with no spaces "
            f"(it starts '{_short(longest[:30])}...'); large print and braille cannot break it into lines",
            "Add spaces to it or remove it (put a long web address behind a link's words), and retry.",
        )


def _notes_text(notes: list[list[m.Block]]) -> bool:
    """Whether any footnote has words (a draft whose only text is a footnote is not empty)."""
    return any(
        m.plain_text(m.block_inlines(block)).strip() for note in notes for block in m.walk_blocks(note)
    )


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}" if number == 1 else f"{number} {thing}s"


def _picture_name(src: str) -> str:
    """How a picture is named to the author: its file or address, not a page of base64."""
    if src.lower().startswith("data:"):
        kind = (
            src[5:].split(";", 1)[0].split(",", 1)[0].removeprefix("image/").split("+")[0].upper()
            or "unknown"
        )
        return f"A picture carried inside the draft (type {_short(kind)})"
    return f"Picture '{_short(src)}'"


def _picture_file(src: str) -> str:
    """A picture's file name for a message (a picture inside the draft has none)."""
    return "inside the draft" if src.lower().startswith("data:") else src.rsplit("/", 1)[-1]


def _short(src: str) -> str:
    return src if len(src) <= 60 else src[:57] + "..."
