"""HTML profile speed: accessconv vs pandoc's own docx -> html on the same 25,000-word draft.

Prints the ratio (aim: <= 1.3), accessconv's peak memory, and `accessconv --help` start-up time.
Run: make bench   (or .venv/bin/python benchmarks/bench_html.py)
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import build_docx, median_time  # noqa: E402

ACCESSCONV = Path(sys.executable).with_name("accessconv")


def main() -> None:
    from pypandoc import get_pandoc_path

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        draft = build_docx(folder, 25_000)
        pandoc = get_pandoc_path()

        def run_pandoc() -> None:
            subprocess.run([pandoc, str(draft), "-s", "-o", str(folder / "pandoc.html")], check=True)

        def run_accessconv() -> None:
            subprocess.run(
                [str(ACCESSCONV), "convert", str(draft), "-p", "html", "-o", str(folder / "out")],
                check=True,
                stdout=subprocess.DEVNULL,
            )

        def run_help() -> None:
            subprocess.run([str(ACCESSCONV), "--help"], check=True, stdout=subprocess.DEVNULL)

        baseline = median_time(run_pandoc)
        ours = median_time(run_accessconv)
        start_up = median_time(run_help, runs=5)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"pandoc docx->html:        {baseline:.2f} s (baseline)")
    print(f"accessconv -p html:       {ours:.2f} s")
    print(f"ratio accessconv/pandoc:  {ours / baseline:.2f}  (aim <= 1.3)")
    print(f"peak memory (largest child process): {peak:.0f} MiB")
    print(f"accessconv --help:        {start_up:.3f} s  (aim < 0.5 s)")


if __name__ == "__main__":
    main()
