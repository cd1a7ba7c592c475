"""The change summary shared by every redline format: one row per paragraph that changed."""

from __future__ import annotations

from dataclasses import dataclass

from composer.compare.changes import BlockChange, Redline
from composer.compare.units import Unit


@dataclass(frozen=True)
class SummaryRow:
    """One line of the summary: old and new numbers, what happened, share of words changed."""

    old_number: str
    new_number: str
    kind: str
    renumbered: bool
    share: float
    excerpt: str
    anchor: str


def unit_number(unit: Unit | None) -> str:
    """The number a reader would cite: the paragraph's label, else its position (``¶12``)."""
    if unit is None:
        return ""
    if unit.label and unit.section and unit.kind != "heading":
        return f"{unit.section} {unit.label}"
    return unit.label or f"¶{unit.index + 1}"


def change_anchor(change: BlockChange) -> str:
    unit = change.new if change.new is not None else change.old
    side = "n" if change.new is not None else "o"
    return f"c-{side}{unit.index + 1 if unit else 0}"


def summary_rows(redline: Redline) -> list[SummaryRow]:
    """Rows for every change that is not "unchanged" (renumbered paragraphs included)."""
    rows = []
    for change in redline.changes:
        if change.kind == "unchanged" and not change.renumbered:
            continue
        unit = change.new if change.new is not None else change.old
        text = unit.body_text if unit is not None else ""
        excerpt = text if len(text) <= 90 else text[:87].rstrip() + "…"
        kind = change.kind if change.kind != "unchanged" else "renumbered"
        rows.append(SummaryRow(unit_number(change.old), unit_number(change.new), kind, change.renumbered,
                               change.share_changed, excerpt, change_anchor(change)))
    return rows


def headline(redline: Redline) -> str:
    """One sentence for terminals and the top of reports."""
    s = redline.summary
    if not s.has_changes:
        return "No changes: the two drafts have the same text."
    parts = [f"{s.counts[k]} {k}" for k in ("modified", "inserted", "deleted", "moved") if s.counts[k]]
    if s.renumbered:
        parts.append(f"{s.renumbered} renumbered")
    notes = sum(s.notes[k] for k in ("modified", "inserted", "deleted"))
    if notes:
        parts.append(f"{notes} footnotes changed")
    return (f"{', '.join(parts)} ({s.counts['unchanged']} unchanged); "
            f"{s.words_inserted} words inserted, {s.words_deleted} deleted.")
