"""Benchmark: what start-up costs, before and after the lazy CLI (issue 9).

Run: ``.venv/bin/python benchmarks/bench_startup.py [--repeat 15] [--baseline SHA]``.

Three whole-process timings, each the median of ``--repeat`` runs, for the working tree and for
a baseline commit checked out with ``git worktree add`` into a temporary folder (default: the
commit before the lazy CLI, ``6b9e439``), both run by the same interpreter so only the code differs:

* ``import composer.cli`` (``python -c``),
* ``compose --help``,
* ``compose diff a.txt b.txt`` on two small text files (Markdown redline to a temporary folder),
* ``compose diff a.docx b.docx --format docx`` on a small outside pair (tests/outside/docs,
  textbox-only): the in-place DOCX redline, where start-up is most of the time.

It also lists which of the heavy libraries (python-docx, lxml, jinja2, weasyprint, pydantic,
matplotlib, rich, typer) ``import composer.cli`` loads in each tree, and prints the ratios
baseline / now. The baseline worktree is removed afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_BASELINE = "6b9e4390e143276b025d85faaf392d362c6bb8a7"
HEAVY = ("docx", "lxml", "jinja2", "weasyprint", "pydantic", "matplotlib", "rich", "typer", "yaml")

DOCX_PAIR = (ROOT / "tests/outside/docs/textbox-only-old.docx", ROOT / "tests/outside/docs/textbox-only-new.docx")
OLD_TEXT = "Objective 1\n\n1. States shall cooperate on data.\n\n2. States shall share statistics.\n"
NEW_TEXT = "Objective 1\n\n1. States should cooperate on data.\n\n2. States shall share statistics widely.\n"


def timed(tree: Path, args: list[str], cwd: Path) -> float:
    """Wall time of one ``python args`` process with ``tree`` first on the path (bytecode caches
    allowed, as an installed command runs: a PYTHONDONTWRITEBYTECODE in the environment is dropped)."""
    env = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "PYTHONPATH": str(tree)}
    start = time.perf_counter()
    subprocess.run([sys.executable, *args], cwd=cwd, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def heavy_modules(tree: Path, cwd: Path) -> list[str]:
    """Which of HEAVY ``import composer.cli`` loads in ``tree`` (run outside any checkout, so
    that the current folder does not shadow ``tree`` on ``sys.path``)."""
    code = (
        "import sys, json; import composer.cli; "
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({list(HEAVY)!r}))))"
    )
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def commands(work: Path) -> dict[str, list[str]]:
    out = str(work / "out")
    return {
        "import composer.cli": ["-c", "import composer.cli"],
        "compose --help": ["-m", "composer", "--help"],
        "compose diff a.txt b.txt": ["-m", "composer", "diff", "a.txt", "b.txt", "--format", "md", "--out", out],
        "compose diff a.docx b.docx": ["-m", "composer", "diff", str(DOCX_PAIR[0]), str(DOCX_PAIR[1]), "--format",
                                       "docx", "--out", out, "--date", "2025-12-15"],
    }


def measure(trees: dict[str, Path], repeat: int, work: Path) -> dict[str, dict[str, float]]:
    """Median per tree and command; the trees alternate run by run so machine load hits both alike."""
    samples: dict[str, dict[str, list[float]]] = {label: {} for label in trees}
    for name, args in commands(work).items():
        for _ in range(repeat):
            for label, tree in trees.items():
                samples[label].setdefault(name, []).append(timed(tree, args, work))
    return {label: {n: statistics.median(v) for n, v in per.items()} for label, per in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, help="commit to compare against")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        work = Path(tmp) / "work"
        work.mkdir()
        (work / "a.txt").write_text(OLD_TEXT, encoding="utf-8")
        (work / "b.txt").write_text(NEW_TEXT, encoding="utf-8")
        base = Path(tmp) / "baseline"
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(base), args.baseline],
            cwd=ROOT, check=True, capture_output=True,
        )
        try:
            results = measure({"baseline": base, "now": ROOT}, args.repeat, work)
            heavy = {"baseline": heavy_modules(base, work), "now": heavy_modules(ROOT, work)}
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(base)], cwd=ROOT, capture_output=True)
            shutil.rmtree(base, ignore_errors=True)
    print(f"start-up, whole process, median of {args.repeat} runs (baseline {args.baseline[:7]}), "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"{'':28} {'baseline':>10} {'now':>10} {'ratio':>7}")
    for name, before in results["baseline"].items():
        now = results["now"][name]
        print(f"{name:28} {before * 1000:8.0f}ms {now * 1000:8.0f}ms {before / now:6.1f}x")
    for label, modules in heavy.items():
        print(f"heavy libraries loaded by `import composer.cli` ({label}): {', '.join(modules) or 'none'}")


if __name__ == "__main__":
    main()
