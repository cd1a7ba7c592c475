"""compare_documents(old, new) -> Redline: align paragraphs, then diff words and footnotes."""

from __future__ import annotations

from composer.compare.align import Match, align
from composer.compare.changes import (
    DELETE,
    EQUAL,
    INSERT,
    BlockChange,
    NoteChange,
    Piece,
    Placement,
    Redline,
    Summary,
)
from composer.compare.tokens import count_words, is_word
from composer.compare.units import NoteUnit, Part, Tok, Unit, document_units
from composer.compare.wordiff import diff_tokens, engine_name
from composer.errors import InputDocumentError
from composer.model.document import Document
from composer.read.source import SourceDocument, as_source


def compare_documents(old: SourceDocument | Document, new: SourceDocument | Document,
                      engine: str = "fast") -> Redline:
    """Compare two drafts; raise InputDocumentError if either has no text."""
    old_units, new_units = document_units(old), document_units(new)
    for source, units in ((old, old_units), (new, new_units)):
        if not units:
            raise InputDocumentError(f"{as_source(source).name}: the document has no text")
    return build_redline(old, new, old_units, new_units, align(old_units, new_units), engine)


def build_redline(old: SourceDocument | Document, new: SourceDocument | Document, old_units: list[Unit],
                  new_units: list[Unit], matches: list[Match], engine: str = "fast") -> Redline:
    """Turn an alignment into ordered changes with word-level pieces."""
    by_old = {m.old: m for m in matches}
    changes_by_new: dict[int, BlockChange] = {}
    move_ids: dict[int, int] = {}
    for match in sorted(matches, key=lambda m: m.new):
        change = diff_units(old_units[match.old], new_units[match.new], engine, match.moved)
        if match.moved:
            change.move_id = move_ids.setdefault(match.old, len(move_ids) + 1)
        changes_by_new[match.new] = change
    stream: list[Placement] = []
    changes: list[BlockChange] = []
    deleted = {i: whole_change(old_units[i], DELETE) for i in range(len(old_units)) if i not in by_old}
    spine = [m for m in sorted(matches, key=lambda m: m.new) if not m.moved]
    old_cursor = 0
    new_cursor = 0
    for match in [*spine, None]:
        old_stop = match.old if match is not None else len(old_units)
        new_stop = match.new if match is not None else len(new_units)
        for i in range(old_cursor, old_stop):
            if i in deleted:
                stream.append(Placement(deleted[i]))
            elif by_old[i].moved:
                stream.append(Placement(changes_by_new[by_old[i].new], "from"))
        for j in range(new_cursor, new_stop):
            change = changes_by_new.get(j)
            if change is None:
                change = whole_change(new_units[j], INSERT)
                stream.append(Placement(change))
            else:
                stream.append(Placement(change, "to"))
            changes.append(change)
        if match is not None:
            change = changes_by_new[match.new]
            stream.append(Placement(change))
            changes.append(change)
            old_cursor, new_cursor = match.old + 1, match.new + 1
    changes = _with_deletions_in_place(changes, stream)
    return Redline(
        old_name=_name(old),
        new_name=_name(new),
        old_title=_doc(old).meta.title,
        new_title=_doc(new).meta.title,
        changes=changes,
        stream=stream,
        summary=summarize(changes, len(old_units), len(new_units)),
        date=_doc(new).meta.date or _doc(old).meta.date,
        engine=engine_name() if engine == "fast" else "diff-match-patch",
    )


def _with_deletions_in_place(changes: list[BlockChange], stream: list[Placement]) -> list[BlockChange]:
    """Every change once, in stream order (deletions where they stood, moves at their new place)."""
    seen: set[int] = set()
    out: list[BlockChange] = []
    for placement in stream:
        if placement.role == "from":
            continue
        if id(placement.change) not in seen:
            seen.add(id(placement.change))
            out.append(placement.change)
    return out


def _doc(source: SourceDocument | Document) -> Document:
    return as_source(source).document


def _name(source: SourceDocument | Document) -> str:
    return as_source(source).name


def _group(tokens: list[Tok], op: str, out: list[Piece], note_map: dict[int, int] | None = None) -> None:
    """Append tokens as pieces, merging neighbours with the same operation and formatting."""
    buffer: list[str] = []
    fmt = -1
    if out and out[-1].op == op and out[-1].note < 0:
        last = out.pop()
        buffer, fmt = [last.text], last.fmt
    for token in tokens:
        if token.note >= 0:
            if buffer:
                out.append(Piece(op, "".join(buffer), fmt))
                buffer = []
            note = note_map.get(token.note, token.note) if note_map is not None else token.note
            out.append(Piece(op, "", token.fmt, note))
            fmt = -1
            continue
        if token.fmt != fmt and buffer:
            out.append(Piece(op, "".join(buffer), fmt))
            buffer = []
        fmt = token.fmt
        buffer.append(token.text)
    if buffer:
        out.append(Piece(op, "".join(buffer), fmt))


def _piece_words(piece: Piece) -> int:
    """Words in a piece of text, counted as the word diff counts them."""
    return count_words(piece.text)


def _label_pieces(old: Unit | None, new: Unit | None) -> list[Piece]:
    old_text = old.label_text if old is not None else ""
    new_text = new.label_text if new is not None else ""
    if old_text == new_text:
        return [Piece(EQUAL, new_text)] if new_text else []
    return [p for p in (Piece(DELETE, old_text), Piece(INSERT, new_text)) if p.text]


def whole_change(unit: Unit, op: str) -> BlockChange:
    """A paragraph present on one side only: every piece deleted (old) or inserted (new)."""
    pieces = _parts_pieces(unit.parts, op)
    notes = [_whole_note(note, op) for note in unit.notes]
    words = unit.words
    is_old = op == DELETE
    return BlockChange(
        kind="deleted" if is_old else "inserted",
        old=unit if is_old else None,
        new=None if is_old else unit,
        label_pieces=_label_pieces(unit if is_old else None, None if is_old else unit),
        pieces=pieces,
        notes=notes,
        words_old=words if is_old else 0,
        words_new=0 if is_old else words,
        words_changed=words,
    )


def _whole_note(note: NoteUnit, op: str) -> NoteChange:
    return NoteChange("deleted" if op == DELETE else "inserted", _parts_pieces(note.parts, op))


def _parts_pieces(parts: list[Part], op: str, note_map: dict[int, int] | None = None) -> list[Piece]:
    """Pieces straight from a unit's formatted parts (no tokenizing: the whole text has one op)."""
    pieces: list[Piece] = []
    for part in parts:
        if isinstance(part, int):
            pieces.append(Piece(op, "", 0, note_map.get(part, part) if note_map is not None else part))
        elif pieces and pieces[-1].note < 0 and pieces[-1].fmt == part[1]:
            pieces[-1] = Piece(op, pieces[-1].text + part[0], part[1])
        else:
            pieces.append(Piece(op, part[0], part[1]))
    return pieces


def diff_units(old: Unit, new: Unit, engine: str = "fast", moved: bool = False) -> BlockChange:
    """Word diff of two paired units, footnotes included."""
    pieces: list[Piece] = []
    notes: list[NoteChange] = []
    changed = 0
    if old.key == new.key:
        for old_note, new_note in zip(old.notes, new.notes, strict=True):
            notes.append(_diff_note(old_note, new_note, engine))
        pieces = _parts_pieces(new.parts, EQUAL)
    else:
        spans = diff_tokens([t.key for t in old.tokens], [t.key for t in new.tokens], engine)
        for span in spans:
            if span.op == EQUAL:
                for k in range(span.b1 - span.b0):
                    old_tok, new_tok = old.tokens[span.a0 + k], new.tokens[span.b0 + k]
                    if new_tok.note >= 0:
                        pieces.append(Piece(EQUAL, "", new_tok.fmt, len(notes)))
                        notes.append(_diff_note(old.notes[old_tok.note], new.notes[new_tok.note], engine))
                    else:
                        _group([new_tok], EQUAL, pieces)
            else:
                side = old if span.op == DELETE else new
                lo, hi = (span.a0, span.a1) if span.op == DELETE else (span.b0, span.b1)
                for token in side.tokens[lo:hi]:
                    if token.note >= 0:
                        pieces.append(Piece(span.op, "", token.fmt, len(notes)))
                        notes.append(_whole_note(side.notes[token.note], span.op))
                    else:
                        _group([token], span.op, pieces)
                        changed += int(is_word(token.text))
    for note in notes:
        if note.kind != "unchanged":
            changed += sum(_piece_words(p) for p in note.pieces if p.op != EQUAL)
    label_pieces = _label_pieces(old, new)
    text_changed = any(p.op != EQUAL for p in pieces) or any(n.kind != "unchanged" for n in notes)
    kind = "moved" if moved else "modified" if text_changed else "unchanged"
    return BlockChange(
        kind=kind,
        old=old,
        new=new,
        label_pieces=label_pieces,
        pieces=pieces,
        notes=notes,
        words_old=old.words,
        words_new=new.words,
        words_changed=changed,
    )


def _diff_note(old: NoteUnit, new: NoteUnit, engine: str) -> NoteChange:
    if old.text == new.text:
        return NoteChange("unchanged", _parts_pieces(new.parts, EQUAL))
    spans = diff_tokens([t.key for t in old.tokens], [t.key for t in new.tokens], engine)
    pieces = []
    for span in spans:
        if span.op == EQUAL:
            _group(new.tokens[span.b0 : span.b1], EQUAL, pieces)
        elif span.op == DELETE:
            _group(old.tokens[span.a0 : span.a1], DELETE, pieces)
        else:
            _group(new.tokens[span.b0 : span.b1], INSERT, pieces)
    return NoteChange("modified", pieces)


def summarize(changes: list[BlockChange], old_count: int, new_count: int) -> Summary:
    """Counts per kind, renumberings, footnote changes and words inserted/deleted."""
    counts = dict.fromkeys(("unchanged", "modified", "inserted", "deleted", "moved"), 0)
    notes = dict.fromkeys(("unchanged", "modified", "inserted", "deleted"), 0)
    inserted = deleted = 0
    for change in changes:
        counts[change.kind] += 1
        for note in change.notes:
            notes[note.kind] += 1
        for piece in change.pieces:
            words = _piece_words(piece)
            if piece.op == INSERT:
                inserted += words
            elif piece.op == DELETE:
                deleted += words
    return Summary(
        counts=counts,
        renumbered=sum(1 for c in changes if c.renumbered),
        notes=notes,
        words_inserted=inserted,
        words_deleted=deleted,
        old_paragraphs=old_count,
        new_paragraphs=new_count,
    )
