"""Render a redline in the requested formats and write them, all or nothing."""

from __future__ import annotations

from pathlib import Path

from composer.atomic import ensure_output_dir, write_all_atomic
from composer.compare.changes import Redline
from composer.errors import UsageError
from composer.model.document import Document
from composer.read.source import SourceDocument
from composer.render.redline.docx import render_redline_docx
from composer.render.redline.html import render_redline_html
from composer.render.redline.json_out import render_redline_json
from composer.render.redline.markdown import render_redline_markdown
from composer.render.redline.options import DEFAULT_COLORS, RedlineOptions
from composer.render.redline.pdf import render_redline_pdf

FORMATS = ("docx", "pdf", "html", "md", "json")


def parse_redline_formats(value: str) -> tuple[str, ...]:
    """``"docx,pdf"`` -> ("docx", "pdf"); unknown names are a usage error."""
    names = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        raise UsageError(f"unknown redline format {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)}")
    return names


def parse_colors(value: str | None) -> dict[str, str]:
    """``ins=#1a7f37,del=red`` over the defaults; unknown keys are a usage error."""
    colors = dict(DEFAULT_COLORS)
    for part in (value or "").split(","):
        if not part.strip():
            continue
        key, _, color = part.partition("=")
        key, color = key.strip(), color.strip()
        if key not in colors or not color or any(c in color for c in ";{}<>\"'"):
            raise UsageError(f"bad colour setting {part.strip()!r}; use ins=COLOR,del=COLOR,move=COLOR")
        colors[key] = color
    return colors


def render_redline(redline: Redline, old: SourceDocument | Document, new: SourceDocument | Document,
                   fmt: str, options: RedlineOptions) -> bytes | str:
    """One format's bytes or text."""
    if fmt == "docx":
        return render_redline_docx(redline, old, new, options)
    if fmt == "pdf":
        return render_redline_pdf(redline, options)
    if fmt == "html":
        return render_redline_html(redline, options)
    if fmt == "md":
        return render_redline_markdown(redline)
    return render_redline_json(redline)


def write_redline(redline: Redline, old: SourceDocument | Document, new: SourceDocument | Document,
                  formats: tuple[str, ...], folder: Path, stem: str, options: RedlineOptions) -> list[Path]:
    """Render every format first, then write each atomically: a failure leaves no partial output."""
    rendered = {fmt: render_redline(redline, old, new, fmt, options) for fmt in formats}
    ensure_output_dir(folder)
    return write_all_atomic({folder / f"{stem}.{fmt}": data for fmt, data in rendered.items()})
