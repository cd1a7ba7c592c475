"""The two wordings side by side: what the clause asks and the compact's agreed language.

For a ``weaker`` or ``stronger`` link a reader needs to see *where* the wordings part ("ban" /
"working to end"), so each side comes as runs of words, each run marked as shared with the
other side or not. Words are compared on their stems, so "detaining" meets "detention" only if
they share a stem, and function words never count as a difference on their own.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from composer.library.models import Clause, GcmLink, Position
from composer.trace.compact import Compact, load_compact
from composer.trace.tokens import STOP_WORDS, stem

_TOKEN = re.compile(r"\w[\w'’\-]*|[^\w\s]+|\s+")


@dataclass(frozen=True)
class Run:
    """A stretch of text; ``differs`` when its words are not on the other side."""

    text: str
    differs: bool


@dataclass(frozen=True)
class SideBySide:
    """The clause's wording and the compact unit's, each as marked runs, with the gap label."""

    ref: str
    gap: str
    ask: tuple[Run, ...]
    agreed: tuple[Run, ...]
    why: str | None = None

    @property
    def agreed_text(self) -> str:
        return "".join(r.text for r in self.agreed)

    def differing(self, side: str = "agreed") -> list[str]:
        """The marked words of one side (``ask`` or ``agreed``), in order."""
        runs = self.agreed if side == "agreed" else self.ask
        return [w for r in runs if r.differs for w in re.findall(r"\w[\w'’\-]*", r.text) if _key(w)]


def _key(token: str) -> str | None:
    """A word's comparison key (its stem); None for spaces, punctuation and function words."""
    if not token.strip() or not re.match(r"\w", token):
        return None
    lowered = token.lower().replace("’", "'")
    return None if lowered in STOP_WORDS else stem(lowered)


def _runs(tokens: list[str], keys: list[str | None], shared: set[int]) -> tuple[Run, ...]:
    """Merge tokens into runs; a space or function word is marked only between two marked words,
    so a mark covers "working to end" but never a trailing space."""
    status = [keys[i] is not None and i not in shared for i in range(len(tokens))]
    words = [i for i, k in enumerate(keys) if k is not None]
    for index, key in enumerate(keys):
        if key is None:
            before = [w for w in words if w < index]
            after = [w for w in words if w > index]
            status[index] = bool(before and after and status[before[-1]] and status[after[0]])
    runs: list[Run] = []
    for token, differs in zip(tokens, status, strict=True):
        if runs and runs[-1].differs == differs:
            runs[-1] = Run(runs[-1].text + token, differs)
        else:
            runs.append(Run(token, differs))
    return tuple(runs)


def compare_wordings(ask: str, agreed: str) -> tuple[tuple[Run, ...], tuple[Run, ...]]:
    """Both wordings as runs, marking words (by stem) that the other side does not have in sequence."""
    a_tokens, b_tokens = _TOKEN.findall(ask), _TOKEN.findall(agreed)
    a_keys, b_keys = [_key(t) for t in a_tokens], [_key(t) for t in b_tokens]
    a_idx = [i for i, k in enumerate(a_keys) if k]
    b_idx = [i for i, k in enumerate(b_keys) if k]
    matcher = difflib.SequenceMatcher(None, [a_keys[i] for i in a_idx], [b_keys[i] for i in b_idx], autojunk=False)
    a_shared: set[int] = set()
    b_shared: set[int] = set()
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            a_shared.add(a_idx[block.a + offset])
            b_shared.add(b_idx[block.b + offset])
    # words shared out of order are shared all the same: only wording absent from the other side is marked
    a_set = {a_keys[i] for i in a_idx}
    b_set = {b_keys[i] for i in b_idx}
    a_shared |= {i for i in a_idx if a_keys[i] in b_set}
    b_shared |= {i for i in b_idx if b_keys[i] in a_set}
    return _runs(a_tokens, a_keys, a_shared), _runs(b_tokens, b_keys, b_shared)


def side_by_side(ask: str, ref: str, gap: str, why: str | None = None, compact: Compact | None = None) -> SideBySide:
    """The compact's wording of ``ref`` beside ``ask`` (a clause's or a position's wording)."""
    unit = (compact or load_compact()).unit(ref)
    ask_runs, agreed_runs = compare_wordings(ask, unit.text.splitlines()[0])
    return SideBySide(unit.ref, gap, ask_runs, agreed_runs, why)


def clause_side_by_side(clause: Clause, compact: Compact | None = None) -> SideBySide | None:
    """For a traced clause: its operative wording beside its best unit; None if it has no unit."""
    link = clause.gcm
    if link is None or link.gap == "none" or not link.refs:
        return None
    return side_by_side(clause.operative_text, link.refs[0], link.gap, link.why, compact)


def position_link(position: Position, clauses: dict[str, Clause]) -> GcmLink | None:
    """The link that speaks for a position: a member's confirmed link first (members in order),
    else the first member's computed link; None if no member has a unit."""
    links = [clauses[m].gcm for m in position.members if m in clauses and clauses[m].gcm is not None]
    usable = [link for link in links if link is not None and link.gap != "none" and link.refs]
    confirmed = [link for link in usable if link.confirmed]
    return (confirmed or usable or [None])[0]


def position_side_by_side(position: Position, clauses: dict[str, Clause], compact: Compact | None = None) -> SideBySide | None:
    """For a position: its consolidated wording beside the best unit of its members' link."""
    link = position_link(position, clauses)
    if link is None:
        return None
    return side_by_side(position.wording, link.refs[0], link.gap, link.why, compact)
