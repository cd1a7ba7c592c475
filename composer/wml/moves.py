"""Moved paragraphs: a paragraph deleted in one place and inserted, word for word, in another.

The comparison writes such a paragraph as a deletion here and an insertion there; Word shows
it as a move (double strike-through and double underline, in green) when the two are written as
``w:moveFrom``/``w:moveTo`` inside named move containers, as ISO/IEC 29500-1 §17.13.5 has it:

    <w:moveFromRangeStart w:id="1" w:name="move1" .../>
    <w:p><w:pPr><w:rPr><w:moveFrom .../></w:rPr></w:pPr><w:moveFrom ...><w:r><w:t>...</w:t></w:r></w:moveFrom></w:p>
    <w:moveFromRangeEnd w:id="1"/>

and the same with ``moveTo`` where it now stands. Accept all and Reject all give what the
deletion and insertion gave (the moved-from runs are OLD's, the moved-to runs NEW's), so a move
is only a better way of saying the same change. Only whole paragraphs of this redline with the
same words (at least :data:`MIN_WORDS`) in the same story are paired, each at most once, in
document order; text boxes are left alone.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from composer.wml.names import DEL, DEL_TEXT, INS, PPR, RPR, TXBX, P, T, w

#: Fewer words than this are not called a move (a "Yes." deleted here and added there is not one).
MIN_WORDS = 4
_MOVE_FROM, _MOVE_TO = w("moveFrom"), w("moveTo")
_LOOSE = {w("bookmarkStart"), w("bookmarkEnd"), w("commentRangeStart"), w("commentRangeEnd")}


def track_moves(root: etree._Element, revision: Callable[[str], etree._Element]) -> int:
    """Turn deleted-and-reinserted paragraphs under ``root`` into moves; how many."""
    deleted: dict[tuple[str, ...], list[etree._Element]] = {}
    inserted: list[tuple[tuple[str, ...], etree._Element]] = []
    for paragraph in root.iter(P):
        if any(a.tag == TXBX for a in paragraph.iterancestors()):
            continue
        for kind, text_tag in ((DEL, DEL_TEXT), (INS, T)):
            words = _whole(paragraph, kind, text_tag)
            if words is not None and not _joinable(paragraph):
                continue  # composer.wml.marks moves its mark onto the paragraph before it instead
            if words is not None and len(words) >= MIN_WORDS:
                if kind == DEL:
                    deleted.setdefault(words, []).append(paragraph)
                else:
                    inserted.append((words, paragraph))
    moves = 0
    for words, target in inserted:
        sources = deleted.get(words)
        if not sources:
            continue
        source = sources.pop(0)
        moves += 1
        name = f"_ccMove{moves}"
        _convert(source, DEL, _MOVE_FROM, "moveFromRange", name, revision)
        _convert(target, INS, _MOVE_TO, "moveToRange", name, revision)
    return moves


def _whole(paragraph: etree._Element, kind: str, text_tag: str) -> tuple[str, ...] | None:
    """The words of ``paragraph`` if its mark and all its content are one revision ``kind``, else None."""
    mark = paragraph.find(f"{PPR}/{RPR}")
    if mark is None or mark.find(kind) is None:
        return None
    content = [c for c in paragraph if isinstance(c.tag, str) and c.tag != PPR and c.tag not in _LOOSE]
    if not content or any(c.tag != kind for c in content):
        return None
    if any(d.tag in (INS, DEL, _MOVE_FROM, _MOVE_TO) for c in content for d in c.iterdescendants()):
        return None
    text = "".join(t.text or "" for c in content for t in c.iter(text_tag))
    return tuple(text.split())


def _joinable(paragraph: etree._Element) -> bool:
    """Whether a paragraph follows (not a table, not the end of the container), to take the mark's join."""
    following = paragraph.getnext()
    while following is not None and (not isinstance(following.tag, str) or following.tag in _LOOSE
                                     or following.tag.endswith("RangeStart") or following.tag.endswith("RangeEnd")):
        following = following.getnext()
    return following is not None and following.tag == P


def _convert(paragraph: etree._Element, kind: str, move: str, range_tag: str, name: str,
             revision: Callable[[str], etree._Element]) -> None:
    mark = paragraph.find(f"{PPR}/{RPR}").find(kind)
    mark.tag = move
    for wrapper in [c for c in paragraph if c.tag == kind]:
        wrapper.tag = move
        for text in wrapper.iter(DEL_TEXT, w("delInstrText")):
            text.tag = T if text.tag == DEL_TEXT else w("instrText")
    start = revision(f"{range_tag}Start")
    start.set(w("name"), name)
    end = etree.Element(w(f"{range_tag}End"))
    end.set(w("id"), start.get(w("id")))
    paragraph.addprevious(start)
    paragraph.addnext(end)
