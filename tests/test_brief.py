"""The brief as a delegate gets it: the files `compose brief` writes, read back by other readers.

pdftotext reads the PDF page by page, python-docx and lxml read the DOCX, LibreOffice lays the
DOCX out to count its pages. The cluster 1 brief is rendered once for the module.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from tests.conftest import ROOT

DATE = "2026-11-24"
FRONT_MAX_PAGES = 7


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def _first_annex_page(pages: list[str]) -> int:
    """1-based page of the first annex heading (not its line in the contents)."""
    for number, page in enumerate(pages, start=1):
        if number > 2 and re.search(r"^\s*Annex A: ", page, re.M) and "Contents" not in page:
            return number
    raise AssertionError("no annex heading in the PDF")


@pytest.fixture(scope="module")
def cluster1(tmp_path_factory):
    from composer.cli import main

    out = tmp_path_factory.mktemp("brief")
    try:
        main(["--library", str(ROOT), "brief", "--cluster", "1", "--date", DATE, "--out", str(out)])
    except SystemExit as exc:  # pragma: no cover - the message is in the captured stderr
        assert exc.code in (0, None)
    return out / "brief-cluster-1.pdf", out / "brief-cluster-1.docx"


def _front_paragraphs(document: docx.document.Document) -> list:
    out = []
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Heading 1" and paragraph.text.startswith("Annex"):
            break
        out.append(paragraph)
    return out


def test_front_part_fits_and_annexes_follow(cluster1):
    pdf, _ = cluster1
    pages = _pages(pdf)
    front = _first_annex_page(pages) - 1
    assert front <= FRONT_MAX_PAGES, f"front part runs to {front} pages"
    text = "\f".join(pages)
    for heading in ("Scope and session", "Key asks by objective", "What the compact left out or softened"):
        assert heading in "\f".join(pages[2:front])
    for annex in ("Annex B: Who asked for what", "Annex E: Sources"):
        assert annex in text
    # Curator artefacts a delegate should not read.
    for artefact in ("document(s)", "date inferred", "iom-idm27", "Stated by", "Figure 1"):
        assert artefact not in text


def test_front_entries_make_distinct_asks_each_with_supporters_and_gap(cluster1):
    _, docx_path = cluster1
    document = docx.Document(str(docx_path))
    entries = [p for p in _front_paragraphs(document) if p.style.name == "Numbered Paragraph"]
    assert len(entries) >= 5
    asks = []
    for entry in entries:
        bold = "".join(r.text for r in entry.runs if r.bold).strip()
        asks.append(bold.casefold())
        assert re.search(
            r"States and groups:|Others:|Chairs, rapporteurs, panellists:|Raised in the discussion", entry.text
        )
        assert re.search(
            r"GCM para \d+(\([a-z]+\))?: (says it|says it in part|says it weaker|goes further)|"
            r"Not in the compact|Not traced",
            entry.text,
        ), entry.text
        assert "(confirmed)" in entry.text or "(trace, to be checked)" in entry.text or "Not traced" in entry.text
    assert len(asks) == len(set(asks)), "two entries of the front part make the same ask"


def test_docx_contents_cache_page_numbers_and_do_not_ask_to_update(cluster1):
    pdf, docx_path = cluster1
    with zipfile.ZipFile(docx_path) as archive:
        settings = archive.read("word/settings.xml").decode("utf-8")
    assert "updateFields" not in settings
    document = docx.Document(str(docx_path))
    toc = [p for p in document.paragraphs if p.style.name.startswith("TOC ") and p.style.name != "TOC Heading"]
    assert toc and all(re.search(r"\t\d+$", p.text) for p in toc)
    pages = _pages(pdf)
    for entry in toc:
        title, page = entry.text.rsplit("\t", 1)
        if title.startswith("Annex"):
            assert re.search(rf"^\s*{re.escape(title)}\s*$", pages[int(page) - 1], re.M), title


def test_lead_ins_keep_with_next_and_numbers_are_right_aligned(cluster1):
    _, docx_path = cluster1
    document = docx.Document(str(docx_path))
    paragraphs = document.paragraphs
    lead_ins = [i for i, p in enumerate(paragraphs) if p.style.name == "Lead In"]
    for index in lead_ins:
        assert paragraphs[index].style.paragraph_format.keep_with_next
        assert paragraphs[index + 1].style.name == "Quote"
    scope = document.tables[0]
    assert scope.rows[0].cells[1].text == "Asks"
    for row in scope.rows[1:]:
        cell = row.cells[1]
        assert cell.text.isdigit() and cell.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
        assert row.cells[0].paragraphs[0].alignment != WD_ALIGN_PARAGRAPH.RIGHT


def test_sources_annex_is_chronological_with_real_titles(cluster1):
    from composer.library import load_library

    _, docx_path = cluster1
    library = load_library(ROOT)
    sources = docx.Document(str(docx_path)).tables[-1]
    assert [c.text for c in sources.rows[0].cells] == ["Document", "Organisation, event, place and date", "Statements"]
    titles = [row.cells[0].text for row in sources.rows[1:]]
    by_title = {" ".join(s.title.split()): s for s in library.sources.values()}
    dates = [str(by_title[" ".join(t.split())].date) for t in titles]
    assert dates == sorted(dates)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_docx_runs_about_as_long_as_the_pdf(cluster1, tmp_path):
    pdf, docx_path = cluster1
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx_path)],
        capture_output=True,
        check=True,
        timeout=300,
    )
    word_pages = _pages(tmp_path / docx_path.with_suffix(".pdf").name)
    ours = _pages(pdf)
    assert abs(len(word_pages) - len(ours)) <= max(3, len(ours) // 8), (len(word_pages), len(ours))
    assert _first_annex_page(word_pages) - 1 <= FRONT_MAX_PAGES + 1


def test_plain_word_template_reports_missing_styles_and_renders(run_cli, tmp_path):
    plain = tmp_path / "house.docx"
    docx.Document().save(str(plain))
    result = run_cli(
        "--library", str(ROOT), "brief", "--objective", "13", "--format", "docx", "--date", DATE,
        "--template", str(plain), "--output", str(tmp_path / "house-brief.docx"),
    )  # fmt: skip
    assert result.code == 0, result.err
    lines = result.err.strip().splitlines()
    assert "compose: template house.docx has no paragraph style 'Lead In': using ours" in lines
    assert all(line.startswith("compose: template house.docx has no ") for line in lines)
    rendered = docx.Document(str(tmp_path / "house-brief.docx"))
    styles = {p.style.name for p in rendered.paragraphs}
    assert {"Heading 1", "Numbered Paragraph", "Cover Title"} <= styles


def test_short_draft_has_a_header_block_and_no_provenance_gives_no_notes(run_cli, tmp_path):
    result = run_cli(
        "--library", str(ROOT), "draft", "--objective", "13", "--format", "docx", "--date", DATE,
        "--no-provenance", "--out", str(tmp_path),
    )  # fmt: skip
    assert result.code == 0, result.err
    path = tmp_path / "draft-objective-13-no-provenance.docx"
    document = docx.Document(str(path))
    first = [p.text for p in document.paragraphs[:6]]
    assert first[0] == "United Nations" and "Distr.: Limited" in first and "Zero draft" in first
    assert not any(p.style.name.startswith("TOC") for p in document.paragraphs)
    with zipfile.ZipFile(path) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    assert "footnoteReference" not in body


def test_cli_names_say_what_is_in_the_file_and_accept_spellings(run_cli, tmp_path):
    result = run_cli(
        "--library", str(ROOT), "brief", "--objective", "13", "--kind", "good practice,Call to action",
        "--format", "md", "--annexes", "none", "--delegation", "Ruritania", "--date", DATE, "--out", str(tmp_path),
    )  # fmt: skip
    assert result.code == 0, result.err
    name = "brief-objective-13-kind-good-practice-call-to-action-front-only-for-ruritania.md"
    assert (tmp_path / name).is_file()
    assert "Annex" not in (tmp_path / name).read_text(encoding="utf-8")
    out = tmp_path / "mine.md"
    assert run_cli("--library", str(ROOT), "brief", "--objective", "13", "-o", str(out)).code == 0
    assert out.is_file()
    result = run_cli("--library", str(ROOT), "brief", "--cluster", "1", "--theme", "detentoin", "--out", str(tmp_path))
    assert result.code != 0 and "unknown theme 'detentoin'; did you mean" in result.err and "detention" in result.err
    result = run_cli("--library", str(ROOT), "brief", "--cluster", "1", "--source", "iom-idm", "--out", str(tmp_path))
    assert result.code != 0 and "unknown source 'iom-idm'; did you mean" in result.err
    result = run_cli(
        "--library", str(ROOT), "brief", "--cluster", "1", "--kind", "good practise", "--out", str(tmp_path)
    )
    assert result.code != 0 and "did you mean good_practice" in result.err
    assert len(result.err.strip().splitlines()) == 1
