"""Shared pieces for the benchmarks: a realistic large draft and a timer."""

from __future__ import annotations

import statistics
import subprocess
import time
from collections.abc import Callable
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
