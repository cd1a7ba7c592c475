"""Square brackets in negotiated text: which passages are bracketed, and how many.

A bracketed passage is a ``[`` and the ``]`` that closes it; brackets nest (``[low-[carbon]
[emission] transformation]`` holds three passages). In real drafts a bracket often spans
several paragraphs (a whole bracketed option with its sub-paragraphs), so a version's brackets
are matched over its whole text, paragraph after paragraph, and each passage belongs to the
paragraph where it opens. A ``]`` with nothing open, or a ``[`` never closed, is a typing slip
in the draft, not a passage, and is not counted. Footnote markers (``[^2]``, as Markdown types
them) are markers, not brackets. Footnotes are matched on their own: a bracket in a note never
pairs with one in the text.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

_FOOTNOTE_MARKER = re.compile(r"\[\^[^\]\s]+\]")
_BRACKET = re.compile(r"[\[\]]")


def _strip_markers(text: str) -> str:
    return _FOOTNOTE_MARKER.sub("", text)


def bracket_passages(text: str) -> list[str]:
    """Every bracketed passage of ``text`` on its own, brackets included, in the order they close."""
    return [passage for _, passage in _match(_strip_markers(text))]


def count_brackets(text: str) -> int:
    """How many bracketed passages ``text`` holds (matched ``[``/``]`` pairs, markers aside)."""
    return len(_match(_strip_markers(text)))


def _match(text: str) -> list[tuple[int, str]]:
    """(start offset, passage) for every matched pair of ``text``."""
    opened: list[int] = []
    found: list[tuple[int, str]] = []
    for hit in _BRACKET.finditer(text):
        index = hit.start()
        if hit.group() == "[":
            opened.append(index)
        elif opened:
            start = opened.pop()
            found.append((start, text[start : index + 1]))
    return found


def version_passages(paragraphs: list[str], notes: list[list[str]] | None = None) -> list[list[str]]:
    """For each paragraph of one version, the passages that open in it.

    ``paragraphs`` are the paragraphs' texts in reading order, matched as one text (so a
    bracket may close paragraphs later); ``notes[k]`` are paragraph ``k``'s footnote texts,
    each matched on its own and counted with paragraph ``k``.
    """
    texts = [_strip_markers(text) for text in paragraphs]
    starts: list[int] = []
    offset = 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + 1
    out: list[list[str]] = [[] for _ in texts]
    for start, passage in _match("\n".join(texts)):
        out[bisect.bisect_right(starts, start) - 1].append(passage)
    for k, note_texts in enumerate(notes or []):
        for note in note_texts:
            out[k].extend(bracket_passages(note))
    return out


def opened_and_closed(old: list[str], new: list[str]) -> tuple[int, int]:
    """Passages in ``new`` but not ``old`` (opened) and in ``old`` but not ``new`` (closed).

    Passages are compared by their exact text, as multisets: a passage reworded inside its
    brackets counts as one closed and one opened, which is what a negotiator sees happen.
    """
    before, after = Counter(old), Counter(new)
    return sum((after - before).values()), sum((before - after).values())
