"""The learned re-ranker, the k-fold split, and the evaluation scoring the matcher, not confirmed links."""

from __future__ import annotations

import numpy as np

from composer.library.models import Clause, GcmLink, Locator
from composer.trace.compact import load_compact
from composer.trace.crossval import fold_of
from composer.trace.evaluate import Label, evaluate
from composer.trace.rerank import UNIT_FEATURES, fit_conditional_logit, fit_logistic, load_model
from composer.trace.tracer import compute_links, make_matcher


def _clause(text: str, gcm: GcmLink | None) -> Clause:
    return Clause(
        id="t-detention", source="s", locator=Locator(section="x"),
        quote=text, text=text, kind="recommendation", year=2017, objectives=[13], cluster=1, themes=["detention"], gcm=gcm,
    )


def test_a_confirmed_link_equal_to_the_label_does_not_make_the_matcher_look_right():
    compact = load_compact()
    text = "Completely ban the immigration detention of children and end child detention."
    # a confirmed link (as --confirm-labels writes) to a unit the matcher would never choose
    planted = GcmLink(refs=["para 2"], gap="same", confirmed=True)
    clause = _clause(text, planted)
    computed = compute_links(make_matcher("lexical", compact), compact, [clause])
    assert computed["t-detention"].refs[0] != "para 2"
    result = evaluate("lexical", {k: v.to_link() for k, v in computed.items()}, [Label("t-detention", "para 2", (), "same")])
    assert result.hits_at_1 == 0 and result.precision_at_1 == 0.0
    # the same clause without the confirmed link gets exactly the same computed answer
    bare = compute_links(make_matcher("lexical", compact), compact, [_clause(text, None)])
    assert bare["t-detention"].refs == computed["t-detention"].refs
    assert bare["t-detention"].gap == computed["t-detention"].gap


def test_conditional_logit_learns_which_feature_marks_the_accepted_unit():
    rng = np.random.default_rng(0)
    matrices, masks = [], []
    for _ in range(40):
        x = rng.random((30, 2))
        mask = np.zeros(30)
        mask[int(np.argmax(x[:, 0]))] = 1.0  # column 0 decides, column 1 is noise
        matrices.append(x)
        masks.append(mask)
    weights = fit_conditional_logit(matrices, masks, steps=300)
    assert weights[0] > 2.0 and abs(weights[1]) < weights[0] / 3
    x = rng.random((200, 1))
    w, b = fit_logistic(x, (x[:, 0] > 0.7).astype(float))
    assert w[0] > 0 and 1 / (1 + np.exp(-(0.9 * w[0] + b))) > 0.5 > 1 / (1 + np.exp(-(0.2 * w[0] + b)))


def test_folds_are_fixed_by_the_clause_id_and_spread():
    ids = [f"clause-{n}" for n in range(200)]
    folds = [fold_of(i) for i in ids]
    assert folds == [fold_of(i) for i in ids]
    assert set(folds) == {0, 1, 2, 3, 4} and max(folds.count(f) for f in range(5)) < 60


def test_packaged_model_matches_the_feature_list():
    model = load_model()
    assert model is not None and len(model.unit_weights) == len(UNIT_FEATURES)
    assert model.none_weights is None  # the none classifier was rejected out-of-fold


def test_the_clause_themes_are_two_re_ranker_columns_of_their_own():
    """The themes are scored against each unit apart from the wording (BM25 and cosine of the
    theme words), so the fitted weights weigh them; the `themes` ablation zeroes the columns."""
    from dataclasses import replace as _replace

    from composer.trace.matching import ClauseQuery, Ranker, matchable_units
    from composer.trace.settings import TraceSettings

    compact = load_compact()
    matcher = make_matcher("lexical", compact)
    units = matchable_units(compact)
    clause = Clause(
        id="t-themes", source="s", locator=Locator(section="x"), quote="Children first.", text="Children first.",
        kind="recommendation", year=2017, objectives=[13], cluster=1, themes=["alternatives-to-detention"],
    )
    query = ClauseQuery.from_clause(clause)
    assert query.themes == ("alternatives-to-detention",) and query.theme_text == "alternatives to detention"
    settings = TraceSettings()
    ranker = Ranker(matcher, units, _replace(settings.rank, learned=False))
    x = ranker.features(query.text, query.objectives, query.theme_text)
    assert x is not None and x.shape[1] == len(UNIT_FEATURES)
    theme_bm25 = x[:, UNIT_FEATURES.index("theme_bm25")]
    best = units[int(np.argmax(theme_bm25))].ref
    assert best.startswith("para 29"), best  # objective 13, alternatives to detention, is para 29
    off = Ranker(matcher, units, _replace(settings.without("themes").rank, learned=False))
    x_off = off.features(query.text, query.objectives, query.theme_text)
    assert x_off is not None and not x_off[:, UNIT_FEATURES.index("theme_bm25")].any()
    assert np.array_equal(np.delete(x, [UNIT_FEATURES.index("theme_bm25"), UNIT_FEATURES.index("theme_cosine")], 1),
                          np.delete(x_off, [UNIT_FEATURES.index("theme_bm25"), UNIT_FEATURES.index("theme_cosine")], 1))
