"""The queue (huey) and what a worker does with one job.

huey stores the queue in SQLite inside the data folder by default (queued jobs survive a restart)
or in Redis (`--queue redis://host:6379/0`), where any number of `accessconv worker` processes on
any number of machines take jobs from one queue. Jobs are idempotent: a worker first claims the
job (storage.Store.claim), so one delivered twice (after a restart) is still converted once.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import threading
import time
import zipfile
from pathlib import Path
from typing import Any

from huey import RedisHuey, SqliteHuey

from ..errors import AccessconvError
from ..limits import Limits
from ..pipeline import convert
from ..report import to_json, to_text
from ..results import ConversionResult, exit_code
from .storage import Store

TASK_NAME = "accessconv.service.convert"
QUEUE_NAME = "accessconv"


def is_redis(queue: str | None) -> bool:
    return bool(queue) and str(queue).startswith(("redis://", "rediss://", "unix://"))


def make_huey(queue: str | None, data_dir: Path) -> Any:
    """The huey instance for `queue` (None: SQLite in `data_dir`), with the conversion task."""
    if is_redis(queue):
        huey: Any = RedisHuey(QUEUE_NAME, url=queue, results=False, blocking=True)
    else:
        data_dir.mkdir(parents=True, exist_ok=True)
        huey = SqliteHuey(QUEUE_NAME, filename=str(data_dir / "queue.db"), results=False)
    huey.accessconv_convert = huey.task(name=TASK_NAME)(run_job)
    return huey


def enqueue(huey: Any, data_dir: Path, job_id: str) -> None:
    huey.accessconv_convert(str(data_dir), job_id)


def run_job(data_dir: str, job_id: str) -> None:
    """Convert every draft of a job, write its report and zip. Runs in a worker process."""
    store = Store(Path(data_dir))
    job = store.claim(job_id)
    if job is None:
        return
    folder = store.job_dir(job_id)
    out_root = folder / "out"
    out_root.mkdir(exist_ok=True)
    job.update(state="running", started=time.time(), runs=job.get("runs", 0) + 1)
    job["worker"] = f"{socket.gethostname()} {os.getpid()}"
    job["drafts"][0]["state"] = "converting"
    store.write(job_id, job)
    base = Limits(**job["limits"])
    deadline = time.monotonic() + float(job["job_seconds"])
    results: list[ConversionResult] = []
    texts: list[str] = []
    for index, draft in enumerate(job["drafts"]):
        if index:
            job["drafts"][index]["state"] = "converting"
            store.write(job_id, job)
        work = folder / draft["work"]
        work.parent.mkdir(exist_ok=True)
        work.unlink(missing_ok=True)
        os.link(folder / draft["upload"], work)
        target = out_root / draft["stem"]
        left = deadline - time.monotonic()
        seconds = min(base.draft_seconds or left, left)
        try:
            if left <= 0:
                raise _OutOfJobTime
            if target.exists():  # a half-done earlier run of this job
                shutil.rmtree(target, ignore_errors=True)
            limits = Limits(**{**job["limits"], "draft_seconds": max(seconds, 0.1)})
            result = convert(work, job["profiles"], target, job.get("profiles_dirs") or None, limits=limits)
        except _OutOfJobTime:
            result = ConversionResult(work, None, error="the conversion ran out of time before this draft.")
        except Exception as err:  # one line per draft, as the CLI gives
            result = ConversionResult(work, None, error=_message(err))
        results.append(result)
        text = to_text([result]).rsplit("\n\n", 1)[0]
        texts.append(_relative(text, work, draft["name"], out_root) or "")
        job["drafts"][index]["state"] = "failed" if result.error else "converted"
        job["drafts"][index]["error"] = _relative(result.error, work, draft["name"], out_root)
        job["drafts"][index]["text"] = texts[-1]
        if len(job["drafts"]) > 1:
            store.write(job_id, job)
    report = _report_json(to_json(results), job, folder)
    _write_zip(out_root, folder / "accessible.zip")
    (folder / "report.json").write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    summary = report["summary"]
    job.update(
        state="done",
        finished=time.time(),
        exit_code=exit_code(results),
        converted=sum(1 for r in results if not r.error),
        refused=sum(1 for r in results if r.error),
        check_errors=summary["errors"],
        warnings=summary["warnings"],
        closing=to_text(results).rsplit("\n", 1)[-1],
        files=sorted(str(p.relative_to(out_root)) for p in out_root.rglob("*") if p.is_file()),
    )
    store.write(job_id, job)
    shutil.rmtree(folder / "work", ignore_errors=True)


class _OutOfJobTime(Exception):
    pass


def _message(err: Exception) -> str:
    if isinstance(err, AccessconvError):
        return str(err)
    return (
        f"accessconv hit an unexpected problem ({type(err).__name__}). No files were written. "
        "Please send the draft to the accessconv team."
    )


def _relative(text: str | None, work: Path, name: str, out_root: Path) -> str | None:
    """Server paths out of the officer's words: the draft by its own name, outputs relative."""
    if text is None:
        return None
    return text.replace(str(out_root) + os.sep, "").replace(str(work), name)


def _report_json(report: dict[str, Any], job: dict[str, Any], folder: Path) -> dict[str, Any]:
    out_root = folder / "out"
    for entry, draft in zip(report["files"], job["drafts"], strict=True):
        entry["source"] = draft["name"]
        if entry.get("error"):
            entry["error"] = _relative(entry["error"], folder / draft["work"], draft["name"], out_root)
        if entry.get("output_dir"):
            entry["output_dir"] = draft["stem"]
        for output in entry["outputs"]:
            output["path"] = str(Path(output["path"]).relative_to(out_root))
    return report


def _write_zip(out_root: Path, target: Path) -> None:
    part = target.with_suffix(".zip.part")
    with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as zf:
        for file in sorted(out_root.rglob("*")):
            if file.is_file() and not file.is_symlink():
                zf.write(file, str(file.relative_to(out_root)))
    os.replace(part, target)


def run_worker(queue: str | None, data_dir: Path, workers: int, parent: int | None = None) -> None:
    """Take jobs from the queue until stopped (SIGINT or SIGTERM): `accessconv worker`.
    Process workers, so each conversion runs in a main thread and its time limit applies."""
    Store(data_dir).jobs.mkdir(parents=True, exist_ok=True)
    huey = make_huey(queue, data_dir)
    consumer = huey.create_consumer(
        workers=workers, worker_type="process", periodic=False, max_delay=0.5, initial_delay=0.05
    )
    if parent:
        _stop_with_parent(parent)
    consumer.run()


def _stop_with_parent(parent: int) -> None:
    """Started by `accessconv serve`: stop when it has gone, even if it was killed."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, daemon=True).start()
