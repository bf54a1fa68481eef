"""Easy Read speed: accessconv -p easy-read vs pandoc's own docx -> html on the same 25,000-word draft.

Easy Read does much more than pandoc (points, pictures rendered from SVG, a Word file, a web page,
a review sheet and their checks), so the ratio is a trend to watch, not a target to meet.
Run: .venv/bin/python benchmarks/bench_easy_read.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import build_docx, median_time  # noqa: E402


def main() -> None:
    from pypandoc import get_pandoc_path

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        draft = build_docx(folder, 25_000)
        pandoc = get_pandoc_path()

        def run_pandoc() -> None:
            subprocess.run([pandoc, str(draft), "-s", "-o", str(folder / "pandoc.html")], check=True)

        def run_easy_read() -> None:
            # A fresh process each run, as an officer would start it; exit code 1 means "problems
            # found in the output", which a long machine-made draft always has.
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "accessconv",
                    "convert",
                    str(draft),
                    "-p",
                    "easy-read",
                    "-o",
                    str(folder / "out"),
                ],
                stdout=subprocess.DEVNULL,
            )
            if done.returncode not in (0, 1):
                raise SystemExit(f"accessconv failed with exit code {done.returncode}")

        baseline = median_time(run_pandoc)
        ours = median_time(run_easy_read)
        outputs = sorted(p.name for p in (folder / "out").iterdir())
    print(f"pandoc docx->html:          {baseline:.2f} s (baseline)")
    print(f"accessconv -p easy-read:    {ours:.2f} s  ({', '.join(outputs)})")
    print(f"ratio easy-read/pandoc:     {ours / baseline:.2f}")


if __name__ == "__main__":
    main()
