"""Namespaces, tag names and child orders the in-place redline needs.

Child order matters in WordprocessingML (Word refuses a ``w:rPr`` after ``w:t``); the few places
where this package inserts a child into an existing element use :func:`insert_ordered` with
the schema order declared once here.
"""

from __future__ import annotations

from lxml import etree

from composer.ooxml.ns import CT_NS, M_NS, MC_NS, NS, PKG_REL_NS, R_NS, W_NS, w

XML_SPACE = f"{{{NS['xml']}}}space"
__all__ = ["CT_NS", "MC_NS", "M_NS", "PKG_REL_NS", "R_NS", "W_NS", "w"]


def m(tag: str) -> str:
    """Clark name of an ``m:`` (OMML) element."""
    return f"{{{M_NS}}}{tag}"


P, R, T, TBL, TR, TC, PPR, RPR = (w(n) for n in ("p", "r", "t", "tbl", "tr", "tc", "pPr", "rPr"))
INS, DEL, DEL_TEXT = w("ins"), w("del"), w("delText")
SECT_PR, SDT, SDT_CONTENT, SDT_PR, SDT_END_PR = (w(n) for n in ("sectPr", "sdt", "sdtContent", "sdtPr", "sdtEndPr"))
TXBX = w("txbxContent")

#: Elements inside a paragraph that hold runs and give them meaning (part of an atom's identity).
WRAPPERS = {w(n) for n in ("hyperlink", "sdt", "fldSimple", "smartTag", "customXml", "dir", "bdo")}
#: Tracked-change containers at run level (an atom inside one carries an existing revision).
RUN_REVISIONS = {w("ins"), w("del"), w("moveFrom"), w("moveTo")}
#: Zero-width markers kept from NEW and copied from OLD only where they sit in deleted content.
RANGE_MARKERS = {w(n) for n in ("bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd")}
#: Set on OLD's comment range markers copied into deleted content until their comment is known
#: to be carried over (then the marker takes its new id) or not (then it goes); never written.
OLD_COMMENT_ID = "{urn:compact-composer:redline}old-comment-id"
#: Markers that carry no content and are dropped from the redline (proofing, move ranges, permissions).
DROPPED_MARKERS = {w(n) for n in ("proofErr", "permStart", "permEnd", "moveFromRangeStart", "moveFromRangeEnd",
                                  "moveToRangeStart", "moveToRangeEnd", "customXmlInsRangeStart",
                                  "customXmlInsRangeEnd", "customXmlDelRangeStart", "customXmlDelRangeEnd")}

PPR_ORDER = [w(n) for n in (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
    "sectPr", "pPrChange")]
TRPR_ORDER = [w(n) for n in (
    "cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit", "trHeight",
    "tblHeader", "tblCellSpacing", "jc", "hidden", "ins", "del", "trPrChange")]


def insert_ordered(parent: etree._Element, child: etree._Element, order: list[str]) -> etree._Element:
    """Insert ``child`` into ``parent`` before the first existing child that must follow it."""
    rank = order.index(child.tag) if child.tag in order else len(order)
    for index, existing in enumerate(parent):
        if existing.tag in order and order.index(existing.tag) > rank:
            parent.insert(index, child)
            return child
    parent.append(child)
    return child


def local(tag: object) -> str:
    """Local name of an element tag (comments and processing instructions give '')."""
    return etree.QName(tag).localname if isinstance(tag, str) else ""
