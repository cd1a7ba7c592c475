"""Document properties: core (title, dates, ...), extended (app.xml) and custom (bookmark ids).

The custom-property format itself is :mod:`composer.ooxml.custom_props`.

Every date is derived from ``Meta.date`` (midnight UTC of that day, 2000-01-01 when
unset) and app.xml is replaced by a fixed one, so the same document gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from docx.document import Document as WordDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from composer.errors import InputDocumentError
from composer.model.document import Meta
from composer.ooxml import custom_props
from composer.ooxml.ns import NS, qn
from composer.ooxml.safexml import parse_xml
from composer.render.docx.errors import DocxRenderError

DEFAULT_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
APPLICATION = "compact-composer"
_APP_FIELDS = (
    ("Application", APPLICATION), ("DocSecurity", "0"), ("ScaleCrop", "false"), ("LinksUpToDate", "false"),
    ("SharedDoc", "false"), ("HyperlinksChanged", "false"),
)  # fmt: skip


def app_xml() -> bytes:
    """A fixed extended-properties part: no page or word counts, edit time or app version to vary."""
    root = etree.Element(qn("ep:Properties"), nsmap={None: NS["ep"], "vt": NS["vt"]})
    for tag, value in _APP_FIELDS:
        etree.SubElement(root, qn(f"ep:{tag}")).text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


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
    blob = app_xml()
    if existing is not None:
        existing.target_part._blob = blob  # generic Part: python-docx keeps the blob as is
        return
    part = Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, blob, package)
    package.relate_to(part, RT.EXTENDED_PROPERTIES)


def set_bookmark_table(document: WordDocument, table: Mapping[str, str]) -> None:
    """Write ``table`` (bookmark name -> full block id) as custom properties, replacing old ones.

    A template's own custom properties are kept (:mod:`composer.ooxml.custom_props`).
    """
    package = document.part.package
    existing = next((rel for rel in package.rels.values() if rel.reltype == RT.CUSTOM_PROPERTIES), None)
    kept: list[etree._Element] = []
    if existing is not None:
        kept = [prop for prop in _custom_properties(existing.target_part.blob) if not custom_props.is_bookmark_property(prop)]
    if not table and not kept:
        if existing is not None:
            package.rels.pop(existing.rId)
        return
    blob = custom_props.custom_properties_xml(kept, table)
    if existing is not None:
        existing.target_part._blob = blob
        return
    part = Part(PackURI("/" + custom_props.PART_NAME), CT.OFC_CUSTOM_PROPERTIES, blob, package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


def _custom_properties(blob: bytes) -> list[etree._Element]:
    """The ``property`` elements of a template's custom-properties part (none if it is unreadable)."""
    try:
        return custom_props.properties(parse_xml(blob, custom_props.PART_NAME))
    except InputDocumentError:
        return []


def read_bookmark_table(document: WordDocument) -> dict[str, str]:
    """The bookmark name -> block id table a DOCX of ours carries (empty for other documents)."""
    package = document.part.package
    rel = next((r for r in package.rels.values() if r.reltype == RT.CUSTOM_PROPERTIES), None)
    if rel is None:
        return {}
    try:
        root = parse_xml(rel.target_part.blob, custom_props.PART_NAME)
    except InputDocumentError:
        return {}
    return custom_props.bookmark_table_from_xml(root)
