"""Word tokens for diffing: words and numbers whole, every punctuation mark its own token.

A diff that may split a word ("nego{-ti-}{+ci+}ate") is unreadable and untrustworthy in a
negotiation; diffing tokens guarantees that the smallest change shown is a whole word, a whole
number ("1.5", "2,000") or one punctuation mark. Whitespace runs are tokens too, so the text is
reproduced exactly.
"""

from __future__ import annotations

import re

_NUMBER = r"\d+(?:[.:/]\d+|,\d{3}(?!\d))*"
_WORD = r"\w+(?:['’\-‐]\w+)*"
_WORD_TOKENS = re.compile(f"{_NUMBER}|{_WORD}")
_TOKEN = re.compile(
    r"\d+(?:[.:/]\d+|,\d{3}(?!\d))*"  # numbers with inner separators: 1.5  2,000  2015/16 (not 2016,3)
    r"|\w+(?:['’\-‐]\w+)*"  # words, with inner apostrophes and hyphens: Party's  well-being
    r"|\s+"  # a run of whitespace
    r"|.",  # any other character: punctuation, symbols
    re.DOTALL,
)


def tokenize(text: str) -> list[str]:
    """Split ``text`` into tokens whose concatenation is exactly ``text``."""
    return _TOKEN.findall(text)


def count_words(text: str) -> int:
    """How many word tokens ``tokenize(text)`` holds, without building the tokens."""
    return len(_WORD_TOKENS.findall(text))


def is_word(token: str) -> bool:
    """Whether a token counts as a word in change statistics (not whitespace, not punctuation)."""
    return bool(token) and (token[0].isalnum() or token[0] == "_")
