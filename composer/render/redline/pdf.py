"""PDF redline: the HTML redline laid out by WeasyPrint."""

from __future__ import annotations

import calendar
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

import weasyprint

from composer.compare.changes import Redline
from composer.render.redline.html import TEMPLATES, render_redline_html
from composer.render.redline.options import RedlineOptions


@contextmanager
def _source_date(date: str | None) -> Iterator[None]:
    """Pin SOURCE_DATE_EPOCH while laying out: fontTools stamps embedded font subsets with it.

    Without it every run embeds the current time in the fonts and no two PDFs are identical.
    """
    epoch = calendar.timegm(time.strptime(date or "2000-01-01", "%Y-%m-%d"))
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def render_redline_pdf(redline: Redline, options: RedlineOptions | None = None) -> bytes:
    """PDF bytes; dates come from ``options.date`` so reruns are byte-identical."""
    options = options or RedlineOptions(date=redline.date)
    html = render_redline_html(redline, options)
    with _source_date(options.date):
        document = weasyprint.HTML(string=html, base_url=str(TEMPLATES)).render()
        return document.write_pdf(identifier=b"compact-composer-redline")
