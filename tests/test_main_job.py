"""The README's main job, end to end: `compose brief --cluster 1` writes a DOCX and a PDF whose
footnotes are read back with independent readers (lxml on the DOCX parts, pdftotext on the PDF)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import pytest
from lxml import etree

from composer.assemble.brief import assemble_brief
from composer.assemble.common import ComposeOptions
from composer.library import load_library
from composer.library.query import ClauseFilter, select_clauses
from composer.model.walk import document_notes, plain_text
from tests.conftest import ROOT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _squash(text: str) -> str:
    """Whitespace and soft hyphenation folded, for comparing text extracted from a PDF."""
    return re.sub(r"\s+", "", text.replace("\u00ad", "")).replace("-", "")


@pytest.fixture(scope="module")
def main_job(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "compose") if (ROOT / ".venv" / "bin" / "compose").exists() else "compose",
            "--library",
            str(ROOT),
            "brief",
            "--cluster",
            "1",
            "--date",
            "2026-11-24",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return out


def test_docx_has_one_real_footnote_per_supporter_note(main_job):
    library = load_library(ROOT)
    clauses = select_clauses(library, ClauseFilter(clusters=(1,)))
    model_notes = document_notes(
        assemble_brief(library, ClauseFilter(clusters=(1,)), ComposeOptions(date="2026-11-24"))
    )
    with zipfile.ZipFile(main_job / "brief-cluster-1.docx") as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
        notes = etree.fromstring(archive.read("word/footnotes.xml"))
        rels = archive.read("word/_rels/document.xml.rels").decode("utf-8")
    assert "relationships/footnotes" in rels
    references = [r.get(f"{W}id") for r in body.iter(f"{W}footnoteReference")]
    real = {n.get(f"{W}id"): n for n in notes.iter(f"{W}footnote") if n.get(f"{W}type") is None}
    # One note per supporter (supporters named in the same statements share one).
    assert len(references) == len(model_notes) == len(real)
    assert set(references) == set(real)
    texts = ["".join(t.text or "" for t in real[r].iter(f"{W}t")) for r in references]
    sources = {library.source(c.source).short_title for c in clauses}
    assert all(any(title in text for title in sources) for text in texts)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")
def test_pdf_holds_every_footnote_and_page_numbers(main_job):
    library = load_library(ROOT)
    document = assemble_brief(library, ClauseFilter(clusters=(1,)), ComposeOptions(date="2026-11-24"))
    text = subprocess.run(
        ["pdftotext", "-layout", str(main_job / "brief-cluster-1.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.count("\f")
    assert f"Page 2 of {pages}" in text or f"Page 2 of {pages + 1}" in text
    squashed = _squash(text)
    missing = [
        n for n, note in enumerate(document_notes(document), 1) if _squash(plain_text(note.content)) not in squashed
    ]
    assert not missing, f"footnotes missing from the PDF: {missing[:10]}"
    for heading in ("Key asks by objective", "What the compact left out or softened", "Annex E: Sources"):
        assert heading in text
