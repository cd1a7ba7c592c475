"""Commands registered on the ``compose`` app (filled in by its pipeline stage)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
