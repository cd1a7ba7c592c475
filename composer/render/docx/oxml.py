"""Raw OOXML the python-docx API does not cover (fields, bookmarks, borders, settings, rsids).

Kept apart from the writers, the way python-docx keeps ``oxml/`` apart from its proxies: every
function here takes and returns lxml elements and knows the schema's child order. Footnotes have
their own module (:mod:`composer.render.docx.footnotes`).
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from composer.ooxml import notes, order
from composer.ooxml.ns import W14_NS, W_NS


def element(tag: str, **attrs: str) -> etree._Element:
    """A new ``w:`` element with ``w:``-qualified attributes (``element("w:br", type="page")``)."""
    elm = OxmlElement(tag)
    for key, value in attrs.items():
        elm.set(qn(f"w:{key}"), value)
    return elm


# ---------------------------------------------------------------- settings


def set_setting(settings: etree._Element, tag: str, child: etree._Element | None = None) -> etree._Element:
    """Replace (or add) the settings child ``tag`` at its schema position; return it."""
    new = child if child is not None else element(tag)
    return order.insert_child(settings, new, "w:settings", tag, replace=True)


def request_field_update(settings: etree._Element) -> None:
    """``w:updateFields``: Word refreshes the TOC and page fields when it opens the file."""
    set_setting(settings, "w:updateFields", element("w:updateFields", val="true"))


def declare_footnote_separators(settings: etree._Element) -> None:
    """``w:footnotePr`` naming the separator footnotes (ids -1 and 0), as Word itself writes it."""
    set_setting(settings, "w:footnotePr", notes.separator_declaration("footnote"))


def keep_line_breaks_unjustified(settings: etree._Element) -> None:
    """``w:compat/w:doNotExpandShiftReturn``: a justified line ending in a manual line break is not
    stretched across the page (Word and LibreOffice both honour it)."""
    compat = settings.find(qn("w:compat"))
    if compat is None:
        compat = set_setting(settings, "w:compat")
    if compat.find(qn("w:doNotExpandShiftReturn")) is not None:
        return
    order.insert_after_predecessors(compat, element("w:doNotExpandShiftReturn"), "w:compat", "w:doNotExpandShiftReturn")


def strip_revision_ids(root: etree._Element) -> None:
    """Remove rsid attributes, ``w:rsids`` and Word 2010 paragraph ids: they vary per save."""
    for elm in root.iter():
        if not isinstance(elm.tag, str):
            continue
        for name in list(elm.attrib):
            if name.startswith(f"{{{W_NS}}}rsid") or name in (f"{{{W14_NS}}}paraId", f"{{{W14_NS}}}textId"):
                del elm.attrib[name]
    for rsids in root.findall(qn("w:rsids")):
        root.remove(rsids)
    for rsid in list(root.iter(qn("w:rsid"))):
        rsid.getparent().remove(rsid)


# ---------------------------------------------------------------- paragraph properties


def set_paragraph_border(p_pr: etree._Element, side: str, color: str | None) -> None:
    """Give a paragraph (or paragraph style) a thin rule on ``side``; ``color=None`` removes it."""
    p_bdr = p_pr.find(qn("w:pBdr"))
    if p_bdr is None:
        if color is None:
            return
        p_bdr = order.insert_child(p_pr, element("w:pBdr"), "w:pPr", "w:pBdr")
    for old in p_bdr.findall(qn(f"w:{side}")):
        p_bdr.remove(old)
    if color is not None:
        edge = element(f"w:{side}", val="single", sz="6", space="4" if side != "left" else "8", color=color)
        order.insert_child(p_bdr, edge, "w:pBdr", f"w:{side}")
    if len(p_bdr) == 0:
        p_pr.remove(p_bdr)


def set_outline_level(p_pr: etree._Element, level: int) -> None:
    """``w:outlineLvl`` (0-8 headings, 9 body text): which paragraphs a TOC field collects."""
    p_pr.get_or_add_outlineLvl().set(qn("w:val"), str(level))


# ---------------------------------------------------------------- runs: fields, breaks, notes


def field_runs(instruction: str, placeholder: str, r_pr: etree._Element | None = None) -> list[etree._Element]:
    """A complex field (begin / instrText / separate / cached result / end) as five runs."""

    def run(child: etree._Element) -> etree._Element:
        r = element("w:r")
        if r_pr is not None:
            r.append(_copy(r_pr))
        r.append(child)
        return r

    instr = element("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instruction} "
    result = element("w:t")
    result.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    result.text = placeholder
    return [
        run(element("w:fldChar", fldCharType="begin", dirty="true")),
        run(instr),
        run(element("w:fldChar", fldCharType="separate")),
        run(result),
        run(element("w:fldChar", fldCharType="end")),
    ]


def _copy(elm: etree._Element) -> etree._Element:
    from copy import deepcopy

    return deepcopy(elm)


def footnote_reference_run(style_id: str, note_id: int) -> etree._Element:
    """The body run that calls footnote ``note_id``: ``<w:r><w:rPr><w:rStyle/></w:rPr><w:footnoteReference/>``."""
    r = element("w:r")
    r_pr = element("w:rPr")
    r_pr.append(element("w:rStyle", val=style_id))
    r.append(r_pr)
    r.append(element("w:footnoteReference", id=str(note_id)))
    return r


# ---------------------------------------------------------------- bookmarks


def bookmark_start(bookmark_id: int, name: str) -> etree._Element:
    return element("w:bookmarkStart", id=str(bookmark_id), name=name)


def bookmark_end(bookmark_id: int) -> etree._Element:
    return element("w:bookmarkEnd", id=str(bookmark_id))


def wrap_in_bookmark(first_p: etree._Element, last_p: etree._Element, bookmark_id: int, name: str) -> None:
    """Open a bookmark at the start of ``first_p``'s content and close it at the end of ``last_p``."""
    start = bookmark_start(bookmark_id, name)
    p_pr = first_p.find(qn("w:pPr"))
    if p_pr is not None:
        p_pr.addnext(start)
    else:
        first_p.insert(0, start)
    last_p.append(bookmark_end(bookmark_id))


# ---------------------------------------------------------------- tables


def repeat_as_header(tr: etree._Element) -> None:
    """Mark a table row as a header row, repeated at the top of every page the table spans."""
    tr_pr = tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):
        if tr_pr.find(qn(tag)) is None:
            order.insert_child(tr_pr, element(tag), "w:trPr", tag)


def shade_cell(tc: etree._Element, fill: str) -> None:
    """Solid background ``fill`` (hex RGB) for a table cell."""
    tc_pr = tc.get_or_add_tcPr()
    order.insert_child(tc_pr, element("w:shd", val="clear", color="auto", fill=fill), "w:tcPr", "w:shd", replace=True)


def grid_table_style(style_id: str, name: str) -> etree._Element:
    """A ``Table Grid``-like table style (thin borders in the palette's rule colour, small cell margins)."""
    from composer.render.palette import load_palette

    border = load_palette().rule.upper()
    style = element("w:style", type="table", styleId=style_id)
    style.append(element("w:name", val=name))
    style.append(element("w:basedOn", val="TableNormal"))
    style.append(element("w:uiPriority", val="59"))
    p_pr = element("w:pPr")
    p_pr.append(element("w:spacing", after="0", line="240", lineRule="auto"))
    style.append(p_pr)
    tbl_pr = element("w:tblPr")
    borders = element("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(element(f"w:{side}", val="single", sz="4", space="0", color=border))
    tbl_pr.append(borders)
    margins = element("w:tblCellMar")
    for side, width in (("top", "0"), ("left", "108"), ("bottom", "0"), ("right", "108")):
        margins.append(element(f"w:{side}", w=width, type="dxa"))
    tbl_pr.append(margins)
    style.append(tbl_pr)
    return style
