"""The gap between an ask and the compact's agreed language, as the brief shows it.

A negotiator needs more than "cf. GCM para 23": a wrong reference read out in a room is worse
than none. So every entry carries a **gap label** from the trace (the compact says it: same;
says it weaker; stronger; in part; not at all), whether a curator confirmed it, the best unit
of the compact, and for the side-by-side view the compact's wording with the words that differ
from the ask marked.

The label and references come from ``clause.gcm`` (the trace's ``GcmLink``: ``gap``, ``refs``
best first, ``confirmed``); the marked wording from the trace's side-by-side comparison
(:func:`composer.trace.sidebyside.side_by_side`), so the brief and ``compose trace`` mark the
same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from composer.library.models import Clause

GAPS = ("same", "weaker", "stronger", "partial", "none")
#: How close an ask is to agreed language, for choosing a position's representative link.
_CLOSENESS = {"same": 0, "partial": 1, "weaker": 2, "stronger": 3, "none": 4}


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


def clause_gap(clause: Clause) -> Gap | None:
    """The gap of one clause, or None when it has no trace (or a label without a reference)."""
    link = clause.gcm
    if link is None:
        return None
    refs = tuple(link.refs) if link.gap != "none" else ()
    if link.gap != "none" and not refs:
        return None
    return Gap(link.gap, bool(link.confirmed), refs)


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


def agreed_wording(ask: str, ref: str, gap: str = "partial") -> AgreedWording | None:
    """The compact's wording of ``ref`` with the words the ask does not share marked (the trace's
    side-by-side comparison, by stems, function words never marked alone); None if ``ref`` is unknown."""
    try:
        from composer.trace.sidebyside import side_by_side

        view = side_by_side(ask, ref, gap)
    except Exception:  # a stale reference in an old trace: show no wording rather than a wrong one
        return None
    text = without_chapeau("".join(run.text for run in view.agreed))
    segments: list[tuple[str, bool]] = []
    used = 0
    for run in view.agreed:
        if used >= len(text):
            break
        piece = run.text[: len(text) - used]
        used += len(run.text)
        segments.append((piece, run.differs))
    return AgreedWording(view.ref, tuple(segments))


def closest_window(segments: tuple[tuple[str, bool], ...], limit: int) -> tuple[tuple[tuple[str, bool], ...], bool, bool]:
    """The stretch of at most ``limit`` characters of a marked wording that shares most with the ask.

    Why: a long unit ("29(h): Protect and respect the rights ... working to end the practice of
    child detention ...") cut at its start can hide the very words that answer the ask. The
    window starts at the beginning of a segment the ask shares (or of the text) and ends at a
    word boundary; it is chosen by the characters it shares with the ask, the earliest on a tie.
    Returns the window's segments and whether text was left out before and after it.
    """
    total = sum(len(text) for text, _ in segments)
    if total <= limit:
        return segments, False, False
    starts = [0] + [i for i, (_, differs) in enumerate(segments) if not differs and i > 0]
    best: tuple[int, int] | None = None
    for start in starts:
        used = shared = 0
        for text, differs in segments[start:]:
            take = min(len(text), limit - used)
            if take <= 0:
                break
            used += take
            shared += 0 if differs else take
        if best is None or shared > best[1]:
            best = (start, shared)
    start = best[0] if best else 0
    window: list[tuple[str, bool]] = []
    used = 0
    cut_after = False
    for index, (text, differs) in enumerate(segments[start:], start=start):
        if used + len(text) > limit:
            cut = text.rfind(" ", 0, max(limit - used, 0))
            piece = text[:cut].rstrip(" ,;:") if cut > 0 else ""
            if piece:
                window.append((piece, differs))
            cut_after = True
            break
        used += len(text)
        window.append((text.lstrip() if index == start else text, differs))
    return tuple(window), start > 0, cut_after


def excerpt(text: str, limit: int) -> str:
    """``text`` cut at a word boundary near ``limit`` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit].rstrip(",;:") + "\u2026"
