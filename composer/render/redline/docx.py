"""DOCX redline with native tracked changes, built on the new draft's own package and styles.

Inserted and deleted words become ``w:ins``/``w:del`` (deleted text in ``w:delText``), whole
paragraphs get tracked paragraph marks, moves get ``w:moveFrom``/``w:moveTo`` with named
ranges, and footnotes carry their own tracked changes. Word's and LibreOffice's "Accept all"
give the new text, "Reject all" the old text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from lxml import etree

from composer.compare.changes import DELETE, EQUAL, INSERT, BlockChange, NoteChange, Piece, Placement, Redline
from composer.compare.units import Unit
from composer.model.document import Document
from composer.ooxml.ns import W_NS, w
from composer.read.source import SourceDocument
from composer.render.redline import oxml
from composer.render.redline.house_styles import HouseParagraph, house_paragraphs
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


_MOVED_FROM, _MOVED_TO = "moveFrom", "moveTo"


@dataclass
class _Para:
    """One paragraph to write; ``first``/``last`` are the operations its text starts and ends with.

    A moved paragraph starts and ends with ``moveFrom``/``moveTo``, not with a deletion or an
    insertion: LibreOffice never joins moved text with plain inserted or deleted text. Its runs
    are written by ``render(pieces)`` only once the paragraph marks are chosen, because
    ``place_marks`` may still reorder the pieces at the edges of a paragraph (``editable``).
    """

    ppr: bytes | None
    mark: str | None
    pieces: list[Piece]
    render: Callable[[list[Piece]], str]
    first: str = EQUAL
    last: str = EQUAL
    editable: bool = False
    notes: bool = False
    whole: bool = False

    def content(self) -> str:
        return self.render(self.pieces)


class _Writer:
    """Turns a redline's stream into paragraph and footnote XML for one package."""

    def __init__(self, redline: Redline, old: SourceDocument | Document, new: SourceDocument | Document,
                 styles: dict[str, str], first_note_id: int, options: RedlineOptions,
                 house: tuple[dict[int, HouseParagraph], dict[int, HouseParagraph]] = ({}, {})):
        self.redline = redline
        self.house_old, self.house_new = house
        # Our writer hangs a footnote's number with a tab (Footnote Text); a foreign draft's
        # notes keep the plain space that any template shows well.
        self.note_separator = "\t" if self.house_new else " "
        self.old = old if isinstance(old, SourceDocument) else None
        self.new = new if isinstance(new, SourceDocument) else None
        self.styles = styles
        self.known = set(styles.values())
        self.revisions = oxml.Revisions(author=options.author, date=options.revision_date,
                                        proposer_style=styles.get("bracket proposer"))
        self.note_id = first_note_id
        self.footnotes: list[str] = []
        self.ref_style = styles.get("footnote reference")
        self.text_style = styles.get("footnote text")

    def paragraphs(self) -> list[_Para]:
        return place_marks([self._placement(p) for p in self.redline.stream])

    def _placement(self, placement: Placement) -> _Para:
        change = placement.change
        if placement.role in ("from", "to"):
            kind, side, op = (_MOVED_FROM, "old", DELETE) if placement.role == "from" else (_MOVED_TO, "new", INSERT)
            label, pieces = _side(self._tabbed(change, change.label_pieces), side, op), _side(change.pieces, side, op)
            role = placement.role

            def render_move(_pieces: list[Piece]) -> str:
                name = self.revisions.move_names.setdefault(change.move_id or 0, f"move{change.move_id}")
                return oxml.move_xml(kind, name, self._content(change, label, pieces, role), self.revisions)

            ppr = self._old_ppr(change) if role == "from" else self._new_ppr(change)
            return _Para(ppr, kind, [*label, *pieces], render_move, kind, kind,
                         notes=any(p.note >= 0 for p in [*label, *pieces]), whole=True)
        mark = _MARKS.get(change.kind)
        ppr = self._old_ppr(change) if change.kind == "deleted" else self._new_ppr(change)
        pieces = [*self._tabbed(change, change.label_pieces), *change.pieces]
        first, last = (pieces[0].op, pieces[-1].op) if pieces else (EQUAL, EQUAL)
        return _Para(ppr, mark, pieces, lambda ps: self._content(change, [], ps, "here"), first, last,
                     editable=True, notes=any(p.note >= 0 for p in pieces), whole=mark is not None)

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
        head = (f"<w:r><w:rPr>{ref_props}</w:rPr><w:footnoteRef/></w:r>"
                f"{oxml.run_xml(self.note_separator, 0, whole == DELETE)}")
        body = oxml.pieces_xml(note.pieces, self.revisions, lambda _p: "")
        self.footnotes.append(
            f'<w:footnote w:id="{note_id}"><w:p>{style}{oxml.wrap(whole, head, self.revisions)}{body}</w:p></w:footnote>'
        )
        return oxml.note_ref_xml(note_id, self.ref_style, fmt)

    def _tabbed(self, change: BlockChange, label: list[Piece]) -> list[Piece]:
        """Label pieces ending with a tab where the draft's house paragraph hangs its number."""
        old = self.house_old.get(change.old.index) if change.old is not None else None
        new = self.house_new.get(change.new.index) if change.new is not None else None
        out = []
        for piece in label:
            house = old if piece.op == DELETE else new
            if house is not None and house.tabbed_label and piece.note < 0:
                piece = Piece(piece.op, piece.text.rstrip(" \t\u00a0") + "\t", piece.fmt, piece.note)
            out.append(piece)
        # A renumbering ("18.<tab>" became "19.<tab>") tracks the numbers only; the tab is shared.
        if len(out) == 2 and [p.op for p in out] == [DELETE, INSERT] and all(p.text.endswith("\t") for p in out):
            out = [Piece(p.op, p.text[:-1], p.fmt) for p in out] + [Piece(EQUAL, "\t", out[1].fmt)]
        return out

    def _new_ppr(self, change: BlockChange) -> bytes | None:
        if self.new is not None and change.new is not None:
            ppr = self.new.source_of(change.new.block).ppr
            if ppr is not None or self.new.kind == "docx":
                return ppr
        if change.new is not None and change.new.index in self.house_new:
            return self.house_new[change.new.index].ppr
        return self._kind_ppr(change)

    def _old_ppr(self, change: BlockChange) -> bytes | None:
        if self.old is not None and change.old is not None and self.old.kind == "docx":
            return oxml.sanitize_foreign_ppr(self.old.source_of(change.old.block).ppr, self.known)
        if change.old is not None and change.old.index in self.house_old:
            return oxml.sanitize_foreign_ppr(self.house_old[change.old.index].ppr, self.known)
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


_MARK_OP = {"ins": INSERT, "del": DELETE, _MOVED_TO: _MOVED_TO, _MOVED_FROM: _MOVED_FROM}


def place_marks(paragraphs: list[_Para]) -> list[_Para]:
    """Choose the tracked paragraph marks, then keep LibreOffice from joining changes across breaks.

    Every step keeps Accept all and Reject all exact; the later ones only exist because of how
    LibreOffice (7.4) loads and resolves tracked changes:

    * LibreOffice joins an insertion that ends a paragraph with an insertion that starts the next
      one when the paragraph break between them is untracked (the break is then lost by "Reject
      all"). Moved text is not joined with plain insertions; deletions were not seen joined.
    * LibreOffice's "Accept all"/"Reject all" leaves an empty paragraph behind when the change
      that removes a whole paragraph holding the document's first footnote also removes that
      paragraph's own break.
    """
    paragraphs = _choose_marks(paragraphs)
    _free_first_note_break(paragraphs)
    _part_insertions(paragraphs)
    return paragraphs


def _choose_marks(paragraphs: list[_Para]) -> list[_Para]:
    """Choose which paragraph marks carry the tracking of each run of whole-paragraph changes.

    A run T1..Tk of same-kind tracked paragraphs after an untracked paragraph P can be written
    two ways that both accept and reject exactly: T1..Tk's own marks tracked ("own"), or every
    mark shifted up by one (P takes T1's, ..., Tk keeps an untracked mark: "shifted"). The last
    paragraph mark of a document cannot be tracked, so a final run is always shifted. Elsewhere
    an inserted or deleted run is shifted only when P's text ends with the same kind of change
    and the next paragraph's text does not start with it (a moved paragraph does not count: it
    starts with a move), so that no untracked break sits between two insertions.
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


def _free_first_note_break(paragraphs: list[_Para]) -> None:
    """The whole inserted or deleted paragraph holding the first footnote keeps an untracked break.

    The marks from the untracked paragraph P before its run down to it move up by one (P takes
    the first one), as in a shifted run; the paragraphs after it in the run keep their own.
    """
    at = next((i for i, p in enumerate(paragraphs) if p.notes), None)
    if at is None or not paragraphs[at].whole or paragraphs[at].mark not in ("ins", "del"):
        return
    mark = paragraphs[at].mark
    op = _MARK_OP[mark or ""]
    if op == INSERT and at + 1 < len(paragraphs) and paragraphs[at + 1].first == INSERT:
        return
    start = at
    while start > 0 and paragraphs[start - 1].mark == mark and paragraphs[start - 1].whole \
            and paragraphs[start - 1].first == op:
        start -= 1
    if start == 0 or paragraphs[start - 1].mark is not None:
        return
    _shift(paragraphs, start, at + 1)


def _part_insertions(paragraphs: list[_Para]) -> None:
    """No untracked paragraph break between an insertion that ends one paragraph and one that starts the next.

    The next paragraph's leading change (or else this one's trailing change) is reordered to put
    its deletion at the edge; with no deletion there, one character of the neighbouring common
    text is shown deleted and re-inserted (both texts unchanged). Moved paragraphs are left alone.
    """
    for i in range(len(paragraphs) - 1):
        before, after = paragraphs[i], paragraphs[i + 1]
        if before.mark is None and before.last == INSERT and after.first == INSERT:
            _open_start(after) or _open_end(before)


def _open_start(paragraph: _Para) -> bool:
    """Let ``paragraph`` start with a deletion: reorder the leading change, or re-type one character."""
    if not paragraph.editable:
        return False
    pieces = paragraph.pieces
    n = next((k for k, p in enumerate(pieces) if p.op == EQUAL), len(pieces))
    edge, rest = pieces[:n], pieces[n:]
    if any(p.op == DELETE for p in edge):
        new = [*(p for p in edge if p.op == DELETE), *(p for p in edge if p.op != DELETE), *rest]
    elif rest and rest[0].note < 0 and rest[0].text:
        same, cut = rest[0], _grapheme(rest[0].text, at_start=True)
        tail = [Piece(EQUAL, same.text[cut:], same.fmt)] if same.text[cut:] else []
        new = [Piece(DELETE, same.text[:cut], same.fmt), *edge, Piece(INSERT, same.text[:cut], same.fmt),
               *tail, *rest[1:]]
    else:
        return False
    _set_pieces(paragraph, new)
    return True


def _open_end(paragraph: _Para) -> bool:
    """Let ``paragraph`` end with a deletion: reorder the trailing change, or re-type one character."""
    if not paragraph.editable:
        return False
    pieces = paragraph.pieces
    n = next((k for k in range(len(pieces) - 1, -1, -1) if pieces[k].op == EQUAL), -1) + 1
    head, edge = pieces[:n], pieces[n:]
    if any(p.op == DELETE for p in edge):
        new = [*head, *(p for p in edge if p.op != DELETE), *(p for p in edge if p.op == DELETE)]
    elif head and head[-1].note < 0 and head[-1].text:
        same, cut = head[-1], _grapheme(head[-1].text, at_start=False)
        lead = [Piece(EQUAL, same.text[:-cut], same.fmt)] if same.text[:-cut] else []
        new = [*head[:-1], *lead, Piece(INSERT, same.text[-cut:], same.fmt), *edge,
               Piece(DELETE, same.text[-cut:], same.fmt)]
    else:
        return False
    _set_pieces(paragraph, new)
    return True


def _grapheme(text: str, at_start: bool) -> int:
    """Length of the first (or last) character of ``text`` with its combining marks."""
    if at_start:
        cut = 1
        while cut < len(text) and unicodedata.combining(text[cut]):
            cut += 1
        return cut
    cut = 1
    while cut < len(text) and unicodedata.combining(text[-cut]):
        cut += 1
    return cut


def _set_pieces(paragraph: _Para, pieces: list[Piece]) -> None:
    paragraph.pieces = pieces
    paragraph.first, paragraph.last = pieces[0].op, pieces[-1].op


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
    old_part, new_part = paragraphs[last_old], paragraphs[last_new]
    merged = _Para(new_part.ppr, None, [*old_part.pieces, *new_part.pieces],
                   lambda _pieces: old_part.content() + new_part.content(), notes=old_part.notes or new_part.notes)
    return [*(p for i, p in enumerate(paragraphs) if i not in (last_old, last_new)), merged]


def render_redline_docx(redline: Redline, old: SourceDocument | Document, new: SourceDocument | Document,
                        options: RedlineOptions | None = None) -> bytes:
    """The redline as DOCX bytes (see module docstring)."""
    options = options or RedlineOptions(date=redline.date)
    house_old: dict[int, HouseParagraph] = {}
    house_new: dict[int, HouseParagraph] = {}
    if isinstance(new, SourceDocument) and new.kind == "docx" and new.package:
        parts, order = dict(new.package), list(new.package_order)
    else:
        # A draft from a manifest, text or Markdown: the base is the new draft as our DOCX writer
        # renders it, so the redline has the house styles, header and page numbers, and every
        # paragraph the look the writer gives it (hanging numbers, spacing).
        rendered = _rendered(new)
        parts, order = package_from_bytes(rendered)
        house_new = house_paragraphs(rendered, _side_units(redline, "new"))
    if not (isinstance(old, SourceDocument) and old.kind == "docx"):
        house_old = house_paragraphs(_rendered(old), _side_units(redline, "old"))
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
    writer = _Writer(redline, old, new, style_ids(parts, main), first_id, options, (house_old, house_new))
    paragraphs = writer.paragraphs()
    contents = [p.content() for p in paragraphs]
    body_xml = "".join(oxml.paragraph_xml(p.ppr, p.mark, content, writer.revisions)
                       for p, content in zip(paragraphs, contents, strict=True))
    parts[main] = _fill(document, w("body"), body_xml, keep=lambda el: el.tag == w("sectPr"))
    parts[notes_part] = _fill(notes_root, None, "".join(writer.footnotes), keep=lambda el: el in kept_notes)
    parts["docProps/core.xml"] = _core_xml(redline, options)
    if "docProps/core.xml" not in order:
        order.append("docProps/core.xml")
    data = zip_parts(parts, order)
    if options.summary:
        from composer.render.redline.docx_summary import with_summary

        data = with_summary(data, redline, options)
    return data


def _rendered(source: SourceDocument | Document) -> bytes:
    """A draft without a DOCX of its own, as our DOCX writer renders it."""
    from composer.render.docx import render_docx

    return render_docx(source.document if isinstance(source, SourceDocument) else source)


def _side_units(redline: Redline, side: str) -> list[Unit]:
    """The units of one side of the comparison, in document order."""
    units = {id(u): u for c in redline.changes for u in ((c.old,) if side == "old" else (c.new,)) if u is not None}
    return sorted(units.values(), key=lambda u: u.index)


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

