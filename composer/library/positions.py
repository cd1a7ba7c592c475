"""Positions: clauses that make the same ask, read from ``clauses/positions.yaml`` and checked.

A position is the unit a brief shows (one entry per ask, with everyone who made it), so the
checks here guard what a delegate would read out: every member exists, no clause answers for two
positions, and all members agree on the primary objective and the kind the position files them
under. The file also declares deliberate ``splits`` (one seed sentence quoted by two clauses
because it makes two asks), which the overlap check (:mod:`composer.library.overlap`) accepts.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from composer.errors import Problem
from composer.library.models import Clause, PositionsFile
from composer.library.yamlio import LocatedYaml, read_yaml
from composer.taxonomy import Taxonomy

POSITIONS_FILE = "positions.yaml"


def read_positions(path: Path, display: str, problems: list[Problem]) -> tuple[PositionsFile, LocatedYaml | None]:
    """Parse and validate the positions file; a missing file is an empty one (no positions yet)."""
    if not path.exists():
        return PositionsFile(), None
    doc, problem = read_yaml(path, display)
    if problem:
        problems.append(problem)
        return PositionsFile(), None
    data = doc.data if doc.data is not None else {}
    try:
        return PositionsFile.model_validate(data), doc
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            field = ".".join(str(part) for part in loc if not isinstance(part, int)) or "document"
            message = err["msg"].removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                message = f"unknown field {loc[-1]!r}"
            problems.append(Problem(doc.path, doc.line_of(loc), f"{field}: {message}"))
        return PositionsFile(), doc


def check_positions(
    registry: PositionsFile,
    doc: LocatedYaml | None,
    clauses: dict[str, Clause],
    taxonomy: Taxonomy,
    problems: list[Problem],
) -> None:
    """Dangling ids, a clause in two positions, members disagreeing on objective or kind."""
    if doc is None:
        return
    seen_ids: dict[str, int] = {}
    owner: dict[str, str] = {}
    for index, position in enumerate(registry.positions):
        line = doc.line_of(("positions", index))

        def report(message: str, line: int = line, pid: str = position.id) -> None:
            problems.append(Problem(doc.path, line, f"position {pid}: {message}"))

        if position.id in seen_ids:
            report(f"duplicate position id (first defined at line {seen_ids[position.id]})")
        seen_ids.setdefault(position.id, line)
        if position.id in clauses:
            report("a position id must not be a clause id (briefs use clause ids for one-member positions)")
        if position.objective not in taxonomy.objectives:
            report(f"objective {position.objective} is not a GCM objective; {taxonomy.valid_objectives()}")
        for m_index, member in enumerate(position.members):
            m_line = doc.line_of(("positions", index, "members", m_index))
            clause = clauses.get(member)
            if clause is None:
                report(f"member {member!r} is not a clause id", m_line)
                continue
            earlier = owner.setdefault(member, position.id)
            if earlier != position.id:
                report(f"clause {member} is already a member of position {earlier}", m_line)
            elif position.members.index(member) != m_index:
                report(f"clause {member} is listed twice", m_line)
            if clause.primary_objective != position.objective:
                report(
                    f"member {member} has primary objective {clause.primary_objective}, "
                    f"the position says {position.objective}",
                    m_line,
                )
            if clause.kind != position.kind:
                report(f"member {member} is a {clause.kind}, the position says {position.kind}", m_line)
    for index, split in enumerate(registry.splits):
        for m_index, member in enumerate(split.members):
            if member not in clauses:
                line = doc.line_of(("splits", index, "members", m_index))
                problems.append(Problem(doc.path, line, f"split: member {member!r} is not a clause id"))
