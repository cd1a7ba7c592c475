"""Gap labels: what the compact commits to, against what a clause asks (docs/trace-labels.md).

Word overlap says whether the compact talks about the same thing; it cannot say whether it
commits to it. So the label is judged in steps, each with a reason a curator can check:

1. ``none`` for process remarks about the consultations, and when no unit covers enough of
   the clause's words to be talking about the same object (``coverage``, from the matcher);
2. ``partial`` for guiding questions and bare topic mentions (never ``same``), for an ask that
   names an instrument, body or place the compact never names, and for an ask the best unit
   covers only in part;
3. otherwise the force of the ask's verb against the force of the unit's verb, read from the
   curated commitment ladder (``composer/data/gcm-ladder.yaml``, a drafting convention, not an
   official UN ranking): ``weaker`` when the compact commits clearly less ("ban" vs "working to
   end"; "ensure" vs "consider"), ``stronger`` when clearly more, else ``same``.

The thresholds are :class:`GapSettings`, calibrated on the calibration split only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

from composer.library.yamlio import safe_load
from composer.trace.tokens import stem

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|[A-Za-z]")
_NEGATOR = re.compile(r"\b(?:no|not|never|without|nor|neither)\b|n't\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.;:])\s")
_ACRONYM = re.compile(r"\b[A-Z]{2,}[a-z]?\b")
_PROPER = re.compile(r"(?<![.:;!?]\s)(?<!^)\b([A-Z][a-z]{2,}(?:\s+(?:of\s+)?[A-Z][a-z]+)*)")


def ladder_words(text: str) -> list[str]:
    """Lower-case stems of every word (stop words kept: "work to end" needs its "to")."""
    return list(_ladder_words(text))


@lru_cache(maxsize=8192)
def _ladder_words(text: str) -> tuple[str, ...]:
    return tuple(stem(w.lower().strip("'-")) for w in _WORD.findall(text.replace("’", "'")))


@dataclass(frozen=True)
class Force:
    """How firmly a text commits: the ladder level of its first commitment verb (0 = none found)."""

    level: int
    phrase: str | None
    qualified: bool = False

    @property
    def effective(self) -> int:
        """The level after softening wording ("as appropriate") takes one step off."""
        return max(self.level - (1 if self.qualified else 0), 0)


@dataclass(frozen=True)
class Ladder:
    """The commitment ladder and the phrase lists of the gap rules, read from the data file."""

    phrases: tuple[tuple[tuple[str, ...], int, str], ...]
    qualifiers: tuple[tuple[str, ...], ...]
    openings: tuple[tuple[str, ...], ...]
    process_remarks: tuple[str, ...]
    why: dict[str, str]
    names: dict[int, str] = field(default_factory=dict)
    by_first: dict[str, tuple[tuple[tuple[str, ...], int, str], ...]] = field(default_factory=dict)
    conditions: tuple[tuple[str, ...], ...] = ()

    def conditions_in(self, text: str) -> int:
        """How many distinct condition phrases of the data file's ``conditions`` ``text`` carries
        ("in accordance with national legislation", "taking into consideration" ...)."""
        joined = f" {' '.join(ladder_words(text))} "
        return sum(f" {' '.join(c)} " in joined for c in self.conditions)

    def phrase_at(self, stems: list[str], index: int) -> tuple[tuple[str, ...], int, str] | None:
        """The longest ladder phrase starting at ``stems[index]`` (None if there is none)."""
        for phrase, level, written in self.by_first.get(stems[index], ()):
            if tuple(stems[index : index + len(phrase)]) == phrase:
                return phrase, level, written
        return None

    def level_of(self, phrase: str) -> int:
        """The level of one verb or phrase as written in the ladder (0 if it is not there)."""
        wanted = tuple(ladder_words(phrase))
        return next((level for stems, level, _ in self.phrases if stems == wanted), 0)

    def force(self, text: str) -> Force:
        """The force of ``text``: its first ladder phrase (longest at a position), in its first sentence."""
        sentence = _SENTENCE_END.split(text.strip(), maxsplit=1)[0] if text.strip() else ""
        stems = ladder_words(sentence)
        start = _skip_openings(stems, self.openings)
        joined = f" {' '.join(stems)} "
        qualified = any(f" {' '.join(q)} " in joined for q in self.qualifiers)
        for index in range(start, len(stems)):
            found = self.phrase_at(stems, index)
            if found is not None:
                return Force(found[1], found[2], qualified)
        return Force(0, None, qualified)

    def force_near(self, text: str, object_stems: set[str], window: int = 4, reach: int = 14) -> Force:
        """The force of the verb that governs the ask's object inside ``text``.

        A long unit has many verbs: para 29(h) opens with "Protect" but commits on child
        detention with "working to end the practice". So the object's place is the window of
        ``window`` words holding most of ``object_stems``; the verb is the last ladder phrase
        starting within ``reach`` words before it (the first sentence's verb if there is none).
        """
        stems = ladder_words(text)
        if not object_stems or not stems:
            return self.force(text)
        best, where = 0, -1
        for index in range(len(stems)):
            hits = len(set(stems[index : index + window]) & object_stems)
            if hits > best:
                best, where = hits, index
        if where < 0:
            return self.force(text)
        joined = f" {' '.join(stems[max(where - reach, 0) : where + reach])} "
        qualified = any(f" {' '.join(q)} " in joined for q in self.qualifiers)
        found: Force | None = None
        index = max(where - reach, 0)
        while index <= where:
            match = self.phrase_at(stems, index)
            if match is not None and not _is_opening_at(stems, index, self.openings):
                found = Force(match[1], match[2], qualified)
                index += len(match[0])
            else:
                index += 1
        return found or self.force(text)

    def is_process_remark(self, text: str) -> bool:
        lowered = " ".join(text.lower().split())
        return any(p in lowered for p in self.process_remarks)


def _contains(stems: list[str], phrase: tuple[str, ...]) -> bool:
    return f" {' '.join(phrase)} " in f" {' '.join(stems)} "


def _is_opening_at(stems: list[str], index: int, openings: tuple[tuple[str, ...], ...]) -> bool:
    """True when the phrase at ``index`` is the "commit" of a "We commit to" opening."""
    return any(
        tuple(stems[start : start + len(o)]) == o
        for o in openings
        for start in range(max(index - len(o) + 1, 0), index + 1)
    )


def _skip_openings(stems: list[str], openings: tuple[tuple[str, ...], ...]) -> int:
    """Index after a leading "We commit to" / "We further commit to" (they carry no force here)."""
    for opening in openings:
        if tuple(stems[: len(opening)]) == opening:
            return len(opening)
    return 0


@cache
def load_ladder() -> Ladder:
    """The vendored ladder, parsed once (longest phrases first, so "work to end" beats "end")."""
    raw = safe_load(resources.files("composer.data").joinpath("gcm-ladder.yaml").read_text("utf-8"))
    phrases: list[tuple[tuple[str, ...], int, str]] = []
    names: dict[int, str] = {}
    for level, entry in raw["levels"].items():
        names[int(level)] = str(entry["name"])
        for verb in entry["verbs"]:
            phrases.append((tuple(ladder_words(str(verb))), int(level), str(verb)))
    phrases.sort(key=lambda p: (-len(p[0]), -p[1]))
    by_first: dict[str, list[tuple[tuple[str, ...], int, str]]] = {}
    for entry in phrases:
        by_first.setdefault(entry[0][0], []).append(entry)
    return Ladder(
        phrases=tuple(phrases),
        qualifiers=tuple(tuple(ladder_words(str(q))) for q in raw.get("qualifiers", [])),
        openings=tuple(tuple(ladder_words(str(o))) for o in raw.get("skip_openings", [])),
        process_remarks=tuple(" ".join(str(p).lower().split()) for p in raw.get("process_remarks", [])),
        why={str(k): str(v) for k, v in raw.get("why", {}).items()},
        names=names,
        by_first={k: tuple(v) for k, v in by_first.items()},
        conditions=tuple(tuple(ladder_words(str(c))) for c in raw.get("conditions", [])),
    )


@dataclass(frozen=True)
class GapSettings:
    """Thresholds of the gap rules (calibrated on the calibration split, never on held-out labels).

    ``none_below``: coverage under which no unit takes the clause up; ``partial_below``: coverage
    under which the best unit carries only part of it; ``force_margin`` (``stronger_margin``):
    ladder steps the compact must fall below (rise above) the ask for ``weaker`` (``stronger``); ``mention_words``: a clause with no
    commitment verb and at most this many content words is a bare topic mention.
    """

    none_below: float = 0.1
    partial_below: float = 0.1
    force_margin: int = 3
    stronger_margin: int = 4
    mention_words: int = 6
    names: bool = True
    learned: bool = True  # the learned labeller (composer/data/gcm-gap-model.yaml) over these rules, when fitted


@dataclass(frozen=True)
class Ask:
    """What the gap rules need to know about a clause."""

    text: str
    kind: str
    wording: str  # the operative wording (draft text if curated), whose verb is the ask's force


@dataclass(frozen=True)
class Judgement:
    gap: str
    why: str | None


def specific_names(text: str) -> list[str]:
    """Acronyms and capitalised names inside a sentence (not its first word): CMW, African Union."""
    found: list[str] = []
    for match in _ACRONYM.finditer(text):
        found.append(match.group(0))
    for match in _PROPER.finditer(text):
        if match.start() > 0:
            found.append(match.group(1))
    return list(dict.fromkeys(found))


def negated_stems(text: str) -> set[str]:
    """Stems in the scope of a negation (up to three words after "no", "not", "without" ...)."""
    out: set[str] = set()
    for match in _NEGATOR.finditer(text):
        tail = ladder_words(text[match.end() :])[:3]
        out.update(tail)
    return out


@dataclass(frozen=True)
class JudgedParts:
    """The rule's judgement with the forces it read (for the learned labeller's features)."""

    judgement: Judgement
    ask_force: Force
    unit_force: Force | None


def judge(
    ask: Ask,
    unit_ref: str | None,
    unit_text: str | None,
    coverage: float,
    missing: list[str],
    compact_text: str,
    settings: GapSettings | None = None,
    ladder: Ladder | None = None,
) -> Judgement:
    """The gap label for ``ask`` against its best unit (``coverage``: share of the ask's weighted
    words the unit carries; ``missing``: the ask's salient words the unit lacks)."""
    return judge_parts(ask, unit_ref, unit_text, coverage, missing, compact_text, settings, ladder).judgement


def judge_parts(
    ask: Ask,
    unit_ref: str | None,
    unit_text: str | None,
    coverage: float,
    missing: list[str],
    compact_text: str,
    settings: GapSettings | None = None,
    ladder: Ladder | None = None,
) -> JudgedParts:
    """:func:`judge`, also returning the ladder force of the ask and of the unit's governing verb."""
    settings = settings or GapSettings()
    ladder = ladder or load_ladder()
    why = ladder.why
    ask_force = ladder.force(ask.wording)
    unit_force: Force | None = None
    if unit_text is not None:
        objects = {w for w in ladder_words(ask.wording) if len(w) > 3 and ladder.level_of(w) == 0}
        unit_force = ladder.force_near(unit_text, objects)

    def out(gap: str, reason: str | None) -> JudgedParts:
        return JudgedParts(Judgement(gap, reason), ask_force, unit_force)

    if ladder.is_process_remark(ask.wording) and ask.kind != "guiding_question":
        return out("none", why.get("none_process"))
    if unit_text is None or unit_ref is None or unit_force is None or coverage < settings.none_below:
        return out("none", why.get("none_far"))
    ref = unit_ref
    if ask.kind == "guiding_question":
        return out("partial", why.get("partial_question", "").format(ref=ref))
    content = [w for w in ladder_words(ask.wording) if len(w) > 2]
    if ask_force.level == 0 and len(content) <= settings.mention_words:
        return out("partial", why.get("partial_mention", "").format(ref=ref))
    absent = [n for n in specific_names(ask.wording) if n.lower() not in lowered(compact_text)] if settings.names else []
    if absent:
        return out("partial", why.get("partial_names", "").format(names=", ".join(absent), ref=ref))
    if coverage < settings.partial_below:
        shown = ", ".join(missing[:4]) or "its object"
        return out("partial", why.get("partial_cover", "").format(ref=ref, missing=shown))
    ask_level, unit_level = ask_force.effective, unit_force.effective
    if ask_level and unit_level:
        if ask_level - unit_level >= settings.force_margin:
            return out(
                "weaker",
                why.get("weaker", "").format(ask_verb=ask_force.phrase, ref=ref, compact_verb=_verb_shown(unit_force)),
            )
        if unit_level - ask_level >= settings.stronger_margin:
            return out(
                "stronger",
                why.get("stronger", "").format(ask_verb=ask_force.phrase, ref=ref, compact_verb=_verb_shown(unit_force)),
            )
    return out("same", None)


@cache
def lowered(text: str) -> str:
    """``text`` lower-cased, once per text (the compact's whole text is lowered for every clause)."""
    return text.lower()


def _verb_shown(force: Force) -> str:
    return f"{force.phrase}{' (qualified)' if force.qualified else ''}"
