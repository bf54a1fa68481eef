"""HTML profile speed: accessconv vs pandoc's own docx -> html on the same 25,000-word draft.

Prints the ratio (aim: <= 1.3), peak memory, and `accessconv --help` start-up time (aim < 0.5 s).
The machine this runs on is often shared and busy, so each command runs several times, interleaved
in a changing order, and the medians are compared; the load average is printed with the figures.
The CPU-time ratio (user + system, pandoc included) is steadier than wall time on a busy machine,
but it does not show the time saved by overlapping our own work with pandoc's.

Run: make bench   (or .venv/bin/python benchmarks/bench_html.py [--rounds 7])
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import build_docx, interleaved, load_line, spread  # noqa: E402

SRC = Path(__file__).resolve().parents[1] / "src"
AIM = 1.3


def main() -> None:
    from pypandoc import get_pandoc_path

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="timed runs of each command (default 7)")
    parser.add_argument("--words", type=int, default=25_000)
    parser.add_argument(
        "--compare-src", type=Path, help="also time another checkout's src folder (e.g. main's), interleaved"
    )
    args = parser.parse_args()

    # This checkout's code, whatever is installed in the environment.
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        draft = build_docx(folder, args.words)
        accessconv = [sys.executable, "-m", "accessconv"]
        convert = ["convert", str(draft), "-p", "html", "-o", str(folder / "out")]
        commands = {
            "pandoc": [get_pandoc_path(), str(draft), "-s", "-o", str(folder / "pandoc.html")],
            "accessconv": [*accessconv, *convert],
            "help": [*accessconv, "--help"],
        }
        if args.compare_src:
            # Same interpreter, the other checkout first on the path.
            other = f"import sys; sys.path.insert(0, {str(args.compare_src.resolve())!r}); " + (
                "from accessconv.cli import main; main()"
            )
            commands["other"] = [sys.executable, "-c", other, *convert]
        print(f"before: {load_line()}")
        runs = interleaved(commands, args.rounds, env)
        print(f"after:  {load_line()}")
    pandoc, ours, help_ = runs["pandoc"], runs["accessconv"], runs["help"]
    ratio = ours.median_wall / pandoc.median_wall
    per_round = [a / b for a, b in zip(ours.wall, pandoc.wall, strict=True)]
    print(f"{args.words:,} words, {args.rounds} interleaved rounds (median, range)")
    print(f"pandoc docx->html:        {pandoc.median_wall:.2f} s  ({spread(pandoc.wall)}) baseline")
    print(f"accessconv -p html:       {ours.median_wall:.2f} s  ({spread(ours.wall)})")
    print(
        f"ratio accessconv/pandoc:  {ratio:.2f}  (aim <= {AIM}; per round median "
        f"{statistics.median(per_round):.2f}, range {spread(per_round)})"
    )
    print(
        f"CPU time (user+sys):      pandoc {pandoc.median_cpu:.2f} s, accessconv {ours.median_cpu:.2f} s "
        f"(its pandoc included): ratio {ours.median_cpu / pandoc.median_cpu:.2f}"
    )
    print(
        f"peak memory:              accessconv {ours.peak_mib:.0f} MiB (largest of it and its pandoc), "
        f"pandoc alone {pandoc.peak_mib:.0f} MiB"
    )
    print(f"accessconv --help:        {help_.median_wall:.3f} s  (aim < 0.5 s)")
    if "other" in runs:
        other = runs["other"]
        print(
            f"{args.compare_src}: {other.median_wall:.2f} s ({spread(other.wall)}), ratio "
            f"{other.median_wall / pandoc.median_wall:.2f}; CPU {other.median_cpu:.2f} s"
        )


if __name__ == "__main__":
    main()
