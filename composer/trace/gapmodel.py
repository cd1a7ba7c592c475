"""A small learned gap labeller over the gap rules' own evidence.

Why: the hand rules of :mod:`composer.trace.gap` agreed with the labellers on about half the
calibration clauses (out-of-fold 0.55 on 310 labels, 0.52 on 512) and never got a `weaker` right: many of the
labellers' `weaker` turn on conditions ("as appropriate", "per labour market needs", "taking
into consideration"), which a fixed margin on the ladder cannot weigh. So the rules stay, and a
multinomial logistic regression reads what they read: the rule's own label, the clause's kind,
the ladder levels of the ask's verb and of the verb governing its object in the unit (and
whether each is qualified), coverage of the ask by the judged unit and by all listed units,
the ranking margin, names the compact never uses, a process remark, a national description or
reported speech, the clause's length, the salient words the unit lacks, a fragment or a
question, softened wording in the unit, whether the unit carries more conditions than the ask
("in accordance with national legislation", "taking into consideration", "per labour market
needs": the ``conditions`` of the ladder file, where many of the labellers' `weaker` lie), and
the kind of unit judged, how many of the clause's words the compact never uses (since ``gap-3``)
and the gap labels of the nearest person-checked clauses (:mod:`composer.trace.memory`), with
(since ``gap-4``) the similarity-weighted share of each label among every checked clause that
accepted the judged unit. Every feature is general (no clause, unit or word list keyed to a
labelled item); the ladder stays the data file. Out-of-fold on the 605 calibration clauses'
consensus labels it gives 0.56 against the rules' 0.50, and still rarely says `weaker` (docs/trace-labels.md): the gap label is the part of
the trace furthest from people (who agree with each other on 82 % of clauses).

Fitted on the calibration split only (``python -m composer.trace.calibrate --fit``), chosen by
5-fold cross-validation inside it; the weights live in ``composer/data/gcm-gap-model.yaml``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np

from composer.library.yamlio import safe_load
from composer.trace.compact import CompactUnit
from composer.trace.gap import (
    Ask,
    GapSettings,
    Judgement,
    Ladder,
    judge_parts,
    ladder_words,
    load_ladder,
    lowered,
    specific_names,
)
from composer.trace.memory import GAP_MEMORY_FEATURES, LinkMemory
from composer.trace.rerank import unit_kinds
from composer.trace.tokens import stem, words

if TYPE_CHECKING:
    from composer.trace.lexical import LexicalMatcher
    from composer.trace.matching import Candidate, ClauseQuery

GAP_MODEL_FILE = "gcm-gap-model.yaml"
GAP_MODEL_FILES = {"lexical": GAP_MODEL_FILE, "embedding": "gcm-gap-model-embedding.yaml"}
RULE_LABELS = ("same", "weaker", "stronger", "partial", "none")
KINDS = ("recommendation", "principle", "good_practice", "call_to_action", "guiding_question")

GAP_FEATURES = (
    *(f"rule_{g}" for g in RULE_LABELS),
    *(f"kind_{k}" for k in KINDS),
    "ask_level",
    "ask_qualified",
    "ask_no_verb",
    "unit_level",
    "unit_qualified",
    "level_drop",
    "best_cover",
    "all_cover",
    "margin",
    "top_bm25",
    "absent_names",
    "process_remark",
    "national",
    "reported",
    "negated",
    "log_words",
    "missing_salient",
    "missing_rarest",
    "fragment",
    "question",
    "names",
    "unit_soft",
    "extra_conditions",
    "unit_commitment",
    "unit_action",
    "unit_preamble",
    "unit_principles",
    "unit_implementation",
    "absent_words",
    "absent_share",
    "acronym",
    *GAP_MEMORY_FEATURES,
)

_NATIONAL = re.compile(
    r"\b(?:our|my|her|his|their) (?:country|government)\b|\bthe government of\b|\b(?:has|have|had) (?:established"
    r"|adopted|introduced|launched|set up|signed|ratified|developed|created)\b|\bin (?:19|20)\d\d\b|\bcurrently\b",
    re.IGNORECASE,
)
_REPORTED = re.compile(
    r"\b(?:said|stated|explained|described|shared|noted|argued|highlighted|emphasi[sz]ed|stressed|underlined"
    r"|reported|presented|mentioned|observed|recalled|pointed out)\b",
    re.IGNORECASE,
)
_FRAGMENT = re.compile(r"^\s*(?:[a-z]|\u2026|\.\.\.|\(?[ivx]+\))")
_QUESTION = re.compile(r"\?|^\s*(?:\(?[ivx]+\)\s*)?(?:how|what|which|whether|why|who)\b", re.IGNORECASE)
_ACRONYM = re.compile(r"\b[A-Z]{2,}\b")


@cache
def _compact_stems(whole: str) -> frozenset[str]:
    """Every word stem the compact uses (``whole``: its units' text, one string per run)."""
    return frozenset(stem(w) for w in words(whole))


def absent_words(text: str, whole: str) -> tuple[int, float]:
    """How many of the clause's word stems (of three letters or more) the compact never uses,
    and their share: a clause about "housing", "safe houses" or "a global fund" asks for what
    no unit carries, whatever unit it is judged on (the labellers' `partial`)."""
    stems = {stem(w) for w in words(text) if len(w) > 2}
    absent = stems - _compact_stems(whole)
    return len(absent), len(absent) / max(len(stems), 1)


_NEGATED = re.compile(r"\b(?:no|not|never|without|nor)\b|n't\b", re.IGNORECASE)


def _soft(text: str, ladder: Ladder) -> bool:
    """True when a unit's wording carries a softening qualifier anywhere ("as appropriate")."""
    joined = f" {' '.join(ladder_words(text))} "
    return any(f" {' '.join(q)} " in joined for q in ladder.qualifiers)


@dataclass(frozen=True)
class GapInputs:
    """What the learned labeller sees of one ranked clause, with the rule's judgement."""

    rule: Judgement
    features: np.ndarray
    ask_verb: str | None
    unit_verb: str | None
    unit_ref: str | None
    missing: tuple[str, ...]


def gap_inputs(
    query: ClauseQuery,
    candidates: Sequence[Candidate],
    units: Sequence[CompactUnit],
    index: dict[str, int],
    cover: LexicalMatcher,
    whole: str,
    settings: GapSettings,
    gap_on_closest: bool = True,
    ladder: Ladder | None = None,
    memory: LinkMemory | None = None,
) -> GapInputs:
    """The gap rules' judgement of one ranked clause and the features of :data:`GAP_FEATURES`
    (``memory``: the checked links whose gap labels the nearest clauses vote with; zeros without)."""
    ladder = ladder or load_ladder()
    ask = query.ask
    listed = [index[c.ref] for c in candidates]
    judged: int | None = None
    best_cover = all_cover = 0.0
    missing: list[str] = []
    if listed:
        judged = listed[0]
        if gap_on_closest:
            judged = max(listed, key=lambda i: (cover.coverage(ask, [i])[0], -listed.index(i)))
        best_cover, missing = cover.coverage(ask, [judged])
        all_cover = cover.coverage(ask, listed)[0]
    gap_cover = best_cover if all_cover >= settings.none_below else all_cover
    unit_text = units[judged].text if judged is not None else None
    unit_ref = units[judged].ref if judged is not None else None
    parts = judge_parts(Ask(query.text, query.kind, ask), unit_ref, unit_text, gap_cover, missing, whole, settings, ladder)
    scores = [c.score for c in candidates] + [0.0, 0.0]
    margin = (scores[0] - scores[1]) / scores[0] if scores[0] > 0 else 0.0
    signals = cover.signals(query.text)
    top = float(signals["top"][0]) if signals is not None else 0.0
    whole_lower = lowered(whole)
    absent = [n for n in specific_names(ask) if n.lower() not in whole_lower]
    ask_force, unit_force = parts.ask_force, parts.unit_force
    unit_kind = unit_kinds([units[judged]])[0] if judged is not None else np.zeros(5)
    unit_conditions = ladder.conditions_in(unit_text) if unit_text is not None else 0
    ask_conditions = ladder.conditions_in(ask)
    absent_count, absent_share = absent_words(query.text, whole)
    row = [
        *(float(parts.judgement.gap == g) for g in RULE_LABELS),
        *(float(query.kind == k) for k in KINDS),
        ask_force.effective / 5.0,
        float(ask_force.qualified),
        float(ask_force.level == 0),
        unit_force.effective / 5.0 if unit_force is not None else 0.0,
        float(unit_force.qualified) if unit_force is not None else 0.0,
        (ask_force.effective - unit_force.effective) / 5.0 if unit_force is not None and ask_force.level else 0.0,
        best_cover,
        all_cover,
        margin,
        math.log1p(top) / 3.0,
        min(len(absent), 3) / 3.0,
        float(ladder.is_process_remark(ask)),
        float(bool(_NATIONAL.search(query.text))),
        float(bool(_REPORTED.search(query.text))),
        float(bool(_NEGATED.search(ask))),
        math.log1p(len(ask.split())) / 4.0,
        min(len(missing), 6) / 6.0,
        min(cover.rarity(missing[0]), 8.0) / 8.0 if missing else 0.0,
        float(bool(_FRAGMENT.match(query.text))),
        float(bool(_QUESTION.search(query.text))),
        min(len(specific_names(ask)), 3) / 3.0,
        float(unit_text is not None and _soft(unit_text, ladder)),
        float(unit_conditions > ask_conditions),
        *unit_kind,
        min(absent_count, 6) / 6.0,
        absent_share,
        float(bool(_ACRONYM.search(query.text))),
        *(memory.gap_columns(query.id, query.text, query.themes, unit_ref) if memory is not None
          else np.zeros(len(GAP_MEMORY_FEATURES))),
    ]
    return GapInputs(
        parts.judgement,
        np.array(row, dtype=float),
        ask_force.phrase,
        unit_force.phrase if unit_force is not None else None,
        unit_ref,
        tuple(missing),
    )


def fit_softmax(
    x: np.ndarray, y: Sequence[str], classes: Sequence[str], l2: float = 0.01, steps: int = 800, rate: float = 0.5,
    class_weight: dict[str, float] | None = None,
) -> np.ndarray:
    """(features + 1) x classes weights of a multinomial logistic regression (last row: intercepts),
    by plain full-batch gradient descent from zero: few weights, deterministic, no dependency."""
    n = x.shape[0]
    design = np.hstack([x, np.ones((n, 1))])
    target = np.zeros((n, len(classes)))
    for row, label in enumerate(y):
        target[row, classes.index(label)] = 1.0
    sample = np.array([(class_weight or {}).get(label, 1.0) for label in y])
    sample = sample / sample.mean()
    weights = np.zeros((design.shape[1], len(classes)))
    penalty = np.ones((design.shape[1], 1))
    penalty[-1] = 0.0  # intercepts are not shrunk
    for _ in range(steps):
        logits = design @ weights
        p = np.exp(logits - logits.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        grad = design.T @ ((p - target) * sample[:, None]) / n + l2 * penalty * weights
        weights -= rate * grad
    return weights


@dataclass(frozen=True)
class GapModel:
    """The fitted labeller: one weight column per gap label (intercepts in the last row)."""

    classes: tuple[str, ...]
    weights: np.ndarray
    version: str = "gap-1"

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        logits = np.append(features, 1.0) @ self.weights
        p = np.exp(logits - logits.max())
        return p / p.sum()

    def predict(self, features: np.ndarray) -> str:
        return self.classes[int(np.argmax(self.probabilities(features)))]

    def to_yaml(self, header: str) -> str:
        """The data file's text (one line per feature: a weight per class)."""
        lines = [header.rstrip("\n"), f"version: {self.version}", f"classes: [{', '.join(self.classes)}]", "weights:"]
        for name, row in zip((*GAP_FEATURES, "intercept"), self.weights, strict=True):
            lines.append(f"  {name}: [{', '.join(f'{w:.6f}' for w in row)}]")
        return "\n".join(lines) + "\n"


def fit_gap_model(
    x: np.ndarray, y: Sequence[str], l2: float = 0.01, class_weight: dict[str, float] | None = None
) -> GapModel:
    """A labeller fitted on ``x`` (rows of :data:`GAP_FEATURES`) and the labellers' gaps ``y``."""
    classes = tuple(g for g in RULE_LABELS if g in set(y))
    return GapModel(classes, fit_softmax(x, list(y), list(classes), l2=l2, class_weight=class_weight))


@cache
def load_gap_model(feature_set: str = "lexical") -> GapModel | None:
    """The fitted labeller from package data (None when it has not been fitted or is stale);
    one per ranking it was fitted over (the lexical one, or the optional embedding one)."""
    path = resources.files("composer.data").joinpath(GAP_MODEL_FILES[feature_set])
    if not path.is_file():
        return None
    raw = safe_load(path.read_text("utf-8")) or {}
    weights = raw.get("weights") or {}
    if list(weights) != [*GAP_FEATURES, "intercept"]:
        return None
    classes = tuple(str(c) for c in raw.get("classes", []))
    matrix = np.array([[float(w) for w in weights[name]] for name in weights])
    return GapModel(classes, matrix, str(raw.get("version", "gap-1")))


def learned_judgement(inputs: GapInputs, model: GapModel, ladder: Ladder | None = None) -> Judgement:
    """The model's label, with the rule's reason when they agree, else the ladder file's sentence."""
    label = model.predict(inputs.features)
    if label == inputs.rule.gap:
        return inputs.rule
    why = (ladder or load_ladder()).why
    ref = inputs.unit_ref or "?"
    if label == "same":
        return Judgement("same", None)
    if label == "none":
        return Judgement("none", why.get("none_far"))
    if label in ("weaker", "stronger"):
        text = why.get(label, "").format(ask_verb=inputs.ask_verb or "the ask", ref=ref,
                                         compact_verb=inputs.unit_verb or "less firm wording")
        return Judgement(label, text)
    shown = ", ".join(inputs.missing[:4]) or "its object"
    return Judgement("partial", why.get("partial_cover", "").format(ref=ref, missing=shown))
