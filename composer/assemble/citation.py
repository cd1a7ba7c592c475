"""Provenance footnotes: a clause's source, locator, actors and year, formatted by a template."""

from __future__ import annotations

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


def citation_text(library: Library, clause: Clause) -> str:
    """The footnote text for ``clause``, from ``templates/citation.txt.j2``."""
    template = environment().get_template("citation.txt.j2")
    text = template.render(
        source=library.source(clause.source),
        locator_key=clause.locator.key,
        locator_value=clause.locator.value,
        actors=clause.actors,
        year=clause.year,
        clause_id=clause.id,
    )
    return " ".join(text.split())


def provenance_note(library: Library, clause: Clause) -> Note:
    """A footnote citing ``clause``: the citation as text, the provenance as data."""
    return Note((Text(citation_text(library, clause)),), provenance_of(clause))
