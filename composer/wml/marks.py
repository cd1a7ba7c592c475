"""Deleted (and inserted) paragraph marks that no reader can join: moved onto the paragraph before them.

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

LibreOffice has one more such place: the whole deleted or inserted paragraph that holds the
document's first footnote (its Accept all or Reject all left an empty paragraph there, on the
real drafts; the model-based writer frees that break too), so it is treated the same way.

Inserted paragraphs at the same places are the mirror case for Reject all (the last paragraph
of a document added by NEW left an empty paragraph in LibreOffice's Reject all, on the real
drafts): the previous paragraph's mark is inserted instead, and the inserted paragraph keeps
its own look with a record of the previous paragraph's OLD look.
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
_ZERO_WIDTH = {w(n) for n in ("bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd", "proofErr",
                              "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd")}


def settle_marks(root: etree._Element, revision: Callable[[str], etree._Element]) -> int:
    """Move every unjoinable deleted or inserted mark under ``root`` onto the paragraph before it.

    ``revision(kind)`` makes a revision element (``pPrChange``/``rPrChange``) with this
    redline's id, author and date. Returns how many marks were moved.
    """
    moved = 0
    first_note = next(root.iter(w("footnoteReference")), None)
    noted = next(first_note.iterancestors(P), None) if first_note is not None else None
    for container in root.iter(*_CONTAINERS):
        for kind in (DEL, INS):
            blocks = [c for c in container if isinstance(c.tag, str) and c.tag not in _ZERO_WIDTH]
            for index, block in enumerate(blocks):
                if not _mark_is(block, kind):
                    continue
                following = blocks[index + 1] if index + 1 < len(blocks) else None
                if following is not None and following.tag not in (TBL, SECT_PR) \
                        and not (block is noted and _whole(block, kind)):
                    continue
                start = index
                while start > 0 and _mark_is(blocks[start - 1], kind):
                    start -= 1
                before = blocks[start - 1] if start > 0 else None
                if before is None or block.find(f"{PPR}/{SECT_PR}") is not None:
                    continue
                if kind == INS and _mark_is(before, DEL) and not _mark_is(before, INS) \
                        and before.find(f"{PPR}/{SECT_PR}") is None:
                    _merge_deleted(before, block, revision)
                    moved += 1
                    continue
                if not _plain_mark(before):
                    continue
                if kind == DEL:
                    _swap(before, block, revision)
                else:
                    _swap_inserted(before, block, revision)
                moved += 1
    return moved


def _mark(paragraph: etree._Element) -> etree._Element | None:
    return paragraph.find(f"{PPR}/{RPR}")


def _whole(paragraph: etree._Element, kind: str) -> bool:
    """Whether all of the paragraph's content is in ``kind`` revisions (markers aside)."""
    content = [c for c in paragraph if isinstance(c.tag, str) and c.tag != PPR and c.tag not in _ZERO_WIDTH]
    return bool(content) and all(c.tag == kind for c in content)


def _mark_is(block: etree._Element, kind: str) -> bool:
    mark = _mark(block) if block.tag == P else None
    return mark is not None and mark.find(kind) is not None


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
    _record_changes(new_ppr, mark, own_mark, own_props, revision)
    if not len(mark):
        new_ppr.remove(mark)
    deleted.replace(old_ppr, new_ppr)


def _swap_inserted(before: etree._Element, inserted: etree._Element, revision: Callable[[str], etree._Element]) -> None:
    """``before``'s mark becomes the inserted one; ``inserted`` keeps its mark, recording ``before``'s OLD look.

    Reject all then joins ``before``'s content into ``inserted`` (emptied), which must look as
    ``before`` did in OLD: its ``w:pPrChange`` (or, if it has none, its properties) and its mark.
    """
    ppr = inserted.find(PPR)
    mark = ppr.find(RPR)
    ins_marker = mark.find(INS)
    before_ppr = before.find(PPR)
    if before_ppr is None:
        before_ppr = etree.Element(PPR)
        before.insert(0, before_ppr)
    before_mark = before_ppr.find(RPR)
    if before_mark is None:
        before_mark = insert_ordered(before_ppr, etree.Element(RPR), PPR_ORDER)
    recorded_change = before_ppr.find(_PPR_CHANGE)
    old_look = [copy.deepcopy(c) for c in (_properties(recorded_change.find(PPR)) if recorded_change is not None
                                           else _properties(before_ppr))]
    change_record = before_mark.find(_RPR_CHANGE)
    old_mark = [copy.deepcopy(c) for c in (change_record.find(RPR) if change_record is not None else before_mark)
                if isinstance(c.tag, str) and c.tag not in _MARK_REVISIONS | {_RPR_CHANGE}]
    mark.remove(ins_marker)
    before_mark.insert(0, ins_marker)
    _record_old_look(inserted, ppr, mark, old_mark, old_look, revision)


def _merge_deleted(deleted: etree._Element, inserted: etree._Element, revision: Callable[[str], etree._Element]) -> None:
    """Deleted paragraphs then inserted ones with nothing after: the last of each become one paragraph.

    Its deleted content (OLD's) and inserted content (NEW's) sit side by side, its mark is not
    tracked, and its look is NEW's with a record of OLD's, so Accept all and Reject all each
    leave that paragraph, with no empty one after it.
    """
    ppr = inserted.find(PPR)
    mark = ppr.find(RPR)
    mark.remove(mark.find(INS))
    old_ppr = deleted.find(PPR)
    old_look = [copy.deepcopy(c) for c in _properties(old_ppr)]
    old_mark = [copy.deepcopy(c) for c in old_ppr.find(RPR)
                if isinstance(c.tag, str) and c.tag not in _MARK_REVISIONS | {_RPR_CHANGE}]
    position = list(inserted).index(ppr) + 1
    for offset, child in enumerate([c for c in deleted if c is not old_ppr]):
        inserted.insert(position + offset, child)
    deleted.getparent().remove(deleted)
    _record_old_look(inserted, ppr, mark, old_mark, old_look, revision)


def _record_changes(ppr: etree._Element, mark: etree._Element, old_mark: list[etree._Element],
                    old_look: list[etree._Element], revision: Callable[[str], etree._Element]) -> None:
    """Record the other side's mark and paragraph properties as ``w:rPrChange``/``w:pPrChange``
    where they differ from the paragraph's own, so each of Accept all and Reject all gives its
    side's look back after a mark changed hands."""
    own_mark = [c for c in mark if c.tag not in _MARK_REVISIONS | {_RPR_CHANGE}]
    if not _same(own_mark, old_mark):
        change = revision("rPrChange")
        mark.append(change)
        recorded = etree.SubElement(change, RPR)
        for child in old_mark:
            recorded.append(child)
    if not _same(_properties(ppr), old_look):
        change = revision("pPrChange")
        ppr.append(change)
        recorded = etree.SubElement(change, PPR)
        for child in old_look:
            recorded.append(child)


def _record_old_look(paragraph: etree._Element, ppr: etree._Element, mark: etree._Element,
                     old_mark: list[etree._Element], old_look: list[etree._Element],
                     revision: Callable[[str], etree._Element]) -> None:
    """After a paragraph took over another's mark: :func:`_record_changes`, then drop the
    property elements left empty."""
    _record_changes(ppr, mark, old_mark, old_look, revision)
    if not len(mark):
        ppr.remove(mark)
    if not len(ppr):
        paragraph.remove(ppr)
