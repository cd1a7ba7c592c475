"""Hostile text in clauses, drafts and options (issue 15, sections 2 and 5): Markdown shows what
the text says (no raw HTML, no invented footnotes or headings), control characters in options are
refused once, and a 10,000-character word wraps in the PDF instead of running off the page."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from composer.render.md_escape import escape_markdown

HOSTILE = [
    "<script>alert(1)</script>",
    "</p><h1>Injected</h1><p>",
    "as agreed [^1] in the text",
    "[click](javascript:alert(1))",
    "![img](http://evil.example/x.png)",
    "# Not a heading",
    "> not a quote",
    "- not a bullet",
    "1. not a list",
    "`code` and ```fence```",
    "&lt;b&gt; entity",
    "a | b | c",
    "~~struck~~ and *emph* and __strong__",
    "<!-- comment -->",
    "back\\slash\\*",
]


def _markdown_to_html(text: str) -> str:
    """CommonMark rendering of ``text``, by markdown-it if present, else a strict stand-in check."""
    markdown_it = pytest.importorskip("markdown_it")
    return markdown_it.MarkdownIt("commonmark").enable("table").enable("strikethrough").render(text)


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_renders_as_itself(text):
    escaped = escape_markdown(text)
    assert "<" not in escaped.replace("\\<", "") and "[" not in escaped.replace("\\[", "")
    try:
        html = _markdown_to_html(f"Start: {escaped}")
    except pytest.skip.Exception:
        return
    assert "<script" not in html and "<h1" not in html and "<a " not in html and "<img" not in html
    assert "<code" not in html and "<em" not in html and "<del" not in html and "<!--" not in html


def _clause_with(project: Path, text: str) -> None:
    path = project / "clauses" / "test.yaml"
    body = path.read_text(encoding="utf-8")
    old = 'draft_text: "Provide migrants with comprehensive information on their rights and on access to justice"'
    assert old in body
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    path.write_text(body.replace(old, f'draft_text: "Provide migrants {quoted} with information"'), encoding="utf-8")


@pytest.mark.parametrize("text", HOSTILE[:6])
def test_markdown_draft_from_hostile_clause_text(run_cli, small_project, tmp_path, text):
    _clause_with(small_project, text)
    out = tmp_path / "o"
    result = run_cli("--library", str(small_project), "draft", "--objective", "3", "--format", "md,html",
                     "--date", "2026-01-02", "--out", str(out))
    assert result.code == 0, result.err
    md = next(out.glob("*.md")).read_text(encoding="utf-8")
    html = next(out.glob("*.html")).read_text(encoding="utf-8")
    for raw in ("<script>", "</p><h1>", "[^1] in"):
        if raw in text:
            assert raw not in md, md
    assert not re.search(r"(?m)^#+ Not a heading", md)
    assert "<script>" not in html and "<h1>Injected" not in html
    references = set(re.findall(r"(?<!\\)\[\^(\d+)\](?!:)", md))
    definitions = set(re.findall(r"(?m)^\[\^(\d+)\]:", md))
    assert references == definitions, (references, definitions)


def test_markdown_redline_escapes_the_drafts(run_cli, tmp_path):
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    old.write_text("1. We commit to strengthen the evidence base.\n", encoding="utf-8")
    new.write_text("1. We commit to strengthen the <script>alert(1)</script> evidence base [^1].\n"
                   "# A heading that is not one\n", encoding="utf-8")
    result = run_cli("diff", str(old), str(new))
    assert result.code == 0, result.err
    assert "<script>" not in result.out and "[^1]" not in result.out
    assert not re.search(r"(?m)^# A heading", result.out)


@pytest.mark.parametrize("option", ["--delegation", "--title", "--version"])
@pytest.mark.parametrize("char", ["\x01", "\x1b[31m", "\x0b", "\x7f", "\x9b"])
def test_control_characters_in_options_are_refused_once(run_cli, small_project, tmp_path, option, char):
    command = "brief" if option == "--delegation" else "draft"
    result = run_cli("--library", str(small_project), command, "--objective", "3", "--format", "docx",
                     "--date", "2026-01-02", option, f"Ruri{char}tania", "--out", str(tmp_path / "o"))
    assert result.code == 2, result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "control character" in lines[0] and "\x1b" not in lines[0] and "\x9b" not in lines[0]
    assert not (tmp_path / "o").exists()


def test_control_characters_in_author_are_refused(run_cli, tmp_path):
    old, new = tmp_path / "a.txt", tmp_path / "b.txt"
    old.write_text("1. One.\n", encoding="utf-8")
    new.write_text("1. Two.\n", encoding="utf-8")
    result = run_cli("diff", str(old), str(new), "--format", "docx", "--author", "ev\x1bil", "--out", str(tmp_path / "o"))
    assert result.code == 2 and "U+001B" in result.err and "\x1b" not in result.err


def test_a_json_draft_with_escaped_controls_reaches_no_xml(run_cli, tmp_path):
    from composer.model.document import Document, Meta, Para, Text
    from composer.model.jsonio import document_to_json

    doc = Document(meta=Meta(title="T\u0001", kind="draft"),
                   blocks=[Para(content=(Text("1. We commit\u001b to \u0000act."),), numbered=False)])
    old = tmp_path / "old.json"
    old.write_text(document_to_json(doc), encoding="utf-8")
    new = tmp_path / "new.txt"
    new.write_text("1. We commit to act now.\n", encoding="utf-8")
    result = run_cli("diff", str(old), str(new), "--format", "docx,html,md", "--out", str(tmp_path / "o"))
    assert result.code == 0, result.err
    for path in (tmp_path / "o").iterdir():
        if path.suffix == ".docx":
            with zipfile.ZipFile(path) as archive:
                blobs = [archive.read(n) for n in archive.namelist()]
        else:
            blobs = [path.read_bytes()]
        assert not any(re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]", b) for b in blobs if not b.startswith(b"\x89PNG"))


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is installed by make setup")
def test_a_very_long_word_wraps_in_the_pdf(run_cli, small_project, tmp_path):
    word = "x" * 3000 + "END"
    _clause_with(small_project, word)
    out = tmp_path / "o"
    result = run_cli("--library", str(small_project), "draft", "--objective", "3", "--format", "pdf",
                     "--date", "2026-01-02", "--out", str(out))
    assert result.code == 0, result.err
    pdf = next(out.glob("*.pdf"))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    runs = re.findall(r"x{10,}", text)
    assert sum(len(run) for run in runs) == 3000, "characters lost at the page edge"
    assert re.search(r"x(E\s*N\s*D|\s+END)", text), "the word's end is missing"
    assert len(runs) > 10 and max(len(run) for run in runs) < 120
