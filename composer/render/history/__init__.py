"""Renderers of a series' history: JSON (the lineage model) and the report in every format.

The report is built as a document model (:mod:`.report`) and rendered by the project's own
writers (:func:`composer.render.render`), so HTML, PDF, DOCX and Markdown share one tree.
"""

from __future__ import annotations

from composer.errors import UsageError
from composer.history.model import History

FORMATS = ("json", "html", "pdf", "docx", "md")


def parse_history_formats(value: str) -> tuple[str, ...]:
    """``"json,pdf"`` -> ("json", "pdf"); unknown names are a usage error naming the valid ones."""
    names = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        raise UsageError(f"unknown history format {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)}")
    return names


def render_history(history: History, fmt: str) -> bytes:
    """One format's bytes: ``json`` is the lineage model, the others the report."""
    if fmt == "json":
        from composer.render.history.json_out import history_to_json

        return history_to_json(history).encode("utf-8")
    from composer.render import render
    from composer.render.history.report import history_document

    return render(history_document(history), fmt)
