"""Tracked changes already in a draft: accept them, reject them, or keep NEW's run-level ones.

Word's "Accept all" and "Reject all", done on the XML: content in ``w:del``/``w:moveFrom``
goes (accept) or stays (reject), the same for ``w:ins``/``w:moveTo`` the other way round; a
removed paragraph mark joins its paragraph to the next one; tracked rows and cells come and go;
property changes (``w:rPrChange`` ...) are dropped (accept) or restore the old properties
(reject). :func:`accept_structure` accepts everything except run-level insertions and deletions,
so that a redline can keep those earlier revisions, with their authors and dates.
"""

from __future__ import annotations

from lxml import etree

from composer.wml.names import PPR, RPR, SECT_PR, TBL, TC, TR, P, w

_REMOVED = {w("del"), w("moveFrom")}
_KEPT = {w("ins"), w("moveTo")}
_MOVE_MARKERS = {w(n) for n in ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd")}
_CHANGES = {w(n) for n in ("rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "tblGridChange", "trPrChange",
                           "tcPrChange", "tblPrExChange", "numberingChange")}
#: Children of a properties element that its ``*Change`` record does not describe.
_NOT_IN_CHANGE = {w("rPr"), w("sectPr"), w("ins"), w("del"), w("moveFrom"), w("moveTo")}
_TRPR, _TCPR = w("trPr"), w("tcPr")


def accept_all(root: etree._Element) -> None:
    """Word's Accept all, in place."""
    _resolve(root, gone=_REMOVED, stays=_KEPT, keep_runs=False, restore=False)


def reject_all(root: etree._Element) -> None:
    """Word's Reject all, in place."""
    _resolve(root, gone=_KEPT, stays=_REMOVED, keep_runs=False, restore=True)


def accept_structure(root: etree._Element) -> None:
    """Accept all but run-level ``w:ins``/``w:del``, which stay with their authors and dates."""
    _resolve(root, gone=_REMOVED, stays=_KEPT, keep_runs=True, restore=False)


def _resolve(root: etree._Element, *, gone: set[str], stays: set[str], keep_runs: bool, restore: bool) -> None:
    for element in list(root.iter(*_CHANGES)):
        parent = element.getparent()
        if parent is None:
            continue
        if restore:
            old = next((c for c in element if isinstance(c.tag, str)), None)
            for child in list(parent):
                if child is not element and child.tag not in _NOT_IN_CHANGE:
                    parent.remove(child)
            if old is not None:
                for offset, child in enumerate(list(old)):
                    parent.insert(offset, child)
        parent.remove(element)
    for paragraph in list(root.iter(P)):
        mark = paragraph.find(f"{PPR}/{RPR}")
        if mark is not None and any(child.tag in gone for child in mark):
            _join_next(paragraph)
    for row in list(root.iter(TR)):
        props = row.find(_TRPR)
        if props is not None and any(c.tag in gone for c in props) and row.getparent() is not None:
            row.getparent().remove(row)
    cell_gone, cell_stays = (w("cellIns"), w("cellDel")) if restore else (w("cellDel"), w("cellIns"))
    for cell in list(root.iter(TC)):
        props = cell.find(_TCPR)
        if props is None:
            continue
        if props.find(cell_gone) is not None and cell.getparent() is not None:
            cell.getparent().remove(cell)
        for marker in props.findall(cell_stays):
            props.remove(marker)
    for table in list(root.iter(TBL)):
        if table.find(TR) is None and table.getparent() is not None:
            table.getparent().remove(table)
    for element in list(root.iter(*(gone | stays | _MOVE_MARKERS))):
        parent = element.getparent()
        if parent is None:
            continue
        if element.tag in _MOVE_MARKERS or parent.tag in (RPR, _TRPR) or parent.tag.endswith("}rPr"):
            parent.remove(element)
            continue
        run_level = element.tag in (w("ins"), w("del"))
        if keep_runs and run_level:
            continue
        if element.tag in gone:
            parent.remove(element)
        else:
            _unwrap(element, restore_text=restore)


def _unwrap(element: etree._Element, restore_text: bool) -> None:
    """Replace ``element`` by its children (deleted text becomes text again when rejecting)."""
    if restore_text:
        for text in element.iter(w("delText"), w("delInstrText")):
            text.tag = w("t") if text.tag == w("delText") else w("instrText")
    parent = element.getparent()
    index = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(index + offset, child)
    parent.remove(element)


def _join_next(paragraph: etree._Element) -> None:
    """A removed paragraph mark joins the paragraph's content to the start of the next paragraph."""
    following = paragraph.getnext()
    while following is not None and following.tag != P:
        if following.tag in (TBL, SECT_PR) or not isinstance(following.tag, str):
            following = None
            break
        following = following.getnext()
    mark = paragraph.find(f"{PPR}/{RPR}")
    if following is None:
        for child in list(mark) if mark is not None else []:
            if child.tag in _REMOVED | _KEPT:
                mark.remove(child)
        return
    content = [child for child in paragraph if child.tag != PPR]
    position = 1 if following.find(PPR) is not None else 0
    for offset, child in enumerate(content):
        following.insert(position + offset, child)
    paragraph.getparent().remove(paragraph)
