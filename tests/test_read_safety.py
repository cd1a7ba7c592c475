"""Hostile and broken inputs: one clear ComposerError line, never a traceback or a partial output."""

from __future__ import annotations

import io
import zipfile

import pytest

from composer.errors import InputDocumentError
from composer.ooxml.safezip import MAX_MEMBER_BYTES
from composer.read import read_document
from composer.read.docx_reader import read_docx
from tests.test_redline_support import Block, build_docx, rezip


def _doc() -> bytes:
    return build_docx([Block("A heading", heading=1), Block("1. First paragraph."), Block("2. Second one.")])


def test_not_a_docx(tmp_path):
    path = tmp_path / "x.docx"
    path.write_text("plain words")
    with pytest.raises(InputDocumentError, match="not a DOCX"):
        read_document(path)


def test_corrupt_zip():
    data = _doc()
    with pytest.raises(InputDocumentError, match="corrupt"):
        read_docx(data[: len(data) // 2], "cut.docx")


def test_encrypted_docx_is_an_ole_file():
    with pytest.raises(InputDocumentError, match="encrypted"):
        read_docx(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "locked.docx")


def test_zip_bomb_is_capped():
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<" + b" " * (MAX_MEMBER_BYTES + 10))
    with pytest.raises(InputDocumentError, match="zip bomb"):
        read_docx(bomb.getvalue(), "bomb.docx")


def test_xml_with_entities_is_refused():
    evil = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            b"<w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p></w:body></w:document>")
    with pytest.raises(InputDocumentError, match="DTD"):
        read_docx(rezip(_doc(), {"word/document.xml": evil}), "xxe.docx")


def test_empty_documents(tmp_path):
    empty_docx = build_docx([])
    with pytest.raises(InputDocumentError, match="no text"):
        read_docx(empty_docx, "empty.docx")
    path = tmp_path / "empty.txt"
    path.write_text("\n \n")
    with pytest.raises(InputDocumentError, match="empty"):
        read_document(path)


def test_tracked_changes_refused_unless_accepted():
    doc = _doc()
    xml = zipfile.ZipFile(io.BytesIO(doc)).read("word/document.xml")
    tracked = xml.replace(
        b"Second one.</w:t></w:r>",
        b'Second one.</w:t></w:r><w:ins w:id="9" w:author="x"><w:r><w:t xml:space="preserve"> More.</w:t>'
        b'</w:r></w:ins><w:del w:id="10" w:author="x"><w:r><w:delText>Gone.</w:delText></w:r></w:del>',
    )
    assert tracked != xml
    data = rezip(doc, {"word/document.xml": tracked})
    with pytest.raises(InputDocumentError, match="tracked changes"):
        read_docx(data, "tracked.docx")
    source = read_docx(data, "tracked.docx", accept_existing=True)
    last = source.document.blocks[-1]
    assert "".join(t.text for t in last.content) == "Second one. More."


def test_missing_file(tmp_path):
    with pytest.raises(InputDocumentError, match="no such file"):
        read_document(tmp_path / "nope.docx")


def test_cli_bad_input_is_one_line_and_writes_nothing(run_cli, tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04broken")
    good = tmp_path / "good.txt"
    good.write_text("1. Text.\n")
    out = tmp_path / "out"
    result = run_cli("diff", str(bad), str(good), "--format", "docx,pdf", "--out", str(out))
    assert result.code != 0
    assert len(result.err.strip().splitlines()) == 1 and "bad.docx" in result.err
    assert "Traceback" not in result.err
    assert not out.exists() or not any(out.iterdir())
