"""Measure the picture beside each Easy Read point against a gold set written by a person.

The gold set (`tests/data/easy-read/pictures-gold.jsonl`, one point a line) holds points as the
Easy Read pages of the test drafts give them: the point's sentences and the key terms the language
step handed to the pictures step, so the figures measure the picture CHOICE alone (a change to
sentence splitting does not move them). Each point lists the symbols a careful Easy Read writer
would accept (`accept`: concept ids of our Mulberry map, or Mulberry file names without ".svg"
for a picture the map may not have yet; an empty list means nothing in the set fits) and, where a
keyword of the point has a misleading sense, the concepts that would say the wrong thing (`wrong`:
a smoking picture for a smoke alarm). `part` is "tuning" or "held-out" (documents not looked at
while the method was tuned; report them apart).

Judging, as a reader sees it: the top picture is *acceptable* when its concept is accepted or its
picture file is the file of an accepted concept (the "rent" and "money" concepts show the same
picture). A point where nothing fits is acceptable when it gets no picture or a doubtful one
(a doubtful picture goes to the review sheet for a person to choose).

    PYTHONPATH=src .venv/bin/python scripts/measure_pictures.py [--misses] [--part held-out]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from accessconv.formats.easy_read import symbols as sym
from accessconv.formats.easy_read.pictures.choice import choose_all
from accessconv.formats.easy_read.pictures.config import PictureSettings
from accessconv.formats.easy_read.pictures.sets import SymbolSet
from accessconv.profiles import load

GOLD = Path(__file__).resolve().parent.parent / "tests" / "data" / "easy-read" / "pictures-gold.jsonl"


@dataclass(frozen=True)
class GoldPoint:
    id: str
    doc: str
    part: str
    sentences: list[str]
    key_terms: list[str]
    accept: list[str]
    wrong: list[str]


@dataclass
class Figures:
    points: int = 0
    acceptable: int = 0
    wrong_sense: int = 0
    confident: int = 0
    confident_bad: int = 0
    topic_shown: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.acceptable / self.points if self.points else 0.0

    def row(self, label: str) -> str:
        n = max(1, self.points)
        return (
            f"{label:<10} {self.points:>4} points  top-1 acceptable {self.acceptable:>4} ({self.rate:.1%})  "
            f"wrong sense {self.wrong_sense}  sure {self.confident / n:.0%} (sure but not acceptable "
            f"{self.confident_bad})  topic shown {self.topic_shown}"
        )


def load_gold(path: Path = GOLD) -> list[GoldPoint]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            raw = json.loads(line)
            out.append(GoldPoint(**{k: raw[k] for k in GoldPoint.__dataclass_fields__}))
    return out


def _stem(file: str) -> str:
    return file.removesuffix(".svg").lower()


def _accepted_files(accept: Iterable[str], sets: list[SymbolSet]) -> set[str]:
    files = set()
    for name in accept:
        files.add(name.lower())
        for symbol_set in sets:
            found = symbol_set.find(name)
            if found is not None and found.file:
                files.add(_stem(found.file))
    return files


def measure(settings: PictureSettings, gold: list[GoldPoint] | None = None) -> dict[str, Figures]:
    """Figures for "all", "tuning" and "held-out", each document's points chosen together (as
    the pipeline does: topics and variety work across the document)."""
    gold = load_gold() if gold is None else gold
    sets = sym.load_sets(settings)
    by_doc: dict[str, list[GoldPoint]] = {}
    for point in gold:
        by_doc.setdefault(point.doc, []).append(point)
    figures = {"all": Figures(), "tuning": Figures(), "held-out": Figures()}
    for points in by_doc.values():
        choices, _topics = choose_all([(p.sentences, p.key_terms) for p in points], sets, settings)
        for point, choice in zip(points, choices, strict=True):
            concept = choice.best.concept if choice.best is not None else ""
            file = _stem(choice.best.symbol.file) if choice.best is not None else ""
            if point.accept:
                good = concept in point.accept or file in _accepted_files(point.accept, sets)
            else:
                good = not choice.confident
            wrong = bool(concept) and concept in point.wrong
            for key in ("all", point.part):
                f = figures[key]
                f.points += 1
                f.acceptable += good
                f.wrong_sense += wrong
                f.confident += choice.confident
                f.confident_bad += choice.confident and not good
                f.topic_shown += choice.topic
                if not good:
                    text = " ".join(point.sentences)
                    f.misses.append(
                        f"{point.id}: {text[:110]} -> {concept or '-'} "
                        f"({'sure' if choice.confident else 'doubtful'} {choice.score}); "
                        f"accept {';'.join(point.accept) or 'none'}{' WRONG SENSE' if wrong else ''}"
                    )
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--misses", action="store_true", help="list the points whose picture is not acceptable"
    )
    parser.add_argument(
        "--part", choices=("all", "tuning", "held-out"), default="all", help="misses of this part"
    )
    parser.add_argument("--gold", type=Path, default=GOLD)
    args = parser.parse_args(argv)
    settings = load("easy-read").settings.pictures
    figures = measure(settings, load_gold(args.gold))
    for label in ("all", "tuning", "held-out"):
        print(figures[label].row(label))
    if args.misses:
        for miss in figures[args.part].misses:
            print("  " + miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
