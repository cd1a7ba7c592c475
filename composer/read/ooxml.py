"""WordprocessingML names shared by the DOCX reader modules."""

from __future__ import annotations

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"

OFFICE_DOCUMENT = "/officeDocument"
FOOTNOTES = "/footnotes"
ENDNOTES = "/endnotes"
STYLES = "/styles"
NUMBERING = "/numbering"


def w(tag: str) -> str:
    """Clark name of a ``w:`` element or attribute."""
    return f"{{{W_NS}}}{tag}"


def is_on(element: object | None) -> bool:
    """Whether a toggle property such as ``w:b`` is on (present, and not ``w:val="0|false|off"``)."""
    if element is None:
        return False
    value = element.get(w("val"))  # type: ignore[attr-defined]
    return value not in ("0", "false", "off", "none")
