"""Section properties that changed (orientation, page size, margins, columns) tracked as ``w:sectPrChange``.

A section's properties live in the ``w:sectPr`` of the paragraph that ends it (or of the body,
for the last section). The block comparison sees a paragraph's text and look, not its section,
so turning a section to landscape was no change at all ("No changes" for two drafts that print
differently). Sections are paired here after the comparison: one for one in order when no
section break was added or removed, else the last sections (the body's) only; a pair whose
properties differ gets NEW's properties with a ``w:sectPrChange`` holding OLD's, as Word writes
it. Header and footer references are not section properties of the record (the schema's
``CT_SectPrBase`` leaves them out); headers and footers are compared as stories of their own.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from lxml import etree

from composer.wml.names import DEL, INS, PPR, RPR, SECT_PR, P, w

_CHANGE = w("sectPrChange")
_NOT_RECORDED = {w("headerReference"), w("footerReference"), _CHANGE}


def track_sections(old_root: etree._Element, new_root: etree._Element,
                   revision: Callable[[str], etree._Element]) -> int:
    """Add ``w:sectPrChange`` to NEW's sections whose properties differ from OLD's; how many."""
    olds = _sections(old_root, skip=None)
    news = _sections(new_root, skip=DEL)
    if len(olds) != len(news) or any(_mark_has(s, INS) or _mark_has(s, DEL) for s in new_root.iter(SECT_PR)):
        olds, news = olds[-1:], news[-1:]
    changed = 0
    for old, new in zip(olds, news, strict=False):
        if new.find(_CHANGE) is not None or _properties(old) == _properties(new):
            continue
        change = revision("sectPrChange")
        record = etree.SubElement(change, SECT_PR)
        for name, value in old.attrib.items():
            record.set(name, value)
        for child in old:
            if isinstance(child.tag, str) and child.tag not in _NOT_RECORDED:
                record.append(copy.deepcopy(child))
        new.append(change)
        changed += 1
    return changed


def _sections(root: etree._Element, skip: str | None) -> list[etree._Element]:
    """The document's section properties in order (not the records inside a ``w:sectPrChange``)."""
    out = []
    for sect in root.iter(SECT_PR):
        if any(a.tag == _CHANGE for a in sect.iterancestors()):
            continue
        if skip is not None and _mark_has(sect, skip):
            continue
        out.append(sect)
    return out


def _mark_has(sect: etree._Element, tag: str) -> bool:
    """Whether the paragraph that ``sect`` ends has its mark tracked as ``tag`` (ins/del)."""
    parent = sect.getparent()
    if parent is None or parent.tag != PPR or parent.getparent() is None or parent.getparent().tag != P:
        return False
    return parent.find(f"{RPR}/{tag}") is not None


def _properties(sect: etree._Element) -> list[bytes]:
    return [etree.tostring(c, method="c14n") for c in sect if isinstance(c.tag, str) and c.tag not in _NOT_RECORDED]

