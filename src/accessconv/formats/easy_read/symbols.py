"""Pictures for Easy Read points: the entry point of the pictures step.

The engine is in `pictures/` (symbol sets, words, the whole-document choice); this module
keeps the names the rest of accessconv imports and applies a person's choices.

Sets, in order: a council's own folder (Photosymbols, Widgit... when `symbol_set = "folder"`),
the Mulberry Symbols (adult AAC pictograms, CC BY-SA 4.0, vendored as a zip), then OpenMoji
(emoji, CC BY-SA 4.0) as the fallback for ideas Mulberry lacks. Choice follows the symbol-tool
research (Widgit InPrint, Text2Picto): base forms, longest phrase first, no function words, the
point's own idea before the document's topic, and an honest confidence: a doubtful picture is
shown but goes on the review sheet with three alternatives and the exact line that picks one.
A person's choices win: `[pictures]` in `<draft>.easy-read.toml` (by point id) and the older
`<draft>.symbols.csv` (by words).
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import ProfileError
from ...model import Document
from . import decisions as decisions_file
from .language.model import EasyReadDocument, Picture, Point, ReviewItem
from .pictures.choice import Candidate, Choice, choose_all
from .pictures.config import Confidence, PictureSettings
from .pictures.sets import (
    MULBERRY_MAP,
    MULBERRY_ZIP,
    OPENMOJI_MAP,
    PICTURE_TYPES,
    Match,
    Symbol,
    SymbolSet,
    choose,
    load_named_set,
    load_symbol_set,
    matches,
    read_keyword_csv,
    read_mulberry_map,
    render_ahead,
)
from .pictures.words import (
    DATA,
    ENTITIES,
    SKIP_PHRASES,
    SKIP_WORDS,
    entities,
    find_entities,
    lemmas,
    tokenise,
)

__all__ = [
    "DATA",
    "ENTITIES",
    "MULBERRY_MAP",
    "MULBERRY_ZIP",
    "OPENMOJI_MAP",
    "PICTURE_TYPES",
    "SKIP_PHRASES",
    "SKIP_WORDS",
    "Confidence",
    "Match",
    "PictureReviewItem",
    "PictureSettings",
    "Symbol",
    "SymbolSet",
    "add_pictures",
    "choose",
    "entities",
    "find_entities",
    "gender_of",
    "lemmas",
    "load_sets",
    "load_symbol_set",
    "matches",
    "picture_of",
    "point_id",
    "read_keyword_csv",
    "read_mulberry_map",
    "tokenise",
]


@dataclass
class Alternative:
    """A picture a person may choose instead, as the review sheet shows it."""

    concept: str
    png: bytes
    decision_line: str


@dataclass
class PictureReviewItem(ReviewItem):
    """A doubtful picture on the review sheet, with alternatives as thumbnails."""

    picture: Picture | None = None
    score: float = 0.0
    alternatives: list[Alternative] = field(default_factory=list)


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


def load_sets(settings: PictureSettings) -> list[SymbolSet]:
    """The main set, then the fallbacks (each once)."""
    names = [settings.symbol_set] + [n for n in settings.fallback if n != settings.symbol_set]
    return [load_named_set(name, settings) for name in dict.fromkeys(names)]


def point_id(point: Point) -> str:
    """The point's id from the language step, or the same kind of id made from its source text."""
    if point.id:
        return point.id
    text = " ".join((point.source or " ".join(point.sentences)).split()).lower()
    return "p-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


_MULBERRY_GENDER = (
    # How Mulberry names show a person's gender (not the `_1a/_1b` of its README, see
    # docs/mulberry-symbols-data.md): care_assistant_<n><a man|b woman>, jobs <1 man|2 woman><skin>,
    # feelings _man/_lady, sleep _male/_female.
    (re.compile(r"^care_assistant_\d([ab])\.svg$"), {"a": "m", "b": "f"}),
    (re.compile(r"^(?!police|visitor)[A-Za-z_]+_([12])[ab]\.svg$"), {"1": "m", "2": "f"}),
    (
        re.compile(r"_(man|lady|male|female)(?:_,_to)?\.svg$"),
        {"man": "m", "male": "m", "lady": "f", "female": "f"},
    ),
)


def gender_of(file: str) -> str:
    """ "m", "f" or "" (not a person, or not known) for a Mulberry file name."""
    for pattern, genders in _MULBERRY_GENDER:
        found = pattern.search(file)
        if found:
            return genders[found.group(1)]
    return ""


def _file_for(symbol: Symbol, people: str) -> str:
    """The picture file, swapped for the other gender's drawing when the profile asks for it
    and the map lists one among the alternatives."""
    wanted = {"women": "f", "men": "m"}.get(people, "")
    if wanted and symbol.variant and symbol.variant != wanted:
        for file in symbol.alternatives:
            if gender_of(file) == wanted:
                return file
    return symbol.file


def picture_of(c: Candidate, confidence: Confidence, settings: PictureSettings) -> Picture:
    symbol = c.symbol
    file = _file_for(symbol, settings.people)
    return Picture(
        concept=symbol.concept.replace("_", " "),
        png=c.symbol_set.render(file),
        source_file=file,
        keyword=c.keyword,
        confidence=confidence,
        credit=c.symbol_set.credit,
    )


def _find_any(sets: list[SymbolSet], name: str) -> tuple[SymbolSet, Symbol] | None:
    for symbol_set in sets:
        symbol = symbol_set.find(name)
        if symbol is None and "_" not in name:
            symbol = symbol_set.find(name.replace(" ", "_"))
        if symbol is not None:
            return symbol_set, symbol
    return None


def _alternatives(choice: Choice, pid: str, settings: PictureSettings) -> list[Alternative]:
    """Three other pictures: the next ideas of the point, then other drawings of the chosen idea."""
    return [
        Alternative(label, symbol_set.render(file), f'"{pid}" = "{named}"')
        for label, symbol_set, file, named in _alternative_files(choice, settings)
    ]


def _alternative_files(
    choice: Choice, settings: PictureSettings, limit: int = 3
) -> list[tuple[str, SymbolSet, str, str]]:
    """(label, set, file, the name the decision line gives) of each alternative picture."""
    out: list[tuple[str, SymbolSet, str, str]] = []
    for c in choice.others[:limit]:
        out.append((c.concept, c.symbol_set, _file_for(c.symbol, settings.people), c.concept))
    if choice.best is not None:
        best = choice.best
        label = f"{best.concept.replace('_', ' ')}, another drawing"
        for file in best.symbol.alternatives:
            if len(out) == limit:
                break
            if best.symbol_set.has_file(file) and file != _file_for(best.symbol, settings.people):
                out.append((label, best.symbol_set, file, file))
    return out


def _pictures_needed(choices: list[Choice], settings: PictureSettings) -> list[tuple[SymbolSet, str]]:
    """The pictures add_pictures will show for these choices (a point a person decided may need
    none of them: rendering one too many only costs time)."""
    out: list[tuple[SymbolSet, str]] = []
    for choice in choices:
        if choice.best is None:
            continue
        if choice.confident or settings.show_weak:
            out.append((choice.best.symbol_set, _file_for(choice.best.symbol, settings.people)))
        if not choice.confident:
            out.extend((s, file) for _label, s, file, _named in _alternative_files(choice, settings))
    return out


def add_pictures(
    doc: EasyReadDocument, settings: PictureSettings, source: Path | Document | None = None
) -> SymbolSet:
    """Give every point a picture (or a placeholder) and list doubtful or missing ones for review.
    Returns the main symbol set, with `cover` set to the document's topic picture."""
    if isinstance(source, Document):
        source = source.source
    sets = load_sets(settings)
    main = sets[0]
    overrides: list[Override] = []
    path_for: dict[int, Path] = {}
    for path in override_files(settings, source):
        for o in read_overrides(path):
            overrides.append(o)
            path_for[id(o)] = path
    chosen_by_person = decisions_file.load(source).pictures if source is not None else {}
    points = [p for section in doc.sections for p in section.points]
    choices, topics = choose_all([(p.sentences, p.key_terms) for p in points], sets, settings)
    render_ahead(_pictures_needed(choices, settings))
    for point, choice in zip(points, choices, strict=True):
        pid = point_id(point)
        decided = chosen_by_person.get(pid)
        if decided is not None:
            point.picture = _decided(decided, sets, pid)
            continue
        picture = _apply_override(point, overrides, main, path_for)
        if picture is not None:
            point.picture = picture
            continue
        text = " ".join(point.sentences)
        if choice.best is None:
            point.picture = main.placeholder()
            doc.review.append(
                PictureReviewItem(
                    "no-picture",
                    text,
                    point.where,
                    "No picture fitted this point. Choose one and add the line to the decisions file.",
                    point=pid,
                    decision_line=f'"{pid}" = "concept"',
                )
            )
            continue
        confidence: Confidence = "confident" if choice.confident else "weak"
        if not choice.confident and not settings.show_weak:
            point.picture = main.placeholder(choice.best.keyword)
        else:
            point.picture = picture_of(choice.best, confidence, settings)
        if not choice.confident:
            why = "it is the document's topic" if choice.topic else f"score {choice.score:.2f}"
            doc.review.append(
                PictureReviewItem(
                    "weak-picture",
                    text,
                    point.where,
                    f"The picture '{choice.best.concept}' was chosen from '{choice.best.keyword}' "
                    f"({why}). Check it fits, or choose another.",
                    point=pid,
                    decision_line=f'"{pid}" = "{choice.best.concept}"',
                    picture=point.picture,
                    score=choice.score,
                    alternatives=_alternatives(choice, pid, settings),
                )
            )
    main.cover = _cover(doc, topics, sets, settings)
    return main


def _decided(name: str, sets: list[SymbolSet], pid: str) -> Picture:
    if name.strip().lower() == "none":
        return sets[0].placeholder("decided")
    found = _find_any(sets, name)
    if found is None:
        raise ProfileError(
            f'The decisions file gives point {pid} the picture "{name}", which is in no symbol set. '
            "Use a concept or file name from the review sheet."
        )
    symbol_set, symbol = found
    return symbol_set.picture(symbol, "decided", "confident")


def _cover(
    doc: EasyReadDocument, topics: list[str], sets: list[SymbolSet], settings: PictureSettings
) -> Picture | None:
    """The document's topic goes on the cover (a title word first, else the most frequent idea)."""
    title = choose_all([([doc.title], [])], sets, settings)[0][0]
    if title.best is not None and title.best.kind != "weak":
        return picture_of(title.best, "confident", settings)
    for concept in topics:
        found = _find_any(sets, concept)
        if found is not None:
            symbol_set, symbol = found
            return symbol_set.picture(symbol, "topic", "confident")
    return None
