"""Assemble a delegation's brief: the asks of a cluster, who made them, and the gap to agreed language.

A delegation officer reads the front part the night before an informal session; a researcher
reads the annexes. So the document has two parts:

* **Front part** (cover and contents included, a few pages): scope and session with a table of
  positions per objective against agreed language; the key asks the compact took up, grouped by
  objective; the asks it left out or softened, each beside the compact's own words; suggested
  lines built from agreed language. Every entry is one *position* (one ask, with everyone who
  made it: national and group positions apart from chairs, rapporteurs and panellists), with
  one provenance note per supporter and its gap label. No ask appears twice.
* **Annexes** (``annexes``: ``none``, ``compendium`` or ``all``): the compendium of every
  position by objective, an actor x objective matrix, good practices, guiding questions, sources
  (oldest first, by their real titles).

How many asks the front part holds is read from ``templates/brief.yaml`` (a word budget), as
are all the sentences it prints.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from composer.assemble.citation import Citer
from composer.assemble.common import ComposeOptions
from composer.assemble.gaps import agreed_text, agreed_wording, closest_window, excerpt
from composer.assemble.positions import (
    DISCUSSION,
    GROUP_ORDER,
    OFFICERS,
    OTHERS,
    STATES,
    BriefPosition,
    brief_positions,
)
from composer.assemble.wording import Wording, load_wording
from composer.errors import UsageError
from composer.library import Library
from composer.library.models import Clause
from composer.library.query import ClauseFilter, select_clauses
from composer.model.document import (
    BulletList,
    Div,
    Document,
    Emph,
    Heading,
    Inline,
    Meta,
    Note,
    PageBreak,
    Para,
    Strong,
    Table,
    TableOfContents,
    Text,
)
from composer.templating import human_date

KEY_KINDS = ("recommendation", "call_to_action")
COMPENDIUM_KINDS = ("recommendation", "call_to_action", "principle")
#: Gap labels the "left out or softened" section takes; the key asks take the others.
SHORTFALL = ("none", "weaker")
ANNEX_CHOICES = ("none", "compendium", "all")
GAP_COLUMNS = ("same", "partial", "weaker", "stronger", "none", None)


@dataclass
class BriefContext:
    """What every section of one brief reads: the library, its wording, the notes, the options."""

    library: Library
    wording: Wording
    citer: Citer
    options: ComposeOptions
    objectives: list[int]

    def say(self, key: str, **variables: object) -> str:
        return self.wording.say(key, **variables)

    def note(self, clauses: list[Clause]) -> Note | None:
        """One provenance note for one supporter's statements (None with ``--no-provenance``)."""
        if not self.options.provenance:
            return None
        return self.citer.notes(clauses)

    def objective_title(self, number: int) -> str:
        return self.say("headings.objective", number=number, title=self.library.taxonomy.objective(number).title)


# ---------------------------------------------------------------- entries


def _sentence(text: str) -> str:
    text = text.strip().rstrip(";,:")
    return text if text.endswith((".", "?", "!")) else text + "."


def gap_label(ctx: BriefContext, bp: BriefPosition) -> str:
    """``GCM para 29(h): says it weaker (confirmed)``, or ``Not traced to the compact``."""
    gap = bp.gap
    if gap is None:
        return ctx.say("gap.untraced")
    label = ctx.say(f"gap.{gap.label}", ref=gap.ref or "")
    return f"{label} ({ctx.say('gap.confirmed' if gap.confirmed else 'gap.unconfirmed')})"


def supporter_inlines(ctx: BriefContext, bp: BriefPosition, *, notes: bool = True) -> list[Inline]:
    """``States and groups: Greece,¹ Mexico.² Chairs, rapporteurs, panellists: co-chairs.³``

    Each supporter is named once, its note right after its name; the note does not name it again.
    """
    out: list[Inline] = []
    for group in GROUP_ORDER:
        supporters = bp.in_group(group)
        if not supporters:
            continue
        if out:
            out.append(Text(" "))
        if group == DISCUSSION:
            out.append(Text(ctx.say("supporters.discussion")))
            note = ctx.note([c for s in supporters for c in s.clauses]) if notes else None
            if note is not None:
                out.append(note)
            out.append(Text("."))
            continue
        out += [Emph((Text(ctx.say(f"supporters.{group}")),)), Text(" ")]
        for index, supporter in enumerate(supporters):
            if index:
                out.append(Text(", "))
            out.append(Text(supporter.label))
            # Supporters named in the same statements share one note, after the last of them.
            following = supporters[index + 1] if index + 1 < len(supporters) else None
            if following is not None and _clause_ids(following.clauses) == _clause_ids(supporter.clauses):
                continue
            note = ctx.note(supporter.clauses) if notes else None
            if note is not None:
                out.append(note)
        out.append(Text("."))
    return out


def _clause_ids(clauses: list[Clause]) -> tuple[str, ...]:
    return tuple(c.id for c in clauses)


def entry_inlines(ctx: BriefContext, bp: BriefPosition, *, with_kind: bool = False) -> tuple[Inline, ...]:
    """One position as an entry: its wording in bold, its supporters with their notes, its gap label."""
    lead: list[Inline] = []
    if with_kind and bp.kind not in KEY_KINDS:
        lead += [Emph((Text(ctx.say("supporters.kind", label=ctx.library.taxonomy.kind(bp.kind).label)),)), Text(" ")]
    lead.append(Strong((Text(_sentence(bp.wording)),)))
    return (
        *lead,
        Text(" "),
        *supporter_inlines(ctx, bp),
        Text(" "),
        Emph((Text(_sentence(gap_label(ctx, bp))),)),
    )


def _entry_words(bp: BriefPosition, quoted: bool = False) -> int:
    """The room an entry takes, in words: its wording, its supporters' names, its label, and
    (``quoted``) the compact's wording shown beside it."""
    words = len(bp.wording.split()) + sum(len(s.label.split()) + 1 for s in bp.supporters) + 10
    if quoted and bp.gap is not None and bp.gap.ref:
        words += len((agreed_text(bp.gap.ref) or "").split()[:60]) + 5
    return words


def choose_front(
    ctx: BriefContext, candidates: list[BriefPosition], budget: int, *, quoted: bool = False
) -> list[BriefPosition]:
    """The positions with the widest support that fit ``budget`` words, at least the best one per
    objective (``front.min_per_objective``), in the order the brief shows them (objective, then weight)."""
    ranked = sorted(candidates, key=lambda bp: bp.weight, reverse=True)
    chosen: list[BriefPosition] = []
    used = 0
    minimum = ctx.wording.number("front.min_per_objective")
    for number in ctx.objectives:
        for bp in [b for b in ranked if b.objective == number][:minimum]:
            chosen.append(bp)
            used += _entry_words(bp, quoted)
    for bp in ranked:
        if bp in chosen:
            continue
        cost = _entry_words(bp, quoted)
        if used + cost > budget:
            continue
        chosen.append(bp)
        used += cost
    order = {n: i for i, n in enumerate(ctx.objectives)}
    return sorted(chosen, key=lambda bp: (order.get(bp.objective, 99), tuple(-w for w in bp.weight)))


# ---------------------------------------------------------------- front part


def _cover(ctx: BriefContext, flt: ClauseFilter, date: str) -> Div:
    taxonomy = ctx.library.taxonomy
    options = ctx.options
    blocks = [Para((Text(options.title or ctx.say("title")),), style="cover-title")]
    for number in flt.clusters:
        cluster = taxonomy.cluster(number)
        blocks.append(
            Para((Text(ctx.say("cover.cluster", number=number, title=cluster.title)),), style="cover-subtitle")
        )
        blocks.append(
            Para((Text(ctx.say("cover.session", place=cluster.place, dates=cluster.dates)),), style="cover-meta")
        )
    for number in flt.objectives:
        title = taxonomy.objective(number).title
        blocks.append(Para((Text(ctx.say("cover.objective", number=number, title=title)),), style="cover-subtitle"))
    blocks.append(Para((Text(ctx.say("compact_name")),), style="cover-meta"))
    if options.delegation:
        blocks.append(Para((Text(ctx.say("cover.delegation", delegation=options.delegation)),), style="cover-meta"))
    blocks.append(
        Para((Text(ctx.say("cover.dated", date=human_date(date), version=options.version)),), style="cover-meta")
    )
    narrowing = [p for p in flt.describe().split(", ") if not p.startswith(("cluster", "objective"))]
    if narrowing and narrowing != ["no filter"]:
        blocks.append(Para((Text(ctx.say("cover.selection", selection=", ".join(narrowing))),), style="cover-meta"))
    blocks.append(Para((Text(ctx.say("classification")),), style="cover-mark"))
    return Div("cover", blocks, id="cover")


def _scope(
    ctx: BriefContext, flt: ClauseFilter, clauses: list[Clause], positions: list[BriefPosition], shown: int
) -> list:
    taxonomy = ctx.library.taxonomy
    blocks: list = [Heading(1, (Text(ctx.say("headings.scope")),), id="scope")]
    for number in flt.clusters:
        cluster = taxonomy.cluster(number)
        blocks.append(
            Para(
                (
                    Text(
                        ctx.say("scope.cluster", cluster_title=cluster.title, place=cluster.place, dates=cluster.dates)
                    ),
                ),
                style="lead",
            )
        )
    if not flt.clusters:
        blocks.append(Para((Text(ctx.say("scope.objectives")),), style="lead"))
    blocks.append(
        Para(
            (
                Text(
                    ctx.say(
                        "scope.counts",
                        statements=len(clauses),
                        sources=len({c.source for c in clauses}),
                        positions=len(positions),
                        touched=len({bp.objective for bp in positions}),
                        n_objectives=len(taxonomy.objectives),
                        shown=shown,
                        annexed=ctx.options.annexes != "none",
                    )
                ),
            )
        )
    )
    blocks.append(Para((Text(ctx.say("scope.gap_key")),), style="note"))
    header = [(Text(word),) for word in ctx.wording.row("scope.table_header")]
    rows = []
    for number in ctx.objectives:
        group = [bp for bp in positions if bp.objective == number]
        if not group:
            continue
        counts = [sum(1 for bp in group if (bp.gap.label if bp.gap else None) == label) for label in GAP_COLUMNS]
        title = f"{number} {taxonomy.objective(number).short}"
        rows.append([(Text(title),), (Text(str(len(group))),), *((Text(str(n) if n else ""),) for n in counts)])
    blocks.append(
        Table(
            header,
            rows,
            caption=ctx.say("scope.table_caption"),
            id="scope-table",
            widths=(4.2, 1.5, 1.1, 1.1, 1.2, 1.4, 1.5, 1.5),
        )
    )
    return blocks


def _key_asks(ctx: BriefContext, front: list[BriefPosition], positions: list[BriefPosition]) -> list:
    blocks: list = [Heading(1, (Text(ctx.say("headings.key_asks")),), id="key-asks")]
    if not front:
        blocks.append(Para((Text(ctx.say("key_asks.empty")),), style="note"))
        return blocks
    for number in ctx.objectives:
        group = [bp for bp in front if bp.objective == number]
        if not group:
            continue
        blocks.append(Heading(2, (Text(ctx.objective_title(number)),), id=f"asks-objective-{number}"))
        blocks.extend(Para(entry_inlines(ctx, bp), id=f"ask-{bp.id}", numbered=True) for bp in group)
    return blocks


def _agreed_inlines(ctx: BriefContext, bp: BriefPosition) -> tuple[Inline, ...]:
    """The compact's wording of the position's best unit, its words that the ask lacks in bold."""
    gap = bp.gap
    if gap is None or gap.ref is None:
        return (Emph((Text(ctx.say("gaps.absent")),)),)
    wording = agreed_wording(bp.wording, gap.ref, gap.label)
    if wording is None:
        return (Emph((Text(ctx.say("gaps.absent")),)),)
    limit = ctx.wording.number("front.excerpt_chars") * 2
    window, cut_before, cut_after = closest_window(wording.segments, limit)
    out: list[Inline] = [Strong((Text(f"GCM {gap.ref}: "),)), Text("\u201c\u2026" if cut_before else "\u201c")]
    out.extend(Strong((Text(text),)) if differs else Text(text) for text, differs in window)
    if cut_after:
        out.append(Text("\u2026"))
    out.append(Text("\u201d"))
    return tuple(out)


def _shortfalls(ctx: BriefContext, front: list[BriefPosition], traced: list[BriefPosition]) -> list:
    blocks: list = [Heading(1, (Text(ctx.say("headings.gaps")),), id="gaps")]
    if not traced:
        blocks.append(Para((Text(ctx.say("gaps.none_traced")),), style="note"))
        return blocks
    missing = sum(1 for bp in traced if bp.gap.label == "none")
    softened = sum(1 for bp in traced if bp.gap.label == "weaker")
    if not missing and not softened:
        blocks.append(Para((Text(ctx.say("gaps.all_reflected")),), style="note"))
        return blocks
    blocks.append(
        Para((Text(ctx.say("gaps.intro", traced=len(traced), missing=missing, softened=softened)),), style="note")
    )
    for number in ctx.objectives:
        group = [bp for bp in front if bp.objective == number]
        if not group:
            continue
        blocks.append(Heading(2, (Text(ctx.objective_title(number)),), id=f"gaps-objective-{number}"))
        for bp in group:
            agreed = _agreed_inlines(ctx, bp) if bp.gap is not None and bp.gap.ref else None
            style = "lead-in" if agreed else "body"
            blocks.append(Para(entry_inlines(ctx, bp), id=f"gap-{bp.id}", numbered=True, style=style))
            if agreed:
                blocks.append(Para(agreed, id=f"agreed-{bp.id}", style="quote"))
    return blocks


def _supporter_names(bp: BriefPosition) -> str:
    named = [s.label for s in bp.supporters if s.group in (STATES, OTHERS)]
    if not named:
        named = [s.label for s in bp.supporters if s.group == OFFICERS] or ["participants"]
    return ", ".join(named[:4]) + (" and others" if len(named) > 4 else "")


def _lines(ctx: BriefContext, front: list[BriefPosition]) -> list:
    """One line per leading ask, the compact's own words quoted wherever it has them."""
    blocks: list = [Heading(1, (Text(ctx.say("headings.lines")),), id="lines")]
    ranked = sorted(front, key=lambda bp: bp.weight, reverse=True)
    lines: list[str] = []
    seen_refs: set[str] = set()
    limit = ctx.wording.number("front.lines")
    chars = ctx.wording.number("front.excerpt_chars")
    for bp in ranked:
        if len(lines) >= limit:
            break
        gap = bp.gap
        if gap is None:
            continue
        if gap.label == "none":
            lines.append(
                ctx.say(
                    "lines.none",
                    ask=_lower_first(excerpt(bp.wording, chars)).rstrip("."),
                    supporters=_supporter_names(bp),
                )
            )
            continue
        if gap.ref in seen_refs:
            continue
        agreed = agreed_text(gap.ref) if gap.ref else None
        if agreed is None:
            continue
        seen_refs.add(gap.ref)
        lines.append(
            ctx.say(
                f"lines.{gap.label}",
                ref=gap.ref,
                agreed=_lower_first(excerpt(agreed, chars)).rstrip("."),
                ask=_lower_first(excerpt(bp.wording, chars)).rstrip("."),
                supporters=_supporter_names(bp),
            )
        )
    if not lines:
        blocks.append(Para((Text(ctx.say("lines.empty")),), style="note"))
        return blocks
    blocks.append(Para((Text(ctx.say("lines.intro")),), style="note"))
    blocks.append(BulletList([(Text(line),) for line in lines], id="lines-list"))
    return blocks


def _lower_first(text: str) -> str:
    """``Ensure ...`` -> ``ensure ...`` inside a sentence (acronyms such as ``GCM`` kept)."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


# ---------------------------------------------------------------- annexes


class AnnexLetters:
    """A, B, C ... in the order the annexes are included."""

    def __init__(self) -> None:
        self.count = 0

    def next(self) -> str:
        self.count += 1
        return chr(ord("A") + self.count - 1)


def _annex_heading(ctx: BriefContext, key: str, letters: AnnexLetters, anchor: str) -> list:
    return [PageBreak(), Heading(1, (Text(ctx.say(key, letter=letters.next())),), id=anchor)]


def _compendium(ctx: BriefContext, positions: list[BriefPosition], letters: AnnexLetters) -> list:
    blocks = _annex_heading(ctx, "headings.annex_compendium", letters, "annex-compendium")
    blocks.append(Para((Text(ctx.say("compendium.intro")),), style="note"))
    for number in ctx.objectives:
        group = [bp for bp in positions if bp.objective == number and bp.kind in COMPENDIUM_KINDS]
        if not group:
            continue
        blocks.append(Heading(2, (Text(ctx.objective_title(number)),), id=f"compendium-objective-{number}"))
        blocks.extend(Para(entry_inlines(ctx, bp, with_kind=True), id=bp.id, style="small") for bp in group)
    return blocks


def _matrix(ctx: BriefContext, positions: list[BriefPosition], letters: AnnexLetters) -> list:
    blocks = _annex_heading(ctx, "headings.annex_matrix", letters, "annex-matrix")
    counts: dict[str, dict[int, int]] = {}
    for bp in positions:
        for supporter in bp.supporters:
            if supporter.group in (STATES, OTHERS):
                row = counts.setdefault(supporter.label, {})
                row[bp.objective] = row.get(bp.objective, 0) + 1
    if not counts:
        blocks.append(Para((Text(ctx.say("matrix.empty")),), style="note"))
        return blocks
    blocks.append(Para((Text(ctx.say("matrix.intro")),), style="note"))
    columns = [n for n in ctx.objectives if any(n in row for row in counts.values())]
    header = [(Text(ctx.say("matrix.actor")),), *((Text(str(n)),) for n in columns), (Text(ctx.say("matrix.total")),)]
    rows = []
    for label in sorted(counts, key=str.casefold):
        row = counts[label]
        cells = [(Text(str(row[n]) if n in row else ""),) for n in columns]
        rows.append([(Text(label),), *cells, (Text(str(sum(row.values()))),)])
    widths = (5.0, *(1.0 for _ in columns), 1.3)
    blocks.append(Table(header, rows, caption=ctx.say("matrix.caption"), id="matrix-table", widths=widths))
    return blocks


def _kind_annex(
    ctx: BriefContext, positions: list[BriefPosition], kind: str, key: str, intro: str, letters: AnnexLetters
) -> list:
    group = [bp for bp in positions if bp.kind == kind]
    if not group:
        return []
    anchor = "annex-" + kind.replace("_", "-") + "s"
    blocks = _annex_heading(ctx, key, letters, anchor)
    blocks.append(Para((Text(ctx.say(intro)),), style="note"))
    blocks.extend(Para(entry_inlines(ctx, bp), id=bp.id, style="small") for bp in group)
    return blocks


def _source_order(library: Library) -> Callable[[str], tuple[str, int]]:
    index = list(library.sources)

    def key(source_id: str) -> tuple[str, int]:
        return (str(library.source(source_id).date), index.index(source_id))

    return key


def _sources(ctx: BriefContext, clauses: list[Clause], letters: AnnexLetters) -> list:
    library = ctx.library
    used = sorted({c.source for c in clauses}, key=_source_order(library))
    header = [(Text(word),) for word in ctx.wording.row("sources.header")]
    rows = []
    for source_id in used:
        source = library.source(source_id)
        rows.append(
            [
                (Strong((Text(source.title),)),),
                (Text(f"{source.organisation}; {source.event}; {source.place}; {human_date(source.date)}"),),
                (Text(str(sum(1 for c in clauses if c.source == source_id))),),
            ]
        )
    blocks = _annex_heading(ctx, "headings.annex_sources", letters, "annex-sources")
    blocks.append(Para((Text(ctx.say("sources.intro")),), style="note"))
    blocks.append(Table(header, rows, caption=ctx.say("sources.caption"), id="sources-table", widths=(6, 5.5, 1.6)))
    return blocks


# ---------------------------------------------------------------- the whole brief


def _objectives_in_scope(flt: ClauseFilter, clauses: list[Clause]) -> list[int]:
    if flt.objectives:
        return sorted(flt.objectives)
    return sorted({c.primary_objective for c in clauses})


def assemble_brief(library: Library, flt: ClauseFilter, options: ComposeOptions) -> Document:
    """Build the brief's document model for the clauses ``flt`` selects."""
    if not flt.clusters and not flt.objectives:
        if not flt.ids:
            raise UsageError("a briefing pack needs --cluster N, --objective N or --clauses ID,ID")
        # Clauses picked one by one: the brief covers their objectives, and only those clauses.
        picked = select_clauses(library, flt)
        flt = replace(flt, objectives=tuple(sorted({c.primary_objective for c in picked})))
    if options.annexes not in ANNEX_CHOICES:
        raise UsageError(f"--annexes {options.annexes!r}: choose one of {', '.join(ANNEX_CHOICES)}")
    clauses = select_clauses(library, flt)
    if not clauses:
        raise UsageError(f"no clause matches the selection ({flt.describe()}): nothing to brief on")
    date = options.resolved_date()
    wording = load_wording("brief.yaml")
    objectives = _objectives_in_scope(flt, clauses)
    ctx = BriefContext(library, wording, Citer(library), options, objectives)
    positions = brief_positions(library, clauses, objectives)

    key = [bp for bp in positions if bp.kind in KEY_KINDS]
    taken_up = [bp for bp in key if bp.gap is None or bp.gap.label not in SHORTFALL]
    short = [bp for bp in key if bp.gap is not None and bp.gap.label in SHORTFALL]
    budget = wording.number("front.key_asks_words")
    front_asks = choose_front(ctx, taken_up, budget)
    front_gaps = choose_front(ctx, short, wording.number("front.gaps_words"), quoted=True)
    traced = [bp for bp in key if bp.gap is not None]

    scope_name = "; ".join(f"Cluster {n}: {library.taxonomy.cluster(n).short}" for n in flt.clusters) or "; ".join(
        f"Objective {n}: {library.taxonomy.objective(n).short}" for n in flt.objectives
    )
    meta = Meta(
        title=options.title or f"{wording.say('title')} \u2014 {scope_name}",
        subtitle=wording.say("compact_name"),
        kind="brief",
        date=date,
        version=options.version,
        delegation=options.delegation,
        classification=wording.say("classification"),
        subject=f"GCM {wording.say('title').lower()}: {scope_name}",
        keywords=("GCM", "migration", "briefing", *(f"objective {n}" for n in objectives)),
    )
    blocks: list = [_cover(ctx, flt, date), TableOfContents()]
    blocks += _scope(ctx, flt, clauses, positions, len(front_asks) + len(front_gaps))
    blocks += _key_asks(ctx, front_asks, positions)
    blocks += _shortfalls(ctx, front_gaps, traced)
    blocks += _lines(ctx, front_asks + front_gaps)
    letters = AnnexLetters()
    if options.annexes in ("compendium", "all"):
        blocks += _compendium(ctx, positions, letters)
    if options.annexes == "all":
        blocks += _matrix(ctx, positions, letters)
        blocks += _kind_annex(ctx, positions, "good_practice", "headings.annex_practices", "practices.intro", letters)
        blocks += _kind_annex(
            ctx, positions, "guiding_question", "headings.annex_questions", "questions.intro", letters
        )
    if options.annexes != "none":
        blocks += _sources(ctx, clauses, letters)
    return Document(meta, blocks)
