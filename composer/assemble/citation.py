"""Provenance footnotes: a clause's source, locator, actors and year, formatted by a template.

The first footnote citing a source gives the full reference (organisation, event, place, date);
later ones give the short title and locator, as legal and UN documents do. A :class:`Citer`
belongs to one document and is used in reading order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from composer.library import Library
from composer.library.models import Clause
from composer.model.document import Note, Provenance, Text
from composer.templating import environment


def provenance_of(clause: Clause) -> Provenance:
    return Provenance(
        clause_id=clause.id,
        source_id=clause.source,
        locator_key=clause.locator.key,
        locator_value=str(clause.locator.value),
        actors=tuple(clause.actors),
        year=clause.year,
    )


def citation_text(library: Library, clause: Clause, *, first: bool = True) -> str:
    """The footnote text for ``clause``, from ``templates/citation.txt.j2``."""
    template = environment().get_template("citation.txt.j2")
    text = template.render(
        source=library.source(clause.source),
        first=first,
        locator_key=clause.locator.key,
        locator_value=clause.locator.value,
        actors=clause.actors,
        year=clause.year,
        clause_id=clause.id,
    )
    return " ".join(text.split())


@dataclass
class Citer:
    """Makes the provenance footnotes of one document, full form first, short form after."""

    library: Library
    cited_sources: set[str] = field(default_factory=set)

    def note(self, clause: Clause) -> Note:
        first = clause.source not in self.cited_sources
        self.cited_sources.add(clause.source)
        return Note((Text(citation_text(self.library, clause, first=first)),), provenance_of(clause))
