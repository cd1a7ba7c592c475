"""The notes parts (``word/footnotes.xml``, ``word/endnotes.xml``): one separator definition, checked ids.

A notes part opens with two special notes Word requires: the separator (``w:id="-1"``) and the
continuation separator (``w:id="0"``); ``w:footnotePr`` / ``w:endnotePr`` in the settings name
them. Real notes follow, each with a unique positive id that body references
(``w:footnoteReference w:id="N"``) point at.
"""

from __future__ import annotations

from typing import Literal

from lxml import etree

from composer.ooxml.attrs import BadAttributeError, int_attr
from composer.ooxml.ns import NS, qn

NoteKind = Literal["footnote", "endnote"]
#: Ids of the separator and the continuation separator, in that order.
SEPARATOR_IDS = ("-1", "0")
SEPARATOR_TYPES = frozenset(("separator", "continuationSeparator", "continuationNotice"))
_SEPARATORS = (("separator", "-1"), ("continuationSeparator", "0"))


def _w(tag: str, **attrs: str) -> etree._Element:
    element = etree.Element(qn(f"w:{tag}"))
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def new_notes_root(kind: NoteKind = "footnote") -> etree._Element:
    """A notes part root holding only the two separators (single-spaced, no space after)."""
    root = etree.Element(qn(f"w:{kind}s"), nsmap={"w": NS["w"], "r": NS["r"]})
    for note_type, note_id in _SEPARATORS:
        note = etree.SubElement(root, qn(f"w:{kind}"))
        note.set(qn("w:type"), note_type)
        note.set(qn("w:id"), note_id)
        p = etree.SubElement(note, qn("w:p"))
        p_pr = etree.SubElement(p, qn("w:pPr"))
        p_pr.append(_w("spacing", after="0", line="240", lineRule="auto"))
        run = etree.SubElement(p, qn("w:r"))
        run.append(_w(note_type))
    return root


def separator_declaration(kind: NoteKind = "footnote") -> etree._Element:
    """``w:footnotePr`` (or ``w:endnotePr``) for the settings part, naming the two separators."""
    declaration = _w(f"{kind}Pr")
    for note_id in SEPARATOR_IDS:
        declaration.append(_w(kind, id=note_id))
    return declaration


def is_separator(note: etree._Element) -> bool:
    """Whether ``note`` is a separator-type note (not a note the reader wrote)."""
    return note.get(qn("w:type")) in SEPARATOR_TYPES


def note_id(note: etree._Element, where: str) -> int:
    """The note's ``w:id`` as an int; a missing or non-numeric id is a one-line input error."""
    value = int_attr(note, "w:id", where)
    if value is None:
        raise BadAttributeError(where, note, "w:id", "", "a note id")
    return value


def real_notes(root: etree._Element, kind: NoteKind, where: str) -> dict[int, etree._Element]:
    """The notes of a notes part that are not separators, by checked id (first of a duplicated id wins)."""
    notes: dict[int, etree._Element] = {}
    for note in root.findall(qn(f"w:{kind}")):
        if is_separator(note):
            continue
        notes.setdefault(note_id(note, where), note)
    return notes


def reference_id(reference: etree._Element, where: str) -> int | None:
    """The note id a ``w:footnoteReference``/``w:endnoteReference`` points at (None if it has none)."""
    return int_attr(reference, "w:id", where)
