"""The ``compose`` Typer application: the global options and every command, registered once.

Built on first use (:func:`build`), so that :func:`composer.cli.main` can run ``compose diff``
of two files without importing the other commands' modules (see :mod:`composer.cli.quick`).
"""

from __future__ import annotations

from functools import cache

import typer

from composer.cli import settings


def global_options(
    library: str = typer.Option(
        None,
        "--library",
        envvar="COMPOSER_LIBRARY",
        help="Project folder holding clauses/ and seeds/ (default: the current folder if it has clauses/, "
        "else the bundled library).",
    ),
) -> None:
    settings.apply(library)


@cache
def build() -> typer.Typer:
    """The application with all its commands (their modules imported here, once)."""
    from composer.cli import compare_cmds, compose_cmds, history_cmds, library_cmds, serve_cmds, trace_cmds

    app = typer.Typer(
        name="compose",
        help="Curate GCM recommendations, compose briefing packs and draft compact text, compare drafts.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    app.callback()(global_options)
    for module in (library_cmds, compose_cmds, compare_cmds, trace_cmds, serve_cmds, history_cmds):
        module.register(app)
    return app
