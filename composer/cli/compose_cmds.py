"""``compose brief`` and ``compose draft``: assemble from the library, render, write."""

from __future__ import annotations

from pathlib import Path

import typer

from composer.assemble.brief import assemble_brief
from composer.assemble.common import ComposeOptions
from composer.assemble.draft import assemble_draft, manifest_from_selection
from composer.assemble.manifest import load_manifest
from composer.cli.common import get_library, project_root
from composer.cli.library_cmds import (
    ActorOpt,
    ClusterOpt,
    KindOpt,
    ObjectiveOpt,
    SourceOpt,
    ThemeOpt,
    filter_options,
)
from composer.errors import UsageError
from composer.output import write_outputs
from composer.render import parse_formats

FormatOpt = typer.Option("docx,pdf", "--format", "-f", help="Comma-separated: docx,pdf,html,md,json.")
OutOpt = typer.Option(None, "--out", help="Output folder (default: out/ in the project).")
TemplateOpt = typer.Option(
    None, "--template", help="Reference DOCX whose styles to use (like Pandoc's --reference-doc)."
)
DateOpt = typer.Option(None, "--date", help="Document date YYYY-MM-DD (default: today); fixes metadata dates.")
VersionOpt = typer.Option("1", "--version", help="Version shown on the cover and header.")


def _out_dir(out: Path | None) -> Path:
    return out if out is not None else project_root() / "out"


def _report(paths: list[Path]) -> None:
    for path in paths:
        typer.echo(f"wrote {path}")


def brief(
    cluster: list[int] = ClusterOpt,
    objective: list[int] = ObjectiveOpt,
    source: list[str] = SourceOpt,
    actor: list[str] = ActorOpt,
    kind: list[str] = KindOpt,
    theme: list[str] = ThemeOpt,
    delegation: str = typer.Option(None, "--delegation", help="Delegation named on the cover."),
    title: str = typer.Option(None, "--title", help="Title on the cover (default: Briefing pack)."),
    fmt: str = FormatOpt,
    out: Path = OutOpt,
    template: Path = TemplateOpt,
    date: str = DateOpt,
    version: str = VersionOpt,
) -> None:
    """Compose a briefing pack for a cluster or objectives (DOCX and PDF by default)."""
    formats = parse_formats(fmt)
    library = get_library()
    flt = filter_options(cluster, objective, source, actor, kind, theme)
    options = ComposeOptions(date=date, version=version, delegation=delegation, title=title)
    document = assemble_brief(library, flt, options)
    scope = "-".join([*(f"cluster-{n}" for n in flt.clusters), *(f"objective-{n}" for n in flt.objectives)])
    _report(write_outputs(document, f"brief-{scope}", formats, _out_dir(out), template=template))


def draft(
    manifest: Path = typer.Argument(None, help="Draft manifest (YAML); without it, every drafting clause selected."),
    cluster: list[int] = ClusterOpt,
    objective: list[int] = ObjectiveOpt,
    source: list[str] = SourceOpt,
    actor: list[str] = ActorOpt,
    kind: list[str] = KindOpt,
    theme: list[str] = ThemeOpt,
    title: str = typer.Option(None, "--title", help="Title of the draft."),
    fmt: str = FormatOpt,
    out: Path = OutOpt,
    template: Path = TemplateOpt,
    date: str = DateOpt,
    version: str = VersionOpt,
) -> None:
    """Compose draft compact text in UN style, from a manifest or from the selected clauses."""
    formats = parse_formats(fmt)
    library = get_library()
    options = ComposeOptions(date=date, version=version, title=title)
    if manifest is not None:
        if any((cluster, objective, source, actor, kind, theme)):
            raise UsageError("give either a manifest or clause filters, not both")
        spec = load_manifest(manifest)
        if date:
            spec = spec.model_copy(update={"date": date})
        stem = f"draft-{manifest.stem}"
    else:
        flt = filter_options(cluster, objective, source, actor, kind, theme)
        spec = manifest_from_selection(library, flt, options)
        stem = "draft"
    document = assemble_draft(library, spec, options)
    _report(write_outputs(document, stem, formats, _out_dir(out), template=template))


def register(app: typer.Typer) -> None:
    """Add ``brief`` and ``draft`` to ``app``."""
    app.command("brief")(brief)
    app.command("draft")(draft)
