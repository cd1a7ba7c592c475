"""Every OOXML namespace once, and :func:`qn` to turn ``"w:p"`` into a Clark name.

One table (``NS``) serves readers and writers alike, so a prefix never means two things; the
relationship and content types the project reads or writes sit beside it.
"""

from __future__ import annotations

from functools import cache

NS: dict[str, str] = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "sl": "http://schemas.openxmlformats.org/schemaLibrary/2006/main",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "custom": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    "vt": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
    "xml": "http://www.w3.org/XML/1998/namespace",
}

W_NS = NS["w"]
R_NS = NS["r"]
M_NS = NS["m"]
MC_NS = NS["mc"]
W14_NS = NS["w14"]
PKG_REL_NS = NS["pr"]
CT_NS = NS["ct"]
CUSTOM_NS = NS["custom"]
VT_NS = NS["vt"]

#: Relationship types, as the last path segment every producer agrees on (Strict OOXML and
#: Transitional differ in the prefix, so resolvers match on this suffix).
OFFICE_DOCUMENT = "/officeDocument"
FOOTNOTES = "/footnotes"
ENDNOTES = "/endnotes"
STYLES = "/styles"
NUMBERING = "/numbering"
SETTINGS = "/settings"
CUSTOM_PROPERTIES = "/custom-properties"

REL_TYPE_PREFIX = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FOOTNOTES_REL_TYPE = REL_TYPE_PREFIX + FOOTNOTES
ENDNOTES_REL_TYPE = REL_TYPE_PREFIX + ENDNOTES
FOOTNOTES_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
ENDNOTES_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"


@cache
def qn(name: str) -> str:
    """Clark name of a prefixed name: ``qn("w:p")`` -> ``"{http://...main}p"``; unknown prefixes raise KeyError."""
    prefix, _, local = name.partition(":")
    if not local:
        return name
    return f"{{{NS[prefix]}}}{local}"


def w(local: str) -> str:
    """Clark name of a ``w:`` element or attribute (``w("p")``), the commonest case."""
    return f"{{{W_NS}}}{local}"


def is_on(element: object | None) -> bool:
    """Whether a toggle property such as ``w:b`` is on (present, and not ``w:val="0|false|off"``)."""
    if element is None:
        return False
    value = element.get(w("val"))  # type: ignore[attr-defined]
    return value not in ("0", "false", "off", "none")
