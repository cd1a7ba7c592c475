"""DOCX -> document model: paragraphs, their numbers (typed or automatic), headings, footnotes.

Works on Word files made by anyone: the main part is found through the package relationships,
styles decide what is a heading, numbering.xml gives automatic numbers, and footnote and
endnote references become :class:`~composer.model.document.Note` inlines. Tables are read
cell by cell as paragraphs; images and text boxes are not text and are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from lxml import etree

from composer.dates import date_of_stamp
from composer.errors import InputDocumentError
from composer.model.document import Document, Emph, Heading, Inline, Meta, Note, Para, Strong, Text
from composer.ooxml import custom_props, notes
from composer.ooxml.attrs import int_attr
from composer.ooxml.bookmarks import block_id_for_bookmark
from composer.ooxml.ns import ENDNOTES, FOOTNOTES, MC_NS, NUMBERING, STYLES, is_on, w
from composer.ooxml.rels import Relationships, main_document_part
from composer.ooxml.safexml import parse_xml
from composer.ooxml.safezip import Package, open_package
from composer.read.labels import split_label
from composer.read.limits import check_paragraphs
from composer.read.numbering import Numbering
from composer.read.source import BlockSource, SourceDocument
from composer.read.tracked import accept_all, has_revisions

ITALIC, BOLD = 1, 2
#: WordprocessingML of ISO/IEC 29500 Strict ("Strict Open XML Document" in Word's Save As).
STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_HEADING_NAME = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)
_DESCEND = {w(n) for n in ("hyperlink", "smartTag", "customXml", "fldSimple", "ins", "moveTo", "sdtContent",
                           "bdo", "dir")} | {w("sdt")}
_PPR_DROP = {w("sectPr"), w("rPr"), w("pPrChange")}


@dataclass
class _Style:
    name: str
    based_on: str | None
    outline: int | None
    num: tuple[str, int] | None


def read_docx(data: bytes, name: str, accept_existing: bool = False) -> SourceDocument:
    """Read a DOCX file's bytes into a :class:`SourceDocument` or raise InputDocumentError."""
    package = open_package(data, name)
    if package.has("[Content_Types].xml"):  # never used here, but copied into a redline: vet it too
        parse_xml(package.read("[Content_Types].xml"), f"{name}: [Content_Types].xml")
    main = main_document_part(package)
    rels = Relationships(package, main)
    document_xml = parse_xml(package.read(main), f"{name}: {main}")
    body = document_xml.find(w("body"))
    if body is None:
        if etree.QName(document_xml).namespace == STRICT_W_NS:
            raise InputDocumentError(
                f"{name}: saved as Strict Open XML, which is not read; in Word use Save As > Word Document (.docx)"
            )
        raise InputDocumentError(f"{name}: not a Word document (no w:body in {main})")
    check_paragraphs(sum(1 for _ in body.iter(w("p"))), name)
    footnotes = _optional_part(package, rels, FOOTNOTES, name)
    endnotes = _optional_part(package, rels, ENDNOTES, name)
    tracked = any(has_revisions(part) for part in (document_xml, footnotes, endnotes) if part is not None)
    if tracked:
        if not accept_existing:
            raise InputDocumentError(
                f"{name}: already holds tracked changes; accept or reject them first, or pass --accept-existing"
            )
        for part in (document_xml, footnotes, endnotes):
            if part is not None:
                accept_all(part)
    styles = _styles(_optional_part(package, rels, STYLES, name), f"{name}: styles")
    numbering = Numbering.from_xml(_optional_part(package, rels, NUMBERING, name), f"{name}: numbering")
    notes = {**_notes(endnotes, "endnote", f"{name}: endnotes"), **_notes(footnotes, "footnote", f"{name}: footnotes")}
    source = SourceDocument(
        document=Document(meta=_meta(package, name)),
        kind="docx",
        name=name,
        package={member: package.read(member) for member in package.names() if not member.endswith("/")},
        package_order=[member for member in package.names() if not member.endswith("/")],
        had_tracked_changes=tracked,
    )
    reader = _BodyReader(styles, numbering, notes, _bookmark_table(package, name), f"{name}: {main}")
    for paragraph in _body_paragraphs(body):
        block, facts = reader.block(paragraph)
        if block is not None:
            source.document.blocks.append(block)
            block.attrs.update(facts.to_attrs())
    if not source.document.blocks:
        raise InputDocumentError(f"{name}: the document has no text")
    if source.document.meta.title == PurePosixPath(name).stem:
        first = next((b for b in source.document.blocks if isinstance(b, Heading)), None)
        if first is not None:
            source.document.meta.title = _plain(first.content)[:120]
    return source


def _bookmark_table(package: Package, name: str) -> dict[str, str]:
    """Bookmark name -> block id, as our DOCX writer records it in ``docProps/custom.xml``.

    Our bookmarks for short ids invert without it; long ids are hashed and need the table. Other
    people's documents have no table, and their bookmark names are kept as ids.
    """
    if not package.has(custom_props.PART_NAME):
        return {}
    try:
        root = parse_xml(package.read(custom_props.PART_NAME), f"{name}: {custom_props.PART_NAME}")
    except InputDocumentError:
        return {}
    return custom_props.bookmark_table_from_xml(root)


def _optional_part(package: Package, rels: Relationships, kind: str, name: str) -> etree._Element | None:
    """The parsed part related to the main part by ``kind``; None when there is no such relationship."""
    target = rels.target(kind)
    if target is None:
        return None
    return parse_xml(package.read(target), f"{name}: {target}")


def _meta(package: Package, name: str) -> Meta:
    """Title and date from the core properties; the date keeps redline output deterministic."""
    stem = PurePosixPath(name).stem
    meta = Meta(title=stem, kind="draft")
    if package.has("docProps/core.xml"):
        root = parse_xml(package.read("docProps/core.xml"), f"{name}: docProps/core.xml")
        for element in root:
            local = etree.QName(element).localname
            text = (element.text or "").strip()
            if local == "title" and text:
                meta.title = text
            elif local in ("modified", "created") and (stamp := date_of_stamp(text)) is not None and (
                meta.date is None or local == "modified"
            ):
                meta.date = stamp  # a garbage stamp is ignored, never copied into every revision
    return meta


def _styles(root: etree._Element | None, where: str) -> dict[str, _Style]:
    styles: dict[str, _Style] = {}
    if root is None:
        return styles
    for style in root.iter(w("style")):
        style_id = style.get(w("styleId"), "")
        name_el = style.find(w("name"))
        based = style.find(w("basedOn"))
        ppr = style.find(w("pPr"))
        outline = num = None
        if ppr is not None:
            outline = _outline_level(ppr, where)
            num = _num_pr(ppr, where)
        styles[style_id] = _Style(
            name=name_el.get(w("val"), style_id) if name_el is not None else style_id,
            based_on=based.get(w("val")) if based is not None else None,
            outline=outline,
            num=num,
        )
    return styles


def _outline_level(ppr: etree._Element, where: str) -> int | None:
    """``w:outlineLvl`` (0-8 headings, 9 body text); None when absent."""
    element = ppr.find(w("outlineLvl"))
    if element is None:
        return None
    return int_attr(element, "w:val", where, 9, low=0)


def _num_pr(ppr: etree._Element, where: str) -> tuple[str, int] | None:
    num_pr = ppr.find(w("numPr"))
    if num_pr is None:
        return None
    num_id = num_pr.find(w("numId"))
    ilvl = num_pr.find(w("ilvl"))
    if num_id is None:
        return None
    return num_id.get(w("val"), "0"), int_attr(ilvl, "w:val", where, 0, low=0) if ilvl is not None else 0


def _style_chain(styles: dict[str, _Style], style_id: str | None) -> Iterator[_Style]:
    seen: set[str] = set()
    while style_id and style_id in styles and style_id not in seen:
        seen.add(style_id)
        yield styles[style_id]
        style_id = styles[style_id].based_on


def _body_paragraphs(container: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs in reading order, descending into tables and content controls."""
    for child in container:
        if child.tag == w("p"):
            yield child
        elif child.tag in (w("tbl"), w("tr"), w("tc"), w("sdt"), w("sdtContent"), w("customXml")):
            yield from _body_paragraphs(child)


def _plain(inlines: tuple[Inline, ...]) -> str:
    from composer.model.walk import plain_text

    return plain_text(inlines)


class _Pieces:
    """Text of a paragraph as (text, format) pieces and notes, in order."""

    def __init__(self) -> None:
        self.items: list[tuple[str, int] | Note] = []

    def text(self, text: str, fmt: int) -> None:
        if not text:
            return
        last = self.items[-1] if self.items else None
        if isinstance(last, tuple) and last[1] == fmt:
            self.items[-1] = (last[0] + text, fmt)
        else:
            self.items.append((text, fmt))

    def cut_prefix(self, count: int) -> None:
        """Drop the first ``count`` characters (a typed label) from the text pieces."""
        while count > 0 and self.items and isinstance(self.items[0], tuple):
            text, fmt = self.items[0]
            if len(text) <= count:
                count -= len(text)
                self.items.pop(0)
            else:
                self.items[0] = (text[count:], fmt)
                count = 0

    def leading_text(self) -> str:
        out = []
        for item in self.items:
            if not isinstance(item, tuple):
                break
            out.append(item[0])
        return "".join(out)

    def inlines(self) -> tuple[Inline, ...]:
        out: list[Inline] = []
        for item in self.items:
            if isinstance(item, Note):
                out.append(item)
                continue
            text, fmt = item
            inline: Inline = Text(text)
            if fmt & ITALIC:
                inline = Emph((inline,))
            if fmt & BOLD:
                inline = Strong((inline,))
            out.append(inline)
        return tuple(out)


NoteMap = dict[tuple[str, int], Note]


class _Walk:
    """What a walk through one paragraph needs besides the pieces: the notes and the part's name."""

    def __init__(self, note_map: NoteMap | None, where: str):
        self.note_map = note_map
        self.where = where


def _collect(element: etree._Element, pieces: _Pieces, walk: _Walk) -> list[str]:
    """Walk a paragraph's content into ``pieces``; return the bookmark names met on the way."""
    bookmarks: list[str] = []
    for child in element:
        tag = child.tag
        if tag == w("r"):
            _run(child, pieces, walk)
        elif tag in _DESCEND:
            bookmarks += _collect(child, pieces, walk)
        elif tag == w("bookmarkStart"):
            bookmarks.append(child.get(w("name"), ""))
        elif tag == f"{{{MC_NS}}}AlternateContent":
            choice = child.find(f"{{{MC_NS}}}Choice")
            if choice is not None:
                bookmarks += _collect(choice, pieces, walk)
    return bookmarks


def _run(run: etree._Element, pieces: _Pieces, walk: _Walk) -> None:
    rpr = run.find(w("rPr"))
    fmt = 0
    if rpr is not None:
        fmt = (ITALIC if is_on(rpr.find(w("i"))) else 0) | (BOLD if is_on(rpr.find(w("b"))) else 0)
    for child in run:
        tag = child.tag
        if tag == w("t"):
            pieces.text(child.text or "", fmt)
        elif tag in (w("tab"), w("ptab")):
            pieces.text("\t", fmt)
        elif tag == w("br"):
            if child.get(w("type")) not in ("page", "column"):
                pieces.text("\n", fmt)
        elif tag == w("cr"):
            pieces.text("\n", fmt)
        elif tag == w("noBreakHyphen"):
            pieces.text("-", fmt)
        elif tag in (w("footnoteReference"), w("endnoteReference")) and walk.note_map is not None:
            kind = "footnote" if tag == w("footnoteReference") else "endnote"
            reference = notes.reference_id(child, walk.where)
            note = walk.note_map.get((kind, reference)) if reference is not None else None
            if note is not None:
                pieces.items.append(note)


def _notes(root: etree._Element | None, kind: notes.NoteKind, where: str) -> dict[tuple[str, int], Note]:
    out: dict[tuple[str, int], Note] = {}
    if root is None:
        return out
    for note in root.iter(w(kind)):
        if notes.is_separator(note):
            continue
        pieces = _Pieces()
        for index, paragraph in enumerate(note.iter(w("p"))):
            if index:
                pieces.text("\n", 0)
            _collect(paragraph, pieces, _Walk(None, where))
        if pieces.items and isinstance(pieces.items[0], tuple):
            first, fmt = pieces.items[0]
            pieces.items[0] = (first.lstrip(" \t"), fmt)
            if not pieces.items[0][0]:
                pieces.items.pop(0)
        out[(kind, notes.note_id(note, where))] = Note(content=pieces.inlines())
    return out


class _BodyReader:
    """Turns body paragraphs into blocks, keeping numbering counters across the document."""

    def __init__(
        self,
        styles: dict[str, _Style],
        numbering: Numbering,
        note_map: NoteMap,
        bookmark_table: dict[str, str] | None = None,
        where: str = "word/document.xml",
    ):
        self.bookmark_table = bookmark_table or {}
        self.styles = styles
        self.numbering = numbering
        self.walk = _Walk(note_map, where)
        self.where = where

    def block(self, paragraph: etree._Element) -> tuple[Heading | Para | None, BlockSource]:
        ppr = paragraph.find(w("pPr"))
        style_el = ppr.find(w("pStyle")) if ppr is not None else None
        style_id = style_el.get(w("val")) if style_el is not None else None
        pieces = _Pieces()
        bookmarks = _collect(paragraph, pieces, self.walk)
        auto_label = self._auto_label(ppr, style_id)
        facts = BlockSource(ppr=_clean_ppr(ppr), auto_label=auto_label is not None)
        if not pieces.items or not any(isinstance(i, Note) or i[0].strip() for i in pieces.items):
            return None, facts
        # The last bookmark opened in a paragraph is the innermost: an action's own id, not its list's.
        name = next((b for b in reversed(bookmarks) if b and not b.startswith("_")), None)
        block_id = (block_id_for_bookmark(name, self.bookmark_table) or name) if name else None
        level = self._heading_level(ppr, style_id)
        if level is not None:
            return Heading(level=level, content=pieces.inlines(), id=block_id), facts
        label = auto_label
        if label is None:
            typed, _rest = split_label(pieces.leading_text())
            if typed:
                pieces.cut_prefix(len(typed))
                label = typed
        return Para(content=pieces.inlines(), id=block_id, numbered=label is not None, label=label), facts

    def _auto_label(self, ppr: etree._Element | None, style_id: str | None) -> str | None:
        num = _num_pr(ppr, self.where) if ppr is not None else None
        if num is None:
            num = next((s.num for s in _style_chain(self.styles, style_id) if s.num), None)
        if num is None:
            return None
        return self.numbering.next_label(*num)

    def _heading_level(self, ppr: etree._Element | None, style_id: str | None) -> int | None:
        outline = _outline_level(ppr, self.where) if ppr is not None else None
        if outline is not None and outline < 9:
            return outline + 1
        for style in _style_chain(self.styles, style_id):
            match = _HEADING_NAME.match(style.name)
            if match:
                return max(1, int(match.group(1)))
            if style.name.lower() == "title":
                return 1
            if style.outline is not None and style.outline < 9:
                return style.outline + 1
        return None


def _clean_ppr(ppr: etree._Element | None) -> bytes | None:
    """The paragraph properties a redline may reuse: no section breaks, no mark formatting, no revisions."""
    if ppr is None:
        return None
    copy = etree.fromstring(etree.tostring(ppr))
    for child in list(copy):
        if child.tag in _PPR_DROP:
            copy.remove(child)
    return etree.tostring(copy)

