"""Reading the pages' query strings and forms into the pipeline's request types.

Menus send an empty value for "any"; numbers arrive as text. Everything else is left to the
pipeline's own validation (an unknown actor or objective gets the command line's message).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from starlette.datastructures import FormData, QueryParams

from composer.errors import UsageError

if TYPE_CHECKING:
    from composer.library.query import ClauseFilter

Params = QueryParams | FormData


def values(params: Params, name: str) -> list[str]:
    """Non-empty values of a repeated field, in order, without duplicates."""
    out = [v.strip() for v in params.getlist(name) if isinstance(v, str) and v.strip()]
    return list(dict.fromkeys(out))


def numbers(params: Params, name: str, label: str) -> list[int]:
    out = []
    for value in values(params, name):
        if not value.isdigit():
            raise UsageError(f"{label} must be a number, not {value!r}")
        out.append(int(value))
    return out


def text(params: Params | Mapping[str, str], name: str) -> str | None:
    value = params.get(name)
    return value.strip() or None if isinstance(value, str) else None


def library_filter(params: Params) -> ClauseFilter:
    """The filters of ``compose clauses list`` from the library page's query string."""
    from composer.library.query import ClauseFilter

    return ClauseFilter(
        clusters=tuple(numbers(params, "cluster", "cluster")),
        objectives=tuple(numbers(params, "objective", "objective")),
        sources=tuple(values(params, "source")),
        actors=tuple(values(params, "actor")),
        kinds=tuple(values(params, "kind")),
        themes=tuple(values(params, "theme")),
        text=text(params, "text"),
        ids=tuple(values(params, "id")),
        gcm_ref=text(params, "gcm"),
        unmatched=bool(text(params, "unmatched")),
    )
