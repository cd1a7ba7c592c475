"""Deleted paragraph marks that no reader can join: moved onto the paragraph before them.

A deleted paragraph's mark is written as deleted (``w:pPr/w:rPr/w:del``): on Accept all its
content joins the next paragraph. When the next block is a table, or there is no next block
(the end of a cell, note or body), there is nothing to join it to, and readers disagree:
LibreOffice keeps an empty paragraph there, Word and ../shared/tools/docx_views.py drop it.

The same change can be said so that every reader drops it: the *previous* paragraph's mark is
deleted instead, and the deleted paragraph keeps its mark. Accept all then joins the previous
paragraph's content into the (emptied) deleted paragraph, which therefore takes the previous
paragraph's properties (NEW's look), with a ``w:pPrChange`` holding its own (OLD's look) so
that Reject all gives the deleted paragraph back as it was. Runs of several deleted paragraphs
move as one: only the last one's mark and the previous paragraph's are swapped.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from lxml import etree

from composer.wml.names import DEL, INS, PPR, PPR_ORDER, RPR, SECT_PR, TBL, P, insert_ordered, w

#: Elements whose children are blocks (paragraphs, tables) that a deleted mark may end.
_CONTAINERS = {w(n) for n in ("body", "tc", "txbxContent", "footnote", "endnote", "hdr", "ftr", "comment",
                              "sdtContent")}
_PPR_CHANGE, _RPR_CHANGE = w("pPrChange"), w("rPrChange")
_MARK_REVISIONS = {INS, DEL, w("moveFrom"), w("moveTo")}


def settle_marks(root: etree._Element, revision: Callable[[str], etree._Element]) -> int:
    """Move every unjoinable deleted mark under ``root`` onto the paragraph before it.

    ``revision(kind)`` makes a revision element (``pPrChange``/``rPrChange``) with this
    redline's id, author and date. Returns how many marks were moved.
    """
    moved = 0
    for container in root.iter(*_CONTAINERS):
        blocks = [c for c in container if isinstance(c.tag, str)]
        for index, block in enumerate(blocks):
            if not _mark_deleted(block):
                continue
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if following is not None and following.tag not in (TBL, SECT_PR):
                continue
            start = index
            while start > 0 and _mark_deleted(blocks[start - 1]):
                start -= 1
            before = blocks[start - 1] if start > 0 else None
            if before is None or not _plain_mark(before) or block.find(f"{PPR}/{SECT_PR}") is not None:
                continue
            _swap(before, block, revision)
            moved += 1
    return moved


def _mark(paragraph: etree._Element) -> etree._Element | None:
    return paragraph.find(f"{PPR}/{RPR}")


def _mark_deleted(block: etree._Element) -> bool:
    mark = _mark(block) if block.tag == P else None
    return mark is not None and mark.find(DEL) is not None


def _plain_mark(block: etree._Element) -> bool:
    """A paragraph whose mark is neither inserted nor deleted and ends no section."""
    if block.tag != P or block.find(f"{PPR}/{SECT_PR}") is not None:
        return False
    mark = _mark(block)
    return mark is None or not any(child.tag in _MARK_REVISIONS for child in mark)


def _properties(ppr: etree._Element | None) -> list[etree._Element]:
    """Paragraph properties proper (not the mark's run properties, section or change record)."""
    if ppr is None:
        return []
    return [c for c in ppr if isinstance(c.tag, str) and c.tag not in (RPR, SECT_PR, _PPR_CHANGE)]


def _same(a: list[etree._Element], b: list[etree._Element]) -> bool:
    return [etree.tostring(x, method="c14n") for x in a] == [etree.tostring(x, method="c14n") for x in b]


def _swap(before: etree._Element, deleted: etree._Element, revision: Callable[[str], etree._Element]) -> None:
    """``before``'s mark becomes the deleted one; ``deleted`` keeps its mark with ``before``'s look."""
    old_ppr = deleted.find(PPR)
    old_mark = old_ppr.find(RPR)
    del_marker = old_mark.find(DEL)
    own_props = _properties(old_ppr)
    own_mark = [c for c in old_mark if c.tag not in _MARK_REVISIONS | {_RPR_CHANGE}]

    before_ppr = before.find(PPR)
    if before_ppr is None:
        before_ppr = etree.Element(PPR)
        before.insert(0, before_ppr)
    before_mark = before_ppr.find(RPR)
    if before_mark is None:
        before_mark = insert_ordered(before_ppr, etree.Element(RPR), PPR_ORDER)
    looks = [copy.deepcopy(c) for c in _properties(before_ppr)]
    mark_looks = [copy.deepcopy(c) for c in before_mark if c.tag not in _MARK_REVISIONS | {_RPR_CHANGE}]
    old_mark.remove(del_marker)
    before_mark.insert(0, del_marker)

    new_ppr = etree.Element(PPR)
    for child in looks:
        new_ppr.append(child)
    mark = etree.SubElement(new_ppr, RPR)
    for child in mark_looks:
        mark.append(child)
    if not _same(mark_looks, own_mark):
        change = revision("rPrChange")
        mark.append(change)
        recorded = etree.SubElement(change, RPR)
        for child in own_mark:
            recorded.append(child)
    if not _same(looks, own_props):
        change = revision("pPrChange")
        new_ppr.append(change)
        recorded = etree.SubElement(change, PPR)
        for child in own_props:
            recorded.append(child)
    if not len(mark):
        new_ppr.remove(mark)
    deleted.replace(old_ppr, new_ppr)
