"""Real Word footnotes: the ``word/footnotes.xml`` part, written as raw OOXML.

python-docx 1.2 has no footnote API, so this module owns everything footnote-shaped, the way
python-docx keeps its ``oxml/`` apart from its proxies:

* the part (its separators defined once in :mod:`composer.ooxml.notes`): ``<w:footnotes>`` holding the separator (``w:id="-1"``, type ``separator``) and the
  continuation separator (``w:id="0"``), then one ``<w:footnote w:id="N">`` per note, each a
  "Footnote Text" paragraph that opens with a ``<w:footnoteRef/>`` run in "Footnote Reference"
  style (Word draws the note's number there);
* its registration: a relationship of type ``.../relationships/footnotes`` from the main document
  part (python-docx then writes the content-type override into ``[Content_Types].xml``) and
  ``w:footnotePr`` in the settings naming the two separators. A template's own footnotes part is
  replaced in place (same relationship id and part name), so nothing dangles.

The body side is :func:`composer.render.docx.oxml.footnote_reference_run`.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from lxml import etree

from composer.ooxml import notes
from composer.render.docx import oxml

FOOTNOTES_RELTYPE = RT.FOOTNOTES
FOOTNOTES_CONTENT_TYPE = CT.WML_FOOTNOTES
DEFAULT_PARTNAME = "/word/footnotes.xml"

class FootnoteWriter:
    """Collects footnotes while the body is written; numbers them 1, 2, ... in order of appearance."""

    def __init__(self, text_style_id: str, reference_style_id: str) -> None:
        self.root: etree._Element = parse_xml(etree.tostring(notes.new_notes_root("footnote")))
        self.text_style_id = text_style_id
        self.reference_style_id = reference_style_id
        self.count = 0

    def new_note(self) -> tuple[int, etree._Element]:
        """Open footnote number ``count + 1``; return its id and the paragraph to fill with its text."""
        self.count += 1
        note = oxml.element("w:footnote", id=str(self.count))
        p = oxml.element("w:p")
        p_pr = oxml.element("w:pPr")
        p_pr.append(oxml.element("w:pStyle", val=self.text_style_id))
        p.append(p_pr)
        ref_run = oxml.element("w:r")
        r_pr = oxml.element("w:rPr")
        r_pr.append(oxml.element("w:rStyle", val=self.reference_style_id))
        ref_run.append(r_pr)
        ref_run.append(oxml.element("w:footnoteRef"))
        p.append(ref_run)
        p.append(_tab_run())
        note.append(p)
        self.root.append(note)
        return self.count, p

    def reference_run(self, note_id: int) -> etree._Element:
        """The body run that calls footnote ``note_id``."""
        return oxml.footnote_reference_run(self.reference_style_id, note_id)

    def install(self, document: WordDocument) -> None:
        """Attach the footnotes part to ``document`` (replacing a template's own) and declare it."""
        install_footnotes_part(document, self.root)


def _tab_run() -> etree._Element:
    """The tab between the footnote number and its text (Footnote Text has a hanging indent)."""
    r = oxml.element("w:r")
    r.append(oxml.element("w:tab"))
    return r


def install_footnotes_part(document: WordDocument, root: etree._Element) -> XmlPart:
    """Relate a footnotes part holding ``root`` from the main document part; return it."""
    document_part = document.part
    package = document_part.package
    existing = next((rel for rel in document_part.rels.values() if rel.reltype == FOOTNOTES_RELTYPE), None)
    partname = PackURI(existing.target_part.partname if existing is not None else DEFAULT_PARTNAME)
    part = XmlPart(partname, FOOTNOTES_CONTENT_TYPE, root, package)
    if existing is not None:
        document_part.rels.add_relationship(FOOTNOTES_RELTYPE, part, existing.rId)
    else:
        document_part.relate_to(part, FOOTNOTES_RELTYPE)
    oxml.declare_footnote_separators(document.settings.element)
    return part


def footnote_texts(root: etree._Element) -> dict[int, etree._Element]:
    """The real (non-separator) footnotes of a ``w:footnotes`` element, by id (for tests and readers)."""
    return notes.real_notes(root, "footnote", "word/footnotes.xml")
