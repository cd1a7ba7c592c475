"""Candidate positions: clauses whose operative wording is nearly the same, for a curator to confirm.

Run ``python -m composer.library.suggest [--cluster N] [--threshold T]``. Candidates are only
suggestions: a position means "the same ask", which a similarity score cannot decide, so the
curator reads the members against their seeds before writing them into ``clauses/positions.yaml``.

The score is rapidfuzz's ``token_set_ratio`` on the clauses' operative wording (``draft_text``
when curated, else ``text``), lower-cased with punctuation and a few function words removed:
it rewards one wording containing the other's words, which is how the same ask reads when one
speaker adds a reason or an example. Only clauses that could share a position are compared (same
primary objective and kind, as ``compose check`` requires); clauses already in a position are
left out unless ``--all`` is given.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from composer.library.library import Library
from composer.library.models import Clause

FUNCTION_WORDS = frozenset(
    "a an the and or of to in on for with by as at from that this these those their its is are be "
    "all any such including".split()
)


def normalise(text: str) -> str:
    """Lower-case words without punctuation or function words: what the ask is made of."""
    words = re.findall(r"[a-z0-9]+", text.casefold())
    return " ".join(w for w in words if w not in FUNCTION_WORDS)


@dataclass
class Candidate:
    """A group of clauses linked by near-duplicate pairs (connected components of the pairs)."""

    objective: int
    kind: str
    members: list[Clause]
    best_score: float


def _root(parent: list[int], i: int) -> int:
    """Union-find root of ``i`` (with path halving)."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def candidate_groups(clauses: list[Clause], threshold: float) -> list[Candidate]:
    """Groups of clauses (same primary objective and kind) linked by scores >= ``threshold``."""
    buckets: dict[tuple[int, str], list[Clause]] = defaultdict(list)
    for clause in clauses:
        buckets[(clause.primary_objective, clause.kind)].append(clause)
    groups: list[Candidate] = []
    for (objective, kind), bucket in sorted(buckets.items()):
        if len(bucket) < 2:
            continue
        texts = [normalise(c.operative_text) for c in bucket]
        matrix = process.cdist(texts, texts, scorer=fuzz.token_set_ratio, workers=1)
        parent = list(range(len(bucket)))

        best: dict[int, float] = defaultdict(float)
        for i in range(len(bucket)):
            for j in range(i + 1, len(bucket)):
                score = float(matrix[i][j])
                if score >= threshold:
                    parent[_root(parent, i)] = _root(parent, j)
                    best[i] = max(best[i], score)
                    best[j] = max(best[j], score)
        components: dict[int, list[int]] = defaultdict(list)
        for i in range(len(bucket)):
            components[_root(parent, i)].append(i)
        for indexes in components.values():
            if len(indexes) > 1:
                groups.append(Candidate(objective, kind, [bucket[i] for i in indexes], max(best[i] for i in indexes)))
    return sorted(groups, key=lambda g: (g.objective, g.kind, -g.best_score))


def suggest(library: Library, cluster: int | None, threshold: float, include_positioned: bool) -> list[Candidate]:
    """Candidate groups among the library's clauses (optionally one cluster)."""
    clauses = [
        c
        for c in library.clauses
        if (cluster is None or c.cluster == cluster) and (include_positioned or library.position_of(c.id) is None)
    ]
    return candidate_groups(clauses, threshold)


def format_candidates(groups: list[Candidate]) -> str:
    """A YAML-like listing a curator reads and copies from (not a positions file)."""
    out: list[str] = []
    for group in groups:
        out.append(f"# objective {group.objective}, {group.kind}, best score {group.best_score:.0f}")
        out.append("- members:")
        for clause in group.members:
            out.append(f"    - {clause.id}  # {clause.operative_text[:110]}")
    return "\n".join(out) + ("\n" if out else "")


def main(argv: list[str] | None = None) -> int:
    from composer.library.loader import load_library

    parser = argparse.ArgumentParser(prog="python -m composer.library.suggest", description=__doc__.split("\n")[0])
    parser.add_argument("--library", type=Path, default=Path.cwd(), help="project folder holding clauses/ and seeds/")
    parser.add_argument("--cluster", type=int, default=None, help="only clauses of this thematic cluster")
    parser.add_argument("--threshold", type=float, default=70.0, help="minimum token_set_ratio (0-100)")
    parser.add_argument("--all", action="store_true", help="also clauses already in a position")
    args = parser.parse_args(argv)
    library = load_library(args.library)
    groups = suggest(library, args.cluster, args.threshold, args.all)
    sys.stdout.write(format_candidates(groups))
    print(f"{len(groups)} candidate group(s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
