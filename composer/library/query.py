"""Selecting clauses: the filters shared by ``clauses list``, ``brief`` and ``draft``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from composer.compact.parse import load_compact
from composer.compact.refs import parse_ref
from composer.errors import UsageError
from composer.library.library import Library
from composer.library.models import Clause


@dataclass(frozen=True)
class ClauseFilter:
    """A conjunction of filters; within one filter, several values mean "any of them"."""

    clusters: tuple[int, ...] = ()
    objectives: tuple[int, ...] = ()
    sources: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    text: str | None = None
    ids: tuple[str, ...] = ()
    gcm_ref: str | None = None
    unmatched: bool = False
    _actor_names: frozenset[str] = field(default=frozenset(), compare=False)

    def describe(self) -> str:
        """A human phrase for error messages: 'cluster 1, actor Greece'."""
        parts = []
        for label, values in (
            ("cluster", self.clusters),
            ("objective", self.objectives),
            ("source", self.sources),
            ("actor", self.actors),
            ("kind", self.kinds),
            ("theme", self.themes),
            ("id", self.ids),
        ):
            if values:
                parts.append(f"{label} {' or '.join(str(v) for v in values)}")
        if self.text:
            parts.append(f"text {self.text!r}")
        if self.gcm_ref:
            parts.append(f"GCM reference {self.gcm_ref!r}")
        if self.unmatched:
            parts.append("not reflected in the compact")
        return ", ".join(parts) or "no filter"


def validate_filter(library: Library, flt: ClauseFilter) -> ClauseFilter:
    """Check every filter value against the library; raise a UsageError listing valid values."""
    for number in flt.clusters:
        library.taxonomy.cluster(number)
    for number in flt.objectives:
        library.taxonomy.objective(number)
    for source in flt.sources:
        library.source(source)
    for kind in flt.kinds:
        library.taxonomy.kind(kind)
    names: set[str] = set()
    for actor in flt.actors:
        expanded = library.actors.expand(actor)
        if not expanded:
            close = library.actors.suggestions(actor)
            hint = f"; did you mean {', '.join(close)}?" if close else " (see clauses/actors.yaml)"
            raise UsageError(f"unknown actor {actor!r}{hint}")
        names |= expanded
    if flt.ids:
        known = library.by_id()
        unknown = [i for i in flt.ids if i not in known]
        if unknown:
            more = f" (and {len(unknown) - 1} more)" if len(unknown) > 1 else ""
            raise UsageError(f"unknown clause id {unknown[0]!r}{more}; `compose clauses list` shows the ids")
    gcm_ref = load_compact().unit(flt.gcm_ref).ref if flt.gcm_ref else None
    known_themes = {t for c in library.clauses for t in c.themes}
    for theme in flt.themes:
        if theme not in known_themes:
            raise UsageError(f"unknown theme {theme!r}; themes in the library: {', '.join(sorted(known_themes))}")
    return ClauseFilter(**{**flt.__dict__, "gcm_ref": gcm_ref, "_actor_names": frozenset(names)})


def _text_matches(clause: Clause, words: list[str]) -> bool:
    haystack = " ".join([clause.text, clause.draft_text or "", clause.id, " ".join(clause.themes)]).casefold()
    return all(word in haystack for word in words)


def select_clauses(library: Library, flt: ClauseFilter) -> list[Clause]:
    """Clauses matching every filter, in library order (file, then position in file)."""
    flt = validate_filter(library, flt)
    words = re.findall(r"\w+", flt.text.casefold()) if flt.text else []
    selected = []
    for clause in library.clauses:
        if flt.ids and clause.id not in flt.ids:
            continue
        if flt.clusters and clause.cluster not in flt.clusters:
            continue
        if flt.objectives and not set(clause.objectives) & set(flt.objectives):
            continue
        if flt.sources and clause.source not in flt.sources:
            continue
        if flt._actor_names and not set(clause.actors) & flt._actor_names:
            continue
        if flt.kinds and clause.kind not in flt.kinds:
            continue
        if flt.themes and not set(clause.themes) & set(flt.themes):
            continue
        if words and not _text_matches(clause, words):
            continue
        if flt.gcm_ref and not _gcm_matches(clause, flt.gcm_ref):
            continue
        if flt.unmatched and not (clause.gcm is not None and clause.gcm.gap == "none"):
            continue
        selected.append(clause)
    return selected


def _gcm_matches(clause: Clause, ref: str) -> bool:
    """``para 29`` matches ``para 29`` and ``para 29(h)``; ``para 29(h)`` only itself (and its items)."""
    if clause.gcm is None or clause.gcm.gap == "none":
        return False
    wanted = parse_ref(ref)
    for have in clause.gcm.refs:
        try:
            if parse_ref(have).within(wanted):
                return True
        except UsageError:
            continue
    return False
