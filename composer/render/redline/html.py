"""HTML redline (Jinja2 template + CSS in templates/): summary, legend, then the marked-up text."""

from __future__ import annotations

from typing import Any

from composer.compare.changes import DELETE, INSERT, BlockChange, NoteChange, Piece, Redline
from composer.render.redline.options import RedlineOptions
from composer.render.redline.summary import change_anchor, headline, quiet_counts, summary_rows, unit_number
from composer.templating import environment

#: The redline wears the house look of our documents (typeface, paragraphs) and, on paper,
#: our PDFs' page (running header, page numbers, footnotes at the foot): one source for both.
PAGE_CSS = ("document.css", "redline.css")
PRINT_CSS = ("document.css", "print.css", "redline.css")


def _pieces(pieces: list[Piece], note_numbers: list[int | None]) -> list[dict[str, Any]]:
    return [
        {
            "op": p.op,
            "text": p.text,
            "italic": bool(p.fmt & 1),
            "bold": bool(p.fmt & 2),
            "proposer": bool(p.fmt & 4),
            "note": note_numbers[p.note] if p.note >= 0 else None,
        }
        for p in pieces
    ]


def _side(pieces: list[Piece], side: str) -> list[Piece]:
    drop = INSERT if side == "old" else DELETE
    return [Piece("=", p.text, p.fmt, p.note) for p in pieces if p.op != drop]


def view_model(redline: Redline, options: RedlineOptions, paged: bool = False,
               foot_notes: bool = True) -> dict[str, Any]:
    """Everything the template shows, as plain data (no markup built in Python).

    ``paged`` (the PDF) puts each footnote's text at its reference, for WeasyPrint to set at
    the foot of the page (unless ``foot_notes`` is False: the PDF's fallback layout); the HTML
    page lists the notes at the end.
    """
    blocks: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    for placement in redline.stream:
        change = placement.change
        numbers: list[int | None] = []
        for note in change.notes:
            if placement.role == "from":  # a moved paragraph's notes are shown once, where it went
                numbers.append(None)
                continue
            numbers.append(len(notes) + 1)
            notes.append(_note_view(note, placement.role, len(notes) + 1))
        pieces, label = change.pieces, change.label_pieces
        if placement.role in ("from", "to"):
            side = "old" if placement.role == "from" else "new"
            pieces, label = _side(pieces, side), _side(label, side)
        elif change.kind not in ("inserted", "deleted"):
            # Renumbering and punctuation-only changes are counted in the summary, not marked
            # up: the paragraph shows its number and its punctuation as they now read.
            label = _side(label, "new")
            if change.punctuation_only:
                pieces = _side(pieces, "new")
        words_in_move = placement.role == "to" and _changed(change) and not change.punctuation_only
        blocks.append(
            {
                "kind": change.kind,
                "role": placement.role,
                "move_id": change.move_id,
                "heading": change.unit_kind == "heading",
                # A numbered paragraph hangs its number, an action its letter further in, as in
                # our documents (document.css): the label is written apart from the text.
                "hang": ("item" if change.unit_kind == "item" else "numbered") if _has_label(change) else "",
                "level": min(max(change.level, 1), 6),
                "anchor": change_anchor(change) + ("-from" if placement.role == "from" else ""),
                "label": _pieces(label, numbers),
                "pieces": _pieces(pieces, numbers),
                "old_number": unit_number(change.old),
                "new_number": unit_number(change.new),
                "diff_in_move": words_in_move,
                "move_diff": _pieces(change.pieces, numbers) if words_in_move else [],
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
        "quiet": quiet_counts(redline),
        "blocks": blocks,
        "notes": notes,
        "note_by_number": {n["number"]: n for n in notes},
        "paged": paged,
        "foot_notes": paged and foot_notes,
        "head": {"title": f"Redline: {redline.old_name} → {redline.new_name}",
                 "meta": " · ".join(part for part in (options.date, options.author) if part)},
        "colors": options.colors,
    }


def _has_label(change: BlockChange) -> bool:
    unit = change.new if change.new is not None else change.old
    return unit is not None and bool(unit.label) and unit.kind in ("para", "item")


def _changed(change: BlockChange) -> bool:
    return any(p.op != "=" for p in change.pieces)


def _note_view(note: NoteChange, role: str, number: int) -> dict[str, Any]:
    pieces = note.pieces
    if role in ("from", "to"):
        pieces = _side(pieces, "old" if role == "from" else "new")
    # At a move's new place the note reads as it now does; its words' changes are the move's.
    return {"number": number, "kind": note.kind if role == "here" else "unchanged", "pieces": _pieces(pieces, [])}


def render_redline_html(redline: Redline, options: RedlineOptions | None = None, paged: bool = False,
                        foot_notes: bool = True) -> str:
    """The redline as one self-contained HTML page (``paged``: the source of the PDF)."""
    from composer.render.html import _stylesheets, css_string

    options = options or RedlineOptions(date=redline.date)
    env = environment(trim_blocks=True)
    env.filters.setdefault("css_string", css_string)
    css = _stylesheets(env, list(PRINT_CSS if paged else PAGE_CSS))
    return env.get_template("redline.html.j2").render(css=css, **view_model(redline, options, paged, foot_notes))


def shown_notes(redline: Redline, options: RedlineOptions) -> list[tuple[int, str]]:
    """Every footnote as the page shows it, (number, text), for the PDF's read-back check."""
    out = []
    for note in view_model(redline, options)["notes"]:
        kind = f"({note['kind']}) " if note["kind"] != "unchanged" else ""
        out.append((note["number"], kind + "".join(p["text"] for p in note["pieces"])))
    return out
