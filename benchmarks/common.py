"""Shared pieces for the benchmarks: a realistic large draft and a timer."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

SENTENCES = [
    "Care workers told us that travel time between visits is the main reason they leave.",
    "We will work with local providers to facilitate paid training in the first six months.",
    "People who draw on care and support want to see the same workers each week.",
    "The council has set aside £1.2 million over three years, and 25% of it will go to training.",
    "Recruitment and retention are priorities for Adult Social Care (ASC) in every locality.",
    "You can read more on the council website or email workforce.strategy@northbrook.example.gov.uk.",
]


def draft_markdown(words: int) -> str:
    """A council-style draft of about `words` words: headings, lists, a table per section."""
    parts = ["---\ntitle: Benchmark strategy\nlang: en-GB\n---\n\n# Benchmark strategy\n"]
    count, section = 0, 0
    while count < words:
        section += 1
        parts.append(f"\n## Section {section}\n\n")
        para = " ".join(SENTENCES[(section + i) % len(SENTENCES)] for i in range(5))
        parts.append(para + "\n\n" + para + "\n\n")
        parts.append("- " + SENTENCES[section % 6] + "\n- " + SENTENCES[(section + 1) % 6] + "\n\n")
        parts.append("| Measure | Now | Target |\n|---|---|---|\n| Vacancies | 1 in 8 | 1 in 16 |\n\n")
        count += len(para.split()) * 2 + 40
    return "".join(parts)


def build_docx(folder: Path, words: int) -> Path:
    from pypandoc import get_pandoc_path

    md = folder / "bench.md"
    md.write_text(draft_markdown(words), encoding="utf-8")
    out = folder / "bench.docx"
    subprocess.run([get_pandoc_path(), str(md), "-o", str(out)], check=True)
    return out


def median_time(fn: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


@dataclass
class Measured:
    """Wall-clock and CPU seconds (user + system, the process and its children) of each run,
    and the largest resident memory seen."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peak_mib: float = 0.0

    @property
    def median_wall(self) -> float:
        return statistics.median(self.wall)

    @property
    def median_cpu(self) -> float:
        return statistics.median(self.cpu)


def run_measured(args: Sequence[str], env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """Run a command to completion: (wall seconds, CPU seconds, peak MiB of it and its children)."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, env=env)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise subprocess.CalledProcessError(proc.returncode, list(args))
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def interleaved(
    commands: dict[str, Sequence[str]], rounds: int, env: dict[str, str] | None = None
) -> dict[str, Measured]:
    """Run every command once per round, in a different order each round (so a burst of load on
    a shared machine hits them alike), after one untimed warm-up round (disk cache)."""
    results = {name: Measured() for name in commands}
    names = list(commands)
    for name in names:
        run_measured(commands[name], env)
    for r in range(rounds):
        order = names[r % len(names) :] + names[: r % len(names)]
        if r % 2:
            order.reverse()
        for name in order:
            wall, cpu, peak = run_measured(commands[name], env)
            m = results[name]
            m.wall.append(wall)
            m.cpu.append(cpu)
            m.peak_mib = max(m.peak_mib, peak)
    return results


def load_line() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def spread(values: list[float]) -> str:
    return f"{min(values):.2f}-{max(values):.2f}"
