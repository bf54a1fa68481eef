"""Measures of the picture choice on the labelled points (tests/data/pictures-labelled-points.jsonl).

Used by tests/test_easyread_pictures_measures.py (floors) and benchmarks/bench_pictures.py (the
full table). A point is judged *right* when the concept shown is one of its `right` or
`acceptable` concepts; OpenMoji pictures are judged by the same concept ids where the two maps
share a name (money, meeting, phone...), so the OpenMoji-only figures are a fair "before".
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from accessconv.formats.easy_read import symbols as sym
from accessconv.formats.easy_read.language.key_terms import key_terms
from accessconv.formats.easy_read.pictures.choice import choose_all
from accessconv.formats.easy_read.pictures.config import PictureSettings

LABELLED = Path(__file__).parent / "data" / "pictures-labelled-points.jsonl"
# Documents kept out while the method was tuned, reported on their own.
HELD_OUT = ("transport", "safeguarding", "day_services")


def load_points() -> list[dict[str, object]]:
    return [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines() if line.strip()]


@dataclass
class Measures:
    points: int = 0
    right: int = 0
    confident: int = 0
    confident_wrong: int = 0
    gaps: int = 0
    repeats: list[int] = field(default_factory=list)  # most times one picture shows, per document
    in_a_row: int = 0  # points whose picture is the same as on the 2 points before
    misses: list[str] = field(default_factory=list)

    def row(self, label: str) -> str:
        n = max(1, self.points)
        worst = max(self.repeats or [0])
        return (
            f"{label:<34} {self.points:>4} {self.right / n:>7.0%} {self.confident / n:>7.0%} "
            f"{self.confident_wrong / n:>8.1%} {self.gaps:>5} {worst:>9} {self.in_a_row:>7}"
        )


HEADER = (
    f"{'':<34} {'pts':>4} {'right':>7} {'sure':>7} {'sure+bad':>8} {'gaps':>5} {'max reps':>9} {'3 rows':>7}"
)


def _norm(concept: str) -> str:
    return concept.strip().lower().replace(" ", "_")


def measure(
    settings: PictureSettings, docs: set[str] | None = None, exclude: set[str] | None = None
) -> Measures:
    """Choose pictures for every labelled document, as the pipeline does, and judge them."""
    sets = sym.load_sets(settings)
    by_doc: dict[str, list[dict[str, object]]] = {}
    for p in load_points():
        doc = str(p["doc"])
        if (docs is None or doc in docs) and not (exclude and doc in exclude):
            by_doc.setdefault(doc, []).append(p)
    out = Measures()
    for points in by_doc.values():
        texts = [str(p["text"]) for p in points]
        choices, _topics = choose_all([([t], key_terms([t], [], 3)) for t in texts], sets, settings)
        shown: list[str] = []
        for p, choice in zip(points, choices, strict=True):
            good = {_norm(str(c)) for c in list(p["right"]) + list(p.get("acceptable", []))}  # type: ignore[call-overload]
            concept = _norm(choice.best.concept) if choice.best is not None else ""
            out.points += 1
            if not concept:
                out.gaps += 1
            is_right = concept in good
            out.right += is_right
            if choice.confident:
                out.confident += 1
                if not is_right:
                    out.confident_wrong += 1
            if not is_right:
                out.misses.append(
                    f"{p['id']}: {p['text']} -> {concept or '-'} "
                    f"({'sure' if choice.confident else 'doubtful'} {choice.score}), right {p['right']}"
                )
            if concept and len(shown) >= 2 and shown[-1] == shown[-2] == concept:
                out.in_a_row += 1
            shown.append(concept)
        counts = Counter(c for c in shown if c)
        out.repeats.append(max(counts.values()) if counts else 0)
    return out


def openmoji_only(settings: PictureSettings) -> PictureSettings:
    return replace(settings, symbol_set="openmoji", fallback=[])


def measure_main_openmoji(settings: PictureSettings) -> Measures:
    """The "before": main's single-set choice (symbols.choose) with OpenMoji, point by point."""
    symbol_set = sym.load_symbol_set(openmoji_only(settings))
    out = Measures()
    by_doc: dict[str, list[str]] = {}
    for p in load_points():
        text = str(p["text"])
        picture = sym.choose([text], key_terms([text], [], 3), symbol_set, show_weak=True)
        concept = _norm(picture.concept) if picture.png is not None else ""
        good = {_norm(str(c)) for c in list(p["right"]) + list(p.get("acceptable", []))}  # type: ignore[call-overload]
        out.points += 1
        out.gaps += not concept
        out.right += concept in good
        if picture.confidence == "confident":
            out.confident += 1
            out.confident_wrong += concept not in good
        shown = by_doc.setdefault(str(p["doc"]), [])
        if concept and len(shown) >= 2 and shown[-1] == shown[-2] == concept:
            out.in_a_row += 1
        shown.append(concept)
    for shown in by_doc.values():
        counts = Counter(c for c in shown if c)
        out.repeats.append(max(counts.values()) if counts else 0)
    return out
