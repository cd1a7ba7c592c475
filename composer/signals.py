"""Ctrl-C, SIGTERM and SIGHUP as one exception that every ``finally`` sees.

Typer turns ``KeyboardInterrupt`` into a silent exit 130, and SIGTERM or SIGHUP kill the
process without running any cleanup, so a half-written temporary stays behind. Inside
:func:`stoppable`, each of these signals raises :class:`Stopped` (a ``BaseException``, which no
library swallows); cleanup code runs on the way out and the CLI prints one line and exits with
128 + the signal number, as a shell expects.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

_NAMES = ("SIGINT", "SIGTERM", "SIGHUP")
HANDLED = tuple(getattr(signal, name) for name in _NAMES if hasattr(signal, name))


class Stopped(BaseException):
    """A stop signal arrived; ``signum`` says which."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum

    @property
    def message(self) -> str:
        if self.signum == getattr(signal, "SIGINT", -1):
            return "interrupted (Ctrl-C); no output was changed"
        return f"stopped by {signal.Signals(self.signum).name}; no output was changed"


def _raise(signum: int, _frame: object) -> None:
    raise Stopped(signum)


@contextlib.contextmanager
def stoppable(signums: tuple[int, ...] = HANDLED) -> Iterator[None]:
    """Within the block, the given signals raise :class:`Stopped`; handlers are restored after.

    Only the main thread can set handlers; elsewhere this does nothing. A handler that was
    deliberately set to ignore a signal (``nohup`` ignores SIGHUP) is left alone.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[int, object] = {}
    for signum in signums:
        with contextlib.suppress(OSError, ValueError):
            current = signal.getsignal(signum)
            if current is signal.SIG_IGN:
                continue
            previous[signum] = signal.signal(signum, _raise)
    try:
        yield
    finally:
        for signum, old in previous.items():
            with contextlib.suppress(OSError, ValueError, TypeError):
                signal.signal(signum, old)  # type: ignore[arg-type]
