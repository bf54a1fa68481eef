"""Every temporary folder a conversion makes is gone when it ends, whichever process made it:
the main process, a forked child of a conversion, or a batch worker. (Font folders were once
left behind by children, which end without running atexit handlers: hundreds in /tmp.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import accessconv

SRC = Path(accessconv.__file__).resolve().parents[1]

DRAFT = """# Library opening hours

From 1 April 2027, the central library will open from 9am to 7pm on weekdays.

- Tell us what you think by 31 March 2027.
- Call 01632 960 123 or email libraries@example.gov.uk.
"""


def _run(args: list[str], cwd: Path, temp: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "TMPDIR": str(temp), "ACCESSCONV_JOBS": "2"}
    return subprocess.run(
        [sys.executable, "-m", "accessconv", *args], cwd=cwd, env=env, capture_output=True, text=True
    )


def _left(temp: Path) -> list[str]:
    return sorted(p.name for p in temp.iterdir())


def test_convert_with_every_profile_leaves_no_temporary_folder(tmp_path: Path) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    (tmp_path / "hours.md").write_text(DRAFT, encoding="utf-8")
    done = _run(["convert", "hours.md", "-o", "out"], tmp_path, temp)
    assert done.returncode in (0, 1), done.stdout + done.stderr
    assert any(p.suffix == ".pdf" for p in (tmp_path / "out").iterdir())  # PDFs were made
    assert _left(temp) == []


def test_batch_workers_leave_no_temporary_folder(tmp_path: Path) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for n in range(3):
        (drafts / f"hours-{n}.md").write_text(DRAFT, encoding="utf-8")
    args = ["batch", "drafts", "--out", "accessible", "-p", "large-print", "--jobs", "2"]
    done = _run(args, tmp_path, temp)
    assert done.returncode in (0, 1), done.stdout + done.stderr
    assert len(list((tmp_path / "accessible").rglob("*.pdf"))) == 3
    assert _left(temp) == []
