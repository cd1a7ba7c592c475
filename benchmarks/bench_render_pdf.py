"""How long render_pdf takes for a ~40-page document, and how much of it is WeasyPrint.

Baseline (same script, same machine): one plain WeasyPrint layout + write of the same print
HTML, which is what a renderer without contents numbering or footnote check would cost. The
ratio shows what the two-pass contents numbering and the read-back check add.

Run: .venv/bin/python benchmarks/bench_render_pdf.py [sections] [repeats]
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from pathlib import Path

from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from composer.model.walk import document_notes
from composer.render import pdf as pdf_module
from composer.render.html import render_html
from tests.html_pdf_samples import sample_document


class Stopwatch:
    """Accumulates time spent in wrapped functions."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def wrap(self, name: str, func):  # type: ignore[no-untyped-def]
        def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
            start = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start

        return timed


def main() -> None:
    sections = int(sys.argv[1]) if len(sys.argv) > 1 else 18
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    document = sample_document(sections)
    html = render_html(document, for_print=True)

    baseline = []
    for _ in range(repeats):
        start = time.perf_counter()
        pdf_module.write_pdf(pdf_module.html_to_document(html), document.meta.date)
        baseline.append(time.perf_counter() - start)

    totals, layout, writing, check = [], [], [], []
    pages = 0
    for _ in range(repeats):
        watch = Stopwatch()
        originals = (pdf_module.html_to_document, pdf_module.write_pdf, pdf_module.pdf_text)
        pdf_module.html_to_document = watch.wrap("layout", originals[0])
        pdf_module.write_pdf = watch.wrap("write", originals[1])
        pdf_module.pdf_text = watch.wrap("check", originals[2])
        try:
            start = time.perf_counter()
            pdf = pdf_module.render_pdf(document)
            totals.append(time.perf_counter() - start)
        finally:
            pdf_module.html_to_document, pdf_module.write_pdf, pdf_module.pdf_text = originals
        layout.append(watch.seconds.get("layout", 0.0))
        writing.append(watch.seconds.get("write", 0.0))
        check.append(watch.seconds.get("check", 0.0))
        pages = len(PdfReader(io.BytesIO(pdf)).pages)

    med = statistics.median
    total = med(totals)
    weasy = med(layout) + med(writing)
    print(f"document: {sections} sections, {pages} pages, {len(document_notes(document))} footnotes")
    print(f"render_pdf median of {repeats}: {total:.2f} s")
    print(f"  inside WeasyPrint: {weasy:.2f} s ({100 * weasy / total:.0f}%) = layout {med(layout):.2f} s "
          f"(all passes) + PDF writing {med(writing):.2f} s")
    print(f"  footnote read-back (pdftotext, else pypdf): {med(check):.2f} s ({100 * med(check) / total:.0f}%)")
    print(f"baseline, one plain WeasyPrint pass: {med(baseline):.2f} s; ratio render_pdf/baseline "
          f"{total / med(baseline):.2f}")


if __name__ == "__main__":
    main()
