"""Easy Read pictures: quality and speed of the choice on the 242 labelled points.

Prints before (main's OpenMoji-only rules) / after (Mulberry + OpenMoji) figures, the 3 documents
held out while tuning, and how long loading the sets, choosing and rendering take.
Run: PYTHONPATH=src:tests .venv/bin/python benchmarks/bench_pictures.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from easy_read_builders import profile  # noqa: E402
from pictures_measures import HEADER, HELD_OUT, load_points, measure, measure_main_openmoji  # noqa: E402


def main() -> None:
    from accessconv.formats.easy_read import symbols as sym
    from accessconv.formats.easy_read.language.key_terms import key_terms
    from accessconv.formats.easy_read.pictures.choice import choose_all

    settings = profile().settings.pictures
    print(HEADER)
    print(measure_main_openmoji(settings).row("before: OpenMoji only (main)"))
    print(measure(settings).row("after: Mulberry + OpenMoji"))
    print(measure(settings, exclude=set(HELD_OUT)).row("  10 documents used in tuning"))
    print(measure(settings, docs=set(HELD_OUT)).row("  3 documents held out"))

    start = time.perf_counter()
    sets = sym.load_sets(settings)
    loaded = time.perf_counter()
    texts = [str(p["text"]) for p in load_points()]
    choices, _ = choose_all([([t], key_terms([t], [], 3)) for t in texts], sets, settings)
    chosen = time.perf_counter()
    for c in choices:
        if c.best is not None:
            sym.picture_of(c.best, "weak", settings)
    rendered = time.perf_counter()
    print(
        f"load sets {loaded - start:.2f} s; choose for {len(texts)} points {chosen - loaded:.2f} s; "
        f"render {len({c.best.symbol.file for c in choices if c.best})} pictures {rendered - chosen:.2f} s"
    )


if __name__ == "__main__":
    main()
