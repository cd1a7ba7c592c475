"""PDF redline: the HTML redline laid out by WeasyPrint, through the composer's PDF writer.

The page is our PDFs' page (print.css): running header, "Page X of Y", footnotes at the foot
of the page. As the document writer does, the PDF is read back and every footnote looked for;
if WeasyPrint lost one, the redline is laid out again with the notes listed after the text,
and if one is still missing it is refused rather than shipped without it.

Layout and the reproducible write (no random file id, font stamps pinned to the redline's
date) are shared with :mod:`composer.render.pdf`.
"""

from __future__ import annotations

import logging

from composer.compare.changes import Redline
from composer.render.redline.html import render_redline_html, shown_notes
from composer.render.redline.options import RedlineOptions

LOG = logging.getLogger(__name__)


def render_redline_pdf(redline: Redline, options: RedlineOptions | None = None) -> bytes:
    """PDF bytes; dates come from ``options.date`` so reruns are byte-identical."""
    from composer.render.html_inline import NoteView
    from composer.render.pdf import PdfFootnoteError, html_to_document, write_pdf
    from composer.render.pdf_check import missing_footnotes, pdf_text

    options = options or RedlineOptions(date=redline.date)
    notes = [NoteView(number, "", text) for number, text in shown_notes(redline, options)]
    missing: list[int] = []
    for foot_notes in (True, False):
        html = render_redline_html(redline, options, paged=True, foot_notes=foot_notes)
        pdf = write_pdf(html_to_document(html), options.date)
        missing = missing_footnotes(pdf_text(pdf), notes) if notes else []
        if not missing:
            return pdf
        LOG.warning("redline footnotes %s missing from the PDF layout; retrying", ", ".join(map(str, missing)))
    raise PdfFootnoteError(missing, f"Redline: {redline.old_name} → {redline.new_name}")
