"""Readers: any draft (DOCX, text, Markdown, JSON model, draft manifest) -> the document model.

``read_document(path)`` picks the reader from the file's suffix and content, so that any two
drafts can be compared. DOCX files from outside are opened defensively (see ``safezip`` and
``safexml``).
"""

from __future__ import annotations

from pathlib import Path

from composer.errors import InputDocumentError
from composer.model.jsonio import document_from_json
from composer.read.docx_reader import read_docx
from composer.read.manifest_reader import read_manifest
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


def read_document(path: Path, accept_existing: bool = False) -> SourceDocument:
    """Read ``path`` into a :class:`SourceDocument`, choosing the reader by suffix and content."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in MANIFEST_SUFFIXES:
        return read_manifest(path)
    data = read_bytes(path)
    if suffix in DOCX_SUFFIXES or data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        return read_docx(data, path.name, accept_existing=accept_existing)
    if not data.strip():
        raise InputDocumentError(f"{path.name}: empty file")
    if suffix == ".json":
        document = document_from_json(decode_text(data, path.name))
        return SourceDocument(document=document, kind="json", name=path.name)
    if suffix in MARKDOWN_SUFFIXES:
        return read_markdown(data, path.name)
    return read_text(data, path.name)


__all__ = ["BlockSource", "SourceDocument", "read_document", "read_docx", "read_markdown", "read_text"]
