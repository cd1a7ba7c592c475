"""LibreOffice-made outside documents: flat ODT written here, converted to DOCX by soffice.

Why: a redline of "any Word document" meets LibreOffice's DOCX writer daily (delegations
without Word, converted PDFs); its XML differs from Word's (frames as text boxes, its own
field and note markup), so the set must hold some of it.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from xml.sax.saxutils import escape

from tests.outside.pairs import BLUE, RED

FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
 <style:style style:name="Standard" style:family="paragraph"/>
 <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph">
  <style:text-properties fo:font-size="16pt" fo:font-weight="bold"/></style:style>
</office:styles>
<office:automatic-styles>
 <style:style style:name="Bold" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
 <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
   fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm"/>
  <style:header-style/><style:footer-style/></style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="pm1">
  <style:header><text:p>{header}</text:p></style:header>
  <style:footer><text:p>Page <text:page-number text:select-page="current">1</text:page-number></text:p></style:footer>
 </style:master-page>
</office:master-styles>
<office:body><office:text>
"""
FODT_TAIL = "</office:text></office:body></office:document>\n"


@dataclass(frozen=True)
class LoDoc:
    """The variable parts of the LibreOffice test document."""

    header: str = "Draft for informal consultations"
    heading: str = "Objective 13: detention"
    lead: str = "We commit to ensure that any detention follows due process."
    cells: tuple[tuple[str, str], ...] = (("Action", "Status"), ("Alternatives to detention", "Agreed"), ("Child detention", "Open"))
    footnote: str = "See A/RES/73/195, para 29."
    endnote: str = "Compiled by the secretariat."
    frame: str = "Comments due by 15 March"
    image: bytes | None = RED
    bold_word: bool = False
    closing: str = "The co-facilitators will revise the text."

    def fodt(self) -> str:
        rows = "".join(
            "<table:table-row>" + "".join(f"<table:table-cell office:value-type=\"string\"><text:p>{escape(c)}</text:p></table:table-cell>" for c in row)
            + "</table:table-row>" for row in self.cells)
        picture = ""
        if self.image is not None:
            data = base64.b64encode(self.image).decode()
            picture = ('<text:p>Map: <draw:frame draw:name="Map" text:anchor-type="as-char" svg:width="1cm" svg:height="1cm">'
                       f'<draw:image><office:binary-data>{data}</office:binary-data></draw:image></draw:frame></text:p>')
        shall = '<text:span text:style-name="Bold">shall</text:span>' if self.bold_word else "shall"
        body = (
            f'<text:h text:outline-level="1" text:style-name="Heading_20_1">{escape(self.heading)}</text:h>'
            f"<text:p>{escape(self.lead)}<text:note text:id=\"ftn1\" text:note-class=\"footnote\"><text:note-citation>1</text:note-citation>"
            f"<text:note-body><text:p>{escape(self.footnote)}</text:p></text:note-body></text:note></text:p>"
            f'<table:table table:name="Actions"><table:table-column table:number-columns-repeated="2"/>{rows}</table:table>'
            f"<text:p>States {shall} cooperate.<text:note text:id=\"edn1\" text:note-class=\"endnote\"><text:note-citation>i</text:note-citation>"
            f"<text:note-body><text:p>{escape(self.endnote)}</text:p></text:note-body></text:note></text:p>"
            '<text:p>Box: <draw:frame draw:name="Box" text:anchor-type="as-char" svg:width="6cm" svg:height="1.5cm">'
            f"<draw:text-box><text:p>{escape(self.frame)}</text:p></draw:text-box></draw:frame></text:p>"
            f"{picture}<text:p>{escape(self.closing)}</text:p>"
        )
        return FODT_HEAD.format(header=escape(self.header)) + body + FODT_TAIL


BASE = LoDoc()
LO_PAIRS: list[tuple[str, tuple[str, ...], str, LoDoc, LoDoc]] = [
    ("lo-table-cell", ("table",), "a table cell's text", BASE,
     LoDoc(cells=(("Action", "Status"), ("Alternatives to detention", "Agreed"), ("Child detention", "Agreed ad ref")))),
    ("lo-frame-only", ("textbox",), "only the text in a frame", BASE, LoDoc(frame="Comments due by 22 March")),
    ("lo-footnote", ("footnote",), "a footnote's text", BASE, LoDoc(footnote="See A/RES/73/195, para 29(h).")),
    ("lo-endnote", ("endnote",), "an endnote's text", BASE, LoDoc(endnote="Compiled by the co-facilitators.")),
    ("lo-image-deleted", ("image",), "the image deleted", BASE, LoDoc(image=None)),
    ("lo-image-changed", ("image",), "the image replaced", BASE, LoDoc(image=BLUE)),
    ("lo-header", ("header",), "the header's text", BASE, LoDoc(header="Revised draft, 2 April")),
    ("lo-bold", ("formatting",), "a word made bold", BASE, LoDoc(bold_word=True)),
    ("lo-body-edits", ("table", "footnote"), "edits in the body text and a heading", BASE,
     LoDoc(heading="Objective 13: immigration detention", lead="We commit to ensure that any detention follows due process and is non-arbitrary.",
           closing="The co-facilitators will circulate a revised text.")),
]
