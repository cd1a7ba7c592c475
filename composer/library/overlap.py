"""Two clauses quoting the same words of one seed: a duplicate, unless declared a deliberate split.

A quote is a span of its seed (``clause.start`` to ``start + len(quote)``). When two spans of one
source overlap, the library holds the same words twice: either a duplicate entry (one must go, or
both belong in one position) or one sentence making two asks, which the curator declares under
``splits:`` in ``clauses/positions.yaml`` so that the check accepts it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from composer.errors import Problem
from composer.library.models import Clause, QuoteSplit


@dataclass(frozen=True)
class Overlap:
    """Two clauses whose quotes share characters of one seed."""

    first: Clause
    second: Clause

    @property
    def identical(self) -> bool:
        return self.first.start == self.second.start and len(self.first.quote) == len(self.second.quote)


def span(clause: Clause) -> tuple[int, int]:
    """The clause's quote as seed offsets [start, end); the clause must have been found in its seed."""
    assert clause.start is not None
    return clause.start, clause.start + len(clause.quote)


def find_overlaps(clauses: list[Clause]) -> list[Overlap]:
    """Every pair of clauses of one source whose quoted spans overlap, in seed order."""
    by_source: dict[str, list[Clause]] = defaultdict(list)
    for clause in clauses:
        if clause.start is not None:
            by_source[clause.source].append(clause)
    found: list[Overlap] = []
    for source in sorted(by_source):
        ordered = sorted(by_source[source], key=lambda c: (span(c), c.id))
        active: list[Clause] = []
        for clause in ordered:
            start, _ = span(clause)
            active = [c for c in active if span(c)[1] > start]
            found.extend(Overlap(other, clause) for other in active)
            active.append(clause)
    return found


def check_overlaps(
    clauses: list[Clause],
    splits: list[QuoteSplit],
    positions_file: str,
    split_lines: list[int],
    problems: list[Problem],
) -> None:
    """Flag overlapping quotes not declared as a split; warn about splits that no longer overlap.

    ``positions_file`` is the positions file as displayed (for messages), ``split_lines`` the line
    of each split there.
    """
    declared = [set(split.members) for split in splits]
    used = [False] * len(splits)
    for overlap in find_overlaps(clauses):
        pair = {overlap.first.id, overlap.second.id}
        covering = [i for i, members in enumerate(declared) if pair <= members]
        for i in covering:
            used[i] = True
        if covering:
            continue
        a, b = span(overlap.first), span(overlap.second)
        how = "the same span" if overlap.identical else f"offsets {b[0]}-{b[1]}, overlapping {a[0]}-{a[1]} of"
        clause = overlap.second
        problems.append(
            Problem(
                clause.file,
                clause.line,
                f"{clause.id}: quotes {how} {overlap.first.id} in {clause.seed_file or clause.source}; "
                f"merge them, or declare a deliberate split in {positions_file}",
            )
        )
    for index, split in enumerate(splits):
        if not used[index]:
            problems.append(
                Problem(
                    positions_file,
                    split_lines[index] if index < len(split_lines) else 1,
                    f"split {', '.join(split.members)}: these quotes do not overlap; drop the declaration",
                    "warning",
                )
            )
