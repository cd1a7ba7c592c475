"""Remove footnote markers that text extraction glued to words ("Declaration 1", "Rights;2").

A UN document numbers its footnotes 1, 2, 3 ... in reading order, and a marker may be repeated
(two treaties citing footnote 3). A bare number is therefore taken as a marker only if it is
the next footnote number (or repeats the last one) and sits where a marker sits: right after a
word or punctuation, followed by a space, punctuation or the end of the line. Real numbers in
the text ("less than 3 per cent", "23 objectives", "10 and 11 December") are out of sequence and
stay. Headings and paragraph labels ("Objective 22:", "22.") must not be fed in: they are not
running text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_CANDIDATE = re.compile(r"(?<=[^\s\d])(?P<space>\s?)(?P<number>\d{1,2})(?=[\s;,.:)]|$)")


@dataclass
class FootnoteStripper:
    """Strips markers from successive pieces of running text, tracking the footnote sequence."""

    expected: int = 1
    removed: list[int] = field(default_factory=list)

    def clean(self, text: str) -> str:
        """``text`` without the footnote markers it carries, whitespace tidied."""
        pieces: list[str] = []
        last_end = 0
        for match in _CANDIDATE.finditer(text):
            number = int(match.group("number"))
            repeat = bool(self.removed) and number == self.removed[-1]
            if number != self.expected and not repeat:
                continue
            pieces.append(text[last_end : match.start()])
            last_end = match.end()
            self.removed.append(number)
            if number == self.expected:
                self.expected += 1
        pieces.append(text[last_end:])
        return re.sub(r"[ \t]{2,}", " ", "".join(pieces)).strip()
