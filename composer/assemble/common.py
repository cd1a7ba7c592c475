"""Pieces shared by the briefing pack and the draft: options, cover, clause paragraphs."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from composer.assemble.citation import Citer
from composer.library.models import Clause
from composer.model.document import CrossRef, Inline, Para, Text


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
    """``cf. GCM para 29(h)`` for a clause traced to agreed language (same or related)."""
    link = clause.gcm
    if link is None or link.strength == "none" or not link.refs:
        return None
    return CrossRef(f"cf. GCM {link.refs[0]}", link.refs[0])


def clause_inlines(
    citer: Citer, clause: Clause, text: str | None = None, *, crossref: bool = True
) -> tuple[Inline, ...]:
    """The clause's words followed by its provenance footnote (and the GCM cross-reference)."""
    words = (text or clause.text).strip()
    # A quote cut from mid-sentence starts lower-case; as a paragraph of its own it reads as one.
    words = words[:1].upper() + words[1:]
    inlines: list[Inline] = [Text(words), citer.note(clause)]
    ref = gcm_crossref(clause) if crossref else None
    if ref is not None:
        inlines += [Text(" ("), ref, Text(")")]
    return tuple(inlines)


def clause_para(citer: Citer, clause: Clause, *, numbered: bool = True) -> Para:
    return Para(clause_inlines(citer, clause), id=clause.id, numbered=numbered)
