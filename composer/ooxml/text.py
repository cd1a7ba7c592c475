"""The one check for characters that must not reach XML, a terminal, HTML or Markdown.

XML 1.0 forbids most C0 control characters (NUL, ``\\x01``, ``\\x0b``, ESC ...), lone
surrogates and U+FFFE/U+FFFF: lxml refuses to store them and a DOCX writer crashes. The same
characters, with DEL and the C1 range, move the cursor or recolour a terminal and hide text in
a page. Inputs we own (the library, manifests, options) are refused with a message; text read
from outside documents and anything that reaches a writer is stripped with :func:`clean`.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TypeVar

T = TypeVar("T")

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


def clean_tree(value: T) -> T:
    """A copy of ``value`` (dataclasses, lists, tuples, dicts, strings) with every string cleaned.

    Objects with nothing to clean are returned as they are, so the common case costs one walk
    and no copies. Used where a whole model crosses a boundary (a JSON draft read in, a model
    handed to a writer).
    """
    if isinstance(value, str):
        return clean(value)  # type: ignore[return-value]
    if isinstance(value, (list, tuple)):
        items = [clean_tree(item) for item in value]
        if all(a is b for a, b in zip(items, value, strict=True)):
            return value
        return type(value)(items) if isinstance(value, list) else tuple(items)  # type: ignore[return-value]
    if isinstance(value, dict):
        pairs = {clean_tree(k): clean_tree(v) for k, v in value.items()}
        if all(pairs.get(k) is v for k, v in value.items()):
            return value
        return pairs  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for field in dataclasses.fields(value):
            if not field.init:
                continue
            old = getattr(value, field.name)
            new = clean_tree(old)
            if new is not old:
                changes[field.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value
