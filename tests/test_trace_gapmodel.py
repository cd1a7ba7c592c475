"""The learned gap labeller: its fit, its features on hand-made clauses, the packaged weights and its switch."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from composer.library.models import Clause, Locator
from composer.trace.compact import load_compact
from composer.trace.gap import Judgement, load_ladder
from composer.trace.gapmodel import (
    GAP_FEATURES,
    GapInputs,
    GapModel,
    fit_gap_model,
    fit_softmax,
    learned_judgement,
    load_gap_model,
)
from composer.trace.matching import matchable_units
from composer.trace.settings import TraceSettings
from composer.trace.tracer import compute_links, inspect_ranked, make_matcher


def _clause(cid: str, text: str, kind: str = "recommendation", objectives: tuple[int, ...] = (13,)) -> Clause:
    return Clause(
        id=cid, source="s", locator=Locator(section="x"), quote=text, text=text, kind=kind,  # type: ignore[arg-type]
        year=2017, objectives=list(objectives), cluster=1, themes=["t"],
    )


def test_softmax_learns_which_column_decides_the_class():
    rng = np.random.default_rng(1)
    x = rng.random((300, 3))
    y = ["same" if a > 0.6 else "partial" if a > 0.3 else "none" for a in x[:, 0]]
    weights = fit_softmax(x, y, ["same", "partial", "none"], steps=1500, rate=1.0, l2=0.0)
    model = GapModel(("same", "partial", "none"), weights)
    assert model.predict(np.array([0.95, 0.5, 0.5])) == "same"
    assert model.predict(np.array([0.02, 0.5, 0.5])) == "none"
    assert weights.shape == (4, 3)
    # deterministic: the same data gives the same weights
    assert np.array_equal(weights, fit_softmax(x, y, ["same", "partial", "none"], steps=1500, rate=1.0, l2=0.0))


def test_classes_are_the_labels_seen_in_training():
    x = np.zeros((4, len(GAP_FEATURES)))
    model = fit_gap_model(x, ["same", "none", "same", "partial"])
    assert model.classes == ("same", "partial", "none")  # no `weaker`, `stronger` without examples


def test_features_read_the_ladder_and_the_rule_on_hand_made_clauses():
    compact = load_compact()
    settings = TraceSettings()
    matcher = make_matcher("lexical", compact, settings)
    ban = _clause("t-ban", "Completely ban the detention of migrant children")
    question = _clause("t-q", "How can States improve access to justice for migrants?", kind="guiding_question", objectives=(7,))
    _, inspected = inspect_ranked(matcher, compact, [ban, question], settings)
    names = list(GAP_FEATURES)
    (_, cands_ban, ban_in), (_, _, q_in) = inspected
    assert len(ban_in.features) == len(GAP_FEATURES)
    assert "para 29(h)" in [c.ref for c in cands_ban]
    assert ban_in.features[names.index("ask_level")] == 1.0  # "ban": the top of the ladder
    assert ban_in.features[names.index("kind_recommendation")] == 1.0
    assert q_in.rule.gap == "partial" and q_in.features[names.index("rule_partial")] == 1.0
    assert q_in.features[names.index("question")] == 1.0 and ban_in.features[names.index("question")] == 0.0


def test_a_disagreeing_label_gets_the_ladder_files_reason():
    weights = np.zeros((len(GAP_FEATURES) + 1, 2))
    weights[-1] = [0.0, 5.0]  # the intercept alone says partial
    model = GapModel(("same", "partial"), weights)
    inputs = GapInputs(Judgement("same", None), np.zeros(len(GAP_FEATURES)), "ensure", "promote", "para 31", ("housing",))
    judged = learned_judgement(inputs, model)
    assert judged.gap == "partial" and judged.why is not None and "para 31" in judged.why and "housing" in judged.why
    agreeing = GapInputs(Judgement("partial", "rule's own reason"), np.zeros(len(GAP_FEATURES)), None, None, "para 31", ())
    assert learned_judgement(agreeing, model).why == "rule's own reason"


def test_packaged_labeller_matches_the_features_and_can_be_switched_off():
    model = load_gap_model()
    assert model is not None and model.weights.shape == (len(GAP_FEATURES) + 1, len(model.classes))
    assert set(model.classes) <= {"same", "weaker", "stronger", "partial", "none"} and "same" in model.classes
    compact = load_compact()
    clause = _clause("t-ban", "Completely ban the detention of migrant children")
    settings = TraceSettings()
    rules = settings.without("learned-gap")
    assert rules.gap.learned is False
    matcher = make_matcher("lexical", compact, settings)
    _, inspected = inspect_ranked(matcher, compact, [clause], settings)
    rule_gap = inspected[0][2].rule.gap
    assert compute_links(matcher, compact, [clause], rules)["t-ban"].gap == rule_gap
    learned = compute_links(matcher, compact, [clause], settings)["t-ban"].gap
    assert learned == model.predict(inspected[0][2].features)
    # an explicit labeller (cross-validation's) replaces the packaged one
    forced = GapModel(("none",), np.zeros((len(GAP_FEATURES) + 1, 1)))
    assert compute_links(matcher, compact, [clause], replace(settings), gap_model=forced)["t-ban"].gap == "none"


def test_nested_choice_of_one_option_is_the_plain_out_of_fold_figure():
    """With one option there is nothing to choose: nested and plain out-of-fold must agree,
    and both score every labelled clause once, from models that never saw it."""
    from pathlib import Path

    from composer.library import load_library
    from composer.trace.crossval import FitOptions, Fitter, GapOptions
    from composer.trace.split import calibration_labels

    root = Path(__file__).resolve().parents[1]
    compact = load_compact()
    labels = calibration_labels(root, compact)[:60]
    wanted = {label.clause for label in labels}
    clauses = [c for c in load_library(root).clauses if c.id in wanted]
    fitter = Fitter(compact, clauses, labels, TraceSettings())
    options = FitOptions(none=False, steps=60)
    plain = fitter.out_of_fold_gap(options, GapOptions(), folds=3)
    nested = fitter.nested_gap(options, [GapOptions()], folds=3, inner=2)
    assert plain.labelled == nested.labelled == len(labels) and not plain.missing
    assert (plain.gap_agree, plain.hits_at_1) == (nested.gap_agree, nested.hits_at_1)
    assert fitter._rules_only().gap.learned is False  # the packaged labeller never scores a fold


def test_extra_conditions_flags_a_unit_that_adds_conditions_the_ask_lacks():
    compact = load_compact()
    settings = TraceSettings()
    matcher = make_matcher("lexical", compact, settings)
    bare = _clause("t-bare", "Provide basic services to all migrants regardless of their status", objectives=(15,))
    conditioned = _clause("t-cond", "Provide basic services to all migrants in accordance with national legislation, "
                          "as appropriate, taking into account national realities", objectives=(15,))
    _, inspected = inspect_ranked(matcher, compact, [bare, conditioned], settings)
    ladder = load_ladder()
    names = list(GAP_FEATURES)
    units = {u.ref: u.text for u in matchable_units(compact)}
    for _, _, inputs in inspected:
        assert inputs.unit_ref is not None
        expected = float(ladder.conditions_in(units[inputs.unit_ref]) > ladder.conditions_in(
            bare.text if inputs is inspected[0][2] else conditioned.text))
        assert inputs.features[names.index("extra_conditions")] == expected
    # the ask with three conditions of its own: the unit adds none beyond them
    assert inspected[1][2].features[names.index("extra_conditions")] == 0.0
