"""Braille speed: the whole braille profile against liblouis alone, on a 25,000-word draft.

Both run in the same run, on this machine, so the ratio means something anywhere:
  baseline = `lou_translate en-ueb-g2.ctb` translating the draft's plain text (a paragraph a line);
  ours     = accessconv's braille write (translation, layout, BRF + PEF + preview) plus every
             check on the three files (reading them back, back-translation, round trip).
Reading the draft with pandoc is shared by every format and reported separately.
Aim: ratio <= 2 (formatting and checks cost less than liblouis itself). The ratio compares CPU
time (other work on a shared machine inflates wall-clock time unevenly); wall time is shown too.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_braille.py [--words 25000]
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

SENTENCES = [
    "Northbrook Borough Council wants every person who draws on care and support to be helped by staff.",
    "Care workers told us that low pay and long travel times are the main reasons they leave their jobs.",
    "The council has set aside £1.2 million over three years, and 25% of new starters leave in year one.",
    "We will **utilise** your comments to change the strategy where we can, *before* 31 January 2027.",
    "Read the [consultation details](https://www.northbrook.example.gov.uk/workforce-strategy) online.",
    "Email workforce.strategy@northbrook.example.gov.uk or phone 01632 960 123 between 9am and 5pm.",
    "People who use services and their families said they want to see the same care workers each week.",
    "Co-production means people and the council working as equal partners to design and check services.",
]


_MARKUP = re.compile(r"\]\([^)]*\)|[*\[\]]")  # link targets and emphasis marks are not words


def build_draft(words: int) -> str:
    parts = [
        "---",
        "title: Benchmark Workforce Strategy",
        "lang: en-GB",
        "---",
        "",
        "# Benchmark Strategy",
        "",
    ]
    count, section = 0, 0
    while count < words:
        section += 1
        parts += [f"## Section {section}: what people told us", ""]
        for p in range(4):
            text = " ".join(SENTENCES[(section + p + k) % len(SENTENCES)] for k in range(3))
            parts += [text, ""]
            count += len(_MARKUP.sub(" ", text).split())
        parts += ["- they want to see the same care workers;", "- care workers should have time to talk.", ""]
        parts += ["| Measure | Now | Target |", "|---|---|---|", "| Vacancies | 1 in 8 | 1 in 16 |", ""]
        count += 5 + 15 + 10
    return "\n".join(parts) + "\n"


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def best_of_interleaved(runs: int, first, second) -> tuple[tuple[float, float], tuple[float, float]]:
    """Best (CPU seconds, wall seconds) of each, taking turns; each function returns its CPU time."""
    cpu: tuple[list[float], list[float]] = ([], [])
    wall: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for k, fn in enumerate((first, second)):
            start = time.perf_counter()
            cpu[k].append(fn())
            wall[k].append(time.perf_counter() - start)
    return (min(cpu[0]), min(wall[0])), (min(cpu[1]), min(wall[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=25_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if shutil.which("lou_translate") is None:
        sys.exit(
            "bench_braille: lou_translate is missing; install the liblouis-bin package (scripts/setup.sh)."
        )

    import louis

    from accessconv import model as m
    from accessconv import profiles
    from accessconv.checks import braille as braille_checks
    from accessconv.formats import braille
    from accessconv.reader import read

    # CPU time spent inside liblouis during our run, to show what formatting and checks add.
    in_louis = [0.0]

    def timed(fn):
        def wrapper(*args, **kwargs):
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                in_louis[0] += time.process_time() - start

        return wrapper

    louis.translateString = timed(louis.translateString)
    louis.backTranslateString = timed(louis.backTranslateString)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        draft = folder / "bench.md"
        draft.write_text(build_draft(args.words), encoding="utf-8")
        start = time.perf_counter()
        doc = read(draft)
        read_time = time.perf_counter() - start
        plain = m.document_text(doc) + "\n"
        (folder / "plain.txt").write_text(plain, encoding="utf-8")
        n_words = len(plain.split())
        profile = profiles.load("braille")

        def baseline() -> float:
            before = cpu_of_children()
            with (folder / "plain.txt").open("rb") as stdin:
                command = ["lou_translate", *profile.settings.tables]
                subprocess.run(command, stdin=stdin, stdout=subprocess.DEVNULL, check=True)
            return cpu_of_children() - before

        louis_times: list[float] = []

        def ours() -> float:
            start = time.process_time()
            in_louis[0] = 0.0
            # Start cold each time: nothing cached from the last run, and liblouis compiles its
            # tables again, as lou_translate does.
            braille_checks.clear_caches()
            louis.liblouis.lou_free()
            out = folder / "out"
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir()
            written = braille.write(doc, profile, out, "bench")
            for path in written.paths:
                results = braille.check(path, profile, doc=doc)
                assert not [r for r in results if r.status == "error"], results
            louis_times.append(in_louis[0])
            return time.process_time() - start

        (base, base_wall), (mine, mine_wall) = best_of_interleaved(args.runs, baseline, ours)
    louis_part = min(louis_times)
    rest = mine - louis_part
    print(
        f"draft: {n_words} words of plain text (reading it with pandoc took {read_time:.2f} s, not counted)"
    )
    print(f"lou_translate {' '.join(profile.settings.tables)}: {base:.3f} s CPU ({base_wall:.3f} s wall)")
    print(
        f"accessconv braille (write BRF+PEF+preview, check all three): {mine:.3f} s CPU "
        f"({mine_wall:.3f} s wall)"
    )
    print(f"ratio: {mine / base:.2f} (CPU time; aim <= 2); wall-clock ratio {mine_wall / base_wall:.2f}")
    print(
        f"  of which inside liblouis (translation with emphasis typeforms, back-translation for the "
        f"round trip): {louis_part:.3f} s; formatting, files and checks: {rest:.3f} s = {rest / base:.2f} x "
        "lou_translate"
    )


if __name__ == "__main__":
    main()
