"""k-fold cross-validation of the learned re-ranker and ``none`` classifier, inside the
calibration split only (held-out labels are never read here; a test checks the import).

Why: a weight chosen on the same labels it is scored on looks better than it is (the first
matcher's calibration P@1 0.67 became 0.50 on held-out labels). Every figure this module
prints for a learned step is *out-of-fold*: each clause is scored by a model fitted on the
other folds. Folds are fixed by a hash of the clause id, so the figures are reproducible.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from composer.library.models import Clause
from composer.trace.compact import Compact
from composer.trace.evaluate import Evaluation, Label, evaluate
from composer.trace.gapmodel import GapModel, fit_gap_model
from composer.trace.matching import ClauseQuery, Ranker, matchable_units
from composer.trace.memory import UNIT_MEMORY_FEATURES, LinkMemory
from composer.trace.rerank import FEATURE_SETS, LearnedModel, fit_conditional_logit, fit_logistic
from composer.trace.settings import TraceSettings
from composer.trace.tracer import clause_features, compute_links, coverage_matcher, inspect_ranked, make_matcher

FOLDS = 5


def fold_of(clause_id: str, folds: int = FOLDS) -> int:
    """The fold of a clause: a hash of its id, independent of file order."""
    return int(hashlib.sha256(clause_id.encode()).hexdigest(), 16) % folds


@dataclass(frozen=True)
class FitOptions:
    """What to fit: the unit re-ranker (its L2 penalty) and whether to fit the ``none`` classifier."""

    l2: float = 0.01
    steps: int = 400
    none: bool = True
    none_l2: float = 0.05
    none_threshold: float = 0.5


@dataclass(frozen=True)
class GapOptions:
    """The learned gap labeller's fit: L2 penalty and extra weight on the rare ``none`` and
    ``weaker`` classes (unweighted, an argmax over 512 labels, half of them ``same``, never
    says ``weaker``)."""

    l2: float = 0.03
    none_weight: float = 1.0
    weaker_weight: float = 1.0


class Fitter:
    """Features computed once for the labelled clauses; models fitted on any subset of them."""

    def __init__(
        self, compact: Compact, clauses: Sequence[Clause], labels: Sequence[Label], settings: TraceSettings,
        method: str = "lexical",
    ) -> None:
        self.compact = compact
        self.settings = settings
        self.matcher = make_matcher(method, compact, settings)
        self.units = matchable_units(compact)
        self.index = {u.ref: i for i, u in enumerate(self.units)}
        self.labels = {lb.clause: lb for lb in labels}
        self.clauses = [c for c in clauses if c.id in self.labels]
        self.ranker = Ranker(self.matcher, self.units, replace(settings.rank, learned=False))
        self._features: dict[str, np.ndarray | None] = {}
        # every label remembered; a fold's fit and scoring read only its training clauses' part
        self.memory = LinkMemory.from_labels(self.clauses, labels, self.units) if settings.rank.memory else None
        names = list(FEATURE_SETS[getattr(self.matcher, "feature_set", "lexical")])
        self._memory_columns = [names.index(n) for n in UNIT_MEMORY_FEATURES]
        prepare = getattr(self.matcher, "prepare", None)
        if prepare is not None:  # the embedding matcher encodes every text in one batch
            prepare([ClauseQuery.from_clause(c).text for c in self.clauses])
        self._queries = {c.id: ClauseQuery.from_clause(c) for c in self.clauses}
        for clause in self.clauses:
            query = self._queries[clause.id]
            self._features[clause.id] = self.ranker.features(query.text, query.objectives, query.theme_text)

    def remembered(self, ids: Sequence[str]) -> LinkMemory | None:
        """The memory of the clauses ``ids`` only (None when the memory step is off)."""
        return self.memory.restricted(ids) if self.memory is not None else None

    def _with_memory(self, cid: str, x: np.ndarray, memory: LinkMemory | None) -> np.ndarray:
        """A clause's features with the memory columns of ``memory`` (its own label never among them)."""
        if memory is None:
            return x
        query = self._queries[cid]
        out = x.copy()
        out[:, self._memory_columns] = memory.unit_columns(query.id, query.text, query.themes)
        return out

    def fit(self, ids: Sequence[str], options: FitOptions) -> LearnedModel:
        """A model fitted on the clauses ``ids`` only (the memory of ``ids`` too)."""
        xs, masks = [], []
        memory = self.remembered(ids)
        for cid in ids:
            label, x = self.labels[cid], self._features[cid]
            if x is None or label.best is None:
                continue
            x = self._with_memory(cid, x, memory)
            mask = np.array([u.ref in label.accepted for u in self.units], dtype=float)
            if mask.any():
                xs.append(x)
                masks.append(mask)
        weights = fit_conditional_logit(xs, masks, l2=options.l2, steps=options.steps)
        model = LearnedModel(unit_weights=tuple(float(w) for w in weights))
        if not options.none:
            return model
        chosen = [c for c in self.clauses if c.id in set(ids)]
        x_none, y_none = self._none_data(chosen, model)
        if y_none.sum() == 0:
            return model
        nw, nb = fit_logistic(x_none, y_none, l2=options.none_l2)
        return replace(model, none_weights=tuple(float(w) for w in nw), none_bias=nb, none_threshold=options.none_threshold)

    def _none_data(self, clauses: Sequence[Clause], model: LearnedModel) -> tuple[np.ndarray, np.ndarray]:
        """Clause features after ranking with ``model``, and 1 for the clauses labelled ``none``."""
        queries = [ClauseQuery.from_clause(c) for c in clauses]
        ranked = Ranker(self.matcher, self.units, self.settings.rank, model=model,
                        memory=self.remembered([c.id for c in clauses])).rank(queries)
        cover = coverage_matcher(self.matcher, self.units)
        whole = "\n".join(u.text for u in self.units)
        x = np.vstack([clause_features(q, cands, self.units, self.index, cover, whole) for q, cands in zip(queries, ranked, strict=True)])
        y = np.array([float(self.labels[c.id].gap == "none") for c in clauses])
        return x, y

    def out_of_fold(self, options: FitOptions, folds: int = FOLDS) -> Evaluation:
        """Figures where every clause is scored by a model fitted on the other folds."""
        links = {}
        for fold in range(folds):
            train = [c.id for c in self.clauses if fold_of(c.id, folds) != fold]
            test = [c for c in self.clauses if fold_of(c.id, folds) == fold]
            model = self.fit(train, options)
            for cid, link in compute_links(self.matcher, self.compact, test, self._rules_only(), model=model,
                                           memory=self.remembered(train)).items():
                links[cid] = link.to_link()
        return evaluate("learned (out-of-fold)", links, list(self.labels.values()))

    def _rules_only(self) -> TraceSettings:
        """The settings with the gap rules alone (never the packaged labeller, fitted on all folds)."""
        return replace(self.settings, gap=replace(self.settings.gap, learned=False))

    def hand_set(self) -> Evaluation:
        """The hand-set ranking on the same clauses (in-sample: its weights were chosen on them)."""
        settings = replace(self._rules_only(), rank=replace(self.settings.rank, learned=False))
        links = {k: v.to_link() for k, v in compute_links(self.matcher, self.compact, self.clauses, settings).items()}
        return evaluate("hand-set (in-sample)", links, list(self.labels.values()))

    def gap_model(self, ids: Sequence[str], model: LearnedModel | None, options: GapOptions) -> GapModel:
        """A gap labeller fitted on the clauses ``ids``, over the ranking of ``model``."""
        chosen = [c for c in self.clauses if c.id in set(ids)]
        _, inspected = inspect_ranked(self.matcher, self.compact, chosen, self.settings, model, self.remembered(ids))
        x = np.vstack([inputs.features for _, _, inputs in inspected])
        y = [self.labels[q.id].gap for q, _, _ in inspected]
        return fit_gap_model(x, y, l2=options.l2, class_weight={"none": options.none_weight, "weaker": options.weaker_weight})

    def out_of_fold_gap(self, options: FitOptions, gap: GapOptions, folds: int = FOLDS) -> Evaluation:
        """Re-ranker and gap labeller both fitted on the other folds, every clause scored once."""
        links = {}
        for fold in range(folds):
            train = [c.id for c in self.clauses if fold_of(c.id, folds) != fold]
            test = [c for c in self.clauses if fold_of(c.id, folds) == fold]
            model = self.fit(train, options)
            labeller = self.gap_model(train, model, gap)
            for cid, link in compute_links(self.matcher, self.compact, test, self.settings, model=model,
                                           gap_model=labeller, memory=self.remembered(train)).items():
                links[cid] = link.to_link()
        return evaluate("learned + gap labeller (out-of-fold)", links, list(self.labels.values()))

    def nested_gap(self, options: FitOptions, choices: Sequence[GapOptions], folds: int = FOLDS, inner: int = 4) -> Evaluation:
        """Out-of-fold figures with the labeller's option chosen inside each training fold (by an
        inner k-fold on it): what the labeller is worth without choosing among options on the
        same folds that score them."""
        links = {}
        for fold in range(folds):
            train = [c.id for c in self.clauses if fold_of(c.id, folds) != fold]
            test = [c for c in self.clauses if fold_of(c.id, folds) == fold]
            agree = [0] * len(choices)
            for part in range(inner):
                inner_train = [cid for cid in train if fold_of(f"{cid}#inner", inner) != part]
                inner_test = [c for c in self.clauses if c.id in set(train) and fold_of(f"{c.id}#inner", inner) == part]
                model = self.fit(inner_train, options)
                for k, choice in enumerate(choices):
                    labeller = self.gap_model(inner_train, model, choice)
                    inner_links = compute_links(self.matcher, self.compact, inner_test, self.settings, model=model,
                                                gap_model=labeller, memory=self.remembered(inner_train))
                    agree[k] += sum(inner_links[c.id].gap == self.labels[c.id].gap for c in inner_test)
            best = choices[int(np.argmax(agree))]
            model = self.fit(train, options)
            labeller = self.gap_model(train, model, best)
            for cid, link in compute_links(self.matcher, self.compact, test, self.settings, model=model,
                                           gap_model=labeller, memory=self.remembered(train)).items():
                links[cid] = link.to_link()
        return evaluate("learned + gap labeller, option chosen in each fold (nested)", links, list(self.labels.values()))
