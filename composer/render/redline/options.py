"""Options every redline renderer takes: who made the changes, when, and in which colours."""

from __future__ import annotations

from dataclasses import dataclass, field

from composer.errors import UsageError

DEFAULT_COLORS = {"ins": "#1a7f37", "del": "#c62828", "move": "#6a3fb5"}
FORMATS = ("docx", "pdf", "html", "md", "json")


def parse_redline_formats(value: str) -> tuple[str, ...]:
    """``"docx,pdf"`` -> ("docx", "pdf"); unknown names are a usage error."""
    names = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        raise UsageError(f"unknown redline format {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)}")
    return names


def parse_colors(value: str | None) -> dict[str, str]:
    """``ins=#1a7f37,del=red`` over the defaults; unknown keys are a usage error."""
    colors = dict(DEFAULT_COLORS)
    for part in (value or "").split(","):
        if not part.strip():
            continue
        key, _, color = part.partition("=")
        key, color = key.strip(), color.strip()
        if key not in colors or not color or any(c in color for c in ";{}<>\"'"):
            raise UsageError(f"bad colour setting {part.strip()!r}; use ins=COLOR,del=COLOR,move=COLOR")
        colors[key] = color
    return colors


@dataclass(frozen=True)
class RedlineOptions:
    """``date`` is an ISO date (``YYYY-MM-DD``) or None; outputs depend on nothing else."""

    author: str = "compact-composer"
    date: str | None = None
    colors: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_COLORS))
    #: The DOCX redline opens with the change summary (a section before the text).
    summary: bool = False

    @property
    def revision_date(self) -> str | None:
        """The ``w:date`` of tracked changes (midnight UTC of ``date``)."""
        return f"{self.date}T00:00:00Z" if self.date else None
