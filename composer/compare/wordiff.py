"""Diffing two token lists with diff-match-patch: tokens mapped to characters, semantic cleanup.

Each distinct token becomes one character, so diff-match-patch's character diff is a token
diff that can never split a word. The engine is fast-diff-match-patch (C++) when installed,
pure-Python diff-match-patch otherwise; both run WITHOUT a time limit, because the default
1-second timeout silently degrades a long diff into "delete all, insert all".
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

try:  # the C++ engine; the pure-Python one gives the same kind of result, slower
    import fast_diff_match_patch as _fast
except ImportError:  # pragma: no cover - exercised only where the wheel is missing
    _fast = None

import diff_match_patch as _dmp_module

EQUAL, INSERT, DELETE = "=", "+", "-"
_SURROGATES = range(0xD800, 0xE000)


@dataclass(frozen=True)
class Span:
    """One diff operation over token index ranges: old[a0:a1] and new[b0:b1]."""

    op: str
    a0: int
    a1: int
    b0: int
    b1: int


def _encode(a: Sequence[Hashable], b: Sequence[Hashable]) -> tuple[str, str]:
    """Map every distinct token to one character (skipping surrogates), identical tokens alike."""
    table: dict[Hashable, str] = {}

    def char_of(token: Hashable) -> str:
        char = table.get(token)
        if char is None:
            code = 0x100 + len(table)
            if code >= _SURROGATES.start:
                code += len(_SURROGATES)
            char = chr(code)
            table[token] = char
        return char

    return "".join(map(char_of, a)), "".join(map(char_of, b))


def _engine_diff(text_a: str, text_b: str, engine: str) -> list[tuple[str, int]]:
    """(op, length) pairs from the chosen engine, untimed, with semantic cleanup."""
    if engine == "fast" and _fast is not None:
        return list(_fast.diff(text_a, text_b, timelimit=0, cleanup="Semantic", counts_only=True))
    dmp = _dmp_module.diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = dmp.diff_main(text_a, text_b, checklines=False)
    dmp.diff_cleanupSemantic(diffs)
    ops = {0: EQUAL, 1: INSERT, -1: DELETE}
    return [(ops[op], len(chunk)) for op, chunk in diffs]


def diff_tokens(a: Sequence[Hashable], b: Sequence[Hashable], engine: str = "fast") -> list[Span]:
    """The token-level edit script turning ``a`` into ``b``; ``engine`` is ``fast`` or ``python``."""
    if list(a) == list(b):
        return [Span(EQUAL, 0, len(a), 0, len(b))] if a else []
    text_a, text_b = _encode(a, b)
    spans: list[Span] = []
    i = j = 0
    for op, length in _engine_diff(text_a, text_b, engine):
        if not length:
            continue
        if op == EQUAL:
            spans.append(Span(EQUAL, i, i + length, j, j + length))
            i += length
            j += length
        elif op == DELETE:
            spans.append(Span(DELETE, i, i + length, j, j))
            i += length
        else:
            spans.append(Span(INSERT, i, i, j, j + length))
            j += length
    if i != len(a) or j != len(b):  # an engine that lost tokens must never pass unnoticed
        raise AssertionError(f"diff engine returned an incomplete script ({i}/{len(a)}, {j}/{len(b)})")
    return spans


def engine_name() -> str:
    """Which engine ``diff_tokens(..., engine="fast")`` really uses."""
    return "fast-diff-match-patch" if _fast is not None else "diff-match-patch"
