"""A 1,000-page draft converts without running out of memory (peak memory measured, not time)."""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

PARAGRAPH = (
    "Care workers told us that travel time between visits, short notice changes to rotas and a lack of "
    "paid training are the main reasons they leave, and that they want to be valued for their skills. "
)


def test_thousand_page_draft(tmp_path: Path) -> None:
    src = tmp_path / "huge.md"
    with src.open("w", encoding="utf-8") as fh:
        fh.write("---\ntitle: Huge\nlang: en-GB\n---\n")
        # 1,000 sections of about 450 words: roughly a page each in Word at 11 pt.
        for section in range(1000):
            fh.write(f"\n## Section {section + 1}\n\n")
            for _ in range(3):
                fh.write(PARAGRAPH * 5 + "\n\n")
    code = (
        "import accessconv, sys; r = accessconv.convert(sys.argv[1], profiles=['html'], out_dir=sys.argv[2]);"
        "print(r.errors)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(src), str(tmp_path / "out")], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "0"
    page = (tmp_path / "out" / "huge.html").read_text(encoding="utf-8")
    assert page.count('<h2 id="section-') == 1000
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    # ~450,000 words; our process must stay far below the machine's memory.
    assert peak_mib < 2048, f"peak memory {peak_mib:.0f} MiB"
