"""What a user types for a selection, made exact before the library is queried.

People type kinds as they read them ("good practice", "Good-practices", "calls to action"), and
mistype ids and themes. Kinds are accepted in any of those spellings; an unknown source, theme
or clause id is refused with the nearest known ones, so the next try is right.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from composer.errors import UsageError
from composer.library import Library
from composer.taxonomy import Taxonomy


def _fold(text: str) -> str:
    return re.sub(r"[\s_\-]+", "_", text.strip().casefold())


def kind_spellings(taxonomy: Taxonomy) -> dict[str, str]:
    """Every accepted spelling (folded) -> kind key: the key, its label and its plural."""
    spellings: dict[str, str] = {}
    for key, kind in taxonomy.kinds.items():
        for spelling in (key, kind.label, kind.plural):
            spellings[_fold(spelling)] = key
    return spellings


def normalise_kind(taxonomy: Taxonomy, spelling: str) -> str:
    """The kind key for ``spelling`` ("good practice" -> ``good_practice``), or a UsageError with the nearest."""
    spellings = kind_spellings(taxonomy)
    folded = _fold(spelling)
    if folded in spellings:
        return spellings[folded]
    close = difflib.get_close_matches(folded, list(spellings), n=3, cutoff=0.6)
    keys = list(dict.fromkeys(spellings[c] for c in close))
    hint = f"; did you mean {', '.join(keys)}?" if keys else f"; valid kinds are {', '.join(taxonomy.kinds)}"
    raise UsageError(f"unknown kind {spelling!r}{hint}")


def nearest(value: str, known: Iterable[str], limit: int = 3) -> list[str]:
    """The known names closest to ``value``: by whole spelling, or by one of their words
    ("detentoin" finds ``alternatives-to-detention``), best first."""
    wanted = value.casefold()

    def score(name: str) -> float:
        words = [w for w in re.split(r"[-_\s]+", name.casefold()) if w]
        ratios = [difflib.SequenceMatcher(None, wanted, part).ratio() for part in (name.casefold(), *words)]
        return max(ratios)

    scored = sorted(((score(n), n) for n in set(known)), key=lambda item: (-item[0], item[1]))
    return [name for ratio, name in scored[:limit] if ratio >= 0.6]


def check_known(what: str, values: Iterable[str], known: Iterable[str]) -> None:
    """Refuse the first of ``values`` not in ``known``, naming the nearest known ones."""
    known = list(known)
    have = set(known)
    for value in values:
        if value in have:
            continue
        close = nearest(value, known)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise UsageError(f"unknown {what} {value!r}{hint}")


def check_selection(
    library: Library, *, sources: Iterable[str] = (), themes: Iterable[str] = (), ids: Iterable[str] = ()
) -> None:
    """Every source id, theme and clause id named on the command line exists (else the nearest)."""
    check_known("source", sources, library.sources)
    check_known("theme", themes, {t for c in library.clauses for t in c.themes})
    check_known("clause id", ids, (c.id for c in library.clauses))
