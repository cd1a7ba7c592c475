"""HTML redline (Jinja2 template + CSS in templates/): summary, legend, then the marked-up text."""

from __future__ import annotations

from typing import Any

from composer.compare.changes import DELETE, INSERT, BlockChange, NoteChange, Piece, Redline
from composer.render.redline.options import RedlineOptions
from composer.render.redline.summary import change_anchor, headline, summary_rows, unit_number
from composer.templating import TEMPLATES_DIR, environment


def _pieces(pieces: list[Piece], note_numbers: list[int]) -> list[dict[str, Any]]:
    return [
        {
            "op": p.op,
            "text": p.text,
            "italic": bool(p.fmt & 1),
            "bold": bool(p.fmt & 2),
            "note": note_numbers[p.note] if p.note >= 0 else None,
        }
        for p in pieces
    ]


def _side(pieces: list[Piece], side: str) -> list[Piece]:
    drop = INSERT if side == "old" else DELETE
    return [Piece("=", p.text, p.fmt, p.note) for p in pieces if p.op != drop]


def view_model(redline: Redline, options: RedlineOptions) -> dict[str, Any]:
    """Everything the template shows, as plain data (no markup built in Python)."""
    blocks: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    for placement in redline.stream:
        change = placement.change
        numbers = []
        for note in change.notes:
            numbers.append(len(notes) + 1)
            notes.append(_note_view(note, placement.role, len(notes) + 1))
        pieces, label = change.pieces, change.label_pieces
        if placement.role in ("from", "to"):
            side = "old" if placement.role == "from" else "new"
            pieces, label = _side(pieces, side), _side(label, side)
        blocks.append(
            {
                "kind": change.kind,
                "role": placement.role,
                "move_id": change.move_id,
                "heading": change.unit_kind == "heading",
                "level": min(max(change.level, 1), 6),
                "anchor": change_anchor(change) + ("-from" if placement.role == "from" else ""),
                "label": _pieces(label, numbers),
                "pieces": _pieces(pieces, numbers),
                "old_number": unit_number(change.old),
                "new_number": unit_number(change.new),
                "renumbered": change.renumbered,
                "diff_in_move": placement.role == "to" and _changed(change),
                "move_diff": _pieces(change.pieces, numbers) if placement.role == "to" and _changed(change) else [],
            }
        )
    return {
        "title": f"Redline: {redline.old_name} → {redline.new_name}",
        "old_name": redline.old_name,
        "new_name": redline.new_name,
        "date": options.date,
        "author": options.author,
        "headline": headline(redline),
        "summary": redline.summary,
        "rows": summary_rows(redline),
        "blocks": blocks,
        "notes": notes,
        "colors": options.colors,
        "css": (TEMPLATES_DIR / "redline.css").read_text(encoding="utf-8"),
    }


def _changed(change: BlockChange) -> bool:
    return any(p.op != "=" for p in change.pieces)


def _note_view(note: NoteChange, role: str, number: int) -> dict[str, Any]:
    pieces = note.pieces
    if role in ("from", "to"):
        pieces = _side(pieces, "old" if role == "from" else "new")
    return {"number": number, "kind": note.kind if role == "here" else f"moved ({role})", "pieces": _pieces(pieces, [])}


def render_redline_html(redline: Redline, options: RedlineOptions | None = None) -> str:
    """The redline as one self-contained HTML page."""
    options = options or RedlineOptions(date=redline.date)
    return environment(trim_blocks=True).get_template("redline.html.j2").render(**view_model(redline, options))
