"""Running header (title, status, date, version) and footer ("Page X of Y") of the section.

A cover page gets no header or footer: the section uses a different first page whose header
and footer are left empty. Any header/footer content the template had is replaced; its Header
and Footer styles and its distances from the page edge are kept.
"""

from __future__ import annotations

from docx.enum.text import WD_TAB_ALIGNMENT
from docx.section import Section, _BaseHeaderFooter
from docx.text.paragraph import Paragraph

from composer.model.document import Meta
from composer.render.docx import oxml
from composer.render.docx.inlines import InlineWriter
from composer.templating import human_date


def header_status(meta: Meta) -> str:
    """``Draft · 2018-07-13 · version 0.3``: the right-hand part of the running header."""
    parts = [meta.status]
    if meta.date:
        parts.append(human_date(meta.date))
    if meta.version:
        parts.append(f"version {meta.version}")
    return " \u00b7 ".join(p for p in parts if p)


def write_header_footer(
    section: Section,
    meta: Meta,
    inlines: InlineWriter,
    header_style_id: str,
    footer_style_id: str,
    has_cover: bool,
) -> None:
    """Fill the section's primary header and footer; blank first page when there is a cover."""
    section.different_first_page_header_footer = has_cover
    if has_cover:
        _clear(section.first_page_header)
        _clear(section.first_page_footer)
    header = section.header
    header.is_linked_to_previous = False
    p = _clear(header)
    p.get_or_add_pPr().style = header_style_id
    _right_tab_only(Paragraph(p, header), section.page_width - section.left_margin - section.right_margin)
    inlines.text(p, meta.title)
    inlines.text(p, "\t" + header_status(meta))

    footer = section.footer
    footer.is_linked_to_previous = False
    p = _clear(footer)
    p.get_or_add_pPr().style = footer_style_id
    inlines.text(p, "Page ")
    for run in oxml.field_runs("PAGE", "1"):
        p.append(run)
    inlines.text(p, " of ")
    for run in oxml.field_runs("NUMPAGES", "1"):
        p.append(run)


def _right_tab_only(paragraph: Paragraph, position: int) -> None:
    """One right tab at the text edge; the Header style's own stops (often a centre tab, or a
    right tab for another paper size) are cleared so the status really sits at the right margin."""
    stops = paragraph.paragraph_format.tab_stops
    style = paragraph.style
    while style is not None:
        for stop in style.paragraph_format.tab_stops:
            if stop.position != position and stop.alignment != WD_TAB_ALIGNMENT.CLEAR:
                stops.add_tab_stop(stop.position, WD_TAB_ALIGNMENT.CLEAR)
        style = style.base_style
    stops.add_tab_stop(position, WD_TAB_ALIGNMENT.RIGHT)


def _clear(part: _BaseHeaderFooter):
    """Empty a header/footer down to one blank paragraph and return that paragraph element."""
    part.is_linked_to_previous = False
    container = part._element
    for child in list(container):
        container.remove(child)
    return container.add_p()
