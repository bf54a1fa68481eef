"""The queue (huey) and what a worker does with one job.

huey stores the queue in SQLite inside the data folder by default (queued jobs survive a restart)
or in Redis (`--queue redis://host:6379/0`), where any number of `accessconv worker` processes on
any number of machines take jobs from one queue. Jobs are idempotent: a worker first claims the
job, so one delivered twice (after a restart) is still converted once.

Claims: on one computer (SQLite) a claim file names the worker's process, and a claim left by a
process that has gone is taken over. With Redis the claim is a lease in Redis that the worker
renews while it converts (every third of `lease_seconds`); a worker on another machine that dies
stops renewing, and a reaper thread in every `accessconv worker` puts the job back on the queue
once its lease has run out, with the half-written output removed. huey has no lease of its own
(a message taken from Redis is gone), hence this one. Lease times are Redis's own clock, so the
machines' clocks need not agree.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import redis
from huey import RedisHuey, SqliteHuey

from ..errors import AccessconvError
from ..limits import Limits
from ..pipeline import convert
from ..report import to_json, to_text
from ..results import ConversionResult, exit_code
from . import catalogue
from .storage import Store

TASK_NAME = "accessconv.service.convert"
QUEUE_NAME = "accessconv"
LEASES_KEY = "accessconv:leases"  # sorted set: job id -> when its lease ends (Redis time, ms)
OWNERS_KEY = "accessconv:lease-owners"  # hash: job id -> the worker holding the lease
MAX_RUNS = 3  # a job whose worker died this many times is refused, not run again


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


class Leases(Protocol):
    def take(self, job_id: str) -> bool: ...
    def renew(self, job_id: str) -> bool: ...
    def drop(self, job_id: str) -> None: ...


@dataclass
class FileLeases:
    """One computer: the claim file (storage.Store.claim); nothing to renew."""

    store: Store

    def take(self, job_id: str) -> bool:
        return self.store.claim(job_id) is not None

    def renew(self, job_id: str) -> bool:
        return True

    def drop(self, job_id: str) -> None:
        return None


# Each script runs atomically inside Redis, on Redis's clock.
_NOW = "local t = redis.call('TIME'); local now = t[1] * 1000 + math.floor(t[2] / 1000)\n"
_TAKE = (
    _NOW
    + """
local ends = redis.call('ZSCORE', KEYS[1], ARGV[1])
if ends and tonumber(ends) > now then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
return 1
"""
)
_RENEW = (
    _NOW
    + """
if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
return 1
"""
)
_DROP = """
if redis.call('HGET', KEYS[2], ARGV[1]) == ARGV[2] then
  redis.call('ZREM', KEYS[1], ARGV[1]); redis.call('HDEL', KEYS[2], ARGV[1])
end
return 1
"""
_EXPIRED = _NOW + "return redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)"
# Only one reaper wins a lease that has run out (and only if nobody renewed it meanwhile).
_RECLAIM = (
    _NOW
    + """
local ends = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not ends or tonumber(ends) > now then return 0 end
redis.call('ZREM', KEYS[1], ARGV[1]); redis.call('HDEL', KEYS[2], ARGV[1])
return 1
"""
)


class RedisLeases:
    """Leases in Redis for workers on several machines: taken, renewed while converting, dropped
    when done; one that runs out is reclaimed by a reaper."""

    def __init__(self, url: str, seconds: float, owner: str | None = None) -> None:
        self.client = redis.Redis.from_url(url)
        self.seconds = seconds
        self.ms = str(max(1, int(seconds * 1000)))
        self.owner = owner or f"{socket.gethostname()} {os.getpid()} {os.urandom(4).hex()}"
        self.keys = [LEASES_KEY, OWNERS_KEY]

    def take(self, job_id: str) -> bool:
        return bool(self.client.eval(_TAKE, 2, *self.keys, job_id, self.owner, self.ms))

    def renew(self, job_id: str) -> bool:
        return bool(self.client.eval(_RENEW, 2, *self.keys, job_id, self.owner, self.ms))

    def drop(self, job_id: str) -> None:
        self.client.eval(_DROP, 2, *self.keys, job_id, self.owner)

    def expired(self) -> list[str]:
        found = self.client.eval(_EXPIRED, 1, LEASES_KEY)
        return [v.decode() if isinstance(v, bytes) else str(v) for v in found]

    def reclaim(self, job_id: str) -> bool:
        return bool(self.client.eval(_RECLAIM, 2, *self.keys, job_id))

    def leased(self) -> set[str]:
        return {v.decode() if isinstance(v, bytes) else str(v) for v in self.client.zrange(LEASES_KEY, 0, -1)}


@dataclass
class WorkerSettings:
    """Set by run_worker before huey starts (and forks) its worker processes."""

    queue: str | None = None
    lease_seconds: float = 60.0


_worker = WorkerSettings()


_redis_leases: dict[int, RedisLeases] = {}  # one connection per worker process, not per job


def _leases(store: Store) -> Leases:
    if not is_redis(_worker.queue):
        return FileLeases(store)
    assert _worker.queue is not None
    pid = os.getpid()
    if pid not in _redis_leases:
        _redis_leases[pid] = RedisLeases(_worker.queue, _worker.lease_seconds)
    return _redis_leases[pid]


class _Heartbeat:
    """Renews the job's lease while it converts; `lost` when another worker has taken it."""

    def __init__(self, leases: Leases, job_id: str, every: float) -> None:
        self.lost = threading.Event()
        self._stop = threading.Event()

        def beat() -> None:
            while not self._stop.wait(every):
                with contextlib.suppress(Exception):  # Redis briefly away: try at the next beat
                    if not leases.renew(job_id):
                        self.lost.set()
                        return

        self._thread = threading.Thread(target=beat, daemon=True)

    def __enter__(self) -> _Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()


def run_job(data_dir: str, job_id: str) -> None:
    """Convert every draft of a job and write its report. Runs in a worker process."""
    store = Store(Path(data_dir))
    leases = _leases(store)
    if not leases.take(job_id):
        return
    try:
        job = store.read(job_id)
    except KeyError:  # deleted meanwhile
        leases.drop(job_id)
        return
    try:
        if job["state"] != "done":
            with _Heartbeat(leases, job_id, _worker.lease_seconds / 3) as heartbeat:
                _convert_job(store, job, heartbeat)
    finally:
        # Skipped only when this process dies: then the lease runs out and the job is run again.
        leases.drop(job_id)


def _convert_job(store: Store, job: dict[str, Any], heartbeat: _Heartbeat) -> None:
    job_id = job["id"]
    folder = store.job_dir(job_id)
    out_root = folder / "out"
    out_root.mkdir(exist_ok=True)
    job.update(state="running", started=time.time(), runs=job.get("runs", 0) + 1)
    job["worker"] = f"{socket.gethostname()} {os.getpid()}"
    job["drafts"][0]["state"] = "converting"
    store.write(job_id, job)
    base = Limits(**job["limits"])
    deadline = time.monotonic() + float(job["job_seconds"])
    dirs = [Path(d) for d in job.get("profiles_dirs") or []]
    profiles = catalogue.chosen(job["profiles"], dirs)
    results: list[ConversionResult] = []
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
            result = convert(work, profiles, target, dirs or None, limits=limits)
        except _OutOfJobTime:
            result = ConversionResult(work, None, error="the conversion ran out of time before this draft.")
        except Exception as err:  # one line per draft, as the CLI gives
            result = ConversionResult(work, None, error=_message(err))
        results.append(result)
        text = to_text([result]).rsplit("\n\n", 1)[0]
        job["drafts"][index]["state"] = "failed" if result.error else "converted"
        job["drafts"][index]["error"] = _relative(result.error, work, draft["name"], out_root)
        job["drafts"][index]["text"] = _relative(text, work, draft["name"], out_root) or ""
        if len(job["drafts"]) > 1:
            store.write(job_id, job)
    if heartbeat.lost.is_set():  # our lease ran out and another worker runs the job now
        return
    report = _report_json(to_json(results), job, folder)
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


def run_worker(
    queue: str | None, data_dir: Path, workers: int, parent: int | None = None, lease_seconds: float = 60.0
) -> None:
    """Take jobs from the queue until stopped (SIGINT or SIGTERM): `accessconv worker`.
    Process workers, so each conversion runs in a main thread and its time limit applies."""
    Store(data_dir).jobs.mkdir(parents=True, exist_ok=True)
    _worker.queue, _worker.lease_seconds = queue, lease_seconds
    # Warm before huey forks its worker processes: each starts with the formats imported and the
    # built-in profiles loaded, instead of paying for them on its first job.
    catalogue.writable([])
    huey = make_huey(queue, data_dir)
    # An idle worker asks SQLite for work at most every 0.1 s (huey's default backs off to 10 s):
    # a new job starts within 0.1 s, for under 1% of a core while idle (measured: 0.13 s of CPU in
    # 20 idle seconds, web process and two workers together). Redis workers block on the queue.
    consumer = huey.create_consumer(
        workers=workers, worker_type="process", periodic=False, max_delay=0.1, initial_delay=0.02
    )
    if parent:
        _stop_with_parent(parent)
    if is_redis(queue):
        assert queue is not None
        _start_reaper(RedisLeases(queue, lease_seconds), huey, Store(data_dir), lease_seconds)
    consumer.run()


def _start_reaper(leases: RedisLeases, huey: Any, store: Store, lease_seconds: float) -> None:
    """Every half lease: jobs whose lease ran out (their worker died) go back on the queue."""

    def reap() -> None:
        while True:
            time.sleep(max(0.5, lease_seconds / 2))
            with contextlib.suppress(Exception):  # Redis away for a moment: the next round
                reap_once(leases, huey, store)

    threading.Thread(target=reap, daemon=True, name="accessconv-reaper").start()


def reap_once(leases: RedisLeases, huey: Any, store: Store) -> list[str]:
    """Re-queue the jobs whose lease has run out (their worker died); the ids re-queued."""
    requeued = []
    for job_id in leases.expired():
        if not leases.reclaim(job_id):
            continue  # another reaper won it, or its worker renewed just in time
        try:
            job = store.read(job_id)
        except KeyError:
            continue
        if job["state"] != "done" and job.get("runs", 0) >= MAX_RUNS:
            _give_up(store, job)
        elif store.reset(job_id):
            enqueue(huey, store.root, job_id)
            requeued.append(job_id)
    return requeued + _requeue_lost(leases, huey, store)


def _requeue_lost(leases: RedisLeases, huey: Any, store: Store) -> list[str]:
    """Jobs waiting in the data folder for longer than a lease that are neither on the queue nor
    leased: taken from Redis by a worker that died before it could take the lease, or never queued
    because the web process stopped in between. Queued again; should two reapers both do it, the
    lease (and the finished state) makes the second delivery do nothing."""
    now = time.time()
    waiting = [
        j
        for j in store.all_jobs()
        if j["state"] == "queued" and now - j.get("queued", j["created"]) > leases.seconds
    ]
    if not waiting:
        return []
    on_queue = {str(task.args[1]) for task in huey.pending() if len(task.args) > 1}
    leased = leases.leased()
    lost = [j["id"] for j in waiting if j["id"] not in on_queue and j["id"] not in leased]
    for job_id in lost:
        store.update(job_id, queued=time.time())
        enqueue(huey, store.root, job_id)
    return lost


def _give_up(store: Store, job: dict[str, Any]) -> None:
    """A job whose worker died MAX_RUNS times (a draft that exhausts memory, say) is not run
    again, so one draft cannot take every worker down in turn: its drafts are refused."""
    folder = store.job_dir(job["id"])
    for part in ("out", "work"):
        shutil.rmtree(folder / part, ignore_errors=True)
    (folder / "out").mkdir()
    message = (
        f"the conversion stopped the computer converting it {job['runs']} times (perhaps out of "
        "memory), so it was not tried again. Please send the draft to the accessconv team."
    )
    results = [ConversionResult(folder / d["work"], None, error=message) for d in job["drafts"]]
    report = _report_json(to_json(results), job, folder)
    (folder / "report.json").write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    for draft in job["drafts"]:
        draft.update(state="failed", error=message, text="")
    job.update(
        state="done",
        finished=time.time(),
        exit_code=exit_code(results),
        converted=0,
        refused=len(results),
        check_errors=0,
        warnings=0,
        closing=to_text(results).rsplit("\n", 1)[-1],
        files=[],
    )
    store.write(job["id"], job)


def _stop_with_parent(parent: int) -> None:
    """Started by `accessconv serve`: stop when it has gone, even if it was killed."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, daemon=True).start()
