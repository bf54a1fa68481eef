"""Batch conversion speed: 50 drafts with --jobs 1 and --jobs 2, and the rerun with nothing changed.

    python benchmarks/bench_batch.py [--drafts 50] [--rerun-drafts 100] [-p html -p large-print]

Runs the real command (a fresh process each time, as a scheduled job would) on copies of
samples/draft-strategy.md, each with its own title. Reports times and ratios measured in the same
run: the speed-up of --jobs 2 over --jobs 1, and the no-change rerun against a full conversion.
--settle 0 so the fixed wait for drafts still being written is not counted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "samples" / "draft-strategy.md"
PROFILE_ARGS = ["-p", "html"]


def make_drafts(folder: Path, n: int) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    shutil.copytree(REPO / "samples" / "images", folder / "images", dirs_exist_ok=True)
    for i in range(n):
        # Spread over subfolders like a real shared drive; each draft differs.
        sub = folder / f"Team {i % 5}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"Draft {i:03d}.md").write_text(
            text.replace("](images/", "](../images/") + f"\n\nVersion {i}.\n", encoding="utf-8"
        )


def batch(src: Path, out: Path, *args: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    command = [
        sys.executable,
        "-c",
        "from accessconv.cli import main; main()",
        "batch",
        str(src),
        "--out",
        str(out),
    ]
    start = time.perf_counter()
    done = subprocess.run(
        [*command, "--settle", "0", *PROFILE_ARGS, *args], env=env, capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"batch failed ({done.returncode}):\n{done.stderr}\n{done.stdout[-2000:]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=50)
    parser.add_argument("--rerun-drafts", type=int, default=100)
    parser.add_argument("-p", "--profile", action="append", help="profile(s) to use (default: html)")
    args = parser.parse_args()
    global PROFILE_ARGS
    PROFILE_ARGS = [arg for name in args.profile or ["html"] for arg in ("-p", name)]

    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        root = Path(tmp)
        src = root / "Drafts"
        make_drafts(src, args.drafts)
        batch(src, root / "warm-up", "--jobs", "2")  # load pandoc and Python's caches first
        # Best of two, alternating, each into a fresh output folder: the machine is shared.
        times: dict[str, list[float]] = {"1": [], "2": []}
        for attempt in range(2):
            for jobs in ("1", "2"):
                times[jobs].append(batch(src, root / f"out{jobs}-{attempt}", "--jobs", jobs))
        jobs1, jobs2 = min(times["1"]), min(times["2"])
        rerun = min(batch(src, root / "out2-0", "--jobs", "2") for _ in range(3))

        big = root / "Big"
        make_drafts(big, args.rerun_drafts)
        full_big = batch(big, root / "outbig", "--jobs", "2")
        rerun_big = min(batch(big, root / "outbig", "--jobs", "2") for _ in range(3))

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"profiles: {' '.join(PROFILE_ARGS[1::2])}")
    print(f"cores available: {os.cpu_count()}; load average at the end: {load} (other work skews the ratios)")
    print(f"{args.drafts} drafts, --jobs 1:           {jobs1:6.2f} s")
    print(f"{args.drafts} drafts, --jobs 2:           {jobs2:6.2f} s   speed-up x{jobs1 / jobs2:.2f}")
    print(f"{args.drafts} drafts, rerun, no change:   {rerun:6.2f} s   {rerun / jobs2:.1%} of a full run")
    print(f"{args.rerun_drafts} drafts, --jobs 2:          {full_big:6.2f} s")
    print(
        f"{args.rerun_drafts} drafts, rerun, no change:  {rerun_big:6.2f} s   "
        f"{rerun_big / full_big:.1%} of a full run (aim: about 1 s)"
    )


if __name__ == "__main__":
    main()
