"""The Jinja2 environment over ``templates/``: citation formats, HTML pages, CSS.

Templates are data a delegation may edit (house citation style, house CSS), so they live in the
project's ``templates/`` folder, not in Python strings.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import jinja2

from composer.paths import templates_dir

#: The bundled templates (``templates/`` of a checkout, ``composer/_bundle/templates`` of a wheel).
TEMPLATES_DIR = templates_dir()

_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


def human_date(value: object) -> str:
    """``2017-04-06`` -> ``6 April 2017``; ``2016-12`` -> ``December 2016``; else unchanged."""
    text = str(value)
    parts = text.split("-")
    try:
        if len(parts) == 3:
            day = dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
            return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
        if len(parts) == 2:
            return f"{_MONTHS[int(parts[1]) - 1]} {int(parts[0])}"
    except (ValueError, IndexError):
        return text
    return text


@cache
def environment(folder: str | None = None, *, trim_blocks: bool = False) -> jinja2.Environment:
    """A Jinja2 environment over ``folder`` (default: the project's ``templates/``).

    ``trim_blocks`` also strips the whitespace around block tags, for templates whose inline
    markup must not pick up stray spaces (the redline's runs of insertions and deletions).
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder or str(TEMPLATES_DIR)),
        autoescape=jinja2.select_autoescape(["html", "html.j2", "j2", "xml"]),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=False,
        trim_blocks=trim_blocks,
        lstrip_blocks=trim_blocks,
    )
    env.filters["human_date"] = human_date
    return env
