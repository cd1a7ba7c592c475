"""Existing tracked changes in a DOCX: finding them, and accepting them all when asked to.

A document that already holds revisions is ambiguous to compare (which text is "the draft"?),
so the reader refuses it unless the user says ``--accept-existing``; then the reader compares
the text that Word's "Accept all" would give.
"""

from __future__ import annotations

from lxml import etree

from composer.ooxml.ns import W_NS, w

_CONTENT_REMOVED = {w("del"), w("moveFrom")}
_CONTENT_KEPT = {w("ins"), w("moveTo")}
_MARKERS = {w(n) for n in ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd")}
_PROPERTY_CHANGES = {
    w(n)
    for n in ("rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "tblGridChange", "trPrChange",
              "tcPrChange", "tblPrExChange", "numberingChange")
}
REVISION_TAGS = _CONTENT_REMOVED | _CONTENT_KEPT | _PROPERTY_CHANGES | {w("cellIns"), w("cellDel")}


def has_revisions(root: etree._Element) -> bool:
    """Whether the part holds any tracked change (insertions, deletions, moves, format changes)."""
    return any(True for _ in root.iter(*REVISION_TAGS))


def accept_all(root: etree._Element) -> None:
    """Accept every tracked change in place, as Word's "Accept all" would."""
    for paragraph in list(root.iter(w("p"))):
        mark = paragraph.find(f"{w('pPr')}/{w('rPr')}")
        if mark is not None and any(child.tag in _CONTENT_REMOVED for child in mark):
            _merge_into_next(paragraph)
    for element in list(root.iter(*(_CONTENT_REMOVED | _MARKERS | _PROPERTY_CHANGES | {w("cellDel")}))):
        parent = element.getparent()
        if parent is None:
            continue
        if element.tag == w("cellDel"):
            cell = _ancestor(element, w("tc"))
            if cell is not None and cell.getparent() is not None:
                cell.getparent().remove(cell)
            continue
        if parent.tag == w("rPr") and parent.getparent() is not None and parent.getparent().tag == w("pPr"):
            parent.remove(element)  # a deleted paragraph mark that _merge_into_next could not merge
            continue
        parent.remove(element)
    for element in list(root.iter(*(_CONTENT_KEPT | {w("cellIns")}))):
        parent = element.getparent()
        if parent is None:
            continue
        if parent.tag == w("rPr") or element.tag == w("cellIns"):
            parent.remove(element)
            continue
        index = parent.index(element)
        for offset, child in enumerate(list(element)):
            parent.insert(index + offset, child)
        parent.remove(element)


def _merge_into_next(paragraph: etree._Element) -> None:
    """A deleted paragraph mark joins the paragraph's content to the next paragraph."""
    following = paragraph.getnext()
    while following is not None and following.tag != w("p"):
        if following.tag in (w("tbl"), w("sectPr")):
            return
        following = following.getnext()
    if following is None:
        return
    content = [child for child in paragraph if child.tag != w("pPr")]
    target_ppr = following.find(w("pPr"))
    position = 1 if target_ppr is not None else 0
    for offset, child in enumerate(content):
        following.insert(position + offset, child)
    paragraph.getparent().remove(paragraph)


def _ancestor(element: etree._Element, tag: str) -> etree._Element | None:
    node = element.getparent()
    while node is not None and node.tag != tag:
        node = node.getparent()
    return node


__all__ = ["REVISION_TAGS", "W_NS", "accept_all", "has_revisions"]
