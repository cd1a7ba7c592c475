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
from composer.model.walk import block_inlines, iter_blocks, plain_text
from composer.ooxml.text import clean_tree
from composer.read.flatopc import looks_like_xml, read_flat_opc
from composer.read.limits import MAX_PARAGRAPHS, MAX_WORDS, check_paragraphs, check_words
from composer.read.source import BlockSource, SourceDocument
from composer.read.text_reader import decode_text, read_markdown, read_text
from composer.safefile import read_capped

#: Largest input file: a DOCX with many images can pass 200 MB; what is parsed has its own caps.
MAX_INPUT_BYTES = 512 * 1024 * 1024
DOCX_SUFFIXES = {".docx", ".docm", ".dotx", ".dotm"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
MANIFEST_SUFFIXES = {".yaml", ".yml"}


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a one-line error for missing, unreadable, oversized or special files.

    The cap is on the bytes actually read (``/dev/zero`` says size 0), and only regular files
    are read (a FIFO would block forever, a device never end).
    """
    return read_capped(path, MAX_INPUT_BYTES, str(path))


ManifestReader = Callable[[Path], SourceDocument]


def read_docx(data: bytes, name: str, accept_existing: bool = False) -> SourceDocument:
    """:func:`composer.read.docx_reader.read_docx`, imported when a DOCX is read, so that comparing
    text, Markdown or JSON drafts loads neither lxml nor the DOCX reader."""
    from composer.read.docx_reader import read_docx as read

    return read(data, name, accept_existing=accept_existing)


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
    return check_size(_read_any(data, name, suffix, accept_existing))


def _read_any(data: bytes, name: str, suffix: str, accept_existing: bool) -> SourceDocument:
    refused = _refused_format(data)
    if refused:
        raise InputDocumentError(f"{name}: {refused}")
    if suffix in DOCX_SUFFIXES or data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        return read_docx(data, name, accept_existing=accept_existing)
    if suffix == ".xml" or looks_like_xml(data):
        return read_docx(read_flat_opc(data, name), name, accept_existing=accept_existing)
    if not data.strip():
        raise InputDocumentError(f"{name}: empty file")
    if suffix == ".json":
        document = clean_tree(document_from_json(decode_text(data, name)))  # "\u001b" escapes too
        return SourceDocument(document=document, kind="json", name=name)
    if suffix in MARKDOWN_SUFFIXES:
        return read_markdown(data, name)
    return read_text(data, name)


_OTHER_FORMATS = (
    (b"%PDF-", "a PDF file; compare the drafts' DOCX or text instead"),
    (b"{\\rtf", "an RTF file; save it as a Word Document (.docx)"),
)


def _refused_format(data: bytes) -> str | None:
    """A one-line reason for formats we recognise but do not read (else None)."""
    for magic, reason in _OTHER_FORMATS:
        if data.startswith(magic):
            return reason
    if data.startswith(b"PK\x03\x04") and b"mimetypeapplication/vnd.oasis.opendocument" in data[:200]:
        return "an OpenDocument file (.odt); save it as a Word Document (.docx)"
    return None


def check_size(source: SourceDocument) -> SourceDocument:
    """Refuse a document past :data:`MAX_PARAGRAPHS` or :data:`MAX_WORDS` (any reader, JSON too)."""
    words = paragraphs = 0
    for block in iter_blocks(source.document.blocks):
        paragraphs += 1
        words += sum(len(plain_text(inlines).split()) for inlines in block_inlines(block))
    check_paragraphs(paragraphs, source.name)
    check_words(words, source.name)
    return source


__all__ = [
    "MAX_PARAGRAPHS",
    "MAX_WORDS",
    "BlockSource",
    "SourceDocument",
    "read_document",
    "read_document_bytes",
    "read_docx",
    "read_markdown",
    "read_text",
]
