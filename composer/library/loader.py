"""Load ``clauses/`` and ``seeds/`` into a :class:`Library`, collecting every problem on the way.

Loading never stops at the first problem: ``compose check`` wants them all, each as
``file:line: message``. Commands that compose documents call ``raise_if_invalid()`` afterwards.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from composer.errors import Problem
from composer.library.faithful import compare_text_to_quote
from composer.library.library import ActorIndex, Library
from composer.library.links import apply_trace
from composer.library.models import ActorRegistry, Clause, Source, SourceRegistry
from composer.library.overlap import check_overlaps
from composer.library.positions import POSITIONS_FILE, check_positions, read_positions
from composer.library.provenance import check_locator, find_quote, line_col, longest_matching_prefix
from composer.library.yamlio import LocatedYaml, read_yaml
from composer.taxonomy import load_taxonomy

SOURCES_FILE = "sources.yaml"
ACTORS_FILE = "actors.yaml"
TRACE_FILE = "gcm-trace.yaml"
LABELS_FILE = "gcm-labels.yaml"
REGISTRY_FILES = {SOURCES_FILE, ACTORS_FILE, TRACE_FILE, LABELS_FILE, POSITIONS_FILE}
DRAFTING_KINDS = {"recommendation", "call_to_action"}
#: "Colombia: on access to justice ..." -- a speaker's label opening a clause's text.
SPEAKER_LABEL = re.compile(r"([A-Z][\w .'-]{0,60}?)\s*:\s")
#: Words that name a meeting capacity (``capacity:``), not an actor, keyed without a plural "s".
CAPACITY_WORDS = {"chair": "chair", "co-chair": "co-chair", "rapporteur": "rapporteur", "panellist": "panellist"}


def _pydantic_problems(
    doc: LocatedYaml, exc: ValidationError, prefix: tuple[Any, ...] = (), label: str | None = None
) -> list[Problem]:
    """One Problem per validation error, located at the line of the offending value."""
    problems = []
    for err in exc.errors():
        loc = prefix + tuple(err["loc"])
        field = ".".join(str(part) for part in err["loc"] if not isinstance(part, int))
        where = ": ".join(part for part in (label, field) if part) or "document"
        message = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            message = f"unknown field {loc[-1]!r}"
        problems.append(Problem(doc.path, doc.line_of(loc), f"{where}: {message}"))
    return problems


def _validate(doc: LocatedYaml, model: type[BaseModel], problems: list[Problem]) -> Any:
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        problems.extend(_pydantic_problems(doc, exc))
        return None


def _display(root: Path, path: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _load_sources(root: Path, clauses_dir: Path, problems: list[Problem]) -> tuple[dict[str, Source], dict[str, str]]:
    path = clauses_dir / SOURCES_FILE
    doc, problem = read_yaml(path, _display(root, path))
    if problem:
        problems.append(problem)
        return {}, {}
    registry = _validate(doc, SourceRegistry, problems)
    if registry is None:
        return {}, {}
    sources: dict[str, Source] = {}
    seeds: dict[str, str] = {}
    for index, source in enumerate(registry.sources):
        line = doc.line_of(("sources", index))
        if source.id in sources:
            problems.append(Problem(doc.path, line, f"duplicate source id {source.id!r}"))
            continue
        sources[source.id] = source
        seed_path = root / source.seed
        try:
            raw = seed_path.read_bytes()
        except OSError:
            problems.append(Problem(doc.path, line, f"seed {source.seed} of source {source.id!r} is missing"))
            continue
        digest = hashlib.sha256(raw).hexdigest()
        if digest != source.sha256:
            problems.append(
                Problem(
                    doc.path,
                    line,
                    f"seed {source.seed} no longer matches its sha256 (expected {source.sha256[:16]}..., "
                    f"found {digest[:16]}...): seeds must stay byte for byte as received",
                )
            )
        try:
            seeds[source.id] = raw.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(Problem(doc.path, line, f"seed {source.seed} is not UTF-8 text"))
    return sources, seeds


def _load_actors(root: Path, clauses_dir: Path, problems: list[Problem]) -> ActorIndex:
    path = clauses_dir / ACTORS_FILE
    doc, problem = read_yaml(path, _display(root, path))
    if problem:
        problems.append(problem)
        return ActorIndex([])
    registry = _validate(doc, ActorRegistry, problems)
    if registry is None:
        return ActorIndex([])
    seen: dict[str, str] = {}
    names = {a.name for a in registry.actors}
    for index, actor in enumerate(registry.actors):
        line = doc.line_of(("actors", index))
        for spelling in (actor.name, actor.full_name, *actor.aliases):
            if not spelling:
                continue
            owner = seen.setdefault(spelling.casefold(), actor.name)
            if owner != actor.name or (spelling == actor.name and list(names).count(actor.name) > 1):
                problems.append(Problem(doc.path, line, f"actor spelling {spelling!r} is already used by {owner!r}"))
        if actor.affiliation and actor.affiliation not in names:
            problems.append(Problem(doc.path, line, f"affiliation {actor.affiliation!r} is not a registered actor"))
    return ActorIndex(registry.actors)


def _load_clause_file(doc: LocatedYaml, problems: list[Problem]) -> list[Clause]:
    """Validate a clause file entry by entry, so one bad clause does not hide the others."""
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("clauses"), list):
        problems.append(Problem(doc.path, doc.line_of(()), "a clause file needs a top-level `clauses:` list"))
        return []
    extra = set(data) - {"source", "clauses"}
    if extra:
        problems.append(Problem(doc.path, doc.line_of((sorted(extra)[0],)), f"unknown field {sorted(extra)[0]!r}"))
    default_source = data.get("source")
    clauses = []
    for index, item in enumerate(data["clauses"]):
        loc = ("clauses", index)
        if isinstance(item, dict) and "source" not in item and default_source is not None:
            item = {**item, "source": default_source}
        try:
            clause = Clause.model_validate(item)
        except ValidationError as exc:
            label = str(item.get("id")) if isinstance(item, dict) and item.get("id") else f"clause {index + 1}"
            problems.extend(_pydantic_problems(doc, exc, loc, label))
            continue
        clause._file = doc.path
        clause._line = doc.line_of(loc)
        clauses.append(clause)
    return clauses


def _check_clause(clause: Clause, library: Library, problems: list[Problem]) -> None:
    def report(message: str, severity: str = "error") -> None:
        problems.append(Problem(clause.file, clause.line, f"{clause.id}: {message}", severity))

    source = library.sources.get(clause.source)
    if source is None:
        report(f"unknown source {clause.source!r}; valid sources are {', '.join(library.sources) or '(none)'}")
        return
    clause._seed_file = source.seed
    if clause.locator.key not in source.locator_keys:
        report(f"locator {clause.locator.key!r} does not apply to {source.id}; use {' or '.join(source.locator_keys)}")
    seed = library.seeds.get(source.id)
    if seed is not None:
        match = find_quote(seed, clause.quote)
        if not match.found:
            length, end = longest_matching_prefix(seed, clause.quote)
            if length:
                line, col = line_col(seed, end)
                report(
                    f"quote not found in {source.seed}: it matches up to {clause.quote[max(0, length - 30) : length]!r} "
                    f"(seed line {line}, column {col}), then differs"
                )
            else:
                report(f"quote not found in {source.seed}")
        else:
            chosen, mismatch = match.starts[0], None
            for start in match.starts:
                mismatch = check_locator(seed, start, source, clause.locator.key, clause.locator.value)
                if mismatch is None:
                    chosen = start
                    break
            clause._start = chosen
            if mismatch is not None:
                report(mismatch)
    fidelity = compare_text_to_quote(clause.quote, clause.text)
    if not fidelity.ok:
        report(f"text is not a faithful repair of quote: {fidelity.describe()}")
    for field_name, names in (("actor", clause.actors), ("mentioned actor", clause.mentioned)):
        for actor in names:
            if actor.casefold().rstrip("s") in CAPACITY_WORDS:
                report(
                    f"{field_name} {actor!r} is a capacity, not an actor: write `capacity: "
                    f"{CAPACITY_WORDS[actor.casefold().rstrip('s')]}` and name who held it in `actors`"
                )
                continue
            if actor not in library.actors:
                canonical = library.actors.canonical(actor)
                hint = f"; write {canonical!r}" if canonical else ""
                close = library.actors.suggestions(actor)
                if not canonical and close:
                    hint = f"; did you mean {', '.join(close)}?"
                report(f"{field_name} {actor!r} is not in clauses/actors.yaml{hint}")
    for name in sorted(set(clause.actors) & set(clause.mentioned)):
        report(f"{name!r} is both a speaker (actors) and merely mentioned (mentioned); keep one")
    for name in sorted({n for n in clause.actors if clause.actors.count(n) > 1}):
        report(f"actor {name!r} is listed twice")
    label = SPEAKER_LABEL.match(clause.text)
    if label and library.actors.canonical(label.group(1)) in {
        *clause.actors,
        *map(library.actors.affiliation_of, clause.actors),
    }:
        report(
            f"text starts with the speaker's label {label.group(0).strip()!r}: quote from after it "
            "(the brief names the speaker; it would print the name twice)"
        )
    for name in clause.actors:
        affiliation = library.actors.affiliation_of(name)
        if affiliation != name and affiliation in clause.actors:
            report(f"{affiliation!r} is {name}'s affiliation and follows from it; list only {name!r}")
    if clause.kind in DRAFTING_KINDS and not clause.draft_text:
        report(f"{clause.kind} without draft_text (operative wording for compact text)", "warning")


def load_library(root: Path | str) -> Library:
    """Read the library under ``root`` (the project folder holding ``clauses/`` and ``seeds/``)."""
    root = Path(root).resolve()
    clauses_dir = root / "clauses"
    problems: list[Problem] = []
    if not clauses_dir.is_dir():
        problems.append(Problem(str(clauses_dir), 1, "no clauses/ folder here (use --library PATH)"))
    sources, seeds = _load_sources(root, clauses_dir, problems) if clauses_dir.is_dir() else ({}, {})
    actors = _load_actors(root, clauses_dir, problems) if clauses_dir.is_dir() else ActorIndex([])
    clauses: list[Clause] = []
    for path in sorted(clauses_dir.glob("*.yaml")) if clauses_dir.is_dir() else []:
        if path.name in REGISTRY_FILES:
            continue
        doc, problem = read_yaml(path, _display(root, path))
        if problem:
            problems.append(problem)
            continue
        clauses.extend(_load_clause_file(doc, problems))
    if clauses_dir.is_dir():
        problems.extend(apply_trace(root, clauses))
    library = Library(root, load_taxonomy(), sources, actors, clauses, seeds, problems)
    first_seen: dict[str, Clause] = {}
    for clause in clauses:
        earlier = first_seen.setdefault(clause.id, clause)
        if earlier is not clause:
            problems.append(
                Problem(
                    clause.file,
                    clause.line,
                    f"duplicate id {clause.id!r} (first defined at {earlier.file}:{earlier.line})",
                )
            )
        _check_clause(clause, library, problems)
    positions_path = clauses_dir / POSITIONS_FILE
    registry, positions_doc = (
        read_positions(positions_path, _display(root, positions_path), problems)
        if clauses_dir.is_dir()
        else (None, None)
    )
    if registry is not None:
        library.positions, library.splits = registry.positions, registry.splits
        check_positions(registry, positions_doc, first_seen, library.taxonomy, problems)
        split_lines = (
            [positions_doc.line_of(("splits", i)) for i in range(len(registry.splits))] if positions_doc else []
        )
        check_overlaps(clauses, registry.splits, _display(root, positions_path), split_lines, problems)
    for clause in clauses:
        for other in clause.see_also:
            if other == clause.id:
                problems.append(Problem(clause.file, clause.line, f"{clause.id}: see_also names the clause itself"))
            elif other not in first_seen:
                problems.append(
                    Problem(clause.file, clause.line, f"{clause.id}: see_also names unknown clause {other!r}")
                )
    return library
