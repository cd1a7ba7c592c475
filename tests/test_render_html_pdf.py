"""The HTML and PDF renderers, read back with independent readers (lxml, pdftotext, pypdf).

The big sample (tests/html_pdf_samples.py) has a cover, contents, 58 footnotes (in paragraphs,
actions, bullets, brackets and table cells), long paragraphs, a table that spans pages and a
chart. It is rendered once per module: WeasyPrint takes seconds.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from lxml import html as lxml_html
from pypdf import PdfReader

from composer.errors import ComposerError
from composer.model.document import (
    ActionItem,
    ActionList,
    BarChart,
    Document,
    Heading,
    Meta,
    Note,
    Para,
    TableOfContents,
    Text,
)
from composer.model.walk import document_notes, iter_blocks, plain_text
from composer.render import pdf as pdf_module
from composer.render.chart_svg import ChartDataError, bar_chart_svg
from composer.render.html import css_string, render_html
from composer.render.pdf import PdfFootnoteError, render_pdf
from composer.render.pdf_check import missing_footnotes, normalise
from tests.html_pdf_samples import note_text, sample_document

PDFTOTEXT = shutil.which("pdftotext")
needs_pdftotext = pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")


@pytest.fixture(scope="module")
def document() -> Document:
    return sample_document(6)


@pytest.fixture(scope="module")
def pdf(document: Document) -> bytes:
    return render_pdf(document)


@pytest.fixture(scope="module")
def pages(pdf: bytes, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """pdftotext's text of each page (split on form feeds)."""
    if PDFTOTEXT is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path_factory.mktemp("pdf") / "sample.pdf"
    path.write_bytes(pdf)
    out = subprocess.run([PDFTOTEXT, "-layout", str(path), "-"], capture_output=True, check=True, timeout=120)
    texts = out.stdout.decode("utf-8").split("\f")
    return texts[:-1] if texts and not texts[-1].strip() else texts


def _ids(document: Document) -> list[str]:
    ids = []
    for block in iter_blocks(document.blocks):
        if getattr(block, "id", None):
            ids.append(block.id)
        if isinstance(block, ActionList):
            ids.extend(item.id for item in block.items if item.id)
    return ids


# ---------------------------------------------------------------- HTML


def test_screen_html_is_standalone_with_ids_numbers_and_endnotes(document: Document) -> None:
    page = render_html(document)
    tree = lxml_html.fromstring(page.encode("utf-8"))
    ids = set(tree.xpath("//@id"))
    assert set(_ids(document)) <= ids
    # Standalone: CSS inlined, nothing fetched.
    assert tree.xpath("//link") == [] and tree.xpath("//script") == [] and tree.xpath("//img") == []
    assert tree.xpath("//style") and "font-family" in tree.xpath("//style")[0].text
    # Numbered paragraphs run on through the document; actions are lettered per list.
    numbers = [n.text for n in tree.xpath("//p[contains(@class, 'numbered')]/span[@class='para-num']")]
    assert numbers == [f"{i}." for i in range(1, len(numbers) + 1)]
    assert len(numbers) == sum(1 for b in iter_blocks(document.blocks) if isinstance(b, Para) and b.numbered)
    first_actions = tree.xpath("(//ol[@class='actions'])[1]/li/span[@class='action-label']/text()")
    assert first_actions == ["(a)", "(b)", "(c)"]
    # Footnotes: numbered links to an endnote list holding each note's text.
    notes = document_notes(document)
    refs = tree.xpath("//sup[@class='note-ref']/a")
    assert [a.text for a in refs] == [str(i) for i in range(1, len(notes) + 1)]
    for number, note in enumerate(notes, start=1):
        (item,) = tree.xpath(f"//section[@class='endnotes']//li[@id='note-{number}']")
        assert plain_text(note.content) in item.text_content()
        assert tree.xpath(f"//a[@id='note-ref-{number}']/@href") == [f"#note-{number}"]
    # Brackets, proposers, cross-references, the chart as inline SVG.
    assert tree.xpath("//span[@class='bracket']/b[@class='bracket-mark']/text()")[:2] == ["[", "]"]
    assert "(proposed by Mexico, Switzerland)" in tree.xpath("string(//span[@class='proposed-by'])")
    assert tree.xpath("//span[@class='crossref']")[0].text.startswith("cf. GCM para")
    svg_text = " ".join(tree.xpath("//figure[@id='chart-objectives']//*[local-name()='text']//text()"))
    assert "Clauses per objective" in svg_text and "19" in svg_text
    # Contents: one link per heading of level 1-3 outside the cover, to an existing id.
    targets = [href[1:] for href in tree.xpath("//nav[@class='toc']//a/@href")]
    headings = [b for b in iter_blocks(document.blocks) if isinstance(b, Heading)]
    assert targets == [h.id for h in headings]
    assert set(targets) <= ids


def test_print_html_puts_every_note_in_a_footnote_span(document: Document) -> None:
    page = render_html(document, for_print=True)
    tree = lxml_html.fromstring(page.encode("utf-8"))
    spans = tree.xpath("//span[@class='footnote']")
    assert len(spans) == len(document_notes(document)) >= 40
    assert [s.get("data-n") for s in spans] == [str(i) for i in range(1, len(spans) + 1)]
    assert spans[0].text_content() == note_text(1)
    assert tree.xpath("//section[@class='endnotes']") == []
    assert 'content: "Briefing pack' in page and "Draft \u00b7 6 April 2017 \u00b7 Version 3" in page
    assert '<meta name="dcterms.created" content="2017-04-06">' in page


def test_html_escapes_text_and_keeps_repeated_ids_unique() -> None:
    doc = Document(
        Meta(title='T </style> "x"'),
        [
            Heading(1, (Text("<b>A & B</b>"),)),
            Para((Text("x"),), id="p1"),
            Para((Text("y"),), id="p1"),
            Heading(2, (Text("Second"),), id="sec-1"),
        ],
    )
    page = render_html(doc, for_print=True)
    tree = lxml_html.fromstring(page.encode("utf-8"))
    assert tree.xpath("//h1")[0].text == "<b>A & B</b>"
    ids = tree.xpath("//@id")
    assert len(ids) == len(set(ids))
    assert "p1" in ids and "p1-2" in ids and "sec-1" in ids
    assert page.lower().count("</style") == page.lower().count("<style")


def test_css_string_cannot_close_the_style_element() -> None:
    assert css_string('a"b</style>') == '"a\\22 b\\3C /style\\3E "'


# ---------------------------------------------------------------- chart


def test_bar_chart_svg_is_deterministic_and_escaped() -> None:
    svg = bar_chart_svg("Counts <all>", ["A & B", "a very long label " * 6, "C"], [3, 10, 0])
    assert svg == bar_chart_svg("Counts <all>", ["A & B", "a very long label " * 6, "C"], [3, 10, 0])
    root = lxml_html.fragment_fromstring(svg)
    texts = " ".join(root.itertext())
    assert "Counts <all>" in texts and "A & B" in texts and "10" in texts
    widths = [float(r.get("width")) for r in root.iter("rect")]
    assert widths[2] == 0 and widths[1] > widths[0] > 0


def test_bar_chart_with_unpaired_values_is_a_composer_error() -> None:
    with pytest.raises(ChartDataError, match="2 labels but 3 values"):
        bar_chart_svg("t", ["a", "b"], [1, 2, 3])
    doc = Document(Meta(title="t"), [BarChart("t", ["a"], [1, 2])])
    with pytest.raises(ComposerError):
        render_html(doc)


# ---------------------------------------------------------------- PDF


@needs_pdftotext
def test_pdf_holds_every_footnote(document: Document, pages: list[str]) -> None:
    text = "\n".join(pages)
    notes = document_notes(document)
    assert len(notes) >= 40
    flat = normalise(text).replace(" ", "")
    for number, note in enumerate(notes, start=1):
        assert normalise(plain_text(note.content)).replace(" ", "") in flat, f"footnote {number} missing"
    assert missing_footnotes(text, _note_views(document)) == []


@needs_pdftotext
def test_pdf_pages_have_header_and_page_x_of_y_but_cover_has_none(pages: list[str]) -> None:
    total = len(pages)
    assert total >= 8
    assert "Page" not in pages[0] and "Draft" not in pages[0]
    assert "Briefing pack" in pages[0]
    for number, text in enumerate(pages[1:], start=2):
        assert f"Page {number} of {total}" in text
        assert "Draft \u00b7 6 April 2017 \u00b7 Version 3" in text
        assert "Briefing pack \u2014 Cluster 1" in text


@needs_pdftotext
def test_pdf_contents_page_numbers_point_at_the_headings(document: Document, pages: list[str]) -> None:
    contents = next(i for i, text in enumerate(pages) if "Contents" in text)
    entries = re.findall(r"^\s*(\S.*?)\s*\.{3,}\s*(\d+)\s*$", pages[contents], flags=re.M)
    headings = [plain_text(b.content) for b in iter_blocks(document.blocks) if isinstance(b, Heading)]
    assert [label for label, _ in entries] == headings
    for label, number in entries:
        assert label in pages[int(number) - 1], f"{label!r} is not on page {number}"


def test_pdf_outline_has_the_headings(document: Document, pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))

    def titles(outline: list) -> list[str]:
        out: list[str] = []
        for item in outline:
            out.extend(titles(item) if isinstance(item, list) else [item.title])
        return out

    headings = [plain_text(b.content) for b in iter_blocks(document.blocks) if isinstance(b, Heading)]
    assert titles(reader.outline) == headings
    assert [item.title for item in reader.outline if not isinstance(item, list)][:2] == [
        "Scope",
        "1. Human rights of all migrants",
    ]


def test_pdf_metadata_comes_from_meta(pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    info = reader.metadata
    assert info.title == "Briefing pack \u2014 Cluster 1: Human rights of all migrants"
    assert info.author == "compact-composer"
    assert info.subject == "GCM briefing pack: Cluster 1"
    assert info["/Keywords"] == "GCM, migration, briefing"
    assert info["/CreationDate"] == info["/ModDate"] == "D:20170406"
    assert "/ID" not in reader.trailer
    assert reader.pages[0].mediabox.width == pytest.approx(595.3, abs=0.5)  # A4


def test_pdf_is_byte_identical_whatever_the_clock_and_folder(
    document: Document, pdf: bytes, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 86400 * 400)
    assert render_pdf(document) == pdf
    for needle in (str(Path.cwd()).encode(), str(Path(__file__).parent).encode(), b"file:", b"/tmp/"):
        assert needle not in pdf


def test_pdf_date_follows_meta_date() -> None:
    doc = _small_document(date="2018-12-10")
    reader = PdfReader(io.BytesIO(render_pdf(doc)))
    assert reader.metadata["/CreationDate"] == "D:20181210"


# ---------------------------------------------------------------- safety check


def _small_document(date: str = "2018-12-10", notes: int = 3) -> Document:
    blocks: list = [TableOfContents(), Heading(1, (Text("Objective 1"),), id="o1")]
    for n in range(1, notes + 1):
        blocks.append(Para((Text(f"Clause {n} text"), Note((Text(f"Source note number {n}."),))), numbered=True))
    blocks.append(ActionList([ActionItem((Text("Act"), Note((Text("Action note."),))))]))
    return Document(Meta(title="Small", date=date), blocks)


def _note_views(document: Document) -> list:
    from composer.render.html import build_page
    from composer.render.html_inline import NoteMode

    return build_page(document, NoteMode.FOOTNOTES, for_print=True).notes


def test_missing_footnote_after_fallback_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    real = pdf_module.pdf_text
    calls: list[int] = []

    def lose_note_two(pdf: bytes) -> str:
        calls.append(1)
        return real(pdf).replace("Source note number 2.", "")

    monkeypatch.setattr(pdf_module, "pdf_text", lose_note_two)
    with pytest.raises(PdfFootnoteError, match=r"lost footnote 2 ") as info:
        render_pdf(_small_document())
    assert info.value.missing == [2]
    assert len(calls) == 2  # footnote layout, then the endnote fallback
    assert isinstance(info.value, ComposerError)


def test_missing_footnote_in_first_layout_falls_back_to_endnotes(monkeypatch: pytest.MonkeyPatch) -> None:
    real = pdf_module.pdf_text
    calls: list[int] = []

    def lose_once(pdf: bytes) -> str:
        calls.append(1)
        text = real(pdf)
        return text.replace("Source note number 3.", "") if len(calls) == 1 else text

    monkeypatch.setattr(pdf_module, "pdf_text", lose_once)
    out = render_pdf(_small_document())
    text = real(out)
    assert len(calls) == 2
    assert "Notes" in text and "Source note number 3." in text


def test_note_matching_survives_hyphenation_and_needs_each_number() -> None:
    from markupsafe import Markup

    from composer.render.html_inline import NoteView

    notes = [NoteView(1, Markup(""), "Stated by the well-being delegation."), NoteView(12, Markup(""), "Same.")]
    page = "text\n1. Stated by the well-\nbe\u00ading dele-\ngation.\n2. Same.\n"
    assert missing_footnotes(page, notes) == [12]
    assert missing_footnotes(page + "12 Same.", notes) == []


def test_read_back_without_poppler_uses_pypdf(monkeypatch: pytest.MonkeyPatch) -> None:
    from composer.render import pdf_check

    pdf = render_pdf(_small_document())
    with_poppler = pdf_check.pdf_text(pdf)
    monkeypatch.setattr(pdf_check.shutil, "which", lambda name: None)
    without = pdf_check.pdf_text(pdf)
    notes = _note_views(_small_document())
    assert missing_footnotes(without, notes) == [] and missing_footnotes(with_poppler, notes) == []
