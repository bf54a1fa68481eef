"""Service load test: 50 drafts posted by 10 concurrent clients to a local `accessconv serve`,
against `accessconv batch --jobs 2` on the same drafts, interleaved (batch, service, batch, ...).

    python benchmarks/bench_service.py [--rounds 3] [--drafts 50] [--clients 10] [--workers 2] [-p html]

Both sides convert the same drafts (copies of samples/draft-strategy.md, each with its own title,
pictures left out because an upload is one file) with the same profiles, two conversions at a
time. Each round reports throughput (drafts a second) of each and their ratio (target: the service
at least 0.8 of batch), the p95 time from post to finished per draft, and that nothing was lost:
every draft posted is finished exactly once (job.json "runs" is 1) with its outputs.

The machine may be shared, so wall-clock ratios move with other people's load; CPU seconds are
steadier. For each side the CPU time of all its processes (user + system, children such as pandoc
included) is reported: batch's whole run, and the service's processes (web + workers) from the
first post to the last draft finished, plus the load-test clients' own CPU (the bench process).
Clients wait for each job with the API's long poll (`?wait=`), as a publishing workflow would;
`--poll SECONDS` polls at that interval instead. Loopback only; each server is started on a free
port (before the clock starts) and stopped at the end of its round.
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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "samples" / "draft-strategy.md"
TICK = os.sysconf("SC_CLK_TCK")


def drafts(n: int) -> list[tuple[str, bytes]]:
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)(\{[^}]*\})?", "", SAMPLE.read_text(encoding="utf-8"))
    return [(f"Draft {i:03d}.md", (text + f"\n\nVersion {i}.\n").encode()) for i in range(n)]


def env() -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ACCESSCONV_")}
    return {**clean, "PYTHONPATH": str(REPO / "src")}


@dataclass
class Side:
    seconds: float
    cpu: float  # user + system seconds of the side's processes, children included
    times: list[float] = field(default_factory=list)
    once: int = 0
    failures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def run_batch(folder: Path, items: list[tuple[str, bytes]], profiles: list[str], jobs: int) -> Side:
    src, out = folder / "src", folder / "out"
    src.mkdir(parents=True)
    for name, body in items:
        (src / name).write_bytes(body)
    args = [a for p in profiles for a in ("-p", p)]
    command = [sys.executable, "-m", "accessconv", "batch", str(src), "-o", str(out)]
    command += ["--jobs", str(jobs), "--settle", "0", *args]
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)  # rusage of batch and everything it waited for
    elapsed = time.perf_counter() - start
    process.returncode = 0
    made = [m for m in out.rglob("*.html") if m.name != "index.html"]
    once = len(made) if len(made) == len(items) else 0
    return Side(elapsed, usage.ru_utime + usage.ru_stime, once=once)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def group_cpu(pgid: int) -> dict[int, float]:
    """CPU seconds of each live process in a process group, with the children it has reaped."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[2]) == pgid:  # pgrp
            found[int(entry)] = sum(int(v) for v in fields[11:15]) / TICK  # utime stime cutime cstime
    return found


def run_service(
    folder: Path,
    items: list[tuple[str, bytes]],
    profiles: list[str],
    clients: int,
    workers: int,
    poll: float | None,
) -> Side:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    data = folder / "data"
    config = folder / "accessconv.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    # One client address for all ten clients: the limits are per client, so raise them for the test.
    config.write_text(
        f"[service]\nrequests_per_minute = {len(items) * 4}\nreads_per_minute = 60000\nmax_drafts = 1\n",
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "accessconv", "serve", "--bind", f"127.0.0.1:{port}"]
    command += ["--data", str(data), "--workers", str(workers), "--config", str(config)]
    server = subprocess.Popen(
        command, env=env(), start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        for _ in range(300):
            try:
                httpx.get(f"{url}/api/v1/openapi.json", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        time.sleep(1.0)  # the workers are started (and import) after the web process
        before = sum(group_cpu(server.pid).values())
        times: list[float] = []
        ids: list[str] = []
        failures: list[str] = []
        lock = threading.Lock()
        share = [items[i::clients] for i in range(clients)]

        # Clients are made before the clock starts (making ten takes the bench process a while).
        https = [httpx.Client(base_url=url, timeout=120) for _ in share]

        def client(mine: list[tuple[str, bytes]], http: httpx.Client) -> None:
            with http:
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
                        params = {"wait": "30"} if poll is None else None
                        status = http.get(f"/api/v1/conversions/{job_id}", params=params).json()
                        if status["state"] == "done":
                            with lock:
                                times.append(time.perf_counter() - posted.pop(job_id))
                                ids.append(job_id)
                                if status["converted"] != 1:
                                    failures.append(f"{job_id}: not converted")
                    if poll is not None:
                        time.sleep(poll)

        client_cpu = time.process_time()
        start, wall = time.perf_counter(), time.time()
        threads = [threading.Thread(target=client, args=(s, h)) for s, h in zip(share, https, strict=True)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - start
        per_process = group_cpu(server.pid)
        client_cpu = time.process_time() - client_cpu
        jobs = [json.loads((data / "jobs" / i / "job.json").read_text()) for i in ids]
        once = sum(1 for j in jobs if j["runs"] == 1)
        # Throughput runs to the last draft finished (job.json), not to when a client noticed.
        if jobs:
            elapsed = min(elapsed, max(j["finished"] for j in jobs) - wall)
        web = per_process.get(server.pid, 0.0)
        side = Side(elapsed, sum(per_process.values()) - before, times, once, failures)
        if jobs:
            busy = sum(j["finished"] - j["started"] for j in jobs)
            side.notes += [
                f"posts accepted from {min(j['created'] for j in jobs) - wall:.2f} s "
                f"to {max(j['created'] for j in jobs) - wall:.1f} s after the clients started",
                f"a worker's mean time per draft {busy / len(jobs):.2f} s, "
                f"idle {max(0.0, elapsed * workers - busy):.1f} worker-seconds of {elapsed * workers:.1f}",
                f"mean wait in the queue {statistics.mean(j['started'] - j['created'] for j in jobs):.1f} s; "
                f"first draft started at {min(j['started'] for j in jobs) - wall:.2f} s; "
                f"gap between one worker's drafts: {_gaps(jobs)}",
                f"CPU: web process {web:.1f} s in all (start-up included), "
                f"load-test clients {client_cpu:.1f} s",
            ]
        return side
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def _gaps(jobs: list[dict[str, Any]]) -> str:
    """How long a worker process sat between finishing one draft and starting the next."""
    by_worker: dict[str, list[dict[str, Any]]] = {}
    for job in jobs:
        by_worker.setdefault(job["worker"], []).append(job)
    gaps = []
    for mine in by_worker.values():
        mine.sort(key=lambda j: j["started"])
        gaps += [b["started"] - a["finished"] for a, b in zip(mine, mine[1:], strict=False)]
    if not gaps:
        return "none"
    return f"median {statistics.median(gaps) * 1000:.0f} ms, max {max(gaps) * 1000:.0f} ms"


def load_average() -> str:
    return " ".join(f"{v:.1f}" for v in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--drafts", type=int, default=50)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--poll", type=float, default=None, help="poll every SECONDS instead of waiting")
    parser.add_argument("-p", "--profile", action="append", dest="profiles")
    args = parser.parse_args()
    profiles = args.profiles or ["html"]
    items = drafts(args.drafts)
    print(
        f"drafts: {len(items)}, profiles: {', '.join(profiles)}, clients: {args.clients}, "
        f"workers (batch --jobs): {args.workers}, rounds: {args.rounds}"
    )
    ratios, cpu_ratios, p95s, lost = [], [], [], 0
    with tempfile.TemporaryDirectory(prefix="bench-service-") as tmp:
        for n in range(1, args.rounds + 1):
            root = Path(tmp) / f"round-{n}"
            load = load_average()
            batch = run_batch(root / "batch", items, profiles, args.workers)
            service = run_service(root / "service", items, profiles, args.clients, args.workers, args.poll)
            ratio = batch.seconds / service.seconds
            cpu_ratio = batch.cpu / service.cpu if service.cpu else float("nan")
            p95 = statistics.quantiles(service.times, n=20)[-1] if len(service.times) >= 2 else float("nan")
            ratios.append(ratio)
            cpu_ratios.append(cpu_ratio)
            p95s.append(p95)
            lost += len(items) - service.once + (len(items) - batch.once)
            print(f"\nround {n} (load average before: {load}; after: {load_average()})")
            print(
                f"  batch --jobs {args.workers}: {batch.seconds:.1f} s "
                f"({len(items) / batch.seconds:.2f} drafts/s), CPU {batch.cpu:.1f} s"
            )
            print(
                f"  service:       {service.seconds:.1f} s ({len(items) / service.seconds:.2f} drafts/s), "
                f"CPU {service.cpu:.1f} s (web + workers, during the load)"
            )
            print(
                f"  throughput ratio service/batch: {ratio:.2f} (target >= 0.8); "
                f"CPU ratio batch/service: {cpu_ratio:.2f}"
            )
            if service.times:
                print(
                    f"  time per draft, post to finished: median {statistics.median(service.times):.1f} s, "
                    f"p95 {p95:.1f} s"
                )
            print(f"  finished exactly once: {service.once} of {len(items)} (batch made {batch.once})")
            for note in service.notes:
                print("  " + note)
            for f in service.failures[:5]:
                print("  problem:", f)
    print(
        f"\nratios: {', '.join(f'{r:.2f}' for r in ratios)} (median {statistics.median(ratios):.2f}); "
        f"CPU ratios: {', '.join(f'{r:.2f}' for r in cpu_ratios)}; "
        f"p95: {', '.join(f'{p:.1f}' for p in p95s)} s"
    )
    print("nothing lost" if lost == 0 else f"LOST OR FAILED: {lost}")
    sys.exit(0 if lost == 0 else 1)


if __name__ == "__main__":
    main()
