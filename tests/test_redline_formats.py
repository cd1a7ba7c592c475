"""HTML, PDF, Markdown and JSON redlines and the ``compose diff`` command, read back independently."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from lxml import html as lxml_html

from composer.compare.engine import compare_documents
from composer.model.document import Document, Meta, Para, Text
from composer.render.redline.html import render_redline_html
from composer.render.redline.options import RedlineOptions
from composer.render.redline.pdf import render_redline_pdf

OLD = ["1. States shall ensure access to basic services.", "2. Cooperation on search and rescue at sea.",
       "3. Regular pathways shall be strengthened for all."]
NEW = ["1. A new opening paragraph about data for evidence-based policies.",
       "2. States shall guarantee access to basic services.", "3. Regular pathways shall be strengthened for all.",
       "4. Cooperation on search and rescue at sea."]


def _doc(lines: list[str]) -> Document:
    return Document(meta=Meta(title="t"), blocks=[
        Para(content=(Text(line.split(" ", 1)[1]),), numbered=True, label=line.split(" ", 1)[0] + " ") for line in lines
    ])


@pytest.fixture
def redline():
    return compare_documents(_doc(OLD), _doc(NEW))


def test_html_marks_insertions_deletions_moves_and_colours(redline):
    page = render_redline_html(redline, RedlineOptions(date="2025-01-01", colors={"ins": "#0000ff", "del": "#ff0000",
                                                                                   "move": "#00ff00"}))
    tree = lxml_html.fromstring(page)
    assert "guarantee" in " ".join(tree.xpath("//ins//text()"))
    assert "ensure" in " ".join(tree.xpath("//del//text()"))
    assert tree.xpath("//*[contains(@class,'move-from')]") and tree.xpath("//*[contains(@class,'move-to')]")
    assert "--ins: #0000ff" in page
    rows = tree.xpath("//table[@class='rows']//tr")
    assert len(rows) > 1


def test_pdf_has_summary_first_and_is_deterministic(tmp_path, redline):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler) not installed")
    options = RedlineOptions(date="2025-01-01")
    data = render_redline_pdf(redline, options)
    assert data == render_redline_pdf(redline, options)
    path = tmp_path / "r.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    first_page = text.split("\f")[0]
    assert "inserted" in first_page and "moved" in first_page and "renumbered" in first_page
    assert "guarantee" in text and "search and rescue" in text


def test_cli_writes_every_format(run_cli, tmp_path):
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("\n".join(OLD) + "\n")
    new.write_text("\n".join(NEW) + "\n")
    out = tmp_path / "out"
    result = run_cli("diff", str(old), str(new), "--format", "docx,pdf,html,md,json", "--out", str(out),
                     "--author", "Delegation", "--date", "2025-03-01")
    assert result.code == 0, result.err
    names = sorted(p.suffix for p in out.iterdir())
    assert names == [".docx", ".html", ".json", ".md", ".pdf"]
    data = json.loads(next(out.glob("*.json")).read_text())
    assert data["summary"]["counts"]["moved"] == 1 and data["summary"]["counts"]["inserted"] == 1
    assert "{+guarantee+}" in next(out.glob("*.md")).read_text()
    first = next(out.glob("*.docx")).read_bytes()
    run_cli("diff", str(old), str(new), "--format", "docx", "--out", str(out), "--date", "2025-03-01",
            "--author", "Delegation")
    assert next(out.glob("*.docx")).read_bytes() == first


def test_cli_no_changes_exits_zero(run_cli, tmp_path):
    path = tmp_path / "same.txt"
    path.write_text("1. Same text.\n")
    result = run_cli("diff", str(path), str(path))
    assert result.code == 0 and "No changes" in result.out


def test_cli_markdown_to_terminal_and_bad_format(run_cli, tmp_path):
    old, new = tmp_path / "a.txt", tmp_path / "b.txt"
    old.write_text("\n".join(OLD) + "\n")
    new.write_text("\n".join(NEW) + "\n")
    result = run_cli("diff", str(old), str(new))
    assert result.code == 0 and "[-ensure-]{+guarantee+}" in result.out
    bad = run_cli("diff", str(old), str(new), "--format", "odt")
    assert bad.code == 2 and "unknown redline format" in bad.err
