"""The one escaper for text that goes into Markdown (document writer and redline alike).

Clause text and drafts from outside may hold ``<script>``, ``</p><h1>``, ``[^1]`` or a line
that starts with ``#``: written as they are, a Markdown viewer would run the HTML, invent a
footnote or a heading. Every character CommonMark could read as syntax is backslash-escaped
(CommonMark allows escaping any ASCII punctuation), control characters are dropped, and a line
that would open a block (heading, quote, list, code) is made plain text.
"""

from __future__ import annotations

import re

from composer.ooxml.text import clean

#: Inline syntax: emphasis, code, links and footnotes, raw HTML, strikethrough, tables, escapes.
_INLINE = re.compile(r"([\\`*_\[\]<>~|])")
#: An entity or character reference (``&amp;``, ``&#60;``) would be decoded: escape its ``&``.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
#: What opens a block at the start of a line: ATX heading, quote, bullet, setext underline
#: or thematic break (the fences and ``*`` are already escaped as inline syntax).
_BLOCK_START = re.compile(r"^([ \t]*)([#>+=-])", re.MULTILINE)
#: An ordered list item: ``1.`` or ``1)`` at the start of a line.
_ORDERED = re.compile(r"^([ \t]*\d{1,9})([.)])", re.MULTILINE)


def escape_markdown(text: str) -> str:
    """``text`` as literal Markdown: what it says is what a viewer shows."""
    text = _INLINE.sub(r"\\\1", clean(text))
    text = _ENTITY.sub(r"\\&", text)
    text = _BLOCK_START.sub(r"\1\\\2", text)
    return _ORDERED.sub(r"\1\\\2", text)
