"""`accessconv serve` and `accessconv worker`: start the web process and the queue's workers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import uvicorn

from ..config import Config
from ..errors import UsageError
from . import security
from .app import Settings, build_app
from .jobs import enqueue, is_redis, make_huey, run_worker
from .storage import Store


def default_data_dir() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "accessconv" / "service"


def split_bind(bind: str) -> tuple[str, int]:
    host, _, port = bind.rpartition(":")
    if not host or not port.isdigit():
        raise UsageError(f'"{bind}" is not an address like 127.0.0.1:8080.')
    return host.strip("[]"), int(port)


def serve(
    config: Config,
    bind: str | None,
    data_dir: Path | None,
    queue: str | None,
    workers: int | None,
    start_workers: bool = True,
) -> None:
    """Run the page and the API until stopped; with the SQLite queue (or `start_workers`), also
    the workers, as a child process that stops with us."""
    host, port = split_bind(bind or config.service.bind)
    data = (data_dir or default_data_dir()).resolve()
    data.mkdir(parents=True, exist_ok=True)
    secrets = security.Secrets.from_environment(data)
    if not security.is_loopback(host) and (secrets.api_token is None or secrets.login_secret is None):
        raise UsageError(
            f"To serve on {host} (not only this computer), set an API token and a sign-in secret first: "
            f"{security.TOKEN_ENV} and {security.LOGIN_ENV} (see docs/service.md)."
        )
    settings = Settings(
        data_dir=data,
        queue=queue,
        service=config.service,
        limits=config.limits,
        profiles_dirs=list(config.profiles_dirs),
        secrets=secrets,
        requests_per_minute=config.service.requests_per_minute,
        reads_per_minute=config.service.reads_per_minute,
    )
    app = build_app(settings)
    child = None
    if start_workers:
        if not is_redis(queue):
            # Jobs a stopped server left unfinished go back on the queue (leases make this safe).
            huey = make_huey(queue, data)
            for job_id in Store(data).unfinished():
                enqueue(huey, data, job_id)
        command = [
            sys.executable,
            "-m",
            "accessconv",
            "worker",
            "--data",
            str(data),
            "--workers",
            str(workers or config.service.workers),
            "--parent",
            str(os.getpid()),
        ]
        if queue:
            command += ["--queue", queue]
        if config.path is not None:  # the workers read the same [service] and [limits]
            command += ["--config", str(config.path)]
        child = subprocess.Popen(command)
    try:
        uvicorn.run(
            app,
            host=host,
            port=port,
            log_level="warning",
            server_header=False,
            timeout_graceful_shutdown=5,
            limit_concurrency=200,
            # uvicorn would believe X-Forwarded-For from 127.0.0.1 by default; we decide (trusted_proxies).
            proxy_headers=False,
        )
    finally:
        if child is not None:
            child.send_signal(signal.SIGINT)
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                child.kill()


def worker(
    config: Config, data_dir: Path | None, queue: str | None, workers: int | None, parent: int | None = None
) -> None:
    data = (data_dir or default_data_dir()).resolve()
    run_worker(queue, data, workers or config.service.workers, parent, config.service.lease_seconds)
