"""Every consecutive pair of real drafts: the DOCX redline accepts to the new text, rejects to the old."""

from __future__ import annotations

import pytest

from composer.compare.engine import compare_documents
from composer.read.docx_reader import read_docx
from composer.render.redline.docx import render_redline_docx
from composer.render.redline.options import RedlineOptions
from tests.test_redline_support import build_docx, corpus_blocks, corpus_pairs, docx_texts, expected_texts


def _pairs():
    try:
        return corpus_pairs()
    except pytest.skip.Exception:
        return []


@pytest.fixture(scope="module")
def built():
    cache: dict = {}

    def get(path):
        if path not in cache:
            blocks = corpus_blocks(path)
            cache[path] = (blocks, build_docx(blocks))
        return cache[path]

    return get


@pytest.mark.parametrize("old_path,new_path", _pairs(), ids=lambda p: p.name.split("_")[0] + "_" + p.name.split("_")[1])
def test_accept_all_gives_new_and_reject_all_gives_old(built, old_path, new_path):
    old_blocks, old_docx = built(old_path)
    new_blocks, new_docx = built(new_path)
    old = read_docx(old_docx, "old.docx")
    new = read_docx(new_docx, "new.docx")
    redline = compare_documents(old, new)
    data = render_redline_docx(redline, old, new, RedlineOptions(author="Tester", date="2025-12-15"))
    assert docx_texts(data, "accept") == expected_texts(new_blocks)
    assert docx_texts(data, "reject") == expected_texts(old_blocks)
    assert redline.summary.has_changes
    assert data == render_redline_docx(redline, old, new, RedlineOptions(author="Tester", date="2025-12-15"))


def test_corpus_is_present_or_skipped_with_reason():
    assert _pairs(), "no consecutive draft pairs found in the corpus"
