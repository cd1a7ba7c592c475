"""Child order, declared once per parent: a new child goes where the schema wants it.

Word rejects a ``w:pPr`` whose ``w:pBdr`` follows ``w:spacing``, and ignores a ``w:settings``
child out of place. Rather than each writer knowing "insert before these 30 names", the orders
(ECMA-376 Part 1, the ``CT_*`` sequences) live in :data:`CHILD_ORDER` and :func:`insert_child`
places a child among its siblings by it, the way python-docx declares ``successors`` once.
"""

from __future__ import annotations

from lxml import etree

from composer.ooxml.ns import qn

CHILD_ORDER: dict[str, tuple[str, ...]] = {
    # CT_PPr (CT_PPrBase + rPr, sectPr, pPrChange)
    "w:pPr": (
        "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
        "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
        "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
        "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
        "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
        "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
    ),
    # CT_PBdr
    "w:pBdr": ("w:top", "w:left", "w:bottom", "w:right", "w:between", "w:bar"),
    # CT_TrPrBase (the subset we write, in order)
    "w:trPr": (
        "w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter", "w:cantSplit",
        "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange",
    ),
    # CT_TcPr
    "w:tcPr": (
        "w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap",
        "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark", "w:headers", "w:cellIns",
        "w:cellDel", "w:cellMerge", "w:tcPrChange",
    ),
    # CT_Compat (the leading flags up to the one we set, then the rest)
    "w:compat": (
        "w:useSingleBorderforContiguousCells", "w:wpJustification", "w:noTabHangInd", "w:noLeading",
        "w:spaceForUL", "w:noColumnBalance", "w:balanceSingleByteDoubleByteWidth", "w:noExtraLineSpacing",
        "w:doNotLeaveBackslashAlone", "w:ulTrailSpace", "w:doNotExpandShiftReturn", "w:spacingInWholePoints",
        "w:lineWrapLikeWord6", "w:printBodyTextBeforeHeader", "w:printColBlack", "w:wpSpaceWidth",
        "w:showBreaksInFrames", "w:subFontBySize", "w:suppressBottomSpacing", "w:suppressTopSpacing",
        "w:suppressSpacingAtTopOfPage", "w:suppressTopSpacingWP", "w:suppressSpBfAfterPgBrk",
        "w:swapBordersFacingPages", "w:convMailMergeEsc", "w:truncateFontHeightsLikeWP6", "w:mwSmallCaps",
        "w:usePrinterMetrics", "w:doNotSuppressParagraphBorders", "w:wrapTrailSpaces", "w:footnoteLayoutLikeWW8",
        "w:shapeLayoutLikeWW8", "w:alignTablesRowByRow", "w:forgetLastTabAlignment", "w:adjustLineHeightInTable",
        "w:autoSpaceLikeWord95", "w:noSpaceRaiseLower", "w:doNotUseHTMLParagraphAutoSpacing",
        "w:layoutRawTableWidth", "w:layoutTableRowsApart", "w:useWord97LineBreakRules", "w:doNotBreakWrappedTables",
        "w:doNotSnapToGridInCell", "w:selectFldWithFirstOrLastChar", "w:applyBreakingRules",
        "w:doNotWrapTextWithPunct", "w:doNotUseEastAsianBreakRules", "w:useWord2002TableStyleRules",
        "w:growAutofit", "w:useFELayout", "w:useNormalStyleForList", "w:doNotUseIndentAsNumberingTabStop",
        "w:useAltKinsokuLineBreakRules", "w:allowSpaceOfSameStyleInTable", "w:doNotSuppressIndentation",
        "w:doNotAutofitConstrainedTables", "w:autofitToFirstFixedWidthCell", "w:underlineTabInNumList",
        "w:displayHangulFixedWidth", "w:splitPgBreakAndParaMark", "w:doNotVertAlignCellWithSp",
        "w:doNotBreakConstrainedForcedTable", "w:doNotVertAlignInTxbx", "w:useAnsiKerningPairs",
        "w:cachedColBalance", "w:compatSetting",
    ),
    # CT_Settings
    "w:settings": (
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
    ),
}  # fmt: skip


def successors(parent_tag: str, child_tag: str) -> frozenset[str]:
    """Clark names of the children that must follow ``child_tag`` inside ``parent_tag``."""
    order = CHILD_ORDER[parent_tag]
    return frozenset(qn(t) for t in order[order.index(child_tag) + 1 :])


def insert_child(parent: etree._Element, child: etree._Element, parent_tag: str, child_tag: str,
                 replace: bool = False) -> etree._Element:
    """Insert ``child`` (tag ``child_tag``) into ``parent`` before its first declared successor.

    With ``replace``, earlier children of the same tag are removed first. Returns ``child``.
    """
    if replace:
        for old in parent.findall(qn(child_tag)):
            parent.remove(old)
    later = successors(parent_tag, child_tag)
    for index, existing in enumerate(parent):
        if existing.tag in later:
            parent.insert(index, child)
            return child
    parent.append(child)
    return child


def insert_after_predecessors(parent: etree._Element, child: etree._Element, parent_tag: str,
                              child_tag: str) -> etree._Element:
    """Insert ``child`` right after the last existing child that precedes it in the order, else first.

    For parents like ``w:compat`` whose unknown extension children (``w:compatSetting``) must stay last.
    """
    order = CHILD_ORDER[parent_tag]
    earlier = frozenset(qn(t) for t in order[: order.index(child_tag)])
    before = [existing for existing in parent if existing.tag in earlier]
    if before:
        before[-1].addnext(child)
    else:
        parent.insert(0, child)
    return child
