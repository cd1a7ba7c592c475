"""Readers: any draft (DOCX, text, Markdown, JSON model, draft manifest) -> the document model.

``read_document(path)`` picks the reader from the file's suffix and content, so that any two
drafts can be compared. DOCX files from outside are opened defensively (see ``safezip`` and
``safexml``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from composer.errors import InputDocumentError
from composer.model.jsonio import document_from_json
from composer.read.docx_reader import read_docx
from composer.read.source import BlockSource, SourceDocument
from composer.read.text_reader import decode_text, read_markdown, read_text

MAX_INPUT_BYTES = 200 * 1024 * 1024
DOCX_SUFFIXES = {".docx", ".docm", ".dotx", ".dotm"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
MANIFEST_SUFFIXES = {".yaml", ".yml"}


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a one-line error for missing, unreadable or oversized files."""
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputDocumentError(f"{path.name}: file too large ({size} bytes)")
        return path.read_bytes()
    except FileNotFoundError:
        raise InputDocumentError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputDocumentError(f"{path}: is a folder, not a document") from None
    except OSError as exc:
        raise InputDocumentError(f"{path}: cannot read: {exc.strerror or exc}") from None


ManifestReader = Callable[[Path], SourceDocument]


def read_document(path: Path, accept_existing: bool = False,
                  read_manifest: ManifestReader | None = None) -> SourceDocument:
    """Read ``path`` into a :class:`SourceDocument`, choosing the reader by suffix and content.

    A draft manifest (YAML) is not a document but a selection from a library, assembled by a
    stage above the readers: the caller passes ``read_manifest`` for it (the CLI's
    ``read_draft`` does), and without one a manifest is refused with one line.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in MANIFEST_SUFFIXES:
        if read_manifest is None:
            raise InputDocumentError(f"{path.name}: a draft manifest is assembled from a library, not read as a document")
        return read_manifest(path)
    return read_document_bytes(read_bytes(path), path.name, accept_existing=accept_existing)


def read_document_bytes(data: bytes, name: str, accept_existing: bool = False) -> SourceDocument:
    """Read a document held in memory (an upload), named ``name`` in messages.

    The same choice of reader and the same guards as :func:`read_document`, without a file:
    ``compose serve`` keeps nothing of an upload on disk. Draft manifests (YAML) are not read
    here: the CLI's ``read_draft`` assembles them against a library on disk.
    """
    suffix = Path(name).suffix.lower()
    if len(data) > MAX_INPUT_BYTES:
        raise InputDocumentError(f"{name}: file too large ({len(data)} bytes)")
    if suffix in DOCX_SUFFIXES or data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        return read_docx(data, name, accept_existing=accept_existing)
    if not data.strip():
        raise InputDocumentError(f"{name}: empty file")
    if suffix == ".json":
        document = document_from_json(decode_text(data, name))
        return SourceDocument(document=document, kind="json", name=name)
    if suffix in MARKDOWN_SUFFIXES:
        return read_markdown(data, name)
    return read_text(data, name)


__all__ = ["BlockSource", "SourceDocument", "read_document", "read_document_bytes", "read_docx", "read_markdown", "read_text"]
