"""Locator patterns from ``sources.yaml`` compiled by RE2, which runs in linear time.

A pattern is data a curator types, and Python's backtracking engine takes exponential time on
patterns like ``(?:\\S+\\s*)+QQQ(\\d)``: ``compose check`` would hang. RE2 never backtracks, so
no pattern can hang it; it refuses what it cannot do in linear time (look-around,
back-references), which a locator never needs.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import re2

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # RE2 would print its own line on stderr; ours says it once


@lru_cache(maxsize=256)
def compile_locator(pattern: str) -> Any:
    """The compiled pattern, or ``ValueError`` with a message for ``compose check``."""
    try:
        compiled = re2.compile(pattern, _OPTIONS)
    except re2.error as exc:
        reason = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise ValueError(
            f"invalid or unsupported regular expression ({reason}); locator patterns are matched in linear "
            "time, without look-around or back-references"
        ) from None
    if compiled.groups < 1:
        raise ValueError("a locator pattern needs a group, e.g. (\\d+), for the value it derives")
    return compiled
