"""The PDF writer: the print face of the HTML page, laid out by WeasyPrint.

After laying out, the writer reads its own PDF back and checks that every footnote is there
(see :mod:`composer.render.pdf_check`). If one is missing it lays the document out again with
the notes as endnotes after each top-level section; if one is still missing it refuses with
:class:`PdfFootnoteError` rather than ship a PDF that lost a source citation.

Determinism: nothing time- or path-dependent goes in. The creation and modification dates come
from ``Meta.date`` (through ``<meta name=dcterms.*>``), so does the font subsets' timestamp
(``SOURCE_DATE_EPOCH``), the PDF gets no random file identifier, and WeasyPrint fetches nothing
(the page is standalone; any URL is refused).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from composer.errors import ComposerError
from composer.model.document import Document, TableOfContents
from composer.model.walk import iter_blocks
from composer.render.html import HtmlPage, build_page, w3c_date
from composer.render.html_inline import NoteMode
from composer.render.html_view import TocPages
from composer.render.pdf_check import missing_footnotes, pdf_text
from composer.render.pdf_front import front_html, splice_front

if TYPE_CHECKING:
    from weasyprint.document import Document as WeasyDocument
    from weasyprint.text.fonts import FontConfiguration

LOG = logging.getLogger(__name__)

#: How notes are placed, in the order tried.
LAYOUTS = (NoteMode.FOOTNOTES, NoteMode.SECTION_ENDNOTES)
#: Layout passes for the contents' page numbers after the first (placeholder) one.
MAX_TOC_PASSES = 3


class PdfFootnoteError(ComposerError):
    """A footnote is missing from the PDF even with the endnote fallback layout."""

    def __init__(self, missing: list[int], title: str):
        self.missing = missing
        shown = ", ".join(str(n) for n in missing[:20]) + (" ..." if len(missing) > 20 else "")
        label = "footnote" if len(missing) == 1 else "footnotes"
        super().__init__(
            f"PDF of {title!r} lost {label} {shown} in layout (also with endnotes); not writing it"
        )


class PdfLayoutError(ComposerError):
    """WeasyPrint could not lay out the page (a broken house stylesheet, an unusable font)."""


def render_pdf(document: Document) -> bytes:
    """``document`` as PDF bytes, every footnote checked present; same document, same bytes."""
    return render_pdf_with_pages(document)[0]


def render_pdf_with_pages(document: Document) -> tuple[bytes, dict[str, int]]:
    """The PDF and the page (from 1) each element id landed on: the DOCX writer caches these
    numbers in its contents, so Word shows them without updating fields."""
    missing: list[int] = []
    for mode in LAYOUTS:
        laid_out, page = lay_out(document, mode)
        pdf = write_pdf(laid_out, document.meta.date)
        missing = check_footnotes(pdf, page)
        if not missing:
            return pdf, anchor_pages(laid_out)
        LOG.warning(
            "footnotes %s missing from the %s layout of %r; retrying",
            ", ".join(map(str, missing)),
            mode.value,
            document.meta.title,
        )
    raise PdfFootnoteError(missing, document.meta.title)


def lay_out(document: Document, mode: NoteMode) -> tuple[WeasyDocument, HtmlPage]:
    """Lay the print page out, writing the headings' page numbers into the contents list.

    One full layout with placeholder numbers tells where each heading lands. Then only the
    cover and contents are laid out again, with the numbers written in, and their pages take
    the place of the first layout's (:mod:`composer.render.pdf_front`, which checks that both
    layouts' front pages match). Where they do not, the whole page is laid out again with the
    numbers, until the numbers no longer move the headings (usually at the second pass).
    """
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    toc_pages = TocPages()
    page = build_page(document, mode, for_print=True, toc_pages=toc_pages)
    laid_out = html_to_document(page.html, fonts)
    if not _has_toc(document):
        return laid_out, page
    landed = anchor_pages(laid_out)
    numbered = build_page(document, mode, for_print=True, toc_pages=TocPages(landed))
    front = front_html(numbered.html, len(laid_out.pages))
    if front is not None:
        spliced = splice_front(laid_out, html_to_document(front, fonts))
        if spliced is not None:
            return spliced, numbered
    LOG.info("cover and contents of %r not laid out apart; laying out the whole page again", document.meta.title)
    for _ in range(MAX_TOC_PASSES):
        if toc_pages.pages and all(landed.get(k) == v for k, v in toc_pages.pages.items()):
            break
        toc_pages = TocPages(landed)
        page = build_page(document, mode, for_print=True, toc_pages=toc_pages)
        laid_out = html_to_document(page.html, fonts)
        landed = anchor_pages(laid_out)
    return laid_out, page


def heading_pages(document: Document) -> dict[str, int]:
    """Where each element id lands in the PDF layout (one layout, no PDF written)."""
    laid_out, _ = lay_out(document, LAYOUTS[0])
    return anchor_pages(laid_out)


def anchor_pages(laid_out: WeasyDocument) -> dict[str, int]:
    """Page number (from 1) of every element id in the laid-out document."""
    pages: dict[str, int] = {}
    for number, page in enumerate(laid_out.pages, start=1):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    return pages


def check_footnotes(pdf: bytes, page: HtmlPage) -> list[int]:
    """Numbers of the page's footnotes that the PDF's text does not contain."""
    if not page.notes:
        return []
    return missing_footnotes(pdf_text(pdf), page.notes)


def html_to_document(html: str, fonts: FontConfiguration | None = None) -> WeasyDocument:
    """WeasyPrint's layout of a standalone page; nothing is fetched. Layouts that share
    ``fonts`` can have their pages combined into one PDF."""
    from weasyprint import HTML

    try:
        return HTML(string=html, url_fetcher=_refuse_fetch).render(font_config=fonts)
    except (ValueError, TypeError, OSError, AssertionError) as exc:
        # AssertionError: WeasyPrint 70 asserts on some CSS it accepts (calc() over var()).
        raise PdfLayoutError(f"WeasyPrint could not lay out the PDF: {exc}") from None


def write_pdf(laid_out: WeasyDocument, date: str | None = None) -> bytes:
    """The PDF bytes of a laid-out document, without a (random) file identifier.

    fontTools stamps each embedded font subset with the time it was made unless
    ``SOURCE_DATE_EPOCH`` is set (the reproducible-builds convention); the stamp is fixed here
    to the document's date, so that the same document always gives the same bytes.
    """
    with _source_date_epoch(_epoch_of(date)):
        return laid_out.write_pdf(pdf_identifier=False)


@contextlib.contextmanager
def _source_date_epoch(epoch: int) -> Iterator[None]:
    """Set ``SOURCE_DATE_EPOCH`` for the duration (not thread-safe: the environment is global)."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def _epoch_of(date: str | None) -> int:
    """Midnight UTC of the document's date (``YYYY[-MM[-DD]]``), else 1 January 2000."""
    value = w3c_date(date) or "2000-01-01"
    parts = [int(p) for p in value.split("-")] + [1, 1]
    day = dt.datetime(parts[0], parts[1], parts[2], tzinfo=dt.UTC)
    return int(day.timestamp())


def html_to_pdf(html: str) -> bytes:
    """PDF of a standalone page in one go (no contents numbering, no footnote check)."""
    return write_pdf(html_to_document(html))


def _has_toc(document: Document) -> bool:
    return any(isinstance(block, TableOfContents) for block in iter_blocks(document.blocks))


def _refuse_fetch(url: str, *args: object, **kwargs: object) -> Callable[[], None]:
    """The page is standalone: any URL (a stray ``url()`` in a house stylesheet) is refused."""
    raise ValueError(f"composed pages are standalone; not fetching {url}")
