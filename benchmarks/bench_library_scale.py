"""How ``compose check`` grows with the library: the bundled clauses copied k times (new ids).

Reports, for each size, the median wall time and peak memory of ``compose check`` in a child
process and the cost per clause; the baseline is the bundled library (k = 1), and the ratio
column says whether the growth is linear (time ratio about equal to the size ratio). Copies
quote the same spans as their originals, so the overlap check reports them (that is work a
real library of that size would not do: the figures are an upper bound).

Run: ``.venv/bin/python benchmarks/bench_library_scale.py [--copies 1 4 8] [--runs 1]``.
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REGISTRIES = {"sources.yaml", "actors.yaml", "gcm-trace.yaml", "gcm-labels.yaml", "positions.yaml"}


def build(copies: int, folder: Path) -> int:
    """A project with the clause files copied ``copies`` times; returns the number of clauses."""
    (folder / "clauses").mkdir(parents=True)
    for name in ("sources.yaml", "actors.yaml"):
        shutil.copy(ROOT / "clauses" / name, folder / "clauses" / name)
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    count = 0
    for path in sorted((ROOT / "clauses").glob("*.yaml")):
        if path.name in REGISTRIES:
            continue
        text = re.sub(r"\n    see_also: \[.*\]", "", path.read_text(encoding="utf-8"))
        for k in range(copies):
            copy = re.sub(r"(\n  - id: )(\S+)", lambda m, k=k: f"{m.group(1)}{m.group(2)}-c{k}", text)
            (folder / "clauses" / f"{path.stem}-{k}.yaml").write_text(copy, encoding="utf-8")
            count += copy.count("\n  - id: ")
    return count


def run(folder: Path) -> tuple[float, int]:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "composer", "--library", str(folder), "check"], cwd=ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return time.perf_counter() - start, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 4, 8])
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    base: tuple[int, float] | None = None
    print(f"{'clauses':>8} {'median s':>9} {'ms/clause':>9} {'size x':>7} {'time x':>7} {'peak MB':>8}")
    for copies in args.copies:
        with tempfile.TemporaryDirectory() as tmp:
            clauses = build(copies, Path(tmp))
            times, peak = [], 0
            for _ in range(args.runs):
                seconds, peak = run(Path(tmp))
                times.append(seconds)
        median = statistics.median(times)
        base = base or (clauses, median)
        print(f"{clauses:>8} {median:>9.2f} {1000 * median / clauses:>9.2f} {clauses / base[0]:>7.1f} "
              f"{median / base[1]:>7.1f} {peak / 1024:>8.0f}")


if __name__ == "__main__":
    main()
