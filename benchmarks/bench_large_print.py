"""Large print speed: accessconv -p large-print (Word + tagged PDF + all checks) against pandoc's
own docx -> docx and docx -> html on the same 10,000-word draft, measured in the same run.

Prints the ratios and where the time goes (writing the Word file, the PDF, and each check).
Run: .venv/bin/python benchmarks/bench_large_print.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import build_docx, median_time  # noqa: E402

SRC = Path(__file__).resolve().parents[1] / "src"


def main() -> None:
    from pypandoc import get_pandoc_path

    env = {**os.environ, "PYTHONPATH": str(SRC)}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        draft = build_docx(folder, 10_000)
        pandoc = get_pandoc_path()

        def run_pandoc_docx() -> None:
            subprocess.run([pandoc, str(draft), "-o", str(folder / "pandoc.docx")], check=True)

        def run_pandoc_html() -> None:
            subprocess.run([pandoc, str(draft), "-s", "-o", str(folder / "pandoc.html")], check=True)

        def run_accessconv() -> None:
            subprocess.run(
                [sys.executable, "-m", "accessconv", "convert", str(draft), "-p", "large-print"]
                + ["-o", str(folder / "out")],
                check=True,
                stdout=subprocess.DEVNULL,
                env=env,
            )

        base_docx = median_time(run_pandoc_docx)
        base_html = median_time(run_pandoc_html)
        ours = median_time(run_accessconv, runs=2)
        parts = _parts(draft, folder / "parts")
    print(f"pandoc docx->docx:             {base_docx:.2f} s (baseline)")
    print(f"pandoc docx->html:             {base_html:.2f} s")
    print(f"accessconv -p large-print:     {ours:.2f} s (Word + PDF + checks)")
    print(f"ratio to pandoc docx->docx:    {ours / base_docx:.1f}")
    for name, seconds in parts:
        print(f"  {name:28} {seconds:.2f} s")


def _parts(draft: Path, out: Path) -> list[tuple[str, float]]:
    """Where the time goes, in this process."""
    sys.path.insert(0, str(SRC))
    from accessconv.checks.docx_typography import check_docx
    from accessconv.checks.pdf import check_pdf
    from accessconv.largeprint.docx_writer import DocxWriter
    from accessconv.largeprint.pdf_writer import write_pdf
    from accessconv.largeprint.prepare import prepare
    from accessconv.profiles import load
    from accessconv.reader import read

    out.mkdir()
    profile = load("large-print")
    timings = []
    start = time.perf_counter()
    doc = read(draft)
    prepared = prepare(doc, profile.settings.table_max_columns)
    timings.append(("read + prepare", time.perf_counter() - start))
    for name, job in (
        ("write Word", lambda: DocxWriter(profile.settings, doc).write(prepared.blocks, out / "a.docx")),
        ("write PDF", lambda: write_pdf(doc, prepared.blocks, profile.settings, out / "a.pdf")),
        ("check Word", lambda: check_docx(out / "a.docx", profile.checks)),
        ("check PDF", lambda: check_pdf(out / "a.pdf", profile.checks)),
    ):
        start = time.perf_counter()
        job()
        timings.append((name, time.perf_counter() - start))
    pages = subprocess.run(["pdfinfo", str(out / "a.pdf")], capture_output=True, text=True).stdout
    timings.append((f"({pages.split('Pages:')[1].split()[0]} PDF pages)", 0.0))
    return timings


if __name__ == "__main__":
    main()
