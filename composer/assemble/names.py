"""Output file names that say what is in the file, shared by ``compose brief|draft`` and ``compose serve``."""

from __future__ import annotations

from composer.assemble.common import ComposeOptions, slug
from composer.library.query import ClauseFilter


def output_stem(prefix: str, flt: ClauseFilter, extra: list[str]) -> str:
    """A file name that says what is in the file: ``brief-cluster-1-kind-good-practice-for-kenya``."""
    parts = [prefix]
    for label, values in (
        ("cluster", flt.clusters),
        ("objective", flt.objectives),
        ("source", flt.sources),
        ("actor", flt.actors),
        ("kind", flt.kinds),
        ("theme", flt.themes),
    ):
        if values:
            parts.append(f"{label}-" + "-".join(slug(str(v)) for v in values))
    if flt.ids:
        parts.append(f"{len(flt.ids)}-clauses")
    parts += [slug(e) for e in extra if e]
    return "-".join(p for p in parts if p)


def option_words(kind: str, options: ComposeOptions) -> list[str]:
    """What the options add to a name: ``front-only``, ``no-provenance``, ``for-kenya``."""
    words = []
    if kind == "brief":
        words.append({"none": "front-only", "compendium": "with-compendium"}.get(options.annexes, ""))
    words.append("" if options.provenance else "no-provenance")
    if kind == "brief" and options.delegation:
        words.append(f"for-{options.delegation}")
    return [w for w in words if w]
