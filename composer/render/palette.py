"""The document colours, read once from ``templates/palette.yaml`` for every writer.

The DOCX writer (table shading and borders, chart PNG) and the HTML/PDF writer (the
stylesheets, rendered with ``palette`` in their context, and the SVG chart) take their colours
from this one file, so a Word brief and its PDF wear the same blue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from pathlib import Path

from composer.datafiles import data_file_path, read_mapping
from composer.errors import ComposerError

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


def load_palette(folder: str | Path | None = None) -> Palette:
    """The palette in ``folder`` (default: the bundled templates); one-line errors for a bad file.

    The file is read once per process (:func:`composer.datafiles.read_mapping`); its colours are
    checked on every call, which costs five regular-expression matches.
    """
    data = read_mapping(PALETTE_FILE, folder)
    path = data_file_path(PALETTE_FILE, folder)
    values: dict[str, str] = {}
    for field in fields(Palette):
        value = str(data.get(field.name, "")).lstrip("#")
        if not _HEX.fullmatch(value):
            raise ComposerError(f"{path}: {field.name} must be a hex colour like 1f5f8b, not {data.get(field.name)!r}")
        values[field.name] = value.lower()
    return Palette(**values)
