"""Inline content (text, emphasis, brackets, cross-references, footnotes) as Word runs.

Emph and Strong are direct italic/bold (as Pandoc writes them); footnotes become real
``w:footnoteReference`` runs; the small "(proposed by ...)" after a bracket uses the
"Bracket Proposer" character style so a house template can restyle it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.text.run import Run

from composer.model.attribution import attribution
from composer.model.document import Bracket, CrossRef, Emph, Inline, Note, Strong, Text
from composer.model.walk import plain_text
from composer.render.docx.footnotes import FootnoteWriter


@dataclass(frozen=True)
class RunFormat:
    """Direct character formatting in force while descending into Emph/Strong."""

    bold: bool = False
    italic: bool = False
    style_id: str | None = None


class InlineWriter:
    """Writes inline sequences into paragraph elements; footnotes go to the :class:`FootnoteWriter`."""

    def __init__(self, footnotes: FootnoteWriter, proposer_style_id: str) -> None:
        self.footnotes = footnotes
        self.proposer_style_id = proposer_style_id

    def write(self, p: CT_P, inlines: tuple[Inline, ...], fmt: RunFormat | None = None) -> None:
        """Append runs for ``inlines`` to paragraph ``p``."""
        self._write(p, inlines, fmt or RunFormat(), in_note=False)

    def text(self, p: CT_P, text: str, fmt: RunFormat | None = None) -> None:
        """Append one run of plain ``text`` (tabs and line breaks become w:tab / w:br)."""
        _run(p, text, fmt or RunFormat())

    def _write(self, p: CT_P, inlines: tuple[Inline, ...], fmt: RunFormat, in_note: bool) -> None:
        for inline in inlines:
            if isinstance(inline, Text):
                _run(p, inline.text, fmt)
            elif isinstance(inline, Emph):
                self._write(p, inline.content, replace(fmt, italic=not fmt.italic), in_note)
            elif isinstance(inline, Strong):
                self._write(p, inline.content, replace(fmt, bold=True), in_note)
            elif isinstance(inline, CrossRef):
                _run(p, inline.text, replace(fmt, italic=not fmt.italic))
            elif isinstance(inline, Bracket):
                self._bracket(p, inline, fmt, in_note)
            elif isinstance(inline, Note):
                self._note(p, inline, in_note)

    def _bracket(self, p: CT_P, bracket: Bracket, fmt: RunFormat, in_note: bool) -> None:
        """``[alt1 / alt2]`` with bold brackets, then a small italic "(proposed by X, Y)"."""
        _run(p, "[", replace(fmt, bold=True))
        for index, alternative in enumerate(bracket.alternatives):
            if index:
                _run(p, " / ", fmt)
            self._write(p, alternative, fmt, in_note)
        _run(p, "]", replace(fmt, bold=True))
        if bracket.proposed_by:
            _run(p, " ", fmt)
            _run(p, attribution(bracket.proposed_by), RunFormat(style_id=self.proposer_style_id))

    def _note(self, p: CT_P, note: Note, in_note: bool) -> None:
        """A footnote: reference run here, text in the footnotes part. A note inside a note
        cannot exist in Word, so its text is kept inline in parentheses instead."""
        if in_note:
            _run(p, f" ({plain_text(note.content)})", RunFormat())
            return
        if _ends_with_note_reference(p):  # "law^3,4" rather than "law^34"
            _run(p, ",", RunFormat(style_id=self.footnotes.reference_style_id))
        note_id, note_p = self.footnotes.new_note()
        self._write(note_p, note.content, RunFormat(), in_note=True)
        p.append(self.footnotes.reference_run(note_id))


def _ends_with_note_reference(p: CT_P) -> bool:
    last = p[-1] if len(p) else None
    return last is not None and last.find(qn("w:footnoteReference")) is not None


def _run(p: CT_P, text: str, fmt: RunFormat) -> None:
    if not text:
        return
    r = p.add_r()
    run = Run(r, None)  # type: ignore[arg-type]  # no parent needed for direct formatting
    if fmt.style_id:
        r.get_or_add_rPr().style = fmt.style_id
    if fmt.bold:
        run.bold = True
    if fmt.italic:
        run.italic = True
    r.text = text
