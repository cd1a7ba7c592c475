"""Running the trace over the library: choose a matcher, compute links, update the store.

``--update`` recomputes only clauses whose fingerprint changed (text, draft text, objectives,
method) or that are new, drops entries of clauses that no longer exist, and never computes or
writes a link for a clause whose own file carries a confirmed link.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np

from composer.errors import UsageError
from composer.library.library import Library
from composer.library.models import Clause, GcmLink
from composer.trace.compact import COMPACT_FILE, Compact, CompactUnit, load_compact
from composer.trace.gap import Ask, Judgement, judge, load_ladder, lowered, specific_names
from composer.trace.gapmodel import GapInputs, GapModel, gap_inputs, learned_judgement, load_gap_model
from composer.trace.matching import Candidate, ClauseQuery, Matcher, Ranker, matchable_units
from composer.trace.memory import LinkMemory
from composer.trace.rerank import LearnedModel
from composer.trace.settings import TraceSettings
from composer.trace.store import StoredLink, TraceStore, clause_fingerprint

if TYPE_CHECKING:
    from composer.trace.lexical import LexicalMatcher

METHODS = ("lexical", "embedding")


def make_matcher(method: str, compact: Compact, settings: TraceSettings | None = None) -> Matcher:
    """The matcher for ``method``; UsageError for an unknown name, a clear error if not installed."""
    units = matchable_units(compact)
    settings = settings or TraceSettings()
    if method == "lexical":
        from composer.trace.lexical import LexicalMatcher

        return LexicalMatcher(units, weights=settings.lexical, prior=settings.prior)
    if method == "embedding":
        from composer.trace.embedding import EmbeddingMatcher

        return EmbeddingMatcher(units, prior=settings.prior, weights=settings.lexical)
    raise UsageError(f"unknown trace method {method!r}: use {' or '.join(METHODS)}")


def compact_digest() -> str:
    """A digest of the vendored compact text, part of every fingerprint."""
    data = resources.files("composer.data").joinpath(COMPACT_FILE).read_bytes()
    return hashlib.sha256(data).hexdigest()[:16]


def inspect_ranked(
    matcher: Matcher,
    compact: Compact,
    clauses: Sequence[Clause],
    settings: TraceSettings,
    model: LearnedModel | None = None,
    memory: LinkMemory | None = None,
) -> tuple[Ranker, list[tuple[ClauseQuery, list[Candidate], GapInputs]]]:
    """Every clause ranked, with what the gap rules and the learned labeller read of it
    (``memory``: the checked links both may read, see :mod:`composer.trace.memory`)."""
    units = matchable_units(compact)
    index = {u.ref: i for i, u in enumerate(units)}
    queries = [ClauseQuery.from_clause(c) for c in clauses]
    memory = memory if settings.rank.memory else None
    ranker = Ranker(matcher, units, settings.rank, model=model, memory=memory)
    ranked = ranker.rank(queries)
    cover = coverage_matcher(matcher, units)
    whole = "\n".join(u.text for u in units)
    ladder = load_ladder()
    out = [
        (q, cands, gap_inputs(q, cands, units, index, cover, whole, settings.gap, settings.rank.gap_on_closest, ladder,
                              memory))
        for q, cands in zip(queries, ranked, strict=True)
    ]
    return ranker, out


def remembering(version: str, memory: LinkMemory | None) -> str:
    """The version a link's fingerprint records: the matcher's, and the memory it read (a new or
    changed confirmed link elsewhere may change a computed one, so ``--update`` recomputes)."""
    return version if memory is None else f"{version}+{memory.digest}"


def compute_links(
    matcher: Matcher,
    compact: Compact,
    clauses: Sequence[Clause],
    settings: TraceSettings | None = None,
    model: LearnedModel | None = None,
    gap_model: GapModel | None = None,
    memory: LinkMemory | None = None,
) -> dict[str, StoredLink]:
    """Fresh links for ``clauses``: up to three units best first (the parts of a composite clause
    covered), and a gap label judged on the first unit's commitment against the clause's ask.

    ``model`` / ``gap_model``: a fitted re-ranker / gap labeller to use instead of the packaged
    one (cross-validation). The learned labeller is used when ``settings.gap.learned``.
    ``memory``: the checked links the ranking and the gap labeller read (the library's confirmed
    links in a trace; the calibration labels only in an evaluation)."""
    if not clauses:
        return {}
    settings = settings or TraceSettings()
    if gap_model is None and settings.gap.learned:
        gap_model = load_gap_model(getattr(matcher, "feature_set", "lexical"))
    if not settings.gap.learned:
        gap_model = None
    if not settings.rank.memory:
        memory = None
    digest = compact_digest()
    ranker, inspected = inspect_ranked(matcher, compact, clauses, settings, model, memory)
    units = matchable_units(compact)
    index = {u.ref: i for i, u in enumerate(units)}
    links: dict[str, StoredLink] = {}
    for clause, (query, candidates, inputs) in zip(clauses, inspected, strict=True):
        judgement = learned_judgement(inputs, gap_model) if gap_model is not None else inputs.rule
        if ranker.model is not None and ranker.model.none_weights is not None and judgement.gap != "none":
            cover = coverage_matcher(matcher, units)
            whole = "\n".join(u.text for u in units)
            x = clause_features(query, candidates, units, index, cover, whole)
            if ranker.model.none_probability(x) >= ranker.model.none_threshold:
                judgement = Judgement("none", load_ladder().why.get("none_far"))
        links[clause.id] = StoredLink(
            refs=tuple(c.ref for c in candidates),
            scores=tuple(c.score for c in candidates),
            gap=judgement.gap,
            method=matcher.name,
            fingerprint=clause_fingerprint(clause, remembering(matcher.version, memory), digest),
            why=judgement.why,
        )
    return links


def judge_link(
    query: ClauseQuery,
    candidates: Sequence[Candidate],
    units: Sequence[CompactUnit],
    index: dict[str, int],
    cover: LexicalMatcher,
    whole: str,
    settings: TraceSettings,
) -> Judgement:
    """The gap label of one ranked clause: coverage of the ask by the first unit (and, for the
    ``none`` step, by all listed units together), then the rules of :mod:`composer.trace.gap`."""
    if not candidates:
        return judge(Ask(query.text, query.kind, query.ask), None, None, 0.0, [], whole, settings.gap)
    listed = [index[c.ref] for c in candidates]
    first = listed[0]
    if settings.rank.gap_on_closest:
        # the listed unit that carries most of the ask: what the compact commits to on it
        first = max(listed, key=lambda i: (cover.coverage(query.ask, [i])[0], -listed.index(i)))
    best_cover, missing = cover.coverage(query.ask, [first])
    all_cover, _ = cover.coverage(query.ask, listed)
    gap_cover = best_cover if all_cover >= settings.gap.none_below else all_cover
    return judge(
        Ask(query.text, query.kind, query.ask), units[first].ref, units[first].text, gap_cover, missing, whole, settings.gap
    )


_NATIONAL = re.compile(
    r"\b(?:our|my) (?:country|government)\b|\bthe government of\b|\b(?:has|have) (?:established|adopted|introduced"
    r"|launched|set up|signed|ratified)\b|\bin (?:19|20)\d\d\b|\bcurrently\b",
    re.IGNORECASE,
)


def clause_features(
    query: ClauseQuery,
    candidates: Sequence[Candidate],
    units: Sequence[CompactUnit],
    index: dict[str, int],
    cover: LexicalMatcher,
    whole: str,
) -> np.ndarray:
    """The ``none`` classifier's features of one ranked clause (:data:`CLAUSE_FEATURES` order)."""
    ladder = load_ladder()
    listed = [index[c.ref] for c in candidates]
    best_cover = cover.coverage(query.ask, listed[:1])[0] if listed else 0.0
    all_cover = cover.coverage(query.ask, listed)[0] if listed else 0.0
    scores = [c.score for c in candidates] + [0.0, 0.0]
    margin = (scores[0] - scores[1]) / scores[0] if scores[0] > 0 else 0.0
    signals = cover.signals(query.text)
    top = float(signals["top"][0]) if signals is not None else 0.0
    whole_lower = lowered(whole)
    absent = [n for n in specific_names(query.ask) if n.lower() not in whole_lower]
    n_words = len(query.ask.split())
    return np.array([
        float(ladder.is_process_remark(query.ask)),
        float(bool(_NATIONAL.search(query.text))),
        best_cover,
        all_cover,
        margin,
        math.log1p(top) / 3.0,
        float(query.kind == "guiding_question"),
        float(query.kind == "principle"),
        float(query.kind == "good_practice"),
        float(ladder.force(query.ask).level == 0),
        min(len(absent), 3) / 3.0,
        math.log1p(n_words) / 4.0,
    ])


def coverage_matcher(matcher: Matcher, units: Sequence[CompactUnit]) -> LexicalMatcher:
    """The lexical matcher whose coverage the gap label reads (the embedding matcher keeps one)."""
    from composer.trace.lexical import LexicalMatcher

    if isinstance(matcher, LexicalMatcher):
        return matcher
    own = getattr(matcher, "lexical", None)
    return own if isinstance(own, LexicalMatcher) else LexicalMatcher(units)


@dataclass
class TraceReport:
    """What a trace run did, for the CLI to print and tests to check."""

    method: str
    computed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    confirmed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"trace ({self.method}): {len(self.computed)} computed, {len(self.kept)} unchanged, "
            f"{len(self.confirmed)} confirmed by curators (left alone), {len(self.removed)} removed"
        )


def update_trace(library: Library, store: TraceStore, method: str, incremental: bool) -> tuple[TraceStore, TraceReport]:
    """The new store for ``library``; ``incremental`` keeps entries whose fingerprint still holds."""
    compact = load_compact()
    report = TraceReport(method)
    new = TraceStore()
    matcher: Matcher | None = None
    digest = compact_digest()
    # built only when a clause needs a computed link (every link confirmed: nothing to remember for)
    memory: LinkMemory | None = None

    def remembered() -> LinkMemory:
        nonlocal memory
        if memory is None:
            memory = LinkMemory.from_confirmed(library.clauses, matchable_units(compact))
        return memory

    todo: list[Clause] = []
    seen: set[str] = set()
    for clause in library.clauses:
        if clause.id in seen:
            continue
        seen.add(clause.id)
        if _confirmed_in_file(clause):
            report.confirmed.append(clause.id)
            if clause.id in store.entries:
                new.entries[clause.id] = store.entries[clause.id]
            continue
        old = store.entries.get(clause.id)
        if incremental and old is not None and old.method == method:
            version = remembering(_matcher_version(method), remembered())
            if old.fingerprint == clause_fingerprint(clause, version, digest):
                new.entries[clause.id] = old
                report.kept.append(clause.id)
                continue
        todo.append(clause)
    if todo:
        matcher = make_matcher(method, compact)
        new.entries.update(compute_links(matcher, compact, todo, memory=remembered()))
        report.computed = [c.id for c in todo]
    report.removed = sorted(set(store.entries) - seen)
    return new, report


def _confirmed_in_file(clause: Clause) -> bool:
    """True when the clause's own YAML carries a curator-confirmed link (the loader keeps it).

    Links merged from the store are never confirmed, so ``confirmed`` tells where a link came from.
    """
    link: GcmLink | None = clause.gcm
    return link is not None and link.confirmed


def _matcher_version(method: str) -> str:
    """The version string of ``method``'s matcher, without building the matcher."""
    if method == "lexical":
        from composer.trace.lexical import LexicalMatcher

        return LexicalMatcher.version
    if method == "embedding":
        from composer.trace.embedding import EmbeddingMatcher

        return EmbeddingMatcher.version
    raise UsageError(f"unknown trace method {method!r}: use {' or '.join(METHODS)}")
