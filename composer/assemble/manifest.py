"""Draft manifests: a versionable YAML description of a draft compact text.

A manifest lists objectives and, under each, the actions in order: a clause (by id, optionally
with its wording overridden), free text, or square-bracketed alternatives, optionally
attributed to the delegations proposing them. Successive drafts are successive manifests, so
``compose diff zero-draft.yaml rev1.yaml`` compares them through the model.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from composer.errors import InputDocumentError
from composer.library.yamlio import LocatedYaml, read_yaml


class _Strict(BaseModel):
    """No unknown fields and no coercion (``objective: true`` or ``"3"`` is an error, not 1 or 3)."""

    model_config = ConfigDict(extra="forbid", strict=True)


class ManifestAction(_Strict):
    """One lettered action: from a clause, or free text, or bracketed alternatives."""

    id: str | None = Field(default=None, description="Stable id; defaults to the clause id")
    clause: str | None = None
    text: str | None = Field(default=None, description="Wording override (else the clause's draft_text)")
    alternatives: list[str] = Field(default=[], description="Bracketed options, shown as [A / B]")
    proposed_by: list[str] = []

    @model_validator(mode="after")
    def _has_content(self) -> ManifestAction:
        if not (self.clause or self.text or self.alternatives):
            raise ValueError("an action needs a clause, a text or alternatives")
        if self.alternatives and len(self.alternatives) < 2:
            raise ValueError("alternatives need at least two options")
        return self


class ManifestObjective(_Strict):
    objective: int
    id: str | None = None
    commitment: str | None = Field(default=None, description="The 'We commit to ...' paragraph")
    actions: list[ManifestAction] = []


class DraftManifest(_Strict):
    title: str = "Global Compact for Safe, Orderly and Regular Migration"
    subtitle: str | None = None
    version: str = "1"
    date: str | None = None
    status: str = "Draft"
    symbol: str | None = Field(default=None, description="Document symbol for the UN-style header block")
    distribution: str = Field(default="Limited", description="Distribution shown in the header block")
    preamble: list[str] = []
    objectives: list[ManifestObjective]

    @model_validator(mode="before")
    @classmethod
    def _dates_as_text(cls, data: object) -> object:
        if isinstance(data, dict):
            for key in ("date", "version"):
                if key in data and data[key] is not None and not isinstance(data[key], str):
                    data[key] = str(data[key])
        return data


def load_manifest(path: Path | str) -> DraftManifest:
    """Read and validate a manifest; problems are reported as ``file:line: message``."""
    path = Path(path)
    doc, problem = read_yaml(path, str(path))
    if problem:
        raise InputDocumentError(str(problem))
    try:
        manifest = DraftManifest.model_validate(doc.data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "manifest"
        more = f" (and {len(exc.errors()) - 1} more)" if len(exc.errors()) > 1 else ""
        raise InputDocumentError(
            f"{path}:{doc.line_of(tuple(err['loc']))}: {where}: {err['msg'].removeprefix('Value error, ')}{more}"
        ) from None
    _check_manifest(manifest, doc, path)
    return manifest


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _check_manifest(manifest: DraftManifest, doc: LocatedYaml, path: Path) -> None:
    """What the schema cannot say: a real date, at least one objective, each once, unique action ids.

    A manifest with no objectives would render an empty draft, a repeated objective or action id
    two paragraphs with one bookmark: refused, one line with the file and line.
    """
    def fail(loc: tuple[object, ...], message: str) -> None:
        raise InputDocumentError(f"{path}:{doc.line_of(loc)}: {message}")

    if manifest.date is not None:
        try:
            valid = bool(_ISO_DATE.match(manifest.date)) and dt.date.fromisoformat(manifest.date) is not None
        except ValueError:
            valid = False
        if not valid:
            fail(("date",), f"date: {manifest.date!r} is not a date (use YYYY-MM-DD)")
    if not manifest.objectives:
        fail(("objectives",), "objectives: a manifest needs at least one objective")
    seen_objectives: dict[int, int] = {}
    seen_actions: dict[str, int] = {}
    for index, entry in enumerate(manifest.objectives):
        if entry.objective in seen_objectives:
            fail(("objectives", index, "objective"), f"objective {entry.objective} is listed twice "
                 f"(first at line {seen_objectives[entry.objective]})")
        seen_objectives[entry.objective] = doc.line_of(("objectives", index, "objective"))
        for number, action in enumerate(entry.actions):
            action_id = action.id or action.clause
            if action_id is None:
                continue
            loc = ("objectives", index, "actions", number)
            if action_id in seen_actions:
                fail(loc, f"action id {action_id!r} is used twice (first at line {seen_actions[action_id]}); "
                     "give the second an `id:`")
            seen_actions[action_id] = doc.line_of(loc)
