"""The default matcher: shared (stemmed, concept-expanded) words, weighted by rarity.

Two lexical signals are blended. BM25 (``rank-bm25``) is good at ranking: it rewards a unit for
containing the clause's rare words without punishing long actions too hard. TF-IDF cosine is a
similarity with a fixed scale (0 = nothing shared, 1 = same words), which is what the strength
label needs. The similarity reported is their blend: cosine, and BM25 scaled by the clause's
best BM25 score over the compact times that same cosine's maximum, so both live in [0, 1].
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from rank_bm25 import BM25Okapi

from composer.trace.compact import CompactUnit
from composer.trace.matching import ClauseQuery, Prior, Thresholds
from composer.trace.tokens import tokens


@dataclass
class LexicalMatcher:
    """BM25 + TF-IDF cosine over the compact's units; the objective prior is applied by ``rank``."""

    units: Sequence[CompactUnit]
    bm25_weight: float = 1.0
    thresholds: Thresholds = field(default_factory=lambda: Thresholds(same=0.38, related=0.16))
    prior: Prior = field(default_factory=lambda: Prior(primary=1.0, secondary=0.5))
    name: str = "lexical"
    version: str = "lexical-2"

    def __post_init__(self) -> None:
        docs = [tokens(u.text) for u in self.units]
        self._bm25 = BM25Okapi(docs)
        df = Counter(t for doc in docs for t in set(doc))
        n = len(docs)
        self._idf = {t: math.log((1 + n) / (1 + c)) + 1.0 for t, c in df.items()}
        self._vocab = {t: i for i, t in enumerate(sorted(df))}
        self._unit_matrix = np.vstack([self._vector(doc) for doc in docs])

    def _vector(self, toks: list[str]) -> np.ndarray:
        """Sub-linear TF-IDF, L2-normalised; words the compact never uses carry no weight."""
        vec = np.zeros(len(self._vocab))
        for term, count in Counter(toks).items():
            index = self._vocab.get(term)
            if index is not None:
                vec[index] = (1.0 + math.log(count)) * self._idf[term]
        norm = np.linalg.norm(vec)
        return vec / norm if norm else vec

    def similarities(self, queries: Sequence[ClauseQuery]) -> np.ndarray:
        out = np.zeros((len(queries), len(self.units)))
        for row, query in enumerate(queries):
            toks = tokens(query.text)
            cosine = self._unit_matrix @ self._vector(toks)
            if self.bm25_weight and toks:
                bm25 = np.asarray(self._bm25.get_scores(toks), dtype=float)
                top = bm25.max()
                scaled = bm25 / top * cosine.max() if top > 0 else np.zeros_like(bm25)
                out[row] = (1 - self.bm25_weight) * cosine + self.bm25_weight * scaled
            else:
                out[row] = cosine
        return out

