"""Service load test: 50 drafts posted by 10 concurrent clients to a local `accessconv serve`,
against `accessconv batch --jobs 2` on the same drafts.

    python benchmarks/bench_service.py [--drafts 50] [--clients 10] [--workers 2] [-p html]

Both sides convert the same drafts (copies of samples/draft-strategy.md, each with its own title,
pictures left out because an upload is one file) with the same profiles, two conversions at a
time. Reports throughput (drafts a second) of each and their ratio (target: the service at least
0.8 of batch), the p95 time from post to finished per draft, and that nothing was lost: every
draft posted is finished exactly once (job.json "runs" is 1) with its outputs.
Loopback only; the server is started on a free port and stopped at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "samples" / "draft-strategy.md"


def drafts(n: int) -> list[tuple[str, bytes]]:
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)(\{[^}]*\})?", "", SAMPLE.read_text(encoding="utf-8"))
    return [(f"Draft {i:03d}.md", (text + f"\n\nVersion {i}.\n").encode()) for i in range(n)]


def env() -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ACCESSCONV_")}
    return {**clean, "PYTHONPATH": str(REPO / "src")}


def run_batch(folder: Path, items: list[tuple[str, bytes]], profiles: list[str], jobs: int) -> float:
    src, out = folder / "src", folder / "out"
    src.mkdir()
    for name, body in items:
        (src / name).write_bytes(body)
    args = [a for p in profiles for a in ("-p", p)]
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "accessconv",
            "batch",
            str(src),
            "-o",
            str(out),
            "--jobs",
            str(jobs),
            "--settle",
            "0",
            *args,
        ],
        env=env(),
        check=False,
        capture_output=True,
    )
    elapsed = time.perf_counter() - start
    made = list(out.rglob("*.html"))
    assert len([m for m in made if m.name != "index.html"]) >= len(items), "batch lost drafts"
    return elapsed


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run_service(
    folder: Path,
    items: list[tuple[str, bytes]],
    profiles: list[str],
    clients: int,
    workers: int,
    poll: float = 0.5,
) -> tuple[float, list[float], int, list[str]]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    data = folder / "data"
    config = folder / "accessconv.toml"
    config.write_text(
        f"[service]\nrequests_per_minute = {len(items) * 4}\nmax_drafts = 1\n", encoding="utf-8"
    )
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "accessconv",
            "serve",
            "--bind",
            f"127.0.0.1:{port}",
            "--data",
            str(data),
            "--workers",
            str(workers),
            "--config",
            str(config),
        ],
        env=env(),
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(150):
            try:
                httpx.get(f"{url}/api/v1/openapi.json", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        times: list[float] = []
        ids: list[str] = []
        failures: list[str] = []
        lock = threading.Lock()
        share = [items[i::clients] for i in range(clients)]

        def client(mine: list[tuple[str, bytes]]) -> None:
            with httpx.Client(base_url=url, timeout=120) as http:
                posted = {}
                for name, body in mine:
                    r = http.post(
                        "/api/v1/conversions", files=[("draft", (name, body))], data={"profile": profiles}
                    )
                    if r.status_code != 202:
                        with lock:
                            failures.append(f"{name}: {r.status_code} {r.text[:100]}")
                        continue
                    posted[r.json()["id"]] = time.perf_counter()
                while posted:
                    for job_id in list(posted):
                        status = http.get(f"/api/v1/conversions/{job_id}").json()
                        if status["state"] == "done":
                            with lock:
                                times.append(time.perf_counter() - posted.pop(job_id))
                                ids.append(job_id)
                                if status["converted"] != 1:
                                    failures.append(f"{job_id}: not converted")
                    time.sleep(poll)

        start, wall = time.perf_counter(), time.time()
        threads = [threading.Thread(target=client, args=(s,)) for s in share]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - start
        jobs = [json.loads((data / "jobs" / i / "job.json").read_text()) for i in ids]
        once = sum(1 for j in jobs if j["runs"] == 1)
        busy = statistics.mean(j["finished"] - j["started"] for j in jobs) if jobs else 0.0
        print(f"service: mean time a worker spends on one draft {busy:.2f} s")
        # Throughput runs to the last draft finished (job.json), not to when a polling client noticed.
        if jobs:
            elapsed = min(elapsed, max(j["finished"] for j in jobs) - wall)
        return elapsed, times, once, failures
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--drafts", type=int, default=50)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--poll", type=float, default=1.0, help="seconds between a client's status requests")
    parser.add_argument("-p", "--profile", action="append", dest="profiles")
    args = parser.parse_args()
    profiles = args.profiles or ["html"]
    items = drafts(args.drafts)
    with tempfile.TemporaryDirectory(prefix="bench-service-") as tmp:
        root = Path(tmp)
        (root / "batch").mkdir()
        (root / "service").mkdir()
        batch_s = run_batch(root / "batch", items, profiles, args.workers)
        service_s, times, once, failures = run_service(
            root / "service", items, profiles, args.clients, args.workers, args.poll
        )
    p95 = statistics.quantiles(times, n=20)[-1] if len(times) >= 2 else float("nan")
    ratio = (len(items) / service_s) / (len(items) / batch_s)
    print(
        f"drafts: {len(items)}, profiles: {', '.join(profiles)}, "
        f"clients: {args.clients}, workers: {args.workers}"
    )
    print(f"batch --jobs {args.workers}: {batch_s:.1f} s ({len(items) / batch_s:.2f} drafts/s)")
    print(f"service:        {service_s:.1f} s ({len(items) / service_s:.2f} drafts/s)")
    print(f"throughput ratio service/batch: {ratio:.2f} (target >= 0.8)")
    print(f"time per draft, post to finished: median {statistics.median(times):.1f} s, p95 {p95:.1f} s")
    print(f"finished exactly once: {once} of {len(items)}; lost or failed: {len(items) - once}")
    for f in failures[:5]:
        print("  problem:", f)
    sys.exit(0 if once == len(items) and not failures else 1)


if __name__ == "__main__":
    main()
