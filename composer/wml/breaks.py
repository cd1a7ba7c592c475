"""No untracked paragraph break between an insertion that ends a paragraph and one that starts the next.

LibreOffice (7.4) loads two such insertions as one tracked insertion across the break, so its
Reject all takes the break away and joins the two paragraphs (Word and docx_views keep it).
Seen on the real drafts (paris v4/v5, oceans v1). The cure is the one the model-based writer
uses (composer.render.redline.docx): the next paragraph's leading change is reordered so that
its deletion comes first (a deletion and an insertion side by side give the same Accept all and
Reject all in either order); with no deletion there, its first character of common text is
shown deleted and inserted again (both texts unchanged), else the same is done at the end of
the paragraph before. Only ``w:ins`` counts: LibreOffice does not join moved text with it.
"""

from __future__ import annotations

import copy
import itertools
import unicodedata
from collections.abc import Callable

from lxml import etree

from composer.wml.names import DEL, DEL_TEXT, INS, PPR, RPR, XML_SPACE, P, R, T, w

_CONTAINERS = {w(n) for n in ("body", "tc", "txbxContent", "footnote", "endnote", "hdr", "ftr", "comment",
                              "sdtContent")}
_ZERO_WIDTH = {w(n) for n in ("bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd", "proofErr",
                              "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd")}
_TRACKED_MARK = {INS, DEL, w("moveFrom"), w("moveTo")}


def part_insertions(root: etree._Element, revision: Callable[[str], etree._Element]) -> int:
    """Open every untracked break under ``root`` that has an insertion on both sides; how many."""
    opened = 0
    for container in root.iter(*_CONTAINERS):
        paragraphs = [c for c in container if c.tag == P]
        for before, after in itertools.pairwise(paragraphs):
            if before.getnext() is not after and not _only_markers_between(before, after):
                continue
            if _mark_tracked(before):
                continue
            head, tail = _content(before), _content(after)
            if not head or not tail or head[-1].tag != INS or tail[0].tag != INS:
                continue
            if _open(tail, at_start=True, revision=revision) or _open(head, at_start=False, revision=revision):
                opened += 1
    return opened


def _only_markers_between(a: etree._Element, b: etree._Element) -> bool:
    node = a.getnext()
    while node is not None and node is not b:
        if isinstance(node.tag, str) and node.tag not in _ZERO_WIDTH:
            return False
        node = node.getnext()
    return node is b


def _mark_tracked(paragraph: etree._Element) -> bool:
    mark = paragraph.find(f"{PPR}/{RPR}")
    return mark is not None and any(c.tag in _TRACKED_MARK for c in mark)


def _content(paragraph: etree._Element) -> list[etree._Element]:
    return [c for c in paragraph if isinstance(c.tag, str) and c.tag != PPR and c.tag not in _ZERO_WIDTH]


def _open(content: list[etree._Element], *, at_start: bool, revision: Callable[[str], etree._Element]) -> bool:
    """Put a deletion at this edge of a paragraph's ``content`` without changing either side's text."""
    order = content if at_start else content[::-1]
    edge = []
    for element in order:
        if element.tag not in (INS, DEL):
            break
        edge.append(element)
    deletions = [e for e in edge if e.tag == DEL]
    if deletions:
        anchor = edge[0]
        for element in deletions:
            if at_start:
                anchor.addprevious(element)
            else:
                anchor.addnext(element)
        return True
    common = order[len(edge)] if len(edge) < len(order) else None
    return common is not None and _retype(common, at_start=at_start, revision=revision, edge=edge)


def _retype(run: etree._Element, *, at_start: bool, revision: Callable[[str], etree._Element],
            edge: list[etree._Element]) -> bool:
    """Show the edge character of a plain text run deleted before the edge insertion, inserted after it."""
    if run.tag != R:
        return False
    texts = [c for c in run if c.tag != RPR]
    text = texts[0 if at_start else -1] if texts else None
    if text is None or text.tag != T or not text.text:
        return False
    cut = _grapheme(text.text, at_start)
    piece = text.text[:cut] if at_start else text.text[-cut:]
    rest = text.text[cut:] if at_start else text.text[:-cut]
    deleted, inserted = revision("del"), revision("ins")
    deleted.append(_one_text_run(run, piece, DEL_TEXT))
    inserted.append(_one_text_run(run, piece, T))
    if rest or len(texts) > 1:
        if rest:
            text.text = rest
            text.set(XML_SPACE, "preserve")
        else:
            run.remove(text)
    else:
        run.getparent().remove(run)
    if at_start:
        edge[0].addprevious(deleted)
        edge[-1].addnext(inserted)
    else:
        edge[0].addnext(deleted)
        edge[-1].addprevious(inserted)
    return True


def _one_text_run(run: etree._Element, text: str, tag: str) -> etree._Element:
    out = etree.Element(R)
    props = run.find(RPR)
    if props is not None:
        out.append(copy.deepcopy(props))
    element = etree.SubElement(out, tag)
    element.text = text
    element.set(XML_SPACE, "preserve")
    return out


def _grapheme(text: str, at_start: bool) -> int:
    """Length of the first (or last) character with the combining marks that go with it."""
    if at_start:
        n = 1
        while n < len(text) and unicodedata.combining(text[n]):
            n += 1
        return n
    n = 1
    while n < len(text) and unicodedata.combining(text[-n]):
        n += 1
    return n
