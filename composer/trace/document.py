"""The compact (or one unit of it) as a document model, so any renderer can print agreed language.

Block ids follow the units' references (``gcm-para-29-h``), so a briefing pack or a redline can
link to a paragraph of the compact the same way it links to its own paragraphs. Labels are the
compact's own numbers and letters: these paragraphs are quoted, never renumbered.
"""

from __future__ import annotations

import re

from composer.model.document import ActionItem, ActionList, Block, Div, Document, Heading, Meta, Para, Text
from composer.trace.compact import COMPACT_SYMBOL, Compact, CompactUnit

_NUMBERED = re.compile(r"^(\d{1,2})\.\s+(.+)$")


def unit_id(unit: CompactUnit) -> str:
    """A stable block id for a unit: ``para 43(a)(ii)`` -> ``gcm-para-43-a-ii``."""
    parts = ["gcm-para", str(unit.paragraph), unit.letter or "", unit.sub or ""]
    return "-".join(p for p in parts if p)


def _item(unit: CompactUnit) -> ActionItem:
    return ActionItem((Text(unit.text),), id=unit_id(unit), label=f"({unit.sub or unit.letter})")


def _paragraph_blocks(unit: CompactUnit) -> list[Block]:
    """A paragraph's first line as the labelled paragraph; later lines (the chapeau "To realize
    this commitment ...", the numbered list of objectives inside para 16) as their own blocks,
    so a renderer does not run them together into one block of text."""
    first, *rest = unit.text.splitlines()
    blocks: list[Block] = [Para((Text(first),), id=unit_id(unit), label=f"{unit.paragraph}.")]
    listed: list[ActionItem] = []
    for line in rest:
        numbered = _NUMBERED.match(line)
        if numbered:
            listed.append(ActionItem((Text(numbered.group(2)),), label=f"{numbered.group(1)}."))
            continue
        if listed:
            blocks.append(ActionList(listed))
            listed = []
        blocks.append(Para((Text(line),)))
    if listed:
        blocks.append(ActionList(listed))
    return blocks


def unit_blocks(compact: Compact, unit: CompactUnit, with_children: bool = True) -> list[Block]:
    """Blocks for one unit: a labelled paragraph, or an action, followed by what it contains."""
    blocks: list[Block] = []
    if unit.is_paragraph:
        blocks.extend(_paragraph_blocks(unit))
    else:
        blocks.append(ActionList([_item(unit)]))
    if not with_children:
        return blocks
    children = compact.children(unit.address)
    group: str | None = None
    items: list[ActionItem] = []
    for child in children:
        if child.group != group and child.group:
            if items:
                blocks.append(ActionList(items))
                items = []
            blocks.append(Heading(4, (Text(child.group),)))
        group = child.group
        items.append(_item(child))
        subs = compact.children(child.address)
        if subs:
            blocks.append(ActionList(items))
            blocks.append(ActionList([_item(s) for s in subs], id=f"{unit_id(child)}-items"))
            items = []
    if items:
        blocks.append(ActionList(items))
    return blocks


def compact_document(compact: Compact, refs: list[str] | None = None) -> Document:
    """The whole annex (or only the units named in ``refs``) as a :class:`Document`."""
    meta = Meta(
        title=compact.title,
        subtitle=f"{COMPACT_SYMBOL}, annex",
        kind="reference",
        date="2018-12-19",
        status="Adopted",
        subject="Agreed language",
    )
    if refs:
        chosen = [compact.unit(ref) for ref in refs]
        return Document(meta, [Div("gcm-unit", unit_blocks(compact, unit), id=unit_id(unit)) for unit in chosen])
    blocks: list[Block] = [Para((Text(compact.preamble),), style="lead")]
    heading: str | None = None
    for unit in compact.units:
        if not unit.is_paragraph:
            continue
        if unit.heading != heading and unit.heading:
            blocks.append(Heading(2 if unit.objective is None else 3, (Text(unit.heading),)))
        heading = unit.heading
        blocks.extend(unit_blocks(compact, unit))
    return Document(meta, blocks)


def unit_lines(compact: Compact, ref: str, width_indent: str = "    ") -> list[str]:
    """Plain-text lines for ``compose gcm show``: where the unit sits, then its text and contents."""
    unit = compact.unit(ref)
    lines = [f"GCM {unit.ref} ({COMPACT_SYMBOL}, annex)"]
    if unit.heading:
        lines.append(unit.heading)
    if unit.group:
        lines.append(unit.group)
    parent = unit.address.parent
    if parent is not None and parent.letter is None:
        owner = compact.unit(str(parent))
        if owner.objective is not None:
            lines.append(f"under {owner.ref}: {owner.text.splitlines()[0]}")
    lines.append("")
    label = f"{unit.paragraph}." if unit.is_paragraph else f"({unit.sub or unit.letter})"
    lines.append(f"{label} {unit.text}")
    for child in compact.descendants(unit.address):
        depth = 2 if child.sub and not unit.letter else 1
        lines.append(f"{width_indent * depth}({child.sub or child.letter}) {child.text}")
    return lines
