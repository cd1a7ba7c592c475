"""Raw OOXML the python-docx API does not cover (fields, bookmarks, borders, settings, rsids).

Kept apart from the writers, the way python-docx keeps ``oxml/`` apart from its proxies: every
function here takes and returns lxml elements and knows the schema's child order. Footnotes have
their own module (:mod:`composer.render.docx.footnotes`).
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"

# pPr children that must come after w:pBdr (ECMA-376 CT_PPrBase order).
_PPR_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
    "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip

# w:settings children in schema order (ECMA-376 CT_Settings), to insert new ones where Word wants them.
SETTINGS_ORDER = (
    "w:writeProtection", "w:view", "w:zoom", "w:removePersonalInformation", "w:removeDateAndTime",
    "w:doNotDisplayPageBoundaries", "w:displayBackgroundShape", "w:printPostScriptOverText",
    "w:printFractionalCharacterWidth", "w:printFormsData", "w:embedTrueTypeFonts", "w:embedSystemFonts",
    "w:saveSubsetFonts", "w:saveFormsData", "w:mirrorMargins", "w:alignBordersAndEdges",
    "w:bordersDoNotSurroundHeader", "w:bordersDoNotSurroundFooter", "w:gutterAtTop", "w:hideSpellingErrors",
    "w:hideGrammaticalErrors", "w:activeWritingStyle", "w:proofState", "w:formsDesign", "w:attachedTemplate",
    "w:linkStyles", "w:stylePaneFormatFilter", "w:stylePaneSortMethod", "w:documentType", "w:mailMerge",
    "w:revisionView", "w:trackRevisions", "w:doNotTrackMoves", "w:doNotTrackFormatting",
    "w:documentProtection", "w:autoFormatOverride", "w:styleLockTheme", "w:styleLockQFSet",
    "w:defaultTabStop", "w:autoHyphenation", "w:consecutiveHyphenLimit", "w:hyphenationZone",
    "w:doNotHyphenateCaps", "w:showEnvelope", "w:summaryLength", "w:clickAndTypeStyle",
    "w:defaultTableStyle", "w:evenAndOddHeaders", "w:bookFoldRevPrinting", "w:bookFoldPrinting",
    "w:bookFoldPrintingSheets", "w:drawingGridHorizontalSpacing", "w:drawingGridVerticalSpacing",
    "w:displayHorizontalDrawingGridEvery", "w:displayVerticalDrawingGridEvery",
    "w:doNotUseMarginsForDrawingGridOrigin", "w:drawingGridHorizontalOrigin", "w:drawingGridVerticalOrigin",
    "w:doNotShadeFormData", "w:noPunctuationKerning", "w:characterSpacingControl", "w:printTwoOnOne",
    "w:strictFirstAndLastChars", "w:noLineBreaksAfter", "w:noLineBreaksBefore", "w:savePreviewPicture",
    "w:doNotValidateAgainstSchema", "w:saveInvalidXml", "w:ignoreMixedContent", "w:alwaysShowPlaceholderText",
    "w:doNotDemarcateInvalidXml", "w:saveXmlDataOnly", "w:useXSLTWhenSaving", "w:saveThroughXslt",
    "w:showXMLTags", "w:alwaysMergeEmptyNamespace", "w:updateFields", "w:hdrShapeDefaults", "w:footnotePr",
    "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema", "w:themeFontLang",
    "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade",
    "w:captions", "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults",
    "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
)  # fmt: skip


def element(tag: str, **attrs: str) -> etree._Element:
    """A new ``w:`` element with ``w:``-qualified attributes (``element("w:br", type="page")``)."""
    elm = OxmlElement(tag)
    for key, value in attrs.items():
        elm.set(qn(f"w:{key}"), value)
    return elm


# ---------------------------------------------------------------- settings


def set_setting(settings: etree._Element, tag: str, child: etree._Element | None = None) -> etree._Element:
    """Replace (or add) the settings child ``tag`` at its schema position; return it."""
    for old in settings.findall(qn(tag)):
        settings.remove(old)
    new = child if child is not None else element(tag)
    position = SETTINGS_ORDER.index(tag)
    successors = {_clark(t) for t in SETTINGS_ORDER[position + 1 :]}
    for index, existing in enumerate(settings):
        if existing.tag in successors:
            settings.insert(index, new)
            return new
    settings.append(new)
    return new


def _clark(tag: str) -> str:
    prefix, local = tag.split(":")
    namespaces = {
        "w": W_NS,
        "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
        "sl": "http://schemas.openxmlformats.org/schemaLibrary/2006/main",
    }
    return f"{{{namespaces[prefix]}}}{local}"


def request_field_update(settings: etree._Element) -> None:
    """``w:updateFields``: Word refreshes the TOC and page fields when it opens the file."""
    set_setting(settings, "w:updateFields", element("w:updateFields", val="true"))


def declare_footnote_separators(settings: etree._Element) -> None:
    """``w:footnotePr`` naming the separator footnotes (ids -1 and 0), as Word itself writes it."""
    footnote_pr = element("w:footnotePr")
    for note_id in ("-1", "0"):
        footnote_pr.append(element("w:footnote", id=note_id))
    set_setting(settings, "w:footnotePr", footnote_pr)


_COMPAT_BEFORE_SHIFT_RETURN = (
    "w:useSingleBorderforContiguousCells", "w:wpJustification", "w:noTabHangInd", "w:noLeading",
    "w:spaceForUL", "w:noColumnBalance", "w:balanceSingleByteDoubleByteWidth", "w:noExtraLineSpacing",
    "w:doNotLeaveBackslashAlone", "w:ulTrailSpace",
)  # fmt: skip


def keep_line_breaks_unjustified(settings: etree._Element) -> None:
    """``w:compat/w:doNotExpandShiftReturn``: a justified line ending in a manual line break is not
    stretched across the page (Word and LibreOffice both honour it)."""
    compat = settings.find(qn("w:compat"))
    if compat is None:
        compat = set_setting(settings, "w:compat")
    if compat.find(qn("w:doNotExpandShiftReturn")) is not None:
        return
    flag = element("w:doNotExpandShiftReturn")
    earlier = [child for child in compat if child.tag in {qn(t) for t in _COMPAT_BEFORE_SHIFT_RETURN}]
    if earlier:
        earlier[-1].addnext(flag)
    else:
        compat.insert(0, flag)


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
        p_bdr = element("w:pBdr")
        p_pr.insert_element_before(p_bdr, *_PPR_AFTER_PBDR)
    for old in p_bdr.findall(qn(f"w:{side}")):
        p_bdr.remove(old)
    if color is not None:
        order = ("top", "left", "bottom", "right", "between", "bar")
        edge = element(f"w:{side}", val="single", sz="6", space="4" if side != "left" else "8", color=color)
        later = [p_bdr.find(qn(f"w:{s}")) for s in order[order.index(side) + 1 :]]
        later = [e for e in later if e is not None]
        if later:
            later[0].addprevious(edge)
        else:
            p_bdr.append(edge)
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
    tr_pr.append(element("w:cantSplit"))  # schema order: cantSplit before tblHeader
    tr_pr.append(element("w:tblHeader"))


def shade_cell(tc: etree._Element, fill: str) -> None:
    """Solid background ``fill`` (hex RGB) for a table cell."""
    tc_pr = tc.get_or_add_tcPr()
    for old in tc_pr.findall(qn("w:shd")):
        tc_pr.remove(old)
    shd = element("w:shd", val="clear", color="auto", fill=fill)
    successors = [qn(t) for t in ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")]
    for index, child in enumerate(tc_pr):
        if child.tag in successors:
            tc_pr.insert(index, shd)
            return
    tc_pr.append(shd)


def grid_table_style_xml(style_id: str, name: str) -> str:
    """A ``Table Grid``-like table style (thin black borders, small cell margins) for templates lacking one."""
    edges = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    return (
        f'<w:style xmlns:w="{W_NS}" w:type="table" w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>'
        '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        f"<w:tblPr><w:tblBorders>{edges}</w:tblBorders>"
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        "</w:style>"
    )
