"""The report's words, read once from ``templates/history-report.yaml``.

Sentences a reader sees live in the template folder, not in Python, so a delegation can reword
the report the way it restyles the CSS.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from composer.errors import ComposerError
from composer.safefile import read_capped
from composer.templating import TEMPLATES_DIR

WORDING_FILE = "history-report.yaml"


class WordingError(ComposerError):
    """The report's wording file is missing or broken (e.g. after a house rewording)."""


@dataclass(frozen=True)
class Wording:
    """Looks up ``a.b.c`` in the wording file and fills in its placeholders."""

    data: dict[str, Any]

    def raw(self, key: str) -> Any:
        node: Any = self.data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                raise WordingError(f"{WORDING_FILE}: no entry {key!r}")
            node = node[part]
        return node

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


@cache
def load_wording(folder: str | None = None) -> Wording:
    """The wording file from ``folder`` (default: the project's ``templates/``)."""
    path = Path(folder or TEMPLATES_DIR) / WORDING_FILE
    try:
        data = yaml.safe_load(read_capped(path, 1024 * 1024).decode("utf-8"))
    except yaml.YAMLError as exc:
        raise WordingError(f"{path}: not valid YAML ({exc})") from None
    except UnicodeDecodeError:
        raise WordingError(f"{path}: not UTF-8 text") from None
    if not isinstance(data, dict):
        raise WordingError(f"{path}: expected a mapping of wording entries")
    return Wording(data)
