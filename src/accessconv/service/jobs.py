"""The queue (huey) and what a worker does with one job.

huey stores the queue in SQLite inside the data folder by default (queued jobs survive a restart)
or in Redis (`--queue redis://host:6379/0`), where any number of `accessconv worker` processes on
any number of machines take jobs from one queue.

Leases: a worker runs a job only while it holds the job's lease, which it renews while it
converts (every third of `lease_seconds`). With SQLite the lease is a row in `leases.db` naming
the worker's process and its last heartbeat; with Redis it is held in Redis, on Redis's clock (the
machines' clocks need not agree). A reaper thread in every `accessconv worker` re-queues a job
whose lease has lapsed (its holder died, or stopped renewing), and refuses one whose worker died
MAX_RUNS times. huey has no lease of its own (a message taken from the queue is gone), hence this.

Fencing: each lease comes with a token, the attempt number, one more at every take. An attempt
writes only into its own folder (`attempts/<n>/`) and publishes it (renames it to `out/`, and
job.json to done) under the job's lock, and only while it still holds the lease and job.json still
names it as the running attempt. So a worker that was merely paused past its lease (a stalled
machine, SIGSTOP) and wakes after the job was re-run finds itself fenced out: its output is
discarded and logged, and what was published stays as it was.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import signal
import socket
import sqlite3
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
from ..scratch import pid_alive
from . import catalogue
from .storage import Store

TASK_NAME = "accessconv.service.convert"
QUEUE_NAME = "accessconv"
LEASES_KEY = "accessconv:leases"  # sorted set: job id -> when its lease ends (Redis time, ms)
OWNERS_KEY = "accessconv:lease-owners"  # hash: job id -> "<worker> <token>" holding the lease
ATTEMPTS_KEY = "accessconv:attempts"  # hash: job id -> the last fencing token given
MAX_RUNS = 3  # a job whose worker died this many times is refused, not run again
LEASES_DB = "leases.db"

log = logging.getLogger("accessconv.service")


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
    seconds: float

    def take(self, job_id: str) -> int | None:
        """The lease and its fencing token (the attempt number), or None when a live one holds it."""

    def renew(self, job_id: str, token: int) -> bool: ...
    def holds(self, job_id: str, token: int) -> bool: ...
    def drop(self, job_id: str, token: int, finished: bool = False) -> None: ...
    def expired(self) -> list[str]: ...
    def reclaim(self, job_id: str) -> bool:
        """Remove a lapsed lease; False when it is not lapsed (renewed meanwhile) or gone."""

    def leased(self) -> set[str]: ...


class SqliteLeases:
    """One computer: a row per leased job in `<data>/leases.db` with the holder's process id and
    its last heartbeat. A lease lapses when its process has gone or its heartbeat is older than
    `seconds`. Each process opens its own connection (huey forks its workers)."""

    def __init__(self, data_dir: Path, seconds: float) -> None:
        self.path = data_dir / LEASES_DB
        self.seconds = seconds
        self.host = socket.gethostname()
        self._conn: sqlite3.Connection | None = None
        self._pid = 0

    @property
    def db(self) -> sqlite3.Connection:
        if self._conn is None or self._pid != os.getpid():
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS leases (job TEXT PRIMARY KEY, host TEXT, pid INTEGER,"
                " token INTEGER, beat REAL)"
            )
            conn.execute("CREATE TABLE IF NOT EXISTS attempts (job TEXT PRIMARY KEY, n INTEGER)")
            self._conn, self._pid = conn, os.getpid()
        return self._conn

    @contextlib.contextmanager
    def _transaction(self) -> Any:
        db = self.db
        db.execute("BEGIN IMMEDIATE")  # one writer at a time: take and reclaim are atomic
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def _lapsed(self, host: str, pid: int, beat: float) -> bool:
        gone = host == self.host and not pid_alive(pid)
        return gone or time.time() - beat > self.seconds

    def take(self, job_id: str) -> int | None:
        with self._transaction() as db:
            row = db.execute("SELECT host, pid, beat FROM leases WHERE job = ?", (job_id,)).fetchone()
            if row and not self._lapsed(*row):
                return None
            last = db.execute("SELECT n FROM attempts WHERE job = ?", (job_id,)).fetchone()
            token = (last[0] if last else 0) + 1
            db.execute("INSERT OR REPLACE INTO attempts VALUES (?, ?)", (job_id, token))
            db.execute(
                "INSERT OR REPLACE INTO leases VALUES (?, ?, ?, ?, ?)",
                (job_id, self.host, os.getpid(), token, time.time()),
            )
            return int(token)

    def renew(self, job_id: str, token: int) -> bool:
        done = self.db.execute(
            "UPDATE leases SET beat = ? WHERE job = ? AND token = ?", (time.time(), job_id, token)
        )
        return done.rowcount == 1

    def holds(self, job_id: str, token: int) -> bool:
        row = self.db.execute(
            "SELECT host, pid, beat FROM leases WHERE job = ? AND token = ?", (job_id, token)
        ).fetchone()
        return bool(row) and not self._lapsed(*row)

    def drop(self, job_id: str, token: int, finished: bool = False) -> None:
        with self._transaction() as db:
            gone = db.execute("DELETE FROM leases WHERE job = ? AND token = ?", (job_id, token)).rowcount
            if gone and finished:
                db.execute("DELETE FROM attempts WHERE job = ?", (job_id,))

    def expired(self) -> list[str]:
        rows = self.db.execute("SELECT job, host, pid, beat FROM leases ORDER BY job").fetchall()
        return [job for job, *holder in rows if self._lapsed(*holder)]

    def reclaim(self, job_id: str) -> bool:
        with self._transaction() as db:
            row = db.execute("SELECT host, pid, beat FROM leases WHERE job = ?", (job_id,)).fetchone()
            if not row or not self._lapsed(*row):
                return False
            db.execute("DELETE FROM leases WHERE job = ?", (job_id,))
            return True

    def leased(self) -> set[str]:
        return {job for (job,) in self.db.execute("SELECT job FROM leases")}


# Each script runs atomically inside Redis, on Redis's clock.
_NOW = "local t = redis.call('TIME'); local now = t[1] * 1000 + math.floor(t[2] / 1000)\n"
_TAKE = (
    _NOW
    + """
local ends = redis.call('ZSCORE', KEYS[1], ARGV[1])
if ends and tonumber(ends) > now then return 0 end
local token = redis.call('HINCRBY', KEYS[3], ARGV[1], 1)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2] .. ' ' .. token)
return token
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
_HOLDS = (
    _NOW
    + """
if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 0 end
local ends = redis.call('ZSCORE', KEYS[1], ARGV[1])
if ends and tonumber(ends) > now then return 1 end
return 0
"""
)
_DROP = """
if redis.call('HGET', KEYS[2], ARGV[1]) == ARGV[2] then
  redis.call('ZREM', KEYS[1], ARGV[1]); redis.call('HDEL', KEYS[2], ARGV[1])
  if ARGV[3] == '1' then redis.call('HDEL', KEYS[3], ARGV[1]) end
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
        self.owner = (owner or f"{socket.gethostname()} {os.getpid()} {os.urandom(4).hex()}").replace(
            " ", "_"
        )
        self.keys = [LEASES_KEY, OWNERS_KEY, ATTEMPTS_KEY]

    def _holder(self, token: int) -> str:
        return f"{self.owner} {token}"

    def take(self, job_id: str) -> int | None:
        token = int(self.client.eval(_TAKE, 3, *self.keys, job_id, self.owner, self.ms))
        return token or None

    def renew(self, job_id: str, token: int) -> bool:
        return bool(self.client.eval(_RENEW, 2, *self.keys[:2], job_id, self._holder(token), self.ms))

    def holds(self, job_id: str, token: int) -> bool:
        return bool(self.client.eval(_HOLDS, 2, *self.keys[:2], job_id, self._holder(token)))

    def drop(self, job_id: str, token: int, finished: bool = False) -> None:
        self.client.eval(_DROP, 3, *self.keys, job_id, self._holder(token), "1" if finished else "0")

    def expired(self) -> list[str]:
        found = self.client.eval(_EXPIRED, 1, LEASES_KEY)
        return [v.decode() if isinstance(v, bytes) else str(v) for v in found]

    def reclaim(self, job_id: str) -> bool:
        return bool(self.client.eval(_RECLAIM, 2, *self.keys[:2], job_id))

    def leased(self) -> set[str]:
        return {v.decode() if isinstance(v, bytes) else str(v) for v in self.client.zrange(LEASES_KEY, 0, -1)}


@dataclass
class WorkerSettings:
    """Set by run_worker before huey starts (and forks) its worker processes."""

    queue: str | None = None
    lease_seconds: float = 60.0


_worker = WorkerSettings()


_leases_by_pid: dict[int, Leases] = {}  # one connection per worker process, not per job


def make_leases(queue: str | None, data_dir: Path, seconds: float) -> Leases:
    if is_redis(queue):
        assert queue is not None
        return RedisLeases(queue, seconds)
    return SqliteLeases(data_dir, seconds)


def _leases(store: Store) -> Leases:
    pid = os.getpid()
    if pid not in _leases_by_pid:
        _leases_by_pid[pid] = make_leases(_worker.queue, store.root, _worker.lease_seconds)
    return _leases_by_pid[pid]


class _Heartbeat:
    """Renews the job's lease while it converts; `lost` when another worker has taken it."""

    def __init__(self, leases: Leases, job_id: str, token: int, every: float) -> None:
        self.lost = threading.Event()
        self._stop = threading.Event()

        def beat() -> None:
            while not self._stop.wait(every):
                with contextlib.suppress(Exception):  # Redis briefly away: try at the next beat
                    if not leases.renew(job_id, token):
                        self.lost.set()
                        return

        self._thread = threading.Thread(target=beat, daemon=True)

    def __enter__(self) -> _Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()


class _Fenced(Exception):
    """This attempt no longer holds the job (its lease lapsed and the job went to another)."""


@dataclass
class _Attempt:
    store: Store
    leases: Leases
    job_id: str
    token: int
    heartbeat: _Heartbeat

    @property
    def folder(self) -> Path:
        return self.store.attempt_dir(self.job_id, self.token)

    def save(self, job: dict[str, Any]) -> None:
        """Progress into job.json, only while job.json still names this attempt as running."""
        if self.heartbeat.lost.is_set() or not self.store.write_fenced(self.job_id, job, self.token):
            raise _Fenced


def run_job(data_dir: str, job_id: str) -> None:
    """Convert every draft of a job and publish its outputs and report. Runs in a worker process."""
    store = Store(Path(data_dir))
    leases = _leases(store)
    token = leases.take(job_id)
    if token is None:
        return
    finished = keep_lease = False
    try:
        job = store.begin_attempt(job_id, token, f"{socket.gethostname()} {os.getpid()}")
        if job is None:  # finished, or deleted meanwhile
            finished = True
            return
        with _Heartbeat(leases, job_id, token, _worker.lease_seconds / 3) as heartbeat:
            attempt = _Attempt(store, leases, job_id, token, heartbeat)
            try:
                _convert_job(attempt, job)
                finished = True
            except Exception as err:
                # The winner of a re-run removes every attempt's folder, so a fenced-out attempt
                # may fail on its own vanished files before it reaches a fenced write.
                if not isinstance(err, _Fenced) and store.names_attempt(job_id, token):
                    # Unexpected (a full disk, say): handled as if this process had died. The
                    # lease is kept to lapse, so the reaper runs the job again, at most MAX_RUNS
                    # times in all, instead of leaving it "running" with nobody on it.
                    keep_lease = True
                    raise
                shutil.rmtree(attempt.folder, ignore_errors=True)
                log.warning(
                    "conversion %s: attempt %d lost its lease (paused or cut off past it) and was run "
                    "again; this attempt's output is discarded, the published result is untouched.",
                    job_id,
                    token,
                )
    finally:
        # Skipped when this process dies: then the lease lapses and the job is run again.
        if not keep_lease:
            leases.drop(job_id, token, finished)


def _convert_job(attempt: _Attempt, job: dict[str, Any]) -> None:
    store, job_id = attempt.store, attempt.job_id
    folder = attempt.folder
    shutil.rmtree(folder, ignore_errors=True)
    out_root = folder / "out"
    out_root.mkdir(parents=True)
    base = Limits(**job["limits"])
    deadline = time.monotonic() + float(job["job_seconds"])
    dirs = [Path(d) for d in job.get("profiles_dirs") or []]
    profiles = catalogue.chosen(job["profiles"], dirs)
    results: list[ConversionResult] = []
    for index, draft in enumerate(job["drafts"]):
        if index:
            job["drafts"][index]["state"] = "converting"
            attempt.save(job)
        work = folder / draft["work"]
        work.parent.mkdir(exist_ok=True)
        os.link(store.job_dir(job_id) / draft["upload"], work)
        target = out_root / draft["stem"]
        left = deadline - time.monotonic()
        seconds = min(base.draft_seconds or left, left)
        try:
            if left <= 0:
                raise _OutOfJobTime
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
            attempt.save(job)
    if attempt.heartbeat.lost.is_set():
        raise _Fenced
    report = _report_json(to_json(results), job, folder)
    (folder / "report.json").write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    shutil.rmtree(folder / "work", ignore_errors=True)
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
    _publish(attempt, job)


def _publish(attempt: _Attempt, job: dict[str, Any]) -> None:
    """Make this attempt's folder the job's result, all under the job's lock: only while this
    attempt still holds its lease and job.json still names it (else _Fenced, nothing changed)."""
    store, job_id = attempt.store, attempt.job_id
    folder = store.job_dir(job_id)
    with store.locked(job_id):
        current = store.read(job_id)
        if current.get("attempt") != attempt.token or current["state"] != "running":
            raise _Fenced
        if attempt.heartbeat.lost.is_set() or not attempt.leases.holds(job_id, attempt.token):
            raise _Fenced
        old = folder / "out"
        if old.exists():  # left by a publish that died half-way (job.json was never done)
            old.rename(folder / "attempts" / f"{attempt.token}.old")
        (attempt.folder / "out").rename(old)
        os.replace(attempt.folder / "report.json", folder / "report.json")
        (folder / "accessible.zip").unlink(missing_ok=True)
        # Every attempt's folder: this one is empty now; others were cut off (a paused one that
        # wakes later finds itself fenced and leaves nothing behind either). Gone before the job
        # says it is done, so whoever sees "done" never sees a leftover attempt.
        shutil.rmtree(folder / "attempts", ignore_errors=True)
        store.write(job_id, job)


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
    if not log.handlers:  # a fenced-out attempt is said on stderr, once
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s: %(message)s"))
        log.addHandler(handler)
        log.propagate = False
    # Warm before huey forks its worker processes: each starts with the formats imported and the
    # built-in profiles loaded, instead of paying for them on its first job.
    catalogue.writable([])
    huey = make_huey(queue, data_dir)
    # An idle worker asks SQLite for work at most every 0.1 s (huey's default backs off to 10 s):
    # a new job starts within 0.1 s, for under 1% of a core while idle (measured: 0.13 s of CPU in
    # 20 idle seconds, web process and two workers together). Redis workers block on the queue.
    # A worker process that died is replaced within 2 s (huey checks their health).
    consumer = huey.create_consumer(
        workers=workers,
        worker_type="process",
        periodic=False,
        max_delay=0.1,
        initial_delay=0.02,
        health_check_interval=2,
    )
    if parent:
        _stop_with_parent(parent)
    _start_reaper(make_leases(queue, data_dir, lease_seconds), huey, Store(data_dir))
    consumer.run()


def _start_reaper(leases: Leases, huey: Any, store: Store) -> None:
    """Every half lease (at most every 5 s): jobs whose lease lapsed go back on the queue."""

    def reap() -> None:
        while True:
            time.sleep(min(5.0, max(0.5, leases.seconds / 2)))
            with contextlib.suppress(Exception):  # Redis away for a moment: the next round
                reap_once(leases, huey, store)

    threading.Thread(target=reap, daemon=True, name="accessconv-reaper").start()


def reap_once(leases: Leases, huey: Any, store: Store) -> list[str]:
    """Re-queue the jobs whose lease has lapsed (their worker died or stalled); the ids re-queued."""
    requeued = []
    for job_id in leases.expired():
        if not store.job_dir(job_id).is_dir():  # deleted meanwhile: only its lease to clear
            leases.reclaim(job_id)
            continue
        # The job's lock first: a stalled holder inside its publish keeps it (then it is skipped
        # until the next round), so its lease is not reclaimed under it.
        with store.locked(job_id, wait=1.0) as got:
            if not got or not leases.reclaim(job_id):
                continue  # another reaper won it, or its worker renewed just in time
            try:
                job = store.read(job_id)
            except KeyError:
                continue
            if job["state"] != "done" and job.get("runs", 0) >= MAX_RUNS:
                _give_up(store, job)
            elif store.reset(job_id, locked=True):
                requeued.append(job_id)
        if job_id in requeued:
            enqueue(huey, store.root, job_id)
    return requeued + _requeue_lost(leases, huey, store)


def _requeue_lost(leases: Leases, huey: Any, store: Store) -> list[str]:
    """Jobs waiting in the data folder for longer than a lease that are neither on the queue nor
    leased: taken from the queue by a worker that died before it could take the lease, or never
    queued because the web process stopped in between. Queued again; should two reapers both do
    it, the lease (and the finished state) makes the second delivery do nothing."""
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
    """A job whose worker died MAX_RUNS times (a draft that exhausts memory, say; the message does
    not guess why, as we cannot tell) is not run
    again, so one draft cannot take every worker down in turn: its drafts are refused."""
    folder = store.job_dir(job["id"])
    for part in ("out", "attempts"):
        shutil.rmtree(folder / part, ignore_errors=True)
    (folder / "out").mkdir()
    message = (
        f"the conversion stopped unexpectedly {job['runs']} times, so it was not tried again. "
        "Please send the draft to the accessconv team."
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
