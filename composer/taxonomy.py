"""The GCM taxonomy (23 objectives, 6 clusters, clause kinds), read once from package data.

``composer/data/taxonomy.yaml`` is the only place these titles live; everything else asks here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from composer.errors import UsageError


@dataclass(frozen=True)
class Objective:
    number: int
    title: str
    short: str


@dataclass(frozen=True)
class Cluster:
    number: int
    title: str
    short: str
    place: str
    dates: str


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    plural: str


@dataclass(frozen=True)
class Taxonomy:
    objectives: dict[int, Objective]
    clusters: dict[int, Cluster]
    kinds: dict[str, Kind]

    def objective(self, number: int) -> Objective:
        """Return objective ``number`` or raise a UsageError that lists the valid ones."""
        try:
            return self.objectives[number]
        except KeyError:
            raise UsageError(f"unknown objective {number}: {self.valid_objectives()}") from None

    def cluster(self, number: int) -> Cluster:
        """Return cluster ``number`` or raise a UsageError that lists the valid ones."""
        try:
            return self.clusters[number]
        except KeyError:
            raise UsageError(f"unknown cluster {number}: {self.valid_clusters()}") from None

    def kind(self, key: str) -> Kind:
        try:
            return self.kinds[key]
        except KeyError:
            raise UsageError(f"unknown kind {key!r}: valid kinds are {', '.join(self.kinds)}") from None

    def valid_objectives(self) -> str:
        return f"valid objectives are {min(self.objectives)}-{max(self.objectives)}"

    def valid_clusters(self) -> str:
        listed = "; ".join(f"{c.number} ({c.short})" for c in self.clusters.values())
        return f"valid clusters are {listed}"


@cache
def load_taxonomy() -> Taxonomy:
    """Read ``taxonomy.yaml`` from the package (once per process)."""
    raw = yaml.safe_load(resources.files("composer.data").joinpath("taxonomy.yaml").read_text("utf-8"))
    return Taxonomy(
        objectives={int(n): Objective(int(n), o["title"], o["short"]) for n, o in raw["objectives"].items()},
        clusters={
            int(n): Cluster(int(n), c["title"], c["short"], c["place"], c["dates"]) for n, c in raw["clusters"].items()
        },
        kinds={k: Kind(k, v["label"], v["plural"]) for k, v in raw["kinds"].items()},
    )
