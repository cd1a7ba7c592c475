"""Provenance checks against the seed text: where a quote is, and which locator that implies."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache

from composer.library.locator_re import compile_locator
from composer.library.models import LocatorRule, Source


@dataclass(frozen=True)
class QuoteMatch:
    """Where a quote occurs in a seed: character offsets (Python str indexes) and line."""

    starts: tuple[int, ...]

    @property
    def found(self) -> bool:
        return bool(self.starts)


def find_quote(seed: str, quote: str) -> QuoteMatch:
    """Every start offset of ``quote`` in ``seed`` (non-overlapping scan, in order)."""
    starts = []
    at = seed.find(quote)
    while at != -1:
        starts.append(at)
        at = seed.find(quote, at + 1)
    return QuoteMatch(tuple(starts))


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def longest_matching_prefix(seed: str, quote: str) -> tuple[int, int]:
    """Length of the longest prefix of ``quote`` found in ``seed`` and where it ends.

    Used to tell a curator where a quote stops matching, which is nearly always the artefact
    that was "fixed" by mistake.
    """
    lo, hi, best_end = 0, len(quote), -1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        at = seed.find(quote[:mid])
        if at != -1:
            lo, best_end = mid, at + mid
        else:
            hi = mid - 1
    if lo and best_end == -1:
        best_end = seed.find(quote[:lo]) + lo
    return lo, best_end


@lru_cache(maxsize=64)
def _anchors(
    seed: str, pattern: str, after: str | None, before: str | None
) -> tuple[int, int, tuple[int, ...], tuple[str, ...]]:
    """The rule's region and its anchors (start offsets and values), computed once per seed.

    Python caches a string's hash, so keying on the seed text itself is cheap after the first call.
    """
    region_start = 0
    if after is not None:
        region_start = seed.find(after)
        if region_start == -1:
            return -1, -1, (), ()
    region_end = len(seed)
    if before is not None:
        found = seed.find(before, region_start)
        region_end = found if found != -1 else len(seed)
    starts, values = [], []
    for match in compile_locator(pattern).finditer(seed, region_start, region_end):
        starts.append(match.start())
        values.append(match.group(1))
    return region_start, region_end, tuple(starts), tuple(values)


def derive_locator(seed: str, offset: int, rule: LocatorRule) -> str | None:
    """The locator value the seed implies for a quote starting at ``offset``, or None.

    None means the rule does not apply there (the quote lies outside the rule's region, or no
    anchor precedes it).
    """
    region_start, region_end, starts, values = _anchors(seed, rule.pattern, rule.after, rule.before)
    if region_start == -1 or not region_start <= offset < region_end:
        return None
    index = bisect.bisect_right(starts, offset) - 1
    if index < 0:
        return None
    value = values[index]
    if rule.offset and value.isdigit():
        return str(int(value) + rule.offset)
    return value


def check_locator(seed: str, offset: int, source: Source, key: str, value: str | int) -> str | None:
    """Return a problem message if the seed implies another locator for this quote, else None."""
    for rule in source.locators:
        if rule.key != key:
            continue
        derived = derive_locator(seed, offset, rule)
        if derived is not None and derived != str(value):
            return f"locator says {key} {value} but the quote is in {key} {derived} of the seed"
    return None
