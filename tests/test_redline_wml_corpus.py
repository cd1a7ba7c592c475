"""The in-place DOCX redline (composer.wml, what `compose diff a.docx b.docx` writes) on the real drafts.

tests/test_redline_corpus.py checks the model-based redline on the 13 consecutive corpus pairs;
this checks the in-place one on the same pairs, read back by ../shared/tools/docx_views.py
(no code shared with ours): Accept all gives NEW and Reject all gives OLD in every story, and
rerunning gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from composer.wml.redline import redline_docx
from tests.outside import check
from tests.test_redline_support import build_docx, corpus_blocks, corpus_pairs


def _pairs():
    try:
        return corpus_pairs()
    except pytest.skip.Exception:
        return []


@pytest.mark.parametrize("old_path,new_path", _pairs(), ids=lambda p: p.name.split("_")[0] + "_" + p.name.split("_")[1])
def test_in_place_redline_accepts_to_new_and_rejects_to_old(old_path: Path, new_path: Path, tmp_path: Path) -> None:
    old, new = tmp_path / "old.docx", tmp_path / "new.docx"
    old.write_bytes(build_docx(corpus_blocks(old_path)))
    new.write_bytes(build_docx(corpus_blocks(new_path)))
    result = redline_docx(old.read_bytes(), new.read_bytes(), "old.docx", "new.docx", date="2025-12-15T00:00:00Z")
    assert result.has_changes
    redline = tmp_path / "redline.docx"
    redline.write_bytes(result.data)
    accept, reject = check.actual_sides(redline)
    want_accept, want_reject = check.expected_sides(old, new)
    for story in check.STORIES:
        assert accept[story] == want_accept[story], f"Accept all, {story}"
        assert reject[story] == want_reject[story], f"Reject all, {story}"
    again = redline_docx(old.read_bytes(), new.read_bytes(), "old.docx", "new.docx", date="2025-12-15T00:00:00Z")
    assert again.data == result.data
