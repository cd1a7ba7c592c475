"""Paragraph alignment between two drafts: unchanged, modified, inserted, deleted and moved.

Kept near-linear so that 80-page resolutions align in milliseconds:

1. **Anchors.** Pairs known for sure: the same stable block id on both sides (our DOCX
   bookmarks), and texts that occur exactly once in each draft (patience diff). The longest
   increasing subsequence of those pairs stays in order; the rest are moves.
2. **Gaps.** Between anchors, equal texts are matched recursively (patience again, then an LCS
   on the few duplicates left, with ``autojunk`` off).
3. **Similar pairs.** Leftover paragraphs are paired by word overlap (Dice on word multisets),
   found through an inverted index of their rarer words, strongest pairs first: a pair inside
   the same gap and in order is a modification, a strong pair anywhere else is a move.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from composer.compare.tokens import is_word
from composer.compare.units import Unit

#: Least similarity for pairing a deleted and an inserted paragraph in the same place.
MODIFIED_SIMILARITY = 0.5
#: Least similarity when the gap holds exactly one old and one new paragraph.
LONE_PAIR_SIMILARITY = 0.3
#: Least similarity for calling a paragraph found elsewhere "moved" rather than deleted + inserted.
MOVED_SIMILARITY = 0.7
#: Words occurring in more leftover paragraphs than this do not generate candidates.
COMMON_WORD_POSTINGS = 64
#: Candidates kept per new paragraph.
CANDIDATES = 6


@dataclass(frozen=True)
class Match:
    """An old and a new unit taken to be the same paragraph; ``moved`` if out of order."""

    old: int
    new: int
    moved: bool = False


def lis_pairs(pairs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest subsequence of ``(old, new)`` pairs increasing in both (pairs sorted by new)."""
    ordered = sorted(pairs, key=lambda p: p[1])
    tails: list[int] = []
    tail_index: list[int] = []
    previous: list[int] = [-1] * len(ordered)
    for i, (old, _new) in enumerate(ordered):
        k = bisect.bisect_left(tails, old)
        if k == len(tails):
            tails.append(old)
            tail_index.append(i)
        else:
            tails[k] = old
            tail_index[k] = i
        previous[i] = tail_index[k - 1] if k else -1
    out: list[tuple[int, int]] = []
    i = tail_index[-1] if tail_index else -1
    while i >= 0:
        out.append(ordered[i])
        i = previous[i]
    return out[::-1]


def _unique_pairs(old_keys: Sequence[str], new_keys: Sequence[str], old_idx: Sequence[int],
                  new_idx: Sequence[int]) -> list[tuple[int, int]]:
    old_count = Counter(old_keys)
    new_count = Counter(new_keys)
    old_pos = {k: i for k, i in zip(old_keys, old_idx, strict=True) if old_count[k] == 1}
    return [(old_pos[k], j) for k, j in zip(new_keys, new_idx, strict=True) if new_count[k] == 1 and k in old_pos]


def _match_equal(old: list[Unit], new: list[Unit], a: list[int], b: list[int]) -> list[tuple[int, int]]:
    """In-order exact matches between the unit index lists ``a`` and ``b`` (patience, then LCS)."""
    out: list[tuple[int, int]] = []
    stack = [(a, b)]
    while stack:
        a, b = stack.pop()
        while a and b and old[a[0]].key == new[b[0]].key:
            out.append((a[0], b[0]))
            a, b = a[1:], b[1:]
        while a and b and old[a[-1]].key == new[b[-1]].key:
            out.append((a[-1], b[-1]))
            a, b = a[:-1], b[:-1]
        if not a or not b:
            continue
        a_keys = [old[i].key for i in a]
        b_keys = [new[j].key for j in b]
        anchors = lis_pairs(_unique_pairs(a_keys, b_keys, a, b))
        if anchors:
            out.extend(anchors)
            prev_a, prev_b = -1, -1
            for pa, pb in [*anchors, (10**12, 10**12)]:
                sub_a = [i for i in a if prev_a < i < pa]
                sub_b = [j for j in b if prev_b < j < pb]
                if sub_a and sub_b:
                    stack.append((sub_a, sub_b))
                prev_a, prev_b = pa, pb
            continue
        matcher = SequenceMatcher(None, a_keys, b_keys, autojunk=False)
        for block in matcher.get_matching_blocks():
            out.extend((a[block.a + k], b[block.b + k]) for k in range(block.size))
    return out


def _words(unit: Unit) -> Counter[str]:
    words: Counter[str] = Counter(t.text.lower() for t in unit.tokens if is_word(t.text))
    for note in unit.notes:
        words.update(t.text.lower() for t in note.tokens if is_word(t.text))
    return words


def similarity(a: Counter[str], b: Counter[str]) -> float:
    """Dice coefficient on word multisets: 1.0 for the same words, 0.0 for none shared."""
    total = sum(a.values()) + sum(b.values())
    if not total:
        return 1.0
    shared = sum((a & b).values())
    return 2.0 * shared / total


def align(old: list[Unit], new: list[Unit]) -> list[Match]:
    """Pair old and new units; unpaired old units are deleted, unpaired new units inserted."""
    # 1. anchors: stable ids, then texts unique on both sides
    old_ids = Counter(u.block_id for u in old if u.block_id)
    new_ids = Counter(u.block_id for u in new if u.block_id)
    old_by_id = {u.block_id: u.index for u in old if u.block_id and old_ids[u.block_id] == 1}
    candidates: dict[int, int] = {}
    used_old: set[int] = set()
    for unit in new:
        if unit.block_id and new_ids[unit.block_id] == 1 and unit.block_id in old_by_id:
            candidates[unit.index] = old_by_id[unit.block_id]
            used_old.add(old_by_id[unit.block_id])
    for i, j in _unique_pairs([u.key for u in old], [u.key for u in new], range(len(old)), range(len(new))):
        if j not in candidates and i not in used_old:
            candidates[j] = i
            used_old.add(i)
    pairs = [(i, j) for j, i in candidates.items()]
    anchors = lis_pairs(pairs)
    anchor_set = set(anchors)
    matches = [Match(i, j) for i, j in anchors]
    moves = [Match(i, j, moved=True) for i, j in pairs if (i, j) not in anchor_set]
    matched_old = {m.old for m in matches} | {m.old for m in moves}
    matched_new = {m.new for m in matches} | {m.new for m in moves}
    # 2. exact matches inside the gaps between anchors
    prev_i, prev_j = -1, -1
    for i, j in [*anchors, (len(old), len(new))]:
        gap_a = [k for k in range(prev_i + 1, i) if k not in matched_old]
        gap_b = [k for k in range(prev_j + 1, j) if k not in matched_new]
        if gap_a and gap_b:
            for a, b in _match_equal(old, new, gap_a, gap_b):
                matches.append(Match(a, b))
                matched_old.add(a)
                matched_new.add(b)
        prev_i, prev_j = i, j
    # 3. similar pairs among what is left
    matches.extend(_pair_similar(old, new, matches, matched_old, matched_new))
    return sorted(matches + moves, key=lambda m: (m.new, m.old))


def _pair_similar(old: list[Unit], new: list[Unit], in_order: list[Match], matched_old: set[int],
                  matched_new: set[int]) -> list[Match]:
    left_old = [u for u in old if u.index not in matched_old]
    left_new = [u for u in new if u.index not in matched_new]
    if not left_old or not left_new:
        return []
    spine = sorted((m.old, m.new) for m in in_order)
    spine_old = [p[0] for p in spine]
    spine_new = sorted(p[1] for p in spine)
    old_words = {u.index: _words(u) for u in left_old}
    postings: dict[str, list[int]] = defaultdict(list)
    for index, words in old_words.items():
        for word in words:
            postings[word].append(index)
    scored: list[tuple[float, int, int]] = []
    for unit in left_new:
        words = _words(unit)
        shared: Counter[int] = Counter()
        for word in words:
            posting = postings.get(word)
            if posting and len(posting) <= COMMON_WORD_POSTINGS:
                shared.update(posting)
        if not shared and len(left_old) <= COMMON_WORD_POSTINGS:
            shared.update({i: 1 for i in old_words})
        gap = bisect.bisect_left(spine_new, unit.index)
        lone = _lone_gap(gap, spine, len(old), len(new), matched_old, matched_new)
        for index, _count in shared.most_common(CANDIDATES):
            score = similarity(old_words[index], words)
            same_gap = bisect.bisect_left(spine_old, index) == gap
            threshold = (LONE_PAIR_SIMILARITY if lone else MODIFIED_SIMILARITY) if same_gap else MOVED_SIMILARITY
            if score >= threshold:
                scored.append((score, index, unit.index))
    scored.sort(key=lambda s: (-s[0], s[2], s[1]))
    accepted: list[Match] = []
    per_gap: dict[int, list[tuple[int, int]]] = defaultdict(list)
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    for score, i, j in scored:
        if i in taken_old or j in taken_new:
            continue
        gap = bisect.bisect_left(spine_new, j)
        in_order = bisect.bisect_left(spine_old, i) == gap and _fits(per_gap[gap], i, j)
        if in_order:
            bisect.insort(per_gap[gap], (i, j))
        elif score < MOVED_SIMILARITY:
            continue
        accepted.append(Match(i, j, moved=not in_order))
        taken_old.add(i)
        taken_new.add(j)
    return accepted


def _lone_gap(gap: int, spine: list[tuple[int, int]], n_old: int, n_new: int, matched_old: set[int],
              matched_new: set[int]) -> bool:
    """Whether gap number ``gap`` holds exactly one unmatched old and one unmatched new unit."""
    lo_i, lo_j = spine[gap - 1] if gap > 0 else (-1, -1)
    hi_i, hi_j = spine[gap] if gap < len(spine) else (n_old, n_new)
    olds = sum(1 for k in range(lo_i + 1, hi_i) if k not in matched_old) if hi_i - lo_i < 64 else 2
    news = sum(1 for k in range(lo_j + 1, hi_j) if k not in matched_new) if hi_j - lo_j < 64 else 2
    return olds == 1 and news == 1


def _fits(pairs: list[tuple[int, int]], i: int, j: int) -> bool:
    """Whether ``(i, j)`` keeps the sorted in-order pairs of one gap increasing in both indexes."""
    k = bisect.bisect_left(pairs, (i, j))
    if k > 0 and pairs[k - 1][1] >= j:
        return False
    return not (k < len(pairs) and pairs[k][1] <= j)
