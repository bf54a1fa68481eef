"""Typst, the typesetting engine behind our PDFs (large print, giant print, Easy Read).

Writers build Typst markup from our own model; this module gives them the two things every writer
needs and nothing format-specific:

- escaping: every piece of text from the draft becomes a Typst *string literal* (`#"...";`), so
  `#`, `$`, `@`, `<label>`, `*`, `_`, `//` and `#read(...)` in a draft print literally and are
  never markup or code. Only `\\`, `"` and control characters need escaping inside a string.
- `compile_pdf`: one sandboxed compile. The compiler's root is a fresh temporary folder holding
  only the markup and the pictures we pass, so a path in the markup can reach nothing else; the
  fonts are the font files we pass (no system fonts, none of Typst's bundled fonts); no packages.
  The creation date is fixed (SOURCE_DATE_EPOCH when set), so the same input gives the same bytes.
"""

from __future__ import annotations

import atexit
import json
import multiprocessing.util
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

import resvg_py
import typst

from . import background, scratch
from . import model as m
from .errors import OutputError
from .images import raster_as_png

# A fixed creation date (2000-01-01, the date our Word files carry) unless SOURCE_DATE_EPOCH says otherwise.
FIXED_TIME = 946684800
SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:")
# Picture types Typst reads itself; anything else is converted to PNG first (SVG is rendered,
# so a picture can never point the compiler at another file).
TYPST_PICTURES = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif"}


# What changes inside a string literal: a backslash and a quote are escaped, a newline written
# as \n, a tab made a space; control characters and lone surrogates print nothing, so are dropped.
_ESCAPES: dict[int, str | None] = {
    **dict.fromkeys([*range(32), *range(0x7F, 0xA0), *range(0xD800, 0xE000)]),
    ord("\\"): "\\\\",
    ord('"'): '\\"',
    ord("\n"): "\\n",
    ord("\t"): " ",
}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f-\x9f\ud800-\udfff]')


def string(text: str) -> str:
    """`text` as a Typst string literal: nothing inside it is markup or code."""
    if _NEEDS_ESCAPE.search(text):
        text = text.translate(_ESCAPES)
    return '"' + text + '"'


# A UK phone number or postcode is read as one thing: a printed line never breaks inside it
# ("MF2" at the end of one line and "7XY" on the next).
_KEEP_TOGETHER = re.compile(
    r"\b0\d{3,4} \d{3}(?: \d{3,4})?\b|\b0\d{2} \d{4} \d{4}\b|\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b"
)


def text(value: str) -> str:
    """`value` as markup that prints it literally: an embedded string ended by a semicolon, so
    what follows can never continue the expression (`.field`, `(args)`)."""
    if not value:
        return ""
    value = _KEEP_TOGETHER.sub(lambda mt: mt.group().replace(" ", "\u00a0"), value)
    return f"#{string(value)};"


def length_pt(value: float) -> str:
    return f"{value:.3f}pt".replace(".000pt", "pt")


class Pictures:
    """The pictures one compile may read: bytes by file name, in the compile's private folder."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self._by_data: dict[bytes, str] = {}

    def add(self, data: bytes, mime: str | None) -> str | None:
        """The file name to use in `image(...)`, or None if the picture cannot be read."""
        known = self._by_data.get(data)
        if known is not None:
            return known
        ext = TYPST_PICTURES.get((mime or "").lower())
        if ext is None:
            converted = _to_png(data, mime)
            if converted is None:
                return None
            data_out, ext = converted, "png"
        else:
            data_out = data
        name = f"picture-{len(self.files) + 1}.{ext}"
        self.files[name] = data_out
        self._by_data[data] = name
        return name


def _to_png(data: bytes, mime: str | None) -> bytes | None:
    if (mime or "").lower() == "image/svg+xml" or data.lstrip()[:5] in (b"<svg ", b"<?xml"):
        try:
            # resvg-py reads no files here: only the SVG text, with no resources folder.
            return bytes(resvg_py.svg_to_bytes(svg_string=data.decode("utf-8")))
        except Exception:  # a broken SVG prints its description instead
            return None
    return raster_as_png(data)


_FONTS: dict[tuple[str, ...], typst.Fonts] = {}
_FONT_FOLDERS: dict[tuple[str, ...], str] = {}
_FOLDER_MAKER: dict[str, int] = {}  # each font folder's maker (a process id): only it removes the folder
# Typst's compiler keeps worker threads and locks once it has run; a process forked after that
# (a batch worker pool, say) has the locks but not the threads, and would wait for ever. Such a
# process compiles in a fresh Python process instead.
_state = {"used": False, "forked_after_use": False}
_FONTS_LOCK = threading.RLock()  # compiles may run in threads (PendingPdf)


def _after_fork() -> None:
    global _FONTS_LOCK
    _FONTS_LOCK = threading.RLock()  # a thread of the parent's may have held it: it is not here
    if _state["used"]:
        _state["forked_after_use"] = True


os.register_at_fork(after_in_child=_after_fork)


def _remove_own_font_folders() -> None:
    """Remove the font folders this process made; a folder a child inherited stays for its
    parent, which may still be compiling."""
    me = os.getpid()
    for folder, maker in list(_FOLDER_MAKER.items()):
        if maker == me:
            shutil.rmtree(folder, ignore_errors=True)
            del _FOLDER_MAKER[folder]


# Every way a process of ours ends: normally (atexit), as a pool's child (which ends with os._exit)
# and as a batch worker (multiprocessing runs its finalizers, not atexit, in a worker).
atexit.register(_remove_own_font_folders)
background.at_child_exit(_remove_own_font_folders)
multiprocessing.util.Finalize(None, _remove_own_font_folders, exitpriority=0)


def _font_folder(files: Sequence[str]) -> str:
    with _FONTS_LOCK:
        return _make_font_folder(files)


def _make_font_folder(files: Sequence[str]) -> str:
    key = tuple(files)
    folder = _FONT_FOLDERS.get(key)
    if folder is None:
        folder = scratch.make_folder("fonts")
        _FOLDER_MAKER[folder] = os.getpid()
        for n, file in enumerate(files):
            source = Path(file)
            if not source.is_file():
                raise OutputError(
                    f"The font file {file} is missing, so the PDF cannot be made. Install the "
                    "fonts-liberation package (scripts/setup.sh does) or set the profile's pdf_font_files."
                )
            os.symlink(source.resolve(), Path(folder) / f"{n}{source.suffix.lower()}")
        _FONT_FOLDERS[key] = folder
    return folder


def _fonts(files: Sequence[str]) -> typst.Fonts:
    """A font book of exactly these files (Typst reads fonts from folders: a private folder of
    links to them), made once a process."""
    with _FONTS_LOCK:
        return _font_book(files)


def _font_book(files: Sequence[str]) -> typst.Fonts:
    key = tuple(files)
    book = _FONTS.get(key)
    if book is None:
        folder = _font_folder(files)
        book = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[folder])
        _FONTS[key] = book
    return book


def timestamp() -> int:
    try:
        return int(os.environ.get("SOURCE_DATE_EPOCH", FIXED_TIME))
    except ValueError:
        return FIXED_TIME


def compile_pdf(
    source: str, pictures: Pictures, font_files: Sequence[str], standard: str | None = "ua-1"
) -> tuple[bytes, list[str]]:
    """Compile `source` (Typst markup) to PDF bytes, reading only `pictures` and `font_files`.

    If the file cannot meet `standard` (a character the font lacks fails PDF/UA), it is made
    again as a tagged PDF claiming no standard, with a note saying why."""
    fonts = _font_folder(font_files)
    with scratch.folder("typst") as root:
        folder = Path(root)
        for name, data in pictures.files.items():
            (folder / name).write_bytes(data)
        (folder / "main.typ").write_text(source, encoding="utf-8")
        (folder / "no-packages").mkdir()
        if _state["forked_after_use"]:
            return _compile_elsewhere(root, fonts, standard)
        _state["used"] = True
        return compile_folder(root, _fonts(font_files), standard)


class PendingPdf:
    """A compile running in a thread while this thread does other work (Typst's compiler releases
    Python's lock while it works, so the two really run at once on two cores)."""

    def __init__(
        self, source: str, pictures: Pictures, font_files: Sequence[str], standard: str | None = "ua-1"
    ) -> None:
        self._out: tuple[bytes, list[str]] | None = None
        self._error: BaseException | None = None
        work = (source, pictures, font_files, standard)
        self._thread = threading.Thread(target=self._run, args=work, daemon=True, name="accessconv-typst")
        self._thread.start()

    def _run(self, source: str, pictures: Pictures, font_files: Sequence[str], standard: str | None) -> None:
        try:
            self._out = compile_pdf(source, pictures, font_files, standard)
        except BaseException as err:  # handed to the thread that asks for the result
            self._error = err

    def result(self) -> tuple[bytes, list[str]]:
        """The PDF and its notes, as compile_pdf gives them (or its exception, raised here)."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._out is not None  # set by _run when it raised nothing
        return self._out


def compile_folder(root: str, fonts: typst.Fonts | str, standard: str | None) -> tuple[bytes, list[str]]:
    """Compile root/main.typ, with root/no-packages as the (empty) package folders."""
    if isinstance(fonts, str):
        fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[fonts])
    empty = str(Path(root) / "no-packages")
    compiler = typst.Compiler(
        root=root, font_paths=fonts, ignore_system_fonts=True, package_path=empty, package_cache_path=empty
    )
    notes: list[str] = []
    out: object = None
    for attempt in ([standard] if standard else [], []):
        try:
            out = compiler.compile(
                input=str(Path(root) / "main.typ"),
                format="pdf",
                pdf_standards=attempt,  # type: ignore[arg-type]
                timestamp=timestamp(),
            )
            break
        except typst.TypstError as err:
            if not attempt:
                raise OutputError(f"The PDF could not be made: {err.message}") from err
            notes.append(
                f"The PDF is tagged but does not claim {standard.upper() if standard else ''}: "
                f"{err.message.removeprefix('PDF/UA-1 error: ')}. Check the draft for that character."
            )
    if not isinstance(out, bytes):
        raise OutputError("The PDF could not be made: Typst returned no file.")
    return out, notes


def _compile_elsewhere(root: str, fonts: str, standard: str | None) -> tuple[bytes, list[str]]:
    """compile_folder in a fresh Python process (see _state), the result passed back as files."""
    code = (
        "import json, sys; from pathlib import Path; from accessconv.errors import OutputError\n"
        "from accessconv.typeset import compile_folder\n"
        "root, fonts, standard = sys.argv[1], sys.argv[2], sys.argv[3] or None\n"
        "try:\n"
        "    pdf, notes = compile_folder(root, fonts, standard)\n"
        "except OutputError as err:\n"
        "    Path(root, 'error.txt').write_text(str(err), encoding='utf-8'); sys.exit(3)\n"
        "Path(root, 'out.pdf').write_bytes(pdf)\n"
        "Path(root, 'notes.json').write_text(json.dumps(notes), encoding='utf-8')\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    done = subprocess.run([sys.executable, "-c", code, root, fonts, standard or ""], env=env, check=False)
    folder = Path(root)
    if done.returncode == 3:
        raise OutputError((folder / "error.txt").read_text(encoding="utf-8"))
    if done.returncode != 0 or not (folder / "out.pdf").is_file():
        raise OutputError("The PDF could not be made: the Typst process stopped unexpectedly.")
    notes = json.loads((folder / "notes.json").read_text(encoding="utf-8"))
    return (folder / "out.pdf").read_bytes(), [str(n) for n in notes]


# ---------------------------------------------------------------- inline markup from the model


class InlineWriter:
    """Our inlines as Typst markup. Large print has one emphasis, bold: italic, underline and
    small capitals become bold; raised and lowered text stays on the line at full size."""

    def __init__(self, pictures: Pictures, note_mark: str = " [{n}]", missing_label: str = "") -> None:
        self.pictures = pictures
        self.note_mark = note_mark
        self.missing_label = missing_label
        # Whether some picture has no alt text (then the file cannot claim PDF/UA).
        self.missing_alt = False

    def inlines(self, nodes: list[m.Inline]) -> str:
        return "".join(self.inline(n) for n in nodes)

    def inline(self, n: m.Inline) -> str:
        if isinstance(n, m.Text | m.Code):
            return text(" ".join(n.text.split("\n")))
        if isinstance(n, m.Styled):
            inner = self.inlines(n.children)
            if not inner:
                return ""
            if n.style in ("emph", "strong", "underline", "smallcaps"):
                return f"#strong[{inner}];"
            if n.style == "strike":
                return f"#strike[{inner}];"
            return inner
        if isinstance(n, m.Link):
            inner = self.inlines(n.children)
            url = n.url.strip()
            if not url.lower().startswith(SAFE_SCHEMES) or not inner:
                return inner
            return f"#link({string(url)})[{inner}];"
        if isinstance(n, m.NoteRef):
            return text(self.note_mark.format(n=n.number))
        if isinstance(n, m.LineBreak):
            return "#linebreak();"
        if isinstance(n, m.InlineImage):
            return self.picture(n.image, inline=True)
        return ""

    def picture(self, image: m.Image, width: str = "", inline: bool = False) -> str:
        name = self.pictures.add(image.data, image.mime) if image.data is not None else None
        if name is None:
            return text(f"{self.missing_label} {image.alt or 'no description'}".strip())
        size = f", width: {width}" if width else ""
        if image.decorative or not image.alt.strip():
            # A decorative picture is an artifact, which screen readers skip. A picture the draft
            # left without alt text and did not mark decorative keeps no alt (the check reports it).
            alt = "" if image.decorative else ", alt: none"
            self.missing_alt = self.missing_alt or not image.decorative
            picture = f"image({string(name)}{size}{alt})"
            if image.decorative:
                picture = f"pdf.artifact({picture})"
        else:
            picture = f"image({string(name)}{size}, alt: {string(image.alt.strip())})"
        return f"#box({picture});" if inline else f"#{picture};"
