"""Readers: DOCX (typed and automatic numbers, headings, footnotes, bookmarks), Markdown, text."""

from __future__ import annotations

import io

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from composer.model.document import Heading, Note, Para
from composer.read.docx_reader import read_docx
from composer.read.text_reader import read_markdown, read_text
from tests.test_redline_support import Block, build_docx


def test_docx_typed_labels_headings_and_footnotes():
    data = build_docx([Block("Objective 1", heading=2), Block("12. States shall act.", notes=[(9, "Note one")])])
    blocks = read_docx(data, "d.docx").document.blocks
    assert isinstance(blocks[0], Heading) and blocks[0].level == 2
    para = blocks[1]
    assert isinstance(para, Para) and para.label == "12. "
    assert any(isinstance(i, Note) for i in para.content)


def test_docx_automatic_numbering_and_bookmark_ids():
    document = docx.Document()
    for text in ("First", "Second", "Third"):
        paragraph = document.add_paragraph(text, style="List Number")
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), "1")
    start.set(qn("w:name"), "gcm_para_3")
    paragraph._p.insert(1, start)
    buffer = io.BytesIO()
    document.save(buffer)
    source = read_docx(buffer.getvalue(), "n.docx")
    paras = source.document.blocks
    assert [p.label for p in paras] == ["1.", "2.", "3."]
    assert all(source.source_of(p).auto_label for p in paras)
    assert paras[2].id == "gcm_para_3"


def test_markdown_headings_lists_and_footnotes():
    text = "## Article 2\n\n1. Holds the *increase*[^1] below 2 °C;\n    1. nested item\n\n[^1]: Pre-industrial.\n"
    blocks = read_markdown(text.encode(), "p.md").document.blocks
    assert isinstance(blocks[0], Heading)
    assert blocks[1].label == "1. " and any(isinstance(i, Note) for i in blocks[1].content)
    assert blocks[2].label == "1. "


def test_text_one_paragraph_per_line():
    blocks = read_text(b"Title\n\n1. First.\n(a) Sub item;\n", "t.txt").document.blocks
    assert [b.label for b in blocks] == [None, "1. ", "(a) "]
