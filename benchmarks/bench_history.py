"""Benchmark ``compose history`` on the four oceans resolutions against one ``compose diff``.

The issue's target: the history of the four versions of the oceans and law of the sea
resolution (about 30k words each) takes under three times one ``compose diff`` of the longest
consecutive pair. Both are timed as whole processes (a fresh interpreter, start to exit), with
their default output (Markdown on the terminal, sent to /dev/null here), interleaved run by run
so that a busy machine slows both alike; medians are reported, and their ratio, in wall-clock
time (the target) and in CPU time (user + system, which another process's load barely moves).

Also reported: the history written as JSON (what a script would ask for), and, in process, the
time spent building the lineage model alone. Run: ``.venv/bin/python benchmarks/bench_history.py
[--runs 5]``.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from composer.history.chain import Draft, build_history  # noqa: E402
from composer.read import read_document  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
COMPOSE = ROOT / ".venv" / "bin" / "compose"
TARGET_RATIO = 3.0


def oceans() -> list[Path]:
    files = sorted(CORPUS.glob("unga_oceans-los_v*.txt"))
    if len(files) != 4:
        raise SystemExit(f"expected the four oceans resolutions in {CORPUS}, found {len(files)}")
    return files


def longest_pair(files: list[Path]) -> tuple[Path, Path]:
    """The consecutive pair with the most words between them."""
    words = [len(f.read_text(encoding="utf-8").split()) for f in files]
    k = max(range(1, len(files)), key=lambda i: words[i - 1] + words[i])
    return files[k - 1], files[k]


def run(args: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one whole ``compose`` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([str(COMPOSE), *args], check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def report(name: str, times: list[tuple[float, float]], baseline: list[tuple[float, float]] | None) -> None:
    wall = statistics.median(t[0] for t in times)
    cpu = statistics.median(t[1] for t in times)
    line = f"{name}: median {wall:.2f} s wall, {cpu:.2f} s CPU"
    if baseline is not None:
        wall_ratio = wall / statistics.median(t[0] for t in baseline)
        cpu_ratio = cpu / statistics.median(t[1] for t in baseline)
        verdict = "met" if wall_ratio < TARGET_RATIO else "NOT met"
        line += f"; ratio {wall_ratio:.2f} wall, {cpu_ratio:.2f} CPU (target < {TARGET_RATIO:.0f}: {verdict})"
    print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    files = oceans()
    old, new = longest_pair(files)
    diff_times, history_times, json_times, build_times = [], [], [], []
    with tempfile.TemporaryDirectory(prefix="bench_history_") as out:
        for _ in range(options.runs):
            diff_times.append(run(["diff", str(old), str(new)]))
            history_times.append(run(["history", *map(str, files)]))
            json_times.append(run(["history", *map(str, files), "--format", "json", "--out", out]))
    for _ in range(options.runs):
        drafts = [Draft(f.stem, read_document(f)) for f in files]
        start = time.perf_counter()
        build_history(drafts)
        build_times.append(time.perf_counter() - start)
    print(f"{options.runs} runs each, interleaved; load average at the end {os.getloadavg()[0]:.1f}")
    report(f"compose diff {old.name} {new.name}", diff_times, None)
    report("compose history (4 versions, Markdown report)", history_times, diff_times)
    report("compose history --format json", json_times, diff_times)
    print(f"build_history in process (reading excluded): median {statistics.median(build_times):.2f} s")


if __name__ == "__main__":
    main()
