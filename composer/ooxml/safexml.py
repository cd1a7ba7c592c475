"""Parsing XML from outside without DTDs, entities or network access (no XXE, no billion laughs).

OOXML parts never need a DTD, so any ``<!DOCTYPE`` or ``<!ENTITY`` is refused outright rather
than parsed carefully.
"""

from __future__ import annotations

import re

from lxml import etree

from composer.errors import InputDocumentError

_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(data: bytes, where: str) -> etree._Element:
    """Parse ``data`` and return its root element; ``where`` names the part in messages."""
    head = data[:4096]
    if _DTD.search(head) or (b"<!" in data and _DTD.search(data)):
        raise InputDocumentError(f"{where}: XML with a DTD or entity declarations is refused")
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise InputDocumentError(f"{where}: malformed XML: {exc.msg}") from None
    if root is None:
        raise InputDocumentError(f"{where}: empty XML part")
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise InputDocumentError(f"{where}: XML with a DTD is refused")
    return root
