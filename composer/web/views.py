"""Plain data for the page templates, built from the library by the pipeline's own functions.

Nothing here makes markup: templates escape every value (clause text that looks like HTML
stays text), and the quote is marked by splitting the seed passage into three strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from composer.assemble.citation import citation_text
from composer.assemble.gaps import Gap, agreed_wording, clause_gap
from composer.library import Library
from composer.library.models import Clause
from composer.library.provenance import line_col

#: Characters of seed text shown on each side of the quote (widened to whole words).
CONTEXT_CHARS = 320


@dataclass(frozen=True)
class FilterChoices:
    """Every value a library filter can take, for the filter form's menus."""

    clusters: list[tuple[int, str]]
    objectives: list[tuple[int, str]]
    kinds: list[tuple[str, str]]
    sources: list[tuple[str, str]]
    actors: list[str]
    themes: list[str]


def filter_choices(library: Library) -> FilterChoices:
    taxonomy = library.taxonomy
    speakers = sorted({name for c in library.clauses for name in c.actors}, key=str.casefold)
    return FilterChoices(
        clusters=[(n, c.short) for n, c in taxonomy.clusters.items()],
        objectives=[(n, o.short) for n, o in taxonomy.objectives.items()],
        kinds=[(k, kind.label) for k, kind in taxonomy.kinds.items()],
        sources=[(s.id, s.short_title) for s in library.sources.values()],
        actors=speakers,
        themes=sorted({t for c in library.clauses for t in c.themes}),
    )


def link_view(clause: Clause) -> Gap | None:
    """The gap label, confirmation and references best first, as the brief reads them; None if never traced."""
    return clause_gap(clause)


@dataclass(frozen=True, slots=True)
class ClauseRow:
    """One row of the library table, its strings joined once (the page lists every clause)."""

    id: str
    kind: str
    objectives: str
    cluster: int
    actors: str
    text: str
    gap: str | None
    ref: str | None
    confirmed: bool


def clause_row(clause: Clause) -> ClauseRow:
    gap = link_view(clause)
    return ClauseRow(
        id=clause.id,
        kind=clause.kind.replace("_", " "),
        objectives=", ".join(map(str, clause.objectives)),
        cluster=clause.cluster,
        actors=", ".join(clause.actors),
        text=clause.text,
        gap=gap.label if gap else None,
        ref=gap.ref if gap else None,
        confirmed=gap.confirmed if gap else False,
    )


def _widen(seed: str, start: int, end: int) -> tuple[int, int]:
    """Move a cut to the nearest whitespace outwards, so the passage starts and ends on words."""
    lo = max(0, start - CONTEXT_CHARS)
    hi = min(len(seed), end + CONTEXT_CHARS)
    if lo > 0:
        space = seed.rfind(" ", 0, lo)
        lo = space + 1 if space != -1 and lo - space < 40 else lo
    if hi < len(seed):
        space = seed.find(" ", hi)
        hi = space if space != -1 and space - hi < 40 else hi
    return lo, hi


def provenance(library: Library, clause: Clause) -> dict[str, Any]:
    """Everything the provenance panel shows for one clause."""
    source = library.source(clause.source)
    seed = library.seeds.get(source.id, "")
    passage: dict[str, Any] | None = None
    if clause.start is not None and seed:
        start, end = clause.start, clause.start + len(clause.quote)
        lo, hi = _widen(seed, start, end)
        line, column = line_col(seed, start)
        passage = {
            "before": seed[lo:start],
            "quote": seed[start:end],
            "after": seed[end:hi],
            "cut_before": lo > 0,
            "cut_after": hi < len(seed),
            "line": line,
            "column": column,
            "seed": source.seed,
        }
    gap = link_view(clause)
    agreed = None
    if gap is not None and gap.ref is not None:
        wording = agreed_wording(clause.operative_text, gap.ref)
        agreed = {"ref": gap.ref, "segments": wording.segments} if wording else None
    position = library.position_of(clause.id)
    link = clause.gcm
    return {
        "clause": clause,
        "kind_label": library.taxonomy.kind(clause.kind).label,
        "objectives": [(n, library.taxonomy.objective(n).short) for n in clause.objectives],
        "cluster": (clause.cluster, library.taxonomy.cluster(clause.cluster).short),
        "source": source,
        "citation": citation_text(library, clause),
        "passage": passage,
        "locator": f"{clause.locator.key} {clause.locator.value}",
        "speakers": list(clause.actors),
        "capacity": clause.capacity,
        "mentioned": list(clause.mentioned),
        "position": position,
        "position_size": len(position.members) if position else 0,
        "gap": gap,
        "why": link.why if link is not None else None,
        "refs": list(link.refs) if link is not None else [],
        "agreed": agreed,
    }
