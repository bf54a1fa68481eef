"""Braille speed: the whole braille profile against liblouis alone, on a 25,000-word draft.

Both run in the same run, on this machine, so the ratio means something anywhere:
  baseline = `lou_translate en-ueb-g2.ctb` translating the draft's plain text (a paragraph a line);
  ours     = accessconv's braille write (translation, layout, BRF + PEF + preview) plus every
             check on the three files (reading them back, back-translation, round trip).
Reading the draft with pandoc is shared by every format and reported separately.
Aim: ratio <= 2 (formatting and checks cost less than liblouis itself).

Built for a small shared machine: the two take turns (after a round each to warm up), so both
meet the same load; the ratio compares CPU time (other work inflates wall-clock time unevenly;
wall time is shown too), taking each one's best run, and the median of the rounds' own ratios
is shown beside it. Both start cold: our caches are cleared and liblouis compiles its tables
again each round, as lou_translate does. The load average is printed before and after.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_braille.py [--words 25000] [--runs 11]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
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


def interleaved(runs: int, first, second) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """(CPU seconds, wall seconds) of each run of the two, taking turns after a warm-up round;
    each function returns its own CPU time."""
    times: tuple[list[tuple[float, float]], list[tuple[float, float]]] = ([], [])
    for round_ in range(runs + 1):
        for k, fn in enumerate((first, second)):
            start = time.perf_counter()
            cpu = fn()
            if round_:  # round 0 warms up (imports, the PEF schema, the disk cache)
                times[k].append((cpu, time.perf_counter() - start))
    return times


def load_average() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=25_000)
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    if shutil.which("lou_translate") is None:
        sys.exit(
            "bench_braille: lou_translate is missing; install the liblouis-bin package (scripts/setup.sh)."
        )

    import louis

    from accessconv import model as m
    from accessconv import profiles
    from accessconv.formats.braille import checks as braille_checks
    from accessconv.formats.braille import plugin as braille
    from accessconv.reader import read

    # CPU time spent inside liblouis during our run, to show what formatting and checks add: the C
    # functions themselves (the bindings' Python around them counts as ours).
    in_louis = [0.0]

    def timed(fn):
        def wrapper(*args, **kwargs):
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                in_louis[0] += time.process_time() - start

        return wrapper

    for name in ("lou_translateString", "lou_backTranslateString"):
        setattr(louis.liblouis, name, timed(getattr(louis.liblouis, name)))

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

        load_before = load_average()
        base_runs, our_runs = interleaved(args.runs, baseline, ours)
    load_after = load_average()
    base, base_wall = min(c for c, _ in base_runs), min(w for _, w in base_runs)
    mine, mine_wall = min(c for c, _ in our_runs), min(w for _, w in our_runs)
    paired = statistics.median(o[0] / b[0] for b, o in zip(base_runs, our_runs, strict=True))
    louis_part = min(louis_times[1:])
    rest = mine - louis_part
    print(
        f"machine: {os.cpu_count()} cores; load average (1, 5, 15 min): {load_before} before, "
        f"{load_after} after"
    )
    print(
        f"draft: {n_words} words of plain text (reading it with pandoc took {read_time:.2f} s, not counted)"
    )
    print(f"{args.runs} rounds, taking turns; best CPU time of each (median in brackets):")
    print(
        f"  lou_translate {' '.join(profile.settings.tables)}: {base:.3f} s CPU "
        f"({statistics.median(c for c, _ in base_runs):.3f}); wall {base_wall:.3f} s"
    )
    print(
        f"  accessconv braille (write BRF+PEF+preview, check all three): {mine:.3f} s CPU "
        f"({statistics.median(c for c, _ in our_runs):.3f}); wall {mine_wall:.3f} s"
    )
    verdict = "met" if mine / base <= 2 else "NOT met"
    print(
        f"ratio: {mine / base:.2f} (best CPU time of each; aim <= 2: {verdict}); median of the rounds' own "
        f"ratios {paired:.2f}; wall-clock ratio {mine_wall / base_wall:.2f}"
    )
    print(
        f"  of which inside liblouis (compiling the tables, translation with emphasis typeforms, "
        f"back-translation for the round trip): {louis_part:.3f} s = {louis_part / base:.2f} x "
        f"lou_translate; formatting, files and checks: {rest:.3f} s = {rest / base:.2f} x lou_translate"
    )


if __name__ == "__main__":
    main()
