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
    # The stages are imported here, when the command runs, so `compose --help` loads none of them.
    from composer.render.redline.options import RedlineOptions, parse_colors, parse_redline_formats

    chosen = parse_redline_formats(formats)
    date = date_option(date)
    palette = parse_colors(colors)
    if accept_existing and reject_existing:
        raise UsageError("choose one of --accept-existing and --reject-existing")
    docx_inputs = all(p.suffix.lower() == ".docx" for p in (old, new))
    in_place = None
    if docx_inputs and "docx" in chosen:
        in_place = _in_place_redline(old, new, author, date, ignore_formatting,
                                     "accept" if accept_existing else "reject" if reject_existing else "keep")
        rest = tuple(f for f in chosen if f != "docx")
        if not rest and not summary:
            _write_in_place(old, new, out, in_place)
            return
        chosen = rest
    elif reject_existing:
        raise UsageError("--reject-existing needs two DOCX files and --format docx")
    # The paragraph-model redline (text, Markdown, manifests, and the non-DOCX formats).
    from composer.compare.engine import compare_documents
    from composer.render.redline.summary import headline
    from composer.render.redline.write import render_redline, write_redline

    manifests = [p.suffix.lower() in _MANIFEST for p in (old, new)]
    if any(manifests) and not all(manifests):
        raise UsageError("compare a draft manifest with another draft manifest (both .yaml), not with a document")
    if all(manifests):
        old_doc, new_doc = read_manifest_draft(old), read_manifest_draft(new)
    else:
        old_doc = read_draft(old, accept_existing=accept_existing or docx_inputs)
        new_doc = read_draft(new, accept_existing=accept_existing or docx_inputs)
    redline = compare_documents(old_doc, new_doc)
    options = RedlineOptions(author=author, date=date or redline.date, colors=palette, summary=summary)
    if not redline.summary.has_changes and (in_place is None or not in_place.has_changes):
        typer.echo(f"No changes: {old.name} and {new.name} have the same text.")
        return
    if chosen == ("md",) and out is None:
        typer.echo(render_redline(redline, old_doc, new_doc, "md", options), nl=False)
        return
    stem = f"redline-{old.stem}-vs-{new.stem}"
    folder = out if out is not None else output_dir()
    if in_place is not None:
        _report_removed(in_place.removed)
    for path in write_redline(redline, old_doc, new_doc, chosen, folder, stem, options):
        typer.echo(f"wrote {path}")
    if in_place is not None:
        from composer.atomic import ensure_output_dir, write_atomic

        data = in_place.data
        if summary:
            from composer.render.redline.docx_summary import with_summary

            data = with_summary(data, redline, options)
        ensure_output_dir(folder)
        typer.echo(f"wrote {write_atomic(folder / f'{stem}.docx', data)}")
    typer.echo(headline(redline))


def _in_place_redline(old: Path, new: Path, author: str, day: str | None, ignore_formatting: bool, existing: str):
    """The DOCX redline of two Word files on their own XML (composer.wml)."""
    from composer.safefile import read_capped
    from composer.wml.redline import redline_docx

    return redline_docx(read_capped(old), read_capped(new), old.name, new.name, author=author,
                        date=f"{day}T00:00:00Z" if day else None, ignore_formatting=ignore_formatting,
                        existing=existing)  # type: ignore[arg-type]


def _report_removed(removed: list[str]) -> None:
    if removed:
        typer.echo(f"removed from the redline (unsafe): {'; '.join(removed)}", err=True)


def _write_in_place(old: Path, new: Path, out: Path | None, result) -> None:  # type: ignore[no-untyped-def]
    from composer.atomic import ensure_output_dir, write_atomic

    if not result.has_changes:
        typer.echo(f"No changes: {old.name} and {new.name} have the same content.")
        return
    _report_removed(result.removed)
    folder = out if out is not None else output_dir()
    ensure_output_dir(folder)
    path = write_atomic(folder / f"redline-{old.stem}-vs-{new.stem}.docx", result.data)
    typer.echo(f"wrote {path}")
    counts = result.changes
    typer.echo(f"{counts['ins-runs']} insertions, {counts['del-runs']} deletions, "
               f"{counts['row-ins'] + counts['row-del']} tracked rows, {counts['format']} formatting changes")


def register(app: typer.Typer) -> None:
    """Add ``compose diff`` to ``app``."""
    app.command("diff")(diff)
