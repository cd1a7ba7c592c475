"""The change summary as the first section of a DOCX redline (``compose diff --summary``).

A title, the headline, and one table row per changed paragraph (cited as delegates cite it),
then a page break; the tracked text follows. The words come from ``templates/redline.yaml``,
the table wears the package's own table and paragraph styles when it has them. The summary is
inserted into any redline package, ours or the in-place one, before the first body element,
inside a bookmark (``RedlineSummary``) so that it can be found and removed.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any
from xml.sax.saxutils import escape

from lxml import etree

from composer.compare.changes import Redline
from composer.datafiles import entry, read_mapping
from composer.errors import ComposerError
from composer.ooxml.ns import W_NS, w
from composer.render.redline.options import RedlineOptions
from composer.render.redline.package import main_part, style_ids
from composer.render.redline.summary import headline, summary_rows

WORDING_FILE = "redline.yaml"
BOOKMARK = "RedlineSummary"
_BOOKMARK_ID = "990001"
#: Column widths in twentieths of a point (old, new, change, words changed, text): 16 cm.
_WIDTHS = (1550, 1550, 1350, 1100, 3520)
_TABLE_HALF_POINTS = 18


class RedlineWordingError(ComposerError):
    """``templates/redline.yaml`` is missing or lacks an entry."""


def wording() -> dict[str, Any]:
    """The summary's words, read once per process by :func:`composer.datafiles.read_mapping`."""
    return read_mapping(WORDING_FILE, error=RedlineWordingError)


def _word(key: str) -> Any:
    return entry(wording(), key, where=WORDING_FILE, error=RedlineWordingError)


def _run(text: str, bold: bool = False, italic: bool = False, half_points: int | None = None) -> str:
    props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    props += f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>' if half_points else ""
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _para(style: str | None, content: str, keep_next: bool = False) -> str:
    props = (f'<w:pStyle w:val="{escape(style)}"/>' if style else "") + ("<w:keepNext/>" if keep_next else "")
    return f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{content}</w:p>"


def _cell(width: int, style: str | None, content: str) -> str:
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{_para(style, content)}</w:tc>'


def summary_xml(redline: Redline, options: RedlineOptions, styles: dict[str, str]) -> str:
    """Body XML of the summary section (paragraphs, a table, a closing page break)."""
    heading = styles.get("heading 1")
    body = styles.get("body text")
    head_cell, text_cell = styles.get("table heading"), styles.get("table text")
    meta_key = "meta_date" if options.date else "meta"
    meta = _word(meta_key).format(old=redline.old_name, new=redline.new_name, date=options.date or "")
    out = [
        _para(heading, f'<w:bookmarkStart w:id="{_BOOKMARK_ID}" w:name="{BOOKMARK}"/>'
                       + _run(_word("title"), bold=not heading)),
        _para(body, _run(meta)),
        _para(body, _run(headline(redline), bold=True)),
    ]
    rows = summary_rows(redline)
    if not rows:
        out.append(_para(body, _run(_word("no_rows"))))
    else:
        out.append(_para(body, _run(_word("quiet"), italic=True), keep_next=True))
        columns = [_word(f"columns.{key}") for key in ("old", "new", "kind", "share", "text")]
        grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in _WIDTHS)
        table_style = styles.get("table grid")
        borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="999999"/>'
                          for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        style_xml = f'<w:tblStyle w:val="{escape(table_style)}"/>' if table_style else ""
        tbl_pr = (f'<w:tblPr>{style_xml}'
                  f'<w:tblW w:w="{sum(_WIDTHS)}" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders>'
                  '<w:tblLayout w:type="fixed"/></w:tblPr>')
        # A package without our table styles (a foreign draft's): table text at 9 pt, as ours.
        size = None if text_cell else _TABLE_HALF_POINTS
        header = "".join(_cell(width, head_cell, _run(text, bold=not head_cell, half_points=size))
                         for width, text in zip(_WIDTHS, columns, strict=True))
        lines = [f'<w:tbl>{tbl_pr}<w:tblGrid>{grid}</w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr>{header}</w:tr>']
        for row in rows:
            kind = _word(f"kinds.{row.kind}")
            if row.renumbered and row.kind != "renumbered":
                kind += _word("also.renumbered")
            if row.punctuation:
                kind += _word("also.punctuation")
            values = (row.old_number, row.new_number, kind, f"{row.share:.0%}", row.excerpt)
            cells = "".join(_cell(width, text_cell, _run(value, half_points=size))
                            for width, value in zip(_WIDTHS, values, strict=True))
            lines.append(f'<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>')
        lines.append("</w:tbl>")
        out.append("".join(lines))
    out.append(_para(body, _run(_word("remove"), italic=True)))
    out.append(f'<w:p><w:r><w:br w:type="page"/></w:r><w:bookmarkEnd w:id="{_BOOKMARK_ID}"/></w:p>')
    return "".join(out)


def with_summary(data: bytes, redline: Redline, options: RedlineOptions) -> bytes:
    """The DOCX ``data`` with the summary inserted before its first body element.

    Every part but the main document is copied byte for byte, in the same order and with the
    same zip entry attributes, so a deterministic package stays deterministic.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    whole = {name: source.read(name) for name in source.namelist()}
    main = main_part(whole)
    root = etree.fromstring(whole[main])
    body = root.find(w("body"))
    if body is None or root.nsmap.get("w") != W_NS:  # the summary's XML is written with the w: prefix
        return data
    marker = etree.Comment("REDLINE-SUMMARY")
    body.insert(0, marker)
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True).decode("utf-8")
    summary = summary_xml(redline, options, style_ids(whole, main))
    whole[main] = xml.replace("<!--REDLINE-SUMMARY-->", summary, 1).encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, whole[info.filename])
    return out.getvalue()
