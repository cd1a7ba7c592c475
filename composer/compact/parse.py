"""The adopted compact (A/RES/73/195) as addressable units: paragraphs 1-54, actions, sub-items.

The vendored text (``composer/data/gcm-a-res-73-195.txt``) has one paragraph per line. The
resolution's own paragraphs come first; the compact is its annex. Inside the annex:

* ``N. text`` starts paragraph N, but only if N is the next number: the list of the 23
  objectives inside paragraph 16 ("1. Collect ...") is out of sequence and so stays part of it;
* ``(x) text`` is a lettered action if x is the next letter of the paragraph, else (``(i)``
  after ``(a)``) a numbered sub-item of the current action, as in paragraphs 43 and 49;
* ``Objective N: title`` heads the commitment paragraph that follows it directly;
* a line ending in ``:`` continues the current paragraph ("To realize this commitment, we will
  draw from the following actions:"); any other line is a heading.

Footnote markers glued to words are removed on the way (see :mod:`composer.trace.footnotes`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from composer.compact import COMPACT_SYMBOL
from composer.compact.footnotes import FootnoteStripper
from composer.compact.refs import CompactReferenceError, UnitRef, parse_ref
from composer.errors import ComposerError
from composer.model.walk import action_letter

COMPACT_FILE = "gcm-a-res-73-195.txt"

_PARA = re.compile(r"^(?P<number>\d{1,2})\.\s+(?P<text>.+)$")
_ITEM = re.compile(r"^\((?P<label>[a-z]{1,2}|[ivxl]{1,6})\)\s+(?P<text>.+)$")
_OBJECTIVE = re.compile(r"^Objective\s+(?P<number>\d{1,2})\s*:\s*(?P<title>.+)$")
_ROMAN = re.compile(r"^[ivxl]+$")


class CompactFormatError(ComposerError):
    """The compact text does not have the structure the parser relies on."""


@dataclass(frozen=True)
class CompactUnit:
    """One citable unit: a whole paragraph, a lettered action, or a numbered sub-item.

    ``text`` is the unit's own wording (a paragraph's text without its actions), footnote markers
    removed. ``objective`` is set for the commitment paragraphs 17-39 and their actions.
    """

    ref: str
    text: str
    paragraph: int
    letter: str | None = None
    sub: str | None = None
    objective: int | None = None
    heading: str | None = None
    group: str | None = None

    @property
    def address(self) -> UnitRef:
        return UnitRef(self.paragraph, self.letter, self.sub)

    @property
    def is_paragraph(self) -> bool:
        return self.letter is None


@dataclass(frozen=True)
class Objective:
    """An objective as the compact states it: number, title and its commitment paragraph."""

    number: int
    title: str
    paragraph: int


@dataclass
class Compact:
    """The annex of A/RES/73/195: its units in document order, and lookups by reference."""

    title: str
    preamble: str
    units: list[CompactUnit]
    objectives: dict[int, Objective]
    _by_ref: dict[UnitRef, CompactUnit] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_ref = {unit.address: unit for unit in self.units}

    @property
    def paragraph_numbers(self) -> list[int]:
        return [u.paragraph for u in self.units if u.is_paragraph]

    def unit(self, ref: str) -> CompactUnit:
        """The unit named by ``ref`` (``"para 29(h)"``, ``"para 15"``); CompactReferenceError if none."""
        address = parse_ref(ref)
        found = self._by_ref.get(address)
        if found is not None:
            return found
        numbers = self.paragraph_numbers
        if address.paragraph not in numbers:
            raise CompactReferenceError(
                f"the compact has no {address}: its paragraphs are numbered {numbers[0]}-{numbers[-1]}"
            )
        letters = [u.letter for u in self.children(UnitRef(address.paragraph)) if u.sub is None]
        if address.sub and address.letter in letters:
            subs = [u.sub for u in self.children(UnitRef(address.paragraph, address.letter))]
            have = f"has items ({'), ('.join(s for s in subs if s)})" if subs else "has no numbered items"
            raise CompactReferenceError(f"the compact has no {address}: {UnitRef(address.paragraph, address.letter)} {have}")
        have = f"has actions ({letters[0]})-({letters[-1]})" if letters else "has no lettered actions"
        raise CompactReferenceError(f"the compact has no {address}: para {address.paragraph} {have}")

    def children(self, ref: UnitRef) -> list[CompactUnit]:
        """Units directly inside ``ref``: a paragraph's actions, an action's sub-items."""
        return [u for u in self.units if u.address.parent == ref]

    def descendants(self, ref: UnitRef) -> list[CompactUnit]:
        """Every unit inside ``ref`` (not ``ref`` itself), in document order."""
        return [u for u in self.units if u.address != ref and u.address.within(ref)]

    def objective(self, number: int) -> Objective:
        try:
            return self.objectives[number]
        except KeyError:
            raise CompactReferenceError(
                f"the compact has no objective {number}: its objectives are 1-{max(self.objectives)}"
            ) from None

    def commitment(self, objective: int) -> CompactUnit:
        """The objective's commitment paragraph ("We commit to ..."), as agreed language."""
        return self._by_ref[UnitRef(self.objective(objective).paragraph)]

    def actions(self, objective: int) -> list[CompactUnit]:
        """The lettered actions under the objective's commitment, in order."""
        return [u for u in self.children(UnitRef(self.objective(objective).paragraph)) if u.sub is None]


# ---------------------------------------------------------------- parsing


@dataclass
class _Builder:
    """Mutable state while reading the annex line by line."""

    footnotes: FootnoteStripper = field(default_factory=FootnoteStripper)
    units: list[dict] = field(default_factory=list)
    objectives: dict[int, Objective] = field(default_factory=dict)
    heading: str | None = None
    group: str | None = None
    pending_objective: tuple[int, str] | None = None
    paragraph: dict | None = None
    letters: list[str] = field(default_factory=list)
    current_letter: str | None = None

    def start_paragraph(self, number: int, text: str) -> None:
        objective = None
        if self.pending_objective is not None:
            objective, title = self.pending_objective
            self.objectives[objective] = Objective(objective, title, number)
        self.pending_objective = None
        self.group = None
        self.letters = []
        self.current_letter = None
        self.paragraph = self._add(number, None, None, objective, text)

    def add_item(self, label: str, text: str, line_no: int) -> None:
        if self.paragraph is None:
            raise CompactFormatError(f"{COMPACT_FILE}:{line_no}: item ({label}) before any numbered paragraph")
        number, objective = self.paragraph["paragraph"], self.paragraph["objective"]
        if label == action_letter(len(self.letters)):
            self.letters.append(label)
            self.current_letter = label
            self._add(number, label, None, objective, text)
        elif _ROMAN.match(label) and self.current_letter is not None:
            self._add(number, self.current_letter, label, objective, text)
        else:
            expected = action_letter(len(self.letters))
            raise CompactFormatError(f"{COMPACT_FILE}:{line_no}: item ({label}) in para {number}, expected ({expected})")

    def continue_last(self, text: str) -> None:
        """Append a line to the unit read last (a chapeau tail, a list inside a paragraph)."""
        last = self.units[-1]
        last["text"] = f"{last['text']}\n{text}"

    def _add(self, number: int, letter: str | None, sub: str | None, objective: int | None, text: str) -> dict:
        unit = {
            "ref": str(UnitRef(number, letter, sub)),
            "text": self.footnotes.clean(text),
            "paragraph": number,
            "letter": letter,
            "sub": sub,
            "objective": objective,
            "heading": self.heading,
            "group": self.group if letter else None,
        }
        self.units.append(unit)
        return unit


_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl"})


def parse_compact(text: str) -> Compact:
    """Parse the resolution text into a :class:`Compact`; CompactFormatError if it is not one.

    Typographic ligatures left by PDF extraction ("Conﬂict") are spelled out, so that the
    units read and match as plain words.
    """
    lines = text.translate(_LIGATURES).splitlines()
    try:
        start = next(i for i, line in enumerate(lines) if line.strip() == "Annex")
    except StopIteration:
        raise CompactFormatError(f"{COMPACT_FILE}: no 'Annex' line: this is not the text of {COMPACT_SYMBOL}") from None
    body = [(i + 1, line.strip()) for i, line in enumerate(lines[start + 1 :], start + 1) if line.strip()]
    if len(body) < 2:
        raise CompactFormatError(f"{COMPACT_FILE}: the annex is empty")
    title, preamble = body[0][1], ""
    build = _Builder()
    pending: str | None = None  # a heading line, placed once we see what follows it
    nested: int | None = None  # next number of a numbered list inside a paragraph
    for line_no, line in body[1:]:
        para = _PARA.match(line)
        item = _ITEM.match(line)
        objective = _OBJECTIVE.match(line)
        expected = (build.paragraph["paragraph"] + 1) if build.paragraph else 1
        number = int(para.group("number")) if para else None
        if para and build.paragraph is not None and number == (nested or 1) and (nested or number != expected):
            # a numbered list inside a paragraph (para 16 lists the 23 objectives): 1, 2, ... restart
            nested = (number or 0) + 1
            if pending:
                build.continue_last(pending)
            build.continue_last(line)
        elif para and number == expected:
            build.heading = pending or build.heading
            build.start_paragraph(expected, para.group("text"))
        elif objective:
            build.pending_objective = (int(objective.group("number")), objective.group("title").strip())
            pending = line
            continue
        elif build.paragraph is None:
            if _is_heading(line):
                pending = line
                continue
            preamble = f"{preamble}\n{build.footnotes.clean(line)}".strip()
        elif item:
            build.group = pending or build.group
            build.add_item(item.group("label"), item.group("text"), line_no)
        elif _is_heading(line):
            pending = line
            continue
        else:
            build.continue_last(build.footnotes.clean(line))
        pending = None
        if not (para and nested == (number or 0) + 1):
            nested = None
    units = [CompactUnit(**u) for u in build.units]
    _check_structure(units, build.objectives)
    return Compact(title, preamble, units, build.objectives)


def _is_heading(line: str) -> bool:
    """A heading is a short line that does not end like a sentence or a chapeau."""
    return not line.endswith((":", ";", ".", ",")) and len(line) < 200


def _check_structure(units: list[CompactUnit], objectives: dict[int, Objective]) -> None:
    """Refuse a text whose paragraphs or objectives are not numbered 1..n without gaps."""
    numbers = [u.paragraph for u in units if u.is_paragraph]
    if not numbers:
        raise CompactFormatError(f"{COMPACT_FILE}: no numbered paragraphs in the annex")
    if sorted(objectives) != list(range(1, len(objectives) + 1)):
        raise CompactFormatError(f"{COMPACT_FILE}: objectives are not numbered 1-{len(objectives)}: {sorted(objectives)}")
    for number, objective in objectives.items():
        if not any(u.paragraph == objective.paragraph and u.letter for u in units):
            raise CompactFormatError(f"{COMPACT_FILE}: objective {number} (para {objective.paragraph}) has no actions")


@cache
def load_compact() -> Compact:
    """The vendored adopted compact, parsed once per process."""
    text = resources.files("composer.data").joinpath(COMPACT_FILE).read_text("utf-8")
    return parse_compact(text)


def unit_or_error(ref: str) -> CompactUnit:
    """Shorthand used by the CLI: resolve ``ref`` in the vendored compact."""
    return load_compact().unit(ref)


__all__ = [
    "COMPACT_FILE",
    "COMPACT_SYMBOL",
    "Compact",
    "CompactFormatError",
    "CompactReferenceError",
    "CompactUnit",
    "Objective",
    "load_compact",
    "parse_compact",
    "unit_or_error",
]
