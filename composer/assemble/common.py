"""Pieces shared by the briefing pack and the draft: options, cover, clause paragraphs."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from composer.assemble.citation import Citer
from composer.library.models import Clause
from composer.model.document import CrossRef, Inline, Para, Strong, Text


@dataclass(frozen=True)
class ComposeOptions:
    """What the user chose beyond the clause selection."""

    date: str | None = None
    version: str = "1"
    delegation: str | None = None
    title: str | None = None

    def resolved_date(self) -> str:
        """The document date: ``--date`` or today (ISO). Outputs are deterministic per date."""
        if self.date:
            try:
                dt.date.fromisoformat(self.date)
            except ValueError:
                from composer.errors import UsageError

                raise UsageError(f"--date {self.date!r} is not a date (use YYYY-MM-DD)") from None
            return self.date
        return dt.date.today().isoformat()


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def gcm_crossref(clause: Clause) -> CrossRef | None:
    """``cf. GCM para 29(h)`` for a clause traced to agreed language (any gap label but none)."""
    link = clause.gcm
    if link is None or link.gap == "none" or not link.refs:
        return None
    return CrossRef(f"cf. GCM {link.refs[0]}", link.refs[0])


GENERIC_ACTORS = frozenset({"participants", "co-chairs", "chair", "rapporteur"})


def speaker_label(citer: Citer, clause: Clause) -> str:
    """Who said it, as a brief shows it: ``Lesotho``, ``William Gois (Migrant Forum in Asia)``.

    Generic groups (participants, chairs) are left to the footnote; persons carry their
    affiliation unless it is listed too.
    """
    actors = citer.library.actors
    names = []
    for name in clause.actors:
        if name in GENERIC_ACTORS:
            continue
        affiliation = actors.affiliation_of(name)
        if affiliation != name and affiliation not in clause.actors:
            names.append(f"{name} ({affiliation})")
        else:
            names.append(name)
    return ", ".join(names)


def clause_inlines(
    citer: Citer, clause: Clause, text: str | None = None, *, crossref: bool = True
) -> tuple[Inline, ...]:
    """A clause as a brief shows it, with its provenance footnote and GCM cross-reference.

    Recommendations lead with their operative wording in bold (``draft_text``), then who said
    it and the words as recorded, in quotation marks: a quote cut from mid-sentence ("And
    opposed detention centres.") only reads well beside its summary and speaker.
    """
    words = (text or clause.text).strip()
    speaker = speaker_label(citer, clause)
    inlines: list[Inline] = []
    if clause.draft_text and text is None:
        summary = clause.draft_text.rstrip().rstrip(".;") + "."
        inlines += [Strong((Text(summary),)), Text(" ")]
        inlines.append(Text(f"{speaker}: \u201c{words}\u201d" if speaker else f"\u201c{words}\u201d"))
    elif speaker:
        inlines.append(Text(f"{speaker}: \u201c{words}\u201d"))
    else:
        inlines.append(Text(words[:1].upper() + words[1:]))
    inlines.append(citer.note(clause))
    ref = gcm_crossref(clause) if crossref else None
    if ref is not None:
        inlines += [Text(" ("), ref, Text(")")]
    return tuple(inlines)


def clause_para(citer: Citer, clause: Clause, *, numbered: bool = True) -> Para:
    return Para(clause_inlines(citer, clause), id=clause.id, numbered=numbered)
