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
    Div,
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


# ---------------------------------------------------------------- contents laid out apart


def _page_texts(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    if PDFTOTEXT is None:
        return [page.extract_text() or "" for page in reader.pages]
    out = subprocess.run([PDFTOTEXT, "-layout", "-", "-"], input=pdf, capture_output=True, check=True, timeout=120)
    texts = out.stdout.decode("utf-8").split("\f")
    return texts[:-1] if texts and not texts[-1].strip() else texts


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _contents_links(pdf: bytes, page_index: int) -> list[tuple[str, int]]:
    """(anchor name, 0-based page) of each internal link on a page."""
    reader = PdfReader(io.BytesIO(pdf))
    links = []
    for ref in reader.pages[page_index].get("/Annots", []):
        annot = ref.get_object()
        if annot.get("/Subtype") == "/Link" and "/Dest" in annot:
            name = str(annot["/Dest"])
            links.append((name, reader.get_destination_page_number(reader.named_destinations[name])))
    return links


def _long_contents_document() -> Document:
    """A cover and a contents list of three pages, then 75 short sections with a note each."""
    blocks: list = [Div("cover", [Para((Text("Long contents"),), style="cover-title")], id="cover"), TableOfContents()]
    for n in range(1, 76):
        level = 1 if n % 5 == 1 else 2
        blocks.append(Heading(level, (Text(f"Section heading number {n}"),), id=f"h{n}"))
        body = f"Body of section {n}, long enough to fill a good part of a page. " * 6
        blocks.append(Para((Text(body), Note((Text(f"Note of section {n}."),))), numbered=True))
    return Document(Meta(title="Long contents", date="2019-01-02"), blocks)


class LayoutSpy:
    """Records the pages each layout made (html_to_document wrapped)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.layouts: list[tuple[str, int]] = []
        real = pdf_module.html_to_document

        def spy(html: str, fonts: object = None):  # type: ignore[no-untyped-def]
            laid_out = real(html, fonts)
            self.layouts.append((html, len(laid_out.pages)))
            return laid_out

        monkeypatch.setattr(pdf_module, "html_to_document", spy)


def test_pdf_lays_out_the_whole_page_once_then_only_cover_and_contents(
    document: Document, pdf: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = LayoutSpy(monkeypatch)
    assert render_pdf(document) == pdf
    (full, total), (front, front_pages) = spy.layouts
    assert front_pages < total
    last_heading = [plain_text(b.content) for b in iter_blocks(document.blocks) if isinstance(b, Heading)][-1]
    assert 'class="toc"' in front and f'id="{_ids(document)[-1]}"' not in front
    assert "counter(pages)" not in front and f'" of " "{total}"' in front
    assert last_heading in full and "counter(pages)" in full


def test_pdf_spliced_front_is_the_same_pdf_as_a_second_full_layout(
    document: Document, pdf: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = LayoutSpy(monkeypatch)
    monkeypatch.setattr(pdf_module, "splice_front", lambda full, front: None)
    assert render_pdf(document) == pdf
    (_, total), (_, front_pages), (_, again) = spy.layouts  # the front laid out, refused, then a full pass
    assert front_pages < total == again


def test_pdf_contents_links_and_outline_lead_to_the_headings(document: Document, pdf: bytes) -> None:
    texts = _page_texts(pdf)
    contents = next(i for i, text in enumerate(texts) if "Contents" in text)
    headings = {h.id: plain_text(h.content) for h in iter_blocks(document.blocks) if isinstance(h, Heading)}
    links = _contents_links(pdf, contents)
    assert {name for name, _ in links} == set(headings)
    for name, page in links:
        assert _squeezed(headings[name]) in _squeezed(texts[page]), f"link to {name} leads to page {page + 1}"
    reader = PdfReader(io.BytesIO(pdf))

    def items(outline: list) -> list:
        out: list = []
        for item in outline:
            out.extend(items(item) if isinstance(item, list) else [item])
        return out

    for item in items(reader.outline):
        page = reader.get_destination_page_number(item)
        assert _squeezed(item.title) in _squeezed(texts[page]), f"bookmark {item.title!r} leads to page {page + 1}"


def test_pdf_contents_over_several_pages_numbered_linked_and_footed_with_the_total(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    doc = _long_contents_document()
    spy = LayoutSpy(monkeypatch)
    pdf = render_pdf(doc)
    (_, total), (_, front_pages) = spy.layouts  # the spliced path: no second full layout
    texts = _page_texts(pdf)
    assert len(texts) == total and front_pages >= 3  # cover and at least two contents pages
    for number in range(2, front_pages + 1):
        assert f"Page {number} of {total}" in texts[number - 1]
    assert "Page" not in texts[0]
    entries = [
        entry
        for text in texts[1:front_pages]
        for entry in re.findall(r"^\s*(Section heading number \d+)\s*\.{3,}\s*(\d+)\s*$", text, flags=re.M)
    ]
    assert [label for label, _ in entries] == [f"Section heading number {n}" for n in range(1, 76)]
    for label, number in entries:
        assert re.search(rf"{label}\s*$", texts[int(number) - 1], flags=re.M), f"{label!r} is not on page {number}"
    for index in range(1, front_pages):
        for name, page in _contents_links(pdf, index):
            n = int(name[1:])
            assert re.search(rf"Section heading number {n}\s*$", texts[page], flags=re.M)
    assert render_pdf(doc) == pdf
    assert missing_footnotes("\n".join(texts), _note_views(doc)) == []


def test_pdf_contents_inside_a_section_take_the_full_second_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    base = _small_document()
    doc = Document(base.meta, [Div("section", [base.blocks[0]]), *base.blocks[1:]])
    spy = LayoutSpy(monkeypatch)
    pdf = render_pdf(doc)
    assert len(spy.layouts) == 2 and spy.layouts[0][1] == spy.layouts[1][1]  # two full layouts
    texts = _page_texts(pdf)
    (number,) = re.findall(r"Objective 1\s*\.{3,}\s*(\d+)\s*$", texts[0], flags=re.M)
    assert number == "2" and re.search(r"^\s*Objective 1\s*$", texts[1], flags=re.M)


def test_front_html_cuts_after_the_contents_and_writes_the_total() -> None:
    from composer.render.pdf_front import FRONT_END, front_html

    html = (
        "<html><head><style>@page { @bottom-center { content: counter(page) ' / ' counter( pages ); } }"
        '</style></head><body><main>\n<section>cover</section>\n<nav class="toc"></nav>\n'
        f"{FRONT_END}\n<h1>Body counter(pages)</h1>\n</main></body></html>"
    )
    front = front_html(html, 41)
    assert front is not None
    assert "counter(page) ' / ' \"41\"" in front and "counter(pages" not in front
    assert "<h1>" not in front and front.rstrip().endswith("</main>\n</body>\n</html>")
    assert front_html(html.replace(FRONT_END, ""), 41) is None
    assert front_html(html.replace(FRONT_END, FRONT_END * 2), 41) is None
    assert front_html(html.replace("counter( pages )", "counter(pages, upper-roman)"), 41) is None


def test_splice_front_refuses_front_pages_that_differ() -> None:
    from weasyprint.text.fonts import FontConfiguration

    from composer.render.html import build_page
    from composer.render.html_inline import NoteMode
    from composer.render.html_view import TocPages
    from composer.render.pdf_front import front_html, splice_front

    doc = _long_contents_document()
    fonts = FontConfiguration()
    html = build_page(doc, NoteMode.FOOTNOTES, for_print=True, toc_pages=TocPages()).html
    full = pdf_module.html_to_document(html, fonts)
    total = len(full.pages)
    numbered = build_page(
        doc, NoteMode.FOOTNOTES, for_print=True, toc_pages=TocPages(pdf_module.anchor_pages(full))
    ).html

    def front(html: str, pages: int = total):  # type: ignore[no-untyped-def]
        cut = front_html(html, pages)
        assert cut is not None
        return pdf_module.html_to_document(cut, fonts)

    spliced = splice_front(full, front(numbered))
    assert spliced is not None and len(spliced.pages) == total
    # A wrong total in the footer, an extra contents page, other text: each refused.
    assert splice_front(full, front(numbered, total + 1)) is None
    longer = numbered.replace('<li class="toc-l1">', '<li class="toc-l1" style="margin-top: 4em">')
    assert splice_front(full, front(longer)) is None
    other = numbered.replace("Section heading number 7<", "Section heading number seven<", 1)
    assert splice_front(full, front(other)) is None
    # Body text sharing the last contents page (no forced break after the contents): refused.
    shared = html.replace("nav.toc { break-after: page; }", "nav.toc { break-after: auto; }")
    assert "break-after: auto" in shared
    full_shared = pdf_module.html_to_document(shared, fonts)
    numbered_shared = numbered.replace("nav.toc { break-after: page; }", "nav.toc { break-after: auto; }")
    assert splice_front(full_shared, front(numbered_shared, len(full_shared.pages))) is None
