"""Our own DOCX read back into the model: paragraph ids survive (the key to following renumbering)."""

from __future__ import annotations

from composer.assemble.common import ComposeOptions
from composer.assemble.draft import assemble_draft
from composer.assemble.manifest import load_manifest
from composer.library import load_library
from composer.model.document import ActionList, Para
from composer.model.walk import iter_blocks
from composer.read.docx_reader import read_docx
from composer.render.docx import render_docx
from tests.conftest import ROOT


def test_block_ids_round_trip_through_docx_bookmarks():
    library = load_library(ROOT).raise_if_invalid()
    document = assemble_draft(library, load_manifest(ROOT / "examples" / "zero-draft.yaml"), ComposeOptions())
    expected = []
    for block in iter_blocks(document.blocks):
        if isinstance(block, Para) and block.id and block.style not in ("cover-title", "cover-subtitle", "cover-meta"):
            expected.append(block.id)
        elif isinstance(block, ActionList):
            expected.extend(item.id for item in block.items)
    assert any(len(i) > 34 for i in expected), "the sample needs long (hashed) ids too"
    source = read_docx(render_docx(document), "zero-draft.docx")
    read_ids = [b.id for b in source.document.blocks if isinstance(b, Para) and b.id]
    assert [i for i in read_ids if i in expected] == expected
