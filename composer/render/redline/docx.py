"""DOCX redline with native tracked changes, built on the new draft's own package and styles.

Inserted and deleted words become ``w:ins``/``w:del`` (deleted text in ``w:delText``), whole
paragraphs get tracked paragraph marks, moves get ``w:moveFrom``/``w:moveTo`` with named
ranges, and footnotes carry their own tracked changes. Word's and LibreOffice's "Accept all"
give the new text, "Reject all" the old text.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from lxml import etree

from composer.compare.changes import DELETE, EQUAL, INSERT, BlockChange, NoteChange, Piece, Placement, Redline
from composer.model.document import Document
from composer.read.ooxml import W_NS, w
from composer.read.source import SourceDocument
from composer.render.redline import oxml
from composer.render.redline.options import RedlineOptions
from composer.render.redline.package import (
    add_footnotes_part,
    default_package,
    main_part,
    package_from_bytes,
    related_part,
    style_ids,
    zip_parts,
)

_PLACEHOLDER = "REDLINE-CONTENT"
_MARKS = {"inserted": "ins", "deleted": "del"}
_OLD_ONLY = {"del", "moveFrom"}


@dataclass
class _Para:
    """One paragraph to write; ``first``/``last`` are the operations its text starts and ends with."""

    ppr: bytes | None
    mark: str | None
    content: str
    first: str = EQUAL
    last: str = EQUAL


class _Writer:
    """Turns a redline's stream into paragraph and footnote XML for one package."""

    def __init__(self, redline: Redline, old: SourceDocument | Document, new: SourceDocument | Document,
                 styles: dict[str, str], first_note_id: int, options: RedlineOptions):
        self.redline = redline
        self.old = old if isinstance(old, SourceDocument) else None
        self.new = new if isinstance(new, SourceDocument) else None
        self.styles = styles
        self.known = set(styles.values())
        self.revisions = oxml.Revisions(author=options.author, date=options.revision_date)
        self.note_id = first_note_id
        self.footnotes: list[str] = []
        self.ref_style = styles.get("footnote reference")
        self.text_style = styles.get("footnote text")

    def paragraphs(self) -> list[_Para]:
        return place_marks([self._placement(p) for p in self.redline.stream])

    def _placement(self, placement: Placement) -> _Para:
        change = placement.change
        if placement.role == "from":
            pieces = _side(change.pieces, "old", DELETE)
            content = self._content(change, _side(change.label_pieces, "old", DELETE), pieces, "from")
            name = self.revisions.move_names.setdefault(change.move_id or 0, f"move{change.move_id}")
            xml = oxml.move_xml("moveFrom", name, content, self.revisions)
            return _Para(self._old_ppr(change), "moveFrom", xml, DELETE, DELETE)
        if placement.role == "to":
            pieces = _side(change.pieces, "new", INSERT)
            content = self._content(change, _side(change.label_pieces, "new", INSERT), pieces, "to")
            name = self.revisions.move_names.setdefault(change.move_id or 0, f"move{change.move_id}")
            xml = oxml.move_xml("moveTo", name, content, self.revisions)
            return _Para(self._new_ppr(change), "moveTo", xml, INSERT, INSERT)
        mark = _MARKS.get(change.kind)
        ppr = self._old_ppr(change) if change.kind == "deleted" else self._new_ppr(change)
        pieces = [*change.label_pieces, *change.pieces]
        first, last = (pieces[0].op, pieces[-1].op) if pieces else (EQUAL, EQUAL)
        return _Para(ppr, mark, self._content(change, change.label_pieces, change.pieces, "here"), first, last)

    def _content(self, change: BlockChange, label: list[Piece], pieces: list[Piece], role: str) -> str:
        """Runs of a paragraph; inside a move region the pieces are plain (the region is the change)."""
        plain = role in ("from", "to")
        runs = [p if not plain else Piece(EQUAL, p.text, p.fmt, p.note) for p in [*label, *pieces]]

        def note_ref(piece: Piece) -> str:
            note = change.notes[piece.note]
            if role == "from":
                note = NoteChange("deleted", _side(note.pieces, "old", DELETE))
            elif role == "to":
                note = NoteChange("inserted", _side(note.pieces, "new", INSERT))
            return self._note(note, piece.fmt)

        # moved-from text stays in w:t (not w:delText), as ECMA-376's w:moveFrom example shows it
        return oxml.pieces_xml(runs, self.revisions, note_ref)

    def _note(self, note: NoteChange, fmt: int) -> str:
        note_id = self.note_id
        self.note_id += 1
        whole = {"inserted": INSERT, "deleted": DELETE}.get(note.kind, EQUAL)
        style = f'<w:pPr><w:pStyle w:val="{escape(self.text_style)}"/></w:pPr>' if self.text_style else ""
        ref_props = f'<w:rStyle w:val="{self.ref_style}"/>' if self.ref_style else '<w:vertAlign w:val="superscript"/>'
        head = f"<w:r><w:rPr>{ref_props}</w:rPr><w:footnoteRef/></w:r>{oxml.run_xml(' ', 0, whole == DELETE)}"
        body = oxml.pieces_xml(note.pieces, self.revisions, lambda _p: "")
        self.footnotes.append(
            f'<w:footnote w:id="{note_id}"><w:p>{style}{oxml.wrap(whole, head, self.revisions)}{body}</w:p></w:footnote>'
        )
        return oxml.note_ref_xml(note_id, self.ref_style, fmt)

    def _new_ppr(self, change: BlockChange) -> bytes | None:
        if self.new is not None and change.new is not None:
            ppr = self.new.source_of(change.new.block).ppr
            if ppr is not None or self.new.kind == "docx":
                return ppr
        return self._kind_ppr(change)

    def _old_ppr(self, change: BlockChange) -> bytes | None:
        if self.old is not None and change.old is not None and self.old.kind == "docx":
            return oxml.sanitize_foreign_ppr(self.old.source_of(change.old.block).ppr, self.known)
        return self._kind_ppr(change)

    def _kind_ppr(self, change: BlockChange) -> bytes | None:
        """Paragraph style for blocks that come from text, Markdown or the model."""
        if change.unit_kind == "heading":
            return oxml.style_ppr(self.styles.get(f"heading {min(max(change.level, 1), 9)}"))
        if change.unit_kind in ("item", "bullet"):
            return oxml.style_ppr(self.styles.get("list paragraph"))
        return None


def _side(pieces: list[Piece], side: str, op: str) -> list[Piece]:
    """The pieces of one side, all marked ``op``."""
    drop = INSERT if side == "old" else DELETE
    return [Piece(op, p.text, p.fmt, p.note) for p in pieces if p.op != drop]


_MARK_OP = {"ins": INSERT, "moveTo": INSERT, "del": DELETE, "moveFrom": DELETE}


def place_marks(paragraphs: list[_Para]) -> list[_Para]:
    """Choose which paragraph marks carry the tracking of each run of whole-paragraph changes.

    A run T1..Tk of same-kind tracked paragraphs after an untracked paragraph P can be written
    two ways that both accept and reject exactly: T1..Tk's own marks tracked ("own"), or every
    mark shifted up by one (P takes T1's, ..., Tk keeps an untracked mark: "shifted"). The last
    paragraph mark of a document cannot be tracked, so a final run is always shifted. Elsewhere
    an inserted or deleted run is shifted only when P's text ends with the same kind of change
    and the next paragraph's text does not start with it: LibreOffice merges same-kind changes
    on both sides of an untracked paragraph break into one, which would lose that break.
    """
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(paragraphs):
        start = i
        while i + 1 < len(paragraphs) and paragraphs[i + 1].mark == paragraphs[start].mark:
            i += 1
        i += 1
        if paragraphs[start].mark is not None:
            runs.append((start, i))
    for start, end in runs:
        kind = paragraphs[start].mark or ""
        free_before = start > 0 and paragraphs[start - 1].mark is None
        if end == len(paragraphs):
            if free_before:
                _shift(paragraphs, start, end)
                return paragraphs
            return _shift_whole_tail(paragraphs)
        if kind in ("ins", "del") and free_before and paragraphs[start - 1].last == _MARK_OP[kind] \
                and paragraphs[end].first != _MARK_OP[kind]:
            _shift(paragraphs, start, end)
    return paragraphs


def _shift(paragraphs: list[_Para], start: int, end: int) -> None:
    """Move the tracked marks of paragraphs[start:end] up by one paragraph."""
    marks = [p.mark for p in paragraphs[start:end]]
    paragraphs[start - 1].mark = marks[0]
    for offset, paragraph in enumerate(paragraphs[start:end]):
        paragraph.mark = marks[offset + 1] if offset + 1 < len(marks) else None


def _shift_whole_tail(paragraphs: list[_Para]) -> list[_Para]:
    """A final run of mixed kinds: shift the whole tracked tail (still exact both ways)."""
    start = len(paragraphs) - 1
    while start > 0 and paragraphs[start - 1].mark is not None:
        start -= 1
    if start == 0:
        return _merge_last(paragraphs)
    _shift(paragraphs, start, len(paragraphs))
    return paragraphs


def _merge_last(paragraphs: list[_Para]) -> list[_Para]:
    """Nothing in common: the last old-only and the last new-only paragraph share the final one."""
    last_old = max(i for i, p in enumerate(paragraphs) if p.mark in _OLD_ONLY)
    last_new = max(i for i, p in enumerate(paragraphs) if p.mark not in _OLD_ONLY)
    merged = _Para(paragraphs[last_new].ppr, None, paragraphs[last_old].content + paragraphs[last_new].content)
    return [*(p for i, p in enumerate(paragraphs) if i not in (last_old, last_new)), merged]


def render_redline_docx(redline: Redline, old: SourceDocument | Document, new: SourceDocument | Document,
                        options: RedlineOptions | None = None) -> bytes:
    """The redline as DOCX bytes (see module docstring)."""
    options = options or RedlineOptions(date=redline.date)
    if isinstance(new, SourceDocument) and new.kind == "docx" and new.package:
        parts, order = dict(new.package), list(new.package_order)
    else:
        # A draft from a manifest, text or Markdown: the base is the new draft as our DOCX writer
        # renders it, so the redline has the house styles, header and page numbers.
        from composer.render.docx import render_docx

        model = new.document if isinstance(new, SourceDocument) else new
        parts, order = package_from_bytes(render_docx(model))
    main = main_part(parts)
    document = etree.fromstring(parts[main])
    if document.nsmap.get("w") != W_NS:
        parts, order = default_package()
        main = main_part(parts)
        document = etree.fromstring(parts[main])
    notes_part = related_part(parts, main, "/footnotes") or add_footnotes_part(parts, order, main)
    notes_root = etree.fromstring(parts[notes_part])
    kept_notes = [n for n in notes_root if n.get(w("type")) in ("separator", "continuationSeparator",
                                                                 "continuationNotice")]
    first_id = max([int(n.get(w("id"), "0")) for n in kept_notes] + [0]) + 1
    writer = _Writer(redline, old, new, style_ids(parts, main), first_id, options)
    body_xml = "".join(oxml.paragraph_xml(p.ppr, p.mark, p.content, writer.revisions) for p in writer.paragraphs())
    parts[main] = _fill(document, w("body"), body_xml, keep=lambda el: el.tag == w("sectPr"))
    parts[notes_part] = _fill(notes_root, None, "".join(writer.footnotes), keep=lambda el: el in kept_notes)
    parts["docProps/core.xml"] = _core_xml(redline, options)
    if "docProps/core.xml" not in order:
        order.append("docProps/core.xml")
    return zip_parts(parts, order)


def _fill(root: etree._Element, container_tag: str | None, content: str, keep) -> bytes:  # type: ignore[no-untyped-def]
    """Replace the children of ``container_tag`` (or the root) with ``content``, keeping some."""
    container = root.find(container_tag) if container_tag else root
    for child in list(container):
        if not keep(child):
            container.remove(child)
    marker = etree.Comment(_PLACEHOLDER)
    sect = [c for c in container if c.tag == w("sectPr")]
    if sect:
        sect[0].addprevious(marker)
    else:
        container.append(marker)
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True).decode("utf-8")
    return xml.replace(f"<!--{_PLACEHOLDER}-->", content, 1).encode("utf-8")


def _core_xml(redline: Redline, options: RedlineOptions) -> bytes:
    date = f"{options.date}T00:00:00Z" if options.date else "2000-01-01T00:00:00Z"
    title = escape(f"Redline: {redline.old_title} → {redline.new_title}")
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{title}</dc:title><dc:creator>{escape(options.author)}</dc:creator>"
        f"<cp:lastModifiedBy>{escape(options.author)}</cp:lastModifiedBy>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{date}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{date}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()

