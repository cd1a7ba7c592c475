"""Hostile and odd DOCX packages (issue 15, sections 2, 3 and 5): every attribute read through one
checked parser, every relationship through one resolver, every XML part through the safe parser,
zip entries unambiguous; Flat OPC read, Strict OOXML and other formats named. Each input is
compared against a good draft: either it is read (exit 0) or refused in one line naming it."""

from __future__ import annotations

import base64
import io
import os
import zipfile
from pathlib import Path

import pytest

from tests.hostile import docx as gen
from tests.hostile.harness import assert_refused, run_compose

GOOD_TEXT = "Objective 1: Collect data\n1. We commit to strengthen the global evidence base.\n2. Proof of identity.\n"
DTD = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'


def _with_dtd(xml: str) -> str:
    head, rest = xml.split("?>", 1)
    return f"{head}?>{DTD}{rest}"


def _styles_with(ppr: str) -> str:
    return gen.STYLES.replace('<w:pPr><w:outlineLvl w:val="0"/></w:pPr>', f"<w:pPr>{ppr}</w:pPr>")


def _doc_with(paragraphs: list[str]) -> str:
    return gen.document(paragraphs)


BAD_NUMBERS = ["x", "1.5", "-1", "99999999999999999999999", "", " 1", "0x1", "١"]

CASES: dict[str, bytes] = {}
for i, value in enumerate(BAD_NUMBERS):
    CASES[f"outlineLvl-style-{i}"] = gen.docx(**{"word/styles.xml": _styles_with(f'<w:outlineLvl w:val="{value}"/>')})
    CASES[f"outlineLvl-para-{i}"] = gen.docx(**{"word/document.xml": _doc_with(
        [gen.paragraph("Heading", ppr=f'<w:outlineLvl w:val="{value}"/>'), *gen.default_paragraphs()[1:]])})
    CASES[f"ilvl-{i}"] = gen.docx(**{"word/document.xml": _doc_with(
        [gen.paragraph("1. Item", ppr=f'<w:numPr><w:ilvl w:val="{value}"/><w:numId w:val="1"/></w:numPr>'),
         *gen.default_paragraphs()])})
    CASES[f"numId-{i}"] = gen.docx(**{"word/document.xml": _doc_with(
        [gen.paragraph("1. Item", ppr=f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{value}"/></w:numPr>'),
         *gen.default_paragraphs()])})
    CASES[f"footnote-id-{i}"] = gen.pack({**gen.parts(notes={value: "A note"}), "word/document.xml": _doc_with(
        [gen.paragraph("1. With a note", note=value)])})
CASES.update({
    "footnote-reference-missing": gen.docx(**{"word/document.xml": _doc_with([gen.paragraph("1. Text", note="77")])}),
    "footnotes-rel-missing-part": gen.docx(**{"word/_rels/document.xml.rels": gen.document_rels(footnotes="nothere.xml")}),
    "footnotes-rel-outside": gen.docx(**{"word/_rels/document.xml.rels": gen.document_rels(footnotes="../../../etc/passwd")}),
    "footnotes-rel-absolute": gen.docx(**{"word/_rels/document.xml.rels": gen.document_rels(footnotes="/etc/passwd")}),
    "footnotes-rel-url": gen.docx(**{"word/_rels/document.xml.rels": gen.document_rels(
        footnotes="http://evil.example/f.xml")}),
    "footnotes-rel-external": gen.docx(**{"word/_rels/document.xml.rels": gen.document_rels().replace(
        'Target="footnotes.xml"', 'Target="file:///etc/passwd" TargetMode="External"')}),
    "styles-rel-twice": gen.docx(**{"word/_rels/document.xml.rels": gen.document_rels(
        extra=f'<Relationship Id="rId9" Type="{gen.REL}/styles" Target="styles2.xml"/>')}),
    "styles-rel-twice-present": gen.pack({**gen.parts(), "word/styles2.xml": gen.STYLES,
                                          "word/_rels/document.xml.rels": gen.document_rels(
        extra=f'<Relationship Id="rId9" Type="{gen.REL}/styles" Target="styles2.xml"/>')}),
    "main-external-first": gen.docx(**{"_rels/.rels": gen.package_rels(extra=(
        f'<Relationship Id="rId0" Type="{gen.REL}/officeDocument" Target="http://evil.example/d.xml" '
        'TargetMode="External"/>'))}),
    "main-outside": gen.docx(**{"_rels/.rels": gen.package_rels(main="../../etc/passwd")}),
    "main-missing": gen.docx(**{"_rels/.rels": gen.package_rels(main="word/nothere.xml")}),
    "main-self-loop": gen.docx(**{"_rels/.rels": gen.package_rels(main="_rels/.rels")}),
    "no-rels": gen.pack({k: v for k, v in gen.parts().items() if k != "_rels/.rels"}),
    "rels-malformed": gen.docx(**{"_rels/.rels": "<Relationships"}),
    "dtd-content-types": gen.docx(**{"[Content_Types].xml": _with_dtd(gen.CONTENT_TYPES)}),
    "dtd-document": gen.docx(**{"word/document.xml": _with_dtd(gen.document(gen.default_paragraphs()))}),
    "dtd-styles": gen.docx(**{"word/styles.xml": _with_dtd(gen.STYLES)}),
    "dtd-footnotes": gen.docx(**{"word/footnotes.xml": _with_dtd(gen.footnotes({"1": "n"}))}),
    "dtd-core": gen.docx(**{"docProps/core.xml": _with_dtd(gen.core())}),
    "dtd-rels": gen.docx(**{"_rels/.rels": _with_dtd(gen.package_rels())}),
    "dtd-utf16-document": gen.docx(**{"word/document.xml": _with_dtd(gen.document(gen.default_paragraphs())).replace(
        'encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")}),
    "billion-laughs": gen.docx(**{"word/document.xml": (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        f'<w:document xmlns:w="{gen.W}"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>')}),
    "duplicate-document-entry": gen.pack(gen.parts(), extra=[("word/document.xml", gen.document(
        [gen.paragraph("1. A hidden second document.")]))]),
    "duplicate-entry-case": gen.pack(gen.parts(), extra=[("Word/Document.xml", gen.document(
        [gen.paragraph("1. Another.")]))]),
    "garbage-core-date": gen.docx(**{"docProps/core.xml": gen.core(created="2026-13-45T99:99:99Z")}),
    "core-date-words": gen.docx(**{"docProps/core.xml": gen.core(created="next tuesday")}),
    "deep-nesting": gen.docx(**{"word/document.xml": (
        f'<?xml version="1.0"?><w:document xmlns:w="{gen.W}"><w:body>' + "<w:sdt><w:sdtContent>" * 3000
        + "<w:p><w:r><w:t>deep</w:t></w:r></w:p>" + "</w:sdtContent></w:sdt>" * 3000 + "</w:body></w:document>")}),
    "no-body": gen.docx(**{"word/document.xml": f'<?xml version="1.0"?><w:document xmlns:w="{gen.W}"/>'}),
    "document-not-xml": gen.docx(**{"word/document.xml": b"\x00\x01\x02 not xml"}),
    "document-empty": gen.docx(**{"word/document.xml": b""}),
    "strict-ooxml": gen.docx(**{"word/document.xml": gen.document(gen.default_paragraphs(), ns=gen.W_STRICT),
                               "_rels/.rels": gen.package_rels(rel_ns=gen.REL_STRICT)}),
    "truncated-zip": gen.docx()[:700],
    "zip-garbage-after-header": b"PK\x03\x04" + os.urandom(2000),
    "empty-file": b"",
    "ole-encrypted": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000,
    "odt": b"PK\x03\x04\x14\x00\x00\x00\x00\x00" + b"\x00" * 16 + b"mimetypeapplication/vnd.oasis.opendocument.text",
    "rtf": b"{\\rtf1\\ansi Hello}",
    "pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
})

# Inputs that must be refused (not read as something else): exit 1, one line, naming the file.
MUST_REFUSE = {
    "footnotes-rel-outside", "footnotes-rel-absolute", "main-outside", "main-missing",
    "dtd-content-types", "dtd-document", "dtd-styles", "dtd-footnotes", "dtd-core", "dtd-rels", "dtd-utf16-document",
    "billion-laughs", "duplicate-document-entry", "duplicate-entry-case", "document-not-xml", "document-empty",
    "strict-ooxml", "truncated-zip", "zip-garbage-after-header", "empty-file", "ole-encrypted", "odt", "rtf", "pdf",
    "no-body", "rels-malformed",
}
NAMED = {"strict-ooxml": "strict open xml", "ole-encrypted": "encrypted", "odt": "opendocument", "rtf": "rtf",
         "pdf": "pdf", "duplicate-document-entry": "twice", "duplicate-entry-case": "twice", "dtd-content-types": "dtd"}


def _good(tmp_path: Path) -> Path:
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    return good


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_docx_is_read_or_refused_in_one_line(run_cli, tmp_path, case):
    bad = tmp_path / f"{case}.docx"
    bad.write_bytes(CASES[case])
    result = run_cli("diff", str(bad), str(_good(tmp_path)), "--format", "md,json", "--out", str(tmp_path / "o"))
    if case in MUST_REFUSE:
        assert result.code == 1, (case, result.out, result.err)
    assert result.code in (0, 1), (case, result.err)
    if result.code:
        lines = [line for line in result.err.splitlines() if line.strip()]
        assert len(lines) == 1 and f"{case}.docx" in lines[0], lines
        assert NAMED.get(case, "").lower() in lines[0].lower(), lines[0]
        assert not (tmp_path / "o").exists()
    else:
        produced = tmp_path / "o"
        for path in produced.iterdir():
            data = path.read_bytes()
            assert b"/etc/passwd" not in data and b"evil.example" not in data, path
            assert b"2026-13-45" not in data and b"next tuesday" not in data, path


def test_our_output_from_a_hostile_template_diffs_cleanly(run_cli, small_project, tmp_path):
    template = tmp_path / "template.docx"
    template.write_bytes(CASES["outlineLvl-style-0"])
    out = tmp_path / "o"
    result = run_cli("--library", str(small_project), "draft", "--objective", "3", "--format", "docx",
                     "--date", "2026-01-02", "--template", str(template), "--out", str(out))
    assert result.code in (0, 1), result.err
    if result.code == 0:
        made = next(out.iterdir())
        again = run_cli("diff", str(made), str(made), "--format", "md")
        assert again.code == 0, again.err


def test_flat_opc_is_read_as_the_document_it_holds(run_cli, tmp_path):
    flat = tmp_path / "draft.xml"
    flat.write_text(gen.flat_opc(["1. We commit to strengthen the global evidence base.", "2. Proof of identity."]),
                    encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text("1. We commit to strengthen the global evidence base.\n2. Proof of legal identity.\n",
                     encoding="utf-8")
    result = run_cli("diff", str(flat), str(other), "--format", "json", "--out", str(tmp_path / "o"))
    assert result.code == 0, result.err
    text = next((tmp_path / "o").iterdir()).read_text(encoding="utf-8")
    assert "pkg:" not in text and "xmlData" not in text
    assert "1 modified" in result.out or "modified" in text


@pytest.mark.parametrize(("case", "body", "words"), [
    ("word2003", f'<?xml version="1.0"?><w:wordDocument xmlns:w="{"http://schemas.microsoft.com/office/word/2003/wordml"}"/>',
     "word 2003"),
    ("other-xml", '<?xml version="1.0"?><html><body>hi</body></html>', "not a word document"),
    ("flat-dtd", '<?xml version="1.0"?>' + DTD + '<pkg:package xmlns:pkg="http://schemas.microsoft.com/office/2006/'
     'xmlPackage"/>', "dtd"),
    ("flat-traversal", '<?xml version="1.0"?><pkg:package xmlns:pkg="http://schemas.microsoft.com/office/2006/'
     'xmlPackage"><pkg:part pkg:name="/../../etc/x" pkg:contentType="a/b"><pkg:binaryData>AA==</pkg:binaryData>'
     "</pkg:part></pkg:package>", "part name"),
    ("flat-bad-base64", '<?xml version="1.0"?><pkg:package xmlns:pkg="http://schemas.microsoft.com/office/2006/'
     'xmlPackage"><pkg:part pkg:name="/word/media/a.png" pkg:contentType="a/b"><pkg:binaryData>%%%</pkg:binaryData>'
     "</pkg:part></pkg:package>", "base64"),
    ("flat-empty", '<?xml version="1.0"?><pkg:package xmlns:pkg="http://schemas.microsoft.com/office/2006/xmlPackage"/>',
     "empty"),
])
def test_other_xml_is_refused_by_name(run_cli, tmp_path, case, body, words):
    path = tmp_path / f"{case}.xml"
    path.write_text(body, encoding="utf-8")
    result = run_cli("diff", str(path), str(_good(tmp_path)), "--format", "md")
    assert result.code == 1, result.err
    assert f"{case}.xml" in result.err and words in result.err.lower(), result.err
    assert len(result.err.strip().splitlines()) == 1


def test_zip_bomb_part_is_refused_but_a_large_unread_part_is_not(tmp_path, monkeypatch):
    from composer.errors import InputDocumentError
    from composer.ooxml import safezip
    from composer.read import read_document

    members = gen.parts()
    members["word/document.xml"] = gen.document(gen.default_paragraphs()).replace(
        "<w:sectPr/>", "<w:sectPr/>" + " " * (safezip.MAX_MEMBER_BYTES + 1024))
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(gen.pack(members))
    with pytest.raises(InputDocumentError, match="zip bomb"):
        read_document(bomb)
    # A package declaring more than the whole-package budget is not refused on opening (a
    # DOCX of photographs is legitimate): the caps apply per part and to the bytes inflated.
    photos = gen.parts()
    photos["word/media/photo.jpeg"] = os.urandom(3 * 1024 * 1024)
    large = tmp_path / "large.docx"
    large.write_bytes(gen.pack(photos, compression=zipfile.ZIP_STORED))
    assert read_document(large).document.blocks
    monkeypatch.setattr(safezip, "MAX_TOTAL_BYTES", 2 * 1024 * 1024)
    package = safezip.open_package(large.read_bytes(), "large.docx")
    assert package.read("word/document.xml")
    with pytest.raises(InputDocumentError, match=r"large\.docx: part word/media/photo\.jpeg"):
        package.read("word/media/photo.jpeg")


def test_paragraph_limit_is_said_in_paragraphs(run_cli, tmp_path):
    from composer.read import MAX_PARAGRAPHS

    big = tmp_path / "big.txt"
    big.write_text("".join(f"{n}. Paragraph number {n}.\n" for n in range(1, MAX_PARAGRAPHS + 2)), encoding="utf-8")
    result = run_cli("diff", str(big), str(_good(tmp_path)), "--format", "md")
    assert result.code == 1
    assert "big.txt" in result.err and "paragraphs" in result.err and f"{MAX_PARAGRAPHS:,}" in result.err


def test_huge_docx_against_an_edited_copy_is_bounded(tmp_path):
    """200k paragraphs against a copy with 2,000 edits: refused quickly with the paragraph limit, in bounded memory."""
    paragraphs = [gen.paragraph(f"{n}. We commit to paragraph {n} of the draft.") for n in range(1, 200_001)]
    old = tmp_path / "old.docx"
    old.write_bytes(gen.docx(**{"word/document.xml": gen.document(paragraphs)}))
    edited = [p.replace("the draft", "the revised draft") if i % 100 == 0 else p for i, p in enumerate(paragraphs)]
    new = tmp_path / "new.docx"
    new.write_bytes(gen.docx(**{"word/document.xml": gen.document(edited)}))
    run = run_compose("diff", old, new, "--format", "pdf", "--out", tmp_path / "o", timeout=90)
    assert_refused(run, "paragraphs")


def test_base64_helper_sanity():
    assert base64.b64decode("AA==") == b"\x00" and io.BytesIO(b"x").read() == b"x"
