"""Markdown redline for terminals: summary table, then changed paragraphs in {+ins+} [-del-] form."""

from __future__ import annotations

from composer.compare.changes import DELETE, EQUAL, INSERT, BlockChange, Piece, Redline
from composer.render.md_escape import escape_markdown
from composer.render.redline.summary import headline, is_quiet, summary_rows, unit_number


def _inline(pieces: list[Piece]) -> str:
    out = []
    for piece in pieces:
        text = "[^]" if piece.note >= 0 else escape_markdown(piece.text)
        if piece.op == INSERT:
            out.append(f"{{+{text}+}}")
        elif piece.op == DELETE:
            out.append(f"[-{text}-]")
        else:
            out.append(text)
    return "".join(out)


def render_redline_markdown(redline: Redline) -> str:
    """Markdown text: what changed, paragraph by paragraph (unchanged text left out)."""
    lines = [f"# Redline: {escape_markdown(redline.old_name)} → {escape_markdown(redline.new_name)}", "",
             headline(redline), ""]
    rows = summary_rows(redline)
    if rows:
        lines += ["| old | new | change | words changed |", "|---|---|---|---|"]
        lines += [f"| {r.old_number} | {r.new_number} | {r.kind}{', punctuation' if r.punctuation else ''} | {r.share:.0%} |" for r in rows]
        lines.append("")
    for change in redline.changes:
        if is_quiet(change):  # renumbered or punctuation only: in the table above, not here
            continue
        if change.kind == "moved":
            where = f"{unit_number(change.old)} → {unit_number(change.new)}"
        else:
            where = unit_number(change.new if change.new is not None else change.old)
        lines.append(f"## {change.kind}{' ' + where if where else ''}")
        lines.append("")
        lines.append(_inline(shown_pieces(change)))
        for number, note in enumerate(change.notes, start=1):
            if note.kind != "unchanged":
                lines.append(f"- footnote {number} ({note.kind}): {_inline(note.pieces)}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def shown_pieces(change: BlockChange) -> list[Piece]:
    """The label as it now reads (a renumbering is reported in the summary, not marked up),
    then the text: a move whose words did not change shows as its new wording."""
    if change.kind in ("inserted", "deleted"):
        return [*change.label_pieces, *change.pieces]
    label = [Piece(EQUAL, p.text, p.fmt, p.note) for p in change.label_pieces if p.op != DELETE]
    pieces = change.pieces
    if change.punctuation_only:
        pieces = [Piece(EQUAL, p.text, p.fmt, p.note) for p in pieces if p.op != DELETE]
    return [*label, *pieces]
