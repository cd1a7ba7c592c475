"""Words for lexical matching: lower-cased, stop words dropped, English-stemmed, concepts added.

Stemming lets "discriminatory" meet "discrimination"; the concept map
(``composer/data/gcm-concepts.yaml``) lets a clause about "xenophobia" meet the compact's
"racism ... intolerance" and one about "cities" meet "local authorities", so the lexical method
is not blind to the compact's own vocabulary. The map is data: curators extend it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources

import snowballstemmer

from composer.library.yamlio import safe_load

_WORD = re.compile(r"[a-z][a-z'\-]*[a-z]|[a-z]")

STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each either etc few for from further had has
    have having he her here hers him his how i if in into is it its itself just may might more most must my
    no nor not now of off on once only or other our ours out over own same shall she should so some such
    than that the their theirs them then there these they this those through thus to too under until up upon
    very was we were what when where which while who whom why will with within would you your i.e e.g
    including include includes inter alia well ensure particular particularly relevant need needs needed
    """.split()
)


@cache
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


@cache
def stem(word: str) -> str:
    """The English (Porter2) stem of one lower-case word."""
    return _stemmer().stemWord(word)


def words(text: str) -> list[str]:
    """Lower-case words of ``text`` minus stop words, hyphenated words also split into parts."""
    out: list[str] = []
    for word in _WORD.findall(unicodedata.normalize("NFKC", text).lower().replace("’", "'")):
        word = word.removesuffix("'s").strip("'-")
        if not word or word in STOP_WORDS:
            continue
        parts = [p for p in re.split(r"[-']", word) if p and p not in STOP_WORDS]
        out.extend(parts if len(parts) > 1 else [word])
    return out


@cache
def concept_map() -> dict[str, tuple[str, ...]]:
    """Stem -> concept tokens it also stands for, read from package data once."""
    raw = safe_load(resources.files("composer.data").joinpath("gcm-concepts.yaml").read_text("utf-8"))
    mapping: dict[str, set[str]] = {}
    for concept, terms in (raw or {}).get("concepts", {}).items():
        token = f"#{concept}"
        for term in terms:
            stems = tuple(stem(w) for w in words(term))
            if len(stems) == 1:
                mapping.setdefault(stems[0], set()).add(token)
            elif stems:
                mapping.setdefault(" ".join(stems), set()).add(token)
    return {key: tuple(sorted(value)) for key, value in mapping.items()}


def tokens(text: str, concepts: bool = True) -> list[str]:
    """Stemmed tokens of ``text``, followed by the concept tokens its words and word pairs evoke."""
    stems = [stem(w) for w in words(text)]
    if not concepts:
        return stems
    mapping = concept_map()
    extra: list[str] = []
    for index, current in enumerate(stems):
        extra.extend(mapping.get(current, ()))
        if index + 1 < len(stems):
            extra.extend(mapping.get(f"{current} {stems[index + 1]}", ()))
    return stems + extra
