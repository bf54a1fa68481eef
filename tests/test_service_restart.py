"""Kill the server (and its workers) with jobs queued; start it again: every job completes once."""

from __future__ import annotations

import json
import signal
from pathlib import Path

from service_builders import Server, post, small_draft, wait_done


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
