"""The ``compose`` command line: parses arguments and calls the pipeline, nothing more.

Every user-facing error is a :class:`ComposerError`, caught here once and printed as one line
(or one line per library problem) on stderr with a non-zero exit code.
"""

from __future__ import annotations

import sys

import typer

from composer.cli import compare_cmds, compose_cmds, library_cmds, serve_cmds, trace_cmds
from composer.cli.common import state
from composer.errors import ComposerError

app = typer.Typer(
    name="compose",
    help="Curate GCM recommendations, compose briefing packs and draft compact text, compare drafts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def _global_options(
    library: str = typer.Option(
        None,
        "--library",
        envvar="COMPOSER_LIBRARY",
        help="Project folder holding clauses/ and seeds/ (default: the current folder if it has clauses/, "
        "else the bundled library).",
    ),
) -> None:
    state.library_root = library


for module in (library_cmds, compose_cmds, compare_cmds, trace_cmds, serve_cmds):
    module.register(app)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``compose`` console script.

    Typer/Click handle usage errors themselves (exit code 2); our own errors arrive here.
    """
    state.reset()
    try:
        app(args=argv, prog_name="compose")
    except ComposerError as exc:
        print(f"compose: error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        print("compose: interrupted", file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
