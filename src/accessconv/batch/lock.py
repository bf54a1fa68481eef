"""The lock file that stops two runs working on the same output folder at once."""

from __future__ import annotations

import json
import os
import socket
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from ..errors import FolderLockedError, OutputError, output_problem
from ..scratch import pid_alive

LOCK_NAME = ".accessconv.lock"
LOCK_WRITE_GRACE_SECONDS = 5.0  # an unreadable lock this new may still be being written

LockInfo = dict[str, object]


class FolderLock:
    """A lock file in the output folder, so two runs never work on it at once.

    It records the process id, when that process started (Linux: /proc/<pid>/stat's start time and
    the boot id, so a process id reused after a crash or a restart is not taken for the run), the
    computer's name and a random token. It counts as left behind by a crash (and is cleared) when
    that process no longer runs on this computer, or when it has not been touched for
    `stale_after` seconds (a run touches it as it goes). A lock from another computer is honoured
    until then: it may be a live run on a shared drive."""

    def __init__(self, out_dir: Path, stale_after: float) -> None:
        self.path = out_dir / LOCK_NAME
        self.stale_after = stale_after
        self.token = uuid.uuid4().hex
        self.held = False

    def __enter__(self) -> FolderLock:
        self.acquire()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()

    def acquire(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise OutputError(output_problem(err, self.path.parent)) from err
        body = json.dumps(
            {
                "pid": os.getpid(),
                "host": socket.gethostname(),
                "started": datetime.now(UTC).replace(microsecond=0).isoformat(),
                "token": self.token,
                "process_start": _process_start(os.getpid()),
                "boot_id": _boot_id(),
            }
        )
        for _attempt in range(3):
            try:
                _create_exclusive(self.path, body)
            except FileExistsError:
                info = _read_lock(self.path)
                if info is not None and self._is_stale(info):
                    self._clear(info)
                    continue
                raise FolderLockedError(self._busy_message(info)) from None
            except OSError as err:
                raise OutputError(output_problem(err, self.path.parent)) from err
            self.held = True
            return
        raise FolderLockedError(self._busy_message(_read_lock(self.path)))

    def touch(self) -> None:
        if self.held:
            try:
                os.utime(self.path)
            except OSError:
                pass

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        info = _read_lock(self.path)
        if info is not None and info.get("token") == self.token:
            self.path.unlink(missing_ok=True)

    def _is_stale(self, info: LockInfo) -> bool:
        mtime = info.get("_mtime")
        age = time.time() - (mtime if isinstance(mtime, float | int) else time.time())
        if not info.get("token"):  # unreadable: a run that died while writing it, unless very new
            return age > LOCK_WRITE_GRACE_SECONDS
        if age > self.stale_after:
            return True
        if info.get("host") != socket.gethostname():
            return False  # maybe a live run on another computer sharing the drive
        pid = info.get("pid")
        if not isinstance(pid, int) or not pid_alive(pid):
            return True
        boot = info.get("boot_id")
        if boot and _boot_id() and boot != _boot_id():
            return True  # written before the computer restarted
        started = info.get("process_start")
        now = _process_start(pid)
        return bool(started is not None and now is not None and started != now)  # the id was reused

    def _clear(self, info: LockInfo) -> None:
        # Move it aside first, so two runs clearing the same stale lock cannot both win.
        aside = self.path.with_name(f"{LOCK_NAME}.{self.token}.stale")
        try:
            os.replace(self.path, aside)
        except FileNotFoundError:
            return
        if (_read_lock(aside) or {}).get("token") != info.get("token"):
            # Another run put a fresh lock here between our look and our move: put it back.
            os.replace(aside, self.path)
            return
        aside.unlink(missing_ok=True)

    def _busy_message(self, info: LockInfo | None) -> str:
        who = ""
        if info and info.get("token"):
            who = f" (process {info.get('pid')} on {info.get('host')}, started {info.get('started')} UTC)"
        return (
            f'Another accessconv run{who} is already working on "{self.path.parent}". Wait for it to '
            f'finish and try again. If you are sure no run is active, delete "{self.path}".'
        )


def _create_exclusive(path: Path, text: str) -> None:
    """Create `path` holding `text`, or raise FileExistsError if it exists.

    The text is written to a private file first and hard-linked into place, so the lock never
    exists half-written. Where hard links are not supported (some network shares), the file is
    created exclusively and then written."""
    tmp = path.with_name(f"{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        try:
            os.link(tmp, path)
            return
        except FileExistsError:
            raise
        except OSError:
            pass  # no hard links here
    finally:
        tmp.unlink(missing_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)


def _read_lock(path: Path) -> LockInfo | None:
    """The lock's contents plus its time (_mtime); {} if unreadable; None if it has gone."""
    try:
        mtime = path.stat().st_mtime
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError:
        return {"_mtime": time.time()}
    try:
        data: object = json.loads(text)
    except ValueError:
        data = {}
    info: LockInfo = {str(k): v for k, v in data.items()} if isinstance(data, dict) else {}
    info["_mtime"] = mtime
    return info


def _process_start(pid: int) -> int | None:
    """When process `pid` started, in clock ticks since boot (Linux), or None where unknown."""
    try:
        stat_line = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
        # The name (field 2) may hold spaces and brackets: count fields after its last ')'.
        return int(stat_line.rsplit(")", 1)[1].split()[19])  # field 22, starttime
    except (OSError, IndexError, ValueError):
        return None


def _boot_id() -> str | None:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip() or None
    except OSError:
        return None
