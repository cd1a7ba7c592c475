"""Positions as the brief shows them: one entry per ask, its supporters, its gap to the compact.

The library groups clauses that make the same ask into curated positions
(``Library.positions_covering``; a clause in none is its own one-member position). This module
adds what a delegate reads beside each one: who supported it, sorted into national and group
positions, other stakeholders, and what chairs, rapporteurs and panellists said (they speak for
the meeting, not for a country); and the gap label to agreed language (:mod:`gaps`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from composer.assemble.gaps import Gap, position_gap
from composer.library import Library
from composer.library.models import Clause, Position

#: Supporter groups, in the order an entry lists them.
STATES = "states"
OTHERS = "others"
OFFICERS = "officers"
DISCUSSION = "discussion"
GROUP_ORDER = (STATES, OTHERS, OFFICERS, DISCUSSION)

#: Actors that name a meeting role rather than whoever held it.
OFFICER_NAMES = frozenset({"chair", "co-chairs", "rapporteur"})
#: Actors that name nobody in particular ("participants said ...").
ANONYMOUS_NAMES = frozenset({"participants", "States"})
NATIONAL_ROLES = frozenset({"state", "group"})


@dataclass
class Supporter:
    """One supporter of a position and the clauses in which it made the ask."""

    label: str
    group: str
    clauses: list[Clause] = field(default_factory=list)


@dataclass
class BriefPosition:
    """A position in one brief: the curated position, its selected member clauses, supporters, gap."""

    position: Position
    members: list[Clause]
    objective: int
    supporters: list[Supporter]
    gap: Gap | None

    @property
    def id(self) -> str:
        return self.position.id

    @property
    def kind(self) -> str:
        return self.position.kind

    @property
    def wording(self) -> str:
        return self.position.wording

    def in_group(self, group: str) -> list[Supporter]:
        return [s for s in self.supporters if s.group == group]

    @property
    def weight(self) -> tuple[int, int, int, int]:
        """How much weight the ask carries in the room: states and groups first, then anyone named,
        then how often it was made; a confirmed gap breaks ties (it can be read out safely)."""
        named = [s for s in self.supporters if s.group != DISCUSSION]
        confirmed = int(self.gap is not None and self.gap.confirmed)
        return (len(self.in_group(STATES)), len(named), len(self.members), confirmed)


def _role(library: Library, name: str) -> str | None:
    actor = library.actors.actors.get(name)
    return getattr(actor, "role", None) if actor is not None else None


def _label_and_group(library: Library, clause: Clause, name: str) -> tuple[str, str]:
    """How one credited actor of ``clause`` is named in an entry, and in which group."""
    actors = library.actors
    actor = actors.actors.get(name)
    if name in ANONYMOUS_NAMES:
        return name, DISCUSSION
    if name in OFFICER_NAMES:
        return name, OFFICERS
    if getattr(clause, "capacity", None):
        affiliation = actors.affiliation_of(name)
        label = f"{name} ({affiliation})" if affiliation != name else name
        return label, OFFICERS
    role = _role(library, name)
    if actor is not None and actor.kind == "person":
        affiliation = actors.affiliation_of(name)
        if role in NATIONAL_ROLES and affiliation != name:
            return affiliation, STATES
        label = f"{name} ({affiliation})" if affiliation != name else name
        return label, OTHERS
    if role in NATIONAL_ROLES or (role is None and actor is not None and actor.kind == "state"):
        return name, STATES
    return name, OTHERS


def supporters_of(library: Library, clauses: list[Clause]) -> list[Supporter]:
    """Everyone credited with the ask, each once, grouped (states and groups first).

    A clause whose speakers include its country and a person of that country credits the
    country once. A clause with no named speaker is credited to the discussion it came from.
    """
    found: dict[tuple[str, str], Supporter] = {}
    for clause in clauses:
        credited = clause.actors or ["participants"]
        named = [n for n in credited if n not in ANONYMOUS_NAMES]
        if named:
            credited = named
        seen: set[tuple[str, str]] = set()
        for name in credited:
            key = _label_and_group(library, clause, name)
            if key in seen:
                continue
            seen.add(key)
            supporter = found.setdefault(key, Supporter(key[0], key[1]))
            supporter.clauses.append(clause)
    ordered = sorted(found.values(), key=lambda s: (GROUP_ORDER.index(s.group), s.label.casefold()))
    return ordered


def home_objective(clause: Clause, objectives: list[int]) -> int:
    """The objective a clause is filed under in this brief: its first objective in scope.

    With ``--objective 13``, a clause whose primary objective is 7 but which also serves 13 is
    filed under 13 rather than dropped.
    """
    return next((o for o in clause.objectives if o in objectives), clause.primary_objective)


def brief_positions(library: Library, clauses: list[Clause], objectives: list[int]) -> list[BriefPosition]:
    """The selection's positions, in library order, each with supporters and gap."""
    by_id = {c.id: c for c in clauses}
    out = []
    for position in library.positions_covering(clauses):
        members = [by_id[m] for m in position.members if m in by_id]
        if not members:
            continue
        objective = position.objective if position.objective in objectives else home_objective(members[0], objectives)
        out.append(BriefPosition(position, members, objective, supporters_of(library, members), position_gap(members)))
    return out
