"""``compose diff OLD NEW``: compare two drafts and write redlines (DOCX, PDF, HTML, Markdown, JSON)."""

from __future__ import annotations

from pathlib import Path

import typer

from composer.cli.common import output_dir, read_draft, read_manifest_draft
from composer.dates import date_option
from composer.errors import UsageError

_MANIFEST = (".yaml", ".yml")


def diff(
    old: Path = typer.Argument(..., help="Older draft: DOCX, text, Markdown, JSON model or draft manifest (YAML)."),
    new: Path = typer.Argument(..., help="Newer draft, of the same kind."),
    formats: str = typer.Option("md", "--format", "-f", help="Comma-separated: docx,pdf,html,md,json."),
    out: Path = typer.Option(None, "--out", help="Output folder (default: out/ in the project; "
                             "with --format md alone and no --out, print to the terminal)."),
    author: str = typer.Option("compact-composer", "--author", help="Author of the tracked changes."),
    date: str = typer.Option(None, "--date", help="Date of the changes, YYYY-MM-DD (default: the new draft's date)."),
    colors: str = typer.Option(None, "--colors", help="Redline colours, e.g. ins=#1a7f37,del=#c62828,move=#6a3fb5."),
    accept_existing: bool = typer.Option(False, "--accept-existing",
                                         help="Accept tracked changes already in a DOCX instead of refusing it."),
) -> None:
    """Compare two drafts: what was inserted, deleted, modified, moved and renumbered."""
    # The stages are imported here, when the command runs, so `compose --help` loads none of them.
    from composer.compare.engine import compare_documents
    from composer.render.redline.options import RedlineOptions
    from composer.render.redline.summary import headline
    from composer.render.redline.write import parse_colors, parse_redline_formats, render_redline, write_redline

    chosen = parse_redline_formats(formats)
    date = date_option(date)
    palette = parse_colors(colors)
    manifests = [p.suffix.lower() in _MANIFEST for p in (old, new)]
    if any(manifests) and not all(manifests):
        raise UsageError("compare a draft manifest with another draft manifest (both .yaml), not with a document")
    if all(manifests):
        old_doc, new_doc = read_manifest_draft(old), read_manifest_draft(new)
    else:
        old_doc = read_draft(old, accept_existing=accept_existing)
        new_doc = read_draft(new, accept_existing=accept_existing)
    redline = compare_documents(old_doc, new_doc)
    options = RedlineOptions(author=author, date=date or redline.date, colors=palette)
    if not redline.summary.has_changes:
        typer.echo(f"No changes: {old.name} and {new.name} have the same text.")
        return
    if chosen == ("md",) and out is None:
        typer.echo(render_redline(redline, old_doc, new_doc, "md", options), nl=False)
        return
    stem = f"redline-{old.stem}-vs-{new.stem}"
    folder = out if out is not None else output_dir()
    for path in write_redline(redline, old_doc, new_doc, chosen, folder, stem, options):
        typer.echo(f"wrote {path}")
    typer.echo(headline(redline))


def register(app: typer.Typer) -> None:
    """Add ``compose diff`` to ``app``."""
    app.command("diff")(diff)
