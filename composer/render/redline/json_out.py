"""JSON change list for scripts: summary counts and every change with its pieces.

``old_number``/``new_number`` are the paragraphs' citations ("OP 3(a)"); ``punctuation_only``
marks a change no word of which changed (the other formats report it in the summary only).
"""

from __future__ import annotations

import json
from typing import Any

from composer.compare.changes import BlockChange, NoteChange, Redline
from composer.render.redline.summary import quiet_counts, unit_number


def _pieces(pieces) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    return [{"op": p.op, "text": p.text} if p.note < 0 else {"op": p.op, "note": p.note} for p in pieces]


def _note(note: NoteChange) -> dict[str, Any]:
    return {"kind": note.kind, "old": note.old_text, "new": note.new_text, "pieces": _pieces(note.pieces)}


def _change(change: BlockChange) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "old_number": unit_number(change.old) or None,
        "new_number": unit_number(change.new) or None,
        "old_label": change.old_label or None,
        "new_label": change.new_label or None,
        "renumbered": change.renumbered,
        "punctuation_only": change.punctuation_only,
        "move_id": change.move_id,
        "words_changed": change.words_changed,
        "share_changed": round(change.share_changed, 4),
        "old_text": change.old.text if change.old is not None else None,
        "new_text": change.new.text if change.new is not None else None,
        "pieces": _pieces([*change.label_pieces, *change.pieces]),
        "footnotes": [_note(n) for n in change.notes],
    }


def redline_to_data(redline: Redline) -> dict[str, Any]:
    s = redline.summary
    return {
        "old": redline.old_name,
        "new": redline.new_name,
        "engine": redline.engine,
        "summary": {
            "changes": s.has_changes,
            "counts": s.counts,
            "renumbered": s.renumbered,
            "punctuation_only": quiet_counts(redline)["punctuation"],
            "footnotes": s.notes,
            "words_inserted": s.words_inserted,
            "words_deleted": s.words_deleted,
            "old_paragraphs": s.old_paragraphs,
            "new_paragraphs": s.new_paragraphs,
        },
        "changes": [_change(c) for c in redline.changes],
    }


def render_redline_json(redline: Redline) -> str:
    return json.dumps(redline_to_data(redline), ensure_ascii=False, indent=1) + "\n"
