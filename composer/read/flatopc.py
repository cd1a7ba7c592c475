"""Flat OPC: a whole Word package in one XML file (Word's "Word XML Document", ``.xml``).

Without this, such a file would be compared as thousands of lines of raw XML. It is read by
turning it back into the zip package it describes (each ``pkg:part`` with its XML or base64
data and content type) and handing that to the DOCX reader, so the same guards apply. Word
2003 XML (``w:wordDocument``) is a different, older format and is refused with a message.
"""

from __future__ import annotations

import base64
import binascii
import re
from xml.sax.saxutils import quoteattr

from composer.errors import InputDocumentError

PKG_NS = "http://schemas.microsoft.com/office/2006/xmlPackage"
WORD2003_NS = "http://schemas.microsoft.com/office/word/2003/wordml"
_PART_NAME = re.compile(r"^/[A-Za-z0-9._\-\[\]/]+$")
MAX_PARTS = 2_000


def looks_like_xml(data: bytes) -> bool:
    """True for a file that starts as XML (after an optional BOM and white space)."""
    head = data[:512].lstrip(b"\xef\xbb\xbf").lstrip()
    return head.startswith(b"<?xml") or head.startswith(b"<pkg:package") or head.startswith(b"<w:wordDocument")


def read_flat_opc(data: bytes, name: str) -> bytes:
    """The zip package a Flat OPC file describes, or a one-line InputDocumentError."""
    # lxml is imported here, not at module level: looks_like_xml runs for every text draft.
    from lxml import etree

    from composer.ooxml.safexml import parse_xml
    from composer.ooxml.zipwriter import write_package

    root = parse_xml(data, name)
    namespace = etree.QName(root).namespace
    if namespace == WORD2003_NS:
        raise InputDocumentError(f"{name}: Word 2003 XML, an old format; save it as a Word Document (.docx)")
    if namespace != PKG_NS or etree.QName(root).localname != "package":
        raise InputDocumentError(f"{name}: an XML file, but not a Word document (neither .docx nor Flat OPC XML)")
    parts: dict[str, bytes] = {}
    types: dict[str, str] = {}
    for part in root.iter(f"{{{PKG_NS}}}part"):
        part_name = part.get(f"{{{PKG_NS}}}name", "")
        if not _PART_NAME.match(part_name) or ".." in part_name.split("/"):
            raise InputDocumentError(f"{name}: Flat OPC part name {part_name[:80]!r} is not a valid part name")
        key = part_name.lstrip("/")
        if key.lower() in {k.lower() for k in parts}:
            raise InputDocumentError(f"{name}: Flat OPC part {part_name} is given twice")
        xml_data = part.find(f"{{{PKG_NS}}}xmlData")
        binary = part.find(f"{{{PKG_NS}}}binaryData")
        if xml_data is not None and len(xml_data):
            parts[key] = etree.tostring(xml_data[0], xml_declaration=True, encoding="UTF-8", standalone=True)
        elif binary is not None:
            try:
                parts[key] = base64.b64decode("".join((binary.text or "").split()), validate=True)
            except (binascii.Error, ValueError):
                raise InputDocumentError(f"{name}: Flat OPC part {part_name} has corrupt base64 data") from None
        else:
            raise InputDocumentError(f"{name}: Flat OPC part {part_name} has no data")
        types[part_name] = part.get(f"{{{PKG_NS}}}contentType", "application/octet-stream")
        if len(parts) > MAX_PARTS:
            raise InputDocumentError(f"{name}: too many parts in the Flat OPC file; refused")
    if not parts:
        raise InputDocumentError(f"{name}: an empty Flat OPC package")
    overrides = "".join(
        f"<Override PartName={quoteattr(part_name)} ContentType={quoteattr(ctype)}/>" for part_name, ctype in types.items()
        if not part_name.endswith(".rels")
    )
    parts["[Content_Types].xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f"{overrides}</Types>"
    ).encode()
    return write_package(parts)
