"""Markdown redline for terminals: summary table, then changed paragraphs in {+ins+} [-del-] form."""

from __future__ import annotations

from composer.compare.changes import DELETE, INSERT, Piece, Redline
from composer.render.md_escape import escape_markdown
from composer.render.redline.summary import headline, summary_rows


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
        lines += [f"| {r.old_number} | {r.new_number} | {r.kind} | {r.share:.0%} |" for r in rows]
        lines.append("")
    for change in redline.changes:
        if not change.text_changed and change.kind != "moved":
            continue
        where = f"{change.old_label or '-'} → {change.new_label or '-'}" if change.renumbered else (
            change.new_label or change.old_label)
        lines.append(f"## {change.kind}{' ' + where if where else ''}")
        lines.append("")
        lines.append(_inline([*change.label_pieces, *change.pieces]))
        for number, note in enumerate(change.notes, start=1):
            if note.kind != "unchanged":
                lines.append(f"- footnote {number} ({note.kind}): {_inline(note.pieces)}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
