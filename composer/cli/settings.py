"""What the global options do (``--library``), for Typer's callback and the quick ``compose diff`` alike."""

from __future__ import annotations

from composer.cli.common import state


def apply(library: str | None) -> None:
    """Remember where the library is (None: $COMPOSER_LIBRARY, the current folder, or the bundled one)."""
    state.library_root = library
