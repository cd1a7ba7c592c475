"""Chaining pairwise alignments into lineages across a whole series of drafts.

Version 1's paragraphs each start a lineage. At every step the paragraphs of the next version
inherit the lineage of the old paragraph they are aligned with (unchanged, modified or moved);
the rest start new lineages (inserted, or split out of an older one), and the old paragraphs
left over end theirs (deleted, or merged into another). Each step is aligned on its own, so a
paragraph that changes a little at every step keeps one lineage even when its first and last
wordings have little in common.
"""

from __future__ import annotations

from dataclasses import dataclass

from composer.compare.units import Unit, document_units
from composer.errors import InputDocumentError
from composer.history.brackets import opened_and_closed, version_passages
from composer.history.model import Appearance, History, Lineage, OpenBracket, Step, StepSummary, Version
from composer.history.pairs import StepPairs, pair_versions
from composer.model.document import Document
from composer.read.source import SourceDocument


@dataclass(frozen=True)
class Draft:
    """One input of the series: its label (``Rev 1``) and the document read from it."""

    label: str
    source: SourceDocument | Document

    @property
    def name(self) -> str:
        source = self.source
        return source.name if isinstance(source, SourceDocument) else source.meta.title


def lineage_id(version: int, position: int) -> str:
    """``L2.14``: the lineage born at the 14th paragraph of version 2 (both counted from 1)."""
    return f"L{version + 1}.{position + 1}"


def unit_passages(units: list[Unit]) -> list[list[str]]:
    """The bracketed passages opening in each unit of one version (text and footnotes)."""
    return version_passages([unit.body_text for unit in units], [[note.text for note in unit.notes] for unit in units])


def build_history(drafts: list[Draft]) -> History:
    """Align every consecutive pair of ``drafts`` and chain the alignments into lineages."""
    if len(drafts) < 2:
        raise InputDocumentError("a history needs at least two versions")
    units = [_units(draft) for draft in drafts]
    passages = [unit_passages(version) for version in units]
    versions = [
        Version(index=k, label=draft.label, name=draft.name, paragraphs=len(units[k]),
                words=sum(u.words for u in units[k]), brackets=sum(len(p) for p in passages[k]))
        for k, draft in enumerate(drafts)
    ]
    lineages: dict[str, Lineage] = {}
    current: list[str] = []
    for position, unit in enumerate(units[0]):
        lineage = Lineage(lineage_id(0, position))
        lineage.appearances[0] = _appearance(0, unit, passages[0][position])
        lineages[lineage.id] = lineage
        current.append(lineage.id)
    summaries: list[StepSummary] = []
    for k in range(1, len(drafts)):
        pairs = pair_versions(units[k - 1], units[k])
        current, summary = _chain_step(k, units[k - 1], units[k], passages[k - 1], passages[k], pairs,
                                       current, lineages)
        summaries.append(summary)
    ordered = _order(lineages, len(drafts))
    return History(versions=versions, lineages=ordered, steps=summaries,
                   brackets=_open_brackets(ordered, passages, len(drafts)))


def _units(draft: Draft) -> list[Unit]:
    units = document_units(draft.source)
    if not units:
        raise InputDocumentError(f"{draft.name}: the document has no text")
    return units


def _appearance(version: int, unit: Unit, passages: list[str]) -> Appearance:
    return Appearance(version=version, position=unit.index, number=unit.label, kind=unit.kind,
                      text=unit.body_text, words=unit.words, brackets=len(passages))


def _chain_step(k: int, old: list[Unit], new: list[Unit], old_passages: list[list[str]],
                new_passages: list[list[str]], pairs: StepPairs, previous: list[str],
                lineages: dict[str, Lineage]) -> tuple[list[str], StepSummary]:
    """Give every paragraph of version ``k`` its lineage and record each lineage's step."""
    new_to_old = pairs.new_to_old
    current: list[str] = []
    for j, unit in enumerate(new):
        if j in new_to_old:
            lineage = lineages[previous[new_to_old[j]]]
        else:
            lineage = Lineage(lineage_id(k, j))
            lineages[lineage.id] = lineage
        lineage.appearances[k] = _appearance(k, unit, new_passages[j])
        current.append(lineage.id)
    counts = dict.fromkeys(("unchanged", "modified", "moved", "inserted", "deleted", "merged", "split"), 0)
    renumbered = opened_total = closed_total = 0
    merged_into: dict[int, list[int]] = {}
    for i, j in pairs.merged.items():
        merged_into.setdefault(j, []).append(i)
    split_from: dict[int, list[int]] = {}
    for j, i in pairs.split.items():
        split_from.setdefault(i, []).append(j)
    for (i, j), change in sorted(pairs.changes.items(), key=lambda item: item[0][1]):
        before = old_passages[i] + [p for m in merged_into.get(j, []) for p in old_passages[m]]
        after = new_passages[j] + [p for s in split_from.get(i, []) for p in new_passages[s]]
        opened, closed = opened_and_closed(before, after)
        renumber = change.renumbered
        lineages[current[j]].steps.append(Step(to=k, kind=change.kind, share=round(change.share_changed, 4),
                                               renumbered=renumber, opened=opened, closed=closed))
        counts[change.kind] += 1
        renumbered += int(renumber)
        opened_total += opened
        closed_total += closed
    new_to_old_set = set(new_to_old)
    for j in range(len(new)):
        if j in new_to_old_set:
            continue
        lineage = lineages[current[j]]
        if j in pairs.split:
            parent = previous[pairs.split[j]]
            lineage.split_from = parent
            lineage.steps.append(Step(to=k, kind="split", share=1.0, other=parent))
            counts["split"] += 1
        else:
            opened = len(new_passages[j])
            lineage.steps.append(Step(to=k, kind="inserted", share=1.0, opened=opened))
            counts["inserted"] += 1
            opened_total += opened
    old_to_new = pairs.old_to_new
    for i in range(len(old)):
        if i in old_to_new:
            continue
        lineage = lineages[previous[i]]
        if i in pairs.merged:
            target = current[pairs.merged[i]]
            lineage.merged_into = target
            lineage.steps.append(Step(to=k, kind="merged", share=1.0, other=target))
            counts["merged"] += 1
        else:
            closed = len(old_passages[i])
            lineage.steps.append(Step(to=k, kind="deleted", share=1.0, closed=closed))
            counts["deleted"] += 1
            closed_total += closed
    summary = StepSummary(
        to=k, kept=counts["unchanged"], modified=counts["modified"], moved=counts["moved"],
        added=counts["inserted"], dropped=counts["deleted"], merged=counts["merged"], split=counts["split"],
        renumbered=renumbered, brackets_opened=opened_total, brackets_closed=closed_total,
        brackets_open=sum(len(p) for p in new_passages),
    )
    return current, summary


def _order(lineages: dict[str, Lineage], count: int) -> list[Lineage]:
    """Lineages in the order of the last version, each dropped one after its last predecessor."""
    last = count - 1
    order = [lid for lid, _ in sorted(((lid, lin.appearances[last].position) for lid, lin in lineages.items()
                                        if last in lin.appearances), key=lambda item: item[1])]
    placed = set(order)
    for version in range(last - 1, -1, -1):
        present = sorted((lin.appearances[version].position, lid) for lid, lin in lineages.items()
                         if version in lin.appearances)
        after: dict[str | None, list[str]] = {}
        anchor: str | None = None
        for _position, lid in present:
            if lid in placed:
                anchor = lid
            else:
                after.setdefault(anchor, []).append(lid)
        if not after:
            continue
        merged = list(after.get(None, []))
        for lid in order:
            merged.append(lid)
            merged.extend(after.get(lid, []))
        order = merged
        placed.update(order)
    return [lineages[lid] for lid in order]


def _open_brackets(lineages: list[Lineage], passages: list[list[list[str]]], count: int) -> list[OpenBracket]:
    """Every bracketed passage's runs of consecutive versions within its lineage, longest first."""
    found: list[OpenBracket] = []
    for lineage in lineages:
        runs: dict[str, int] = {}
        for version in range(lineage.first, lineage.last + 2):
            appearance = lineage.appearances.get(version)
            here = set(passages[version][appearance.position]) if appearance is not None else set()
            for text in list(runs):
                if text not in here:
                    found.append(OpenBracket(lineage.id, text, runs.pop(text), version - 1, False))
            for text in here:
                runs.setdefault(text, version)
    found = [b if b.until != count - 1 else OpenBracket(b.lineage, b.text, b.since, b.until, True) for b in found]
    found.sort(key=lambda b: (-b.versions, not b.still_open, b.since, b.lineage, b.text))
    return found
