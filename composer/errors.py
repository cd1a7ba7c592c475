"""One exception family for every error a user can cause.

The CLI catches :class:`ComposerError` once and prints it as one line (or one line per problem)
with a non-zero exit code; anything else is a bug and may show a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


class ComposerError(Exception):
    """A user-facing error: bad input, bad arguments, an output that cannot be written."""

    exit_code = 1


class UsageError(ComposerError):
    """Arguments that make no sense (unknown objective, empty selection, ...)."""

    exit_code = 2


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in the library, located as ``file:line``."""

    file: str
    line: int
    message: str
    severity: str = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def __str__(self) -> str:
        prefix = "" if self.is_error else f"{self.severity}: "
        return f"{self.file}:{self.line}: {prefix}{self.message}"


class LibraryError(ComposerError):
    """The clause library is invalid; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        first = "\n".join(str(p) for p in self.problems[:20])
        more = len(self.problems) - 20
        tail = f"\n... and {more} more (run `compose check`)" if more > 0 else ""
        super().__init__(f"{first}{tail}")


class InputDocumentError(ComposerError):
    """A document given to read (DOCX, text, manifest) is unreadable, hostile or unsupported."""
