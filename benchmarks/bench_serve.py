"""Benchmark: how fast ``compose serve`` answers (issue 13 targets: < 1 s start, < 200 ms library page).

Run: ``.venv/bin/python benchmarks/bench_serve.py [--repeat 7] [--requests 15]``.

1. **Start-up**: wall time from launching ``compose serve --port P`` as a new process until
   ``GET /healthz`` answers ``ok`` (median of ``--repeat`` launches), and the CPU time the server
   process had used by then (from ``/proc``: the figure that does not depend on how busy the
   machine is; wall time on a shared machine can be several times larger). The baseline in the same
   script is ``compose --help`` (the CLI's own start-up), so the ratio shows what the web server
   adds on top of the command line. ``/healthz`` is a route of the finished app: every page and API
   route is mounted and the templates are importable when it answers.
   **First library page**: from the same launches, the time until ``GET /library`` (every clause,
   the library loaded from its YAML files and checked) has been read whole, asked right after
   ``/healthz``: what a person who opens the page at once waits for.
   Whether the installed packages' bytecode is cached is printed too: without it Python compiles
   FastAPI and pydantic on every start (about three times the CPU).
2. **Library page**: ``GET /library`` with every clause listed (no filter), the whole HTML read,
   median of ``--requests`` requests after the library has loaded and one warm-up request. The
   baseline is ``GET /api/clauses`` (the same clauses as JSON: the page's cost over the query's).

Requests go only to 127.0.0.1 on a free port; every server started is stopped at the end.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = Path(sys.executable).with_name("compose")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, timeout: float = 60.0) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read()


def launch(port: int) -> subprocess.Popen:
    return subprocess.Popen([str(COMPOSE), "--library", str(ROOT), "serve", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_healthy(port: int, process: subprocess.Popen, limit: float = 30.0) -> float:
    """Seconds until /healthz answers ok (polled every 5 ms)."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if process.poll() is not None:
            raise SystemExit(f"compose serve exited with code {process.returncode}")
        try:
            if get(f"http://127.0.0.1:{port}/healthz", timeout=1.0) == b"ok":
                return time.perf_counter() - start
        except OSError:
            time.sleep(0.005)
    raise SystemExit("compose serve did not answer /healthz in time")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a running process (Linux ``/proc/PID/stat``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def startup(repeat: int) -> dict[str, float]:
    """Medians over ``repeat`` launches, each followed by a ``compose --help`` (interleaved)."""
    runs: dict[str, list[float]] = {"healthz": [], "healthz_cpu": [], "page": [], "page_cpu": [], "help": []}
    for _ in range(repeat):
        port = free_port()
        started = time.perf_counter()
        process = launch(port)
        try:
            wait_healthy(port, process)
            runs["healthz"].append(time.perf_counter() - started)
            runs["healthz_cpu"].append(cpu_seconds(process.pid))
            get(f"http://127.0.0.1:{port}/library", timeout=120)
            runs["page"].append(time.perf_counter() - started)
            runs["page_cpu"].append(cpu_seconds(process.pid))
        finally:
            stop(process)
        started = time.perf_counter()
        subprocess.run([str(COMPOSE), "--help"], check=True, capture_output=True)
        runs["help"].append(time.perf_counter() - started)
    return {key: statistics.median(values) for key, values in runs.items()}


def bytecode_cached() -> bool:
    """Whether FastAPI's modules have compiled bytecode next to them (a normal pip install does)."""
    import importlib.util

    spec = importlib.util.find_spec("fastapi")
    return bool(spec and spec.origin and Path(importlib.util.cache_from_source(spec.origin)).exists())


def timed_gets(url: str, requests: int) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(requests):
        started = time.perf_counter()
        size = len(get(url))
        times.append(time.perf_counter() - started)
    return statistics.median(times), size


def library_page(requests: int) -> tuple[float, int, float, int]:
    port = free_port()
    process = launch(port)
    try:
        wait_healthy(port, process)
        base = f"http://127.0.0.1:{port}"
        get(f"{base}/library", timeout=120)  # waits for the library to load; warms the row cache
        page, page_bytes = timed_gets(f"{base}/library", requests)
        api, api_bytes = timed_gets(f"{base}/api/clauses", requests)
        return page, page_bytes, api, api_bytes
    finally:
        stop(process)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="server launches for the start-up median")
    parser.add_argument("--requests", type=int, default=15, help="requests for each page median")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    s = startup(args.repeat)
    load = f"load average {load_before:.1f} -> {os.getloadavg()[0]:.1f}"
    print(f"start-up until /healthz answers: {s['healthz'] * 1000:.0f} ms wall, {s['healthz_cpu'] * 1000:.0f} ms CPU, "
          f"median of {args.repeat} (target < 1000 ms; baseline `compose --help` {s['help'] * 1000:.0f} ms wall, "
          f"ratio {s['healthz'] / s['help']:.2f}; {load}; bytecode cached: {bytecode_cached()})")
    print(f"launch until the first GET /library (all clauses, library loaded) is read: {s['page'] * 1000:.0f} ms wall, "
          f"{s['page_cpu'] * 1000:.0f} ms CPU, median of {args.repeat}")
    page, page_bytes, api, api_bytes = library_page(args.requests)
    print(f"GET /library, all clauses: {page * 1000:.0f} ms median of {args.requests} ({page_bytes / 1024:.0f} KiB; "
          f"target < 200 ms; baseline GET /api/clauses {api * 1000:.0f} ms, {api_bytes / 1024:.0f} KiB, "
          f"ratio {page / api:.2f})")


if __name__ == "__main__":
    main()
