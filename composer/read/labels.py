"""Typed paragraph labels ("12.", "(a)", "iv)", "4.2") split from the text they number.

Renumbering is not a text change: a comparison looks at the text after the label and reports a
changed label separately. The label is kept exactly as typed, with the whitespace after it, so
a redline can reproduce the paragraph character for character.
"""

from __future__ import annotations

import re

_LABEL = re.compile(
    r"""^(
        \d{1,3}(?:\.\d{1,3})*[.)]          # 12.  12)  4.2.
      | \d{1,3}(?:\.\d{1,3})+              # 4.2  4.2.1
      | \(\s?(?:\d{1,3}|[a-z]{1,2}|[ivxlcdm]{1,6}|[A-Z]{1,2}|[IVXLCDM]{1,6})\s?\)   # (a) (iv) (12)
      | (?:[a-z]|[ivxlcdm]{1,6}|[A-Z]|[IVXLCDM]{1,6})[.)]      # a)  iv.  B.
      | [•◦▪‣·]                            # bullets typed as characters
    )([ \t\u00a0]+)""",
    re.VERBOSE,
)


def split_label(text: str) -> tuple[str, str]:
    """Return ``(label_as_typed_with_separator, rest)``; the label is ``""`` when there is none."""
    match = _LABEL.match(text)
    if not match or not text[match.end() :].strip():
        return "", text
    return text[: match.end()], text[match.end() :]


def display_label(label: str | None) -> str:
    """The label as shown in reports: no surrounding whitespace."""
    return (label or "").strip()
