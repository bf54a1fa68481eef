"""The security review of batch, convert and the CLI: one test (or more) per finding.

1. Links in the drafts folder are never followed (a link could publish /etc/passwd).
2. Limits.draft_seconds stops a draft that runs too long; the others go on.
3. Killed runs leave nothing behind: workers end with the run, leftover temporary folders are
   removed by the next run, SIGTERM cleans up like Ctrl-C, finished drafts are in the manifest.
4. Output problems (disk full, read-only, another file system) get their own plain message, and
   no message shows a temporary path.
5. A lock naming a live but unrelated process (a reused process id) does not block runs.
6. A file name is never read as an option by pandoc.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from accessconv.batch import LOCK_NAME, MANIFEST_NAME, _boot_id, convert_folder
from accessconv.pipeline import temp_dir_prefix
from batch_builders import REPO, by_path, cli_subprocess, md, read_report, run_batch, run_cli, wait_for, write

SECRET = "TOP-SECRET-PAYROLL-LINE"
# The time limit where other drafts must still convert in time on a busy machine (the first draft
# in a process also pays for importing the writers); a hung draft waits this long.
PATIENCE = 10


def _leftovers(folder: Path) -> list[Path]:
    """Temporary folders or files of ours anywhere under `folder`."""
    return [p for p in folder.rglob(".*") if p.name.endswith(".tmp")]


def _drafts(tmp_path: Path, *names: str) -> Path:
    src = tmp_path / "Drafts"
    for name in names:
        write(src / name, md(Path(name).stem.title()))
    return src


@pytest.fixture
def slow_pandoc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """pandoc, except that it hangs on drafts whose name holds 'slow' (as pandoc can on a hostile
    draft). Returns the file the fake pandoc writes its process id to when it hangs."""
    from accessconv.reader import pandoc_path

    real = pandoc_path()
    pids = tmp_path / "hung-pandoc-pids"
    script = tmp_path / "fake-pandoc"
    script.write_text(
        "#!/bin/sh\n"
        'for a in "$@"; do last="$a"; done\n'
        f'case "${{last##*/}}" in *slow*) echo $$ >> "{pids}"; exec sleep 120;; esac\n'
        f'exec "{real}" "$@"\n',
        encoding="utf-8",
    )
    script.chmod(0o755)
    monkeypatch.setenv("PYPANDOC_PANDOC", str(script))  # for the CLI in its own process
    # In this process too (pypandoc remembers the pandoc it found first, whatever the variable says).
    monkeypatch.setattr("accessconv.reader.pandoc_path", lambda: str(script))
    yield pids
    # Tidy up whatever the fake left hanging (only the processes it recorded).
    for line in pids.read_text().split() if pids.exists() else []:
        try:
            os.kill(int(line), signal.SIGKILL)
        except (ProcessLookupError, ValueError):
            pass


def _limits_config(tmp_path: Path, seconds: float) -> Path:
    return write(tmp_path / "accessconv.toml", f"[limits]\ndraft_seconds = {seconds}\n")


# ---------------------------------------------------------------- 1. links


def test_batch_does_not_publish_a_file_outside_the_folder_through_a_link(tmp_path: Path) -> None:
    src = _drafts(tmp_path, "Bins.md")
    outside = write(tmp_path / "elsewhere" / "payroll.md", md("Payroll", SECRET))
    (src / "passwd.md").symlink_to("/etc/passwd")
    (src / "payroll.md").symlink_to(outside)
    (src / "Linked").symlink_to(outside.parent, target_is_directory=True)
    out = tmp_path / "Out"

    result = run_batch(src, out)

    assert result.exit_code == 0, result.output
    assert (out / "Bins" / "Bins.html").is_file()
    assert not (out / "passwd").exists() and not (out / "payroll").exists()
    for file in out.rglob("*"):
        if file.is_file():
            text = file.read_text(encoding="utf-8", errors="replace")
            assert SECRET not in text and "root:x:0:0" not in text, file
    files = by_path(read_report(out))
    for rel in ("passwd.md", "payroll.md", "Linked/"):
        assert files[rel]["status"] == "skipped"
        assert "outside the drafts folder" in files[rel]["note"]
        assert rel in result.output
    assert "outside the drafts folder" in result.output
    assert "1 draft, 1 converted, 3 links not followed." in result.output  # a link is not a draft
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Links that were not followed" in index and "passwd.md" in index


def test_a_link_to_a_draft_inside_the_folder_is_listed_and_the_draft_converted_once(tmp_path: Path) -> None:
    src = _drafts(tmp_path, "Bins.md")
    (src / "Alias.md").symlink_to(src / "Bins.md")
    out = tmp_path / "Out"

    result = run_batch(src, out)

    assert result.exit_code == 0, result.output
    files = by_path(read_report(out))
    assert files["Bins.md"]["status"] == "converted"
    assert files["Alias.md"]["status"] == "skipped"
    assert "in the drafts folder" in files["Alias.md"]["note"]
    assert not (out / "Alias").exists()


def test_a_draft_swapped_for_a_link_during_the_run_is_not_read(tmp_path: Path) -> None:
    src = _drafts(tmp_path, "A first.md", "B second.md")
    outside = write(tmp_path / "elsewhere" / "payroll.md", md("Payroll", SECRET))
    out = tmp_path / "Out"

    def swap(done: int, _total: int, _rel: str) -> None:
        if done == 1:  # the first draft is done, the second is listed but not read yet
            (src / "B second.md").unlink()
            (src / "B second.md").symlink_to(outside)

    result = convert_folder(src, out, ["html"], jobs=1, settle=0, progress=swap)

    second = next(d for d in result.drafts if d.relative == "B second.md")
    assert second.status == "failed"
    assert "replaced by a link" in (second.error or "")
    assert not (out / "B second").exists()
    assert all(SECRET not in p.read_text(errors="replace") for p in out.rglob("*") if p.is_file())


# ---------------------------------------------------------------- 2. the time limit


def test_batch_stops_a_draft_that_takes_too_long_and_converts_the_rest(
    tmp_path: Path, slow_pandoc: Path
) -> None:
    src = _drafts(tmp_path, "Bins.md", "slow notice.md", "Rent.md")
    out = tmp_path / "Out"
    config = _limits_config(tmp_path, PATIENCE)

    result = run_batch(src, out, "--config", config)

    assert result.exit_code == 2, result.output
    files = by_path(read_report(out))
    assert files["Bins.md"]["status"] == files["Rent.md"]["status"] == "converted"
    assert files["slow notice.md"]["status"] == "failed"
    message = files["slow notice.md"]["error"]
    assert f"took longer than {PATIENCE} seconds" in message and "draft_seconds" in message
    assert "Traceback" not in result.output
    assert not (out / "slow notice").exists()
    assert _leftovers(out) == []


def test_batch_with_workers_stops_a_slow_draft_without_breaking_the_others(
    tmp_path: Path, slow_pandoc: Path
) -> None:
    src = _drafts(tmp_path, "Bins.md", "slow notice.md", "Rent.md", "Repairs.md")
    out = tmp_path / "Out"

    result = run_batch(src, out, "--config", _limits_config(tmp_path, PATIENCE), "--jobs", "2")

    files = by_path(read_report(out))
    assert [rel for rel, f in files.items() if f["status"] == "converted"] == [
        "Bins.md",
        "Rent.md",
        "Repairs.md",
    ]
    assert f"took longer than {PATIENCE} seconds" in files["slow notice.md"]["error"]
    assert "stopped unexpectedly" not in result.output
    assert _leftovers(out) == []


def test_convert_stops_a_draft_that_takes_too_long_in_our_own_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The alarm stops Python work too (here a writer that never finishes), not only pandoc."""
    import time

    from accessconv.formats.html import plugin as html

    real_write = html.write

    def stuck_write(doc, profile, out_dir, stem):  # type: ignore[no-untyped-def]
        written = real_write(doc, profile, out_dir, stem)  # a half-made output in the temp folder
        time.sleep(60)
        return written

    monkeypatch.setattr(html, "write", stuck_write)
    draft = write(tmp_path / "notice.md", md("Notice"))
    out = tmp_path / "Out"

    result = run_cli("convert", draft, "-p", "html", "-o", out, "--config", _limits_config(tmp_path, 1))

    assert result.exit_code == 2
    assert "took longer than 1 seconds" in result.output and "draft_seconds" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()
    assert _leftovers(tmp_path) == []


def test_watch_stops_a_slow_draft_and_keeps_watching(tmp_path: Path, slow_pandoc: Path) -> None:
    from accessconv.batch import watch_folder
    from accessconv.limits import Limits

    src = _drafts(tmp_path, "Bins.md", "slow notice.md")
    cycles = []
    last = watch_folder(
        src,
        tmp_path / "Out",
        ["html"],
        interval=0.1,
        jobs=1,
        settle=0,
        limits=Limits(draft_seconds=PATIENCE),
        on_cycle=cycles.append,
        should_stop=lambda: len(cycles) >= 2,
    )
    assert last is not None
    status = {d.relative: d.status for d in cycles[0].drafts}
    assert status == {"Bins.md": "converted", "slow notice.md": "failed"}, [d.error for d in cycles[0].drafts]
    assert f"took longer than {PATIENCE} seconds" in (cycles[0].failed[0].error or "")
    assert _leftovers(tmp_path / "Out") == []


def test_check_stops_a_draft_that_takes_too_long(tmp_path: Path, slow_pandoc: Path) -> None:
    draft = write(tmp_path / "slow notice.md", md("Notice"))
    result = run_cli("check", draft, "--config", _limits_config(tmp_path, 1))
    assert result.exit_code == 2
    assert "took longer than 1 seconds" in result.output and "Traceback" not in result.output


def test_no_time_limit_when_draft_seconds_is_zero(tmp_path: Path) -> None:
    draft = write(tmp_path / "notice.md", md("Notice"))
    result = run_cli(
        "convert", draft, "-p", "html", "-o", tmp_path / "Out", "--config", _limits_config(tmp_path, 0)
    )
    assert result.exit_code == 0, result.output


# ---------------------------------------------------------------- 3. killed runs


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_end_when_the_batch_run_is_killed(tmp_path: Path, slow_pandoc: Path) -> None:
    src = _drafts(tmp_path, "slow one.md", "slow two.md")
    run = cli_subprocess(
        "batch", src, "--out", tmp_path / "Out", "-p", "html", "--settle", "0", "--jobs", "2"
    )
    workers: list[int] = []
    try:
        assert wait_for(lambda: slow_pandoc.exists() and len(slow_pandoc.read_text().split()) == 2)
        workers = _children(run.pid)
        assert len(workers) >= 2
        run.kill()
        run.wait()
        assert wait_for(lambda: not any(_alive(w) for w in workers), timeout=20)
    finally:
        run.kill()
        for pid in workers:  # this test's own processes, should they have outlived the run
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        run.wait()
        for pipe in (run.stdout, run.stderr):
            if pipe:
                pipe.close()


def _dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def test_batch_removes_temporary_folders_a_killed_run_left(tmp_path: Path) -> None:
    src = _drafts(tmp_path, "Bins.md")
    out = tmp_path / "Out"
    assert run_batch(src, out).exit_code == 0
    # What a run killed mid-draft leaves: a hidden temporary folder with half the outputs.
    killed = out / "Bins" / f"{temp_dir_prefix('Bins').rsplit('-', 2)[0]}-{_dead_pid()}-abcd1234.tmp"
    write(killed / "Bins.html", "<html><body>half")
    older = out / ".Rent.k3j2h1g0.tmp"  # named before temporary folders said whose they were
    write(older / "Rent.html", "<html>")
    os.utime(older, (0, 0))
    live = out / "Bins" / f"{temp_dir_prefix('Bins')}live1234.tmp"  # this process: still working
    write(live / "Bins.html", "<html>")

    result = run_batch(src, out)

    assert result.exit_code == 0, result.output
    assert not killed.exists() and not older.exists()
    assert live.exists()


def test_convert_removes_temporary_folders_a_killed_run_left(tmp_path: Path) -> None:
    draft = write(tmp_path / "notice.md", md("Notice"))
    out = tmp_path / "Out"
    killed = out / f"{temp_dir_prefix('Out').rsplit('-', 2)[0]}-{_dead_pid()}-abcd1234.tmp"
    write(killed / "notice.html", "<html><body>half")

    result = run_cli("convert", draft, "-p", "html", "-o", out)

    assert result.exit_code == 0, result.output
    assert not killed.exists()
    assert sorted(p.name for p in out.iterdir()) == ["notice.html"]


STUCK_WRITER = (
    "import time, accessconv.formats.html.plugin as h\n"
    "real = h.write\n"
    "def write(*a, **k):\n"
    "    written = real(*a, **k)\n"
    "    time.sleep(120)\n"
    "    return written\n"
    "h.write = write\n"
    "from accessconv.cli import main\n"
    "main()\n"
)


def test_sigterm_on_convert_leaves_nothing_half_written(tmp_path: Path) -> None:
    draft = write(tmp_path / "notice.md", md("Notice"))
    out = tmp_path / "Out"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    args = [sys.executable, "-c", STUCK_WRITER, "convert", str(draft), "-p", "html", "-o", str(out)]
    run = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert wait_for(lambda: any(p.name == "notice.html" for p in _leftovers_files(out)))
        run.send_signal(signal.SIGTERM)
        _stdout, stderr = run.communicate(timeout=30)
    finally:
        run.kill()
    assert run.returncode == 130
    assert "Stopped" in stderr and "Traceback" not in stderr
    assert not out.exists() or list(out.iterdir()) == []


def _leftovers_files(out: Path) -> list[Path]:
    return [f for t in (_leftovers(out) if out.exists() else []) for f in t.rglob("*")]


def test_finished_drafts_are_in_the_manifest_before_the_run_ends(
    tmp_path: Path, slow_pandoc: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = _drafts(tmp_path, "A bins.md", "B slow.md")
    out = tmp_path / "Out"
    run = cli_subprocess("batch", src, "--out", out, "-p", "html", "--settle", "0", "--jobs", "1")

    def recorded() -> bool:
        try:
            return "A bins.md" in json.loads((out / MANIFEST_NAME).read_text())["drafts"]
        except (OSError, ValueError, KeyError):
            return False

    try:
        assert wait_for(recorded)
        run.kill()  # kill -9: no chance to save anything more
    finally:
        run.kill()
        run.communicate()
    monkeypatch.delenv("PYPANDOC_PANDOC")  # the next run may read every draft
    (src / "B slow.md").rename(src / "B quick.md")

    result = run_batch(src, out)

    assert result.exit_code == 0, result.output
    files = by_path(read_report(out))
    assert files["A bins.md"]["status"] == "unchanged"
    assert files["B quick.md"]["status"] == "converted"


# ---------------------------------------------------------------- 4. output problems


def _raise_enospc(*_a: object, **_k: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device", "/somewhere/.Out.acv-1-2-x.tmp/notice.html")


def test_convert_says_the_disk_is_full(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from accessconv.formats.html import plugin as html

    monkeypatch.setattr(html, "write", _raise_enospc)
    draft = write(tmp_path / "notice.md", md("Notice"))
    out = tmp_path / "Out"

    result = run_cli("convert", draft, "-p", "html", "-o", out)

    assert result.exit_code == 2
    assert "is full" in result.output and "free some space" in result.output
    assert "unexpected" not in result.output and "accessconv team" not in result.output
    assert ".tmp" not in result.output and "No space left" not in result.output
    assert not out.exists()


def test_batch_counts_truthfully_when_the_disk_is_full_and_tries_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from accessconv.formats.html import plugin as html

    src = _drafts(tmp_path, "Bins.md", "Rent.md")
    out = tmp_path / "Out"
    real_write = html.write
    monkeypatch.setattr(html, "write", _raise_enospc)

    result = run_batch(src, out)

    assert result.exit_code == 2
    assert "2 could not be converted" in result.output
    assert "converted" not in result.output.split("Could not convert")[0].replace("could not convert", "")
    assert "other drafts were converted" not in result.output
    assert result.output.count("is full") == 2
    monkeypatch.setattr(html, "write", real_write)  # space freed: the next run tries again
    again = run_batch(src, out)
    assert again.exit_code == 0, again.output
    assert {f["status"] for f in read_report(out)["files"]} == {"converted"}


@pytest.fixture
def mounted(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs at tmp_path/mnt (another file system), or skip where mounting is not allowed."""
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)], capture_output=True)
    if made.returncode != 0:
        pytest.skip("mounting a tmpfs is not permitted here")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def test_convert_into_a_mount_point_on_another_file_system(tmp_path: Path, mounted: Path) -> None:
    draft = write(tmp_path / "notice.md", md("Notice"))
    result = run_cli("convert", draft, "-p", "html", "-o", mounted)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in mounted.iterdir()) == ["notice.html"]


def test_a_real_full_disk(tmp_path: Path, mounted: Path) -> None:
    fd = os.open(mounted / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"x" * 4096)
    except OSError as err:
        assert err.errno == errno.ENOSPC
    finally:
        os.close(fd)
    draft = write(tmp_path / "notice.md", md("Notice"))
    result = run_cli("convert", draft, "-p", "html", "-o", mounted / "Out")
    assert result.exit_code == 2
    assert "is full" in result.output and str(mounted / "Out") in result.output
    assert "Traceback" not in result.output and ".tmp" not in result.output
    assert not (mounted / "Out").exists()


def test_a_read_only_output_folder(tmp_path: Path, mounted: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(mounted)], check=True)
    draft = write(tmp_path / "notice.md", md("Notice"))
    result = run_cli("convert", draft, "-p", "html", "-o", mounted / "Out")
    assert result.exit_code == 2
    assert "read-only" in result.output and "Read-only file system" not in result.output
    batch = run_batch(_drafts(tmp_path, "Bins.md"), mounted / "Out")
    assert batch.exit_code == 2 and "read-only" in batch.output


def test_moving_into_place_falls_back_to_copying_across_file_systems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import accessconv.pipeline as pipeline

    real_replace = os.replace

    def replace(src: object, dst: object) -> None:
        if ".acv-" in Path(str(src)).parent.name:  # out of our temporary folder: "another file system"
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        real_replace(src, dst)

    monkeypatch.setattr(pipeline.os, "replace", replace)
    draft = write(tmp_path / "notice.md", md("Notice"))
    out = tmp_path / "Out"
    result = run_cli("convert", draft, "-p", "html", "-o", out)
    assert result.exit_code == 0, result.output
    assert "cross-device" not in result.output
    assert sorted(p.name for p in out.iterdir()) == ["notice.html"]


def test_no_message_names_a_temporary_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from accessconv.errors import OutputError
    from accessconv.formats.html import plugin as html

    def failing_write(doc, profile, out_dir, stem):  # type: ignore[no-untyped-def]
        raise OutputError(f'Cannot write "{out_dir / (stem + ".html")}": the name is too long.')

    monkeypatch.setattr(html, "write", failing_write)
    draft = write(tmp_path / "notice.md", md("Notice"))
    out = tmp_path / "Out"
    result = run_cli("convert", draft, "-p", "html", "-o", out)
    assert result.exit_code == 2
    assert f'"{out / "notice.html"}"' in result.output
    assert ".acv-" not in result.output and ".tmp" not in result.output


# ---------------------------------------------------------------- 5. the lock


def _lock(out: Path, **fields: object) -> None:
    body = {"host": socket.gethostname(), "started": "2026-01-01T00:00:00+00:00", "token": "t" * 32}
    body.update(fields)
    write(out / LOCK_NAME, json.dumps(body))


@pytest.mark.skipif(not Path("/proc/1/stat").exists(), reason="reads /proc")
def test_a_lock_naming_a_reused_process_id_does_not_block(tmp_path: Path) -> None:
    src = _drafts(tmp_path, "Bins.md")
    out = tmp_path / "Out"
    # Process 1 is alive, but started at another time than the run that wrote the lock.
    _lock(out, pid=1, process_start=987654321, boot_id=_boot_id())
    result = run_batch(src, out)
    assert result.exit_code == 0, result.output
    assert not (out / LOCK_NAME).exists()


def test_a_lock_from_before_a_restart_does_not_block(tmp_path: Path) -> None:
    src = _drafts(tmp_path, "Bins.md")
    out = tmp_path / "Out"
    _lock(out, pid=1, process_start=1, boot_id="00000000-0000-0000-0000-000000000000")
    result = run_batch(src, out)
    assert result.exit_code == 0, result.output


def test_a_fresh_lock_from_another_computer_is_honoured(tmp_path: Path) -> None:
    src = _drafts(tmp_path, "Bins.md")
    out = tmp_path / "Out"
    _lock(out, pid=_dead_pid(), host="another-computer", process_start=1, boot_id="x")
    result = run_batch(src, out)
    assert result.exit_code == 2
    assert "Another accessconv run" in result.output and "another-computer" in result.output


def test_the_lock_records_process_start_and_boot(tmp_path: Path) -> None:
    from accessconv.batch import FolderLock

    with FolderLock(tmp_path, 60) as lock:
        info = json.loads(lock.path.read_text())
    if Path("/proc/self/stat").exists():
        assert isinstance(info["process_start"], int) and info["boot_id"]


# ---------------------------------------------------------------- 6. file names are not options

EVIL_LUA = 'local f = io.open("{marker}", "w"); f:write("ran"); f:close()\n'


def _evil_folder(tmp_path: Path) -> tuple[Path, Path]:
    src = tmp_path / "Drafts"
    marker = tmp_path / "lua-ran"
    write(src / "evil.md", EVIL_LUA.format(marker=marker))
    write(src / "--lua-filter=evil.md", md("Innocent"))
    return src, marker


def test_batch_never_passes_a_file_name_as_an_option(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src, marker = _evil_folder(tmp_path)
    monkeypatch.chdir(src)
    run_cli("batch", ".", "--out", tmp_path / "Out", "-p", "html", "--settle", "0", "--jobs", "1")
    assert not marker.exists()


def test_convert_and_check_never_pass_a_file_name_as_an_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src, marker = _evil_folder(tmp_path)
    monkeypatch.chdir(src)
    run_cli("convert", "-p", "html", "-o", tmp_path / "Out", "--", "--lua-filter=evil.md")
    run_cli("check", "--", "--lua-filter=evil.md")
    assert not marker.exists()


def test_a_full_disk_outside_the_output_folder_is_not_called_a_bug(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pandoc's working files (in the system's temporary folder) can fill a disk too."""
    import accessconv.reader as reader

    def no_room(*_a: object, **_k: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(reader, "_start_pandoc", no_room)
    draft = write(tmp_path / "notice.md", md("Notice"))
    result = run_cli("convert", draft, "-p", "html", "-o", tmp_path / "Out")
    assert result.exit_code == 2
    assert "the disk is full" in result.output and "unexpected" not in result.output
    batch = run_batch(_drafts(tmp_path, "Bins.md"), tmp_path / "Out2")
    assert batch.exit_code == 2
    assert "the disk is full" in batch.output and "unexpected" not in batch.output
