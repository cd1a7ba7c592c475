"""The links people checked, found again for a new clause that asks much the same thing.

Why: the library is a corpus of asks that repeat. Recommendations on child detention, on
portable social protection or on the IMRF were made by many speakers in many meetings, and
once a person has checked where the compact takes one of them up, a new clause with the same
words and themes very likely lands there too. Word overlap with the compact's own wording
cannot see that ("ratify the convention" shares few words with para 22's wording; the
person-checked neighbours say para 22(i) is not the answer and para 7 is). So the trace keeps
a *memory* of checked links and gives the learned re-ranker and the gap labeller what the
nearest checked clauses say, as columns the fitted weights decide how far to trust:

* per unit, the similarity of the closest checked clause that accepted this unit, of the
  closest that accepted a unit of its paragraph, and the similarity-weighted share of the
  nearest checked clauses that accepted it;
* per unit (since ``learned-5``), the query's cosine with the *centroid* of every checked clause
  that accepted this unit, and of every one that accepted a unit of its paragraph (Rocchio's
  classifier): five neighbours see one phrasing of an ask, the centroid sees all of them, so a
  unit that many differently worded clauses were checked against is found for a new wording too;
* for the gap label, the similarity-weighted votes of the nearest checked clauses for each gap
  label, overall and among those that accepted the unit being judged, and (since ``gap-4``) the
  similarity-weighted share of each label among every checked clause that accepted it (how the
  compact's wording there has been judged against asks like this one).

The similarity is a TF-IDF cosine over the clause's stemmed words and concepts
(:func:`composer.trace.tokens.tokens`) plus its curated themes, computed over the memory itself.
A clause is never its own neighbour (by id, so a composite clause's parts neither), nor part of a
centroid it is scored against.

What goes in the memory decides what the figures mean: the trace of the library remembers
every confirmed link in the clause files; cross-validation remembers the training folds only;
``compose trace --evaluate`` remembers the calibration labels only, so a held-out clause's own
label (written back as a confirmed link once reported) is never read when it is scored.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from composer.library.models import GAP_LABELS, Clause
from composer.trace.compact import CompactUnit
from composer.trace.tokens import tokens

if TYPE_CHECKING:
    from composer.trace.evaluate import Label

NEIGHBOURS = 5  # chosen before any measurement; 3 and 10 were run after and gave fewer clauses (docs/trace-labels.md)
UNIT_MEMORY_FEATURES = ("memory_unit", "memory_paragraph", "memory_share", "memory_centroid", "memory_centroid_paragraph")
GAP_MEMORY_FEATURES = (
    *(f"memory_gap_{g}" for g in GAP_LABELS),
    *(f"memory_unit_gap_{g}" for g in GAP_LABELS),
    *(f"memory_centroid_gap_{g}" for g in GAP_LABELS),
)


@dataclass(frozen=True)
class Remembered:
    """One checked link: the clause's words and themes, the units accepted and the gap label."""

    clause: str
    text: str
    themes: tuple[str, ...]
    accepted: tuple[str, ...]
    gap: str


def base_id(query_id: str) -> str:
    """The clause a query comes from (a composite clause's part is ``id#n``)."""
    return query_id.split("#", 1)[0]


def _terms(text: str, themes: Iterable[str]) -> list[str]:
    return tokens(text) + [f"theme:{t}" for t in themes]


class LinkMemory:
    """Checked links, and what the nearest of them say about a new clause."""

    def __init__(self, entries: Sequence[Remembered], units: Sequence[CompactUnit], neighbours: int = NEIGHBOURS) -> None:
        self.entries = list(entries)
        self.units = list(units)
        self.neighbours = neighbours
        self._ids = np.array([e.clause for e in self.entries], dtype=object)
        docs = [_terms(e.text, e.themes) for e in self.entries]
        df = Counter(t for d in docs for t in set(d))
        self._vocab = {t: i for i, t in enumerate(sorted(df))}
        n = max(len(docs), 1)
        self._idf = np.array([math.log((n + 1) / (df[t] + 1)) for t in sorted(df)])
        # term-major (terms x clauses): a query touches only its own terms' rows
        self._by_term = np.vstack([self._vector(d) for d in docs]).T.copy() if docs else np.zeros((len(df), 0))
        self._nearest: dict[tuple[str, str, tuple[str, ...]], tuple[np.ndarray, np.ndarray]] = {}
        self._similar: dict[tuple[str, str, tuple[str, ...]], tuple[np.ndarray, np.ndarray]] = {}
        index = {u.ref: i for i, u in enumerate(self.units)}
        paragraphs = np.array([u.paragraph for u in self.units])
        self._accepts = np.zeros((len(self.entries), len(self.units)))
        self._accepts_paragraph = np.zeros((len(self.entries), len(self.units)))
        for row, entry in enumerate(self.entries):
            hits = [index[r] for r in entry.accepted if r in index]
            self._accepts[row, hits] = 1.0
            for para in {paragraphs[h] for h in hits}:
                self._accepts_paragraph[row, paragraphs == para] = 1.0
        # Rocchio centroids: per unit (and per unit's paragraph) the sum of the vectors of the
        # checked clauses that accepted it, with the Gram matrix to take a clause's own vector out
        vectors = self._by_term.T
        self._gram = vectors @ vectors.T if len(self.entries) else np.zeros((0, 0))
        self._centroid_norms = [self._norms(self._accepts), self._norms(self._accepts_paragraph)]
        self._gaps = np.array([[float(e.gap == g) for g in GAP_LABELS] for e in self.entries]).reshape(-1, len(GAP_LABELS))
        self._index = index

    def _norms(self, accepts: np.ndarray) -> np.ndarray:
        """Squared length of each unit's centroid sum (units,)."""
        return (accepts * (self._gram @ accepts)).sum(axis=0) if len(self.entries) else np.zeros(accepts.shape[1])

    @classmethod
    def from_confirmed(cls, clauses: Iterable[Clause], units: Sequence[CompactUnit]) -> LinkMemory:
        """Every link a person confirmed in the clause files (the trace of the library)."""
        entries = [
            Remembered(c.id, c.text, tuple(c.themes), tuple(c.gcm.refs), c.gcm.gap)
            for c in clauses
            if c.gcm is not None and c.gcm.confirmed and c.gcm.gap
        ]
        return cls(entries, units)

    @classmethod
    def from_labels(cls, clauses: Iterable[Clause], labels: Iterable[Label], units: Sequence[CompactUnit]) -> LinkMemory:
        """People's labels, for the clauses among ``clauses`` (cross-validation, evaluation)."""
        by_id = {c.id: c for c in clauses}
        entries = [
            Remembered(lb.clause, by_id[lb.clause].text, tuple(by_id[lb.clause].themes), tuple(lb.accepted), lb.gap)
            for lb in labels
            if lb.clause in by_id
        ]
        return cls(entries, units)

    def restricted(self, keep: Iterable[str]) -> LinkMemory:
        """The memory of the clauses ``keep`` only (a cross-validation fold's training clauses)."""
        wanted = set(keep)
        return LinkMemory([e for e in self.entries if e.clause in wanted], self.units, self.neighbours)

    def _weights(self, terms: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """The positions of the known terms and their unit-length TF-IDF weights."""
        known = [(self._vocab[t], n) for t, n in sorted(Counter(terms).items()) if t in self._vocab]
        positions = np.array([p for p, _ in known], dtype=int)
        values = np.array([(1.0 + math.log(n)) * self._idf[p] for p, n in known])
        norm = float(np.sqrt(values @ values)) if len(values) else 0.0
        return positions, (values / norm if norm > 0 else values)

    def _vector(self, terms: Sequence[str]) -> np.ndarray:
        out = np.zeros(len(self._vocab))
        positions, values = self._weights(terms)
        out[positions] = values
        return out

    @cached_property
    def digest(self) -> str:
        """A short digest of what is remembered (part of a computed link's fingerprint)."""
        lines = sorted(f"{e.clause}\t{e.text}\t{','.join(e.themes)}\t{','.join(e.accepted)}\t{e.gap}" for e in self.entries)
        return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:12]

    @cached_property
    def _empty(self) -> bool:
        return not self.entries

    def similarities(self, query_id: str, text: str, themes: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """The query's cosine with every checked clause (0 for its own) and the mask of its own rows."""
        key = (query_id, text, tuple(themes))
        cached = self._similar.get(key)
        if cached is None:
            positions, values = self._weights(_terms(text, themes))
            sims = values @ self._by_term[positions] if len(positions) else np.zeros(len(self.entries))
            own = self._ids == base_id(query_id)
            sims[own] = 0.0
            cached = self._similar[key] = (sims, own)
        return cached

    def nearest(self, query_id: str, text: str, themes: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Row numbers of the nearest checked clauses (never the query's own) and their similarities,
        closest first; ties by memory order."""
        if self._empty:
            return np.zeros(0, dtype=int), np.zeros(0)
        key = (query_id, text, tuple(themes))
        cached = self._nearest.get(key)
        if cached is None:
            sims, own = self.similarities(query_id, text, themes)
            ranked = np.where(own, -1.0, sims)
            order = np.lexsort((np.arange(len(ranked)), -np.round(ranked, 12)))[: self.neighbours]
            order = order[ranked[order] > 0]
            cached = self._nearest[key] = (order, ranked[order])
        return cached

    def centroid_columns(self, query_id: str, text: str, themes: Sequence[str]) -> np.ndarray:
        """(units x 2): the query's cosine with the centroid of the checked clauses that accepted
        each unit, and of those that accepted a unit of its paragraph (its own vector left out)."""
        out = np.zeros((len(self.units), 2))
        if self._empty:
            return out
        for column, (accepts, norms) in enumerate(zip((self._accepts, self._accepts_paragraph), self._centroid_norms, strict=True)):
            out[:, column] = self._centroid_cosine(query_id, text, themes, accepts, norms)
        return out

    def _centroid_cosine(self, query_id: str, text: str, themes: Sequence[str], members: np.ndarray, norms: np.ndarray) -> np.ndarray:
        """The query's cosine with each column's centroid (``members``: entries x columns, 0/1;
        ``norms``: the centroids' squared lengths), the query's own vector left out."""
        if self._empty:
            return np.zeros(members.shape[1])
        sims, own = self.similarities(query_id, text, themes)
        dots = sims @ members
        squared = norms.copy()
        for row in np.flatnonzero(own):  # ||S - v||^2 = ||S||^2 - 2 S.v + v.v where the clause is a member
            squared -= members[row] * (2.0 * (self._gram[row] @ members) - self._gram[row, row])
        lengths = np.sqrt(np.clip(squared, 0.0, None))
        return np.divide(dots, lengths, out=np.zeros_like(dots), where=lengths > 1e-12)

    def unit_columns(self, query_id: str, text: str, themes: Sequence[str]) -> np.ndarray:
        """(units x 5) in :data:`UNIT_MEMORY_FEATURES` order."""
        rows, sims = self.nearest(query_id, text, themes)
        out = np.zeros((len(self.units), len(UNIT_MEMORY_FEATURES)))
        out[:, 3:5] = self.centroid_columns(query_id, text, themes)
        if len(rows) == 0:
            return out
        weighted = sims[:, None]
        out[:, 0] = (weighted * self._accepts[rows]).max(axis=0)
        out[:, 1] = (weighted * self._accepts_paragraph[rows]).max(axis=0)
        out[:, 2] = (weighted * self._accepts[rows]).sum(axis=0) / self.neighbours
        return out

    def gap_columns(self, query_id: str, text: str, themes: Sequence[str], judged_ref: str | None) -> np.ndarray:
        """The votes of :data:`GAP_MEMORY_FEATURES`: per gap label, the summed similarity of the
        nearest checked clauses with that label (over ``NEIGHBOURS``), and the same among those
        that accepted the unit being judged."""
        rows, sims = self.nearest(query_id, text, themes)
        out = np.zeros(len(GAP_MEMORY_FEATURES))
        if len(rows) == 0:
            return out
        votes = sims[:, None] * self._gaps[rows]
        out[: len(GAP_LABELS)] = votes.sum(axis=0) / self.neighbours
        judged = self._index.get(judged_ref) if judged_ref else None
        if judged is not None:
            agree = self._accepts[rows, judged][:, None]
            n = len(GAP_LABELS)
            out[n : 2 * n] = (votes * agree).sum(axis=0) / self.neighbours
            # every checked clause that accepted the judged unit, weighted by its similarity
            all_sims, _ = self.similarities(query_id, text, themes)
            weights = all_sims * self._accepts[:, judged]
            total = float(weights.sum())
            if total > 0:
                out[2 * n :] = (weights @ self._gaps) / total
        return out
