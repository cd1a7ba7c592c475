"""The optional embedding matcher: skipped cleanly when the ``embeddings`` extra is missing."""

from __future__ import annotations

import pytest

from composer.trace.embedding import embeddings_available

pytestmark = pytest.mark.skipif(not embeddings_available(), reason="embeddings extra not installed")


def test_embedding_matcher_finds_paraphrased_agreed_language():
    from composer.trace.compact import load_compact
    from composer.trace.matching import ClauseQuery, matchable_units, rank
    from composer.trace.tracer import make_matcher

    compact = load_compact()
    units = matchable_units(compact)
    matcher = make_matcher("embedding", compact)
    queries = [
        ClauseQuery("a", "Stop locking up children because of their parents' immigration status", (13,)),
        ClauseQuery("b", "Make it cheaper for migrants to send money home to their families", (20,)),
    ]
    detention, remittances = rank(matcher, units, queries)
    assert any(compact.unit(c.ref).paragraph == 29 for c in detention)
    assert any(compact.unit(c.ref).paragraph == 36 for c in remittances)
    assert all(0.0 <= c.similarity <= 1.0 for c in detention + remittances)


def test_embedding_matcher_has_its_own_fitted_reranker_and_labeller():
    from composer.trace.compact import load_compact
    from composer.trace.gapmodel import load_gap_model
    from composer.trace.matching import Ranker, matchable_units
    from composer.trace.rerank import FEATURE_SETS, load_model
    from composer.trace.tracer import make_matcher

    model = load_model("embedding")
    assert model is not None and len(model.unit_weights) == len(FEATURE_SETS["embedding"])
    assert load_gap_model("embedding") is not None
    compact = load_compact()
    units = matchable_units(compact)
    ranker = Ranker(make_matcher("embedding", compact), units)
    assert ranker.model == model  # the embedding ranking reads the embedding weights, not the lexical ones
    x = ranker.features("Stop locking up children because of their parents' immigration status", (13,))
    assert x is not None and x.shape == (len(units), len(FEATURE_SETS["embedding"]))
