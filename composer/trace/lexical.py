"""The default matcher: BM25 candidates re-ranked by phrases, concepts and coverage.

Why these signals, each measured on the calibration split (``compose trace --evaluate --ablate``):

* BM25 (``bm25s``, a maintained sparse-matrix implementation; it replaced ``rank-bm25``) over
  stemmed, concept-expanded words finds the candidates: it rewards a unit for the clause's rare
  words without punishing long units too hard;
* TF-IDF cosine gives a similarity with a fixed scale;
* shared phrases (adjacent stem pairs, weighted by rarity) separate "child detention" from a
  unit that has "child" in one place and "detention" in another;
* coverage (the rarity-weighted share of the clause's object words the unit carries, concepts
  included) keeps short clauses against long units from falling to nothing, and is the measure
  the gap label's ``none`` and ``partial`` steps read.

Words in the scope of a negation ("no new instruments") are left out of the query: they name
what the clause does not want; the concept map still carries the idea (existing frameworks).
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import bm25s
import numpy as np

from composer.trace.compact import CompactUnit
from composer.trace.gap import load_ladder, negated_stems
from composer.trace.matching import ClauseQuery, Prior, Thresholds
from composer.trace.settings import MATCHER_VERSION, LexicalWeights
from composer.trace.tokens import tokens


class _RankBM25:
    """``rank-bm25`` behind the ``bm25s`` call used here (for the backend comparison only)."""

    def __init__(self, docs: list[list[str]]) -> None:
        from rank_bm25 import BM25Okapi

        self._index = BM25Okapi(docs)

    def get_scores(self, toks: list[str]) -> np.ndarray:
        return np.asarray(self._index.get_scores(toks), dtype=float)


def _bm25_index(docs: list[list[str]], backend: str) -> bm25s.BM25 | _RankBM25:
    if backend == "rank-bm25":
        return _RankBM25(docs)
    index = bm25s.BM25()
    index.index(docs, show_progress=False)
    return index


def _pairs(stems: list[str]) -> set[str]:
    return {f"{a} {b}" for a, b in itertools.pairwise(stems)}


@dataclass
class LexicalMatcher:
    """BM25 candidates re-ranked over the compact's units; the objective prior is applied by ``rank``."""

    units: Sequence[CompactUnit]
    weights: LexicalWeights = field(default_factory=LexicalWeights)
    thresholds: Thresholds = field(default_factory=lambda: Thresholds(same=0.38, related=0.16))
    prior: Prior = field(default_factory=Prior)
    name: str = "lexical"
    version: str = MATCHER_VERSION

    def __post_init__(self) -> None:
        concepts = self.weights.concepts
        docs = [tokens(u.text, concepts=concepts) for u in self.units]
        self._docs = [set(d) for d in docs]
        self._stems = [tokens(u.text, concepts=False) for u in self.units]
        self._pairs = [_pairs(s) for s in self._stems]
        self._bm25 = _bm25_index(docs, self.weights.backend)
        df = Counter(t for doc in docs for t in set(doc))
        n = len(docs)
        self._idf = {t: math.log((1 + n) / (1 + c)) + 1.0 for t, c in df.items()}
        self._unseen = float(np.median(list(self._idf.values())))
        pair_df = Counter(p for ps in self._pairs for p in ps)
        self._pair_df = pair_df
        self._pair_idf = {p: math.log((1 + n) / (1 + c)) + 1.0 for p, c in pair_df.items()}
        self._vocab = {t: i for i, t in enumerate(sorted(df))}
        self._unit_matrix = np.vstack([self._vector(doc) for doc in docs])
        self._query_cache: dict[str, list[str]] = {}
        holders: dict[str, list[int]] = {}
        for index, doc in enumerate(self._docs):
            for term in doc:
                holders.setdefault(term, []).append(index)
        self._holders = {t: np.array(v) for t, v in holders.items()}
        pair_holders: dict[str, list[int]] = {}
        for index, pairs in enumerate(self._pairs):
            for pair in pairs:
                pair_holders.setdefault(pair, []).append(index)
        self._pair_holders = {p: np.array(v) for p, v in pair_holders.items()}
        ladder = load_ladder()
        self._verbs = {t for t in self._idf if not t.startswith("#") and ladder.level_of(t) > 0}

    def _vector(self, toks: list[str]) -> np.ndarray:
        """Sub-linear TF-IDF, L2-normalised; words the compact never uses carry no weight."""
        vec = np.zeros(len(self._vocab))
        for term, count in Counter(toks).items():
            index = self._vocab.get(term)
            if index is not None:
                vec[index] = (1.0 + math.log(count)) * self._idf[term]
        norm = np.linalg.norm(vec)
        return vec / norm if norm else vec

    def query_tokens(self, text: str) -> list[str]:
        """The clause's tokens, minus words a negation rules out (if enabled)."""
        cached = self._query_cache.get(text)
        if cached is None:
            cached = self._query_cache[text] = self._query_tokens(text)
        return cached

    def _query_tokens(self, text: str) -> list[str]:
        toks = tokens(text, concepts=self.weights.concepts)
        if not self.weights.negation:
            return toks
        negated = negated_stems(text)
        return [t for t in toks if t.startswith("#") or t not in negated] if negated else toks

    def _weights_of(self, toks: list[str]) -> dict[str, float]:
        """Object words of a query with their rarity: commitment verbs are the gap label's business."""
        # sorted: sums over these weights must not depend on the process's string hash seed
        return {t: self._idf.get(t, self._unseen) for t in sorted(set(toks)) if t not in self._verbs}

    def rarity(self, term: str) -> float:
        """The IDF of a token in the compact (words it never uses get the unseen weight)."""
        return self._idf.get(term, self._unseen)

    def closer_phrase(self, text: str, action: int, paragraph: int) -> bool:
        """True when the action shares a phrase (two adjacent words) of the clause that its
        paragraph lacks: "child detention" makes para 29(h) clearly closer than para 29."""
        pairs = _pairs([t for t in self.query_tokens(text) if not t.startswith("#")])
        distinct = (pairs & self._pairs[action]) - self._pairs[paragraph]
        return any(self._pair_df[p] <= self.weights.rare_pair for p in distinct)

    def coverage(self, text: str, indices: Sequence[int]) -> tuple[float, list[str]]:
        """Share of the query's weighted object words found in the units ``indices`` together,
        and the rarest missing words (plain words, for the label's reason)."""
        weights = self._weights_of(self.query_tokens(text))
        total = sum(weights.values())
        if not total or not indices:
            return 0.0, []
        have: set[str] = set().union(*(self._docs[i] for i in indices))
        got = sum(w for t, w in weights.items() if t in have)
        missing = sorted((t for t in weights if t not in have and not t.startswith("#")), key=lambda t: (-weights[t], t))
        return got / total, missing

    def signals(self, text: str, every: bool = False) -> dict[str, np.ndarray] | None:
        """The per-unit signals of one query (BM25 and cosine scaled to their maximum, shared
        phrases, coverage of the object words), or None for a query with no usable word.

        Phrases and coverage are computed for the BM25 candidates only, or for every unit with
        ``every`` (the learned re-ranker reads them all)."""
        toks = self.query_tokens(text)
        if not toks:
            return None
        bm25 = np.asarray(self._bm25.get_scores(toks), dtype=float)
        top = bm25.max()
        if top <= 0:
            return None
        w = self.weights
        cosine = self._unit_matrix @ self._vector(toks)
        cosn = cosine / cosine.max() if cosine.max() > 0 else cosine
        weights = self._weights_of(toks)
        total = sum(weights.values()) or 1.0
        qpairs = _pairs([t for t in toks if not t.startswith("#")])
        phrase = np.zeros(len(self.units))
        rare = np.zeros(len(self.units))
        cover = np.zeros(len(self.units))
        if every or w.coverage or w.phrase:
            # through the inverted indexes: work grows with the query's words, not the units
            for term, weight in weights.items():
                holders = self._holders.get(term)
                if holders is not None:
                    cover[holders] += weight / total
            for pair in sorted(qpairs):
                holders = self._pair_holders.get(pair)
                if holders is not None:
                    phrase[holders] += self._pair_idf[pair]
                    if self._pair_df[pair] <= w.rare_pair:
                        rare[holders] += 1.0
            if not every:
                keep = np.zeros(len(self.units), dtype=bool)
                keep[np.argsort(-bm25, kind="stable")[: w.candidates]] = True
                cover[~keep] = 0.0
                phrase[~keep] = 0.0
                rare[~keep] = 0.0
        if phrase.max() > 0:
            phrase = phrase / phrase.max()
        return {"bm25": bm25 / top, "cosine": cosn, "phrase": phrase, "cover": cover, "rare": rare,
                "length": np.full(len(self.units), float(len(toks))), "top": np.full(len(self.units), float(top))}

    def similarities(self, queries: Sequence[ClauseQuery]) -> np.ndarray:
        out = np.zeros((len(queries), len(self.units)))
        w = self.weights
        for row, query in enumerate(queries):
            sig = self.signals(query.text)
            if sig is None:
                continue
            score = w.bm25 * sig["bm25"] + w.cosine * sig["cosine"] + w.phrase * sig["phrase"] + w.coverage * sig["cover"]
            out[row] = np.clip(score, 0.0, 1.0)
        return out

    def unit_lengths(self) -> np.ndarray:
        """Number of tokens of every unit (the re-ranker's length ratio)."""
        return np.array([float(len(s)) for s in self._stems])
