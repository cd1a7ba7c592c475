"""DOCX renderer: read the output back with python-docx, lxml and LibreOffice, never trusting the writer."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Pt
from lxml import etree

from composer.errors import ComposerError
from composer.model.document import (
    ActionList,
    Document,
    Heading,
    Meta,
    Note,
    Para,
    Text,
)
from composer.model.walk import document_notes, plain_text
from composer.ooxml.bookmarks import block_id_for_bookmark, bookmark_name, default_block_id
from composer.render.docx import DocxRenderError, TemplateError, check_template, render_docx
from composer.render.docx.build_reference import build_reference
from composer.render.docx.properties import read_bookmark_table
from composer.render.docx.template import default_template_path
from tests.docx_samples import sample_document

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
FOOTNOTES_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@pytest.fixture(scope="module")
def sample() -> Document:
    return sample_document(objectives=5, notes_per_objective=7)


@pytest.fixture(scope="module")
def rendered(sample: Document) -> bytes:
    return render_docx(sample)


def part_xml(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def part_names(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.namelist()


def note_text(note: etree._Element) -> str:
    return "".join(t.text or "" for t in note.iter(w("t"))).strip()


# ---------------------------------------------------------------- footnotes


def test_sample_has_more_than_thirty_footnotes(sample: Document) -> None:
    assert len(document_notes(sample)) >= 30


def test_footnotes_part_is_registered(rendered: bytes) -> None:
    content_types = part_xml(rendered, "[Content_Types].xml")
    overrides = {o.get("PartName"): o.get("ContentType") for o in content_types}
    assert overrides.get("/word/footnotes.xml") == FOOTNOTES_CT
    rels = part_xml(rendered, "word/_rels/document.xml.rels")
    targets = [r.get("Target") for r in rels if r.get("Type") == FOOTNOTES_RT]
    assert targets == ["footnotes.xml"]
    settings = part_xml(rendered, "word/settings.xml")
    ids = [f.get(w("id")) for f in settings.findall("w:footnotePr/w:footnote", NS)]
    assert ids == ["-1", "0"]


def test_one_footnote_per_note_plus_separators(sample: Document, rendered: bytes) -> None:
    root = part_xml(rendered, "word/footnotes.xml")
    notes = root.findall("w:footnote", NS)
    separators = [n for n in notes if n.get(w("type")) in ("separator", "continuationSeparator")]
    assert sorted(n.get(w("id")) for n in separators) == ["-1", "0"]
    real = [n for n in notes if n.get(w("type")) is None]
    expected = document_notes(sample)
    assert len(real) == len(expected)
    by_id = {n.get(w("id")): n for n in real}
    body = part_xml(rendered, "word/document.xml")
    references = [r.get(w("id")) for r in body.iter(w("footnoteReference"))]
    assert len(references) == len(expected)
    assert len(set(references)) == len(references)
    for ref_id, model_note in zip(references, expected, strict=True):
        assert ref_id in by_id, f"footnoteReference {ref_id} does not resolve"
        assert note_text(by_id[ref_id]) == plain_text(model_note.content).strip()
        paragraph = by_id[ref_id].find("w:p", NS)
        assert paragraph.find("w:pPr/w:pStyle", NS).get(w("val")) == "FootnoteText"
        first_run = paragraph.find("w:r", NS)
        assert first_run.find("w:footnoteRef", NS) is not None
        assert first_run.find("w:rPr/w:rStyle", NS).get(w("val")) == "FootnoteReference"


def test_body_reference_runs_use_footnote_reference_style(rendered: bytes) -> None:
    body = part_xml(rendered, "word/document.xml")
    for ref in body.iter(w("footnoteReference")):
        run = ref.getparent()
        assert run.find("w:rPr/w:rStyle", NS).get(w("val")) == "FootnoteReference"


def test_reopen_extend_and_save_keeps_footnotes(rendered: bytes, tmp_path: Path) -> None:
    document = docx.Document(io.BytesIO(rendered))
    document.add_paragraph("Added after rendering.")
    out = tmp_path / "extended.docx"
    document.save(out)
    data = out.read_bytes()
    before = part_xml(rendered, "word/footnotes.xml")
    after = part_xml(data, "word/footnotes.xml")
    assert len(after.findall("w:footnote", NS)) == len(before.findall("w:footnote", NS))
    body = part_xml(data, "word/document.xml")
    assert "Added after rendering." in "".join(t.text or "" for t in body.iter(w("t")))
    reopened = docx.Document(out)
    assert reopened.paragraphs[-1].text == "Added after rendering."


def test_template_with_own_footnotes_part_is_replaced(tmp_path: Path) -> None:
    first = render_docx(Document(Meta("One"), [Para((Text("a"), Note((Text("old note"),))))]))
    house = tmp_path / "with-notes.docx"
    house.write_bytes(first)
    data = render_docx(Document(Meta("Two"), [Para((Text("b"), Note((Text("new note"),))))]), house)
    assert part_names(data).count("word/footnotes.xml") == 1
    root = part_xml(data, "word/footnotes.xml")
    texts = [note_text(n) for n in root.findall("w:footnote", NS) if n.get(w("type")) is None]
    assert texts == ["new note"]
    rels = part_xml(data, "word/_rels/document.xml.rels")
    assert sum(r.get("Type") == FOOTNOTES_RT for r in rels) == 1


# ---------------------------------------------------------------- styles, numbering, bookmarks


def test_used_styles_exist(rendered: bytes) -> None:
    document = docx.Document(io.BytesIO(rendered))
    style_ids = {s.style_id for s in document.styles}
    body = part_xml(rendered, "word/document.xml")
    used = {e.get(w("val")) for e in body.iter(w("pStyle"), w("rStyle"), w("tblStyle"))}
    assert used <= style_ids
    names = {s.name for s in document.styles}
    for name in (
        "Title",
        "Subtitle",
        "Heading 1",
        "Heading 2",
        "Heading 3",
        "Body Text",
        "Numbered Paragraph",
        "Action Item",
        "List Bullet",
        "Footnote Text",
        "Footnote Reference",
        "Caption",
        "Table Grid",
        "Cover Title",
        "Cover Subtitle",
        "Cover Meta",
        "Cover Mark",
        "Chapeau",
        "Note",
        "TOC Heading",
    ):
        assert name in names, name


def test_paragraph_styles_follow_the_model(rendered: bytes) -> None:
    document = docx.Document(io.BytesIO(rendered))
    by_style: dict[str, list[str]] = {}
    for paragraph in document.paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
    assert by_style["Cover Title"] == ["Global Compact for Safe, Orderly and Regular Migration"]
    assert by_style["Cover Mark"] == ["For delegation use"]
    assert "Preamble" in by_style["Heading 1"]
    assert by_style["Heading 3"] == ["Quoted agreed language"]
    assert all(t.startswith("To realize") for t in by_style["Chapeau"])
    assert by_style["TOC Heading"] == ["Contents"]
    assert by_style["List Bullet"][0].endswith("Portability of social security benefits")


def test_numbered_paragraphs_run_on_across_sections(rendered: bytes, sample: Document) -> None:
    document = docx.Document(io.BytesIO(rendered))
    numbered = [p.text for p in document.paragraphs if p.style.name == "Numbered Paragraph"]
    expected = sum(1 for b in sample.blocks if isinstance(b, Para) and b.numbered)
    assert len(numbered) == expected == 8
    assert [int(text.split(".\t", 1)[0]) for text in numbered] == list(range(1, expected + 1))


def test_action_items_are_lettered_per_list(rendered: bytes) -> None:
    document = docx.Document(io.BytesIO(rendered))
    labels = [p.text.split("\t", 1)[0] for p in document.paragraphs if p.style.name == "Action Item"]
    assert labels == ["(a)", "(b)", "(c)", "(d)"] * 5


def test_brackets_and_crossrefs(rendered: bytes) -> None:
    document = docx.Document(io.BytesIO(rendered))
    commitment = next(p for p in document.paragraphs if p.text.startswith("4.\t"))
    assert "[in full respect of / taking into account] (proposed by Utopia, Ruritania)" in commitment.text
    bold = [r.text for r in commitment.runs if r.bold]
    assert bold == ["[", "]"]
    italic = [r.text for r in commitment.runs if r.italic]
    assert "cf. GCM para 17" in italic
    proposer = next(r for r in commitment.runs if r.text.startswith("(proposed by"))
    assert proposer.style.name == "Bracket Proposer"


def test_every_id_gets_a_bookmark_that_inverts(rendered: bytes, sample: Document) -> None:
    from composer.model.walk import iter_blocks

    document = docx.Document(io.BytesIO(rendered))
    table = read_bookmark_table(document)
    body = part_xml(rendered, "word/document.xml")
    starts = body.findall(".//w:bookmarkStart", NS)
    names = [b.get(w("name")) for b in starts]
    assert len(names) == len(set(names))
    start_ids = {b.get(w("id")) for b in starts}
    end_ids = {b.get(w("id")) for b in body.iter(w("bookmarkEnd"))}
    assert start_ids == end_ids
    for name in names:
        assert re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,39}", name), name
    recovered = {block_id_for_bookmark(n, table) for n in names}
    wanted = set()
    for block in iter_blocks(sample.blocks):
        if getattr(block, "id", None):
            wanted.add(block.id)
        if isinstance(block, ActionList):
            wanted.update(item.id for item in block.items if item.id)
    assert wanted <= recovered


def test_bookmark_names_follow_word_rules() -> None:
    assert bookmark_name("objective-7") == "id_objective_7"
    assert default_block_id("id_objective_7") == "objective-7"
    long_id = "idm27-p5-concrete-commitments-vulnerable-populations"
    name = bookmark_name(long_id)
    assert len(name) == 40 and re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", name)
    assert name == bookmark_name(long_id)
    assert bookmark_name(long_id + "x") != name
    assert bookmark_name("a_b") != bookmark_name("a-b")
    assert block_id_for_bookmark(name, {name: long_id}) == long_id


# ---------------------------------------------------------------- fields, header, footer, properties


def test_toc_field_and_update_on_open(rendered: bytes) -> None:
    body = part_xml(rendered, "word/document.xml")
    instructions = [t.text for t in body.iter(w("instrText"))]
    assert any(i.strip() == 'TOC \\o "1-3" \\h \\z \\u' for i in instructions)
    kinds = [f.get(w("fldCharType")) for f in body.iter(w("fldChar"))]
    assert kinds == ["begin", "separate", "end"]
    # The cached result lists every heading (levels 1-3) in TOC styles, for readers that never
    # update fields; Word rebuilds it with page numbers on open.
    document = docx.Document(io.BytesIO(rendered))
    entries = [p.text for p in document.paragraphs if re.fullmatch(r"toc \d", p.style.name.lower())]
    headings = [p.text for p in document.paragraphs if re.fullmatch(r"Heading [123]", p.style.name)]
    assert entries and entries == headings
    settings = part_xml(rendered, "word/settings.xml")
    assert settings.find("w:updateFields", NS).get(w("val")) == "true"


def test_header_footer_and_blank_cover(rendered: bytes) -> None:
    document = docx.Document(io.BytesIO(rendered))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert section.first_page_header.paragraphs[0].text == ""
    header = section.header.paragraphs[0].text
    assert header.startswith("Global Compact for Migration: draft objectives\t")
    assert "Draft" in header and "13 July 2018" in header and "version 0.3" in header
    footer = section.footer._element
    instructions = [t.text.strip() for t in footer.iter(w("instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert "Page " in "".join(t.text or "" for t in footer.iter(w("t")))


def test_core_properties(rendered: bytes) -> None:
    props = docx.Document(io.BytesIO(rendered)).core_properties
    assert props.title == "Global Compact for Migration: draft objectives"
    assert props.subject.startswith("Draft text of the Global Compact")
    assert props.keywords == "GCM, draft, objective 1"
    assert props.author == "compact-composer"
    assert props.revision == 1
    for stamp in (props.created, props.modified, props.last_printed):
        assert (stamp.year, stamp.month, stamp.day, stamp.hour) == (2018, 7, 13, 0)
    app = part_xml(rendered, "docProps/app.xml")
    assert {etree.QName(e).localname for e in app} >= {"Application"}
    assert not {"TotalTime", "Pages", "Words"} & {etree.QName(e).localname for e in app}


def test_missing_date_defaults_and_bad_date_is_one_clear_error() -> None:
    data = render_docx(Document(Meta("No date"), [Para((Text("x"),))]))
    assert docx.Document(io.BytesIO(data)).core_properties.created.year == 2000
    with pytest.raises(DocxRenderError, match="not YYYY-MM-DD"):
        render_docx(Document(Meta("Bad", date="July 2018"), []))


# ---------------------------------------------------------------- tables, charts, determinism


def test_table_header_repeats_shaded_with_widths(rendered: bytes) -> None:
    document = docx.Document(io.BytesIO(rendered))
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Actor", "Position", "Year"]
    assert table.rows[1].cells[1].text == "Supports stronger language"
    tr = table.rows[0]._tr
    assert tr.find("w:trPr/w:tblHeader", NS) is not None
    assert table.rows[0].cells[0]._tc.find("w:tcPr/w:shd", NS).get(w("fill"))
    widths = [c.width for c in table.columns]
    assert widths[1] > 3 * widths[0] > 3 * widths[2] / 2
    assert table.style.name == "Table Grid"


def test_chart_is_an_inline_png_with_caption(rendered: bytes) -> None:
    pngs = [n for n in part_names(rendered) if n.startswith("word/media/") and n.endswith(".png")]
    assert len(pngs) == 1
    with zipfile.ZipFile(io.BytesIO(rendered)) as archive:
        assert archive.read(pngs[0]).startswith(b"\x89PNG")
    document = docx.Document(io.BytesIO(rendered))
    assert len(document.inline_shapes) == 1
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert "Figure 1. Recommendations in the selection, by objective" in captions


def test_chart_with_mismatched_data_is_refused() -> None:
    from composer.model.document import BarChart

    with pytest.raises(DocxRenderError, match="2 labels but 3 values"):
        render_docx(Document(Meta("Chart"), [BarChart("Bad", ["a", "b"], [1, 2, 3])]))


def test_byte_identical_output(sample: Document, rendered: bytes) -> None:
    assert render_docx(sample) == rendered
    with zipfile.ZipFile(io.BytesIO(rendered)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert archive.namelist()[0] == "[Content_Types].xml"
        for name in archive.namelist():
            if name.endswith(".xml"):
                assert b"w:rsid" not in archive.read(name), name


def test_reference_template_is_built_by_the_script() -> None:
    assert default_template_path().read_bytes() == build_reference()


# ---------------------------------------------------------------- templates


def make_house_template(path: Path, *, with_heading_styles: bool = True) -> Path:
    """python-docx's default with another font and Letter paper; optionally fewer styles."""
    house = docx.Document()
    normal = house.styles["Normal"]
    normal.font.name = "Courier New"
    normal.font.size = Pt(10)
    house.add_paragraph("House boilerplate that must disappear.")
    section = house.sections[0]
    section.left_margin = section.right_margin = Pt(90)
    if not with_heading_styles:
        for style in list(house.styles):
            if style.name in ("Body Text", "Caption", "Heading 2"):
                style.element.getparent().remove(style.element)
    house.save(path)
    return path


def test_house_template_is_honoured(tmp_path: Path, sample: Document) -> None:
    house = make_house_template(tmp_path / "house.docx")
    data = render_docx(sample, house)
    document = docx.Document(io.BytesIO(data))
    assert document.styles["Normal"].font.name == "Courier New"
    assert document.sections[0].left_margin == Pt(90)
    texts = [p.text for p in document.paragraphs]
    assert "House boilerplate that must disappear." not in texts
    assert texts[0] == "Global Compact for Safe, Orderly and Regular Migration"
    assert "Numbered Paragraph" in {s.name for s in document.styles}


def test_house_template_lacking_styles_gets_them(tmp_path: Path) -> None:
    house = make_house_template(tmp_path / "lean.docx", with_heading_styles=False)
    check_template(house)
    model = Document(Meta("Lean"), [Heading(2, (Text("Head"),)), Para((Text("Body"),))])
    document = docx.Document(io.BytesIO(render_docx(model, house)))
    styles = [p.style.name for p in document.paragraphs]
    assert styles == ["Heading 2", "Body Text"]


def test_dotx_house_template_is_accepted(tmp_path: Path) -> None:
    source = make_house_template(tmp_path / "house.docx")
    dotx = tmp_path / "house.dotx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(dotx, "w") as dst:
        for info in src.infolist():
            payload = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                payload = payload.replace(b"document.main+xml", b"template.main+xml")
            dst.writestr(info, payload)
    check_template(dotx)
    assert render_docx(Document(Meta("T"), [Para((Text("x"),))]), dotx)[:2] == b"PK"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a zip at all", r"not a DOCX file \(not a zip"),
        (None, "no word/document.xml"),
        (b"PK\x03\x04 truncated", r"corrupt zip package|not a zip"),
    ],
)
def test_invalid_template_is_one_clear_error(tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "bad.docx"
    if content is None:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("hello.txt", "hi")
    else:
        path.write_bytes(content)
    with pytest.raises(TemplateError, match=message) as info:
        check_template(path)
    assert isinstance(info.value, ComposerError)
    assert "\n" not in str(info.value)
    with pytest.raises(TemplateError):
        render_docx(Document(Meta("x"), []), path)


def test_missing_template_file(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="no such file"):
        check_template(tmp_path / "nope.docx")


def test_corrupt_document_xml(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.docx"
    with zipfile.ZipFile(io.BytesIO(build_reference())) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            payload = src.read(info.filename)
            dst.writestr(info.filename, b"<w:document" if info.filename == "word/document.xml" else payload)
    with pytest.raises(TemplateError, match=r"not a valid DOCX|malformed XML"):
        check_template(path)


# ---------------------------------------------------------------- LibreOffice


def test_libreoffice_converts_and_shows_every_footnote(tmp_path: Path, rendered: bytes, sample: Document) -> None:
    soffice = shutil.which("soffice")
    if soffice is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice (soffice) or pdftotext is not installed: cannot check the DOCX in another reader")
    source = tmp_path / "sample.docx"
    source.write_bytes(rendered)
    profile = f"file://{tmp_path}/lo_profile_{os.getpid()}"
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir",
         str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    pdf = tmp_path / "sample.pdf"
    assert pdf.is_file()
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    flat = re.sub(r"[\s\-\u00ad]+", "", text)  # pdftotext drops hyphens at line ends
    for model_note in document_notes(sample):
        marker = re.search(r"FN\d{4}", plain_text(model_note.content)).group(0)
        assert marker in flat
        assert re.sub(r"[\s\-]+", "", plain_text(model_note.content)) in flat
    assert "Page1of" in flat.replace(" ", "") or "Page2of" in flat


def test_typed_labels_of_read_documents_are_rendered() -> None:
    """A paragraph read from someone else's draft keeps the number it was typed with."""
    from composer.model.document import Document, Meta, Para, Text

    model = Document(
        Meta("Read draft"),
        [
            Para((Text("Recalling ..."),), label="12.", numbered=True),
            Para((Text("Decides ..."),), label="14.", numbered=True),
        ],
    )
    document = docx.Document(io.BytesIO(render_docx(model)))
    numbered = [p.text for p in document.paragraphs if p.style.name == "Numbered Paragraph"]
    assert numbered == ["12.\tRecalling ...", "14.\tDecides ..."]


def test_long_metadata_is_fitted_to_core_property_limits() -> None:
    from composer.model.document import Document, Meta, Para, Text

    meta = Meta("T" * 300, keywords=tuple(f"objective {n}" for n in range(1, 24)) * 2, subject="S" * 400)
    document = docx.Document(io.BytesIO(render_docx(Document(meta, [Para((Text("x"),))]))))
    props = document.core_properties
    assert len(props.title) <= 255 and len(props.subject) <= 255 and len(props.keywords) <= 255
    assert props.keywords.startswith("objective 1, objective 2") and props.keywords.endswith("\u2026")


def test_hostile_templates_are_refused(tmp_path) -> None:
    import zipfile

    from composer.model.document import Document, Meta
    from composer.render.docx import TemplateError, check_template

    xxe = tmp_path / "xxe.docx"
    base = io.BytesIO(render_docx(Document(Meta("t"))))
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(xxe, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/styles.xml":
                data = (
                    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                    + data.split(b"?>", 1)[1]
                )
            target.writestr(item, data)
    with pytest.raises(TemplateError, match=r"DTD|entit"):
        check_template(xxe)
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        target.writestr("word/document.xml", b"<w/>")
        target.writestr("word/big.xml", b"\0" * (300 * 1024 * 1024))
    with pytest.raises(TemplateError, match=r"zip bomb|refused"):
        check_template(bomb)
