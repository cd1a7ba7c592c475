"""The one check for characters that must not reach XML, a terminal, HTML or Markdown.

XML 1.0 forbids most C0 control characters (NUL, ``\\x01``, ``\\x0b``, ESC ...), lone
surrogates and U+FFFE/U+FFFF: lxml refuses to store them and a DOCX writer crashes. The same
characters, with DEL and the C1 range, move the cursor or recolour a terminal and hide text in
a page. Inputs we own (the library, manifests, options) are refused with a message; text read
from outside documents and anything that reaches a writer is stripped with :func:`clean`.
"""

from __future__ import annotations

import re

#: Tab, newline and carriage return are text; everything else below U+0020 is not.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def first_control(text: str) -> str | None:
    """The first forbidden character of ``text``, or None."""
    match = CONTROL.search(text)
    return match.group(0) if match else None


def describe(char: str) -> str:
    """``U+001B`` for a message (never the character itself, which would act on a terminal)."""
    return f"U+{ord(char):04X}"


def clean(text: str) -> str:
    """``text`` without the forbidden characters (a vertical tab or form feed becomes a space)."""
    if not CONTROL.search(text):
        return text
    return CONTROL.sub(lambda m: " " if m.group(0) in "\x0b\x0c" else "", text)


def for_terminal(text: str) -> str:
    """``text`` with forbidden characters shown as ``\\x1b``-style escapes (error messages)."""
    if not CONTROL.search(text):
        return text
    return CONTROL.sub(lambda m: m.group(0).encode("unicode_escape", "backslashreplace").decode("ascii"), text)
