"""The ``compose`` command line: parses arguments and calls the pipeline, nothing more.

Every user-facing error is a :class:`ComposerError`, caught here once and printed as one line
(or one line per library problem) on stderr with a non-zero exit code.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import signal
import sys
from typing import Any

from composer.cli.common import state
from composer.errors import ComposerError, UsageError
from composer.ooxml.text import describe, first_control, for_terminal
from composer.signals import Stopped, stoppable


def __getattr__(name: str) -> Any:
    """``composer.cli.app``: the Typer application, built (all commands imported) on first use."""
    if name == "app":
        from composer.cli.application import build

        return build()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``compose`` console script.

    Typer/Click handle usage errors themselves (exit code 2); our own errors arrive here, as do
    Ctrl-C, SIGTERM and SIGHUP (one line, exit 128 + signal) and a standard output that cannot
    be written (``> /dev/full``). Messages pass through the terminal sanitiser: a file name or
    value holding ESC is shown escaped, never acted on.
    """
    state.reset()
    try:
        _refuse_control_characters(sys.argv[1:] if argv is None else argv)
        with stoppable():
            if not _quick(sys.argv[1:] if argv is None else argv):
                from composer.cli.application import build

                build()(args=argv, prog_name="compose")
            sys.stdout.flush()
    except ComposerError as exc:
        print(f"compose: error: {for_terminal(str(exc))}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except (KeyboardInterrupt, Stopped) as exc:
        stop = exc if isinstance(exc, Stopped) else Stopped(signal.SIGINT)
        print(f"compose: {stop.message}", file=sys.stderr)
        sys.exit(stop.exit_code)
    except BrokenPipeError:
        _drop_stdout()
        sys.exit(0)
    except OSError as exc:
        if exc.errno not in _OUTPUT_ERRNOS:
            raise
        _drop_stdout()
        print(f"compose: error: cannot write the output: {exc.strerror or exc}", file=sys.stderr)
        sys.exit(1)


def _quick(args: list[str]) -> bool:
    """``compose diff OLD NEW [options]`` run without Typer, its options read from their declarations.

    Most of a small diff's time went to start-up: Typer, every command module, and Typer coercing
    each value through pydantic. :mod:`composer.cli.quick` reads ``diff``'s declarations in
    compare_cmds.py; anything its plain rules do not cover (``--help``, a global option, a usage
    error) returns False and goes through Typer as before.
    """
    if args[:1] != ["diff"]:
        return False
    from composer.cli import quick

    settings = quick.parse(quick.declared("application.py", "global_options"), [])
    values = quick.parse(quick.declared("compare_cmds.py", "diff"), args[1:])
    if settings is None or values is None:
        return False
    from composer.cli import diff_run
    from composer.cli import settings as global_settings

    global_settings.apply(**settings)
    # One command, then the process ends: memory comes back by reference counting, and the cyclic
    # collector would only rescan the redline's many small objects again and again (a fifth of
    # the time of a long redline). Paused for the command, as it was afterwards.
    collecting = gc.isenabled()
    gc.disable()
    try:
        diff_run.diff(**values)
    finally:
        if collecting:
            gc.enable()
    return True


def _refuse_control_characters(args: list[str]) -> None:
    """An option value or file name holding ESC, NUL, a vertical tab ... is refused once, here.

    ``--author``, ``--delegation`` or ``--title`` would otherwise carry it into every DOCX
    (where lxml refuses it) and onto the terminal. Undecodable bytes of a file name (surrogates)
    are not control characters and pass.
    """
    for arg in args:
        char = first_control(arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))
        if char is not None and char != "\ufffd":
            raise UsageError(f"argument '{for_terminal(arg)}' holds the control character {describe(char)}; remove it")


#: A full disk or quota, an I/O error: the output cannot be written, which is not a bug.
_OUTPUT_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG, errno.EROFS}


def _drop_stdout() -> None:
    """Point fd 1 at /dev/null so the interpreter's last flush of what is buffered cannot fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
