"""``render_docx``: a document model in, DOCX bytes out (the caller writes them atomically).

Pipeline: open the reference template (default or house) with an empty body -> add missing
styles -> write the body (footnotes collected on the way) -> install the footnotes part ->
header/footer -> properties -> strip revision ids -> save -> normalise the zip.
"""

from __future__ import annotations

import io
from pathlib import Path

from docx.enum.style import WD_STYLE_TYPE
from docx.opc.part import XmlPart

from composer.model.document import Div, Document
from composer.ooxml.zipwriter import normalise_zip
from composer.render.docx import oxml
from composer.render.docx.blocks import BodyWriter
from composer.render.docx.footnotes import FootnoteWriter
from composer.render.docx.headers import write_header_footer
from composer.render.docx.inlines import InlineWriter
from composer.render.docx.properties import set_app_properties, set_bookmark_table, set_core_properties
from composer.render.docx.styles import ensure_all_styles, style_id
from composer.render.docx.template import open_template


def render_docx(
    document: Document, template: Path | None = None, toc_pages: dict[str, int] | None = None
) -> bytes:
    """The DOCX for ``document``, styled by ``template`` (default: templates/reference.docx).

    ``toc_pages`` (element id -> page, from the PDF layout) are cached in the contents, so Word
    shows page numbers and does not ask to update fields on opening.

    Raises :class:`TemplateError` for an unusable template and :class:`DocxRenderError` for a
    model that cannot be written; the same inputs always give byte-identical output.
    """
    word = open_template(template)
    _complete_page_geometry(word)
    ensure_all_styles(word)
    footnotes = FootnoteWriter(
        style_id(word, "Footnote Text"), style_id(word, "Footnote Reference", WD_STYLE_TYPE.CHARACTER)
    )
    inlines = InlineWriter(footnotes, style_id(word, "Bracket Proposer", WD_STYLE_TYPE.CHARACTER))
    body = BodyWriter(word, document, inlines, toc_pages)
    body.write(document.blocks)
    footnotes.install(word)

    settings = word.settings
    settings.odd_and_even_pages_header_footer = False
    oxml.keep_line_breaks_unjustified(settings.element)
    # Hyphenate as the PDF does (print.css: hyphens auto), so that both run to about as many pages.
    oxml.set_setting(settings.element, "w:autoHyphenation", oxml.element("w:autoHyphenation", val="true"))
    if body.has_toc and not body.toc_cached:
        oxml.request_field_update(settings.element)
    has_cover = bool(document.blocks) and isinstance(document.blocks[0], Div) and document.blocks[0].role == "cover"
    for section in word.sections:
        write_header_footer(
            section, document.meta, inlines, style_id(word, "Header"), style_id(word, "Footer"), has_cover
        )
    set_core_properties(word, document.meta)
    set_app_properties(word)
    set_bookmark_table(word, body.bookmarks.table)
    for part in word.part.package.iter_parts():
        if isinstance(part, XmlPart):
            oxml.strip_revision_ids(part.element)
    buffer = io.BytesIO()
    word.save(buffer)
    return normalise_zip(buffer.getvalue())


def _complete_page_geometry(word: object) -> None:
    """A template whose ``w:sectPr`` gives no page size or margins gets A4 with 2.5 cm margins.

    Word falls back to its own defaults; our writers compute the text width from these values
    and would fail on a template from outside that leaves them out.
    """
    from docx.shared import Cm

    for section in word.sections:  # type: ignore[attr-defined]
        if section.page_width is None:
            section.page_width = Cm(21)
        if section.page_height is None:
            section.page_height = Cm(29.7)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            if getattr(section, side) is None:
                setattr(section, side, Cm(2.5))
