"""The web's requests turned into the pipeline's calls: select, assemble, render, compare.

These are the same functions ``compose brief``, ``compose draft`` and ``compose diff`` call;
the request models only say which options a page or an API client may send, and refuse
anything else (unknown fields, a template that is not one of the library's).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from composer.assemble.brief import assemble_brief
from composer.assemble.common import ComposeOptions
from composer.assemble.draft import assemble_draft, manifest_from_selection
from composer.compare.changes import Redline
from composer.compare.engine import compare_documents
from composer.errors import InputDocumentError, UsageError
from composer.library import Library
from composer.library.query import ClauseFilter
from composer.model.document import Document
from composer.read import read_document_bytes
from composer.read.source import SourceDocument
from composer.render import render
from composer.render.redline.options import RedlineOptions
from composer.render.redline.write import render_redline
from composer.templating import TEMPLATES_DIR

DocumentFormat = Literal["docx", "pdf", "md", "html", "json"]

MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "json": "application/json",
}

#: What a draft to compare may be: a Word file, plain text or Markdown (and our JSON model).
UPLOAD_SUFFIXES = (".docx", ".docm", ".txt", ".text", ".md", ".markdown", ".json")


class Selection(BaseModel):
    """Which clauses: the filters of ``compose clauses list`` and/or explicit clause ids."""

    model_config = ConfigDict(extra="forbid")

    clusters: list[int] = Field(default=[], description="Thematic clusters 1-6")
    objectives: list[int] = Field(default=[], description="GCM objectives 1-23")
    sources: list[str] = Field(default=[], description="Source ids")
    actors: list[str] = Field(default=[], description="Actors (any registered spelling)")
    kinds: list[str] = Field(default=[], description="Clause kinds")
    themes: list[str] = Field(default=[], description="Theme tags")
    ids: list[str] = Field(default=[], description="Clause ids picked one by one")

    def clause_filter(self) -> ClauseFilter:
        return ClauseFilter(
            clusters=tuple(self.clusters),
            objectives=tuple(self.objectives),
            sources=tuple(self.sources),
            actors=tuple(self.actors),
            kinds=tuple(self.kinds),
            themes=tuple(self.themes),
            ids=tuple(self.ids),
        )

    def is_empty(self) -> bool:
        return not any((self.clusters, self.objectives, self.sources, self.actors, self.kinds, self.themes, self.ids))


class ComposeRequest(Selection):
    """``POST /api/brief`` and ``POST /api/draft``: the command line's options as JSON."""

    delegation: str | None = Field(default=None, max_length=200, description="Delegation named on the cover")
    title: str | None = Field(default=None, max_length=200, description="Title on the cover")
    date: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="Document date YYYY-MM-DD")
    version: str = Field(default="1", max_length=20, description="Version on the cover and header")
    template: str | None = Field(default=None, max_length=200,
                                 description="Name of a reference DOCX in the library's templates/ folder")
    format: DocumentFormat = "docx"


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
                          title=request.title)


def output_stem(kind: str, request: ComposeRequest) -> str:
    """A file name that says what is in the file: ``brief-cluster-1``, ``draft-objective-5``."""
    parts = [*(f"cluster-{n}" for n in request.clusters), *(f"objective-{n}" for n in request.objectives)]
    if request.ids and not parts:
        parts.append(f"{len(request.ids)}-clauses")
    if request.delegation:
        parts.append(re.sub(r"[^a-z0-9]+", "-", request.delegation.lower()).strip("-"))
    return "-".join([kind, *[p for p in parts if p]])


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


def upload_name(filename: str | None, field: str) -> str:
    """The uploaded file's own name, without any folder, for messages and the redline's title."""
    name = Path((filename or "").replace("\\", "/")).name
    name = "".join(ch for ch in name if ch.isprintable())[:120]
    if not name:
        raise InputDocumentError(f"{field}: no file chosen")
    if Path(name).suffix.lower() not in UPLOAD_SUFFIXES:
        raise UnsupportedUploadError(
            f"{name}: not a draft this page can compare; upload a Word (.docx), text (.txt) or Markdown (.md) file"
        )
    return name


class UnsupportedUploadError(InputDocumentError):
    """An upload of a kind no reader takes (HTTP 415)."""


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
