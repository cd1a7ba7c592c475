"""The loaded library: sources, actors and clauses, with lookups the rest of the pipeline uses."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from composer.errors import LibraryError, Problem, UsageError
from composer.library.models import Actor, Clause, Position, QuoteSplit, Source
from composer.taxonomy import Taxonomy


class ActorIndex:
    """Canonical actor names, their aliases, and who is affiliated with whom."""

    def __init__(self, actors: list[Actor]):
        self.actors: dict[str, Actor] = {}
        self._lookup: dict[str, str] = {}
        for actor in actors:
            self.actors.setdefault(actor.name, actor)
            for spelling in (actor.name, actor.full_name, *actor.aliases):
                if spelling:
                    self._lookup.setdefault(spelling.casefold(), actor.name)

    def __contains__(self, name: str) -> bool:
        return name in self.actors

    def canonical(self, spelling: str) -> str | None:
        """The canonical name for any accepted spelling (case-insensitive), or None."""
        return self._lookup.get(spelling.strip().casefold())

    def affiliation_of(self, name: str) -> str:
        """The state or organisation a person speaks for; the actor itself otherwise."""
        actor = self.actors.get(name)
        if actor is not None and actor.kind == "person" and actor.affiliation:
            return actor.affiliation
        return name

    def expand(self, spelling: str) -> set[str]:
        """Canonical names that a ``--actor`` query matches: the actor and its affiliated persons."""
        name = self.canonical(spelling)
        if name is None:
            return set()
        return {name} | {a.name for a in self.actors.values() if a.affiliation == name}

    def role_of(self, name: str) -> str | None:
        """The actor's role (state, group, un-entity, ...), or None for an unregistered name."""
        actor = self.actors.get(name)
        return actor.role if actor is not None else None

    def suggestions(self, spelling: str, limit: int = 3) -> list[str]:
        import difflib

        return difflib.get_close_matches(spelling, list(self.actors), n=limit, cutoff=0.6)


@dataclass
class Library:
    """Everything under ``clauses/`` and ``seeds/``, validated."""

    root: Path
    taxonomy: Taxonomy
    sources: dict[str, Source]
    actors: ActorIndex
    clauses: list[Clause]
    seeds: dict[str, str]
    problems: list[Problem] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    splits: list[QuoteSplit] = field(default_factory=list)
    _position_index: dict[str, Position] | None = field(default=None, init=False, repr=False)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    def raise_if_invalid(self) -> Library:
        """Refuse to compose from a broken library: every error is listed as ``file:line``."""
        if self.errors:
            raise LibraryError(self.errors)
        return self

    def clause(self, clause_id: str) -> Clause:
        for clause in self.clauses:
            if clause.id == clause_id:
                return clause
        raise UsageError(f"no clause with id {clause_id!r} (see `compose clauses list`)")

    def source(self, source_id: str) -> Source:
        try:
            return self.sources[source_id]
        except KeyError:
            raise UsageError(f"unknown source {source_id!r}: valid sources are {', '.join(self.sources)}") from None

    def by_id(self) -> dict[str, Clause]:
        return {c.id: c for c in self.clauses}

    def position_of(self, clause_id: str) -> Position | None:
        """The curated position the clause is a member of, or None (then it stands alone)."""
        if self._position_index is None:
            index: dict[str, Position] = {}
            for position in self.positions:
                for member in position.members:
                    index.setdefault(member, position)
            self._position_index = index
        return self._position_index.get(clause_id)

    def positions_covering(self, clauses: list[Clause]) -> list[Position]:
        """One position per ask among ``clauses``, in the order their first member appears.

        A clause in no curated position is its own one-member position (id and wording from the
        clause, ``confirmed`` false). A curated position keeps only the members in ``clauses``, so
        a filtered brief cites only what it selected.
        """
        selected = {c.id for c in clauses}
        out: list[Position] = []
        done: set[str] = set()
        for clause in clauses:
            position = self.position_of(clause.id)
            if position is None:
                out.append(
                    Position(
                        id=clause.id,
                        wording=clause.operative_text,
                        objective=clause.primary_objective,
                        kind=clause.kind,
                        members=[clause.id],
                        confirmed=False,
                    )
                )
            elif position.id not in done:
                done.add(position.id)
                members = [m for m in position.members if m in selected]
                out.append(position.model_copy(update={"members": members}))
        return out
