"""What ``compose diff`` does, given its values: the command's body, with no Typer in it.

:mod:`composer.cli.compare_cmds` declares the command's arguments and options (the one place
they are written) and calls :func:`diff`; :func:`composer.cli.main` calls it too, with the values
read from those declarations by :mod:`composer.cli.quick`, so that a diff of two files starts
without importing Typer.
"""

from __future__ import annotations

import sys
from pathlib import Path

from composer.cli.common import output_dir, read_draft, read_manifest_draft
from composer.dates import date_option
from composer.errors import UsageError

_MANIFEST = (".yaml", ".yml")


def echo(message: str, *, err: bool = False, nl: bool = True) -> None:
    """One line (or text) on standard output or error, flushed, as ``typer.echo`` writes it."""
    stream = sys.stderr if err else sys.stdout
    stream.write(message + ("\n" if nl else ""))
    stream.flush()


def diff(old: Path, new: Path, formats: str, out: Path | None, author: str, date: str | None, colors: str | None,
         accept_existing: bool, reject_existing: bool, ignore_formatting: bool, summary: bool) -> None:
    """Compare two drafts and write the redlines asked for (see ``compose diff --help``)."""
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
        echo(f"No changes: {old.name} and {new.name} have the same text.")
        return
    if chosen == ("md",) and out is None:
        echo(render_redline(redline, old_doc, new_doc, "md", options), nl=False)
        return
    stem = f"redline-{old.stem}-vs-{new.stem}"
    folder = out if out is not None else output_dir()
    if in_place is not None:
        _report_removed(in_place.removed)
    for path in write_redline(redline, old_doc, new_doc, chosen, folder, stem, options):
        echo(f"wrote {path}")
    if in_place is not None:
        from composer.atomic import ensure_output_dir, write_atomic

        data = in_place.data
        if summary:
            from composer.render.redline.docx_summary import with_summary

            data = with_summary(data, redline, options)
        ensure_output_dir(folder)
        echo(f"wrote {write_atomic(folder / f'{stem}.docx', data)}")
    echo(headline(redline))


def _in_place_redline(old: Path, new: Path, author: str, day: str | None, ignore_formatting: bool, existing: str):
    """The DOCX redline of two Word files on their own XML (composer.wml)."""
    from composer.safefile import read_capped
    from composer.wml.redline import redline_docx

    return redline_docx(read_capped(old), read_capped(new), old.name, new.name, author=author,
                        date=f"{day}T00:00:00Z" if day else None, ignore_formatting=ignore_formatting,
                        existing=existing)  # type: ignore[arg-type]


def _report_removed(removed: list[str]) -> None:
    if removed:
        echo(f"removed from the redline (unsafe): {'; '.join(removed)}", err=True)


def _write_in_place(old: Path, new: Path, out: Path | None, result) -> None:  # type: ignore[no-untyped-def]
    from composer.atomic import ensure_output_dir, write_atomic

    if not result.has_changes:
        echo(f"No changes: {old.name} and {new.name} have the same content.")
        return
    _report_removed(result.removed)
    folder = out if out is not None else output_dir()
    ensure_output_dir(folder)
    path = write_atomic(folder / f"redline-{old.stem}-vs-{new.stem}.docx", result.data)
    echo(f"wrote {path}")
    counts = result.changes
    echo(f"{counts['ins-runs']} insertions, {counts['del-runs']} deletions, "
               f"{counts['row-ins'] + counts['row-del']} tracked rows, {counts['format']} formatting changes")
