"""The OOXML layer: namespaces, relationships, the zip writer, notes, bookmarks, custom properties,
checked attributes, child order; and that a DOCX with bad values gives one line, not a traceback."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile

import pytest
from lxml import etree

from composer.errors import ComposerError, InputDocumentError
from composer.ooxml import attrs, bookmarks, custom_props, notes, order, rels, zipwriter
from composer.ooxml.ns import NS, qn, w
from composer.ooxml.safexml import parse_xml
from composer.ooxml.safezip import open_package
from composer.read.docx_reader import read_docx
from tests.test_redline_support import Block, build_docx, rezip

W = NS["w"]


def _doc() -> bytes:
    return build_docx([Block("A heading", heading=1), Block("1. First paragraph."), Block("2. Second one.")])


def _part(data: bytes, name: str) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read(name)


# ---------------------------------------------------------------- namespaces


def test_qn_uses_the_one_table():
    assert qn("w:p") == f"{{{W}}}p" == w("p")
    assert qn("pr:Relationship") == "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
    assert qn("plain") == "plain"
    with pytest.raises(KeyError):
        qn("nope:x")


def test_no_module_spells_the_wordprocessingml_uri_but_the_table():
    """The namespace URI lives in composer/ooxml/ns.py only; the readers and writers import it."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "composer"
    spelled = [
        str(p.relative_to(root))
        for folder in ("read", "render", "ooxml")
        for p in (root / folder).rglob("*.py")
        if "wordprocessingml/2006/main" in p.read_text(encoding="utf-8") and p.name != "ns.py"
    ]
    assert spelled == []


# ---------------------------------------------------------------- relationships


def _package(parts: dict[str, bytes]) -> rels.PartMap:
    return rels.PartMap("t.docx", parts)


def _rels_xml(*entries: tuple[str, str, str]) -> bytes:
    root = etree.Element(qn("pr:Relationships"), nsmap={None: NS["pr"]})
    for rid, kind, target in entries:
        etree.SubElement(root, qn("pr:Relationship"), Id=rid, Type="http://x/" + kind, Target=target)
    return etree.tostring(root)


def test_resolve_target_relative_absolute_and_escaping():
    assert rels.resolve_target("word/document.xml", "footnotes.xml") == "word/footnotes.xml"
    assert rels.resolve_target("word/document.xml", "/customXml/item1.xml") == "customXml/item1.xml"
    assert rels.resolve_target("word/document.xml", "../docProps/custom.xml") == "docProps/custom.xml"
    for bad in ("../../etc/passwd", "../..", "/../x", ""):
        with pytest.raises(rels.BadRelationshipError, match=r"t\.docx"):
            rels.resolve_target("word/document.xml", bad, "t.docx")


def test_relationship_to_a_missing_part_is_refused():
    parts = {
        "word/document.xml": b"<x/>",
        "word/_rels/document.xml.rels": _rels_xml(("rId1", "footnotes", "footnotes.xml"), ("rId2", "styles", "styles.xml")),
        "word/styles.xml": b"<s/>",
    }
    found = rels.Relationships(_package(parts), "word/document.xml")
    assert found.target("/styles") == "word/styles.xml"
    assert found.target("/numbering") is None
    with pytest.raises(rels.BadRelationshipError, match=r"missing part word/footnotes\.xml"):
        found.target("/footnotes")
    with pytest.raises(rels.BadRelationshipError, match="no numbering part"):
        found.target("/numbering", required=True)


def test_main_part_outside_the_package_is_refused():
    parts = {"_rels/.rels": _rels_xml(("rId1", "officeDocument", "../../evil/document.xml"))}
    with pytest.raises(rels.BadRelationshipError, match="outside the package"):
        rels.main_document_part(_package(parts))


def test_reader_refuses_dangling_footnotes_relationship():
    data = _doc()
    document_rels = _part(data, "word/_rels/document.xml.rels")
    extra = document_rels.replace(
        b"</Relationships>",
        b'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'footnotes" Target="../../outside.xml"/></Relationships>',
    )
    with pytest.raises(InputDocumentError, match=r"dangling.docx: relationship target '../../outside.xml'"):
        read_docx(rezip(data, {"word/_rels/document.xml.rels": extra}), "dangling.docx")


# ---------------------------------------------------------------- zip writer


def test_zip_writer_is_deterministic_and_orders_entries():
    parts = {"word/b.xml": b"<b/>", "_rels/.rels": b"<r/>", "[Content_Types].xml": b"<t/>", "a.xml": b"<a/>"}
    first = zipwriter.write_package(parts)
    assert first == zipwriter.write_package(dict(reversed(list(parts.items()))))
    archive = zipfile.ZipFile(io.BytesIO(first))
    assert archive.namelist() == ["[Content_Types].xml", "_rels/.rels", "a.xml", "word/b.xml"]
    for info in archive.infolist():
        assert info.date_time == zipwriter.FIXED_DATE_TIME
        assert (info.create_system, info.compress_type) == (0, zipfile.ZIP_DEFLATED)
    assert len({info.external_attr for info in archive.infolist()}) == 1
    ordered = zipfile.ZipFile(io.BytesIO(zipwriter.write_package(parts, order=["word/b.xml", "a.xml"])))
    assert ordered.namelist() == ["[Content_Types].xml", "_rels/.rels", "word/b.xml", "a.xml"]
    assert zipwriter.normalise_zip(first) == first


# ---------------------------------------------------------------- notes


def test_notes_root_has_the_two_separators_once():
    for kind in ("footnote", "endnote"):
        root = notes.new_notes_root(kind)
        assert root.tag == qn(f"w:{kind}s")
        children = root.findall(qn(f"w:{kind}"))
        assert [(c.get(qn("w:type")), c.get(qn("w:id"))) for c in children] == [
            ("separator", "-1"), ("continuationSeparator", "0")]
        assert children[0].find(f"{w('p')}/{w('r')}/{w('separator')}") is not None
        assert notes.real_notes(root, kind, "x") == {}
    declaration = notes.separator_declaration("footnote")
    assert [c.get(qn("w:id")) for c in declaration] == ["-1", "0"]


def test_note_ids_are_checked():
    root = notes.new_notes_root()
    etree.SubElement(root, qn("w:footnote"), {qn("w:id"): "3"})
    assert list(notes.real_notes(root, "footnote", "f")) == [3]
    etree.SubElement(root, qn("w:footnote"), {qn("w:id"): "1.5"})
    with pytest.raises(attrs.BadAttributeError, match=r"word/footnotes.xml: <w:footnote w:id='1.5'>"):
        notes.real_notes(root, "footnote", "word/footnotes.xml")


# ---------------------------------------------------------------- bookmarks and custom properties


@pytest.mark.parametrize("block_id", ["objective-7", "a" * 37, "idm27-p5-concrete-commitments-and-more-words", "x_y"])
def test_bookmark_names_are_word_safe_and_invert(block_id):
    name = bookmarks.bookmark_name(block_id)
    assert re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,39}", name)
    assert name.startswith(bookmarks.PREFIX)
    table = {} if bookmarks.is_lossless(block_id) else {name: block_id}
    assert bookmarks.block_id_for_bookmark(name, table) == block_id


def test_custom_properties_round_trip_and_keep_foreign_ones():
    foreign = etree.Element(qn("custom:property"), fmtid=custom_props.FMTID, pid="7", name="Client")
    etree.SubElement(foreign, qn("vt:lpwstr")).text = "Ruritania"
    table = {"id_b_123": "b & <long> id", "id_a_456": 'a "quoted" id'}
    blob = custom_props.custom_properties_xml([foreign], table)
    root = parse_xml(blob, "custom.xml")
    assert [(p.get("name"), p.get("pid")) for p in custom_props.properties(root)] == [
        ("Client", "2"), ("id_a_456", "3"), ("id_b_123", "4")]
    assert custom_props.bookmark_table_from_xml(root) == table
    assert blob == custom_props.custom_properties_xml([foreign], table)


# ---------------------------------------------------------------- checked attributes and child order


def _el(**values: str) -> etree._Element:
    return etree.Element(qn("w:outlineLvl"), {qn(f"w:{k}"): v for k, v in values.items()})


def test_checked_attribute_readers():
    assert attrs.int_attr(_el(val="3"), "w:val", "p") == 3
    assert attrs.int_attr(_el(), "w:val", "p", 9) == 9
    with pytest.raises(attrs.BadAttributeError, match=r"doc.docx: styles: <w:outlineLvl w:val='x'>: expected a whole"):
        attrs.int_attr(_el(val="x"), "w:val", "doc.docx: styles")
    with pytest.raises(attrs.BadAttributeError, match=r"in 0\.\.8"):
        attrs.int_attr(_el(val="12"), "w:val", "p", low=0, high=8)
    assert attrs.bool_attr(_el(val="on"), "w:val", "p", False) is True
    assert attrs.bool_attr(_el(val="0"), "w:val", "p", True) is False
    with pytest.raises(attrs.BadAttributeError, match="on or off"):
        attrs.bool_attr(_el(val="maybe"), "w:val", "p", True)
    assert attrs.enum_attr(_el(val="left"), "w:val", "p", {"left", "right"}) == "left"
    with pytest.raises(attrs.BadAttributeError, match="one of left, right"):
        attrs.enum_attr(_el(val="up"), "w:val", "p", {"left", "right"})
    assert issubclass(attrs.BadAttributeError, ComposerError)


def test_insert_child_follows_the_declared_order():
    p_pr = etree.Element(qn("w:pPr"))
    for tag in ("w:jc", "w:pStyle", "w:spacing", "w:pBdr", "w:numPr", "w:rPr"):
        order.insert_child(p_pr, etree.Element(qn(tag)), "w:pPr", tag)
    assert [etree.QName(c).localname for c in p_pr] == ["pStyle", "numPr", "pBdr", "spacing", "jc", "rPr"]
    order.insert_child(p_pr, etree.Element(qn("w:jc"), {qn("w:val"): "both"}), "w:pPr", "w:jc", replace=True)
    assert [c.get(qn("w:val")) for c in p_pr.findall(qn("w:jc"))] == ["both"]


# ---------------------------------------------------------------- bad values in a whole DOCX


def _with_styles_value(attribute_xml: bytes) -> bytes:
    data = _doc()
    styles = _part(data, "word/styles.xml")
    patched = re.sub(rb"(<w:style [^>]*w:styleId=\"Heading1\"[^>]*>)", rb"\1" + attribute_xml, styles, count=1)
    assert patched != styles
    return rezip(data, {"word/styles.xml": patched})


@pytest.mark.parametrize(
    ("snippet", "attribute"),
    [(b'<w:pPr><w:outlineLvl w:val="x"/></w:pPr>', "w:val"),
     (b'<w:pPr><w:numPr><w:ilvl w:val="one"/><w:numId w:val="1"/></w:numPr></w:pPr>', "w:val")],
)
def test_docx_with_non_numeric_values_gives_one_line(tmp_path, snippet, attribute):
    data = _with_styles_value(snippet)
    with pytest.raises(InputDocumentError, match=rf"bad.docx: styles: <w:\w+ {attribute}="):
        read_docx(data, "bad.docx")
    path = tmp_path / "bad.docx"
    path.write_bytes(data)
    other = tmp_path / "other.txt"
    other.write_text("One paragraph.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "composer", "diff", str(path), str(other), "--out", str(tmp_path)],
                          capture_output=True, text=True)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().count("\n") == 0 and "bad.docx" in done.stderr


def test_footnote_reference_with_bad_id_gives_one_line():
    data = build_docx([Block("Text with a note.", notes=[(4, "The note.")])])
    document = _part(data, "word/document.xml")
    patched = re.sub(rb'(<w:footnoteReference w:id=")\d+', rb"\1two", document, count=1)
    assert patched != document
    with pytest.raises(InputDocumentError, match="<w:footnoteReference w:id='two'>"):
        read_docx(rezip(data, {"word/document.xml": patched}), "n.docx")


def test_safe_package_reads_what_the_writer_wrote():
    parts = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<d/>"}
    package = open_package(zipwriter.write_package(parts), "w.docx")
    assert package.names() == ["[Content_Types].xml", "word/document.xml"]
    assert package.read("word/document.xml") == b"<d/>"
