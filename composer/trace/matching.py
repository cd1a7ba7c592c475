"""What every matcher shares: the query a clause makes, ranked candidates, the objective prior,
the commitment-paragraph preference and the covering of composite clauses.

A matcher only has to say how close a clause is to each compact unit (a score in [0, 1]).
Ranking then adds, in this order (each measured on the calibration split, see
``compose trace --evaluate --ablate``):

* the objective prior, a *mild tie-breaker*: a small additive bonus for units under the
  clause's objectives, so the preamble, principles, implementation and follow-up (paras 1-16,
  40-54) still win when their wording is closer;
* the commitment preference: when the best unit is an action and its objective's commitment
  paragraph scores nearly as well, the paragraph is the better answer (the labelling
  convention: an action only when one is clearly closer);
* composite clauses (two asks joined by ";" or "and <verb>"): each part is matched on its own
  and the best unit of a part the first reference does not cover joins the references.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

import numpy as np

from composer.library.models import Clause
from composer.trace.compact import Compact, CompactUnit
from composer.trace.gap import load_ladder
from composer.trace.memory import LinkMemory
from composer.trace.rerank import LearnedModel, families, load_model, unit_features, unit_kinds

TOP_K = 3


@dataclass(frozen=True)
class ClauseQuery:
    """What a clause brings to matching: its words, its objectives (first = primary), its kind and
    its operative wording (the curated draft text if any: the ask whose force the gap label judges)."""

    id: str
    text: str
    objectives: tuple[int, ...]
    kind: str = "recommendation"
    wording: str = ""
    themes: tuple[str, ...] = ()  # the clause's curated themes ("alternatives-to-detention")

    @classmethod
    def from_clause(cls, clause: Clause) -> ClauseQuery:
        """Text and operative draft wording together: both say what the clause asks for."""
        parts = [clause.text]
        if clause.draft_text and clause.draft_text.strip() != clause.text.strip():
            parts.append(clause.draft_text)
        return cls(clause.id, "\n".join(parts), tuple(clause.objectives), clause.kind, clause.operative_text,
                   tuple(clause.themes))

    @property
    def ask(self) -> str:
        return self.wording or self.text

    @property
    def theme_text(self) -> str:
        """The themes as words ("alternatives to detention"): the ranking reads them as their own
        signal (a short clause often does not name its topic; its themes do); the gap never does."""
        return " ".join(t.replace("-", " ") for t in self.themes)


@dataclass(frozen=True)
class Candidate:
    """One compact unit proposed for a clause: ``score`` ranks, ``similarity`` is the matcher's closeness."""

    ref: str
    score: float
    similarity: float


@dataclass(frozen=True)
class Thresholds:
    """Similarity at or above ``same`` -> same; at or above ``related`` -> partial; else none.

    Kept for matchers without a gap judge; the trace labels gaps with :mod:`composer.trace.gap`.
    """

    same: float
    related: float

    def gap(self, similarity: float) -> str:
        """A provisional gap label from similarity alone (same / partial / none)."""
        if similarity >= self.same:
            return "same"
        if similarity >= self.related:
            return "partial"
        return "none"


@dataclass(frozen=True)
class Prior:
    """The additive bonus a unit gets for sitting under the clause's primary or another objective.

    A mild tie-breaker on scores in [0, 1]: it settles near-ties, it does not double a score.
    """

    primary: float = 0.45
    secondary: float = 0.225
    # Objective 23 (international cooperation) is the compact's catch-all: its clauses are as often
    # about the principles (para 15) and implementation (paras 40-47) as about para 39's actions,
    # so those paragraphs count as its own and its bonus is scaled by ``broad_scale``.
    broad: tuple[tuple[int, tuple[int, ...]], ...] = ((23, (14, 15, 40, 41, 42, 43, 44, 45, 46, 47)),)
    broad_scale: float = 1.0

    def weights(self, units: Sequence[CompactUnit], objectives: Sequence[int]) -> np.ndarray:
        """One bonus per unit for this clause's objectives."""
        bonus = np.zeros(len(units))
        if not objectives:
            return bonus
        primary, others = objectives[0], set(objectives[1:])
        broad = dict(self.broad)
        for index, unit in enumerate(units):
            owners = {unit.objective} | {o for o, paras in broad.items() if unit.paragraph in paras}
            scale = self.broad_scale if owners & set(broad) else 1.0
            if primary in owners:
                bonus[index] = self.primary * scale
            elif owners & others:
                bonus[index] = self.secondary * scale
        return bonus


@dataclass(frozen=True)
class RankSettings:
    """The ranking steps after the matcher's scores (calibrated on the calibration split only).

    ``prefer_paragraph``: the commitment paragraph replaces a top action when it scores at least
    this share of the action's score (0 disables); ``composite``: cover the parts of composite
    clauses; ``part_min``: a part's best unit joins the references only if its score is at least
    this share of the first reference's.
    """

    prefer_paragraph: float = 0.8
    composite: bool = True
    part_min: float = 0.5
    phrase_keeps_action: bool = True
    gap_on_closest: bool = True  # judge the gap on the listed unit that covers most of the ask
    multiplicative_prior: bool = False  # the old ranking (score x (1 + bonus)), for the ablation only
    learned: bool = True  # rank with the fitted re-ranker (composer/data/gcm-rerank.yaml) when there is one
    themes: bool = True  # the re-ranker reads the clause's themes against each unit (two columns of their own)
    memory: bool = True  # the re-ranker and the gap labeller read the nearest checked links (composer.trace.memory)


class Matcher(Protocol):
    """A way of measuring how close a clause is to each unit of the compact."""

    name: str
    version: str
    thresholds: Thresholds
    prior: Prior

    def similarities(self, queries: Sequence[ClauseQuery]) -> np.ndarray:
        """A (clauses x units) array of scores in [0, 1], units in ``compact.units`` order."""
        ...


def matchable_units(compact: Compact) -> list[CompactUnit]:
    """The units a clause may be traced to: every paragraph, action and sub-item of the annex."""
    return list(compact.units)


_HARD_SPLIT = re.compile(r";\s+|\.\s+(?=[A-Z])|\s*\n\s*")
_AND = re.compile(r",?\s+(?:and|as well as)\s+(?:to\s+)?(?=([a-z]+)\b)")


def clause_parts(text: str, min_words: int = 4) -> list[str]:
    """The asks of a composite clause: pieces split at ";", sentence ends and "and <verb>" (a verb
    of the commitment ladder), each long enough to stand alone. A single ask gives ``[text]``."""
    ladder = load_ladder()
    pieces: list[str] = []
    for chunk in _HARD_SPLIT.split(text):
        start = 0
        for match in _AND.finditer(chunk):
            if ladder.level_of(match.group(1)) > 0 and len(chunk[start : match.start()].split()) >= min_words:
                pieces.append(chunk[start : match.start()])
                start = match.end()
        pieces.append(chunk[start:])
    pieces = [p.strip(" ,.;:") for p in pieces]
    pieces = [p for p in pieces if len(p.split()) >= min_words]
    return pieces if len(pieces) > 1 else [text]


@dataclass
class Ranker:
    """Turns a matcher's scores into ranked candidates (prior, paragraph preference, composite parts)."""

    matcher: Matcher
    units: Sequence[CompactUnit]
    settings: RankSettings = field(default_factory=RankSettings)
    model: LearnedModel | None = None  # None: the fitted model from package data, if learned is on
    memory: LinkMemory | None = None  # checked links the re-ranker may read (None: none remembered)

    def __post_init__(self) -> None:
        self._index = {u.ref: i for i, u in enumerate(self.units)}
        self._parent = [self._index.get(f"para {u.paragraph}") if u.letter else None for u in self.units]
        self._bonuses: dict[tuple[int, ...], np.ndarray] = {}
        if self.model is None and self.settings.learned:
            self.model = load_model(getattr(self.matcher, "feature_set", "lexical"))
        if not self.settings.learned or getattr(self.matcher, "signals", None) is None:
            self.model = None
        if self.model is not None:
            self._kinds = unit_kinds(self.units)
            self._family = families(self.units)
            self._lengths = self.matcher.unit_lengths()  # type: ignore[attr-defined]

    @property
    def learned(self) -> bool:
        return self.model is not None

    def memory_columns(self, query: ClauseQuery) -> np.ndarray | None:
        """What the nearest checked links say of each unit (None without a memory, or switched off)."""
        if self.memory is None or not self.settings.memory:
            return None
        return self.memory.unit_columns(query.id, query.text, query.themes)

    def features(
        self, text: str, objectives: tuple[int, ...], themes: str = "", memory: np.ndarray | None = None
    ) -> np.ndarray | None:
        """The re-ranker's (units x features) matrix for one query (None if it has no usable word);
        ``themes``: the clause's themes as words, scored against each unit on their own (BM25 and
        cosine), so the fitted weights decide how much a theme counts beside the wording."""
        signals = self.matcher.signals(text, every=True)  # type: ignore[attr-defined]
        if signals is None:
            return None
        if not hasattr(self, "_kinds"):
            self._kinds = unit_kinds(self.units)
            self._family = families(self.units)
            self._lengths = self.matcher.unit_lengths()  # type: ignore[attr-defined]
        bonus = self._bonus(objectives)
        weights = self.matcher.weights  # type: ignore[attr-defined]
        hand = np.clip(weights.bm25 * signals["bm25"] + weights.cosine * signals["cosine"]
                       + weights.phrase * signals["phrase"] + weights.coverage * signals["cover"], 0.0, 1.0) + bonus
        first = self._prefer_paragraph(self._order(hand), hand, text)
        lexical = getattr(self.matcher, "lexical", self.matcher)  # the embedding matcher wraps the lexical one
        theme = lexical.signals(themes, every=True) if themes and self.settings.themes else None
        return unit_features(signals, bonus, self.matcher.prior.primary, self._kinds, self._lengths, self._family, hand, first,
                             theme, memory)

    def _learned_rows(self, queries: Sequence[ClauseQuery]) -> np.ndarray:
        assert self.model is not None
        out = np.zeros((len(queries), len(self.units)))
        for row, query in enumerate(queries):
            x = self.features(query.text, query.objectives, query.theme_text, self.memory_columns(query))
            if x is not None:
                out[row] = self.model.unit_scores(x)
        return out

    def rank(self, queries: Sequence[ClauseQuery], top_k: int = TOP_K) -> list[list[Candidate]]:
        learned = self.model is not None
        prepare = getattr(self.matcher, "prepare", None)
        if prepare is not None:
            prepare([q.text for q in queries] + [p for q in queries for p in clause_parts(q.ask)])
        score_rows = self._learned_rows if learned else self.matcher.similarities
        sims = score_rows(queries) if queries else np.zeros((0, len(self.units)))
        parts_of = [clause_parts(q.ask) if self.settings.composite else [q.ask] for q in queries]
        part_queries = [replace(q, id=f"{q.id}#{n}", text=p, wording=p, themes=()) for q, ps in zip(queries, parts_of, strict=True)
                        if len(ps) > 1 for n, p in enumerate(ps)]
        part_sims = score_rows(part_queries) if part_queries else np.zeros((0, len(self.units)))
        ranked: list[list[Candidate]] = []
        cursor = 0
        for row, query in enumerate(queries):
            bonus = np.zeros(len(self.units)) if learned else self._bonus(query.objectives)
            scores = sims[row] * (1.0 + bonus) if self.settings.multiplicative_prior else sims[row] + bonus
            order = self._order(scores)
            first = order[0] if learned else self._prefer_paragraph(order, scores, query.ask)
            chosen = [first]
            n_parts = len(parts_of[row]) if len(parts_of[row]) > 1 else 0
            for offset in range(n_parts):
                part_scores = part_sims[cursor + offset] + (0.0 if self.settings.multiplicative_prior else bonus)
                part_order = self._order(part_scores)
                best_part = part_order[0] if learned else self._prefer_paragraph(part_order, part_scores, parts_of[row][offset])
                if best_part not in chosen and scores[best_part] >= self.settings.part_min * scores[first]:
                    chosen.append(best_part)
            cursor += n_parts
            for index in order:
                if len(chosen) >= top_k:
                    break
                if index not in chosen:
                    chosen.append(index)
            ranked.append(
                [Candidate(self.units[i].ref, round(float(scores[i]), 4), round(float(sims[row][i]), 4))
                 for i in chosen[:top_k]]
            )
        return ranked

    def _order(self, scores: np.ndarray) -> list[int]:
        """Unit indices best first; equal scores (to 9 places) in document order."""
        return [int(i) for i in np.lexsort((np.arange(len(scores)), -np.round(scores, 9)))]

    def _bonus(self, objectives: tuple[int, ...]) -> np.ndarray:
        cached = self._bonuses.get(objectives)
        if cached is None:
            cached = self._bonuses[objectives] = self.matcher.prior.weights(self.units, objectives)
        return cached

    def _prefer_paragraph(self, order: list[int], scores: np.ndarray, text: str) -> int:
        """The commitment paragraph instead of its action when it scores nearly as well, unless
        the action is clearly closer (it shares a phrase of the clause the paragraph lacks)."""
        top = order[0]
        parent = self._parent[top]
        share = self.settings.prefer_paragraph
        if not share or parent is None or self.units[top].objective is None or scores[parent] < share * scores[top]:
            return top
        closer = getattr(self.matcher, "closer_phrase", None)
        if self.settings.phrase_keeps_action and closer is not None and closer(text, top, parent):
            return top
        return parent


def rank(
    matcher: Matcher,
    units: Sequence[CompactUnit],
    queries: Sequence[ClauseQuery],
    top_k: int = TOP_K,
    settings: RankSettings | None = None,
) -> list[list[Candidate]]:
    """The ``top_k`` best units per query, best first; ties break by document order."""
    return Ranker(matcher, units, settings or RankSettings()).rank(queries, top_k)
