"""The sentences a document prints, read from a YAML file in ``templates/``.

Why: the words a delegate reads are edited by people who do not read Python (a delegation's
own phrasing, a translation), and one sentence must live in one place. Each string is a Jinja2
expression template; :meth:`Wording.say` renders one with the given variables.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2

from composer.datafiles import entry, read_mapping
from composer.errors import ComposerError
from composer.templating import human_date


class WordingError(ComposerError):
    """A wording file is missing, unreadable, or lacks a sentence the document needs."""


@dataclass(frozen=True)
class Wording:
    """The sentences of one document kind (``brief.yaml``, ``draft.yaml``)."""

    name: str
    data: dict[str, Any]

    def raw(self, key: str) -> Any:
        """The value at a dotted ``key`` (``"gap.same"``), as stored (a string, list or mapping)."""
        return entry(self.data, key, where=f"templates/{self.name}", error=WordingError)

    def say(self, key: str, **variables: object) -> str:
        """The sentence at ``key`` rendered with ``variables``, its whitespace folded to single spaces."""
        value = self.raw(key)
        if not isinstance(value, str):
            raise WordingError(f"templates/{self.name}: {key!r} is not a sentence")
        try:
            text = _compile(value).render(**variables)
        except jinja2.TemplateError as exc:
            raise WordingError(f"templates/{self.name}: {key!r}: {exc}") from None
        return " ".join(text.split())

    def number(self, key: str) -> int:
        value = self.raw(key)
        if not isinstance(value, int) or isinstance(value, bool):
            raise WordingError(f"templates/{self.name}: {key!r} must be a whole number")
        return value

    def row(self, key: str) -> list[str]:
        value = self.raw(key)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise WordingError(f"templates/{self.name}: {key!r} must be a list of words")
        return value


@cache
def _environment() -> jinja2.Environment:
    """Plain text, no escaping (the renderers escape for their own formats); unknown names fail."""
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)
    env.filters["human_date"] = human_date
    return env


@cache
def _compile(source: str) -> jinja2.Template:
    return _environment().from_string(source)


def load_wording(name: str) -> Wording:
    """``templates/<name>``, read once per process by :func:`composer.datafiles.read_mapping`."""
    return Wording(name, read_mapping(name, error=WordingError))
