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


# A process killed with kill -9 in the middle of reading its draft: pandoc's folder cannot be removed
# by it (the tests that kill a batch or service worker left hundreds of these in /tmp).
KILLED_MID_READ = """
import os, signal, sys
from accessconv import reader
pending = reader.start_read(sys.argv[1])  # kept, so nothing tidies it before the kill
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_folders_a_killed_run_left_are_removed_by_the_next_run(tmp_path: Path) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    (tmp_path / "hours.md").write_text(DRAFT, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(SRC), "TMPDIR": str(temp)}
    killed = subprocess.run([sys.executable, "-c", KILLED_MID_READ, str(tmp_path / "hours.md")], env=env)
    assert killed.returncode == -9
    assert [name.startswith("accessconv-read-") for name in _left(temp)] == [True]

    done = _run(["convert", "hours.md", "-o", "out", "-p", "html"], tmp_path, temp)
    assert done.returncode in (0, 1), done.stdout + done.stderr
    assert _left(temp) == []


def test_only_folders_of_ended_processes_on_this_computer_are_removed(tmp_path: Path) -> None:
    from accessconv import scratch

    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True)
    gone_pid, host, me = int(ended.stdout), scratch.host_tag(), os.getpid()
    names = {
        f"accessconv-read-{host}-{gone_pid}-abc": True,  # its process has ended
        f"accessconv-typst-{host}-{me}-abc": False,  # this process still runs
        f"accessconv-read-0000000a-{gone_pid}-abc": False,  # another computer's (a shared folder)
        f"accessconv-read-{host}-{gone_pid}-file": False,  # a file, not a folder
        "accessconv-read-ab12cd34": False,  # an older version's, too new to be sure
        "accessconv-typst-old12345": True,  # an older version's, a day old
        f"someone-else-{host}-{gone_pid}-abc": False,  # not ours
    }
    for name in names:
        path = tmp_path / name
        if name.endswith("-file"):
            path.write_text("x")
        else:
            path.mkdir()
            (path / "inside.json").write_text("{}")
    day_old = os.stat(tmp_path).st_mtime - scratch.LEGACY_AGE_SECONDS - 60
    os.utime(tmp_path / "accessconv-typst-old12345", (day_old, day_old))

    removed = scratch.remove_leftovers(tmp_path)

    assert sorted(p.name for p in removed) == sorted(n for n, gone in names.items() if gone)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(n for n, gone in names.items() if not gone)
