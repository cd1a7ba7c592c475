"""Raw WordprocessingML for tracked changes: runs, w:ins/w:del, moves, paragraph marks, footnotes.

All OOXML strings of the DOCX redline live here, the way python-docx keeps ``oxml`` apart from
its API. Revision ids come from one counter so they are unique across the whole package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from composer.compare.changes import DELETE, EQUAL, INSERT, Piece
from composer.ooxml.ns import W_NS, w

_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_PIECES = re.compile(r"(\t|\n)")


@dataclass
class Revisions:
    """Author, date and the package-wide revision id counter."""

    author: str
    date: str | None
    next_id: int = 1
    #: Character style of a bracket's attribution ("Bracket Proposer" of our reference DOCX).
    proposer_style: str | None = None
    move_names: dict[int, str] = field(default_factory=dict)

    def attrs(self) -> str:
        """``w:id``, ``w:author`` and (when known) ``w:date`` attributes of a new revision."""
        out = f' w:id="{self.next_id}" w:author={quoteattr(self.author)}'
        self.next_id += 1
        return out + (f' w:date="{self.date}"' if self.date else "")


def text_xml(text: str, deleted: bool) -> str:
    """Run content for ``text``: w:t (or w:delText) with tabs and line breaks as elements."""
    tag = "w:delText" if deleted else "w:t"
    out = []
    for part in _PIECES.split(_BAD_XML.sub("", text)):
        if part == "\t":
            out.append("<w:tab/>")
        elif part == "\n":
            out.append("<w:br/>")
        elif part:
            out.append(f'<{tag} xml:space="preserve">{escape(part)}</{tag}>')
    return "".join(out)


def rpr_xml(fmt: int, extra: str = "", proposer_style: str | None = None) -> str:
    """Run properties of formatting bits (1 italic, 2 bold, 4 a bracket's attribution: its
    character style when the package has one, else italic)."""
    style = ""
    if fmt & 4:
        style = f'<w:rStyle w:val="{escape(proposer_style)}"/>' if proposer_style else "<w:i/>"
    props = style + ("<w:b/>" if fmt & 2 else "") + ("<w:i/>" if fmt & 1 else "") + extra
    return f"<w:rPr>{props}</w:rPr>" if props else ""


def run_xml(text: str, fmt: int, deleted: bool = False, proposer_style: str | None = None) -> str:
    return f"<w:r>{rpr_xml(fmt, proposer_style=proposer_style)}{text_xml(text, deleted)}</w:r>"


def note_ref_xml(note_id: int, ref_style: str | None, fmt: int = 0) -> str:
    """A footnote reference run (styled, or plain superscript when the template has no style)."""
    style = f'<w:rStyle w:val="{ref_style}"/>' if ref_style else '<w:vertAlign w:val="superscript"/>'
    props = f"<w:rPr>{style}{'<w:b/>' if fmt & 2 else ''}</w:rPr>"
    return f'<w:r>{props}<w:footnoteReference w:id="{note_id}"/></w:r>'


def wrap(op: str, content: str, revisions: Revisions) -> str:
    """Wrap run XML in w:ins / w:del according to ``op`` (``=`` leaves it plain)."""
    if not content or op == EQUAL:
        return content
    tag = "w:ins" if op == INSERT else "w:del"
    return f"<{tag}{revisions.attrs()}>{content}</{tag}>"


def pieces_xml(pieces: list[Piece], revisions: Revisions, note_ref: callable) -> str:  # type: ignore[valid-type]
    """Runs for diff pieces; ``note_ref(piece)`` returns the run XML of a footnote reference."""
    out: list[str] = []
    pending_op: str | None = None
    pending: list[str] = []

    def flush() -> None:
        if pending:
            out.append(wrap(pending_op or EQUAL, "".join(pending), revisions))
            pending.clear()

    for piece in pieces:
        if piece.op != pending_op:
            flush()
            pending_op = piece.op
        if piece.note >= 0:
            pending.append(note_ref(piece))
        else:
            pending.append(run_xml(piece.text, piece.fmt, deleted=piece.op == DELETE,
                                   proposer_style=revisions.proposer_style))
    flush()
    return "".join(out)


def move_xml(kind: str, name: str, content: str, revisions: Revisions) -> str:
    """A w:moveFrom or w:moveTo region with its named range markers around it."""
    range_id = revisions.next_id
    revisions.next_id += 1
    date = f' w:date="{revisions.date}"' if revisions.date else ""
    start = f'<w:{kind}RangeStart w:id="{range_id}" w:name="{name}" w:author={quoteattr(revisions.author)}{date}/>'
    end = f'<w:{kind}RangeEnd w:id="{range_id}"/>'
    return f"{start}<w:{kind}{revisions.attrs()}>{content}</w:{kind}>{end}"


def paragraph_xml(ppr: bytes | None, mark: str | None, content: str, revisions: Revisions) -> str:
    """A paragraph with properties ``ppr`` (XML of w:pPr) and a tracked paragraph mark ``mark``.

    ``mark`` is ``ins``, ``del``, ``moveFrom``, ``moveTo`` or None (an untracked mark).
    """
    ppr_xml = ppr_with_mark(ppr, mark, revisions)
    return f"<w:p>{ppr_xml}{content}</w:p>"


def ppr_with_mark(ppr: bytes | None, mark: str | None, revisions: Revisions) -> str:
    if mark is None:
        return _strip_ns(etree.tostring(etree.fromstring(ppr)).decode()) if ppr else ""
    element = etree.fromstring(ppr) if ppr else etree.Element(w("pPr"), nsmap={"w": W_NS})
    rpr = etree.SubElement(element, w("rPr"))
    change = etree.SubElement(rpr, w(mark))
    change.set(w("id"), str(revisions.next_id))
    revisions.next_id += 1
    change.set(w("author"), revisions.author)
    if revisions.date:
        change.set(w("date"), revisions.date)
    return _strip_ns(etree.tostring(element).decode())


def _strip_ns(xml: str) -> str:
    """Drop the ``w`` namespace declaration the document root already makes."""
    return xml.replace(f' xmlns:w="{W_NS}"', "", 1)


def sanitize_foreign_ppr(ppr: bytes | None, known_styles: set[str]) -> bytes | None:
    """Paragraph properties of an old-only paragraph, made safe for the new draft's package.

    Numbering ids and style ids belong to the old package; keep a style only if the new draft
    defines it, and drop list numbering.
    """
    if not ppr:
        return None
    element = etree.fromstring(ppr)
    for child in list(element):
        if child.tag == w("numPr") or (child.tag == w("pStyle") and child.get(w("val")) not in known_styles):
            element.remove(child)
    return etree.tostring(element)


def style_ppr(style_id: str | None) -> bytes | None:
    if not style_id:
        return None
    return f'<w:pPr xmlns:w="{W_NS}"><w:pStyle w:val="{escape(style_id)}"/></w:pPr>'.encode()
