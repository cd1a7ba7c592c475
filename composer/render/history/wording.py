"""The report's words, read once from ``templates/history-report.yaml``.

Sentences a reader sees live in the template folder, not in Python, so a delegation can reword
the report the way it restyles the CSS.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from composer.datafiles import entry, read_mapping
from composer.errors import ComposerError

WORDING_FILE = "history-report.yaml"


class WordingError(ComposerError):
    """The report's wording file is missing or broken (e.g. after a house rewording)."""


@dataclass(frozen=True)
class Wording:
    """Looks up ``a.b.c`` in the wording file and fills in its placeholders."""

    data: dict[str, Any]

    def raw(self, key: str) -> Any:
        return entry(self.data, key, where=WORDING_FILE, error=WordingError)

    def __call__(self, key: str, **values: object) -> str:
        template = self.raw(key)
        try:
            return str(template).format(**values)
        except (KeyError, IndexError, ValueError) as exc:
            raise WordingError(f"{WORDING_FILE}: entry {key!r} has a bad placeholder ({exc})") from None

    def columns(self, key: str) -> list[str]:
        value = self.raw(f"columns.{key}")
        if not isinstance(value, list):
            raise WordingError(f"{WORDING_FILE}: columns.{key} must be a list")
        return [str(v) for v in value]


def load_wording(folder: str | Path | None = None) -> Wording:
    """The wording file from ``folder`` (default: the project's ``templates/``), read once per process."""
    return Wording(read_mapping(WORDING_FILE, folder, error=WordingError))
