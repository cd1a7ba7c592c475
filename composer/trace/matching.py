"""What every matcher shares: the query a clause makes, ranked candidates, the objective prior,
and the step from a similarity to a strength label (same / related / none).

A matcher only has to say how similar a clause is to each compact unit (a number in [0, 1]).
Ranking adds the clause's objectives as a prior (a unit under the clause's primary objective
is likelier to be its agreed language than an equally worded unit elsewhere), and the
strength of the best link is read from the similarity alone, against thresholds each method
calibrates on the labelled sample.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from composer.library.models import Clause
from composer.trace.compact import Compact, CompactUnit

TOP_K = 3


@dataclass(frozen=True)
class ClauseQuery:
    """What a clause brings to matching: its words and its objectives (first = primary)."""

    id: str
    text: str
    objectives: tuple[int, ...]

    @classmethod
    def from_clause(cls, clause: Clause) -> ClauseQuery:
        """Text and operative draft wording together: both say what the clause asks for."""
        parts = [clause.text]
        if clause.draft_text and clause.draft_text.strip() != clause.text.strip():
            parts.append(clause.draft_text)
        return cls(clause.id, "\n".join(parts), tuple(clause.objectives))


@dataclass(frozen=True)
class Candidate:
    """One compact unit proposed for a clause: ``score`` ranks, ``similarity`` grades strength."""

    ref: str
    score: float
    similarity: float


@dataclass(frozen=True)
class Thresholds:
    """Similarity at or above ``same`` -> same; at or above ``related`` -> related; else none."""

    same: float
    related: float

    def gap(self, similarity: float) -> str:
        """A provisional gap label from similarity alone (same / partial / none)."""
        if similarity >= self.same:
            return "same"
        if similarity >= self.related:
            return "partial"
        return "none"


@dataclass(frozen=True)
class Prior:
    """How much a unit gains for sitting under the clause's primary or another objective."""

    primary: float = 0.35
    secondary: float = 0.15

    def weights(self, units: Sequence[CompactUnit], objectives: Sequence[int]) -> np.ndarray:
        """One bonus per unit for this clause's objectives."""
        bonus = np.zeros(len(units))
        if not objectives:
            return bonus
        primary, others = objectives[0], set(objectives[1:])
        for index, unit in enumerate(units):
            if unit.objective == primary:
                bonus[index] = self.primary
            elif unit.objective in others:
                bonus[index] = self.secondary
        return bonus


class Matcher(Protocol):
    """A way of measuring how close a clause is to each unit of the compact."""

    name: str
    version: str
    thresholds: Thresholds
    prior: Prior

    def similarities(self, queries: Sequence[ClauseQuery]) -> np.ndarray:
        """A (clauses x units) array of similarities in [0, 1], units in ``compact.units`` order."""
        ...


def matchable_units(compact: Compact) -> list[CompactUnit]:
    """The units a clause may be traced to: every paragraph, action and sub-item."""
    return list(compact.units)


def rank(
    matcher: Matcher, units: Sequence[CompactUnit], queries: Sequence[ClauseQuery], top_k: int = TOP_K
) -> list[list[Candidate]]:
    """The ``top_k`` best units per query, best first; ties break by document order."""
    sims = matcher.similarities(queries)
    ranked: list[list[Candidate]] = []
    for row, query in enumerate(queries):
        scores = sims[row] * (1.0 + matcher.prior.weights(units, query.objectives))
        order = sorted(range(len(units)), key=lambda i: (-round(float(scores[i]), 9), i))[:top_k]
        # The objective prior ranks; it must not hide the compact's closest wording. If the unit
        # most similar in words fell out of the list, it takes the last place, so the strength
        # (judged on the listed units) says how close the compact comes anywhere.
        closest = int(np.argmax(sims[row])) if len(units) else -1
        if order and closest not in order:
            order[-1] = closest
        ranked.append([Candidate(units[i].ref, round(float(scores[i]), 4), round(float(sims[row][i]), 4)) for i in order])
    return ranked
