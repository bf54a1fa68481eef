"""Two `accessconv worker` processes on one Redis queue (a redis-server this test starts and stops)
convert 20 drafts posted to the service: each exactly once."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from service_builders import Server, environment, free_port, post, small_draft, wait_done

REDIS = shutil.which("redis-server")
pytestmark = pytest.mark.skipif(
    REDIS is None, reason="redis-server is not installed (apt-get install redis-server)"
)


def test_two_workers_share_one_redis_queue(tmp_path: Path) -> None:
    port = free_port()
    redis = subprocess.Popen(
        [
            str(REDIS),
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    queue = f"redis://127.0.0.1:{port}/0"
    data = tmp_path / "data"
    workers: list[subprocess.Popen[bytes]] = []
    server = None
    try:
        import redis as redis_client

        client = redis_client.Redis(port=port)
        for _ in range(50):
            try:
                client.ping()
                break
            except redis_client.ConnectionError:
                time.sleep(0.1)
        server = Server(data, "--no-workers", "--queue", queue)
        for _ in range(2):
            workers.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "accessconv",
                        "worker",
                        "--queue",
                        queue,
                        "--data",
                        str(data),
                        "--workers",
                        "1",
                    ],
                    env=environment(),
                    start_new_session=True,
                    stdout=subprocess.DEVNULL,
                    stderr=(tmp_path / "workers.log").open("ab"),
                )
            )
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
        for w in workers:
            w.send_signal(signal.SIGINT)
        for w in workers:
            try:
                w.wait(timeout=20)
            except subprocess.TimeoutExpired:
                w.kill()
        if server is not None:
            server.stop()
        redis.terminate()
        redis.wait(timeout=10)
