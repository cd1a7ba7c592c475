"""The lineage model: what ``compose history`` found, independent of how it is shown.

A *lineage* is one paragraph followed through a series of drafts, the way Akoma Ntoso gives a
provision an identifier (``wId``) that keeps its identity while its number changes: OP 12 in
Rev 2 is OP 9 in Rev 3 and still the same lineage. A lineage's id is made from where it first
appears (``L2.014``: version 2, 14th paragraph there), so ids never depend on later drafts and
adding a draft at the end of a series leaves every earlier id as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: What can happen to a lineage between two consecutive versions.
STEP_KINDS = ("unchanged", "modified", "moved", "inserted", "deleted", "merged", "split")


@dataclass(frozen=True)
class Version:
    """One draft of the series, in negotiation order (``index`` from 0)."""

    index: int
    label: str
    name: str
    paragraphs: int
    words: int
    brackets: int


@dataclass(frozen=True)
class Appearance:
    """A lineage's paragraph in one version: where it stands, its number, its text."""

    version: int
    position: int
    number: str
    kind: str
    text: str
    words: int
    brackets: int


@dataclass(frozen=True)
class Step:
    """What happened to a lineage between version ``to - 1`` and version ``to``.

    ``kind`` is one of :data:`STEP_KINDS`. ``share`` is the share of words changed (changed words
    over the words of both wordings, as ``compose diff`` counts it; 0 for unchanged, 1 for
    inserted and deleted). ``other`` names the lineage a paragraph merged into (``merged``) or
    split from (``split``). ``renumbered`` says the number changed (12 became 14).
    """

    to: int
    kind: str
    share: float = 0.0
    renumbered: bool = False
    other: str | None = None
    opened: int = 0
    closed: int = 0


@dataclass
class Lineage:
    """One paragraph's life: its appearances per version and the steps between them."""

    id: str
    appearances: dict[int, Appearance] = field(default_factory=dict)
    steps: list[Step] = field(default_factory=list)
    merged_into: str | None = None
    split_from: str | None = None

    @property
    def first(self) -> int:
        """The version it first appears in."""
        return min(self.appearances)

    @property
    def last(self) -> int:
        """The last version it appears in."""
        return max(self.appearances)

    @property
    def first_text(self) -> str:
        return self.appearances[self.first].text

    @property
    def last_text(self) -> str:
        return self.appearances[self.last].text

    def number_in(self, version: int) -> str | None:
        """Its number in ``version`` (``""`` if unnumbered there), None where it is absent."""
        appearance = self.appearances.get(version)
        return appearance.number if appearance is not None else None

    def spans(self, count: int) -> bool:
        """Whether it appears in every one of ``count`` versions."""
        return len(self.appearances) == count

    @property
    def changed(self) -> bool:
        """Whether any step did more than keep it as it was (renumbering alone does not count)."""
        return any(step.kind != "unchanged" for step in self.steps)


@dataclass(frozen=True)
class StepSummary:
    """Counts for the step from version ``to - 1`` to ``to``, for the report's first page."""

    to: int
    kept: int
    modified: int
    moved: int
    added: int
    dropped: int
    merged: int
    split: int
    renumbered: int
    brackets_opened: int
    brackets_closed: int
    brackets_open: int


@dataclass(frozen=True)
class OpenBracket:
    """A bracketed passage followed through its lineage: open from ``since`` to ``until``.

    ``still_open`` is true when it is still there in the last version of the series.
    """

    lineage: str
    text: str
    since: int
    until: int
    still_open: bool

    @property
    def versions(self) -> int:
        return self.until - self.since + 1


@dataclass(frozen=True)
class Survival:
    """A proposal followed to the last version: ``outcome`` verbatim, modified or absent.

    ``gap`` restates the outcome in the trace's labels (same, partial, none) so one vocabulary
    serves both; ``lineage`` is the closest paragraph of the last version, if any.
    """

    id: str
    text: str
    proposed_by: tuple[str, ...]
    outcome: str
    gap: str
    similarity: float
    lineage: str | None = None
    number: str | None = None
    first_seen: int | None = None


@dataclass
class History:
    """A whole series: versions, lineages in the order of the last version, step summaries."""

    versions: list[Version]
    lineages: list[Lineage]
    steps: list[StepSummary]
    brackets: list[OpenBracket] = field(default_factory=list)
    survival: list[Survival] = field(default_factory=list)

    def lineage(self, lineage_id: str) -> Lineage:
        """The lineage with id ``lineage_id`` (KeyError if there is none)."""
        for lineage in self.lineages:
            if lineage.id == lineage_id:
                return lineage
        raise KeyError(lineage_id)

    def at(self, version: int, position: int) -> Lineage | None:
        """The lineage of the paragraph at ``position`` in ``version``."""
        for lineage in self.lineages:
            appearance = lineage.appearances.get(version)
            if appearance is not None and appearance.position == position:
                return lineage
        return None
