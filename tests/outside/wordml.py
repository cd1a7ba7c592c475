"""Hand-written WordprocessingML for the outside test documents (test fixtures only).

Why raw XML: the outside set must contain what other people's Word files contain (text boxes,
equations, content controls, fields, comments, endnotes, earlier tracked changes), and
python-docx writes none of these. Each helper returns one XML fragment in the `w:` namespace;
`package()` puts a body and its notes into python-docx's stock (Word-made) template package.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

import docx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'mc:Ignorable="w14"'
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FIXED_DATE = (2020, 1, 1, 0, 0, 0)


def run(text: str, *, bold: bool = False, italic: bool = False, color: str | None = None,
        style: str | None = None) -> str:
    """One run; properties in schema order (rStyle, b, i, color)."""
    props = ""
    if style:
        props += f'<w:rStyle w:val="{style}"/>'
    if bold:
        props += "<w:b/>"
    if italic:
        props += "<w:i/>"
    if color:
        props += f'<w:color w:val="{color}"/>'
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(*content: str, style: str | None = None, numbered: bool = False) -> str:
    """A paragraph of runs (or any inline XML); plain strings that are not XML become runs."""
    inner = "".join(c if c.startswith("<") else run(c) for c in content)
    ppr = ""
    if style or numbered:
        ppr = "<w:pPr>"
        if style:
            ppr += f'<w:pStyle w:val="{style}"/>'
        if numbered:
            ppr += '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
        ppr += "</w:pPr>"
    return f"<w:p>{ppr}{inner}</w:p>"


def table(rows: list[list[str]], *, nested: dict[tuple[int, int], str] | None = None) -> str:
    """A bordered table; each cell a paragraph of text, or a nested table at (row, col)."""
    nested = nested or {}
    ncols = max(len(r) for r in rows)
    grid = "".join('<w:gridCol w:w="2400"/>' for _ in range(ncols))
    out = ['<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
           f"<w:tblGrid>{grid}</w:tblGrid>"]
    for r, cells in enumerate(rows):
        out.append("<w:tr>")
        for c, text in enumerate(cells):
            inner = nested.get((r, c), "") + para(text)
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="2400" w:type="dxa"/></w:tcPr>{inner}</w:tc>')
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def textbox(text: str, shape_id: int = 1) -> str:
    """An anchored DrawingML text box (wps:txbx) with a VML fallback, as Word writes it."""
    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="1" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="2400000" cy="600000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapSquare wrapText="bothSides"/>'
        f'<wp:docPr id="{shape_id}" name="Text Box {shape_id}"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2400000" cy="600000"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
        f"<wps:txbx><w:txbxContent>{para(text)}</w:txbxContent></wps:txbx>"
        '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="t"/>'
        "</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        '<mc:Fallback><w:pict><v:shape style="width:189pt;height:47pt" type="#_x0000_t202">'
        f"<v:textbox><w:txbxContent>{para(text)}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def image(rel_id: str, shape_id: int, name: str) -> str:
    """An inline picture referencing an image part by relationship id."""
    return (
        '<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
        '<wp:extent cx="914400" cy="914400"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{shape_id}" name="{name}"/>'
        '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="{shape_id}" name="{name}"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:embed="{rel_id}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )


def equation(*parts: str) -> str:
    """An inline OMML equation: m:oMath with one m:r per part (e.g. "E=m", superscript not needed)."""
    runs = "".join(f"<m:r><m:t>{escape(p)}</m:t></m:r>" for p in parts)
    return f"<m:oMath>{runs}</m:oMath>"


def fraction(num: str, den: str) -> str:
    return (f"<m:oMath><m:f><m:num><m:r><m:t>{escape(num)}</m:t></m:r></m:num>"
            f"<m:den><m:r><m:t>{escape(den)}</m:t></m:r></m:den></m:f></m:oMath>")


def footnote_ref(note_id: int) -> str:
    return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{note_id}"/></w:r>'


def endnote_ref(note_id: int) -> str:
    return f'<w:r><w:rPr><w:rStyle w:val="EndnoteReference"/></w:rPr><w:endnoteReference w:id="{note_id}"/></w:r>'


def hyperlink(rel_id: str, text: str) -> str:
    return f'<w:hyperlink r:id="{rel_id}">{run(text, style="Hyperlink")}</w:hyperlink>'


def simple_field(instr: str, shown: str) -> str:
    return f'<w:fldSimple w:instr="{escape(instr)}">{run(shown)}</w:fldSimple>'


def complex_field(instr: str, shown: str) -> str:
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {escape(instr)} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f"{run(shown)}"
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def content_control(tag: str, text: str) -> str:
    """An inline plain-text content control (w:sdt) holding one run."""
    return (f'<w:sdt><w:sdtPr><w:alias w:val="{tag}"/><w:tag w:val="{tag}"/><w:id w:val="{zlib.crc32(tag.encode()) % 99999}"/>'
            f"<w:text/></w:sdtPr><w:sdtContent>{run(text)}</w:sdtContent></w:sdt>")


def symbol(char_hex: str = "F0E0", font: str = "Wingdings") -> str:
    return f'<w:r><w:sym w:font="{font}" w:char="{char_hex}"/></w:r>'


def comment_range(comment_id: int, text: str) -> str:
    return (f'<w:commentRangeStart w:id="{comment_id}"/>{run(text)}<w:commentRangeEnd w:id="{comment_id}"/>'
            f'<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="{comment_id}"/></w:r>')


def bookmark(bm_id: int, name: str, text: str) -> str:
    return f'<w:bookmarkStart w:id="{bm_id}" w:name="{name}"/>{run(text)}<w:bookmarkEnd w:id="{bm_id}"/>'


def tracked_ins(text: str, rev_id: int, author: str = "Alice", date: str = "2019-05-01T10:00:00Z") -> str:
    return f'<w:ins w:id="{rev_id}" w:author="{author}" w:date="{date}">{run(text)}</w:ins>'


def tracked_del(text: str, rev_id: int, author: str = "Alice", date: str = "2019-05-01T10:00:00Z") -> str:
    return (f'<w:del w:id="{rev_id}" w:author="{author}" w:date="{date}"><w:r>'
            f'<w:delText xml:space="preserve">{escape(text)}</w:delText></w:r></w:del>')


def paragraph_style(style_id: str, name: str, *, based_on: str = "Normal", italic: bool = False,
                    indent: int | None = None, char_style: str | None = None) -> str:
    """A custom paragraph style (with the character style it links to, if any), as Word defines one."""
    ppr = f'<w:pPr><w:ind w:left="{indent}" w:right="{indent}"/></w:pPr>' if indent else ""
    rpr = "<w:rPr><w:i/></w:rPr>" if italic else ""
    link = f'<w:link w:val="{char_style}"/>' if char_style else ""
    out = (f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id}"><w:name w:val="{name}"/>'
           f'<w:basedOn w:val="{based_on}"/><w:next w:val="Normal"/>{link}<w:qFormat/>{ppr}{rpr}</w:style>')
    if char_style:
        out += (f'<w:style w:type="character" w:customStyle="1" w:styleId="{char_style}"><w:name w:val="{name} Char"/>'
                f'<w:basedOn w:val="DefaultParagraphFont"/><w:link w:val="{style_id}"/>{rpr}</w:style>')
    return out


def section_break(landscape: bool = False, *content: str) -> str:
    """A paragraph carrying a next-page section break (the section it closes), with text if given."""
    size = '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>' if landscape else '<w:pgSz w:w="11906" w:h="16838"/>'
    inner = "".join(c if c.startswith("<") else run(c) for c in content)
    return (f'<w:p><w:pPr><w:sectPr><w:type w:val="nextPage"/>{size}'
            '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/>'
            f"</w:sectPr></w:pPr>{inner}</w:p>")


@dataclass
class Doc:
    """What one outside document holds, before it is packaged."""

    body: list[str]
    footnotes: dict[int, str] = field(default_factory=dict)
    endnotes: dict[int, str] = field(default_factory=dict)
    comments: dict[int, tuple[str, str]] = field(default_factory=dict)  # id -> (author, text)
    header: str | None = None
    footer: str | None = None
    images: dict[str, bytes] = field(default_factory=dict)  # rel id -> PNG bytes
    links: dict[str, str] = field(default_factory=dict)  # rel id -> URL
    numbering: bool = False
    styles: list[str] = field(default_factory=list)  # extra w:style definitions for styles.xml


def _notes_part(kind: str, notes: dict[int, str]) -> str:
    tag = kind[:-1]  # footnote / endnote
    style = "FootnoteText" if tag == "footnote" else "EndnoteText"
    ref = "FootnoteReference" if tag == "footnote" else "EndnoteReference"
    own_ref = f"<w:{tag}Ref/>"
    body = [f'<w:{tag} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{tag}>',
            f'<w:{tag} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{tag}>']
    for note_id, text in sorted(notes.items()):
        body.append(f'<w:{tag} w:id="{note_id}"><w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
                    f'<w:r><w:rPr><w:rStyle w:val="{ref}"/></w:rPr>{own_ref}</w:r>{run(" " + text)}</w:p></w:{tag}>')
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{kind} {NAMESPACES}>{"".join(body)}</w:{kind}>'


#: The comment styles Word defines when a document gets its first comment (python-docx's template has none).
COMMENT_STYLES = (
    '<w:style w:type="character" w:styleId="CommentReference"><w:name w:val="annotation reference"/>'
    '<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>'
    '<w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="CommentText"><w:name w:val="annotation text"/><w:basedOn w:val="Normal"/>'
    '<w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>'
)


def _comments_part(comments: dict[int, tuple[str, str]]) -> str:
    """Comments as Word writes them: a CommentText paragraph opening with the w:annotationRef mark."""
    items = "".join(
        f'<w:comment w:id="{cid}" w:author="{escape(author)}" w:date="2019-04-01T09:00:00Z" w:initials="X">'
        '<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>'
        '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>'
        f"{run(text)}</w:p></w:comment>" for cid, (author, text) in sorted(comments.items()))
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments {NAMESPACES}>{items}</w:comments>'


def _hf_part(kind: str, text: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{kind} {NAMESPACES}>'
            f"{para(text)}</w:{kind}>")


NUMBERING = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {NAMESPACES}>'
    '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>'
    '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
)


def package(doc: Doc) -> bytes:
    """The DOCX bytes: python-docx's stock package with our body, parts and relationships.

    Zip entries are written with a fixed date so that rebuilding the set gives identical files.
    """
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as stock:
        parts = {name: stock.read(name) for name in stock.namelist()}
    rels = parts["word/_rels/document.xml.rels"].decode()
    types = parts["[Content_Types].xml"].decode()
    extra_rels, extra_types = [], []
    header_refs = ""

    def add(part: str, rel_type: str, content_type: str | None, data: bytes, rel_id: str) -> None:
        parts[f"word/{part}"] = data
        extra_rels.append(f'<Relationship Id="{rel_id}" Type="{REL}/{rel_type}" Target="{part}"/>')
        if content_type:
            extra_types.append(f'<Override PartName="/word/{part}" ContentType="{content_type}"/>')

    wml = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    if doc.footnotes:
        add("footnotes.xml", "footnotes", f"{wml}.footnotes+xml", _notes_part("footnotes", doc.footnotes).encode(), "rIdFn")
    if doc.endnotes:
        add("endnotes.xml", "endnotes", f"{wml}.endnotes+xml", _notes_part("endnotes", doc.endnotes).encode(), "rIdEn")
    if doc.comments:
        add("comments.xml", "comments", f"{wml}.comments+xml", _comments_part(doc.comments).encode(), "rIdCm")
    if doc.header is not None:
        add("header1.xml", "header", f"{wml}.header+xml", _hf_part("hdr", doc.header).encode(), "rIdHd")
        header_refs += '<w:headerReference w:type="default" r:id="rIdHd"/>'
    if doc.footer is not None:
        add("footer1.xml", "footer", f"{wml}.footer+xml", _hf_part("ftr", doc.footer).encode(), "rIdFt")
        header_refs += '<w:footerReference w:type="default" r:id="rIdFt"/>'
    if doc.numbering and "word/numbering.xml" not in parts:
        add("numbering.xml", "numbering", f"{wml}.numbering+xml", NUMBERING.encode(), "rIdNum")
    elif doc.numbering:
        parts["word/numbering.xml"] = NUMBERING.encode()
    for rel_id, data in sorted(doc.images.items()):
        add(f"media/{rel_id}.png", "image", None, data, rel_id)
    if doc.images and 'Extension="png"' not in types:
        extra_types.append('<Default Extension="png" ContentType="image/png"/>')
    for rel_id, url in sorted(doc.links.items()):
        extra_rels.append(f'<Relationship Id="{rel_id}" Type="{REL}/hyperlink" Target="{escape(url)}" TargetMode="External"/>')
    extra_styles = [*doc.styles, *([COMMENT_STYLES] if doc.comments else [])]
    if extra_styles:
        styles = parts["word/styles.xml"].decode()
        parts["word/styles.xml"] = styles.replace("</w:styles>", "".join(extra_styles) + "</w:styles>").encode()
    parts["word/_rels/document.xml.rels"] = rels.replace("</Relationships>", "".join(extra_rels) + "</Relationships>").encode()
    parts["[Content_Types].xml"] = types.replace("</Types>", "".join(extra_types) + "</Types>").encode()
    sect = ('<w:sectPr>' + header_refs + '<w:pgSz w:w="11906" w:h="16838"/>'
            '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/>'
            "</w:sectPr>")
    parts["word/document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NAMESPACES}><w:body>'
        + "".join(doc.body) + sect + "</w:body></w:document>").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package_zip:
        for name in sorted(parts, key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            package_zip.writestr(info, parts[name])
    return out.getvalue()
