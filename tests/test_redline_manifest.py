"""`compose diff` on two draft manifests: the redline DOCX wears the house styles of our writer."""

from __future__ import annotations

import zipfile

from tests.conftest import ROOT
from tests.test_redline_support import docx_texts


def test_manifest_redline_uses_reference_styles_and_resolves_both_ways(run_cli, tmp_path):
    result = run_cli(
        "--library",
        str(ROOT),
        "diff",
        str(ROOT / "examples" / "zero-draft.yaml"),
        str(ROOT / "examples" / "rev1.yaml"),
        "--format",
        "docx",
        "--out",
        str(tmp_path),
        "--author",
        "Co-facilitators",
        "--date",
        "2026-12-15",
    )
    assert result.code == 0, result.err
    data = (tmp_path / "redline-zero-draft-vs-rev1.docx").read_bytes()
    with zipfile.ZipFile(tmp_path / "redline-zero-draft-vs-rev1.docx") as archive:
        styles = archive.read("word/styles.xml").decode("utf-8")
        document = archive.read("word/document.xml").decode("utf-8")
    assert 'w:styleId="ActionItem"' in styles or "Action Item" in styles
    assert 'w:author="Co-facilitators"' in document
    accepted = "\n".join(docx_texts(data, "accept")[0])
    rejected = "\n".join(docx_texts(data, "reject")[0])
    added = "Engage the private sector in promoting a positive narrative of migration"
    removed = "Never detain unaccompanied children"
    assert added in accepted and removed not in accepted
    assert removed in rejected and added not in rejected
    assert "Revision 1" in accepted and "Zero draft" in rejected
