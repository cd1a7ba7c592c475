"""Render a redline in the requested formats and write them, all or nothing."""

from __future__ import annotations

from pathlib import Path

from composer.atomic import ensure_output_dir, write_all_atomic
from composer.compare.changes import Redline
from composer.model.document import Document
from composer.read.source import SourceDocument
from composer.render.redline.options import FORMATS, RedlineOptions, parse_colors, parse_redline_formats

__all__ = ["FORMATS", "parse_colors", "parse_redline_formats", "render_redline", "write_redline"]


def render_redline(redline: Redline, old: SourceDocument | Document, new: SourceDocument | Document,
                   fmt: str, options: RedlineOptions) -> bytes | str:
    """One format's bytes or text (each writer is imported when its format is asked for)."""
    if fmt == "docx":
        from composer.render.redline.docx import render_redline_docx

        return render_redline_docx(redline, old, new, options)
    if fmt == "pdf":
        from composer.render.redline.pdf import render_redline_pdf

        return render_redline_pdf(redline, options)
    if fmt == "html":
        from composer.render.redline.html import render_redline_html

        return render_redline_html(redline, options)
    if fmt == "md":
        from composer.render.redline.markdown import render_redline_markdown

        return render_redline_markdown(redline)
    from composer.render.redline.json_out import render_redline_json

    return render_redline_json(redline)


def write_redline(redline: Redline, old: SourceDocument | Document, new: SourceDocument | Document,
                  formats: tuple[str, ...], folder: Path, stem: str, options: RedlineOptions) -> list[Path]:
    """Render every format first, then write each atomically: a failure leaves no partial output."""
    rendered = {fmt: render_redline(redline, old, new, fmt, options) for fmt in formats}
    ensure_output_dir(folder)
    return write_all_atomic({folder / f"{stem}.{fmt}": data for fmt, data in rendered.items()})
