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
    punctuation: bool
    share: float
    excerpt: str
    anchor: str


def unit_number(unit: Unit | None) -> str:
    """The paragraph as a delegate cites it ("PP2", "OP 3(a)", "Article 4, para 2"): the unit's
    citation from the draft's structure, else its label, else its position (``¶12``)."""
    if unit is None:
        return ""
    return unit.cite or unit.label or f"¶{unit.index + 1}"


def change_anchor(change: BlockChange) -> str:
    unit = change.new if change.new is not None else change.old
    side = "n" if change.new is not None else "o"
    return f"c-{side}{unit.index + 1 if unit else 0}"


def row_kind(change: BlockChange) -> str:
    """What the summary calls a change: its kind, or the quiet kinds the text does not mark up
    (``renumbered``: only its number changed; ``punctuation``: no word of it changed)."""
    if change.kind == "unchanged":
        return "renumbered" if change.renumbered else "unchanged"
    if change.kind == "modified" and change.punctuation_only:
        return "punctuation"
    return change.kind


def is_quiet(change: BlockChange) -> bool:
    """A change shown in the summary only: the text shows the paragraph as it now reads."""
    return row_kind(change) in ("renumbered", "punctuation", "unchanged")


def summary_rows(redline: Redline) -> list[SummaryRow]:
    """Rows for every change that is not "unchanged" (renumbered paragraphs included)."""
    rows = []
    for change in redline.changes:
        kind = row_kind(change)
        if kind == "unchanged":
            continue
        unit = change.new if change.new is not None else change.old
        text = unit.body_text if unit is not None else ""
        excerpt = text if len(text) <= 90 else text[:87].rstrip() + "…"
        rows.append(SummaryRow(unit_number(change.old), unit_number(change.new), kind, change.renumbered,
                               change.kind == "moved" and change.punctuation_only, change.share_changed,
                               excerpt, change_anchor(change)))
    return rows


def quiet_counts(redline: Redline) -> dict[str, int]:
    """How many paragraphs were only renumbered, and how many changed punctuation only."""
    kinds = [row_kind(change) for change in redline.changes]
    return {"renumbered": kinds.count("renumbered"), "punctuation": kinds.count("punctuation")}


def headline(redline: Redline) -> str:
    """One sentence for terminals and the top of reports."""
    s = redline.summary
    if not s.has_changes:
        return "No changes: the two drafts have the same text."
    quiet = quiet_counts(redline)
    modified = s.counts["modified"] - quiet["punctuation"]
    counts = {**s.counts, "modified": modified}
    parts = [f"{counts[k]} {k}" for k in ("modified", "inserted", "deleted", "moved") if counts[k]]
    if quiet["punctuation"]:
        parts.append(f"{quiet['punctuation']} punctuation only")
    if s.renumbered:
        parts.append(f"{s.renumbered} renumbered")
    notes = sum(s.notes[k] for k in ("modified", "inserted", "deleted"))
    if notes:
        parts.append(f"{notes} footnotes changed")
    return (f"{', '.join(parts)} ({s.counts['unchanged']} unchanged); "
            f"{s.words_inserted} words inserted, {s.words_deleted} deleted.")
