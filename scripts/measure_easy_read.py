"""Measure Easy Read the way a reader gets it: from the WRITTEN web page (`<draft>-easy-read.html`).

For each draft (a .md/.docx/.odt/.html draft, which is converted first into a temporary folder, or
an Easy Read page that was already written) it prints one row:

    sentences within 12 and 15 words, Flesch reading ease, Flesch-Kincaid grade, words (draft -> Easy
    Read, and the share), facts kept (every number, date, amount, contact and name of the chosen
    sentences, as the page lists them) and, with --gold, the key facts an Easy Read writer would keep
    (a key-messages.tsv file: draft, heading, message, ";"-separated facts), and how many sentences
    are still over 15 words.

Run (from the repository, with the project's Python):
    PYTHONPATH=src .venv/bin/python scripts/measure_easy_read.py tests/data/easy-read/drafts/*.md \
        --gold tests/data/easy-read/drafts/key-messages.tsv
    PYTHONPATH=src .venv/bin/python scripts/measure_easy_read.py out/draft-easy-read.html
Add --long to print the sentences still over 15 words.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from accessconv.formats import Profile
from accessconv.formats.easy_read.checks import read_html, words
from accessconv.formats.easy_read.language.facts import norm
from accessconv.formats.easy_read.language.readability import measure
from accessconv.formats.easy_read.settings import Checks, Settings
from accessconv.profiles import load

WARN, ERROR = 12, 15


@dataclass
class Row:
    name: str
    sentences: int
    within_warn: int
    within_error: int
    ease: float
    grade: float
    draft_words: int
    words: int
    facts: int
    facts_kept: int
    gold: int
    gold_kept: int
    long: list[str]

    def cells(self) -> list[str]:
        def pct(n: int) -> str:
            return f"{100 * n / self.sentences:.0f} %" if self.sentences else "-"

        share = f" ({100 * self.words / self.draft_words:.0f} %)" if self.draft_words else ""
        gold = f"{self.gold_kept}/{self.gold}" if self.gold else "-"
        return [
            self.name,
            str(self.sentences),
            pct(self.within_warn),
            pct(self.within_error),
            f"{self.ease:.1f}",
            f"{self.grade:.1f}",
            f"{self.draft_words} -> {self.words}{share}",
            f"{self.facts_kept}/{self.facts}",
            gold,
            str(len(self.long)),
        ]


HEADERS = ["draft", "sentences", "<=12", "<=15", "ease", "grade", "words", "facts", "gold facts", ">15"]


def convert(draft: Path, folder: Path) -> Path:
    """Convert one draft with the Easy Read profile and give the written web page."""
    env = dict(os.environ, XDG_STATE_HOME=str(folder / "state"))
    out = folder / draft.stem
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "accessconv",
            "convert",
            str(draft.resolve()),  # absolute: a file name is never an option
            "-p",
            "easy-read",
            "-o",
            str(out),
            "--force",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    page = next(out.glob("*-easy-read.html"), None)
    if done.returncode not in (0, 1) or page is None:
        raise SystemExit(f"{draft}: the conversion failed ({done.returncode}): {done.stderr[-2000:]}")
    return page


def gold_facts(path: Path | None, draft: str) -> list[str]:
    if path is None:
        return []
    out: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("#") or len(cols) < 4 or Path(cols[0]).stem != draft:
            continue
        out.extend(f.strip() for f in cols[3].split(";") if f.strip())
    return out


def measure_page(page: Path, name: str, gold: list[str]) -> Row:
    profile = cast("Profile[Settings, Checks]", load("easy-read"))
    back = read_html(page, profile.checks, profile.settings.layout)
    if back is None:
        raise SystemExit(f"{page} is not an Easy Read web page.")
    sentences = [s for p in back.points for s in p.sentences]
    counts = [len(words(s)) for s in sentences]
    figures = measure(sentences)
    text = norm(" ".join(line for p in back.points for line in p.lines))
    return Row(
        name,
        len(sentences),
        sum(1 for n in counts if n <= WARN),
        sum(1 for n in counts if n <= ERROR),
        figures.reading_ease,
        figures.grade,
        back.draft_words,
        sum(counts),
        len(back.facts),
        sum(1 for f in back.facts if norm(f) in text),
        len(gold),
        sum(1 for f in gold if norm(f) in text),
        [s for s, n in zip(sentences, counts, strict=True) if n > ERROR],
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "files", nargs="+", type=Path, help="drafts to convert, or written -easy-read.html pages"
    )
    parser.add_argument("--gold", type=Path, help="key-messages.tsv with the facts a writer would keep")
    parser.add_argument("--long", action="store_true", help="print the sentences still over 15 words")
    parser.add_argument("--out", type=Path, help="keep the converted files in this folder")
    args = parser.parse_args()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        for path in args.files:
            if path.name.endswith("-easy-read.html"):
                page, name = path, path.name.removesuffix("-easy-read.html")
            else:
                page, name = convert(path, args.out or Path(tmp)), path.stem
            rows.append(measure_page(page, name, gold_facts(args.gold, name)))
    table = [HEADERS, *(r.cells() for r in rows)]
    widths = [max(len(line[i]) for line in table) for i in range(len(HEADERS))]
    for line in table:
        print(" | ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)))
    if args.long:
        for row in rows:
            for sentence in row.long:
                print(f"[{row.name}] {len(words(sentence))} words: {sentence}")


if __name__ == "__main__":
    main()
