"""What the briefing pack and the draft share: the options a user chose beyond the selection."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from composer.errors import UsageError


@dataclass(frozen=True)
class ComposeOptions:
    """What the user chose beyond the clause selection.

    ``annexes`` sets the brief's depth (``none``, ``compendium``, ``all``); ``provenance`` False
    leaves the provenance notes out (a text fit to circulate to Member States).
    """

    date: str | None = None
    version: str = "1"
    delegation: str | None = None
    title: str | None = None
    annexes: str = "all"
    provenance: bool = True

    def resolved_date(self) -> str:
        """The document date: ``--date`` or today (ISO). Outputs are deterministic per date."""
        if self.date:
            try:
                dt.date.fromisoformat(self.date)
            except ValueError:
                raise UsageError(f"--date {self.date!r} is not a date (use YYYY-MM-DD)") from None
            return self.date
        return dt.date.today().isoformat()


def slug(text: str) -> str:
    """``"Cluster 1: Human rights"`` -> ``"cluster-1-human-rights"`` (for file names and ids)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
