"""Two runs on one output folder, a lock left by a crash, and --watch (each bounded in time)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from accessconv.batch import LOCK_NAME, FolderLock
from accessconv.errors import FolderLockedError
from batch_builders import by_path, cli_subprocess, md, read_report, run_batch, valid_report, wait_for, write


def _tree(tmp_path: Path, n: int = 3) -> Path:
    src = tmp_path / "Drafts"
    for i in range(n):
        write(src / f"Notice {i}.md", md(f"Notice {i}"))
    return src


def test_second_run_is_refused_while_the_first_works(tmp_path: Path) -> None:
    src = _tree(tmp_path)
    out = tmp_path / "Out"
    # The first run holds the lock while it waits for the drafts to settle.
    first = cli_subprocess("batch", src, "--out", out, "-p", "html", "--settle", "1.5", "--jobs", "1")
    try:
        assert wait_for(lambda: (out / LOCK_NAME).exists(), timeout=20)
        second = run_batch(src, out)
        assert second.exit_code == 2
        assert "Another accessconv run" in second.stderr and "already working on" in second.stderr
        assert f"process {first.pid}" in second.stderr
        stdout, stderr = first.communicate(timeout=60)
    finally:
        first.kill()
    assert first.returncode == 0, stderr
    assert not (out / LOCK_NAME).exists()
    assert {f["status"] for f in read_report(out)["files"]} == {"converted"}


def test_lock_left_by_a_crashed_run_is_cleared(tmp_path: Path) -> None:
    src = _tree(tmp_path)
    out = tmp_path / "Out"
    crashed = cli_subprocess("batch", src, "--out", out, "-p", "html", "--settle", "30", "--jobs", "1")
    assert wait_for(lambda: (out / LOCK_NAME).exists(), timeout=20)
    crashed.send_signal(signal.SIGKILL)  # no chance to clean up
    crashed.communicate(timeout=20)
    assert (out / LOCK_NAME).exists()

    result = run_batch(src, out)
    assert result.exit_code == 0, result.stderr
    assert not (out / LOCK_NAME).exists()
    assert len(read_report(out)["files"]) == 3


def _lock_file(out: Path, pid: int, host: str, age_seconds: float = 0) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    path = out / LOCK_NAME
    path.write_text(
        json.dumps({"pid": pid, "host": host, "started": "2026-01-01T09:00:00+00:00", "token": "x"})
    )
    then = time.time() - age_seconds
    os.utime(path, (then, then))
    return path


def test_lock_rules(tmp_path: Path) -> None:
    out = tmp_path / "Out"
    # A live run on another computer: refused, and the message says how to clear it by hand.
    lock = _lock_file(out, 4242, "other-pc")
    with pytest.raises(FolderLockedError, match="other-pc") as err:
        FolderLock(out, stale_after=600).acquire()
    assert str(lock) in str(err.value)
    # The same lock, untouched for longer than the limit: cleared.
    _lock_file(out, 4242, "other-pc", age_seconds=700)
    with FolderLock(out, stale_after=600):
        assert json.loads(lock.read_text())["pid"] == os.getpid()
    assert not lock.exists()
    # A process on this computer that has ended: cleared at once.
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    _lock_file(out, int(ended.stdout), socket.gethostname())
    with FolderLock(out, stale_after=600):
        pass
    # A half-written (empty) lock is left alone for a moment, then cleared.
    lock.write_text("")
    with pytest.raises(FolderLockedError):
        FolderLock(out, stale_after=600).acquire()
    os.utime(lock, (time.time() - 60, time.time() - 60))
    with FolderLock(out, stale_after=600):
        pass
    # Our own lock is released even when the run fails.
    with pytest.raises(RuntimeError), FolderLock(out, stale_after=600):
        raise RuntimeError("boom")
    assert not lock.exists()


def test_watch_picks_up_a_new_draft_and_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    src = _tree(tmp_path, n=1)
    out = tmp_path / "Out"
    watcher = cli_subprocess(
        "batch",
        src,
        "--out",
        out,
        "-p",
        "html",
        "--watch",
        "--interval",
        "0.2",
        "--settle",
        "0.1",
        "--jobs",
        "1",
    )
    try:
        assert wait_for(lambda: (out / "Notice 0" / "Notice 0.html").exists(), timeout=30)
        write(src / "New" / "Fresh.md", md("Fresh"))
        assert wait_for(lambda: (out / "New" / "Fresh" / "Fresh.html").exists(), timeout=30)
        assert wait_for(lambda: "New/Fresh.md" in by_path(read_report(out)), timeout=10)
        # A second run is refused while the watcher holds the folder.
        assert run_batch(src, out).exit_code == 2
        watcher.send_signal(signal.SIGINT)
        stdout, stderr = watcher.communicate(timeout=30)
    finally:
        watcher.kill()
    assert watcher.returncode == 0, stderr
    assert "Stopped watching" in stderr and "Traceback" not in stderr
    assert "Fresh.md" in stdout
    assert not (out / LOCK_NAME).exists()
    # The report is rewritten only when something changes, so it still says what the last look did.
    assert by_path(read_report(out))["New/Fresh.md"]["status"] == "converted"
    assert by_path(read_report(out))["Notice 0.md"]["status"] == "unchanged"


def test_watch_with_json_reports_prints_one_valid_report_per_line(tmp_path: Path) -> None:
    src = _tree(tmp_path, n=1)
    out = tmp_path / "Out"
    watcher = cli_subprocess(
        "batch",
        src,
        "--out",
        out,
        "-p",
        "html",
        "--watch",
        "--interval",
        "0.2",
        "--settle",
        "0",
        "--report",
        "json",
    )
    try:
        assert wait_for(lambda: (out / "report.json").exists(), timeout=30)
        write(src / "Second.md", md("Second"))
        assert wait_for(lambda: (out / "Second" / "Second.html").exists(), timeout=30)
        time.sleep(0.5)
        watcher.send_signal(signal.SIGTERM)  # how a service manager stops it
        stdout, stderr = watcher.communicate(timeout=30)
    finally:
        watcher.kill()
    assert watcher.returncode == 0, stderr
    lines = [line for line in stdout.splitlines() if line.strip()]
    assert len(lines) >= 2
    for line in lines:
        valid_report(json.loads(line))
    assert json.loads(lines[-1])["summary"]["files"] == 2


def test_watch_keeps_going_when_a_profile_is_saved_half_edited(tmp_path: Path) -> None:
    from accessconv import watch_folder
    from accessconv.errors import ProfileError
    from batch_builders import copy_profile

    src = _tree(tmp_path, n=2)
    out = tmp_path / "Out"
    council = tmp_path / "council"
    profile = copy_profile("html", "web", council)
    good = profile.read_text(encoding="utf-8")
    events: list[str] = []

    def on_cycle(result) -> None:  # type: ignore[no-untyped-def]
        events.append(f"cycle {len(result.converted)} converted")
        if len(events) == 1:
            profile.write_text(good + "\nmystery = 1\n", encoding="utf-8")  # saved mid-edit

    def on_error(err) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(err, ProfileError) and "mystery" in str(err)
        events.append("error")
        profile.write_text(good.replace('contents_label = "Contents"', 'contents_label = "On this page"'))

    last = watch_folder(
        src,
        out,
        ["web"],
        [council],
        interval=0.05,
        settle=0,
        jobs=1,
        on_cycle=on_cycle,
        on_error=on_error,
        should_stop=lambda: len(events) >= 3,
    )
    assert events == ["cycle 2 converted", "error", "cycle 2 converted"]  # the fixed profile: rebuilt
    assert last is not None and last.exit_code() == 0
    assert not (out / ".accessconv.lock").exists()
    read_report(out)
