"""Assemble draft compact text in the style of the adopted compact.

Per objective: a heading "Objective N: title", one numbered paragraph "We commit to ...", the
chapeau "To realize this commitment, we will draw from the following actions:", then lettered
actions from the clauses' ``draft_text`` (else ``text``), each with a provenance footnote.
Paragraph numbers run on through the document; writers compute them.

A draft of a few pages opens as UN documents do, with a header block (organisation, symbol,
distribution, date, "Zero draft") instead of a cover and a contents page; a longer one keeps
the cover and contents. Without provenance (``ComposeOptions.provenance``) the text carries no
footnotes, fit to circulate to Member States. Sentences come from ``templates/draft.yaml``.
"""

from __future__ import annotations

from composer.assemble.citation import Citer
from composer.assemble.common import ComposeOptions
from composer.assemble.manifest import DraftManifest, ManifestAction, ManifestObjective
from composer.assemble.wording import load_wording
from composer.errors import UsageError
from composer.library import Library
from composer.library.query import ClauseFilter, select_clauses
from composer.model.document import (
    ActionItem,
    ActionList,
    Bracket,
    Div,
    Document,
    Heading,
    Inline,
    Meta,
    Para,
    TableOfContents,
    Text,
)
from composer.templating import human_date

CHAPEAU = load_wording("draft.yaml").say("chapeau")
DRAFTING_KINDS = ("recommendation", "call_to_action")


def default_commitment(library: Library, objective: int) -> str:
    """``We commit to <objective title>.`` when the manifest gives no commitment."""
    title = library.taxonomy.objective(objective).title
    return load_wording("draft.yaml").say("commitment", title=f"{title[0].lower()}{title[1:]}")


def _operative(text: str) -> str:
    """Actions read as clauses of one sentence: no final full stop, ends with ';' in the list."""
    return text.rstrip().rstrip(".;")


def manifest_from_selection(library: Library, flt: ClauseFilter, options: ComposeOptions) -> DraftManifest:
    """A manifest for every objective in the selection, with every drafting clause as an action."""
    clauses = [c for c in select_clauses(library, flt) if c.kind in DRAFTING_KINDS]
    if not clauses:
        raise UsageError(f"no recommendation or call to action matches the selection ({flt.describe()})")
    objectives = sorted(flt.objectives) if flt.objectives else sorted({c.primary_objective for c in clauses})
    entries = []
    for number in objectives:
        actions = [ManifestAction(clause=c.id) for c in clauses if c.primary_objective == number]
        if actions:
            entries.append(ManifestObjective(objective=number, actions=actions))
    return DraftManifest(
        title=options.title or "Global Compact for Safe, Orderly and Regular Migration",
        subtitle=load_wording("draft.yaml").say("default_subtitle"),
        version=options.version,
        date=options.date,
        objectives=entries,
    )


def _action_item(
    library: Library, citer: Citer | None, action: ManifestAction, index: int, objective: int
) -> ActionItem:
    clause = library.clause(action.clause) if action.clause else None
    inlines: list[Inline] = []
    if action.alternatives:
        options = tuple((Text(_operative(alt)),) for alt in action.alternatives)
        inlines.append(Bracket(options, tuple(action.proposed_by)))
    else:
        wording = action.text or (clause.operative_text if clause else "")
        inlines.append(Text(_operative(wording)))
        if action.proposed_by:
            inlines.append(Bracket(((Text("proposal"),),), tuple(action.proposed_by)))
    inlines.append(Text(";"))
    if clause is not None and citer is not None:
        inlines.append(citer.note(clause))
    item_id = action.id or (clause.id if clause else f"obj{objective}-action-{index + 1}")
    return ActionItem(tuple(inlines), id=item_id)


def _header_block(manifest: DraftManifest, date: str) -> Div:
    """The UN-style block that opens a short draft: organisation and symbol, distribution, date,
    original language, then the status ("Zero draft") and the title."""
    wording = load_wording("draft.yaml")
    lines = [Para((Text(wording.say("header_block.organisation")),), style="un-organisation")]
    if getattr(manifest, "symbol", None):
        lines.append(Para((Text(wording.say("header_block.symbol", symbol=manifest.symbol)),), style="un-symbol"))
    lines += [
        Para(
            (
                Text(
                    wording.say("header_block.distribution", distribution=getattr(manifest, "distribution", "Limited"))
                ),
            ),
            style="un-meta",
        ),
        Para((Text(wording.say("header_block.date", date=human_date(date))),), style="un-meta"),
        Para((Text(wording.say("header_block.original")),), style="un-meta"),
        Para(
            (Text(wording.say("header_block.status", status=manifest.status, version=manifest.version)),),
            style="un-status",
        ),
        Para((Text(manifest.title),), style="un-title"),
    ]
    if manifest.subtitle:
        lines.append(Para((Text(manifest.subtitle),), style="un-subtitle"))
    return Div("un-header", lines, id="header-block")


def assemble_draft(library: Library, manifest: DraftManifest, options: ComposeOptions | None = None) -> Document:
    """Build the draft's document model from a manifest."""
    options = options or ComposeOptions()
    date = manifest.date or options.resolved_date()
    taxonomy = library.taxonomy
    for entry in manifest.objectives:
        taxonomy.objective(entry.objective)
    wording = load_wording("draft.yaml")
    actions = sum(len(entry.actions) for entry in manifest.objectives)
    if actions <= wording.number("header_block.max_actions"):
        blocks: list = [_header_block(manifest, date)]
    else:
        cover = Div(
            "cover",
            [
                Para((Text(manifest.title),), style="cover-title"),
                *([Para((Text(manifest.subtitle),), style="cover-subtitle")] if manifest.subtitle else []),
                Para(
                    (
                        Text(
                            wording.say(
                                "cover_status", status=manifest.status, version=manifest.version, date=human_date(date)
                            )
                        ),
                    ),
                    style="cover-meta",
                ),
            ],
            id="cover",
        )
        blocks = [cover, TableOfContents()]
    citer = Citer(library) if options.provenance else None
    if manifest.preamble:
        blocks.append(Heading(1, (Text(wording.say("preamble_heading")),), id="preamble"))
        blocks.extend(
            Para((Text(text),), id=f"preamble-{i + 1}", numbered=True) for i, text in enumerate(manifest.preamble)
        )
    blocks.append(Heading(1, (Text(wording.say("objectives_heading")),), id="objectives"))
    for entry in manifest.objectives:
        number = entry.objective
        blocks.append(
            Heading(2, (Text(f"Objective {number}: {taxonomy.objective(number).title}"),), id=f"objective-{number}")
        )
        commitment = entry.commitment or default_commitment(library, number)
        blocks.append(Para((Text(commitment),), id=entry.id or f"commitment-{number}", numbered=True))
        if entry.actions:
            blocks.append(Para((Text(CHAPEAU),), style="chapeau", id=f"chapeau-{number}"))
            items = [_action_item(library, citer, a, i, number) for i, a in enumerate(entry.actions)]
            last = items[-1]
            # The last action closes the paragraph with a full stop, as in the adopted text.
            content = tuple(Text(".") if isinstance(x, Text) and x.text == ";" else x for x in last.content)
            items[-1] = ActionItem(content, id=last.id)
            blocks.append(ActionList(items, id=f"actions-{number}"))
    meta = Meta(
        title=manifest.title,
        subtitle=manifest.subtitle,
        kind="draft",
        date=date,
        version=manifest.version,
        status=manifest.status,
        subject=wording.say("subject"),
        keywords=("GCM", "draft", *(f"objective {e.objective}" for e in manifest.objectives)),
    )
    return Document(meta, blocks)
