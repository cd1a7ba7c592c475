"""Document properties: core (title, dates, ...), extended (app.xml) and custom (bookmark ids).

Every date is derived from ``Meta.date`` (midnight UTC of that day, 2000-01-01 when
unset) and app.xml is replaced by a fixed one, so the same document gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from xml.sax.saxutils import escape

from docx.document import Document as WordDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from composer.model.document import Meta
from composer.render.docx.errors import DocxRenderError

DEFAULT_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
APPLICATION = "compact-composer"
BOOKMARK_PROPERTY_PREFIX = "id_"
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
_APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    f'xmlns:vt="{_VT_NS}"><Application>{APPLICATION}</Application><DocSecurity>0</DocSecurity>'
    "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
)


def document_datetime(meta: Meta) -> dt.datetime:
    """The fixed timestamp written as created/modified/printed: midnight UTC of ``meta.date``."""
    if not meta.date:
        return DEFAULT_DATE
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", meta.date.strip())
    if not match:
        raise DocxRenderError(f"document date {meta.date!r} is not YYYY-MM-DD")
    try:
        return dt.datetime(*(int(g) for g in match.groups()), tzinfo=dt.UTC)
    except ValueError:
        raise DocxRenderError(f"document date {meta.date!r} is not a calendar date") from None


CORE_PROPERTY_LIMIT = 255  # python-docx refuses longer core-property strings


def fit_property(text: str, separator: str = " ") -> str:
    """``text`` cut to the core-property limit at a ``separator`` boundary (a long keyword list
    for a draft of all 23 objectives must not stop the render)."""
    if len(text) <= CORE_PROPERTY_LIMIT:
        return text
    cut = text[: CORE_PROPERTY_LIMIT - 1]
    at = cut.rfind(separator)
    return (cut[:at] if at > 0 else cut).rstrip(" ,") + "\u2026"


def set_core_properties(document: WordDocument, meta: Meta) -> None:
    """Title, subject, keywords, author and fixed dates from ``meta``; revision 1."""
    when = document_datetime(meta).replace(tzinfo=None)
    props = document.core_properties
    props.title = fit_property(meta.title)
    props.subject = fit_property(meta.subject or meta.subtitle or "")
    props.keywords = fit_property(", ".join(meta.keywords), separator=", ")
    props.author = fit_property(meta.author)
    props.last_modified_by = fit_property(meta.author)
    props.comments = ""
    props.category = meta.kind
    props.content_status = fit_property(meta.status)
    props.version = fit_property(meta.version or "")
    props.language = meta.language
    props.identifier = ""
    props.created = when
    props.modified = when
    props.last_printed = when
    props.revision = 1


def set_app_properties(document: WordDocument) -> None:
    """Replace docProps/app.xml (page and word counts, edit time, app version) with a fixed one."""
    package = document.part.package
    existing = next((rel for rel in package.rels.values() if rel.reltype == RT.EXTENDED_PROPERTIES), None)
    blob = _APP_XML.encode("utf-8")
    if existing is not None:
        existing.target_part._blob = blob  # generic Part: python-docx keeps the blob as is
        return
    part = Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, blob, package)
    package.relate_to(part, RT.EXTENDED_PROPERTIES)


def set_bookmark_table(document: WordDocument, table: Mapping[str, str]) -> None:
    """Write ``table`` (bookmark name -> full block id) as custom properties, replacing old ones.

    A template's own custom properties are kept; ours are the ones whose name starts with ``id_``.
    """
    package = document.part.package
    existing = next((rel for rel in package.rels.values() if rel.reltype == RT.CUSTOM_PROPERTIES), None)
    kept: list[tuple[str, str]] = []
    if existing is not None:
        kept = [(n, xml) for n, xml in _custom_property_xml(existing.target_part.blob) if not n.startswith("id_")]
    if not table and not kept:
        if existing is not None:
            package.rels.pop(existing.rId)
        return
    entries = [xml for _, xml in kept]
    entries += [
        f'<property fmtid="{_CUSTOM_FMTID}" pid="0" name="{escape(name, {chr(34): "&quot;"})}">'
        f"<vt:lpwstr>{escape(block_id)}</vt:lpwstr></property>"
        for name, block_id in sorted(table.items())
    ]
    numbered = [re.sub(r'pid="\d+"', f'pid="{index + 2}"', xml, count=1) for index, xml in enumerate(entries)]
    blob = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<Properties xmlns="{_CUSTOM_NS}" xmlns:vt="{_VT_NS}">' + "".join(numbered) + "</Properties>"
    ).encode("utf-8")
    if existing is not None:
        existing.target_part._blob = blob
        return
    part = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, blob, package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


def _custom_property_xml(blob: bytes) -> list[tuple[str, str]]:
    """(name, serialised ``property`` element) for each custom property in ``blob``."""
    try:
        root = etree.fromstring(blob, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return []
    return [
        (prop.get("name", ""), etree.tostring(prop, encoding="unicode"))
        for prop in root.findall(f"{{{_CUSTOM_NS}}}property")
    ]


def read_bookmark_table(document: WordDocument) -> dict[str, str]:
    """The bookmark name -> block id table a DOCX of ours carries (empty for other documents)."""
    package = document.part.package
    rel = next((r for r in package.rels.values() if r.reltype == RT.CUSTOM_PROPERTIES), None)
    if rel is None:
        return {}
    try:
        root = etree.fromstring(rel.target_part.blob, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return {}
    return bookmark_table_from_xml(root)


def bookmark_table_from_xml(root: etree._Element) -> dict[str, str]:
    """The bookmark table held in a parsed ``docProps/custom.xml`` (readers parse it safely)."""
    table: dict[str, str] = {}
    for prop in root.findall(f"{{{_CUSTOM_NS}}}property"):
        name = prop.get("name", "")
        value = prop.find(f"{{{_VT_NS}}}lpwstr")
        if name.startswith(BOOKMARK_PROPERTY_PREFIX) and value is not None and value.text:
            table[name] = value.text
    return table
