"""Renderers: one document model in, one output format out. No renderer knows the library."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from composer.errors import UsageError
from composer.ooxml.text import clean_tree

if TYPE_CHECKING:  # the model is imported when a document is rendered, not by `compose diff a.docx b.docx`
    from composer.model.document import Document

FORMATS = ("docx", "pdf", "html", "md", "json")


def render(
    document: Document, fmt: str, *, template: Path | None = None, toc_pages: dict[str, int] | None = None
) -> bytes:
    """Render ``document`` as ``fmt``; imports each writer only when asked for.

    ``toc_pages`` (element id -> page, from the PDF layout) gives the DOCX contents its page
    numbers; without it the DOCX writer lays the PDF out to find them. Every string passes the
    one sanitiser first: no control character reaches XML, HTML, Markdown or a PDF.
    """
    document = clean_tree(document)
    renderers: dict[str, Callable[[], bytes]] = {
        "docx": lambda: _docx(document, template, toc_pages),
        "pdf": lambda: _pdf(document),
        "html": lambda: _html(document).encode("utf-8"),
        "md": lambda: _markdown(document).encode("utf-8"),
        "json": lambda: _json(document).encode("utf-8"),
    }
    if fmt not in renderers:
        raise UsageError(f"unknown format {fmt!r}: valid formats are {', '.join(FORMATS)}")
    return renderers[fmt]()


def parse_formats(value: str, allowed: tuple[str, ...] = FORMATS) -> list[str]:
    """``"docx,pdf"`` -> ``["docx", "pdf"]``, refusing unknown names with the valid list."""
    formats = [f.strip().lower() for f in value.split(",") if f.strip()]
    for fmt in formats:
        if fmt not in allowed:
            raise UsageError(f"unknown format {fmt!r}: valid formats are {', '.join(allowed)}")
    if not formats:
        raise UsageError(f"no format given: valid formats are {', '.join(allowed)}")
    return list(dict.fromkeys(formats))


def _docx(document: Document, template: Path | None, toc_pages: dict[str, int] | None) -> bytes:
    from composer.model.document import TableOfContents
    from composer.render.docx import render_docx

    if toc_pages is None and any(isinstance(b, TableOfContents) for b in document.blocks):
        from composer.render.pdf import heading_pages

        toc_pages = heading_pages(document)
    return render_docx(document, template, toc_pages)


def _pdf(document: Document) -> bytes:
    from composer.render.pdf import render_pdf

    return render_pdf(document)


def _html(document: Document) -> str:
    from composer.render.html import render_html

    return render_html(document)


def _markdown(document: Document) -> str:
    from composer.render.markdown import render_markdown

    return render_markdown(document)


def _json(document: Document) -> str:
    from composer.model.jsonio import document_to_json

    return document_to_json(document)
