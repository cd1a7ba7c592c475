"""One check for every date a user or a document gives us (``--date``, manifests, core properties).

``2026-13-45`` matches ``\\d{4}-\\d{2}-\\d{2}`` and ``20260102`` is accepted by
``date.fromisoformat`` since Python 3.11; neither may reach a ``w:date`` attribute or a cover.
"""

from __future__ import annotations

import datetime as dt
import re

from composer.errors import UsageError

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_STAMP = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")


def is_iso_date(value: str) -> bool:
    """True for a real calendar date written ``YYYY-MM-DD`` (years 1900-2999)."""
    match = _ISO.match(value)
    if not match or not 1900 <= int(match.group(1)) <= 2999:
        return False
    try:
        dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return False
    return True


def date_option(value: str | None, option: str = "--date") -> str | None:
    """``value`` if it is a real ``YYYY-MM-DD`` date (or None); else a one-line UsageError."""
    if value is None:
        return None
    if not is_iso_date(value):
        shown = value.encode("unicode_escape").decode("ascii")
        raise UsageError(f"{option} {shown!r} is not a date: use YYYY-MM-DD, e.g. 2026-11-24")
    return value


def date_of_stamp(value: str | None) -> str | None:
    """The ``YYYY-MM-DD`` of a W3CDTF stamp from a document (``2026-01-02T10:00:00Z``), or None if bogus."""
    if not value:
        return None
    match = _STAMP.match(value.strip())
    if not match or not is_iso_date(match.group(1)):
        return None
    return match.group(1)


def date_callback(value: str | None) -> str | None:
    """Typer callback for a ``--date`` option (one argument: typer passes the value alone)."""
    return date_option(value)
