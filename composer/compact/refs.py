"""References to units of the compact, written the way negotiators cite them: ``para 29(h)``.

One canonical spelling (``para N``, ``para N(x)``, ``para N(x)(iv)``) is what we store, print and
compare; the parser also accepts what people type (``paragraph 29 (h)``, ``GCM para. 29(h)``,
``29h``) so that a curator's hand-written link or a CLI argument still resolves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from composer.errors import UsageError


class CompactReferenceError(UsageError):
    """A reference that is malformed or names no unit of the compact."""


_REF = re.compile(
    r"""^\s*(?:gcm\s+)?(?:cf\.?\s+gcm\s+)?
        (?:para(?:graph)?s?\.?\s*)?
        (?P<para>\d{1,3})\s*
        (?:\(?\s*(?P<letter>[a-z]{1,2})\s*\)?)?\s*
        (?:\(\s*(?P<sub>[ivxl]{1,6})\s*\))?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True, order=True)
class UnitRef:
    """The address of one unit: a paragraph, one of its lettered actions, or a numbered sub-item."""

    paragraph: int
    letter: str | None = None
    sub: str | None = None

    def __str__(self) -> str:
        """The canonical spelling, e.g. ``para 43(a)(ii)``."""
        text = f"para {self.paragraph}"
        if self.letter:
            text += f"({self.letter})"
        if self.sub:
            text += f"({self.sub})"
        return text

    @property
    def parent(self) -> UnitRef | None:
        """The enclosing unit (``para 29`` for ``para 29(h)``); None for a whole paragraph."""
        if self.sub:
            return UnitRef(self.paragraph, self.letter)
        if self.letter:
            return UnitRef(self.paragraph)
        return None

    def within(self, other: UnitRef) -> bool:
        """True if this unit is ``other`` or lies inside it (``para 29(h)`` is within ``para 29``)."""
        if self.paragraph != other.paragraph:
            return False
        if other.letter and self.letter != other.letter:
            return False
        return not (other.sub and self.sub != other.sub)


def parse_ref(text: str) -> UnitRef:
    """Parse a typed reference into a :class:`UnitRef`; raise CompactReferenceError if malformed.

    Only the form is checked here; whether the unit exists is the compact's business.
    """
    match = _REF.match(text or "")
    if match is None:
        raise CompactReferenceError(
            f"cannot read GCM reference {text!r}: write it like 'para 29(h)' (action h of paragraph 29) or 'para 15'"
        )
    letter = match.group("letter")
    sub = match.group("sub")
    return UnitRef(int(match.group("para")), letter.lower() if letter else None, sub.lower() if sub else None)


def canonical_ref(text: str) -> str:
    """The canonical spelling of a typed reference (``"paragraph 29 (H)"`` -> ``"para 29(h)"``)."""
    return str(parse_ref(text))
