"""Reference templates: the shipped default, a delegation's house template, and checking one.

Like Pandoc's ``--reference-doc``: the template gives styles, page setup and header/footer
distances; its body is discarded (only the final ``w:sectPr``, the page setup, is kept) and
ours is written in its place.
"""

from __future__ import annotations

import functools
import io
import zipfile
from pathlib import Path

import docx
from docx.document import Document as WordDocument
from docx.oxml.ns import qn

from composer.render.docx.errors import TemplateError

REFERENCE_NAME = "reference.docx"
_REQUIRED_PART = "word/document.xml"


def default_template_path() -> Path:
    """The bundled ``templates/reference.docx`` (built by ``build_reference.py``; see :mod:`composer.paths`)."""
    from composer.paths import reference_docx

    return reference_docx()


@functools.cache
def _default_template_bytes() -> bytes:
    """The shipped reference; rebuilt in memory if the file is absent (e.g. an installed wheel)."""
    path = default_template_path()
    if path.is_file():
        return path.read_bytes()
    from composer.render.docx.build_reference import build_reference

    return build_reference()


def check_template(path: Path | str) -> None:
    """Raise :class:`TemplateError` (one line) unless ``path`` is a DOCX python-docx can open.

    Missing styles are not an error: the renderer adds them.
    """
    _open_template_bytes(_vetted(Path(path)), Path(path))


def template_style_report(path: Path | str) -> list[str]:
    """One line per style of ours that the template at ``path`` lacks (the renderer adds it from
    ``styles.yaml``), so a delegation sees what of its house look is not its own."""
    from composer.render.docx.styles import missing_styles

    document = _open_template_bytes(_vetted(Path(path)), Path(path))
    return [
        f"template {Path(path).name} has no {spec.type} style {spec.name!r}: using ours"
        for spec in missing_styles(document)
    ]


def _vetted(path: Path) -> bytes:
    """A user's template, read through the same guards as any DOCX from outside.

    A house template comes from anywhere: refuse zip bombs, DTDs and entities (XXE) before
    python-docx loads every part into memory.
    """
    from composer.errors import InputDocumentError
    from composer.ooxml.attrs import check_integer_attributes
    from composer.ooxml.safexml import parse_xml
    from composer.ooxml.safezip import open_package

    data = _read(path)
    try:
        package = open_package(data, f"template {path}")
        for member in package.names():
            if member.endswith((".xml", ".rels")):
                root = parse_xml(package.read(member), f"template {path}: {member}")
                check_integer_attributes(root, f"template {path}: {member}")
    except InputDocumentError as exc:
        raise TemplateError(str(exc)) from None
    return data


def open_template(path: Path | str | None) -> WordDocument:
    """A python-docx document from ``path`` (or the default reference) with an empty body."""
    if path is None:
        document = _open_template_bytes(_default_template_bytes(), default_template_path())
    else:
        document = _open_template_bytes(_vetted(Path(path)), Path(path))
    clear_body(document)
    return document


def _read(path: Path) -> bytes:
    """The template's bytes, through the same guarded reader as any input document."""
    from composer.errors import InputDocumentError
    from composer.safefile import read_capped

    try:
        return read_capped(path, display=path.name)
    except InputDocumentError as exc:
        raise TemplateError(f"template {exc}") from None


def _open_template_bytes(data: bytes, path: Path) -> WordDocument:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if _REQUIRED_PART not in names:
                raise TemplateError(f"template {path} is not a Word document (no {_REQUIRED_PART} inside)")
            bad = archive.testzip()
            if bad is not None:
                raise TemplateError(f"template {path} is corrupt (bad CRC in {bad})")
    except zipfile.BadZipFile:
        raise TemplateError(f"template {path} is not a DOCX file (not a zip archive)") from None
    except (zipfile.LargeZipFile, EOFError, OSError, ValueError) as exc:
        raise TemplateError(f"template {path} is corrupt: {exc}") from None
    data = _as_document_package(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except TemplateError:
        raise
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors ... on broken parts
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise TemplateError(f"template {path} is not a valid DOCX: {reason}") from None
    if document.element.body is None:
        raise TemplateError(f"template {path} has no document body")
    return document


_TEMPLATE_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _as_document_package(data: bytes) -> bytes:
    """A Word template (.dotx) re-declared as a document, so python-docx accepts house templates as is."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        content_types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in archive.namelist() else b""
        if _TEMPLATE_MAIN not in content_types:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in archive.infolist():
                payload = archive.read(info.filename)
                if info.filename == "[Content_Types].xml":
                    payload = payload.replace(_TEMPLATE_MAIN, _DOCUMENT_MAIN)
                target.writestr(info, payload)
    return out.getvalue()


def clear_body(document: WordDocument) -> None:
    """Remove the template's content, keeping the final section properties (page setup)."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
