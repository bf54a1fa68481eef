"""Easy Read language speed, as a ratio to pandoc docx -> html on the same 25,000 words, in one run.

Two drafts of 25,000 words each, made into Word files:
- "council": our five council-style drafts (tests/data/easy-read/drafts and held-out), repeated with
  numbered headings: real sentences, so the parser has real work;
- "synthetic": benchmarks/common.py's draft (six sentences repeated), as the other benchmarks use.

For each, in a FRESH Python process (as an officer's `convert` starts): the time to import and load
the parser (spaCy, only the pipes we use) and the time of `language.transform` (selection, plain
words, splitting with the parser, hard words), the draft already read. The baseline is pandoc's own
docx -> html of the same file, timed in the same run. Prints the times, the ratio, and how many
sentences were parsed.
Run: PYTHONPATH=src .venv/bin/python benchmarks/bench_easyread_language.py
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import draft_markdown, median_time  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
WORDS = 25_000
DRAFTS = [
    *sorted((ROOT / "tests" / "data" / "easy-read" / "drafts").glob("*.md")),
    *sorted((ROOT / "tests" / "data" / "easy-read" / "held-out").glob("*.md")),
]

# Runs in a fresh process: load the parser, then transform the draft; prints the times as JSON.
CHILD = r"""
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from bench_easyread_language import language_settings
from accessconv.reader import read
from accessconv.formats.easy_read.language import language, parse
doc = read(Path(sys.argv[1]))
settings = language_settings()
calls = [0]
real = parse.parse
def counted(text):
    calls[0] += 1
    return real(text)
parse.parse = counted
start = time.perf_counter()
parse.available()
loaded = time.perf_counter()
language.transform(doc, settings)
done = time.perf_counter()
print(json.dumps({"load": loaded - start, "transform": done - loaded, "parsed": calls[0]}))
"""


def language_settings():  # type: ignore[no-untyped-def]
    from accessconv.formats.easy_read.language.language import LanguageSettings
    from accessconv.profiles import build

    doc = ROOT / "docs" / "easy-read-language.md"
    block = re.search(r"<!-- language-settings:start -->\s*```toml\n(.*?)```", doc.read_text(), re.S)
    assert block is not None
    table = tomllib.loads(block.group(1))["settings"]["language"]
    return build(LanguageSettings, table, doc, "settings.language")


def council_markdown(words: int) -> str:
    """Our council-style drafts, repeated (front matter dropped, headings numbered) to `words`."""
    bodies = [re.sub(r"\A---\n.*?\n---\n", "", d.read_text(encoding="utf-8"), flags=re.S) for d in DRAFTS]
    parts = ["---\ntitle: Council drafts\nlang: en-GB\n---\n\n# Council drafts\n"]
    count, n = 0, 0
    while count < words:
        body = bodies[n % len(bodies)]
        n += 1
        body = re.sub(r"^#{1,2} (.+)$", lambda m, n=n: f"## {m.group(1)} ({n})", body, flags=re.M)
        parts.append("\n" + body + "\n")
        count += len(body.split())
    return "".join(parts)


def main() -> None:
    from pypandoc import get_pandoc_path

    pandoc = get_pandoc_path()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, text in (("council", council_markdown(WORDS)), ("synthetic", draft_markdown(WORDS))):
            md = folder / f"{name}.md"
            md.write_text(text, encoding="utf-8")
            docx = folder / f"{name}.docx"
            subprocess.run([pandoc, str(md), "-o", str(docx)], check=True)

            def run_pandoc(docx: Path = docx) -> None:
                subprocess.run([pandoc, str(docx), "-s", "-o", str(folder / "pandoc.html")], check=True)

            baseline = median_time(run_pandoc)
            runs = []
            for _ in range(3):
                done = subprocess.run(
                    [sys.executable, "-c", CHILD, str(docx), str(Path(__file__).resolve().parent)],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
            runs.sort(key=lambda r: r["load"] + r["transform"])
            mid = runs[1]
            total = mid["load"] + mid["transform"]
            print(f"[{name}] {len(text.split())} words")
            print(f"  pandoc docx->html:           {baseline:.2f} s (baseline)")
            print(f"  parser import + load:        {mid['load']:.2f} s  (ratio {mid['load'] / baseline:.2f})")
            print(
                f"  language.transform:          {mid['transform']:.2f} s  (ratio "
                f"{mid['transform'] / baseline:.2f}; {mid['parsed']} parse look-ups)"
            )
            print(f"  language total / pandoc:     {total / baseline:.2f}")


if __name__ == "__main__":
    main()
