"""Options every redline renderer takes: who made the changes, when, and in which colours."""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_COLORS = {"ins": "#1a7f37", "del": "#c62828", "move": "#6a3fb5"}


@dataclass(frozen=True)
class RedlineOptions:
    """``date`` is an ISO date (``YYYY-MM-DD``) or None; outputs depend on nothing else."""

    author: str = "compact-composer"
    date: str | None = None
    colors: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_COLORS))

    @property
    def revision_date(self) -> str | None:
        """The ``w:date`` of tracked changes (midnight UTC of ``date``)."""
        return f"{self.date}T00:00:00Z" if self.date else None
