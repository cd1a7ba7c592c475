"""Walking the document tree: plain text, notes, blocks in reading order, numbering."""

from __future__ import annotations

import string
from collections.abc import Iterable, Iterator

from composer.model.document import (
    ActionItem,
    ActionList,
    Block,
    Bracket,
    BulletList,
    CrossRef,
    Div,
    Document,
    Emph,
    Heading,
    Inline,
    Note,
    Para,
    Strong,
    Table,
    Text,
)


def plain_text(inlines: Iterable[Inline], notes: bool = False) -> str:
    """The visible text of inlines; footnote text only if ``notes`` (as ``[^text]``)."""
    out: list[str] = []
    for inline in inlines:
        if isinstance(inline, Text):
            out.append(inline.text)
        elif isinstance(inline, (Emph, Strong)):
            out.append(plain_text(inline.content, notes))
        elif isinstance(inline, CrossRef):
            out.append(inline.text)
        elif isinstance(inline, Bracket):
            out.append("[" + " / ".join(plain_text(alt, notes) for alt in inline.alternatives) + "]")
        elif isinstance(inline, Note) and notes:
            out.append("[^" + plain_text(inline.content) + "]")
    return "".join(out)


def iter_blocks(blocks: Iterable[Block]) -> Iterator[Block]:
    """Every block in reading order, descending into divs."""
    for block in blocks:
        yield block
        if isinstance(block, Div):
            yield from iter_blocks(block.blocks)


def iter_notes(inlines: Iterable[Inline]) -> Iterator[Note]:
    for inline in inlines:
        if isinstance(inline, Note):
            yield inline
        elif isinstance(inline, (Emph, Strong)):
            yield from iter_notes(inline.content)
        elif isinstance(inline, Bracket):
            for alt in inline.alternatives:
                yield from iter_notes(alt)


def block_inlines(block: Block) -> list[tuple[Inline, ...]]:
    """The inline sequences a block holds (one per paragraph, item, cell)."""
    if isinstance(block, (Heading, Para)):
        return [block.content]
    if isinstance(block, ActionList):
        return [item.content for item in block.items]
    if isinstance(block, BulletList):
        return list(block.items)
    if isinstance(block, Table):
        return [*block.header, *(cell for row in block.rows for cell in row)]
    return []


def document_notes(document: Document) -> list[Note]:
    """All footnotes in order of appearance: footnote *n* is ``document_notes(doc)[n-1]``."""
    notes: list[Note] = []
    for block in iter_blocks(document.blocks):
        for inlines in block_inlines(block):
            notes.extend(iter_notes(inlines))
    return notes


def action_letter(index: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa, 701 -> zz, 702 -> aaa: letters never run out.

    Bijective base 26, as UN documents letter long action lists; no length limit, so a
    manifest of a thousand actions under one objective is lettered, not an IndexError.
    """
    letters = string.ascii_lowercase
    number = index + 1
    out = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        out = letters[rest] + out
    return out


def paragraph_numbers(document: Document) -> dict[int, int]:
    """Run-on numbers of numbered paragraphs, keyed by ``id(block)``."""
    numbers: dict[int, int] = {}
    for block in iter_blocks(document.blocks):
        if isinstance(block, Para) and block.numbered:
            numbers[id(block)] = len(numbers) + 1
    return numbers


def item_label(item: ActionItem, index: int) -> str:
    return item.label or f"({action_letter(index)})"


def para_label(para: Para, numbers: dict[int, int]) -> str | None:
    """What a paragraph is numbered with: the label it was typed with (a document we read),
    else its run-on number if it is numbered (``numbers`` from :func:`paragraph_numbers`)."""
    if para.label:
        return para.label.strip()
    if para.numbered:
        return f"{numbers[id(para)]}."
    return None
