"""Inline content to HTML: text, emphasis, brackets, cross-references and footnotes.

Footnotes are numbered here, in reading order, so that note *n* in the HTML is
``walk.document_notes(doc)[n-1]``; the PDF safety check relies on that. How a note shows depends
on the :class:`NoteMode`: a CSS ``float: footnote`` span for paged media, or a superscript link
to an endnote list for browsers (which do not lay out footnotes) and for the PDF fallback.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from composer.model.attribution import attribution
from composer.model.document import Bracket, CrossRef, Emph, Inline, Note, Strong, Text


class NoteMode(enum.Enum):
    """Where footnote text goes."""

    FOOTNOTES = "footnotes"  # at the foot of the page (WeasyPrint, float: footnote)
    ENDNOTES = "endnotes"  # one numbered list at the end of the document (screen)
    SECTION_ENDNOTES = "section-endnotes"  # a list after each top-level section (PDF fallback)


@dataclass(frozen=True)
class NoteView:
    """One numbered footnote as rendered: its number, its HTML and its plain text."""

    number: int
    html: Markup
    text: str  # as shown (nested notes included), for the PDF safety check


@dataclass
class InlineWriter:
    """Renders inline sequences, numbering notes across the whole document as it goes."""

    mode: NoteMode
    notes: list[NoteView] = field(default_factory=list)
    pending: list[NoteView] = field(default_factory=list)
    _note_depth: int = 0

    def render(self, inlines: tuple[Inline, ...]) -> Markup:
        """The HTML of ``inlines``; notes met on the way get the next numbers."""
        return Markup("").join(self._inline(inline) for inline in inlines)

    def take_pending(self) -> list[NoteView]:
        """Notes rendered since the last call, for an endnote list placed after them."""
        taken, self.pending = self.pending, []
        return taken

    def _inline(self, inline: Inline) -> Markup:
        if isinstance(inline, Text):
            return escape(inline.text)
        if isinstance(inline, Emph):
            return Markup("<em>{}</em>").format(self.render(inline.content))
        if isinstance(inline, Strong):
            return Markup("<strong>{}</strong>").format(self.render(inline.content))
        if isinstance(inline, CrossRef):
            return Markup('<span class="crossref" data-target="{}">{}</span>').format(inline.target, inline.text)
        if isinstance(inline, Bracket):
            return self._bracket(inline)
        if isinstance(inline, Note):
            return self._note(inline)
        raise TypeError(f"not an inline: {type(inline).__name__}")

    def _bracket(self, bracket: Bracket) -> Markup:
        sep = Markup('<span class="bracket-sep"> / </span>')
        body = sep.join(self.render(alt) for alt in bracket.alternatives)
        mark = '<b class="bracket-mark">{}</b>'
        html = Markup(f'<span class="bracket">{mark}{{}}{mark}</span>').format("[", body, "]")
        if bracket.proposed_by:
            html += Markup(' <span class="proposed-by">{}</span>').format(attribution(bracket.proposed_by))
        return html

    def _note(self, note: Note) -> Markup:
        if self._note_depth:
            # A note inside a note (the model allows it, no assembler makes it; walk.iter_notes
            # does not count it) is shown in parentheses inside its parent.
            return Markup(" ({})").format(self.render(note.content))
        number = len(self.notes) + 1
        self._note_depth += 1
        try:
            content = self.render(note.content)
        finally:
            self._note_depth -= 1
        view = NoteView(number, content, content.striptags())
        self.notes.append(view)
        self.pending.append(view)
        if self.mode is NoteMode.FOOTNOTES:
            return Markup('<span class="footnote" id="fn-{n}" data-n="{n}">{c}</span>').format(n=number, c=content)
        return Markup('<sup class="note-ref"><a href="#note-{n}" id="note-ref-{n}">{n}</a></sup>').format(n=number)
