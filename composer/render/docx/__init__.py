"""The DOCX renderer: the document model as a Word file with real footnotes, styled by a reference template.

Public API (others call exactly this):

* :func:`render_docx` ``(document, template=None) -> bytes``
* :func:`check_template` ``(path) -> None``, raising :class:`TemplateError` (a ComposerError)

Layout of the package, one job per module: ``template`` (reference documents), ``styles`` (+
``styles.yaml``: our look and the fallback for missing styles), ``blocks`` and ``inlines`` (the
body), ``footnotes`` (the footnotes part), ``oxml`` (python-docx-specific raw OOXML), ``headers``,
``chart``, ``properties``, ``build_reference`` (builds templates/reference.docx). Everything
format-level (namespaces, bookmark names, the notes parts' separators, custom properties, child
order, the deterministic zip writer) is :mod:`composer.ooxml`, shared with the readers.
"""

from __future__ import annotations

from composer.render.docx.errors import DocxRenderError, TemplateError
from composer.render.docx.render import render_docx
from composer.render.docx.template import check_template

__all__ = ["DocxRenderError", "TemplateError", "check_template", "render_docx"]
