"""Building small DOCX packages part by part, so each hostile variant changes one thing.

``parts()`` returns a valid minimal package as a name -> bytes mapping (document, styles,
footnotes, core properties, relationships); tests edit one part and ``pack`` it, optionally
with duplicate or oddly named zip entries.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#: The Strict OOXML namespaces (ISO/IEC 29500 Strict) that Word writes for "Strict Open XML".
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
REL_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/footnotes.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    "</Types>"
)


def package_rels(main: str = "word/document.xml", rel_ns: str = REL, extra: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{PKG_RELS}">'
        f"{extra}"
        f'<Relationship Id="rId1" Type="{rel_ns}/officeDocument" Target="{main}"/>'
        f'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
        f'core-properties" Target="docProps/core.xml"/>'
        "</Relationships>"
    )


def document_rels(footnotes: str = "footnotes.xml", styles: str = "styles.xml", extra: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{PKG_RELS}">'
        f'<Relationship Id="rId1" Type="{REL}/styles" Target="{styles}"/>'
        f'<Relationship Id="rId2" Type="{REL}/footnotes" Target="{footnotes}"/>'
        f"{extra}</Relationships>"
    )


def paragraph(text: str, style: str | None = None, ppr: str = "", note: str | None = None) -> str:
    style_xml = f'<w:pStyle w:val="{style}"/>' if style else ""
    note_xml = f'<w:r><w:footnoteReference w:id="{note}"/></w:r>' if note is not None else ""
    return f"<w:p><w:pPr>{style_xml}{ppr}</w:pPr><w:r><w:t xml:space=\"preserve\">{escape(text)}</w:t></w:r>{note_xml}</w:p>"


def document(paragraphs: list[str], ns: str = W) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{ns}" xmlns:r="{R}">'
        f"<w:body>{''.join(paragraphs)}<w:sectPr/></w:body></w:document>"
    )


STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="{W}">'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
    '<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
    "</w:styles>"
)


def footnotes(notes: dict[str, str]) -> str:
    body = "".join(
        f'<w:footnote w:id="{key}"><w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p></w:footnote>'
        for key, text in notes.items()
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p/></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p/></w:footnote>'
        f"{body}</w:footnotes>"
    )


def core(created: str = "2026-01-02T00:00:00Z", title: str = "A draft") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{created}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def default_paragraphs(words: str = "") -> list[str]:
    return [
        paragraph("Objective 1: Collect data", style="Heading1"),
        paragraph(f"1. We commit to strengthen the global evidence base{words}.", note="1"),
        paragraph("2. We commit to ensure that all migrants have proof of legal identity."),
    ]


def parts(paragraphs: list[str] | None = None, notes: dict[str, str] | None = None) -> dict[str, str | bytes]:
    """A valid minimal package: edit one entry, then :func:`pack` it."""
    return {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": package_rels(),
        "docProps/core.xml": core(),
        "word/document.xml": document(paragraphs if paragraphs is not None else default_paragraphs()),
        "word/_rels/document.xml.rels": document_rels(),
        "word/styles.xml": STYLES,
        "word/footnotes.xml": footnotes(notes if notes is not None else {"1": "IOM, 2018."}),
    }


def pack(members: dict[str, str | bytes], extra: list[tuple[str, str | bytes]] | None = None,
         compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """Zip ``members`` in order, then the ``extra`` (name, data) entries (duplicates allowed)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in [*members.items(), *(extra or [])]:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = compression
            archive.writestr(info, data)
    return out.getvalue()


def docx(**edits: str | bytes) -> bytes:
    """A package with some parts replaced: ``docx(**{"word/styles.xml": ...})``."""
    members = parts()
    members.update(edits)
    return pack(members)


def flat_opc(paragraph_texts: list[str]) -> str:
    """A Flat OPC (Word 2003 XML / 'Word XML Document') file: the whole package in one XML."""
    body = document([paragraph(t) for t in paragraph_texts]).split("?>", 1)[1]
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><?mso-application progid="Word.Document"?>'
        '<pkg:package xmlns:pkg="http://schemas.microsoft.com/office/2006/xmlPackage">'
        '<pkg:part pkg:name="/_rels/.rels" pkg:contentType="application/vnd.openxmlformats-package.relationships+xml">'
        f'<pkg:xmlData>{package_rels().split("?>", 1)[1]}</pkg:xmlData></pkg:part>'
        '<pkg:part pkg:name="/word/document.xml" '
        'pkg:contentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml">'
        f"<pkg:xmlData>{body}</pkg:xmlData></pkg:part>"
        "</pkg:package>"
    )
