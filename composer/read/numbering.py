"""Automatic paragraph numbers of a DOCX (numbering.xml), computed the way Word shows them.

A comparison needs the number a reader sees ("12.", "(b)") to report renumbering, even when
the number is not typed text but comes from a numbering definition.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from composer.ooxml.attrs import int_attr
from composer.ooxml.ns import w

_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def roman(number: int) -> str:
    """Lower-case roman numeral of a positive number."""
    out = []
    for value, letters in _ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def letters(number: int) -> str:
    """Word's letter numbering: a..z, then aa..zz, aaa.. (repeated letter, not base 26)."""
    if number < 1:
        return ""
    repeat = (number - 1) // 26 + 1
    return chr(ord("a") + (number - 1) % 26) * repeat


def format_number(number: int, fmt: str) -> str:
    """One counter formatted as ``w:numFmt`` asks."""
    if fmt == "lowerLetter":
        return letters(number)
    if fmt == "upperLetter":
        return letters(number).upper()
    if fmt == "lowerRoman":
        return roman(number)
    if fmt == "upperRoman":
        return roman(number).upper()
    if fmt == "decimalZero":
        return f"{number:02d}"
    if fmt in ("none", "bullet"):
        return ""
    return str(number)


@dataclass(frozen=True)
class Level:
    start: int
    fmt: str
    text: str


@dataclass
class Numbering:
    """Numbering definitions plus the running counters of one pass through the document."""

    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)
    _counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def from_xml(cls, root: etree._Element | None, where: str = "word/numbering.xml") -> Numbering:
        """Definitions from a parsed numbering part; ``where`` names it in errors on bad values."""
        numbering = cls()
        if root is None:
            return numbering
        for abstract in root.iter(w("abstractNum")):
            levels: dict[int, Level] = {}
            for lvl in abstract.iter(w("lvl")):
                levels[int_attr(lvl, "w:ilvl", where, 0, low=0)] = _level(lvl, where)
            numbering.abstract[abstract.get(w("abstractNumId"), "")] = levels
        for num in root.iter(w("num")):
            abstract_id = num.find(w("abstractNumId"))
            overrides: dict[int, int] = {}
            for override in num.iter(w("lvlOverride")):
                start = override.find(w("startOverride"))
                if start is not None:
                    ilvl = int_attr(override, "w:ilvl", where, 0, low=0)
                    overrides[ilvl] = int_attr(start, "w:val", where, 1, low=0)
            if abstract_id is not None:
                numbering.nums[num.get(w("numId"), "")] = (abstract_id.get(w("val"), ""), overrides)
        return numbering

    def next_label(self, num_id: str, ilvl: int) -> str | None:
        """Advance the counter of ``(num_id, ilvl)`` and return the label Word would show."""
        if num_id in ("", "0") or num_id not in self.nums:
            return None
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        if ilvl not in levels:
            return None
        counters = self._counters.setdefault(abstract_id, {})
        level = levels[ilvl]
        if ilvl in counters:
            counters[ilvl] += 1
        else:
            counters[ilvl] = overrides.get(ilvl, level.start)
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt == "bullet":
            return level.text
        label = level.text
        for k in range(9):
            token = f"%{k + 1}"
            if token in label:
                value = counters.get(k, levels[k].start if k in levels else 1)
                fmt = levels[k].fmt if k in levels else "decimal"
                label = label.replace(token, format_number(value, fmt))
        return label


def _level(lvl: etree._Element, where: str) -> Level:
    start = lvl.find(w("start"))
    fmt = lvl.find(w("numFmt"))
    text = lvl.find(w("lvlText"))
    return Level(
        start=int_attr(start, "w:val", where, 1, low=0) if start is not None else 1,
        fmt=fmt.get(w("val"), "decimal") if fmt is not None else "decimal",
        text=text.get(w("val"), "") if text is not None else "",
    )
