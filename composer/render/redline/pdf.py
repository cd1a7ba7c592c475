"""PDF redline: the HTML redline laid out by WeasyPrint, through the composer's PDF writer.

Layout and the reproducible write (no random file id, font stamps pinned to the redline's
date) are shared with :mod:`composer.render.pdf`; only the page differs.
"""

from __future__ import annotations

from composer.compare.changes import Redline
from composer.render.redline.html import render_redline_html
from composer.render.redline.options import RedlineOptions


def render_redline_pdf(redline: Redline, options: RedlineOptions | None = None) -> bytes:
    """PDF bytes; dates come from ``options.date`` so reruns are byte-identical."""
    from composer.render.pdf import html_to_document, write_pdf

    options = options or RedlineOptions(date=redline.date)
    return write_pdf(html_to_document(render_redline_html(redline, options, paged=True)), options.date)
