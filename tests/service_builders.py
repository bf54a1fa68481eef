"""Start the real service (`accessconv serve`, and `accessconv worker`) on a free loopback port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "draft-strategy.md"
SRC = str(ROOT / "src")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ACCESSCONV_")}
    env["PYTHONPATH"] = SRC + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


class Server:
    """`accessconv serve` in its own process group (so the test can kill it and its workers)."""

    def __init__(self, data: Path, *args: str, config: str | None = None, env: dict[str, str] | None = None):
        self.data = data
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [
            sys.executable,
            "-m",
            "accessconv",
            "serve",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--data",
            str(data),
            *args,
        ]
        if config is not None:
            path = data.parent / f"accessconv-{self.port}.toml"
            path.write_text(config, encoding="utf-8")
            command += ["--config", str(path)]
        self.log = data.parent / f"serve-{self.port}.log"
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                command,
                env=env or environment(),
                stdout=log,
                stderr=log,
                start_new_session=True,
                cwd=data.parent,
            )
        self.wait_ready()

    def wait_ready(self, timeout: float = 30) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped: {self.log.read_text()}")
            try:
                if httpx.get(f"{self.url}/api/v1/openapi.json", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"the server did not start: {self.log.read_text()}")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                pass
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        # Workers in the same group, still stopping
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.killpg(self.process.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.1)
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def post(
    url: str,
    files: list[tuple[str, bytes]],
    profiles: list[str] | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    data = {"profile": profiles} if profiles else None
    parts = [("draft", (name, body)) for name, body in files]
    return httpx.post(f"{url}/api/v1/conversions", files=parts, data=data, headers=headers, timeout=60)


def wait_done(
    url: str, job_id: str, timeout: float = 240, headers: dict[str, str] | None = None
) -> dict[str, Any]:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        status: dict[str, Any] = httpx.get(
            f"{url}/api/v1/conversions/{job_id}", headers=headers, timeout=10
        ).json()
        if status["state"] == "done":
            return status
        time.sleep(0.3)
    raise AssertionError(f"job {job_id} did not finish: {status}")


def small_draft(n: int) -> bytes:
    return (
        f"# Bin collection notice {n}\n\nYour bins are collected on Tuesday.\n\n"
        "## What to do\n\nPut the bin out by 7am.\n"
    ).encode()
