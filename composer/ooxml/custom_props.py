"""The custom-property part (``docProps/custom.xml``) and the bookmark table it carries.

Our DOCX writer records, for every bookmark whose name is a hash, the full block id it stands
for (one ``lpwstr`` property named like the bookmark, see :mod:`composer.ooxml.bookmarks`). A
template's own custom properties are kept; ours are the ones named with the bookmark prefix.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence

from lxml import etree

from composer.ooxml.bookmarks import PREFIX as BOOKMARK_PROPERTY_PREFIX
from composer.ooxml.ns import CUSTOM_NS, VT_NS

PART_NAME = "docProps/custom.xml"
#: The format id Word gives user-defined properties.
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
_PROPERTY = f"{{{CUSTOM_NS}}}property"
#: Property ids 0 and 1 are reserved by the format; user properties start at 2.
FIRST_PID = 2


def properties(root: etree._Element) -> list[etree._Element]:
    """The ``property`` elements of a parsed custom-properties part."""
    return root.findall(_PROPERTY)


def is_bookmark_property(prop: etree._Element) -> bool:
    return prop.get("name", "").startswith(BOOKMARK_PROPERTY_PREFIX)


def bookmark_table_from_xml(root: etree._Element) -> dict[str, str]:
    """Bookmark name -> block id, from a parsed ``docProps/custom.xml`` (readers parse it safely)."""
    table: dict[str, str] = {}
    for prop in properties(root):
        name = prop.get("name", "")
        value = prop.find(f"{{{VT_NS}}}lpwstr")
        if name.startswith(BOOKMARK_PROPERTY_PREFIX) and value is not None and value.text:
            table[name] = value.text
    return table


def custom_properties_xml(kept: Sequence[etree._Element], table: Mapping[str, str]) -> bytes:
    """A custom-properties part: the ``kept`` properties, then one per bookmark in ``table`` (sorted).

    Property ids are renumbered from :data:`FIRST_PID` in that order.
    """
    root = etree.Element(f"{{{CUSTOM_NS}}}Properties", nsmap={None: CUSTOM_NS, "vt": VT_NS})
    for prop in kept:
        root.append(copy.deepcopy(prop))
    for name, block_id in sorted(table.items()):
        prop = etree.SubElement(root, _PROPERTY)
        prop.set("fmtid", FMTID)
        prop.set("pid", "0")
        prop.set("name", name)
        etree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = block_id
    for index, prop in enumerate(root):
        prop.set("pid", str(FIRST_PID + index))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
