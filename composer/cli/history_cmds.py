"""``compose history V1 ... VN``: every paragraph's life across a series of drafts."""

from __future__ import annotations

from pathlib import Path

import typer

from composer.cli.common import get_library, output_dir, read_draft
from composer.errors import UsageError


def history(
    versions: list[Path] = typer.Argument(..., help="The drafts in negotiation order: DOCX, text, Markdown, "
                                          "JSON model or draft manifest (YAML)."),
    labels: str = typer.Option(None, "--labels", help='One name per version, comma-separated, e.g. '
                               '"Zero draft,Rev 1,Rev 2" (default: the file names).'),
    formats: str = typer.Option("md", "--format", "-f", help="Comma-separated: json,html,pdf,docx,md."),
    out: Path = typer.Option(None, "--out", help="Output folder (default: out/ in the project; with --format md "
                             "alone and no --out, print to the terminal)."),
    name: str = typer.Option(None, "--name", help="File name stem of the outputs (default: history-FIRST-to-LAST)."),
    proposals: Path = typer.Option(None, "--proposals", help="A draft manifest whose proposed_by actions are "
                                   "followed to the last version."),
    library_proposals: bool = typer.Option(False, "--library-proposals",
                                           help="Follow every clause of the library as a proposal of its speakers."),
    accept_existing: bool = typer.Option(False, "--accept-existing",
                                         help="Accept tracked changes already in a DOCX instead of refusing it."),
) -> None:
    """Follow every paragraph through the drafts: lineages, changes per step, brackets, proposals."""
    from composer.atomic import write_all_atomic
    from composer.history.chain import build_history
    from composer.history.series import parse_labels, read_series
    from composer.render.history import parse_history_formats, render_history
    from composer.render.history.wording import load_wording

    chosen = parse_history_formats(formats)
    if proposals is not None and library_proposals:
        raise UsageError("give --proposals FILE or --library-proposals, not both")
    names = parse_labels(labels, versions)
    drafts = read_series(versions, names, lambda path: read_draft(path, accept_existing=accept_existing))
    result = build_history(drafts)
    if proposals is not None or library_proposals:
        from composer.history.proposals import proposals_from_library, proposals_from_manifest
        from composer.history.survival import follow_proposals

        wanted = (proposals_from_library(get_library()) if library_proposals
                  else proposals_from_manifest(proposals, get_library() if _names_clauses(proposals) else None))
        result.survival = follow_proposals(result, wanted)
    if chosen == ("md",) and out is None:
        typer.echo(render_history(result, "md").decode("utf-8"), nl=False)
        return
    stem = name or f"history-{versions[0].stem}-to-{versions[-1].stem}"
    folder = out if out is not None else output_dir()
    rendered = {folder / f"{stem}.{fmt}": render_history(result, fmt) for fmt in chosen}
    for path in write_all_atomic(rendered):  # all rendered first, then all written or none
        typer.echo(f"wrote {path}")
    last = len(result.versions) - 1
    typer.echo(load_wording()(
        "headline", versions=len(result.versions), lineages=len(result.lineages),
        spanning=sum(1 for lin in result.lineages if lin.spans(len(result.versions))),
        dropped=sum(1 for lin in result.lineages if last not in lin.appearances),
        last=result.versions[-1].label, brackets=result.versions[-1].brackets,
    ))


def _names_clauses(path: Path) -> bool:
    """Whether a manifest may name clauses (then the library is loaded to word them)."""
    from composer.assemble.manifest import load_manifest

    manifest = load_manifest(path)
    return any(a.clause and a.proposed_by and not (a.text or a.alternatives)
               for o in manifest.objectives for a in o.actions)


def register(app: typer.Typer) -> None:
    """Add ``compose history`` to ``app``."""
    app.command("history")(history)
