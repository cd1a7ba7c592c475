"""Benchmark: ``compose diff OLD NEW --format docx`` against python-redlines 2.0 (Docxodus), whole process.

Run: ``.venv/bin/python benchmarks/bench_diff.py [--repeat 5] [--peer-repeat 3] [--only corpus|outside]``
(the peer comes with ``pip install -e '.[bench]'``; its .NET engine ships as a self-contained
binary). Both sides are timed as a user meets them, start-up included: ours is the
``compose diff`` command in a fresh Python process, theirs a fresh Python process that imports
python-redlines and runs its Docxodus engine on the same two files. Runs are interleaved (ours,
theirs, ours ...) so that load on the machine hits both alike; medians are reported with the
speed-up (theirs / ours). Pairs: the 13 corpus pairs (successive real drafts, written as DOCX
with python-docx) and the outside set (tests/outside/docs: tables, text boxes, notes, images,
equations, fields, formatting, earlier revisions). Exactness of both sides is checked with the
independent reader ../shared/tools/docx_views.py: Accept all must give NEW and Reject all OLD
in every story (body with cells and text boxes, notes, comments, headers, footers) and in the
images shown. A scaling run repeats the longest corpus pair 1x..8x: time per copy should stay
flat (linear growth). CPU time (user + system) is given beside the wall clock: on a shared
machine it is the steadier measure.

Both sides run as installed software runs: with Python's bytecode caches (a session or CI
environment that sets PYTHONDONTWRITEBYTECODE would otherwise make every run of ours compile
the project's modules again; the peer's Python side is installed, compiled, in site-packages),
after one untimed warm-up run each. Each row gives the load average when it was measured.
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

from tests.outside import check  # noqa: E402
from tests.test_redline_support import build_docx, corpus_blocks, corpus_pairs  # noqa: E402

PEER = r"""
import sys
from python_redlines.engines import DocxodusEngine
old, new, out = sys.argv[1:4]
data = DocxodusEngine().run_redline("bench", open(old, "rb").read(), open(new, "rb").read(), detect_moves=True)[0]
open(out, "wb").write(data)
"""


#: The environment of both sides' processes: bytecode caches allowed (see the module docstring).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def ours_command(old: Path, new: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "composer", "diff", str(old), str(new), "--format", "docx", "--out", str(out),
            "--date", "2025-12-15"]


def peer_command(old: Path, new: Path, out: Path) -> list[str]:
    return [sys.executable, "-c", PEER, str(old), str(new), str(out / "peer.docx")]


def peer_available() -> bool:
    done = subprocess.run([sys.executable, "-c", "import python_redlines.engines as e; e.DocxodusEngine()"],
                          capture_output=True, text=True)
    return done.returncode == 0


def run(command: list[str]) -> float:
    """Wall seconds of one process."""
    return run_timed(command)[0]


def run_timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, the process and its children) of one process.

    On a shared machine the wall clock also counts the time other work held the CPU; the CPU time
    is what the run itself cost (the peer's engine may use more than one core: all of it counts).
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=ENV)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command[:4])} ...\n{done.stderr[-800:]}")
    return elapsed, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def exact(redline: Path | None, old: Path, new: Path) -> str:
    """yes when Accept all gives NEW and Reject all OLD in every story and image (docx_views)."""
    if redline is None or not redline.exists():
        return "no output"
    want_accept, want_reject = check.expected_sides(old, new)
    accept, reject = check.actual_sides(redline)
    wrong = [f"{mode}:{story}" for mode, got, want in (("accept", accept, want_accept), ("reject", reject, want_reject))
             for story in (*check.STORIES, "images") if got[story] != want[story]]
    return "yes" if not wrong else "NO " + ",".join(wrong[:3])


def words(path: Path) -> int:
    view = check.views(path)
    return sum(len(t.split()) for story in check.STORIES for t in view[story]["accept"])


def measure(name: str, old: Path, new: Path, work: Path, args: argparse.Namespace, with_peer: bool) -> dict:
    ours_out, peer_out = work / f"{name}-ours", work / f"{name}-peer"
    ours_out.mkdir(parents=True, exist_ok=True)
    peer_out.mkdir(parents=True, exist_ok=True)
    ours_times, peer_times = [], []
    for k in range(args.repeat):
        ours_times.append(run_timed(ours_command(old, new, ours_out)))
        if with_peer and k < args.peer_repeat:
            peer_times.append(run_timed(peer_command(old, new, peer_out)))
    written = sorted(ours_out.glob("redline-*.docx"))
    row = {"name": name, "words": f"{words(old)}→{words(new)}", "ours": statistics.median(t[0] for t in ours_times),
           "ours_cpu": statistics.median(t[1] for t in ours_times),
           "ours_exact": exact(written[0] if written else None, old, new), "load": os.getloadavg()[0]}
    if with_peer:
        row["peer"] = statistics.median(t[0] for t in peer_times)
        row["peer_cpu"] = statistics.median(t[1] for t in peer_times)
        row["peer_exact"] = exact(peer_out / "peer.docx", old, new)
    return row


HEADER = ("| pair | words old→new | ours median s | python-redlines median s | speed-up | ours CPU s | theirs CPU s "
          "| CPU speed-up | ours exact | theirs exact | load |\n|---|---|---|---|---|---|---|---|---|---|---|")


def print_rows(rows: list[dict], with_peer: bool) -> list[float]:
    """Print each row as soon as it is measured; returns the speed-ups."""
    speedups = []
    for row in rows:
        if with_peer:
            speedup = row["peer"] / row["ours"]
            speedups.append(speedup)
            print(f"| {row['name']} | {row['words']} | {row['ours']:.3f} | {row['peer']:.3f} | {speedup:.1f}x | "
                  f"{row['ours_cpu']:.3f} | {row['peer_cpu']:.3f} | {row['peer_cpu'] / row['ours_cpu']:.1f}x | "
                  f"{row['ours_exact']} | {row['peer_exact']} | {row['load']:.1f} |", flush=True)
        else:
            print(f"| {row['name']} | {row['words']} | {row['ours']:.3f} | - | - | {row['ours_cpu']:.3f} | - | - | "
                  f"{row['ours_exact']} | - | {row['load']:.1f} |", flush=True)
    return speedups


def summary(label: str, rows: list[dict], speedups: list[float]) -> None:
    ours = statistics.median(r["ours"] for r in rows)
    line = f"\n{label}: {len(rows)} pairs, ours median {ours:.3f} s"
    if speedups:
        theirs = statistics.median(r["peer"] for r in rows)
        line += (f", python-redlines median {theirs:.3f} s; speed-up min {min(speedups):.1f}x, "
                 f"median {statistics.median(speedups):.1f}x, max {max(speedups):.1f}x; "
                 f"ratio of medians {theirs / ours:.1f}x")
        cpu = [r["peer_cpu"] / r["ours_cpu"] for r in rows]
        line += (f"; CPU speed-up min {min(cpu):.1f}x, median {statistics.median(cpu):.1f}x, "
                 f"max {max(cpu):.1f}x")
    exact_ours = sum(r["ours_exact"] == "yes" for r in rows)
    line += f"; exact: ours {exact_ours}/{len(rows)}"
    if speedups:
        line += f", theirs {sum(r['peer_exact'] == 'yes' for r in rows)}/{len(rows)}"
    line += f"; load average {min(r['load'] for r in rows):.1f}-{max(r['load'] for r in rows):.1f}"
    print(line + "\n", flush=True)


def corpus_files(work: Path) -> list[tuple[str, Path, Path]]:
    out = []
    for old_txt, new_txt in corpus_pairs():
        name = f"{old_txt.name.split('_v')[0]} v{old_txt.name.split('_v')[1][0]}→v{new_txt.name.split('_v')[1][0]}"
        old_path, new_path = work / f"{old_txt.stem}.docx", work / f"{new_txt.stem}.docx"
        old_path.write_bytes(build_docx(corpus_blocks(old_txt)))
        new_path.write_bytes(build_docx(corpus_blocks(new_txt)))
        out.append((name, old_path, new_path))
    return out


#: The peer grows faster than linearly (one copy of the longest pair about 5 s, two copies
#: minutes): in the scaling run it is given this long.
PEER_LIMIT = 60.0


def peer_with_limit(old: Path, new: Path, out: Path) -> str:
    """The peer's time on one pair, or '> PEER_LIMIT s' when it takes longer (it is then stopped)."""
    start = time.perf_counter()
    try:
        subprocess.run(peer_command(old, new, out), capture_output=True, cwd=ROOT, env=ENV, timeout=PEER_LIMIT)
    except subprocess.TimeoutExpired:
        return f"> {PEER_LIMIT:.0f}"
    return f"{time.perf_counter() - start:.3f}"


def scaling(work: Path, args: argparse.Namespace, with_peer: bool) -> None:
    """The longest corpus pair repeated k times: seconds per copy should stay about flat."""
    old_txt, new_txt = max(corpus_pairs(), key=lambda p: p[0].stat().st_size + p[1].stat().st_size)
    old_blocks, new_blocks = corpus_blocks(old_txt), corpus_blocks(new_txt)
    print(f"| copies of {old_txt.stem} | paragraphs old | ours median s | ours s per copy | ours CPU s "
          "| ours CPU s per copy | python-redlines s | load |")
    print("|---|---|---|---|---|---|---|---|")
    for k in (1, 2, 4, 8):
        old_path, new_path = work / f"scale_old_{k}.docx", work / f"scale_new_{k}.docx"
        old_path.write_bytes(build_docx(old_blocks * k))
        new_path.write_bytes(build_docx(new_blocks * k))
        out = work / f"scale-{k}"
        out.mkdir(exist_ok=True)
        times = [run_timed(ours_command(old_path, new_path, out)) for _ in range(args.repeat)]
        ours, cpu = statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)
        theirs = peer_with_limit(old_path, new_path, out) if with_peer and k <= 2 else "-"
        print(f"| {k} | {len(old_blocks) * k} | {ours:.3f} | {ours / k:.3f} | {cpu:.3f} | {cpu / k:.3f} | {theirs} "
              f"| {os.getloadavg()[0]:.1f} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--peer-repeat", type=int, default=3)
    parser.add_argument("--no-peer", action="store_true")
    parser.add_argument("--only", choices=("corpus", "outside", "scaling"))
    args = parser.parse_args()
    with_peer = not args.no_peer and peer_available()
    if not args.no_peer and not with_peer:
        print("python-redlines (Docxodus) is not installed or cannot run here: ours only\n")
    work = Path(tempfile.mkdtemp(prefix="bench_diff_"))
    warm, first = work / "warm-up", next(p for p in check.pairs() if p["changed"])
    warm.mkdir()
    run(ours_command(first["old"], first["new"], warm))
    if with_peer:
        run(peer_command(first["old"], first["new"], warm))
    if args.only in (None, "corpus"):
        print(HEADER)
        rows, speedups = [], []
        for name, old, new in corpus_files(work):
            rows.append(measure(name, old, new, work, args, with_peer))
            speedups += print_rows(rows[-1:], with_peer)
        summary("corpus", rows, speedups)
    if args.only in (None, "outside"):
        print(HEADER)
        rows, speedups = [], []
        for pair in (p for p in check.pairs() if p["changed"]):
            rows.append(measure(pair["name"], pair["old"], pair["new"], work, args, with_peer))
            speedups += print_rows(rows[-1:], with_peer)
        summary("outside set", rows, speedups)
    if args.only in (None, "scaling"):
        scaling(work, args, with_peer)


if __name__ == "__main__":
    main()
