"""Benchmark the composer: `brief` for every cluster and `draft` for all objectives, to DOCX and PDF.

Reports medians over several runs and, for PDF, the share of time spent inside WeasyPrint
(measured by wrapping ``weasyprint.HTML.write_pdf`` in the same process). The baseline for the
ratios is the Markdown rendering of the same document model, run in the same script: it shows
what rendering costs on top of assembling. Run: ``.venv/bin/python benchmarks/bench_compose.py``.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from composer.assemble.brief import assemble_brief  # noqa: E402
from composer.assemble.common import ComposeOptions  # noqa: E402
from composer.assemble.draft import assemble_draft, manifest_from_selection  # noqa: E402
from composer.library import load_library  # noqa: E402
from composer.library.query import ClauseFilter  # noqa: E402
from composer.render import render  # noqa: E402

RUNS = 3
OPTIONS = ComposeOptions(date="2026-11-24")


class WeasyTimer:
    """Accumulates the time spent inside WeasyPrint: layout (``HTML.render``) and ``write_pdf``."""

    def __init__(self) -> None:
        import weasyprint
        import weasyprint.document

        self.total = 0.0
        self._wrap(weasyprint.HTML, "render")
        self._wrap(weasyprint.HTML, "write_pdf")
        self._wrap(weasyprint.document.Document, "write_pdf")

    def _wrap(self, owner: type, name: str) -> None:
        original = getattr(owner, name)

        def timed(obj, *args, **kwargs):
            start = time.perf_counter()
            try:
                return original(obj, *args, **kwargs)
            finally:
                self.total += time.perf_counter() - start

        setattr(owner, name, timed)


def single_pass_pdf(document) -> bytes:
    """Baseline: the same print HTML through one plain WeasyPrint pass (no contents page
    numbering, no footnote check)."""
    import weasyprint

    from composer.render.html import render_html

    return weasyprint.HTML(string=render_html(document, for_print=True)).write_pdf()


def median_time(fn, runs: int = RUNS) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    start = time.perf_counter()
    library = load_library(ROOT).raise_if_invalid()
    load_time = time.perf_counter() - start
    weasy = WeasyTimer()
    jobs = []
    for cluster in sorted(library.taxonomy.clusters):
        flt = ClauseFilter(clusters=(cluster,))
        jobs.append((f"brief --cluster {cluster}", lambda flt=flt: assemble_brief(library, flt, OPTIONS)))
    all_objectives = ClauseFilter(objectives=tuple(library.taxonomy.objectives))
    manifest = manifest_from_selection(library, all_objectives, OPTIONS)
    jobs.append(("draft (all objectives)", lambda: assemble_draft(library, manifest, OPTIONS)))
    print(f"library load + check: {load_time:.2f} s ({len(library.clauses)} clauses)\n")
    header = (
        f"{'job':<26}{'notes':>6}{'assemble':>10}{'docx':>8}{'pdf':>8}{'1-pass':>8}{'pdf/1-pass':>11}{'in Weasy':>10}"
    )
    print(header)
    print("-" * len(header))
    for name, build in jobs:
        document = build()
        from composer.model.walk import document_notes

        notes = len(document_notes(document))
        t_assemble = median_time(build)
        t_docx = median_time(lambda document=document: render(document, "docx"))
        weasy.total = 0.0
        t_pdf = median_time(lambda document=document: render(document, "pdf"))
        weasy_share = weasy.total / (t_pdf * RUNS) if t_pdf else 0.0
        t_single = median_time(lambda document=document: single_pass_pdf(document))
        print(
            f"{name:<26}{notes:>6}{t_assemble:>9.3f}s{t_docx:>7.3f}s{t_pdf:>7.2f}s{t_single:>7.2f}s"
            f"{t_pdf / t_single:>10.2f}x{weasy_share:>9.0%}",
            flush=True,
        )
    print(
        f"\nmedians of {RUNS} runs. 1-pass: the same HTML through one plain WeasyPrint pass (baseline);"
        " 'in Weasy': share of our PDF time spent inside WeasyPrint (layout + write)."
    )


if __name__ == "__main__":
    main()
