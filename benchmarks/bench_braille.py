"""Braille speed: the whole braille profile against liblouis alone, on a 25,000-word draft.

Both run in this process's run, on this machine, so the ratio means something anywhere:
  baseline = `lou_translate en-ueb-g2.ctb` translating the draft's plain text (a paragraph a line);
  ours     = accessconv's braille write (translation, layout, BRF + PEF + preview) plus every
             check on the three files (reading them back, back-translation, round trip).
Reading the draft with pandoc is shared by every format and reported separately.
Aim: ratio <= 2 (formatting and checks cost less than liblouis itself).

    PYTHONPATH=src .venv/bin/python benchmarks/bench_braille.py [--words 25000]
"""

from __future__ import annotations

import argparse
import re
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


def best_of_interleaved(runs: int, first, second) -> tuple[float, float]:
    """Best time of each, taking turns, so a busy machine slows both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for fn, into in ((first, times[0]), (second, times[1])):
            start = time.perf_counter()
            fn()
            into.append(time.perf_counter() - start)
    return min(times[0]), min(times[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=25_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if shutil.which("lou_translate") is None:
        sys.exit(
            "bench_braille: lou_translate is missing; install the liblouis-bin package (scripts/setup.sh)."
        )

    from accessconv import model as m
    from accessconv import profiles
    from accessconv.braille import translate
    from accessconv.checks import braille as braille_checks
    from accessconv.formats import braille
    from accessconv.reader import read

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

        def baseline() -> None:
            with (folder / "plain.txt").open("rb") as stdin:
                subprocess.run(
                    ["lou_translate", *profile.settings.tables],
                    stdin=stdin,
                    stdout=subprocess.DEVNULL,
                    check=True,
                )

        # Time spent inside liblouis during our run, to show what formatting and checks add.
        import louis

        in_louis = [0.0]

        def timed(fn):
            def wrapper(*args, **kwargs):
                start = time.perf_counter()
                try:
                    return fn(*args, **kwargs)
                finally:
                    in_louis[0] += time.perf_counter() - start

            return wrapper

        louis.translateString = timed(louis.translateString)
        louis.backTranslateString = timed(louis.backTranslateString)
        louis_times: list[float] = []

        def ours() -> None:
            in_louis[0] = 0.0
            # Start cold each time: no translation or back-translation cached from the last run.
            translate._forward.cache_clear()
            translate.back_translate.cache_clear()
            braille_checks._align_cached.cache_clear()
            braille_checks._SOURCE_CACHE.clear()
            braille_checks._tokens.cache_clear()
            out = folder / "out"
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir()
            written = braille.write(doc, profile, out, "bench")
            for path in written.paths:
                results = braille.check(path, profile, doc=doc)
                assert not [r for r in results if r.status == "error"], results
            louis_times.append(in_louis[0])

        base, mine = best_of_interleaved(args.runs, baseline, ours)
    print(
        f"draft: {n_words} words of plain text (reading it with pandoc took {read_time:.2f} s, not counted)"
    )
    print(f"lou_translate {' '.join(profile.settings.tables)}: {base:.3f} s")
    print(f"accessconv braille (write BRF+PEF+preview, check all three): {mine:.3f} s")
    print(f"ratio: {mine / base:.2f} (aim <= 2)")
    louis_part = min(louis_times)
    rest = mine - louis_part
    print(
        f"  of which inside liblouis (translate {n_words} words with emphasis typeforms, back-translate "
        f"for the round trip): {louis_part:.3f} s; formatting, files and checks: {rest:.3f} s "
        f"= {rest / base:.2f} x lou_translate"
    )


if __name__ == "__main__":
    main()
