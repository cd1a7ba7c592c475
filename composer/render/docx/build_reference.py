"""Build ``templates/reference.docx``, the default look, from python-docx's default template.

Run ``python -m composer.render.docx.build_reference`` after editing ``styles.yaml``; the result
is committed so delegations can open it in Word, restyle it and pass it back as ``--template``
(like Pandoc's ``--reference-doc``). The build is deterministic: same python-docx, same bytes.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import docx
from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from composer.ooxml.zipwriter import normalise_zip
from composer.render.docx import oxml
from composer.render.docx.styles import apply_spec, ensure_style, find_style, set_font_family, style_book

# Parts of python-docx's template that a reference document does not need (a Word 2010
# thumbnail, a duplicate style sheet, a bibliography store): dropping them keeps it clean.
_DROPPED_RELTYPES = (
    RT.THUMBNAIL,
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    RT.CUSTOM_XML,
)
_SAMPLE = (
    ("Title", "Reference template"),
    ("Subtitle", "Styles used by compact-composer; restyle them and pass this file as --template"),
    ("Heading 1", "Heading 1"),
    ("Body Text", "Body Text: ordinary paragraphs of a briefing pack."),
    ("Numbered Paragraph", "1.\tNumbered Paragraph: the run-on numbered paragraphs of draft compact text."),
    ("Chapeau", "Chapeau: To realize this commitment, we will draw from the following actions:"),
    ("Action Item", "(a)\tAction Item: lettered actions with a hanging indent;"),
    ("Heading 2", "Heading 2"),
    ("Lead", "Lead: the opening paragraph of a section."),
    ("Quote", "Quote: agreed language quoted from the adopted compact."),
    ("Note", "Note: editorial remarks."),
    ("List Bullet", "\u2022\tList Bullet"),
    ("Heading 3", "Heading 3"),
    ("Caption", "Caption"),
    ("Cover Title", "Cover Title"),
    ("Cover Subtitle", "Cover Subtitle"),
    ("Cover Meta", "Cover Meta"),
    ("Cover Mark", "Cover Mark"),
)


def build_reference() -> bytes:
    """The reference template as DOCX bytes."""
    document = docx.Document()
    _drop_extra_parts(document)
    _set_page(document)
    _set_defaults(document)
    book = style_book()
    for spec in book.styles:
        existing = find_style(document, spec.name)
        if existing is None:
            ensure_style(document, spec)
        elif spec.type != "table":
            apply_spec(document, existing, spec)
    bullet = find_style(document, "List Bullet")
    if bullet is not None and bullet.element.pPr is not None:
        for num_pr in bullet.element.pPr.findall(qn("w:numPr")):  # bullets are typed, as numbers are
            bullet.element.pPr.remove(num_pr)
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    for style_name, text in _SAMPLE:
        document.add_paragraph(text, style=find_style(document, style_name))
    props = document.core_properties
    props.title, props.author, props.last_modified_by, props.comments = "Reference template", "compact-composer", "", ""
    from datetime import datetime

    props.created = props.modified = props.last_printed = datetime(2000, 1, 1)
    props.revision = 1
    for part in document.part.package.iter_parts():
        if hasattr(part, "element"):
            oxml.strip_revision_ids(part.element)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue())


def _drop_extra_parts(document: WordDocument) -> None:
    for owner in (document.part.package, document.part):
        for rel in list(owner.rels.values()):
            if rel.reltype in _DROPPED_RELTYPES:
                owner.rels.pop(rel.rId)


def _set_page(document: WordDocument) -> None:
    page = style_book().page
    for section in document.sections:
        section.page_width, section.page_height = Cm(page.width_cm), Cm(page.height_cm)
        section.left_margin = section.right_margin = Cm(page.margin_cm)
        section.top_margin = section.bottom_margin = Cm(page.margin_cm)
        section.header_distance, section.footer_distance = Cm(page.header_cm), Cm(page.footer_cm)


def _set_defaults(document: WordDocument) -> None:
    """Document-wide defaults: our serif everywhere (no theme fonts), 12 pt."""
    page = style_book().page
    r_pr = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if r_pr is not None:
        set_font_family(r_pr, page.font)
        r_pr.get_or_add_sz().val = Pt(page.size)


def main(argv: list[str] | None = None) -> int:
    """Write the reference template to ``argv[0]`` (default: templates/reference.docx)."""
    from composer.atomic import write_atomic
    from composer.render.docx.template import default_template_path

    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else default_template_path()
    write_atomic(target, build_reference())
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
