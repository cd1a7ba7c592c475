"""Provenance checks against the seed text: where a quote is, and which locator that implies."""

from __future__ import annotations

import re
from dataclasses import dataclass

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


def derive_locator(seed: str, offset: int, rule: LocatorRule) -> str | None:
    """The locator value the seed implies for a quote starting at ``offset``, or None.

    None means the rule does not apply there (the quote lies outside the rule's region, or no
    anchor precedes it).
    """
    region_start = 0
    if rule.after is not None:
        region_start = seed.find(rule.after)
        if region_start == -1 or offset < region_start:
            return None
    region_end = len(seed)
    if rule.before is not None:
        found = seed.find(rule.before, region_start)
        region_end = found if found != -1 else len(seed)
        if offset >= region_end:
            return None
    value = None
    for match in re.finditer(rule.pattern, seed[region_start:region_end]):
        if region_start + match.start() > offset:
            break
        value = match.group(1)
    if value is None:
        return None
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
