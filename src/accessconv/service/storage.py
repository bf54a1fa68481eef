"""Where the service keeps jobs: one folder per job under `<data>/jobs/<id>/`.

    job.json           what was asked and how far it got (written atomically)
    upload/<random>    the drafts as received, under random names (never the client's path)
    work/<name>        a copy under a cleaned name, so outputs carry the draft's own name
    attempts/<n>/      one run of the job (n: its lease's fencing token): work/, out/, report.json
    out/<name>/...     the published outputs, as `accessconv convert -o` writes them
    report.json        the JSON report (the shape of --report json, paths relative to out/)
    accessible.zip     everything in out/, for one download (made at the first download)
    lock               locked while job.json is compared and changed, or an attempt publishes

Job ids are 22 random URL-safe characters; they are the only way to reach a job.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import secrets
import shutil
import socket
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

JOB_ID = re.compile(r"^[A-Za-z0-9_-]{22}$")
DRAFT_TYPES = (".docx", ".odt", ".md", ".html")
_UNSAFE = re.compile(r"[^\w .()+,-]")
MAX_NAME = 80


def new_job_id() -> str:
    return secrets.token_urlsafe(16)


def clean_stem(client_name: str) -> str:
    """A safe file name stem from whatever the client sent: its last path part only, no leading
    dots, only letters, digits and a few signs, at most MAX_NAME characters."""
    base = re.split(r"[\\/]", client_name)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = _UNSAFE.sub("_", stem).strip(" .")[:MAX_NAME].strip(" .")
    return stem or "draft"


def draft_type(client_name: str) -> str | None:
    suffix = "." + client_name.rsplit(".", 1)[-1].lower() if "." in client_name else ""
    return suffix if suffix in DRAFT_TYPES else None


def host_tag() -> str:
    return socket.gethostname()


@dataclass(frozen=True)
class Store:
    root: Path

    @property
    def jobs(self) -> Path:
        return self.root / "jobs"

    @property
    def incoming(self) -> Path:
        return self.root / "incoming"

    def job_dir(self, job_id: str) -> Path:
        if not JOB_ID.match(job_id):
            raise KeyError(job_id)
        return self.jobs / job_id

    def prepare(self) -> None:
        self.jobs.mkdir(parents=True, exist_ok=True)
        self.incoming.mkdir(parents=True, exist_ok=True)
        # Uploads half-received when the server stopped: never jobs, so removed.
        for leftover in self.incoming.iterdir():
            shutil.rmtree(leftover, ignore_errors=True)

    def new_incoming(self) -> Path:
        """A private folder for one request's uploads; moved into jobs/ only once all is well."""
        self.incoming.mkdir(parents=True, exist_ok=True)
        folder = self.incoming / secrets.token_hex(12)
        folder.mkdir(mode=0o700)
        return folder

    def read(self, job_id: str) -> dict[str, Any]:
        try:
            with (self.job_dir(job_id) / "job.json").open(encoding="utf-8") as fh:
                data: dict[str, Any] = json.load(fh)
        except (OSError, ValueError) as err:
            raise KeyError(job_id) from err
        return data

    def write(self, job_id: str, job: dict[str, Any]) -> None:
        folder = self.job_dir(job_id)
        part = folder / f".job.{secrets.token_hex(4)}.tmp"
        part.write_text(json.dumps(job, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(part, folder / "job.json")

    def update(self, job_id: str, **changes: Any) -> dict[str, Any]:
        job = self.read(job_id)
        job.update(changes)
        self.write(job_id, job)
        return job

    @contextlib.contextmanager
    def locked(self, job_id: str, wait: float | None = None) -> Iterator[bool]:
        """Hold the job's lock (an flock, so it goes with the process holding it); with `wait`,
        give up after that many seconds and yield False."""
        fd = os.open(self.job_dir(job_id) / "lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            end = None if wait is None else time.monotonic() + wait
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | (0 if end is None else fcntl.LOCK_NB))
                    got = True
                    break
                except BlockingIOError:
                    if end is not None and time.monotonic() >= end:
                        got = False
                        break
                    time.sleep(0.05)
            yield got
        finally:
            os.close(fd)

    def attempt_dir(self, job_id: str, attempt: int) -> Path:
        return self.job_dir(job_id) / "attempts" / str(int(attempt))

    def begin_attempt(self, job_id: str, attempt: int, worker: str) -> dict[str, Any] | None:
        """Name `attempt` (a lease's fencing token) as the job's running attempt; None when the job
        is finished or gone. From now on earlier attempts' writes are refused (write_fenced)."""
        try:
            with self.locked(job_id):
                job = self.read(job_id)
                if job["state"] == "done":
                    return None
                job.update(state="running", attempt=attempt, started=time.time(), worker=worker)
                job["runs"] = job.get("runs", 0) + 1
                for index, draft in enumerate(job["drafts"]):
                    draft.update(state="converting" if index == 0 else "waiting", error=None, text=None)
                self.write(job_id, job)
                return job
        except (KeyError, FileNotFoundError):
            return None

    def write_fenced(self, job_id: str, job: dict[str, Any], attempt: int) -> bool:
        """Write job.json only while it names `attempt` as running (False: it was run again)."""
        try:
            with self.locked(job_id):
                current = self.read(job_id)
                if current.get("attempt") != attempt or current["state"] != "running":
                    return False
                self.write(job_id, job)
                return True
        except (KeyError, FileNotFoundError):  # deleted meanwhile
            return False

    def names_attempt(self, job_id: str, attempt: int) -> bool:
        """Whether job.json names `attempt` as the one running the job."""
        try:
            job = self.read(job_id)
        except KeyError:
            return False
        return job.get("attempt") == attempt and job["state"] == "running"

    def reset(self, job_id: str, locked: bool = False) -> bool:
        """Put an unfinished job back to waiting, which fences out the attempt that ran it; False
        when it is finished or gone (nothing to run again). `locked`: the caller holds the lock."""
        if not locked:
            with self.locked(job_id):
                return self.reset(job_id, locked=True)
        try:
            job = self.read(job_id)
        except KeyError:
            return False
        if job["state"] == "done":
            return False
        job.update(state="queued", queued=time.time())
        for draft in job["drafts"]:
            draft.update(state="waiting", error=None, text=None)
        self.write(job_id, job)
        return True

    def zip_path(self, job_id: str) -> Path:
        """The finished job's zip, made now if nobody has asked for it before (most API callers
        fetch single files, so the workers do not spend time zipping every job)."""
        folder = self.job_dir(job_id)
        target = folder / "accessible.zip"
        if target.is_file():
            return target
        out_root = folder / "out"
        part = folder / f".zip.{secrets.token_hex(4)}.part"
        with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as zf:
            for file in sorted(out_root.rglob("*")):
                if file.is_file() and not file.is_symlink():
                    zf.write(file, str(file.relative_to(out_root)))
        os.replace(part, target)  # two first downloads at once: both whole, the last one kept
        return target

    def all_jobs(self) -> list[dict[str, Any]]:
        found = []
        with contextlib.suppress(OSError):
            for entry in os.scandir(self.jobs):
                if JOB_ID.match(entry.name):
                    with contextlib.suppress(KeyError):
                        found.append(self.read(entry.name))
        return found

    def unfinished(self) -> list[str]:
        return [j["id"] for j in sorted(self.all_jobs(), key=lambda j: j["created"]) if j["state"] != "done"]

    def remove_expired(self, keep_hours: float, now: float | None = None) -> list[str]:
        """Delete finished jobs older than `keep_hours`; returns their ids."""
        now = time.time() if now is None else now
        gone = []
        for job in self.all_jobs():
            finished = job.get("finished")
            if job["state"] == "done" and finished and now - finished > keep_hours * 3600:
                shutil.rmtree(self.job_dir(job["id"]), ignore_errors=True)
                gone.append(job["id"])
        return gone

    def output_file(self, job_id: str, relative: str) -> Path | None:
        """A finished output by its path relative to out/, or None (never anything outside it)."""
        out = (self.job_dir(job_id) / "out").resolve()
        if not relative or "\x00" in relative:
            return None
        candidate = (out / relative).resolve()
        if not candidate.is_relative_to(out) or candidate == out:
            return None
        if candidate.is_symlink() or not candidate.is_file():
            return None
        return candidate
