"""The web's requests turned into the pipeline's calls: select, assemble, render, compare.

These are the same functions ``compose brief``, ``compose draft`` and ``compose diff`` call;
the request models only say which options a page or an API client may send, and refuse
anything else (unknown fields, a template that is not one of the library's).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from composer.assemble.brief import assemble_brief
from composer.assemble.common import ComposeOptions
from composer.assemble.draft import assemble_draft, manifest_from_selection
from composer.compare.changes import Redline
from composer.compare.engine import compare_documents
from composer.errors import UsageError
from composer.library import Library
from composer.model.document import Document
from composer.read import read_document_bytes
from composer.read.source import SourceDocument
from composer.render import render
from composer.render.redline.options import RedlineOptions
from composer.render.redline.write import render_redline
from composer.templating import TEMPLATES_DIR
from composer.web.requests import ComposeRequest


def template_choices(root: Path) -> dict[str, Path]:
    """Reference DOCX files a request may name: those in the library's and the package's templates/."""
    found: dict[str, Path] = {}
    for folder in (Path(root) / "templates", TEMPLATES_DIR):
        if folder.is_dir():
            for path in sorted(folder.glob("*.docx")):
                found.setdefault(path.name, path)
    return found


def resolve_template(root: Path, name: str | None) -> Path | None:
    """The template named by a request, refused unless it is one of :func:`template_choices`."""
    if not name:
        return None
    choices = template_choices(root)
    if name not in choices:
        raise UsageError(f"unknown template {name!r}: choose one of {', '.join(choices) or '(none installed)'}")
    return choices[name]


def compose_options(request: ComposeRequest) -> ComposeOptions:
    return ComposeOptions(date=request.date, version=request.version, delegation=request.delegation,
                          title=request.title, annexes=request.annexes, provenance=request.provenance)


def output_stem(kind: str, request: ComposeRequest) -> str:
    """The command line's file name for the same options (``brief-cluster-1-front-only-for-kenya``)."""
    from composer.assemble.names import option_words
    from composer.assemble.names import output_stem as stem

    return stem(kind, request.clause_filter(), option_words(kind, compose_options(request)))


def assemble(library: Library, kind: Literal["brief", "draft"], request: ComposeRequest) -> Document:
    """The brief or the draft for ``request``, exactly as ``compose brief``/``compose draft`` make it."""
    if request.is_empty():
        raise UsageError("choose a cluster, objectives or clauses first")
    options = compose_options(request)
    flt = request.clause_filter()
    if kind == "brief":
        return assemble_brief(library, flt, options)
    return assemble_draft(library, manifest_from_selection(library, flt, options), options)


def render_document(document: Document, fmt: str, template: Path | None) -> bytes:
    if template is not None and fmt == "docx":
        from composer.render.docx import check_template

        check_template(template)
    return render(document, fmt, template=template)


def read_upload(data: bytes, name: str) -> SourceDocument:
    """An uploaded draft through the command line's readers and guards, from memory."""
    return read_document_bytes(data, name)


def compare_uploads(old: tuple[bytes, str], new: tuple[bytes, str]) -> tuple[Redline, SourceDocument, SourceDocument]:
    old_doc = read_upload(*old)
    new_doc = read_upload(*new)
    return compare_documents(old_doc, new_doc), old_doc, new_doc


def redline_options(redline: Redline) -> RedlineOptions:
    return RedlineOptions(date=redline.date)


def render_redline_file(redline: Redline, old: SourceDocument, new: SourceDocument, fmt: str) -> bytes:
    data = render_redline(redline, old, new, fmt, redline_options(redline))
    return data.encode("utf-8") if isinstance(data, str) else data
