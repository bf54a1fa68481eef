"""Large print speed: accessconv -p large-print (Word + tagged PDF + all checks) against pandoc's
own docx -> docx and docx -> html on the same 10,000-word draft, measured in the same run.

Each command runs several times, interleaved in a changing order (the machine is often shared and
busy), and the medians are compared; the load average is printed with the figures. Then it shows
where the time goes (writing the Word file, the PDF, and each check), in this process.
Run: make bench   (or .venv/bin/python benchmarks/bench_large_print.py [--rounds 3])
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import build_docx, interleaved, load_line, spread  # noqa: E402

SRC = Path(__file__).resolve().parents[1] / "src"


def main() -> None:
    from pypandoc import get_pandoc_path

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="timed runs of each command (default 3)")
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument(
        "--compare-src", type=Path, help="also time another checkout's src folder (e.g. main's), interleaved"
    )
    args = parser.parse_args()

    env = {**os.environ, "PYTHONPATH": str(SRC)}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        draft = build_docx(folder, args.words)
        pandoc = get_pandoc_path()
        convert = ["convert", str(draft), "-p", "large-print", "-o", str(folder / "out")]
        commands = {
            "pandoc docx": [pandoc, str(draft), "-o", str(folder / "pandoc.docx")],
            "pandoc html": [pandoc, str(draft), "-s", "-o", str(folder / "pandoc.html")],
            "accessconv": [sys.executable, "-m", "accessconv", *convert],
        }
        if args.compare_src:
            other = f"import sys; sys.path.insert(0, {str(args.compare_src.resolve())!r}); " + (
                "from accessconv.cli import main; main()"
            )
            commands["other"] = [sys.executable, "-c", other, *convert]
        print(f"before: {load_line()}")
        runs = interleaved(commands, args.rounds, env)
        print(f"after:  {load_line()}")
        parts = _parts(draft, folder / "parts")
    base, ours = runs["pandoc docx"], runs["accessconv"]
    print(f"{args.words:,} words, {args.rounds} interleaved rounds (median, range)")
    print(f"pandoc docx->docx:             {base.median_wall:.2f} s ({spread(base.wall)}) baseline")
    print(f"pandoc docx->html:             {runs['pandoc html'].median_wall:.2f} s")
    print(
        f"accessconv -p large-print:     {ours.median_wall:.2f} s ({spread(ours.wall)}) Word + PDF + checks"
    )
    print(f"ratio to pandoc docx->docx:    {ours.median_wall / base.median_wall:.1f}")
    print(
        f"CPU time (user+sys):           pandoc {base.median_cpu:.2f} s, accessconv {ours.median_cpu:.2f} s"
    )
    if "other" in runs:
        other = runs["other"]
        print(
            f"{args.compare_src}: {other.median_wall:.2f} s ({spread(other.wall)}), ratio "
            f"{other.median_wall / base.median_wall:.1f}; CPU {other.median_cpu:.2f} s"
        )
    for name, seconds in parts:
        print(f"  {name:28} {seconds:.2f} s")


def _parts(draft: Path, out: Path) -> list[tuple[str, float]]:
    """Where the time goes, in this process."""
    sys.path.insert(0, str(SRC))
    from accessconv.checks.docx_typography import check_docx
    from accessconv.checks.pdf import check_pdf
    from accessconv.formats import load_plugin
    from accessconv.formats.large_print.docx_writer import DocxWriter
    from accessconv.formats.large_print.prepare import prepare
    from accessconv.formats.large_print.typst_writer import write_pdf
    from accessconv.profiles import load
    from accessconv.reader import read

    out.mkdir()
    profile = load("large-print")
    # A conversion imports these while pandoc reads the draft (formats.load_plugin), so
    # import them first here too: the parts below are then the work, not the imports.
    start = time.perf_counter()
    load_plugin(profile.format)
    timings = [("imports (during pandoc)", time.perf_counter() - start)]
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
