"""The document colours, read once from ``templates/palette.yaml`` for every writer.

The DOCX writer (table shading and borders, chart PNG) and the HTML/PDF writer (the
stylesheets, rendered with ``palette`` in their context, and the SVG chart) take their colours
from this one file, so a Word brief and its PDF wear the same blue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path

import yaml

from composer.errors import ComposerError
from composer.paths import templates_dir

PALETTE_FILE = "palette.yaml"
_HEX = re.compile(r"[0-9A-Fa-f]{6}")


@dataclass(frozen=True)
class Palette:
    """Hex RGB colours without ``#`` (Word's form); :meth:`css` gives ``#rrggbb``."""

    accent: str
    rule: str
    header_shade: str
    grid: str
    text: str

    def css(self, name: str) -> str:
        return "#" + getattr(self, name)


@cache
def load_palette(folder: str | None = None) -> Palette:
    """The palette in ``folder`` (default: the bundled templates); one-line errors for a bad file."""
    path = Path(folder) if folder else templates_dir()
    path = path / PALETTE_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ComposerError(f"{path}: cannot read the colour palette: {exc}") from None
    if not isinstance(data, dict):
        raise ComposerError(f"{path}: the colour palette must be a mapping of name: hex colour")
    values: dict[str, str] = {}
    for field in fields(Palette):
        value = str(data.get(field.name, "")).lstrip("#")
        if not _HEX.fullmatch(value):
            raise ComposerError(f"{path}: {field.name} must be a hex colour like 1f5f8b, not {data.get(field.name)!r}")
        values[field.name] = value.lower()
    return Palette(**values)
