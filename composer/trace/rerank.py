"""A small learned re-ranker and a ``none`` classifier, replacing hand-set weights.

Why learned: the first matcher blended BM25, cosine and an objective bonus with weights set by
hand on the calibration split; the bonus that won there (0.45) was stronger than a tie-breaker
and did not carry over to held-out labels. Here the blend is a *conditional logit* over the
compact's units (a softmax per clause, trained so the labeller's accepted units get the
probability), fitted by plain gradient descent with an L2 penalty: few weights, no extra
dependency, deterministic. Its features are the lexical signals of
:meth:`composer.trace.lexical.LexicalMatcher.signals`, the objective prior as two indicators,
the kind of unit (commitment paragraph, action, preamble, vision and principles,
implementation and follow-up), the length ratio, and how well a unit's paragraph or actions
match (so "prefer the commitment paragraph unless one action is clearly closer" is learned),
and the clause's curated themes scored against each unit on their own (BM25 and cosine of the
theme words, two columns since ``learned-3``): a short clause often does not name its topic
while its themes do, and as columns of their own the fitted weights decide how much a theme
counts beside the wording (added to the query's words instead, they moved the gap labels more),
and (since ``learned-4``) what the nearest person-checked clauses accepted, three columns from
:mod:`composer.trace.memory`, with (since ``learned-5``) two more: the query's cosine with the
centroid of the checked clauses that accepted the unit and its paragraph (zeros when nothing is
remembered).

The ``none`` classifier is a logistic regression over clause features (process remark, a
national description, the best unit's coverage and margin, the clause's kind and length).

Both are fitted only on the calibration split (``python -m composer.trace.calibrate --fit``)
and chosen by k-fold cross-validation inside it; the weights live in
``composer/data/gcm-rerank.yaml`` with the out-of-fold figures that justified them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from composer.library.yamlio import safe_load
from composer.trace.compact import CompactUnit
from composer.trace.memory import UNIT_MEMORY_FEATURES

RERANK_FILE = "gcm-rerank.yaml"

UNIT_FEATURES = (
    "bm25",
    "cosine",
    "phrase",
    "cover",
    "rare",
    "primary",
    "secondary",
    "commitment",
    "action",
    "preamble",
    "principles",
    "implementation",
    "length_ratio",
    "family_bm25",
    "commitment_x_bm25",
    "hand",
    "hand_first",
    "theme_bm25",
    "theme_cosine",
    *UNIT_MEMORY_FEATURES,
)

# The optional embedding matcher adds one column (its cosine), with weights of its own.
FEATURE_SETS = {"lexical": UNIT_FEATURES, "embedding": (*UNIT_FEATURES, "embed")}
RERANK_FILES = {"lexical": RERANK_FILE, "embedding": "gcm-rerank-embedding.yaml"}

CLAUSE_FEATURES = (
    "process_remark",
    "national",
    "best_cover",
    "all_cover",
    "margin",
    "top_bm25_raw",
    "question",
    "principle",
    "good_practice",
    "no_verb",
    "absent_names",
    "log_words",
)


def unit_kinds(units: Sequence[CompactUnit]) -> np.ndarray:
    """Per unit: commitment paragraph, action, preamble (1-7), vision and principles (8-16),
    implementation and follow-up (40-54), as 0/1 columns."""
    out = np.zeros((len(units), 5))
    for i, u in enumerate(units):
        if u.objective is not None:
            out[i, 0 if u.letter is None else 1] = 1.0
        elif u.paragraph <= 7:
            out[i, 2] = 1.0
        elif u.paragraph <= 16:
            out[i, 3] = 1.0
        else:
            out[i, 4] = 1.0
    return out


def families(units: Sequence[CompactUnit]) -> list[np.ndarray]:
    """The unit indices of each paragraph (the paragraph and its actions), one array a paragraph."""
    by_para: dict[int, list[int]] = {}
    for i, u in enumerate(units):
        by_para.setdefault(u.paragraph, []).append(i)
    return [np.array(v) for v in by_para.values()]


def _family_best(values: np.ndarray, family: list[np.ndarray]) -> np.ndarray:
    """Per unit, the best value among the *other* units of its paragraph (0 when it is alone)."""
    out = np.zeros(len(values))
    for members in family:
        if len(members) < 2:
            continue
        own = values[members]
        order = np.argsort(-own, kind="stable")
        best = np.full(len(members), own[order[0]])
        best[order[0]] = own[order[1]]
        out[members] = best
    return out


def unit_features(
    signals: dict[str, np.ndarray],
    bonus: np.ndarray,
    primary: float,
    kinds: np.ndarray,
    lengths: np.ndarray,
    family: list[np.ndarray],
    hand: np.ndarray,
    hand_first: int,
    theme: dict[str, np.ndarray] | None = None,
    memory: np.ndarray | None = None,
) -> np.ndarray:
    """The (units x features) matrix of one query, columns in :data:`UNIT_FEATURES` order.

    ``hand`` and ``hand_first``: the hand-set ranking's scores and its first unit, so the learned
    blend starts from what the hand-set rules know (the commitment preference among them).
    ``memory``: the (units x 5) columns of :meth:`composer.trace.memory.LinkMemory.unit_columns`
    (zeros when nothing checked is remembered)."""
    first = np.zeros(len(hand))
    first[hand_first] = 1.0
    extra = [signals["embed"]] if "embed" in signals else []
    bm25 = signals["bm25"]
    is_primary = (bonus >= primary - 1e-12) & (bonus > 0)
    is_secondary = (bonus > 0) & ~is_primary
    family_best = _family_best(bm25, family)
    ratio = np.log((lengths + 1.0) / (signals["length"] + 1.0)) / 3.0
    return np.column_stack(
        [
            bm25,
            signals["cosine"],
            signals["phrase"],
            signals["cover"],
            np.minimum(signals["rare"], 3.0) / 3.0,
            is_primary.astype(float),
            is_secondary.astype(float),
            kinds,
            ratio,
            family_best,
            kinds[:, 0] * family_best,
            hand / hand.max() if hand.max() > 0 else hand,
            first,
            theme["bm25"] if theme is not None else np.zeros(len(hand)),
            theme["cosine"] if theme is not None else np.zeros(len(hand)),
            memory if memory is not None else np.zeros((len(hand), len(UNIT_MEMORY_FEATURES))),
            *extra,
        ]
    )


def fit_conditional_logit(
    matrices: Sequence[np.ndarray], accepted: Sequence[np.ndarray], l2: float = 0.01, steps: int = 400, rate: float = 0.5
) -> np.ndarray:
    """Weights maximising, per clause, the softmax probability of its accepted units (minus an
    L2 penalty); plain full-batch gradient descent from zero, so the fit is deterministic."""
    width = matrices[0].shape[1]
    weights = np.zeros(width)
    count = len(matrices)
    for _ in range(steps):
        grad = l2 * weights
        for x, mask in zip(matrices, accepted, strict=True):
            logits = x @ weights
            p = np.exp(logits - logits.max())
            p /= p.sum()
            q = p * mask
            q /= q.sum()
            grad += x.T @ (p - q) / count
        weights -= rate * grad
    return weights


def fit_logistic(
    x: np.ndarray, y: np.ndarray, l2: float = 0.05, steps: int = 600, rate: float = 0.5, balanced: bool = True
) -> tuple[np.ndarray, float]:
    """Weights and intercept of a class-weighted logistic regression (plain gradient descent)."""
    n, width = x.shape
    weights, bias = np.zeros(width), 0.0
    pos = max(float(y.sum()), 1.0)
    sample = np.where(y > 0, n / (2 * pos), n / (2 * max(n - pos, 1.0))) if balanced else np.ones(n)
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ weights + bias)))
        err = (p - y) * sample / n
        weights -= rate * (x.T @ err + l2 * weights)
        bias -= rate * float(err.sum())
    return weights, bias


@dataclass(frozen=True)
class LearnedModel:
    """The fitted weights (unit re-ranker and, optionally, the ``none`` classifier)."""

    unit_weights: tuple[float, ...]
    none_weights: tuple[float, ...] | None = None
    none_bias: float = 0.0
    none_threshold: float = 0.5
    version: str = "learned-1"

    def unit_scores(self, features: np.ndarray) -> np.ndarray:
        """Relative probabilities in (0, 1], the best unit at 1."""
        logits = features @ np.asarray(self.unit_weights)
        return np.exp(logits - logits.max())

    def none_probability(self, features: np.ndarray) -> float:
        if self.none_weights is None:
            return 0.0
        z = float(features @ np.asarray(self.none_weights)) + self.none_bias
        return 1.0 / (1.0 + math.exp(-z))


@cache
def load_model(feature_set: str = "lexical") -> LearnedModel | None:
    """The fitted model of ``feature_set`` from package data (None when it has not been fitted)."""
    path = resources.files("composer.data").joinpath(RERANK_FILES[feature_set])
    if not path.is_file():
        return None
    raw = safe_load(path.read_text("utf-8")) or {}
    unit = raw.get("unit_weights") or {}
    names = FEATURE_SETS[feature_set]
    if list(unit) != list(names):
        return None
    none = raw.get("none_weights")
    return LearnedModel(
        unit_weights=tuple(float(unit[k]) for k in names),
        none_weights=tuple(float(none[k]) for k in CLAUSE_FEATURES) if none else None,
        none_bias=float(raw.get("none_bias", 0.0)),
        none_threshold=float(raw.get("none_threshold", 0.5)),
        version=str(raw.get("version", "learned-1")),
    )
