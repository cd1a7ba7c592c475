"""What a page or an API client may ask for: the request models, checked before any work starts.

Kept free of the pipeline's imports, so the server starts (and ``/healthz`` answers) before the
library, the renderers and the comparison engine have been imported.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from composer.errors import InputDocumentError
from composer.web.errors import UnsupportedUploadError

if TYPE_CHECKING:
    from composer.library.query import ClauseFilter

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
        from composer.library.query import ClauseFilter

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
    annexes: Literal["none", "compendium", "all"] = Field(
        default="all", description="Brief only: none (front part only), compendium (and the sources), all")
    provenance: bool = Field(default=True, description="False leaves the provenance notes out")
    format: DocumentFormat = "docx"


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
