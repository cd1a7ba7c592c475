"""Benchmark the agreed-language trace on the real library.

Times, as medians over several runs in this one process-per-run script:

* ``load``: loading the library (the baseline every command pays; ratios are against it);
* ``full``: a full lexical trace (build the matcher, rank every clause, write the store) after
  the load, i.e. what ``compose trace`` adds;
* ``update``: ``compose trace --update`` when nothing changed (fingerprints only);
* ``cli``: the whole ``compose trace`` command in a fresh interpreter, start to exit: the number
  the issue's "under 10 seconds" target is about;
* with ``--embedding``: one full trace with the optional embedding matcher (model load included).

Figures on the calibration split are printed with the timings (and for the two BM25 backends,
bm25s against rank-bm25), so a faster matcher that got worse
shows up here. The library is copied to a scratch folder: the real ``clauses/gcm-trace.yaml`` is
never touched. Run: ``.venv/bin/python benchmarks/bench_trace.py [--runs 5] [--embedding]``.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from composer.library import load_library  # noqa: E402
from composer.trace.compact import load_compact  # noqa: E402
from composer.trace.evaluate import evaluate  # noqa: E402
from composer.trace.matching import matchable_units  # noqa: E402
from composer.trace.memory import LinkMemory  # noqa: E402
from composer.trace.settings import TraceSettings  # noqa: E402
from composer.trace.split import calibration_labels  # noqa: E402
from composer.trace.store import read_store, trace_path, write_store  # noqa: E402
from composer.trace.tracer import compute_links, make_matcher, update_trace  # noqa: E402


def scratch_project() -> Path:
    """A copy of clauses/ and seeds/ without the stored trace, so every full run starts cold, and
    with every second clause's confirmed link taken out: every clause of the real library is
    confirmed (nothing would be computed), so half are left for the trace to compute, remembering
    the other half's confirmed links (:mod:`composer.trace.memory`), as a growing library would.

    The label files are left behind (``labels/``): the trace never reads them, and a benchmark
    has no business copying the held-out round's labels anywhere."""
    folder = Path(tempfile.mkdtemp(prefix="bench_trace_"))
    shutil.copytree(ROOT / "clauses", folder / "clauses", ignore=shutil.ignore_patterns("labels"))
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    trace_path(folder).unlink(missing_ok=True)
    seen = 0
    for path in sorted((folder / "clauses").glob("*.yaml")):
        kept = []
        for line in path.read_text("utf-8").splitlines(keepends=True):
            if line.lstrip().startswith("gcm: {") and "confirmed: true" in line:
                seen += 1
                if seen % 2 == 0:
                    continue
            kept.append(line)
        path.write_text("".join(kept), encoding="utf-8")
    return folder


CPU: dict[str, list[float]] = {}


def timed(action, label: str = "") -> tuple[float, object]:
    """Wall seconds of ``action``; its CPU seconds (this process and its children) go to ``CPU[label]``."""
    start, cpu, child = time.perf_counter(), time.process_time(), resource.getrusage(resource.RUSAGE_CHILDREN)
    value = action()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = time.process_time() - cpu + (after.ru_utime + after.ru_stime) - (child.ru_utime + child.ru_stime)
    CPU.setdefault(label, []).append(used)
    return time.perf_counter() - start, value


def bench(runs: int, embedding: bool) -> None:
    project = scratch_project()
    try:
        load_compact()  # parse once, as every later command in a process would reuse it
        loads, fulls, updates, clis = [], [], [], []
        for _ in range(runs):
            trace_path(project).unlink(missing_ok=True)
            seconds, library = timed(lambda: load_library(project))
            loads.append(seconds)

            def full(lib=library):
                store, report = update_trace(lib, read_store(trace_path(project)), "lexical", incremental=False)
                write_store(trace_path(project), store)
                return report

            seconds, report = timed(full, "full lexical trace")
            fulls.append(seconds)
            reloaded = load_library(project)
            seconds, _ = timed(
                lambda lib=reloaded: update_trace(lib, read_store(trace_path(project)), "lexical", incremental=True)
            )
            updates.append(seconds)
        for _ in range(runs):
            trace_path(project).unlink(missing_ok=True)
            command = [sys.executable, "-m", "composer", "--library", str(project), "trace"]
            seconds, done = timed(lambda cmd=command: subprocess.run(cmd, capture_output=True, text=True, check=False),
                                  "`compose trace` end to end")
            if done.returncode != 0:
                raise SystemExit(f"compose trace failed: {done.stderr.strip()}")
            clis.append(seconds)
        base = statistics.median(loads)
        clauses = len(library.clauses)
        load = ", ".join(f"{v:.2f}" for v in os.getloadavg())
        print(f"library: {clauses} clauses; {runs} runs; medians (wall, and CPU beside it); load average {load}")
        print(f"  load library (baseline)       {base:7.3f} s   1.00x")
        for label, values in (
            ("full lexical trace", fulls),
            ("--update, nothing changed", updates),
            ("`compose trace` end to end", clis),
        ):
            median = statistics.median(values)
            cpu = f"   CPU {statistics.median(CPU[label]):.3f} s" if label in CPU else ""
            print(f"  {label:<30}{median:7.3f} s   {median / base:5.2f}x   (min {min(values):.3f}, max {max(values):.3f}){cpu}")
        print(f"  per clause (full trace)       {statistics.median(fulls) / clauses * 1000:7.3f} ms")
        print(f"  last full run: {report.summary()}")
        precision(library, "lexical")
        backends(library, runs)
        if embedding:
            seconds, _ = timed(lambda: update_trace(library, read_store(Path("/nonexistent")), "embedding", False))
            print(f"  full embedding trace (1 run, model load included) {seconds:7.3f} s   {seconds / base:5.2f}x")
            precision(library, "embedding")
    finally:
        shutil.rmtree(project, ignore_errors=True)


def precision(library, method: str, settings: TraceSettings | None = None) -> None:
    """Figures on the calibration split (never the held-out one), for the record beside the timings;
    the memory is the other calibration labels, as ``compose trace --evaluate`` scores it."""
    compact = load_compact()
    labels = calibration_labels(ROOT, compact)
    wanted = {label.clause for label in labels}
    clauses = [c for c in library.clauses if c.id in wanted]
    matcher = make_matcher(method, compact, settings)
    memory = LinkMemory.from_labels(clauses, labels, matchable_units(compact))
    links = {k: v.to_link() for k, v in compute_links(matcher, compact, clauses, settings, memory=memory).items()}
    print("  calibration " + evaluate(method, links, labels).summary())


def backends(library, runs: int) -> None:
    """bm25s (kept) against rank-bm25 (the old dependency): the time to compute every clause of the
    library (each remembering the others' confirmed links) and calibration figures."""
    compact = load_compact()
    memory = LinkMemory.from_confirmed(load_library(ROOT).clauses, matchable_units(compact))
    times: dict[str, float] = {}
    for backend in ("rank-bm25", "bm25s"):
        settings = TraceSettings(lexical=replace(TraceSettings().lexical, backend=backend))
        values = []
        for _ in range(runs):
            start = time.perf_counter()
            compute_links(make_matcher("lexical", compact, settings), compact, library.clauses, settings, memory=memory)
            values.append(time.perf_counter() - start)
        times[backend] = statistics.median(values)
        print(f"  backend {backend:<10} full trace {times[backend]:7.3f} s   {times[backend] / times['rank-bm25']:5.2f}x")
        precision(library, "lexical", settings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--embedding", action="store_true", help="also time the optional embedding matcher")
    args = parser.parse_args()
    bench(args.runs, args.embedding)


if __name__ == "__main__":
    main()
