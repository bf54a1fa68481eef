"""Kill the server (and its workers) with jobs queued; start it again: every job completes once."""

from __future__ import annotations

import json
import signal
from pathlib import Path

from service_builders import SAMPLE, Server, post, small_draft, wait_done


def test_jobs_survive_a_killed_server(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = Server(data, "--workers", "1")
    ids = []
    for n in range(5):
        response = post(first.url, [(f"notice-{n}.md", small_draft(n))], profiles=["html", "braille"])
        assert response.status_code == 202
        ids.append(response.json()["id"])
    first.stop(signal.SIGKILL)  # no goodbye: the queue and a half-done job are left as they are
    states = [json.loads((data / "jobs" / i / "job.json").read_text())["state"] for i in ids]
    assert states.count("done") < len(ids), "the jobs finished before the kill; the test proves nothing"

    second = Server(data, "--workers", "2")
    try:
        for job_id in ids:
            status = wait_done(second.url, job_id)
            assert status["converted"] == 1 and status["refused"] == 0
            assert status["files"], status
        jobs = [json.loads((data / "jobs" / i / "job.json").read_text()) for i in ids]
        # A job cut off by the kill ran again (runs 2); none ran more, and none waiting ran twice.
        assert all(j["runs"] <= 2 for j in jobs)
        assert sum(j["runs"] for j in jobs) <= len(ids) + 1
        assert list((data / "incoming").iterdir()) == []
    finally:
        second.stop()


def test_a_job_whose_worker_process_was_killed_completes_without_a_restart(tmp_path: Path) -> None:
    """The SQLite queue's reaper: the worker process converting a job is SIGKILLed (out of memory,
    say); its lease lapses with it, the job is queued again and completes, the server untouched."""
    import os
    import time

    data = tmp_path / "data"
    server = Server(data, "--workers", "1", config="[service]\nlease_seconds = 3\n")
    try:
        response = post(server.url, [("draft-strategy.md", SAMPLE.read_bytes())])
        assert response.status_code == 202
        job_id = response.json()["id"]
        folder = data / "jobs" / job_id
        deadline = time.monotonic() + 120
        while (job := json.loads((folder / "job.json").read_text()))["state"] != "running":
            assert time.monotonic() < deadline, "the worker never started the job"
            time.sleep(0.02)
        pid = int(job["worker"].rsplit(" ", 1)[1])
        os.kill(pid, signal.SIGKILL)
        status = wait_done(server.url, job_id, timeout=300)
        done = json.loads((folder / "job.json").read_text())
        assert status["converted"] == 1 and status["refused"] == 0
        assert done["runs"] == 2 and done["attempt"] == 2 and done["worker"] != job["worker"]
        assert "draft-strategy/draft-strategy.html" in {f["path"] for f in status["files"]}
        assert not (folder / "attempts").exists()  # the killed attempt's half-written output is gone
        assert server.process.poll() is None  # no restart
    finally:
        server.stop()
