"""Easy Read speed: accessconv -p easy-read vs pandoc's own docx -> html on the same 25,000-word draft.

Easy Read does much more than pandoc (points, pictures rendered from SVG, a Word file, a PDF, a
web page, a review sheet and their checks). Target (issue 12): <= 3 times pandoc, the parser
included. This is bench_all_profiles.py for the easy-read profile alone, 3 rounds: the same
columns (CPU, peak memory of one process and of the process tree) and the sizes of the files
written (the review sheet among them). Any of its options may be added (--draft, --compare-src).
Run: .venv/bin/python benchmarks/bench_easy_read.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_all_profiles import main as all_profiles  # noqa: E402

if __name__ == "__main__":
    all_profiles(["--profiles", "easy-read", "--rounds", "3", *sys.argv[1:]])
