"""Redline renderers: a :class:`~composer.compare.changes.Redline` -> DOCX, HTML, PDF, Markdown, JSON."""

from composer.render.redline.options import DEFAULT_COLORS, RedlineOptions

__all__ = ["DEFAULT_COLORS", "RedlineOptions"]
