"""Every profile side by side, against pandoc docx -> html on the same draft, in one run.

For each default profile alone, giant print, and all default profiles together, the wall-clock
time of `accessconv convert` (write + every check) as a ratio to pandoc docx -> html timed in the
same run, interleaved (a shared machine's load hits them alike), with each command's peak memory
(the largest resident set of the process and its children, pandoc included).
Targets (issue 15): large-print <= 3, all default profiles together <= 6.
Run: .venv/bin/python benchmarks/bench_all_profiles.py [--words 25000] [--rounds 1]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import build_docx, load_line  # noqa: E402

SRC = Path(__file__).resolve().parents[1] / "src"
PROFILES = ["html", "braille", "large-print", "giant-print", "easy-read"]
TARGETS = {"large-print": 3.0, "all default profiles": 6.0}


def _run(args: Sequence[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, peak MiB); accessconv exits 1 when a check finds a problem, which is fine."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise subprocess.CalledProcessError(code, list(args))
    return wall, usage.ru_maxrss / 1024


def main() -> None:
    from pypandoc import get_pandoc_path

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=25_000)
    parser.add_argument("--rounds", type=int, default=1, help="timed rounds after a warm-up (default 1)")
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        draft = build_docx(folder, args.words)
        acv = [sys.executable, "-m", "accessconv", "convert", str(draft)]
        commands: dict[str, list[str]] = {
            "pandoc docx->html": [get_pandoc_path(), str(draft), "-s", "-o", str(folder / "pandoc.html")]
        }
        for name in PROFILES:
            commands[name] = [*acv, "-p", name, "-o", str(folder / name)]
        commands["all default profiles"] = [*acv, "-o", str(folder / "all")]
        print(f"before: {load_line()}")
        walls: dict[str, list[float]] = {n: [] for n in commands}
        peaks: dict[str, float] = dict.fromkeys(commands, 0.0)
        names = list(commands)
        for name in names:  # warm-up (disk cache), untimed
            _run(commands[name], env)
        for r in range(args.rounds):
            order = names[r % len(names) :] + names[: r % len(names)]
            for name in reversed(order) if r % 2 else order:
                wall, peak = _run(commands[name], env)
                walls[name].append(wall)
                peaks[name] = max(peaks[name], peak)
        print(f"after:  {load_line()}")
    base = statistics.median(walls["pandoc docx->html"])
    print(f"{args.words:,} words, {args.rounds} timed round(s) after a warm-up (median)")
    print(f"{'command':24} {'seconds':>8} {'ratio':>6} {'target':>7} {'peak MiB':>9}")
    for name in names:
        seconds = statistics.median(walls[name])
        target = TARGETS.get(name)
        mark = f"<= {target:g}" if target else ""
        print(f"{name:24} {seconds:8.2f} {seconds / base:6.1f} {mark:>7} {peaks[name]:9.0f}")


if __name__ == "__main__":
    main()
