"""Square brackets in negotiated text: which passages are bracketed, and how many.

A bracketed passage is a ``[`` and the ``]`` that closes it; brackets nest (``[low-[carbon]
[emission] transformation]`` holds three passages). A ``]`` with nothing open, or a ``[`` never
closed, is a typing slip in the draft, not a passage, and is not counted. Footnote markers
(``[^2]``) never reach here: readers turn them into notes.
"""

from __future__ import annotations

from collections import Counter


def bracket_passages(text: str) -> list[str]:
    """Every bracketed passage of ``text``, brackets included, in the order they close."""
    opened: list[int] = []
    passages: list[str] = []
    for index, char in enumerate(text):
        if char == "[":
            opened.append(index)
        elif char == "]" and opened:
            start = opened.pop()
            passages.append(text[start : index + 1])
    return passages


def count_brackets(text: str) -> int:
    """How many bracketed passages ``text`` holds (matched ``[``/``]`` pairs)."""
    depth = pairs = 0
    for char in text:
        if char == "[":
            depth += 1
        elif char == "]" and depth:
            depth -= 1
            pairs += 1
    return pairs


def opened_and_closed(old: list[str], new: list[str]) -> tuple[int, int]:
    """Passages in ``new`` but not ``old`` (opened) and in ``old`` but not ``new`` (closed).

    Passages are compared by their exact text, as multisets: a passage reworded inside its
    brackets counts as one closed and one opened, which is what a negotiator sees happen.
    """
    before, after = Counter(old), Counter(new)
    return sum((after - before).values()), sum((before - after).values())
