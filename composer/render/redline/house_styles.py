"""Paragraph properties of a draft that has no DOCX of its own (a manifest, text, Markdown, JSON).

Such a draft still has a look: the one our DOCX writer gives it (numbered paragraphs with
hanging numbers, lettered actions indented under them, the UN title block, heading spacing).
The redline borrows it: the draft is rendered by our writer, its paragraphs are read back and
paired with the comparison's units by their text, and each unit's ``w:pPr`` is taken from its
paragraph. The writer types a label and a tab before the text; where it did, the redline's
label ends with a tab too, so that the hanging indent lines the text up.
"""

from __future__ import annotations

import difflib
import io
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

from composer.compare.units import Unit
from composer.ooxml.ns import w
from composer.render.redline.package import main_part

_SPACE = re.compile(r"\s+")
#: Properties that belong to one place in the rendered package, not to the paragraph's look.
_DROP = ("sectPr", "rPr", "pPrChange")


@dataclass(frozen=True)
class HouseParagraph:
    """The look of one unit's paragraph: its ``w:pPr`` and whether its label is followed by a tab."""

    ppr: bytes | None
    tabbed_label: bool


def house_paragraphs(docx: bytes, units: list[Unit]) -> dict[int, HouseParagraph]:
    """``unit.index`` -> its paragraph's look, for the units found in the rendered ``docx``.

    Units and paragraphs are paired by their text (label and whitespace normalised) with a
    longest-matching-blocks alignment; a run of unpaired units between two pairs takes the
    paragraphs between them one by one when the two runs have the same length.
    """
    paragraphs = _paragraphs(docx)
    para_keys = [_SPACE.sub(" ", text).strip() for _ppr, text in paragraphs]
    unit_keys = [_SPACE.sub(" ", f"{u.label} {u.body_text}" if u.label else u.body_text).strip() for u in units]
    pairs: list[tuple[int, int]] = []
    matcher = difflib.SequenceMatcher(None, unit_keys, para_keys, autojunk=False)
    last_u = last_p = 0
    for block in matcher.get_matching_blocks():
        gap_u, gap_p = block.a - last_u, block.b - last_p
        if gap_u and gap_u == gap_p:
            pairs += [(last_u + k, last_p + k) for k in range(gap_u)]
        pairs += [(block.a + k, block.b + k) for k in range(block.size)]
        last_u, last_p = block.a + block.size, block.b + block.size
    out: dict[int, HouseParagraph] = {}
    for u, p in pairs:
        ppr, text = paragraphs[p]
        unit = units[u]
        tabbed = bool(unit.label) and text.startswith(unit.label + "\t")
        out[unit.index] = HouseParagraph(ppr, tabbed)
    return out


def _paragraphs(docx: bytes) -> list[tuple[bytes | None, str]]:
    """Every body paragraph of ``docx`` (table cells included) with its cleaned ``w:pPr`` and text."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        parts = {name: archive.read(name) for name in ("_rels/.rels",)}
        main = main_part(parts)
        root = etree.fromstring(archive.read(main))
    body = root.find(w("body"))
    out: list[tuple[bytes | None, str]] = []
    for paragraph in body.iter(w("p")) if body is not None else ():
        ppr = paragraph.find(w("pPr"))
        xml = None
        if ppr is not None:
            ppr = etree.fromstring(etree.tostring(ppr))
            for tag in _DROP:
                for child in ppr.findall(w(tag)):
                    ppr.remove(child)
            xml = etree.tostring(ppr) if len(ppr) else None
        out.append((xml, _text(paragraph)))
    return out


def _text(paragraph: etree._Element) -> str:
    parts = []
    for element in paragraph.iter(w("t"), w("tab"), w("br")):
        if element.tag == w("t"):
            parts.append(element.text or "")
        else:
            parts.append("\t" if element.tag == w("tab") else "\n")
    return "".join(parts)
