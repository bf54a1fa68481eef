"""`accessconv worker` processes on one Redis queue (a redis-server each test starts and stops):
two convert 20 drafts posted to the service, each exactly once; and a job whose worker dies in
the middle (SIGKILL, as when its machine goes) is run again by another once its lease runs out,
completing once, with the half-written output removed; and one merely paused past its lease is
fenced out when it wakes, leaving the re-run's published result as it was."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from service_builders import SAMPLE, Server, environment, free_port, post, small_draft, wait_done

REDIS = shutil.which("redis-server")
pytestmark = pytest.mark.skipif(
    REDIS is None, reason="redis-server is not installed (apt-get install redis-server)"
)


@contextlib.contextmanager
def _redis(folder: Path) -> Iterator[str]:
    """A redis-server of our own on a free port, without saving anything; its queue URL."""
    port = free_port()
    process = subprocess.Popen(
        [str(REDIS), "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        import redis as redis_client

        client = redis_client.Redis(port=port)
        for _ in range(50):
            try:
                client.ping()
                break
            except redis_client.ConnectionError:
                time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def _worker(queue: str, data: Path, config: Path | None, log: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "accessconv", "worker", "--queue", queue, "--data", str(data)]
    command += ["--workers", "1"] + (["--config", str(config)] if config else [])
    return subprocess.Popen(
        command, env=environment(), start_new_session=True, stdout=subprocess.DEVNULL, stderr=log.open("ab")
    )


def test_two_workers_share_one_redis_queue(tmp_path: Path) -> None:
    data = tmp_path / "data"
    workers: list[subprocess.Popen[bytes]] = []
    server = None
    with _redis(tmp_path) as queue:
        try:
            server = Server(data, "--no-workers", "--queue", queue)
            workers += [_worker(queue, data, None, tmp_path / "workers.log") for _ in range(2)]
            ids = []
            for n in range(20):
                response = post(server.url, [(f"notice-{n}.md", small_draft(n))], profiles=["html"])
                assert response.status_code == 202
                ids.append(response.json()["id"])
            for job_id in ids:
                assert wait_done(server.url, job_id, timeout=300)["converted"] == 1
            jobs = [json.loads((data / "jobs" / i / "job.json").read_text()) for i in ids]
            assert [j["runs"] for j in jobs] == [1] * 20
            assert len({j["worker"] for j in jobs}) == 2, "both workers took jobs"
        finally:
            _stop(workers, server)


def test_a_job_whose_worker_died_is_run_again_once(tmp_path: Path) -> None:
    import redis as redis_client

    config = tmp_path / "accessconv.toml"
    config.write_text("[service]\nlease_seconds = 3\n", encoding="utf-8")
    data = tmp_path / "data"
    workers: list[subprocess.Popen[bytes]] = []
    server = None
    with _redis(tmp_path) as queue:
        try:
            server = Server(data, "--no-workers", "--queue", queue, config=config.read_text())
            workers.append(_worker(queue, data, config, tmp_path / "first.log"))
            # The sample with every default format: long enough to be cut off in the middle.
            response = post(server.url, [("draft-strategy.md", SAMPLE.read_bytes())])
            assert response.status_code == 202
            job_id = response.json()["id"]
            folder = data / "jobs" / job_id
            deadline = time.monotonic() + 120
            while json.loads((folder / "job.json").read_text())["state"] != "running":
                assert time.monotonic() < deadline, "the first worker never started the job"
                time.sleep(0.02)
            first = json.loads((folder / "job.json").read_text())["worker"]
            os.killpg(workers[0].pid, signal.SIGKILL)  # its machine went: no goodbye, no renewal
            workers[0].wait()
            cut = folder / "attempts" / "1" / "out"
            cut.mkdir(parents=True, exist_ok=True)
            (cut / "half-written.part").write_text("cut off")  # what a crash leaves
            assert json.loads((folder / "job.json").read_text())["state"] == "running"

            workers.append(_worker(queue, data, config, tmp_path / "second.log"))
            status = wait_done(server.url, job_id, timeout=300)
            job = json.loads((folder / "job.json").read_text())
            assert status["converted"] == 1 and job["runs"] == 2 and job["worker"] != first
            assert "half-written.part" not in {f["path"] for f in status["files"]}
            assert not (folder / "out" / "half-written.part").exists()
            assert not (folder / "attempts").exists()
            assert "draft-strategy/draft-strategy.html" in {f["path"] for f in status["files"]}
            client = redis_client.Redis.from_url(queue)
            assert client.zcard("accessconv:leases") == 0  # the lease was given back
            time.sleep(4)  # longer than a lease: the finished job is not run a third time
            assert json.loads((folder / "job.json").read_text())["runs"] == 2
        finally:
            _stop(workers, server)


def _published(folder: Path) -> dict[str, bytes]:
    found = {str(p.relative_to(folder)): p.read_bytes() for p in (folder / "out").rglob("*") if p.is_file()}
    return found | {"report.json": (folder / "report.json").read_bytes()}


def test_a_paused_worker_that_wakes_after_the_rerun_is_fenced_out(tmp_path: Path) -> None:
    """A worker merely stalled past its lease (SIGSTOP: a frozen VM, a long pause) is not dead:
    when it wakes, the job has been run again and published. Its attempt must not overwrite
    that: it is fenced out by its token, its output discarded and logged."""
    config = tmp_path / "accessconv.toml"
    config.write_text("[service]\nlease_seconds = 3\n", encoding="utf-8")
    data = tmp_path / "data"
    workers: list[subprocess.Popen[bytes]] = []
    server = None
    with _redis(tmp_path) as queue:
        try:
            server = Server(data, "--no-workers", "--queue", queue, config=config.read_text())
            paused_log = tmp_path / "paused.log"
            workers.append(_worker(queue, data, config, paused_log))
            response = post(server.url, [("draft-strategy.md", SAMPLE.read_bytes())])
            job_id = response.json()["id"]
            folder = data / "jobs" / job_id
            deadline = time.monotonic() + 120
            while json.loads((folder / "job.json").read_text())["state"] != "running":
                assert time.monotonic() < deadline, "the first worker never started the job"
                time.sleep(0.02)
            os.killpg(workers[0].pid, signal.SIGSTOP)  # the worker, its heartbeat and its reaper
            assert json.loads((folder / "job.json").read_text())["attempt"] == 1

            workers.append(_worker(queue, data, config, tmp_path / "second.log"))
            status = wait_done(server.url, job_id, timeout=300)
            job = json.loads((folder / "job.json").read_text())
            assert status["converted"] == 1 and job["attempt"] == 2 and job["runs"] == 2
            published = _published(folder)
            assert "out/draft-strategy/draft-strategy.html" in published

            os.killpg(workers[0].pid, signal.SIGCONT)  # it wakes and carries on where it was
            deadline = time.monotonic() + 180
            while "attempt 1 lost its lease" not in paused_log.read_text(errors="replace"):
                assert time.monotonic() < deadline, "the woken attempt never gave up"
                time.sleep(0.2)
            assert _published(folder) == published  # the second attempt's result, byte for byte
            after = json.loads((folder / "job.json").read_text())
            assert after == job
            assert not (folder / "attempts" / "1").exists()  # its output discarded
            assert workers[0].poll() is None  # and the woken worker carries on taking jobs
        finally:
            for w in workers:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(w.pid, signal.SIGCONT)
            _stop(workers, server)


def _stop(workers: list[subprocess.Popen[bytes]], server: Server | None) -> None:
    for w in workers:
        if w.poll() is None:
            w.send_signal(signal.SIGINT)
    for w in workers:
        try:
            w.wait(timeout=20)
        except subprocess.TimeoutExpired:
            w.kill()
    if server is not None:
        server.stop()


def test_the_reaper_requeues_a_lapsed_job_and_gives_up_after_three_deaths(tmp_path: Path) -> None:
    from accessconv.service.jobs import MAX_RUNS, RedisLeases, make_huey, reap_once
    from accessconv.service.storage import Store, new_job_id

    store = Store(tmp_path / "data")
    store.prepare()

    def job(runs: int) -> str:
        job_id = new_job_id()
        store.job_dir(job_id).mkdir(parents=True)
        draft = {"name": "a.md", "stem": "a", "work": "work/a.md", "state": "converting", "error": None}
        store.write(
            job_id,
            {"id": job_id, "created": time.time(), "state": "running", "drafts": [draft], "runs": runs},
        )
        (store.job_dir(job_id) / "out" / "a").mkdir(parents=True)
        return job_id

    with _redis(tmp_path) as queue:
        huey = make_huey(queue, store.root)
        dead = RedisLeases(queue, seconds=0.05, owner="a machine that died")
        once, poison = job(1), job(MAX_RUNS)
        assert dead.take(once) and dead.take(poison)
        alive = RedisLeases(queue, seconds=60, owner="a worker still running")
        busy = job(1)
        assert alive.take(busy) and not dead.take(busy)  # a live lease is not taken over
        # Waiting longer than a lease, on the queue or not (its worker died before leasing it).
        waiting, lost = job(0), job(0)
        for job_id in (waiting, lost):
            store.update(job_id, state="queued", created=time.time() - 120)
        huey.accessconv_convert(str(store.root), waiting)
        time.sleep(0.2)
        assert sorted(reap_once(alive, huey, store)) == sorted([once, lost])
        assert huey.pending_count() == 3 and store.read(once)["state"] == "queued"
        given_up = store.read(poison)
        assert given_up["state"] == "done" and given_up["refused"] == 1 and given_up["exit_code"] == 2
        assert "was not tried again" in given_up["drafts"][0]["error"]
        assert (store.job_dir(poison) / "report.json").is_file()
        assert store.read(busy)["state"] == "running"
        assert reap_once(alive, huey, store) == []  # each lapse is handled once
