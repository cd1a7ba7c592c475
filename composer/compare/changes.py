"""The change model: what a comparison found, independent of how it is shown.

Every change holds ``pieces``: runs of text marked ``=`` (in both), ``-`` (old only) or ``+``
(new only). The old text is the ``=`` and ``-`` pieces in order, the new text the ``=`` and ``+``
pieces: every renderer (tracked changes, HTML, Markdown, JSON) rests on that one invariant.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from composer.compare.units import Unit

EQUAL, INSERT, DELETE = "=", "+", "-"
KINDS = ("unchanged", "modified", "inserted", "deleted", "moved")


@dataclass(frozen=True)
class Piece:
    """A run of text with one operation and one formatting; ``note`` >= 0 is a footnote reference."""

    op: str
    text: str
    fmt: int = 0
    note: int = -1


def side_text(pieces: list[Piece], side: str) -> str:
    """The text of ``pieces`` on the ``old`` or the ``new`` side (footnote references left out)."""
    drop = INSERT if side == "old" else DELETE
    return "".join(p.text for p in pieces if p.op != drop and p.note < 0)


@dataclass
class NoteChange:
    """A footnote: ``kind`` is unchanged, modified, inserted or deleted."""

    kind: str
    pieces: list[Piece]

    @property
    def old_text(self) -> str:
        return side_text(self.pieces, "old")

    @property
    def new_text(self) -> str:
        return side_text(self.pieces, "new")


@dataclass
class BlockChange:
    """One paragraph (or heading, item, cell) and what happened to it."""

    kind: str
    old: Unit | None
    new: Unit | None
    label_pieces: list[Piece] = field(default_factory=list)
    pieces: list[Piece] = field(default_factory=list)
    notes: list[NoteChange] = field(default_factory=list)
    move_id: int | None = None
    words_old: int = 0
    words_new: int = 0
    words_changed: int = 0

    @property
    def old_label(self) -> str:
        return self.old.label if self.old is not None else ""

    @property
    def new_label(self) -> str:
        return self.new.label if self.new is not None else ""

    @property
    def renumbered(self) -> bool:
        """Both sides present with different labels (12 became 14)."""
        return self.old is not None and self.new is not None and self.old_label != self.new_label

    @property
    def text_changed(self) -> bool:
        return any(p.op != EQUAL for p in self.pieces) or any(n.kind != "unchanged" for n in self.notes)

    @property
    def punctuation_only(self) -> bool:
        """The text changed, but not one word of it (";" became ".", a comma, spacing): a change
        a reader wants counted in the summary, not marked up in the text."""
        return self.text_changed and self.words_changed == 0

    @property
    def share_changed(self) -> float:
        """Share of words changed: changed words over the words of both versions."""
        total = self.words_old + self.words_new
        return self.words_changed / total if total else 0.0

    @property
    def unit_kind(self) -> str:
        unit = self.new if self.new is not None else self.old
        return unit.kind if unit is not None else "para"

    @property
    def level(self) -> int:
        unit = self.new if self.new is not None else self.old
        return unit.level if unit is not None else 0


@dataclass(frozen=True)
class Placement:
    """Where a change is shown: ``role`` is ``here`` or, for a move, ``from`` (old place) or ``to``."""

    change: BlockChange
    role: str = "here"


@dataclass
class Summary:
    """Counts over a comparison, for the first page of every redline."""

    counts: dict[str, int]
    renumbered: int
    notes: dict[str, int]
    words_inserted: int
    words_deleted: int
    old_paragraphs: int
    new_paragraphs: int

    @property
    def has_changes(self) -> bool:
        text = any(self.counts[k] for k in ("modified", "inserted", "deleted", "moved"))
        return text or self.renumbered > 0 or any(self.notes[k] for k in ("modified", "inserted", "deleted"))


@dataclass
class Redline:
    """A comparison: the changes in new-document order and how to lay them out."""

    old_name: str
    new_name: str
    old_title: str
    new_title: str
    changes: list[BlockChange]
    stream: list[Placement]
    summary: Summary
    date: str | None = None
    engine: str = ""
