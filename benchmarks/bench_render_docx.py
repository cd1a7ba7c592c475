"""Benchmark the DOCX renderer on hand-built documents of growing size.

Reports the median of several runs for ``render_docx`` and, as the baseline measured in the same
script, python-docx writing the same paragraphs as plain Body Text with no footnotes, bookmarks,
fields, charts or zip normalisation: the ratio is what our features cost on top of python-docx
itself. Also times the two phases that scale with the document: the body (with footnotes) and
the deterministic zip rewrite. Run: ``.venv/bin/python benchmarks/bench_render_docx.py``.
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import docx  # noqa: E402

from composer.model.document import BarChart, Document  # noqa: E402
from composer.model.walk import block_inlines, document_notes, iter_blocks, plain_text  # noqa: E402
from composer.ooxml.zipwriter import normalise_zip  # noqa: E402
from composer.render.docx import render_docx  # noqa: E402
from tests.docx_samples import sample_document  # noqa: E402

RUNS = 5
SIZES = ((5, 7), (23, 10), (92, 10))  # (objectives, footnotes per objective)


def median_seconds(action: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def plain_python_docx(document: Document) -> bytes:
    """Baseline: every paragraph's visible text as Body Text, saved by python-docx as is."""
    word = docx.Document()
    for block in iter_blocks(document.blocks):
        for inlines in block_inlines(block):
            word.add_paragraph(plain_text(inlines))
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def without_charts(document: Document) -> Document:
    return Document(document.meta, [b for b in document.blocks if not isinstance(b, BarChart)])


def main() -> int:
    print(f"{'document':<34}{'render_docx':>12}{'baseline':>10}{'ratio':>8}{'zip only':>10}{'no chart':>10}")
    for objectives, notes in SIZES:
        model = sample_document(objectives=objectives, notes_per_objective=notes)
        paragraphs = sum(len(block_inlines(b)) for b in iter_blocks(model.blocks))
        label = f"{paragraphs} paras, {len(document_notes(model))} notes"
        ours = median_seconds(lambda m=model: render_docx(m))
        base = median_seconds(lambda m=model: plain_python_docx(m))
        data = render_docx(model)
        zip_only = median_seconds(lambda d=data: normalise_zip(d))
        lean = without_charts(model)
        no_chart = median_seconds(lambda m=lean: render_docx(m))
        print(f"{label:<34}{ours:>11.3f}s{base:>9.3f}s{ours / base:>7.1f}x{zip_only:>9.3f}s{no_chart:>9.3f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
