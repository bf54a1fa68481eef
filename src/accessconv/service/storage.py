"""Where the service keeps jobs: one folder per job under `<data>/jobs/<id>/`.

    job.json           what was asked and how far it got (written atomically)
    upload/<random>    the drafts as received, under random names (never the client's path)
    work/<name>        a copy under a cleaned name, so outputs carry the draft's own name
    out/<name>/...     the outputs, as `accessconv convert -o` writes them
    report.json        the JSON report (the shape of --report json, paths relative to out/)
    accessible.zip     everything in out/, for one download (made at the first download)
    claim              who runs the job (host and process id; with Redis the lease is in Redis)

Job ids are 22 random URL-safe characters; they are the only way to reach a job.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import socket
import time
import zipfile
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


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


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

    def claim(self, job_id: str) -> dict[str, Any] | None:
        """Take the job to run it, or None when it is finished or another live worker has it.
        A claim left by a worker that died on this computer is taken over."""
        try:
            job = self.read(job_id)
        except KeyError:
            return None
        if job["state"] == "done":
            return None
        claim = self.job_dir(job_id) / "claim"
        mine = f"{host_tag()} {os.getpid()}"
        for _ in range(2):
            try:
                fd = os.open(claim, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                try:
                    host, pid = claim.read_text(encoding="utf-8").rsplit(" ", 1)
                except (OSError, ValueError):
                    return None
                if host == host_tag() and not _pid_alive(int(pid)):
                    claim.unlink(missing_ok=True)
                    continue
                return None
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(mine)
            job = self.read(job_id)
            if job["state"] == "done":
                return None
            return job
        return None

    def reset(self, job_id: str) -> bool:
        """Put an unfinished job back to the start, its half-written output removed; False when
        it is finished or gone (nothing to run again)."""
        try:
            job = self.read(job_id)
        except KeyError:
            return False
        if job["state"] == "done":
            return False
        folder = self.job_dir(job_id)
        for part in ("out", "work"):
            shutil.rmtree(folder / part, ignore_errors=True)
        for name in ("report.json", "accessible.zip", "claim"):
            (folder / name).unlink(missing_ok=True)
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
