"""Commands on the library itself: check, schema, clauses list/show, sources, stats."""

from __future__ import annotations

import json
import sys
from collections import Counter
from typing import TYPE_CHECKING, Any

import typer

from composer.cli.common import get_library, project_root, split_csv

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from composer.library.query import ClauseFilter

# The library, pydantic and rich are imported inside the commands: `compose --help` loads none of them.

clauses_app = typer.Typer(help="List, search and show clauses.", no_args_is_help=True)


def filter_options(
    cluster: list[int] | None,
    objective: list[int] | None,
    source: list[str] | None,
    actor: list[str] | None,
    kind: list[str] | None,
    theme: list[str] | None,
    text: str | None = None,
    gcm: str | None = None,
    unmatched: bool = False,
) -> ClauseFilter:
    """Build a ClauseFilter from the CLI's repeated/comma-separated options."""
    from composer.library.query import ClauseFilter

    return ClauseFilter(
        clusters=tuple(cluster or ()),
        objectives=tuple(objective or ()),
        sources=split_csv(source),
        actors=split_csv(actor),
        kinds=split_csv(kind),
        themes=split_csv(theme),
        text=text,
        gcm_ref=gcm,
        unmatched=unmatched,
    )


ClusterOpt = typer.Option(None, "--cluster", "-c", help="Thematic cluster 1-6 (repeatable).")
ObjectiveOpt = typer.Option(None, "--objective", "-o", help="GCM objective 1-23 (repeatable).")
SourceOpt = typer.Option(None, "--source", "-s", help="Source id (repeatable or comma-separated).")
ActorOpt = typer.Option(None, "--actor", "-a", help="Actor, any registered spelling (repeatable).")
KindOpt = typer.Option(
    None, "--kind", "-k", help="recommendation, call_to_action, guiding_question, good_practice, principle."
)
ThemeOpt = typer.Option(None, "--theme", "-t", help="Theme tag (repeatable).")


def _console() -> Console:
    from rich.console import Console

    return Console(soft_wrap=False, width=None if sys.stdout.isatty() else 160)


def _table(*args: Any, **kwargs: Any) -> Table:
    """A rich table (rich is imported only by the commands that print one)."""
    from rich.table import Table

    return Table(*args, **kwargs)


@clauses_app.command("list")
def list_clauses(
    cluster: list[int] = ClusterOpt,
    objective: list[int] = ObjectiveOpt,
    source: list[str] = SourceOpt,
    actor: list[str] = ActorOpt,
    kind: list[str] = KindOpt,
    theme: list[str] = ThemeOpt,
    text: str = typer.Option(None, "--text", help="Full-text search: every word must occur."),
    gcm: str = typer.Option(None, "--gcm", help='Clauses traced to a compact unit, e.g. "para 29" or "para 29(h)".'),
    unmatched: bool = typer.Option(False, "--unmatched", help="Clauses the compact does not take up."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON array, one object per clause."),
) -> None:
    """List clauses as a table (or JSON), filtered."""
    from composer.library.export import clause_record
    from composer.library.query import select_clauses

    library = get_library()
    flt = filter_options(cluster, objective, source, actor, kind, theme, text, gcm, unmatched)
    clauses = select_clauses(library, flt)
    if as_json:
        json.dump([clause_record(c) for c in clauses], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    table = _table(title=f"{len(clauses)} clause(s) ({flt.describe()})", show_lines=False, expand=False)
    for column in ("id", "kind", "obj.", "cl.", "actors", "text"):
        table.add_column(column, overflow="fold")
    for clause in clauses:
        text = clause.text if len(clause.text) <= 120 else clause.text[:117] + "..."
        table.add_row(
            clause.id,
            clause.kind,
            ",".join(map(str, clause.objectives)),
            str(clause.cluster),
            ", ".join(clause.actors),
            text,
        )
    _console().print(table)


@clauses_app.command("show")
def show_clause(clause_id: str = typer.Argument(..., help="Clause id.")) -> None:
    """Show one clause with its full provenance."""
    from composer.library.provenance import line_col

    library = get_library()
    clause = library.clause(clause_id)
    source = library.source(clause.source)
    taxonomy = library.taxonomy
    seed = library.seeds[source.id]
    line, col = line_col(seed, clause.start or 0)
    out = [
        f"id:          {clause.id}",
        f"kind:        {taxonomy.kind(clause.kind).label}",
        f"text:        {clause.text}",
    ]
    if clause.draft_text:
        out.append(f"draft text:  {clause.draft_text}")
    out += [
        f"actors:      {', '.join(clause.actors) or '-'}",
        f"year:        {clause.year}",
        "objectives:  " + "; ".join(f"{n} {taxonomy.objective(n).short}" for n in clause.objectives),
        f"cluster:     {clause.cluster} {taxonomy.cluster(clause.cluster).short}",
        f"themes:      {', '.join(clause.themes)}",
        f"source:      {source.id}: {source.short_title} ({source.organisation}; {source.event}; {source.place}; "
        f"{source.date}{', inferred' if source.date_inferred else ''})",
        f"locator:     {clause.locator.key} {clause.locator.value}",
        f"seed:        {source.seed}, offset {clause.start} (line {line}, column {col}), sha256 {source.sha256[:16]}...",
        f"quote:       {clause.quote!r}",
        f"defined at:  {clause.file}:{clause.line}",
    ]
    if clause.see_also:
        out.append(f"see also:    {', '.join(clause.see_also)}")
    if clause.gcm is not None:
        refs = ", ".join(clause.gcm.refs) or "-"
        out.append(f"GCM:         {clause.gcm.gap} ({refs}){' confirmed' if clause.gcm.confirmed else ''}")
    print("\n".join(out))


def check() -> None:
    """Validate the library: schema, ids, sources and seed hashes, quotes, locators, text fidelity."""
    library = get_library(strict=False)
    for problem in library.problems:
        print(problem)
    errors, warnings = len(library.errors), len(library.problems) - len(library.errors)
    summary = (
        f"{len(library.clauses)} clauses from {len(library.sources)} sources: {errors} error(s), {warnings} warning(s)"
    )
    print(summary, file=sys.stderr)
    if errors:
        raise typer.Exit(1)


def schema(
    write: bool = typer.Option(False, "--write", help="Write clauses/clauses.schema.json instead of printing."),
) -> None:
    """Print (or write) the JSON Schema of clause files, for editors."""
    from composer.atomic import write_atomic
    from composer.library.models import ClauseFile

    document = ClauseFile.model_json_schema()
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["title"] = "compact-composer clause file"
    text = json.dumps(document, indent=2, sort_keys=True) + "\n"
    if write:
        path = write_atomic(project_root() / "clauses" / "clauses.schema.json", text)
        print(f"wrote {path}")
    else:
        sys.stdout.write(text)


def sources() -> None:
    """List the sources with their clause counts."""
    library = get_library()
    counts = Counter(c.source for c in library.clauses)
    table = _table(title=f"{len(library.sources)} sources")
    for column in ("id", "clauses", "title", "organisation", "event, place", "date", "seed"):
        table.add_column(column, overflow="fold")
    for source in library.sources.values():
        date = f"{source.date}{' (inferred)' if source.date_inferred else ''}"
        table.add_row(
            source.id,
            str(counts[source.id]),
            source.short_title,
            source.organisation,
            f"{source.event}, {source.place}",
            date,
            source.seed,
        )
    _console().print(table)


def stats() -> None:
    """Matrices: clauses per objective and source, per kind and source, per cluster."""
    library = get_library()
    ids = list(library.sources)
    table = _table(title="Clauses per objective (primary + secondary) and source")
    table.add_column("objective")
    for source_id in ids:
        table.add_column(source_id, justify="right")
    table.add_column("total", justify="right")
    for number, objective in library.taxonomy.objectives.items():
        row = [sum(1 for c in library.clauses if c.source == s and number in c.objectives) for s in ids]
        primary = sum(1 for c in library.clauses if c.primary_objective == number)
        table.add_row(f"{number:>2} {objective.short}", *map(str, row), f"{sum(row)} ({primary} primary)")
    _console().print(table)
    kinds = _table(title="Clauses per kind and source")
    kinds.add_column("kind")
    for source_id in ids:
        kinds.add_column(source_id, justify="right")
    kinds.add_column("total", justify="right")
    for key, kind in library.taxonomy.kinds.items():
        row = [sum(1 for c in library.clauses if c.source == s and c.kind == key) for s in ids]
        kinds.add_row(kind.label, *map(str, row), str(sum(row)))
    totals = [sum(1 for c in library.clauses if c.source == s) for s in ids]
    kinds.add_row("all", *map(str, totals), str(sum(totals)))
    _console().print(kinds)
    clusters = _table(title="Clauses per cluster")
    clusters.add_column("cluster")
    clusters.add_column("clauses", justify="right")
    for number, cluster in library.taxonomy.clusters.items():
        clusters.add_row(f"{number} {cluster.short}", str(sum(1 for c in library.clauses if c.cluster == number)))
    _console().print(clusters)


def register(app: typer.Typer) -> None:
    """Add the library commands to ``app``."""
    app.command("check")(check)
    app.command("schema")(schema)
    app.command("sources")(sources)
    app.command("stats")(stats)
    app.add_typer(clauses_app, name="clauses")
