"""Assemble a briefing pack for a delegation from a selection of clauses.

Layout: cover; contents; scope (cluster, objectives touched, chart); key recommendations by
objective, each with the compact's agreed commitment and a provenance footnote per clause;
positions by actor; good practices; principles; guiding questions; clauses not reflected in the
compact; annex of sources.
"""

from __future__ import annotations

from collections import defaultdict

from composer.assemble.citation import Citer
from composer.assemble.common import ComposeOptions, clause_para
from composer.errors import UsageError
from composer.library import Library
from composer.library.models import Clause
from composer.library.query import ClauseFilter, select_clauses
from composer.model.document import (
    BarChart,
    Div,
    Document,
    Emph,
    Heading,
    Meta,
    PageBreak,
    Para,
    Strong,
    Table,
    TableOfContents,
    Text,
)
from composer.templating import human_date

KEY_KINDS = ("recommendation", "call_to_action")
POSITION_ACTOR_KINDS = ("state", "organisation", "person")


def _compact():
    """The adopted compact, if the trace stage is installed (agreed language is optional)."""
    try:
        from composer.trace.compact import load_compact
    except ImportError:
        return None
    return load_compact()


def _without_chapeau(text: str) -> str:
    """The commitment alone: the compact's "To realize this commitment, ..." lead-in is dropped."""
    cut = text.find("To realize this commitment")
    return text[:cut].rstrip() if cut > 0 else text


def _cover(library: Library, flt: ClauseFilter, options: ComposeOptions, date: str) -> Div:
    taxonomy = library.taxonomy
    blocks = [Para((Text(options.title or "Briefing pack"),), style="cover-title")]
    if flt.clusters:
        for number in flt.clusters:
            cluster = taxonomy.cluster(number)
            blocks.append(Para((Text(f"Cluster {number}: {cluster.title}"),), style="cover-subtitle"))
            blocks.append(
                Para((Text(f"Informal thematic session, {cluster.place}, {cluster.dates}"),), style="cover-meta")
            )
    if flt.objectives:
        for number in flt.objectives:
            blocks.append(
                Para((Text(f"Objective {number}: {taxonomy.objective(number).title}"),), style="cover-subtitle")
            )
    blocks.append(Para((Text("Global Compact for Safe, Orderly and Regular Migration"),), style="cover-meta"))
    if options.delegation:
        blocks.append(Para((Text(f"Prepared for the delegation of {options.delegation}"),), style="cover-meta"))
    blocks.append(Para((Text(f"{human_date(date)} \u2014 version {options.version}"),), style="cover-meta"))
    narrowing = [p for p in flt.describe().split(", ") if not p.startswith(("cluster", "objective"))]
    if narrowing and narrowing != ["no filter"]:
        blocks.append(Para((Text("Selection: " + ", ".join(narrowing)),), style="cover-meta"))
    blocks.append(Para((Text("For delegation use"),), style="cover-mark"))
    return Div("cover", blocks, id="cover")


def home_objective(clause: Clause, objectives: list[int]) -> int:
    """The objective a clause is filed under in this pack: its first objective in scope.

    With ``--objective 13``, a clause whose primary objective is 7 but which also serves 13 is
    filed under 13 rather than dropped.
    """
    return next((o for o in clause.objectives if o in objectives), clause.primary_objective)


def _objectives_in_scope(library: Library, flt: ClauseFilter, clauses: list[Clause]) -> list[int]:
    if flt.objectives:
        return sorted(flt.objectives)
    return sorted({c.primary_objective for c in clauses})


def _scope(library: Library, flt: ClauseFilter, clauses: list[Clause], objectives: list[int]) -> list:
    taxonomy = library.taxonomy
    blocks: list = [Heading(1, (Text("Scope"),), id="scope")]
    if flt.clusters:
        for number in flt.clusters:
            cluster = taxonomy.cluster(number)
            blocks.append(
                Para(
                    (
                        Text("This pack gathers what was recommended in the run-up to the compact on "),
                        Emph((Text(f"Cluster {number}: {cluster.title}"),)),
                        Text(f" (informal thematic session, {cluster.place}, {cluster.dates})."),
                    ),
                    style="lead",
                )
            )
    else:
        blocks.append(Para((Text("This pack gathers what was recommended on the objectives below."),), style="lead"))
    counts = {n: sum(1 for c in clauses if home_objective(c, objectives) == n) for n in objectives}
    sources = sorted({c.source for c in clauses})
    blocks.append(
        Para(
            (
                Text(
                    f"It draws {len(clauses)} clauses from {len(sources)} source document(s) (listed in the annex); "
                    f"they touch {len(objectives)} of the compact's 23 objectives. Every clause carries a footnote "
                    "with its exact source and locator."
                ),
            )
        )
    )
    header = [(Text("Objective"),), (Text("Title"),), (Text("Clauses"),)]
    rows = [[(Text(str(n)),), (Text(taxonomy.objective(n).title),), (Text(str(counts[n])),)] for n in objectives]
    blocks.append(
        Table(
            header,
            rows,
            caption="Objectives touched (each clause counted once, under its first objective in scope)",
            id="scope-table",
            widths=(1, 8, 1.4),
        )
    )
    chart_objectives = [n for n in objectives if counts[n]]
    if chart_objectives:
        blocks.append(
            BarChart(
                title="Clauses per objective",
                labels=[f"{n} {taxonomy.objective(n).short}" for n in chart_objectives],
                values=[counts[n] for n in chart_objectives],
                caption="Figure 1. Clauses per objective (each clause counted once)",
                id="chart-objectives",
            )
        )
    return blocks


def _key_recommendations(citer: Citer, clauses: list[Clause], objectives: list[int]) -> list:
    library = citer.library
    taxonomy = library.taxonomy
    compact = _compact()
    blocks: list = [Heading(1, (Text("Key recommendations by objective"),), id="key-recommendations")]
    key = [c for c in clauses if c.kind in KEY_KINDS]
    if not key:
        blocks.append(Para((Text("The selection holds no recommendations or calls to action."),), style="note"))
        return blocks
    for number in objectives:
        group = [c for c in key if home_objective(c, objectives) == number]
        if not group:
            continue
        blocks.append(
            Heading(2, (Text(f"Objective {number}: {taxonomy.objective(number).title}"),), id=f"objective-{number}")
        )
        if compact is not None:
            unit = compact.commitment(number)
            blocks.append(
                Para(
                    (
                        Strong((Text(f"Agreed language (GCM {unit.ref}): "),)),
                        Emph((Text(_without_chapeau(unit.text)),)),
                    ),
                    style="quote",
                    id=f"agreed-{number}",
                )
            )
        blocks.extend(clause_para(citer, c) for c in group)
    return blocks


def _positions(library: Library, clauses: list[Clause]) -> list:
    """Who said what: one row per position, grouped by country or organisation."""
    by_actor: dict[str, list[tuple[str, Clause]]] = defaultdict(list)
    for clause in clauses:
        for name in clause.actors:
            actor = library.actors.actors.get(name)
            if actor is None or actor.kind not in POSITION_ACTOR_KINDS:
                continue
            group = library.actors.affiliation_of(name)
            speaker = name if group != name else ""
            by_actor[group].append((speaker, clause))
    blocks: list = [Heading(1, (Text("Positions by actor"),), id="positions")]
    if not by_actor:
        blocks.append(
            Para(
                (Text("No statement in the selection is attributed to a named country or organisation."),), style="note"
            )
        )
        return blocks
    blocks.append(
        Para(
            (
                Text(
                    "Statements attributed to named countries and organisations (speakers are listed under the "
                    "country or organisation they represented). Sources are cited in the footnotes of the sections above."
                ),
            ),
            style="note",
        )
    )
    header = [(Text("Country or organisation"),), (Text("Position"),), (Text("Obj."),), (Text("Source"),)]
    rows = []
    for group in sorted(by_actor, key=str.casefold):
        seen: set[str] = set()
        for speaker, clause in by_actor[group]:
            if clause.id in seen:
                continue
            seen.add(clause.id)
            label = library.taxonomy.kind(clause.kind).label
            position = (Strong((Text(f"{label}: "),)), Text(clause.text))
            if speaker:
                position = (*position, Emph((Text(f" ({speaker})"),)))
            source = library.source(clause.source)
            first_row = len(seen) == 1
            rows.append(
                [
                    (Strong((Text(group),)),) if first_row else (Text(""),),
                    position,
                    (Text(",".join(map(str, clause.objectives))),),
                    (Text(f"{source.id}, {clause.locator.key} {clause.locator.value}"),),
                ]
            )
    blocks.append(Table(header, rows, caption="Positions by actor", id="positions-table", widths=(2.2, 7, 0.9, 2.4)))
    return blocks


def _kind_section(citer: Citer, clauses: list[Clause], kind: str, title: str, intro: str) -> list:
    group = [c for c in clauses if c.kind == kind]
    if not group:
        return []
    blocks: list = [Heading(1, (Text(title),), id=kind.replace("_", "-") + "s"), Para((Text(intro),), style="note")]
    blocks.extend(clause_para(citer, c) for c in group)
    return blocks


def _not_reflected(clauses: list[Clause]) -> list:
    traced = [c for c in clauses if c.gcm is not None]
    if not traced:
        return []
    missing = [c for c in traced if c.gcm.gap == "none"]
    blocks: list = [Heading(1, (Text("Not reflected in the compact"),), id="not-reflected")]
    if not missing:
        blocks.append(Para((Text("Every clause in the selection is taken up by the adopted compact."),), style="note"))
        return blocks
    blocks.append(
        Para(
            (
                Text(
                    f"{len(missing)} of the {len(traced)} traced clauses find no counterpart in the adopted compact "
                    "(A/RES/73/195): material for the compact's review. "
                    + (
                        f"{confirmed} of them are confirmed by a curator; the others are the automatic trace's "
                        "candidates, to be checked against the compact before they are quoted."
                        if (confirmed := sum(1 for c in missing if c.gcm.confirmed))
                        else "They are the automatic trace's candidates, to be checked against the compact "
                        "before they are quoted."
                    )
                ),
            ),
            style="note",
        )
    )
    header = [(Text("Clause"),), (Text("Obj."),), (Text("Source"),)]
    rows = [
        [
            (Text(c.text),),
            (Text(",".join(map(str, c.objectives))),),
            (Text(f"{c.source}, {c.locator.key} {c.locator.value}"),),
        ]
        for c in missing
    ]
    blocks.append(
        Table(
            header,
            rows,
            caption="Clauses with no counterpart in the compact",
            id="not-reflected-table",
            widths=(8, 1, 3),
        )
    )
    return blocks


def _annex(library: Library, clauses: list[Clause]) -> list:
    used = sorted({c.source for c in clauses}, key=list(library.sources).index)
    header = [(Text("Source"),), (Text("Organisation, event, place, date"),), (Text("Clauses"),)]
    rows = []
    for source_id in used:
        source = library.source(source_id)
        date = human_date(source.date) + (" (inferred)" if source.date_inferred else "")
        rows.append(
            [
                (Strong((Text(source.short_title),)), Text(f" \u2014 {source.title}")),
                (
                    Text(
                        f"{source.organisation}; {source.event}; {source.place}; {date}. Seed {source.seed}, "
                        f"sha256 {source.sha256[:16]}."
                    ),
                ),
                (Text(str(sum(1 for c in clauses if c.source == source_id))),),
            ]
        )
    return [
        PageBreak(),
        Heading(1, (Text("Annex: Sources"),), id="annex-sources"),
        Table(header, rows, caption="Source documents", id="sources-table", widths=(5, 6, 1.2)),
    ]


def assemble_brief(library: Library, flt: ClauseFilter, options: ComposeOptions) -> Document:
    """Build the briefing pack's document model for the clauses ``flt`` selects."""
    if not flt.clusters and not flt.objectives:
        raise UsageError("a briefing pack needs --cluster N or --objective N")
    clauses = select_clauses(library, flt)
    if not clauses:
        raise UsageError(f"no clause matches the selection ({flt.describe()}): nothing to brief on")
    date = options.resolved_date()
    objectives = _objectives_in_scope(library, flt, clauses)
    scope_name = "; ".join(f"Cluster {n}: {library.taxonomy.cluster(n).short}" for n in flt.clusters) or "; ".join(
        f"Objective {n}: {library.taxonomy.objective(n).short}" for n in flt.objectives
    )
    meta = Meta(
        title=options.title or f"Briefing pack \u2014 {scope_name}",
        subtitle="Global Compact for Safe, Orderly and Regular Migration",
        kind="brief",
        date=date,
        version=options.version,
        delegation=options.delegation,
        classification="For delegation use",
        subject=f"GCM briefing pack: {scope_name}",
        keywords=("GCM", "migration", "briefing", *(f"objective {n}" for n in objectives)),
    )
    blocks: list = [_cover(library, flt, options, date), TableOfContents()]
    blocks += _scope(library, flt, clauses, objectives)
    citer = Citer(library)
    blocks += _key_recommendations(citer, clauses, objectives)
    blocks += _positions(library, clauses)
    blocks += _kind_section(
        citer, clauses, "good_practice", "Good practices", "Practices that countries and organisations reported."
    )
    blocks += _kind_section(citer, clauses, "principle", "Principles", "Principles that participants stated.")
    blocks += _kind_section(
        citer,
        clauses,
        "guiding_question",
        "Guiding questions",
        "Questions put to the sessions, for the delegation's own preparation.",
    )
    blocks += _not_reflected(clauses)
    blocks += _annex(library, clauses)
    return Document(meta, blocks)
