"""Benchmark `compose brief` for every cluster (and the all-objectives draft): shape and time.

For each job it reports what a delegate gets (clauses, positions, front-part pages: everything
before the first annex heading, cover and contents included; total pages) and what it costs:
medians over ``--runs`` runs of the DOCX (with the PDF's heading pages handed over, as `compose
brief` does when it writes both; and alone, when the DOCX writer lays the PDF out itself for its
contents' page numbers) and of the PDF. The baseline in the same script is the Markdown
rendering of the same model (what assembling and walking the tree cost without layout); the
ratios are against it.

Run: ``.venv/bin/python benchmarks/bench_compose.py [--runs 3] [--cluster N ...]``.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from composer.assemble.brief import assemble_brief  # noqa: E402
from composer.assemble.common import ComposeOptions  # noqa: E402
from composer.assemble.draft import assemble_draft, manifest_from_selection  # noqa: E402
from composer.library import load_library  # noqa: E402
from composer.library.query import ClauseFilter, select_clauses  # noqa: E402
from composer.render import render  # noqa: E402
from composer.render.pdf import render_pdf_with_pages  # noqa: E402

OPTIONS = ComposeOptions(date="2026-11-24")


def median_time(fn, runs: int) -> tuple[float, object]:
    samples, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), result


def pdf_pages(pdf: bytes) -> list[str]:
    """The PDF's text page by page (pdftotext, an independent reader)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        text = subprocess.run(
            ["pdftotext", "-layout", handle.name, "-"], capture_output=True, text=True, check=True
        ).stdout
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def front_pages(pages: list[str]) -> int:
    """Pages before the one holding the first annex heading (its contents line aside)."""
    for number, page in enumerate(pages, start=1):
        if number > 2 and re.search(r"^\s*Annex A: ", page, re.M) and "Contents" not in page:
            return number - 1
    return len(pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cluster", type=int, action="append")
    parser.add_argument("--no-draft", action="store_true")
    args = parser.parse_args()
    start = time.perf_counter()
    library = load_library(ROOT).raise_if_invalid()
    print(f"library load + check: {time.perf_counter() - start:.2f} s ({len(library.clauses)} clauses)\n")
    jobs = []
    for cluster in args.cluster or sorted(library.taxonomy.clusters):
        flt = ClauseFilter(clusters=(cluster,))
        jobs.append((f"brief --cluster {cluster}", flt, lambda flt=flt: assemble_brief(library, flt, OPTIONS)))
    if not args.no_draft:
        everything = ClauseFilter(objectives=tuple(library.taxonomy.objectives))
        manifest = manifest_from_selection(library, everything, OPTIONS)
        jobs.append(("draft (all objectives)", everything, lambda: assemble_draft(library, manifest, OPTIONS)))
    header = (
        f"{'job':<24}{'clauses':>8}{'positions':>10}{'front':>6}{'pages':>6}{'md':>8}{'docx':>8}"
        f"{'docx alone':>11}{'pdf':>8}{'pdf/md':>8}"
    )
    print(header)
    print("-" * len(header))
    for name, flt, build in jobs:
        clauses = select_clauses(library, flt)
        positions = len(library.positions_covering(clauses))
        document = build()
        t_md, _ = median_time(lambda document=document: render(document, "md"), args.runs)
        t_pdf, (pdf, pages_at) = median_time(lambda document=document: render_pdf_with_pages(document), args.runs)
        t_docx, _ = median_time(
            lambda document=document, pages_at=pages_at: render(document, "docx", toc_pages=pages_at), args.runs
        )
        t_alone, _ = median_time(lambda document=document: render(document, "docx"), args.runs)
        pages = pdf_pages(pdf)
        print(
            f"{name:<24}{len(clauses):>8}{positions:>10}{front_pages(pages):>6}{len(pages):>6}"
            f"{t_md:>7.2f}s{t_docx:>7.2f}s{t_alone:>10.2f}s{t_pdf:>7.2f}s{t_pdf / t_md:>7.0f}x",
            flush=True,
        )
    print(
        f"\nmedians of {args.runs} runs. front: pages before the first annex heading (cover and contents"
        " included). docx: with the PDF's heading pages; docx alone: lays the PDF out for them. Baseline: md."
    )


if __name__ == "__main__":
    main()
