"""``compose diff OLD NEW``: compare two drafts and write redlines (DOCX, PDF, HTML, Markdown, JSON)."""

from __future__ import annotations

from pathlib import Path

import typer

from composer.cli.diff_run import diff as run_diff


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
                                         help="Accept tracked changes already in a DOCX before comparing "
                                              "(default: compare accepted texts, keep earlier revisions in the DOCX)."),
    reject_existing: bool = typer.Option(False, "--reject-existing",
                                         help="Reject tracked changes already in a DOCX before comparing."),
    ignore_formatting: bool = typer.Option(False, "--ignore-formatting",
                                           help="DOCX redline of two DOCX: leave formatting-only changes out."),
    summary: bool = typer.Option(False, "--summary",
                                 help="DOCX redline: open it with the change summary (a section before the text)."),
) -> None:
    """Compare two drafts: what was inserted, deleted, modified, moved and renumbered.

    Two Word files give a DOCX redline made on the drafts' own XML (tables, images, notes, text
    boxes, headers and formatting tracked); other inputs and formats use the paragraph model.
    """
    run_diff(old, new, formats, out, author, date, colors, accept_existing, reject_existing, ignore_formatting, summary)


def register(app: typer.Typer) -> None:
    """Add ``compose diff`` to ``app``."""
    app.command("diff")(diff)
