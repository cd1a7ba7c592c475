"""One step of a series: the diff engine's paragraph alignment, plus merges and splits.

The alignment itself is ``composer.compare``'s (the same one ``compose diff`` uses), never a
copy. On top of it this module recognises two things a pairwise redline shows only as a
deletion or an insertion:

- **merged**: an old paragraph the engine calls deleted whose words reappear in a nearby new
  paragraph, beyond what that paragraph's own predecessor brought (OP 4 and OP 5 became OP 4);
- **split**: a new paragraph the engine calls inserted whose words were taken out of a nearby
  old paragraph (OP 7 became OP 7 and OP 8).

"Beyond what its predecessor brought" is a multiset difference of words, so a paragraph that
merely repeats common words of its neighbour is not taken for merged into it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from composer.compare.align import align
from composer.compare.changes import BlockChange
from composer.compare.engine import diff_units
from composer.compare.units import Unit

#: Least share of a paragraph's words found in the neighbour's unexplained words.
CONTAINMENT = 0.6
#: Paragraphs shorter than this (in words) are never called merged or split: too little evidence.
MIN_WORDS = 4
#: How far (in paragraphs) a merge or split partner may stand from the paragraph.
WINDOW = 3


@dataclass
class StepPairs:
    """How the paragraphs of two consecutive versions correspond.

    ``changes`` maps an (old, new) index pair to the engine's word-level change; ``merged``
    maps a deleted old index to the new index it went into; ``split`` maps an inserted new
    index to the old index it came out of. Old indexes in neither are deleted, new ones inserted.
    """

    changes: dict[tuple[int, int], BlockChange] = field(default_factory=dict)
    merged: dict[int, int] = field(default_factory=dict)
    split: dict[int, int] = field(default_factory=dict)

    @property
    def old_to_new(self) -> dict[int, int]:
        return {old: new for old, new in self.changes}

    @property
    def new_to_old(self) -> dict[int, int]:
        return {new: old for old, new in self.changes}


#: The word tokens of :func:`composer.compare.tokens.tokenize` (those ``is_word`` accepts), found
#: directly: counting a long draft's words this way is several times faster than tokenizing it.
#: tests/test_history_pairs.py checks that both give the same words.
WORD = re.compile(r"\d+(?:[.:/]\d+|,\d{3}(?!\d))*|\w+(?:['’\-‐]\w+)*")


def words_of(unit: Unit) -> Counter[str]:
    """The unit's words (lower case, footnotes included), as the alignment counts them."""
    words: Counter[str] = Counter(WORD.findall(unit.body_text.lower()))
    for note in unit.notes:
        words.update(WORD.findall(note.text.lower()))
    return words


def step_change(old: Unit, new: Unit, moved: bool) -> BlockChange:
    """The engine's change for an aligned pair; the same text needs no word diff at all."""
    if old.key != new.key:
        return diff_units(old, new, moved=moved)
    kind = "moved" if moved else "unchanged"
    return BlockChange(kind=kind, old=old, new=new, words_old=old.words, words_new=new.words)


def containment(part: Counter[str], whole: Counter[str]) -> float:
    """Share of ``part``'s words (with multiplicity) that ``whole`` holds."""
    total = sum(part.values())
    return sum((part & whole).values()) / total if total else 0.0


def pair_versions(old: list[Unit], new: list[Unit]) -> StepPairs:
    """Align ``old`` and ``new`` with the diff engine, then find merges and splits."""
    pairs = StepPairs()
    for match in align(old, new):
        pairs.changes[(match.old, match.new)] = step_change(old[match.old], new[match.new], match.moved)
    old_to_new, new_to_old = pairs.old_to_new, pairs.new_to_old
    deleted = [i for i in range(len(old)) if i not in old_to_new]
    inserted = [j for j in range(len(new)) if j not in new_to_old]
    old_words = _WordCache(old)
    new_words = _WordCache(new)
    residual_new: dict[int, Counter[str]] = {}
    for i in deleted:
        best = _best_partner(old_words[i], i, old_to_new, residual_new, lambda j, o: new_words[j] - old_words[o])
        if best is not None:
            pairs.merged[i] = best
            residual_new[best] = residual_new[best] - old_words[i]
    residual_old: dict[int, Counter[str]] = {}
    for j in inserted:
        best = _best_partner(new_words[j], j, new_to_old, residual_old, lambda i, o: old_words[i] - new_words[o])
        if best is not None:
            pairs.split[j] = best
            residual_old[best] = residual_old[best] - new_words[j]
    _continue_in_first_piece(pairs, old, new)
    return pairs


def _continue_in_first_piece(pairs: StepPairs, old: list[Unit], new: list[Unit]) -> None:
    """A split or merged paragraph continues the lineage of the piece where it starts.

    The engine pairs an old paragraph with whichever new piece shares most words; when a
    paragraph is cut in two (by a negotiator, or by a page break in an extracted text), the
    lineage should go on in the first piece (the one keeping the number and the opening words),
    and the later piece is the one split out. Merges are treated alike, from the old side.
    """
    pieces: dict[int, list[int]] = {}
    for j, i in pairs.split.items():
        pieces.setdefault(i, []).append(j)
    old_to_new = pairs.old_to_new
    merge_targets = set(pairs.merged.values())
    for i, splits in pieces.items():
        matched = old_to_new[i]
        first = min(splits)
        if first < matched and matched not in merge_targets:  # a piece that absorbed another stays put
            moved = pairs.changes.pop((i, matched)).kind == "moved"
            pairs.changes[(i, first)] = step_change(old[i], new[first], moved)
            del pairs.split[first]
            pairs.split[matched] = i
    merged: dict[int, list[int]] = {}
    for i, j in pairs.merged.items():
        merged.setdefault(j, []).append(i)
    new_to_old = pairs.new_to_old
    split_parents = set(pairs.split.values())
    for j, sources in merged.items():
        matched = new_to_old[j]
        first = min(sources)
        if first < matched and matched not in split_parents:
            moved = pairs.changes.pop((matched, j)).kind == "moved"
            pairs.changes[(first, j)] = step_change(old[first], new[j], moved)
            del pairs.merged[first]
            pairs.merged[matched] = j


class _WordCache:
    """Each unit's words, counted once: merge and split candidates look at neighbours repeatedly."""

    def __init__(self, units: list[Unit]):
        self.units = units
        self.cache: dict[int, Counter[str]] = {}

    def __getitem__(self, index: int) -> Counter[str]:
        words = self.cache.get(index)
        if words is None:
            words = self.cache[index] = words_of(self.units[index])
        return words


def _best_partner(words: Counter[str], index: int, matched: dict[int, int], residual: dict[int, Counter[str]],
                  unexplained: Callable[[int, int], Counter[str]]) -> int | None:
    """The matched neighbour (other side's index) whose unexplained words best hold ``words``.

    ``matched`` maps this side's indexes to the other side's; a neighbour is a matched unit on
    this side within :data:`WINDOW` of ``index``; ``unexplained(other, this)`` gives the other
    side's words not accounted for by its own partner, cached in ``residual`` as they are used up.
    """
    if sum(words.values()) < MIN_WORDS:
        return None
    best: tuple[float, int] | None = None
    for offset in range(1, WINDOW + 1):
        for near in (index - offset, index + offset):
            other = matched.get(near)
            if other is None:
                continue
            if other not in residual:
                residual[other] = unexplained(other, near)
            score = containment(words, residual[other])
            if score >= CONTAINMENT and (best is None or score > best[0]):
                best = (score, other)
    return best[1] if best is not None else None
