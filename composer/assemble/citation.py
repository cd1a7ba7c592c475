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


def citation_text(
    library: Library, clause: Clause, *, first: bool = True, name_speakers: bool = True, also: tuple[Clause, ...] = ()
) -> str:
    """The footnote text for ``clause``, from ``templates/citation.txt.j2``.

    ``name_speakers`` is False where the text beside the note already names who said it: the
    speaker is printed once, not again in the note. ``also`` are further clauses of the same
    source and locator kind, cited in the same reference ("pp. 38, 40 and 64").
    """
    template = environment().get_template("citation.txt.j2")
    source = library.source(clause.source)
    values = list(dict.fromkeys(str(c.locator.value) for c in (clause, *also)))
    joined = values[0] if len(values) == 1 else ", ".join(values[:-1]) + " and " + values[-1]
    text = template.render(
        source=source,
        first=first,
        locator_key=clause.locator.key,
        locator_value=joined,
        locator_count=len(values),
        actors=clause.actors if name_speakers else [],
        reporting=getattr(source, "reporting", "verbatim"),
        year=clause.year,
        clause_id=clause.id,
    )
    return " ".join(text.split())


@dataclass
class Citer:
    """Makes the provenance footnotes of one document, full form first, short form after."""

    library: Library
    cited_sources: set[str] = field(default_factory=set)

    def note(self, clause: Clause, *, name_speakers: bool = True) -> Note:
        """One clause's footnote (full reference the first time its source is cited)."""
        return self.notes([clause], name_speakers=name_speakers)

    def notes(self, clauses: list[Clause], *, name_speakers: bool = False) -> Note:
        """One footnote citing every clause in ``clauses`` (one supporter's statements), joined by ``;``."""
        groups: dict[tuple[str, str, int, tuple[str, ...]], list[Clause]] = {}
        for clause in clauses:
            speakers = tuple(clause.actors) if name_speakers else ()
            groups.setdefault((clause.source, clause.locator.key, clause.year, speakers), []).append(clause)
        parts = []
        for group in groups.values():
            head = group[0]
            first = head.source not in self.cited_sources
            self.cited_sources.add(head.source)
            text = citation_text(self.library, head, first=first, name_speakers=name_speakers, also=tuple(group[1:]))
            parts.append(text.rstrip("."))
        return Note((Text("; ".join(parts) + "."),), provenance_of(clauses[0]))
