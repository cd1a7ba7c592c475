"""The gap between an ask and the compact's agreed language, as the brief shows it.

A negotiator needs more than "cf. GCM para 23": a wrong reference read out in a room is worse
than none. So every entry carries a **gap label** from the trace (the compact says it: same;
says it weaker; stronger; in part; not at all), whether a curator confirmed it, the best unit
of the compact, and for the side-by-side view the compact's wording with the words that differ
from the ask marked.

The label and references come from ``clause.gcm`` (TRACE's ``GcmLink``: ``gap``, ``refs`` best
first, ``confirmed``). :func:`_link_gap` is the one place that also understands the older
``strength`` field; it goes when every library in use carries ``gap``.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache

from composer.library.models import Clause

GAPS = ("same", "weaker", "stronger", "partial", "none")
#: How close an ask is to agreed language, for choosing a position's representative link.
_CLOSENESS = {"same": 0, "partial": 1, "weaker": 2, "stronger": 3, "none": 4}
_WORD = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")


@dataclass(frozen=True)
class AgreedWording:
    """The compact's wording of one unit as segments of its own text; a segment is marked
    (``True``) where its words are absent from the ask. Joined, the segments give the text."""

    ref: str
    segments: tuple[tuple[str, bool], ...]

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.segments)


@dataclass(frozen=True)
class Gap:
    """One entry's gap to the compact: label, confirmation, best reference first."""

    label: str
    confirmed: bool
    refs: tuple[str, ...] = ()

    @property
    def ref(self) -> str | None:
        return self.refs[0] if self.refs else None


def _link_gap(clause: Clause) -> str | None:
    """The clause's gap label, or None when it was never traced (old ``strength``: related = partial)."""
    link = clause.gcm
    if link is None:
        return None
    gap = getattr(link, "gap", None)
    if gap is not None:
        return gap
    return {"same": "same", "related": "partial", "none": "none"}.get(getattr(link, "strength", ""))


def clause_gap(clause: Clause) -> Gap | None:
    """The gap of one clause, or None when it has no trace."""
    label = _link_gap(clause)
    if label is None:
        return None
    refs = tuple(clause.gcm.refs) if label != "none" else ()
    if label != "none" and not refs:
        return None
    return Gap(label, bool(clause.gcm.confirmed), refs)


def position_gap(members: list[Clause]) -> Gap | None:
    """The gap of a position: a curator's confirmed link first, else the member closest to agreed language.

    Members of one position make the same ask, so their links should agree; where the automatic
    trace differs between them, the confirmed one wins, and among unconfirmed ones the closest
    (a "same" found for one wording holds for the ask).
    """
    gaps = [g for g in (clause_gap(c) for c in members) if g is not None]
    if not gaps:
        return None
    return min(gaps, key=lambda g: (not g.confirmed, _CLOSENESS[g.label]))


@cache
def _compact():
    """The adopted compact (None if the trace stage is not installed: agreed language is optional)."""
    try:
        from composer.trace.compact import load_compact
    except ImportError:  # pragma: no cover - the trace stage ships with the package
        return None
    return load_compact()


def without_chapeau(text: str) -> str:
    """A commitment alone: the compact's "To realize this commitment, ..." lead-in is dropped."""
    cut = text.find("To realize this commitment")
    return text[:cut].rstrip() if cut > 0 else text


def agreed_text(ref: str) -> str | None:
    """The compact's own wording of ``ref`` (None if unknown)."""
    compact = _compact()
    if compact is None:
        return None
    try:
        return without_chapeau(compact.unit(ref).text)
    except Exception:  # a stale reference in an old trace: show no wording rather than a wrong one
        return None


def agreed_wording(ask: str, ref: str) -> AgreedWording | None:
    """The compact's wording of ``ref`` with the words the ask does not share marked.

    Word level, case-insensitive, as a negotiator compares two texts side by side; punctuation
    is never marked.
    """
    text = agreed_text(ref)
    if text is None:
        return None
    found = list(_WORD.finditer(text))
    theirs = [m.group().casefold() for m in found]
    ours = [w.casefold() for w in _WORD.findall(ask)]
    marks = [True] * len(found)
    matcher = difflib.SequenceMatcher(a=theirs, b=ours, autojunk=False)
    for block in matcher.get_matching_blocks():
        for i in range(block.a, block.a + block.size):
            marks[i] = False
    shared = set(ours)
    segments: list[tuple[str, bool]] = []
    last = 0
    for match, mark in zip(found, marks, strict=True):
        differs = mark and match.group().casefold() not in shared and match.group()[0].isalnum()
        piece = text[last : match.end()]
        if segments and segments[-1][1] == differs:
            segments[-1] = (segments[-1][0] + piece, differs)
        elif differs and piece[:1].isspace():
            gap = len(piece) - len(piece.lstrip())
            _append(segments, piece[:gap], False)
            segments.append((piece[gap:], True))
        else:
            segments.append((piece, differs))
        last = match.end()
    _append(segments, text[last:], False)
    return AgreedWording(ref, tuple(segments))


def _append(segments: list[tuple[str, bool]], piece: str, differs: bool) -> None:
    if not piece:
        return
    if segments and segments[-1][1] == differs:
        segments[-1] = (segments[-1][0] + piece, differs)
    else:
        segments.append((piece, differs))


def excerpt(text: str, limit: int) -> str:
    """``text`` cut at a word boundary near ``limit`` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit].rstrip(",;:") + "\u2026"
