"""Redlines fit for negotiation (issue 10 §5), read back with independent readers.

Citations as delegates say them, a bracket's attribution, the draft's own paragraph styles in
the DOCX, the change summary on the DOCX's first page, the PDF's page furniture and footnotes,
and renumbering / punctuation-only changes reported quietly. DOCX is read with lxml and
../shared/tools/docx_views.py, PDF with pdftotext and pdffonts, HTML with lxml.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from composer.read import citations
from composer.read.citations import Item, cite_all
from tests.conftest import ROOT
from tests.test_redline_support import build_docx, corpus_blocks, corpus_dir, docx_texts

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCX_VIEWS = ROOT.parent / "shared" / "tools" / "docx_views.py"
ZERO, REV1 = ROOT / "examples" / "zero-draft.yaml", ROOT / "examples" / "rev1.yaml"


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _views(path: Path) -> dict:
    if not DOCX_VIEWS.exists():
        pytest.skip("../shared/tools/docx_views.py not found")
    done = subprocess.run([sys.executable, str(DOCX_VIEWS), str(path)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def _diff(run_cli, out: Path, *args: str) -> None:
    result = run_cli("--library", str(ROOT), "diff", *args, "--out", str(out), "--date", "2026-12-15")
    assert result.code == 0, result.err


@pytest.fixture(scope="module")
def manifest_outputs(tmp_path_factory):
    """The manifest redline in every format, made once: (folder, stem)."""
    from composer.cli import main

    out = tmp_path_factory.mktemp("negotiation")
    try:
        main(["--library", str(ROOT), "diff", str(ZERO), str(REV1), "--format", "docx,pdf,html,md", "--out", str(out),
              "--date", "2026-12-15"])
    except SystemExit as exc:
        assert not exc.code
    return out, "redline-zero-draft-vs-rev1"


def _draft_texts(manifest: Path) -> tuple[list[str], list[str]]:
    """What ``compose draft`` writes for ``manifest`` (the DOCX of our writer), as paragraphs and notes."""
    from composer.cli.common import read_manifest_draft
    from composer.render.docx import render_docx

    return docx_texts(render_docx(read_manifest_draft(manifest).document), None)


# ---------------------------------------------------------------- 1. citations


def test_resolution_cites_preambular_and_operative_paragraphs():
    items = [Item("para", "", "United Nations"), Item("para", "", "The General Assembly,"),
             Item("para", "", "Recalling its resolution 79/194,"), Item("para", "", "Noting with concern,"),
             Item("para", "1.", "Recognizes"), Item("para", "2.", "Calls upon States:"),
             Item("para", "(a)", "To act;"), Item("para", "(i)", "first;"), Item("para", "(ii)", "second;"),
             Item("para", "(b)", "To report;"), Item("para", "3.", "Decides")]
    assert cite_all(items) == ["title block, line 1", "The General Assembly,", "PP1", "PP2", "OP 1", "OP 2",
                               "OP 2(a)", "OP 2(a)(i)", "OP 2(a)(ii)", "OP 2(b)", "OP 3"]


def test_ninth_letter_is_not_a_roman_numeral():
    letters = [Item("para", f"({chr(ord('a') + k)})", "x") for k in range(9)]
    cites = cite_all([Item("para", "29.", "We commit"), *letters])
    assert cites[-2:] == ["para 29(h)", "para 29(i)"]


def test_articles_and_compact_objectives():
    treaty = cite_all([Item("heading", "", "Preamble"), Item("para", "", "The Parties to this Agreement,"),
                       Item("para", "", "Being Parties to the Convention,"), Item("heading", "", "Article 4 *(adaptation)*"),
                       Item("para", "1.", "Parties hereby establish"), Item("para", "2.", "Parties recognize"),
                       Item("para", "(a)", "sub"), Item("heading", "", "[Article 3bis] *(REDD-plus)*"),
                       Item("para", "1.", "Parties are encouraged")])
    assert treaty == ["Preamble", "The Parties to this Agreement,", "PP1", "Article 4", "Article 4, para 1",
                      "Article 4, para 2", "Article 4, para 2(a)", "Article 3bis", "Article 3bis, para 1"]
    compact = cite_all([Item("heading", "", "Objective 13: Use migration detention only as a last resort"),
                        Item("para", "29.", "We commit"), Item("para", "", "To realize this commitment"),
                        Item("item", "(a)", "Use alternatives")])
    assert compact == ["Objective 13", "para 29", "para 29, chapeau", "para 29(a)"]


def test_citation_formats_come_from_the_data_file(monkeypatch):
    rules = citations.conventions()
    operative = rules.context("resolution operative")
    changed = dataclasses.replace(operative, formats={**operative.formats, "numbered": "operative paragraph {n}"})
    patched = dataclasses.replace(rules, contexts=tuple(changed if c is operative else c for c in rules.contexts))
    monkeypatch.setattr(citations, "conventions", lambda: patched)
    assert cite_all([Item("para", "", "The General Assembly,"), Item("para", "1.", "Decides")])[1] == \
        "operative paragraph 1"
    data = (ROOT / "composer" / "data" / "negotiation.yaml").read_text(encoding="utf-8")
    assert 'numbered: "OP {n}"' in data and 'unnumbered: "PP{pp}"' in data


def test_corpus_redlines_cite_pp_op_and_articles(run_cli, tmp_path):
    folder = corpus_dir()
    unga = sorted(folder.glob("unga_ict4sd_v[23]_*.txt"))
    paris = sorted(folder.glob("paris_v[45]_*.txt"))
    for old, new in (unga, paris):
        _diff(run_cli, tmp_path, str(old), str(new), "--format", "html")
    pages = sorted(tmp_path.glob("*.html"))
    cells: dict[str, list[str]] = {}
    for page in pages:
        tree = lxml_html.fromstring(page.read_text(encoding="utf-8"))
        cells[page.name] = [td.text_content() for tr in tree.xpath("//table[@class='rows']//tr")[1:]
                            for td in tr.xpath("td")[:2] if td.text_content()]
    unga_cells = next(v for k, v in cells.items() if "ict4sd" in k)
    paris_cells = next(v for k, v in cells.items() if "paris" in k)
    assert any(re.fullmatch(r"PP\d+", c) for c in unga_cells)
    assert any(re.fullmatch(r"OP \d+(\([a-z]+\))*", c) for c in unga_cells)
    assert any(re.fullmatch(r"Article \d+\w*, para \d+", c) for c in paris_cells)
    assert not any(c.startswith("¶") for c in unga_cells + paris_cells)


# ---------------------------------------------------------------- 2. attribution, 3. styles


def test_manifest_docx_keeps_attribution_and_house_styles(manifest_outputs):
    out, stem = manifest_outputs
    path = out / f"{stem}.docx"
    views = _views(path)
    accepted = "\n".join(views["body"]["accept"])
    assert "migration] (proposed by Mexico, Sweden);" in accepted
    assert "(proposed by" not in "\n".join(views["body"]["reject"])
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    proposer = [r for r in root.iter(_q("r")) if "".join(r.itertext()).startswith("(proposed by")]
    assert proposer and proposer[0].find(f"{_q('rPr')}/{_q('rStyle')}").get(_q("val")) == "BracketProposer"

    def style_of(start: str) -> str | None:
        for p in root.iter(_q("p")):
            if "".join(t.text or "" for t in p.iter(_q("t"))).startswith(start):
                style = p.find(f"{_q('pPr')}/{_q('pStyle')}")
                return style.get(_q("val")) if style is not None else None
        raise AssertionError(f"no paragraph starts with {start!r}")

    assert style_of("3.We commit to use migration detention only") == "NumberedParagraph"
    assert style_of("(b)Develop ") == "ActionItem"
    assert style_of("United Nations") == "UNOrganisation"


def test_manifest_docx_accepts_and_rejects_to_the_drafts_as_composed(manifest_outputs):
    out, stem = manifest_outputs
    data = (out / f"{stem}.docx").read_bytes()
    assert docx_texts(data, "accept") == _draft_texts(REV1)
    assert docx_texts(data, "reject") == _draft_texts(ZERO)
    paragraphs = docx_texts(data, "accept")[0]
    assert "3.\tWe commit to use migration detention only as a measure of last resort and work towards " \
           "alternatives." in paragraphs


def test_text_redline_hangs_its_numbers(run_cli, tmp_path):
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("The General Assembly,\nRecalling its resolution,\n1. Decides to act.\n2. Requests a report.\n")
    new.write_text("The General Assembly,\nRecalling its resolution,\n1. Decides to act now.\n2. Requests a report.\n")
    _diff(run_cli, tmp_path, str(old), str(new), "--format", "docx")
    data = next(tmp_path.glob("*.docx")).read_bytes()
    assert docx_texts(data, "accept")[0] == ["The General Assembly,", "Recalling its resolution,",
                                             "1.\tDecides to act now.", "2.\tRequests a report."]
    assert docx_texts(data, "reject")[0][2] == "1.\tDecides to act."
    root = etree.fromstring(zipfile.ZipFile(next(tmp_path.glob("*.docx"))).read("word/document.xml"))
    numbered = [p for p in root.iter(_q("p")) if "".join(t.text or "" for t in p.iter(_q("t"))).startswith("1.")]
    assert numbered[0].find(f"{_q('pPr')}/{_q('pStyle')}").get(_q("val")) == "NumberedParagraph"


# ---------------------------------------------------------------- 4. --summary


def _summary_and_text(path: Path) -> tuple[etree._Element, list[etree._Element]]:
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    body = root.find(_q("body"))
    children = list(body)
    cut = next(i for i, el in enumerate(children) if el.find(f".//{_q('br')}[@{_q('type')}='page']") is not None)
    return body, children[: cut + 1]


def test_summary_opens_the_manifest_docx_and_the_text_still_resolves(run_cli, tmp_path):
    _diff(run_cli, tmp_path, str(ZERO), str(REV1), "--format", "docx", "--summary")
    path = tmp_path / "redline-zero-draft-vs-rev1.docx"
    _body, summary = _summary_and_text(path)
    texts = ["".join(el.itertext()) for el in summary]
    assert texts[0] == "Summary of changes"
    assert summary[0].find(f".//{_q('bookmarkStart')}").get(_q("name")) == "RedlineSummary"
    table = next(el for el in summary if el.tag == _q("tbl"))
    rows = [["".join(tc.itertext()) for tc in tr.iter(_q("tc"))] for tr in table.iter(_q("tr"))]
    assert rows[0] == ["Old", "New", "Change", "Words changed", "Text"]
    assert rows[[r[0] for r in rows].index("para 3(d)")][:4] == ["para 3(d)", "para 3(c)", "renumbered", "0%"]
    assert any(r[:3] == ["para 5(e)", "para 5(e)", "punctuation only"] for r in rows)
    # After the summary's page break, Accept all / Reject all still give the two drafts.
    n_summary = sum(1 for el in summary for _p in el.iter(_q("p")))
    accepted = docx_texts(path.read_bytes(), "accept")
    rejected = docx_texts(path.read_bytes(), "reject")
    assert accepted[0][n_summary:] == _draft_texts(REV1)[0] and accepted[1] == _draft_texts(REV1)[1]
    assert rejected[0][n_summary:] == _draft_texts(ZERO)[0]
    views = _views(path)
    assert views["body"]["accept"][0] == "Summary of changes"


def test_summary_on_the_in_place_redline_of_two_docx(run_cli, tmp_path):
    folder = corpus_dir()
    old_path, new_path = sorted(folder.glob("unga_ldc-followup_v[23]_*.txt"))
    old, new = tmp_path / "old.docx", tmp_path / "new.docx"
    old.write_bytes(build_docx(corpus_blocks(old_path)))
    new.write_bytes(build_docx(corpus_blocks(new_path)))
    out = tmp_path / "out"
    _diff(run_cli, out, str(old), str(new), "--format", "docx", "--summary")
    path = out / "redline-old-vs-new.docx"
    _body, summary = _summary_and_text(path)
    table = next(el for el in summary if el.tag == _q("tbl"))
    cited = {"".join(tc.itertext()) for tr in table.iter(_q("tr")) for tc in list(tr.iter(_q("tc")))[:2]}
    assert any(re.fullmatch(r"OP \d+", c) for c in cited) and any(re.fullmatch(r"PP\d+", c) for c in cited)
    n_summary = sum(1 for el in summary for _p in el.iter(_q("p")))
    expected_new = [b.text for b in corpus_blocks(new_path)]
    assert docx_texts(path.read_bytes(), "accept")[0][n_summary:] == expected_new


# ---------------------------------------------------------------- 5. PDF


def _pdftotext(path: Path) -> list[str]:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler) not installed")
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return done.stdout.split("\f")[:-1]


def test_pdf_has_header_page_numbers_and_footnotes_at_the_foot(manifest_outputs):
    out, stem = manifest_outputs
    pages = _pdftotext(out / f"{stem}.pdf")
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        lines = [line for line in page.splitlines() if line.strip()]
        assert lines[-1].strip() == f"Page {number} of {len(pages)}"
        if number > 1:
            assert lines[0].split()[0:4] == ["Redline:", "zero-draft.yaml", "→", "rev1.yaml"]
            assert "2026-12-15" in lines[0]
    # footnote 2 (of para 3(b)) is on the page that calls it, below the text, and nowhere else
    note = "GFMD Dialogue on the GCM, Cluster 1 session report, para. 19"
    with_note = [i for i, page in enumerate(pages) if note in page]
    assert len(with_note) == 1
    page = pages[with_note[0]]
    assert page.index("that are in line with") < page.index(note)
    assert "(proposed by Mexico, Sweden)" in "".join(pages)


def test_pdf_typeface_is_the_one_of_our_other_pdfs(manifest_outputs, tmp_path):
    if not shutil.which("pdffonts"):
        pytest.skip("pdffonts (poppler) not installed")
    from composer.cli.common import read_manifest_draft
    from composer.render.pdf import render_pdf

    out, stem = manifest_outputs
    draft = tmp_path / "draft.pdf"
    draft.write_bytes(render_pdf(read_manifest_draft(REV1).document))

    def families(path: Path) -> set[str]:
        done = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
        names = [line.split()[0] for line in done.stdout.splitlines()[2:] if line.strip()]
        bare = (re.sub(r"^[A-Z]{6}\+", "", name) for name in names)
        return {re.sub(r"-(Bold|Italic|BoldItalic|Regular)$", "", name) for name in bare}

    redline, ours = families(out / f"{stem}.pdf"), families(draft)
    assert redline <= ours, (redline, ours)
    assert "Liberation-Serif" in redline


# ---------------------------------------------------------------- 6. quiet renumbering and punctuation


def test_html_marks_no_renumbering_and_no_punctuation_only_change(manifest_outputs):
    out, stem = manifest_outputs
    tree = lxml_html.fromstring((out / f"{stem}.html").read_text(encoding="utf-8"))
    main = tree.xpath("//main")[0]
    assert not main.xpath(".//*[contains(@class,'renumber')]")
    assert "→" not in main.text_content().replace("→ moved", "")  # only a move's own marker has an arrow
    assert not main.xpath(".//*[contains(@class,'move-diff')]")
    ethical = next(p for p in main.xpath(".//p") if "ethical code" in p.text_content())
    assert not ethical.xpath(".//ins|.//del")
    assert ethical.text_content().strip().startswith("(e) Adopt an ethical code for politicians and the media;")
    renumbered = next(p for p in main.xpath(".//p") if "Completely ban the detention" in p.text_content())
    assert renumbered.text_content().strip().startswith("(c) Completely") and not renumbered.xpath(".//ins|.//del")
    kinds = [td.text_content() for td in tree.xpath("//table[@class='rows']//tr/td[3]")]
    assert "punctuation" in kinds and "renumbered" in kinds
    # a real change keeps its marks
    assert "non-custodial" in " ".join(main.xpath(".//ins//text()"))


def test_markdown_lists_quiet_changes_in_the_table_only(manifest_outputs):
    out, stem = manifest_outputs
    text = (out / f"{stem}.md").read_text(encoding="utf-8")
    assert "| para 5(e) | para 5(e) | punctuation | 0% |" in text
    assert "| para 4(b) | para 4(a) | moved, punctuation | 0% |" in text
    assert "## modified para 5(e)" not in text and "[-(b) -]{+(a) +}" not in text
    assert "## moved para 4(b) → para 4(a)" in text
    moved = text.split("## moved para 4(b) → para 4(a)")[1].split("##")[0]
    assert "[-" not in moved and "{+" not in moved
    assert "2 punctuation only, 5 renumbered" in text


def test_pdf_lists_the_notes_after_the_text_when_a_footnote_was_lost(monkeypatch, tmp_path):
    """The read-back check: a footnote missing from the first layout gives the endnote layout."""
    from composer.cli.common import read_manifest_draft
    from composer.compare.engine import compare_documents
    from composer.render import pdf_check
    from composer.render.redline.options import RedlineOptions
    from composer.render.redline.pdf import render_redline_pdf

    monkeypatch.setenv("COMPOSER_LIBRARY", str(ROOT))
    redline = compare_documents(read_manifest_draft(ZERO), read_manifest_draft(REV1))
    real, calls = pdf_check.missing_footnotes, []

    def lose_note_3_once(text, notes):
        calls.append(1)
        return [3] if len(calls) == 1 else real(text, notes)

    monkeypatch.setattr(pdf_check, "missing_footnotes", lose_note_3_once)
    path = tmp_path / "r.pdf"
    path.write_bytes(render_redline_pdf(redline, RedlineOptions(date="2026-12-15")))
    assert len(calls) == 2
    pages = _pdftotext(path)
    last = pages[-1]
    assert "GFMD Dialogue on the GCM, Cluster 1 session report, para. 19" in last  # note 2, listed at the end
    assert "Engage the private sector" not in last or last.index("Engage the private sector") < last.index(
        "GFMD Dialogue on the GCM, Cluster 1 session report, para. 19")


def test_libreoffice_accepts_and_rejects_house_styled_redlines(tmp_path, monkeypatch):
    """LibreOffice's own Accept all / Reject all of a manifest and a text redline (house styles,
    tabbed labels, a renumbering's shared tab) give the drafts exactly as compose draft writes them."""
    from tests.test_redline_libreoffice import SCRIPT, _python_with_uno

    python = _python_with_uno()
    if not shutil.which("soffice") or python is None:
        pytest.skip("LibreOffice with python-uno is not installed")
    from composer.cli.common import read_manifest_draft
    from composer.compare.engine import compare_documents
    from composer.read import read_document
    from composer.render.docx import render_docx
    from composer.render.redline.docx import render_redline_docx
    from composer.render.redline.options import RedlineOptions

    monkeypatch.setenv("COMPOSER_LIBRARY", str(ROOT))
    folder = corpus_dir()
    unga = sorted(folder.glob("unga_ldc-followup_v[23]_*.txt"))
    cases = {"manifest": (read_manifest_draft(ZERO), read_manifest_draft(REV1)),
             "text": (read_document(unga[0]), read_document(unga[1]))}
    jobs, expected = [], []
    for name, (old, new) in cases.items():
        path = tmp_path / f"{name}.docx"
        path.write_bytes(render_redline_docx(compare_documents(old, new), old, new, RedlineOptions(date="2025-12-15")))
        jobs += [[str(path), "accept"], [str(path), "reject"]]
        expected += [docx_texts(render_docx(new.document), None), docx_texts(render_docx(old.document), None)]
    (tmp_path / "jobs.json").write_text(json.dumps(jobs))
    (tmp_path / "resolve.py").write_text(SCRIPT)
    done = subprocess.run(["timeout", "600", python, str(tmp_path / "resolve.py"), str(tmp_path / "jobs.json"),
                           str(tmp_path / "profile")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    outcomes = json.loads(done.stdout.strip().splitlines()[-1])
    for outcome, (paragraphs, notes) in zip(outcomes, expected, strict=True):
        assert outcome["changes"] > 0 and outcome["left"] == 0
        assert outcome["paragraphs"] == paragraphs
        assert outcome["footnotes"] == [note.strip() for note in notes]


def test_json_carries_citations_and_punctuation_only(run_cli, tmp_path):
    _diff(run_cli, tmp_path, str(ZERO), str(REV1), "--format", "json")
    data = json.loads(next(tmp_path.glob("*.json")).read_text(encoding="utf-8"))
    assert data["summary"]["punctuation_only"] == 2
    ethical = next(c for c in data["changes"] if (c["new_text"] or "").startswith("(e) Adopt an ethical code"))
    assert (ethical["old_number"], ethical["new_number"], ethical["punctuation_only"]) == ("para 5(e)", "para 5(e)", True)
