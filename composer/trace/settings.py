"""Every tunable number of the trace in one place, and the named ablations that switch one off.

The defaults were chosen on the calibration split (``clauses/gcm-labels.yaml`` plus every label
of rounds 1 and 2, ``clauses/labels/batch-*.yaml`` and ``clauses/labels/round-2/batch-*.yaml``,
as consensus labels; see :mod:`composer.trace.split`), never on held-out labels; ``compose trace --evaluate
--ablate NAME`` shows on the calibration split what each step buys.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from composer.trace.gap import GapSettings
from composer.trace.matching import Prior, RankSettings

# The name of the matcher a trace run used (in every link's fingerprint; bumped with each change
# of the ranking, the gap rules or the fitted data files): lexical-8 = learned-2 + gap-1, with
# sums over words in a fixed order (lexical-7, never released, depended on the string hash seed
# in the last bits and in the order of the missing words a `why` names); lexical-9 = learned-3
# (the clause's themes as two re-ranker columns) + gap-2 (conditions the unit adds, L2 0.03),
# fitted on the 512 calibration labels of round 3; lexical-10 = learned-4 (+ the memory of checked
# links, composer.trace.memory) + gap-3 (+ words the compact never uses, + the memory's votes),
# fitted on the 512 calibration clauses' consensus labels (two people, a third where they disagreed);
# lexical-11 = learned-5 (+ the query's cosine with the centroid of the checked clauses that accepted
# each unit, and each unit's paragraph) + gap-4 (+ the gap labels of every checked clause that accepted
# the judged unit, weighted by similarity), fitted on the 605 calibration consensus labels (round 3
# joined calibration when round 4 became the held-out set).
MATCHER_VERSION = "lexical-11"


@dataclass(frozen=True)
class LexicalWeights:
    """How the lexical re-ranking blends its signals, over how many BM25 candidates."""

    bm25: float = 0.35
    cosine: float = 0.2
    phrase: float = 0.0
    coverage: float = 0.0
    candidates: int = 40
    rare_pair: int = 2  # a phrase in at most this many units makes an action "clearly closer"
    negation: bool = True
    concepts: bool = True
    backend: Literal["bm25s", "rank-bm25"] = "bm25s"


@dataclass(frozen=True)
class TraceSettings:
    """The matcher's, ranking's and gap label's settings together."""

    lexical: LexicalWeights = field(default_factory=LexicalWeights)
    prior: Prior = field(default_factory=Prior)
    rank: RankSettings = field(default_factory=RankSettings)
    gap: GapSettings = field(default_factory=GapSettings)

    def without(self, step: str) -> TraceSettings:
        """These settings with one matcher step switched off (see :data:`ABLATIONS`)."""
        if step not in ABLATIONS:
            from composer.errors import UsageError

            raise UsageError(f"unknown ablation {step!r}: use one of {', '.join(ABLATIONS)}")
        lex = self.lexical
        if step == "prior":
            return replace(self, prior=Prior(0.0, 0.0))
        if step == "doubling-prior":
            return replace(self, prior=Prior(1.0, 0.5), rank=replace(self.rank, multiplicative_prior=True))
        if step == "phrases":
            return replace(self, lexical=replace(lex, phrase=0.0))
        if step == "coverage":
            return replace(self, lexical=replace(lex, coverage=0.0))
        if step == "rerank":
            return replace(self, lexical=replace(lex, phrase=0.0, coverage=0.0, cosine=0.0, bm25=1.0))
        if step == "concepts":
            return replace(self, lexical=replace(lex, concepts=False))
        if step == "negation":
            return replace(self, lexical=replace(lex, negation=False))
        if step == "paragraph-preference":
            return replace(self, rank=replace(self.rank, prefer_paragraph=0.0))
        if step == "action-phrases":
            return replace(self, rank=replace(self.rank, phrase_keeps_action=False))
        if step == "gap-on-closest":
            return replace(self, rank=replace(self.rank, gap_on_closest=False))
        if step == "composite":
            return replace(self, rank=replace(self.rank, composite=False))
        if step == "learned":
            return replace(self, rank=replace(self.rank, learned=False))
        if step == "themes":
            return replace(self, rank=replace(self.rank, themes=False))
        if step == "memory":
            return replace(self, rank=replace(self.rank, memory=False))
        if step == "learned-gap":
            return replace(self, gap=replace(self.gap, learned=False))
        return replace(self, lexical=replace(lex, backend="rank-bm25"))  # "bm25s"


ABLATIONS = (
    "prior",
    "doubling-prior",
    "rerank",
    "phrases",
    "coverage",
    "concepts",
    "negation",
    "paragraph-preference",
    "action-phrases",
    "gap-on-closest",
    "composite",
    "bm25s",
    "learned",
    "learned-gap",
    "themes",
    "memory",
)
