"""Every profile side by side, against pandoc docx -> html on the same draft, in one run.

For each default profile alone, giant print, and all default profiles together, the wall-clock
time of `accessconv convert` (write + every check) as a ratio to pandoc docx -> html timed in the
same run, interleaved (a shared machine's load hits them alike), with CPU time (user + system, the
process and every child it waited for: pandoc, Typst's threads, the checks' child processes) and
memory: the largest single process (`peak`) and the most the whole process tree held at once
(`tree`, proportional set sizes summed, sampled every 50 ms: accessconv runs checks in child
processes, whose memory adds up).
With --compare-src another checkout (main's, say) is timed in the same rounds: before and after.
With --draft, a draft of your own replaces the made-up one (whose few sentences repeat, so work
done once per distinct sentence or picture is cheaper on it than on a real draft); --profiles
times only some commands. The sizes of the files written (the last round's) are listed at the end.
accessconv keeps data derived from its own files (word tables, drawn pictures) in a per-user cache
(datacache.py); the untimed warm-up fills it, so the timed runs are a user's second run and after,
as the output says; --cold-cache gives every run an empty cache folder instead (a first run).
Targets (issue 15): large-print <= 3, all default profiles together <= 6. Medians, and the fastest
round of each as a ratio to pandoc's fastest (on a shared machine others' work only adds time).
Run: .venv/bin/python benchmarks/bench_all_profiles.py [--words 25000] [--rounds 1]
     [--compare-src ../main/src] [--draft my.docx] [--profiles easy-read,large-print] [--cold-cache]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import build_docx, load_line  # noqa: E402

SRC = Path(__file__).resolve().parents[1] / "src"
PROFILES = ["html", "braille", "large-print", "giant-print", "easy-read"]
TARGETS = {"large-print": 3.0, "all default profiles": 6.0}


@dataclass
class Runs:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peak: float = 0.0
    tree: float = 0.0


def _tree_mib(root: int) -> float:
    """Memory of `root` and every process below it, in MiB (Linux /proc): each process's
    proportional set size, so pages a forked child still shares with its parent count once."""
    total, todo, seen = 0, [root], set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
                pss = next(line for line in fh if line.startswith(b"Pss:"))
            total += int(pss.split()[1]) * 1024
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children", "rb") as fh:
                    todo.extend(int(child) for child in fh.read().split())
        except (OSError, IndexError, ValueError, StopIteration):
            continue
    return total / 2**20


def _run(args: Sequence[str], env: dict[str, str]) -> tuple[float, float, float, float]:
    """(wall s, CPU s, peak MiB of one process, most MiB of the tree at once); accessconv exits 1
    when a check finds a problem, which is fine."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    most = [0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.05):
            if os.path.isdir("/proc"):
                most[0] = max(most[0], _tree_mib(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise subprocess.CalledProcessError(code, list(args))
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, most[0]


def main(argv: Sequence[str] | None = None) -> None:
    from pypandoc import get_pandoc_path

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=25_000)
    parser.add_argument("--rounds", type=int, default=1, help="timed rounds after a warm-up (default 1)")
    parser.add_argument(
        "--compare-src", type=Path, help="also time another checkout's src folder, interleaved"
    )
    parser.add_argument("--draft", type=Path, help="time this draft instead of a made-up one")
    parser.add_argument(
        "--profiles", help="comma-separated profiles to time (default: each, and all together: 'all')"
    )
    parser.add_argument(
        "--cold-cache",
        action="store_true",
        help="give every accessconv run an empty per-user cache (datacache.py): a first run's cost",
    )
    args = parser.parse_args(argv)
    wanted = args.profiles.split(",") if args.profiles else [*PROFILES, "all"]
    sources = {"": SRC}
    if args.compare_src:
        sources[" (compare)"] = args.compare_src.resolve()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        draft = args.draft.resolve() if args.draft else build_docx(folder, args.words)
        acv = [sys.executable, "-m", "accessconv", "convert", str(draft)]
        pandoc = [get_pandoc_path(), str(draft), "-s", "-o", str(folder / "pandoc.html")]
        commands: dict[str, tuple[list[str], dict[str, str]]] = {
            "pandoc docx->html": (pandoc, dict(os.environ))
        }
        for tag, src in sources.items():
            env = {**os.environ, "PYTHONPATH": str(src)}
            for name in (p for p in PROFILES if p in wanted):
                commands[name + tag] = ([*acv, "-p", name, "-o", str(folder / (name + tag))], env)
            if "all" in wanted:
                commands["all default profiles" + tag] = ([*acv, "-o", str(folder / ("all" + tag))], env)
        print(f"before: {load_line()}")
        runs = {name: Runs() for name in commands}
        names = list(commands)
        for name in names:  # warm-up (disk cache), untimed
            _run(*commands[name])
        for r in range(args.rounds):
            order = names[r % len(names) :] + names[: r % len(names)]
            for name in reversed(order) if r % 2 else order:
                command, env = commands[name]
                if args.cold_cache and name != "pandoc docx->html":
                    env = {**env, "XDG_CACHE_HOME": tempfile.mkdtemp(dir=folder, prefix="cache-")}
                wall, cpu, peak, tree = _run(command, env)
                got = runs[name]
                got.wall.append(wall)
                got.cpu.append(cpu)
                got.peak, got.tree = max(got.peak, peak), max(got.tree, tree)
        print(f"after:  {load_line()}")
        sizes = {
            f"{out.parent.name}/{out.name}": out.stat().st_size
            for out in sorted(folder.glob("*/*"))
            if out.is_file() and not out.parent.name.startswith("all")
        }
    base = statistics.median(runs["pandoc docx->html"].wall)
    what = args.draft.name if args.draft else f"{args.words:,} words"
    print(f"{what}, {args.rounds} timed round(s) after a warm-up (median)")
    print(_cache_line(args.cold_cache))
    # The fastest round too: on a shared machine another's burst of work only ever adds time.
    fastest = min(runs["pandoc docx->html"].wall)
    head = ("seconds", "ratio", "target", "min s", "ratio", "CPU s", "peak MiB", "tree MiB")
    widths = (8, 6, 7, 7, 6, 7, 9, 9)
    print(f"{'command':36} " + " ".join(f"{h:>{w}}" for h, w in zip(head, widths, strict=True)))
    for name in names:
        got = runs[name]
        seconds = statistics.median(got.wall)
        target = TARGETS.get(name.removesuffix(" (compare)"))
        mark = f"<= {target:g}" if target else ""
        quickest = min(got.wall)
        print(
            f"{name:36} {seconds:8.2f} {seconds / base:6.1f} {mark:>7} {quickest:7.2f} "
            f"{quickest / fastest:6.1f} {statistics.median(got.cpu):7.2f} {got.peak:9.0f} {got.tree:9.0f}"
        )
    if args.compare_src:
        print(f"(compare) = {args.compare_src}")
    print("files written (bytes):")
    for name, size in sizes.items():
        print(f"  {name:60} {size:>12,}")


def _cache_line(cold: bool) -> str:
    """Whether the timed runs found accessconv's per-user cache of derived data filled (word
    tables, the plain words' forms, drawn pictures: datacache.py) or empty, as on a first run."""
    if os.environ.get("ACCESSCONV_CACHE", "").strip().lower() in ("0", "off", "no", "false"):
        return "per-user cache: off (ACCESSCONV_CACHE): each run builds its word tables, draws its pictures"
    if cold:
        return "per-user cache: COLD (--cold-cache): each run started with an empty one, as a first run does"
    return (
        "per-user cache: WARM (the untimed warm-up filled it: word tables, plain-word forms, drawn "
        "pictures); a first run costs more, see --cold-cache and docs/performance.md"
    )


if __name__ == "__main__":
    main()
