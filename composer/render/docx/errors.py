"""The DOCX renderer's user-facing errors (both are :class:`ComposerError`, caught once in the CLI)."""

from __future__ import annotations

from composer.errors import ComposerError


class TemplateError(ComposerError):
    """A ``--template`` file that cannot serve as a reference document (not a DOCX, corrupt, ...)."""


class DocxRenderError(ComposerError):
    """A document model that cannot be written as DOCX (a malformed date, a chart with mismatched data)."""
