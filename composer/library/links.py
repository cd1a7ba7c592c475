"""Merging the stored trace into the loaded library: what ``Clause.gcm`` ends up holding.

Order of precedence, per clause: a link confirmed by a curator in the clause's own file; else
the computed link from ``clauses/gcm-trace.yaml``; else an unconfirmed link written in the
clause file (a curator's suggestion that no trace has replaced yet); else nothing. References
in confirmed links are checked against the compact and reported as library problems.
"""

from __future__ import annotations

from pathlib import Path

from composer.compact.parse import Compact, load_compact
from composer.errors import ComposerError, Problem
from composer.library.models import Clause
from composer.library.trace_store import TRACE_FILE, TraceStore, read_store


def apply_trace(root: Path, clauses: list[Clause]) -> list[Problem]:
    """Set ``clause.gcm`` from the store where no confirmed link exists; return problems found."""
    path = Path(root) / "clauses" / TRACE_FILE
    try:
        store = read_store(path)
    except ComposerError as exc:
        return [Problem(f"clauses/{TRACE_FILE}", 1, str(exc).removeprefix(f"{path}: "))]
    return merge_trace(store, clauses)


def merge_trace(store: TraceStore, clauses: list[Clause]) -> list[Problem]:
    """Set ``clause.gcm`` from ``store`` where no confirmed link exists (the precedence above), for
    a store already in hand: ``compose trace`` counts the labels of the store it has just written."""
    problems: list[Problem] = []
    compact = load_compact()
    for clause in clauses:
        link = clause.gcm
        if link is not None and link.confirmed:
            problems.extend(_check_refs(clause, compact))
            continue
        stored = store.entries.get(clause.id)
        if stored is not None:
            clause.gcm = stored.to_link()
    return problems


def _check_refs(clause: Clause, compact: Compact) -> list[Problem]:
    """Canonicalise a curator's references in place; report any the compact does not have."""
    link = clause.gcm
    if link is None:
        return []
    problems: list[Problem] = []
    fixed: list[str] = []
    for ref in link.refs:
        try:
            fixed.append(compact.unit(ref).ref)
        except ComposerError as exc:
            problems.append(Problem(clause.file, clause.line, f"{clause.id}: gcm: {exc}"))
            fixed.append(ref)
    link.refs = fixed
    if link.gap == "none" and link.refs:
        problems.append(Problem(clause.file, clause.line, f"{clause.id}: gcm: gap none takes no refs", "warning"))
    if link.gap != "none" and not link.refs:
        problems.append(Problem(clause.file, clause.line, f"{clause.id}: gcm: gap {link.gap} needs refs"))
    return problems
