"""Typed models of the clause library: sources, actors, clauses.

The pydantic models double as the published JSON Schema (``compose schema``), so an editor
validates a clause file with the same rules ``compose check`` applies. Taxonomy checks (objective
and cluster numbers) read the taxonomy data file, never a copy of it.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from composer.taxonomy import load_taxonomy

ClauseKind = Literal["recommendation", "call_to_action", "guiding_question", "good_practice", "principle"]
ActorRole = Literal[
    "state", "group", "un-entity", "igo", "civil-society", "local-authority", "private-sector", "academic"
]
SpeakerCapacity = Literal["chair", "co-chair", "rapporteur", "panellist"]
LOCATOR_KEYS = ("page", "paragraph", "section", "roundtable", "recommendation", "question")
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class Strict(BaseModel):
    """No unknown fields and no coercion: ``objectives: [true]`` or ``cluster: "1"`` is an error."""

    model_config = ConfigDict(extra="forbid", frozen=False, strict=True)


class LocatorRule(Strict):
    """How to re-derive a locator from the seed (see ``clauses/sources.yaml``)."""

    key: Literal["page", "paragraph", "section", "roundtable", "recommendation", "question"]
    pattern: str
    offset: int = 0
    after: str | None = None
    before: str | None = None

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        from composer.library.locator_re import compile_locator

        compile_locator(value)  # RE2: linear time, so no pattern can hang `compose check`
        return value


class Source(Strict):
    """One seed document and what is known about it."""

    id: str = Field(pattern=ID_PATTERN)
    short_title: str
    title: str
    organisation: str
    event: str
    place: str
    date: str | int
    date_inferred: bool = False
    date_note: str | None = None
    year: int
    seed: str
    original_file: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    locator_keys: list[Literal["page", "paragraph", "section", "roundtable", "recommendation", "question"]]
    locators: list[LocatorRule] = []
    reporting: Literal["summary", "verbatim"] = Field(
        description="summary: a rapporteur's or secretariat's account of what was said (the brief writes "
        "'reported by'); verbatim: the speakers' or authors' own text"
    )

    @field_validator("date", mode="before")
    @classmethod
    def _date_as_text(cls, value: object) -> object:
        return str(value) if not isinstance(value, str) else value


class SourceRegistry(Strict):
    sources: list[Source]


class Actor(Strict):
    """A canonical actor: a state, organisation, group of speakers or person."""

    name: str
    kind: Literal["state", "organisation", "group", "person"]
    role: ActorRole = Field(
        description="What the actor speaks as: a person takes the role of whom they speak for (a mayor: "
        "local-authority)"
    )
    full_name: str | None = None
    aliases: list[str] = []
    affiliation: str | None = None


class ActorRegistry(Strict):
    actors: list[Actor]


class Locator(Strict):
    """Where in its source a clause is: exactly one of page, paragraph, section, ... ."""

    page: int | None = Field(default=None, ge=1)
    paragraph: int | None = Field(default=None, ge=1)
    section: str | None = None
    roundtable: str | None = None
    recommendation: int | None = Field(default=None, ge=1)
    question: int | None = Field(default=None, ge=1)

    @field_validator("roundtable", mode="before")
    @classmethod
    def _roundtable_text(cls, value: object) -> object:
        return str(value) if isinstance(value, (int, float)) else value

    @model_validator(mode="after")
    def _exactly_one(self) -> Locator:
        given = [k for k in LOCATOR_KEYS if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(f"a locator has exactly one of {', '.join(LOCATOR_KEYS)}; got {len(given)}")
        return self

    @property
    def key(self) -> str:
        return next(k for k in LOCATOR_KEYS if getattr(self, k) is not None)

    @property
    def value(self) -> str | int:
        return getattr(self, self.key)


GapLabel = Literal["same", "weaker", "stronger", "partial", "none"]
GAP_LABELS: tuple[str, ...] = ("same", "weaker", "stronger", "partial", "none")


class GcmLink(Strict):
    """The clause's link to the adopted compact (A/RES/73/195), computed or confirmed.

    ``gap`` says what the compact commits to against what the clause asks (docs/trace-labels.md):
    same, weaker, stronger, partial or none. ``refs`` are best first (empty for ``none``);
    ``confirmed`` is true only where a person checked the link; ``why`` is their short reason.
    """

    refs: list[str] = []
    scores: list[float] = []
    gap: GapLabel
    confirmed: bool = False
    why: str | None = None
    method: str | None = None
    fingerprint: str | None = None


class Clause(Strict):
    """One recommendation, call to action, question, practice or principle, with provenance."""

    id: str = Field(pattern=ID_PATTERN, description="Stable, readable, unique id")
    source: str = Field(description="Source id from clauses/sources.yaml")
    locator: Locator
    quote: str = Field(min_length=1, description="Exact substring of the seed")
    text: str = Field(min_length=1, description="The quote with scrape artefacts repaired, not reworded")
    kind: ClauseKind
    actors: list[str] = Field(default=[], description="Who the source says said it (speakers), nobody else")
    capacity: SpeakerCapacity | None = Field(
        default=None, description="The capacity the speaker spoke in (chair, co-chair, rapporteur, panellist)"
    )
    mentioned: list[str] = Field(default=[], description="Actors the clause merely names; they did not say it")
    year: int = Field(ge=1990, le=2100)
    objectives: list[int] = Field(min_length=1, description="GCM objectives 1-23; the first is primary")
    cluster: int = Field(description="2017 thematic cluster 1-6")
    themes: list[str] = Field(min_length=1)
    draft_text: str | None = None
    see_also: list[str] = []
    gcm: GcmLink | None = None

    # Filled in by the loader, never read from YAML.
    _file: str = PrivateAttr(default="")
    _line: int = PrivateAttr(default=0)
    _start: int | None = PrivateAttr(default=None)
    _seed_file: str = PrivateAttr(default="")

    @field_validator("objectives")
    @classmethod
    def _known_objectives(cls, value: list[int]) -> list[int]:
        taxonomy = load_taxonomy()
        for number in value:
            if number not in taxonomy.objectives:
                raise ValueError(f"objective {number} is not a GCM objective; {taxonomy.valid_objectives()}")
        if len(set(value)) != len(value):
            raise ValueError("an objective is listed twice")
        return value

    @field_validator("cluster")
    @classmethod
    def _known_cluster(cls, value: int) -> int:
        taxonomy = load_taxonomy()
        if value not in taxonomy.clusters:
            raise ValueError(f"cluster {value} is not a thematic cluster; {taxonomy.valid_clusters()}")
        return value

    @field_validator("themes")
    @classmethod
    def _kebab_themes(cls, value: list[str]) -> list[str]:
        for theme in value:
            if not re.fullmatch(ID_PATTERN, theme):
                raise ValueError(f"theme {theme!r} is not kebab-case (lowercase words joined by hyphens)")
        return value

    @property
    def file(self) -> str:
        """The clause file this clause was read from, relative to the project root."""
        return self._file

    @property
    def line(self) -> int:
        """The line of the clause's ``- id:`` entry in its file."""
        return self._line

    @property
    def start(self) -> int | None:
        """Character offset of ``quote`` in the decoded seed text; None if not found."""
        return self._start

    @property
    def seed_file(self) -> str:
        return self._seed_file

    @property
    def primary_objective(self) -> int:
        return self.objectives[0]

    @property
    def operative_text(self) -> str:
        """The wording for compact text: ``draft_text`` if curated, else ``text``."""
        return self.draft_text or self.text


class ClauseFile(Strict):
    """The shape of one ``clauses/*.yaml`` file."""

    source: str | None = Field(default=None, description="Default source id for the clauses below")
    clauses: list[Clause]

    @model_validator(mode="before")
    @classmethod
    def _inherit_source(cls, data: object) -> object:
        if isinstance(data, dict) and isinstance(data.get("clauses"), list):
            default = data.get("source")
            for item in data["clauses"]:
                if isinstance(item, dict) and "source" not in item and default is not None:
                    item["source"] = default
        return data


class Position(Strict):
    """Clauses that make the same ask, with one consolidated wording (``clauses/positions.yaml``).

    A position is "the same ask", nothing looser: topic links stay in ``see_also``. Every member
    has the position's ``objective`` as its primary objective and the position's ``kind``.
    """

    id: str = Field(pattern=ID_PATTERN)
    wording: str = Field(min_length=1, description="A consolidated operative sentence a delegate could read out")
    objective: int = Field(description="The members' shared primary GCM objective")
    kind: ClauseKind
    members: list[str] = Field(min_length=1, description="Clause ids, first the most representative")
    confirmed: bool = Field(default=False, description="True once a curator read the members and agreed")
    note: str | None = None


class QuoteSplit(Strict):
    """Clauses that deliberately quote overlapping spans of one seed (one sentence, two asks)."""

    members: list[str] = Field(min_length=2)
    reason: str = Field(min_length=1)


class PositionsFile(Strict):
    """The shape of ``clauses/positions.yaml``."""

    positions: list[Position] = []
    splits: list[QuoteSplit] = []
