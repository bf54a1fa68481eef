"""Easy Read language speed: `language.transform` on a 25,000-word draft, against reading that
draft (pandoc + our model) measured in the same run.

Prints both times and the ratio, and the before/after figures for the draft.
Run: .venv/bin/python benchmarks/bench_easyread_language.py
"""

from __future__ import annotations

import sys
import tempfile
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import draft_markdown, median_time  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def language_settings():
    import re

    from accessconv.formats.easy_read.language.language import LanguageSettings
    from accessconv.profiles import build

    doc = ROOT / "docs" / "easy-read-language.md"
    block = re.search(r"<!-- language-settings:start -->\s*```toml\n(.*?)```", doc.read_text(), re.S)
    table = tomllib.loads(block.group(1))["settings"]["language"]
    return build(LanguageSettings, table, doc, "settings.language")


def main() -> None:
    from accessconv.formats.easy_read.language.language import transform
    from accessconv.reader import read

    settings = language_settings()
    with tempfile.TemporaryDirectory() as tmp:
        md = Path(tmp) / "bench.md"
        md.write_text(draft_markdown(25_000), encoding="utf-8")
        doc = read(md)
        transform(doc, settings)  # load the word data once, as a long run would
        baseline = median_time(lambda: read(md))
        ours = median_time(lambda: transform(doc, settings))
        er = transform(doc, settings)
    s = er.stats
    print(f"read the 25,000-word draft: {baseline:.2f} s (baseline)")
    print(f"language.transform:         {ours:.2f} s")
    print(f"ratio transform/read:       {ours / baseline:.2f}")
    print(
        f"sentences within limit: {s.sentences_within_limit_before}/{s.sentences_before} before, "
        f"{s.sentences_within_limit_after}/{s.sentences_after} after; reading ease "
        f"{s.reading_ease_before} -> {s.reading_ease_after}"
    )


if __name__ == "__main__":
    main()
