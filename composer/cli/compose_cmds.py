"""``compose brief`` and ``compose draft``: assemble from the library, render, write.

Stages are imported inside the commands, so that ``compose --help`` loads none of them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from composer.cli.common import get_library, output_dir, split_csv
from composer.dates import date_callback

DEFAULT_FORMATS = "docx,pdf"
FormatOpt = typer.Option(None, "--format", "-f", help="Comma-separated: docx,pdf,html,md,json (default docx,pdf).")
OutOpt = typer.Option(None, "--out", help="Output folder (default: out/ in the project).")
OutputOpt = typer.Option(
    None, "--output", "-o", help="Output file; its extension picks the format unless --format is given."
)
TemplateOpt = typer.Option(
    None, "--template", help="Reference DOCX whose styles to use (like Pandoc's --reference-doc)."
)
DateOpt = typer.Option(
    None, "--date", callback=date_callback, help="Document date YYYY-MM-DD (default: today); fixes metadata dates."
)
VersionOpt = typer.Option("1", "--version", help="Version shown on the cover and header.")
ProvenanceOpt = typer.Option(
    True, "--provenance/--no-provenance", help="Provenance footnotes (leave out for a text to circulate)."
)
# The selection options of `compose brief` and `compose draft`. `-o` is --output here, so
# --objective has no short form (one letter, one meaning).
ClusterOpt = typer.Option(None, "--cluster", "-c", help="Thematic cluster 1-6 (repeatable).")
ObjectiveOpt = typer.Option(None, "--objective", help="GCM objective 1-23 (repeatable).")
SourceOpt = typer.Option(None, "--source", "-s", help="Source id (repeatable or comma-separated).")
ActorOpt = typer.Option(None, "--actor", "-a", help="Actor, any registered spelling (repeatable).")
KindOpt = typer.Option(
    None, "--kind", "-k", help='Kind, as written or as read: good_practice, "good practice", good-practice ...'
)
ThemeOpt = typer.Option(None, "--theme", "-t", help="Theme tag (repeatable).")
ClausesOpt = typer.Option(
    None, "--clauses", help="Clause ids picked one by one, as `clauses list` shows them (comma-separated or repeatable)."
)


def _report(paths: list[Path]) -> None:
    for path in paths:
        typer.echo(f"wrote {path}")


def _targets(fmt: str | None, output: Path | None, out: Path | None, stem: str) -> tuple[list[str], Path, str]:
    """Formats, folder and file stem: ``--output FILE`` names the file outright (its extension
    chooses the format when ``--format`` is not given); else ``--out DIR`` / ``out/`` and ``stem``."""
    from composer.errors import UsageError
    from composer.render import FORMATS, parse_formats

    if output is None:
        return parse_formats(fmt or DEFAULT_FORMATS), (out if out is not None else output_dir()), stem
    if out is not None:
        raise UsageError("give either --output FILE or --out DIR, not both")
    suffix = output.suffix.lower().lstrip(".")
    if fmt is None:
        if suffix not in FORMATS:
            raise UsageError(f"--output {output}: say the format with its extension ({', '.join(FORMATS)}) or --format")
        formats = [suffix]
    else:
        formats = parse_formats(fmt)
    name = output.stem if suffix in FORMATS else output.name
    return formats, output.parent, name


def _selection(library, cluster, objective, source, actor, kind, theme, clauses=None):
    """The ClauseFilter for the options, kinds accepted as typed, unknown names refused with the nearest."""
    from dataclasses import replace

    from composer.assemble.selection import check_selection, normalise_kind
    from composer.cli.library_cmds import filter_options

    kinds = [normalise_kind(library.taxonomy, k) for k in split_csv(kind)]
    check_selection(library, sources=split_csv(source), themes=split_csv(theme))
    return replace(filter_options(cluster, objective, source, actor, kinds, theme), ids=split_csv(clauses))


def _write(document, stem: str, formats: list[str], folder: Path, template: Path | None) -> None:
    from composer.output import write_outputs

    if template is not None:
        from composer.render.docx.template import template_style_report

        for line in template_style_report(template):
            print(f"compose: {line}", file=sys.stderr)
    _report(write_outputs(document, stem, formats, folder, template=template))


def brief(
    cluster: list[int] = ClusterOpt,
    objective: list[int] = ObjectiveOpt,
    source: list[str] = SourceOpt,
    actor: list[str] = ActorOpt,
    kind: list[str] = KindOpt,
    theme: list[str] = ThemeOpt,
    clauses: list[str] = ClausesOpt,
    delegation: str = typer.Option(None, "--delegation", help="Delegation named on the cover."),
    title: str = typer.Option(None, "--title", help="Title on the cover (default: Briefing pack)."),
    annexes: str = typer.Option(
        "all", "--annexes", help="none (front part only), compendium (and the sources), all (default)."
    ),
    provenance: bool = ProvenanceOpt,
    fmt: str = FormatOpt,
    out: Path = OutOpt,
    output: Path = OutputOpt,
    template: Path = TemplateOpt,
    date: str = DateOpt,
    version: str = VersionOpt,
) -> None:
    """Compose a delegation's brief for a cluster, objectives or picked clauses (DOCX and PDF by default)."""
    from composer.assemble.brief import assemble_brief
    from composer.assemble.common import ComposeOptions

    library = get_library()
    flt = _selection(library, cluster, objective, source, actor, kind, theme, clauses)
    options = ComposeOptions(
        date=date,
        version=version,
        delegation=delegation,
        title=title,
        annexes=annexes.strip().lower(),
        provenance=provenance,
    )
    document = assemble_brief(library, flt, options)
    from composer.assemble.names import option_words, output_stem

    extra = option_words("brief", options)
    formats, folder, stem = _targets(fmt, output, out, output_stem("brief", flt, extra))
    _write(document, stem, formats, folder, template)


def draft(
    manifest: Path = typer.Argument(None, help="Draft manifest (YAML); without it, every drafting clause selected."),
    cluster: list[int] = ClusterOpt,
    objective: list[int] = ObjectiveOpt,
    source: list[str] = SourceOpt,
    actor: list[str] = ActorOpt,
    kind: list[str] = KindOpt,
    theme: list[str] = ThemeOpt,
    clauses: list[str] = ClausesOpt,
    title: str = typer.Option(None, "--title", help="Title of the draft."),
    provenance: bool = ProvenanceOpt,
    fmt: str = FormatOpt,
    out: Path = OutOpt,
    output: Path = OutputOpt,
    template: Path = TemplateOpt,
    date: str = DateOpt,
    version: str = VersionOpt,
) -> None:
    """Compose draft compact text in UN style, from a manifest or from the selected clauses."""
    from composer.assemble.common import ComposeOptions
    from composer.assemble.draft import assemble_draft, manifest_from_selection
    from composer.assemble.manifest import load_manifest
    from composer.errors import UsageError

    library = get_library()
    options = ComposeOptions(date=date, version=version, title=title, provenance=provenance)
    extra = ["" if provenance else "no-provenance"]
    if manifest is not None:
        if any((cluster, objective, source, actor, kind, theme, clauses)):
            raise UsageError("give either a manifest or clause filters, not both")
        spec = load_manifest(manifest)
        if date:
            spec = spec.model_copy(update={"date": date})
        stem = "-".join(["draft", manifest.stem, *(e for e in extra if e)])
    else:
        flt = _selection(library, cluster, objective, source, actor, kind, theme, clauses)
        spec = manifest_from_selection(library, flt, options)
        from composer.assemble.names import output_stem

        stem = output_stem("draft", flt, extra)
    document = assemble_draft(library, spec, options)
    formats, folder, stem = _targets(fmt, output, out, stem)
    _write(document, stem, formats, folder, template)


def register(app: typer.Typer) -> None:
    """Add ``brief`` and ``draft`` to ``app``."""
    app.command("brief")(brief)
    app.command("draft")(draft)
