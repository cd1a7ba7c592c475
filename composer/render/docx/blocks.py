"""The body: every block of the model as Word paragraphs, tables and pictures.

Numbers are computed here, not stored in the model: numbered paragraphs run on through the
document (:func:`walk.paragraph_numbers`) and actions are lettered per list
(:func:`walk.item_label`). Both are typed as text followed by a tab, so they survive any
template and any reader. Every block with an id gets a bookmark (:mod:`bookmarks`).
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.shared import Cm, Emu, Pt
from docx.text.paragraph import Paragraph

from composer.model import walk
from composer.model.document import (
    ActionList,
    BarChart,
    Block,
    BulletList,
    Div,
    Document,
    Heading,
    Inline,
    PageBreak,
    Para,
    Table,
    TableOfContents,
    Text,
)
from composer.model.tables import numeric_columns
from composer.ooxml.bookmarks import bookmark_name, is_lossless
from composer.render.docx import oxml
from composer.render.docx.chart import chart_png, check_chart
from composer.render.docx.inlines import InlineWriter, RunFormat
from composer.render.docx.styles import find_style, style_book, style_id
from composer.render.palette import load_palette

TOC_INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'
TOC_PLACEHOLDER = "Right-click to update field."
TOC_DEPTH = 3
BULLET = "\u2022"
MAX_PICTURE_WIDTH = Cm(16)
CHAR_WIDTH = Pt(6)  # a generous average glyph width of 10 pt bold serif table text
CELL_PADDING = Pt(12)  # left + right cell margins of Table Grid, plus slack


class Bookmarks:
    """Allocates bookmark ids and names; remembers hashed names for the custom-property table."""

    def __init__(self) -> None:
        self.next_id = 0
        self.names: set[str] = set()
        self.table: dict[str, str] = {}

    def add(self, first_p: CT_P, last_p: CT_P, block_id: str | None) -> None:
        """Bookmark ``first_p``..``last_p`` as ``block_id``; a repeated id keeps its first place only."""
        if not block_id:
            return
        name = bookmark_name(block_id)
        if name in self.names:
            return
        self.names.add(name)
        if not is_lossless(block_id):
            self.table[name] = block_id
        oxml.wrap_in_bookmark(first_p, last_p, self.next_id, name)
        self.next_id += 1


class BodyWriter:
    """Writes a model's blocks at the end of a (cleared) template body."""

    def __init__(
        self, word: WordDocument, model: Document, inlines: InlineWriter, toc_pages: dict[str, int] | None = None
    ) -> None:
        self.word = word
        self.body = word.element.body
        self.inlines = inlines
        self.numbers = walk.paragraph_numbers(model)
        self.bookmarks = Bookmarks()
        self.book = style_book()
        self.page_break_pending = False
        section = word.sections[-1]
        self.text_width = Emu(section.page_width - section.left_margin - section.right_margin)
        self.has_toc = False
        #: Element id -> page (from the PDF layout): the contents' cached page numbers.
        self.toc_pages = toc_pages or {}
        #: True when every contents entry carries its page, so Word need not update fields on opening.
        self.toc_cached = False
        self.toc_entries = [
            b for b in walk.iter_blocks(model.blocks) if isinstance(b, Heading) and b.level <= TOC_DEPTH
        ]
        self._style_ids: dict[str, str] = {}

    def style(self, name: str) -> str:
        """Style id for ``name``, cached: looking styles up by name walks the whole style sheet."""
        if name not in self._style_ids:
            self._style_ids[name] = style_id(self.word, name)
        return self._style_ids[name]

    # ------------------------------------------------------------ helpers

    def paragraph(self, style_name: str, inlines: tuple[Inline, ...] = (), fmt: RunFormat | None = None) -> CT_P:
        """A new body paragraph in style ``style_name`` holding ``inlines``."""
        p = self.body.add_p()
        p.get_or_add_pPr().style = self.style(style_name)
        if self.page_break_pending:
            p.get_or_add_pPr().get_or_add_pageBreakBefore()
            self.page_break_pending = False
        if inlines:
            self.inlines.write(p, inlines, fmt)
        return p

    def _new_paragraphs_since(self, start: int) -> list[CT_P]:
        return [child for child in list(self.body)[start:] if child.tag == qn("w:p")]

    # ------------------------------------------------------------ blocks

    def write(self, blocks: Iterable[Block]) -> None:
        for block in blocks:
            self.block(block)

    def block(self, block: Block) -> None:
        """Dispatch one block to its writer."""
        start = len(self.body) - 1  # the final sectPr stays last
        if isinstance(block, Heading):
            self.heading(block)
        elif isinstance(block, Para):
            self.para(block)
        elif isinstance(block, ActionList):
            self.action_list(block)
        elif isinstance(block, BulletList):
            self.bullet_list(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, BarChart):
            self.bar_chart(block)
        elif isinstance(block, Div):
            self.div(block)
        elif isinstance(block, TableOfContents):
            self.table_of_contents(block)
        elif isinstance(block, PageBreak):
            self.page_break_pending = True
        if isinstance(block, (ActionList, BulletList, Div)) and block.id:
            paragraphs = self._new_paragraphs_since(start)
            if paragraphs:
                self.bookmarks.add(paragraphs[0], paragraphs[-1], block.id)

    def heading(self, heading: Heading) -> None:
        level = min(max(heading.level, 1), 9)
        name = f"Heading {level}"
        if level > 3 and find_style(self.word, name, WD_STYLE_TYPE.PARAGRAPH) is None:
            name = "Heading 3"
        p = self.paragraph(name, heading.content)
        self.bookmarks.add(p, p, heading.id)

    def para(self, para: Para) -> None:
        label = walk.para_label(para, self.numbers)
        if label:
            p = self.paragraph("Numbered Paragraph")
            self.inlines.text(p, f"{label}\t")
            self.inlines.write(p, para.content)
        else:
            p = self.paragraph(self.book.word_style(para.style), para.content)
        self.bookmarks.add(p, p, para.id)

    def action_list(self, actions: ActionList) -> None:
        for index, item in enumerate(actions.items):
            p = self.paragraph("Action Item")
            self.inlines.text(p, walk.item_label(item, index) + "\t")
            self.inlines.write(p, item.content)
            self.bookmarks.add(p, p, item.id)

    def bullet_list(self, bullets: BulletList) -> None:
        typed = not _style_has_numbering(self.word, "List Bullet")
        for item in bullets.items:
            p = self.paragraph("List Bullet")
            if typed:
                self.inlines.text(p, BULLET + "\t")
            self.inlines.write(p, item)

    def div(self, div: Div) -> None:
        self.write(div.blocks)
        if div.role == "cover":
            self.page_break_pending = True

    def table_of_contents(self, toc: TableOfContents) -> None:
        """A TOC field whose cached result already lists the headings.

        Word refreshes the field (with page numbers) on open, as ``w:updateFields`` asks; readers
        that never update fields (LibreOffice's converter, previewers) still show the entries
        instead of an empty placeholder.
        """
        self.has_toc = True
        self.paragraph("TOC Heading", (Text(toc.title),))
        # The contents stand on their own page(s), as in the PDF (print.css: nav.toc).
        runs = oxml.field_runs(TOC_INSTRUCTION, TOC_PLACEHOLDER)
        begin, end = runs[:3], runs[-1]  # the cached result is the entries written below
        if not self.toc_entries:
            p = self.paragraph("Normal")
            for run in runs:
                p.append(run)
            self.page_break_pending = True
            return
        numbered = 0
        for index, heading in enumerate(self.toc_entries):
            p = self.paragraph(f"TOC {min(heading.level, TOC_DEPTH)}")
            if index == 0:
                for run in begin:
                    p.append(run)
            self.inlines.text(p, walk.plain_text(heading.content))
            page = self.toc_pages.get(heading.id or "")
            if page is not None:
                # Cached result as Word writes it: entry, right tab with dot leader, page number.
                Paragraph(p, self.word._body).paragraph_format.tab_stops.add_tab_stop(
                    self.text_width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
                )
                self.inlines.text(p, f"\t{page}")
                numbered += 1
            if index == len(self.toc_entries) - 1:
                p.append(end)
        self.toc_cached = numbered == len(self.toc_entries)
        self.page_break_pending = True

    def table(self, table: Table) -> None:
        columns = max([len(table.header), *(len(row) for row in table.rows)], default=0)
        first = self.paragraph("Caption", (Text(table.caption),)) if table.caption else None
        if columns == 0:
            return
        if first is None and self.page_break_pending:
            self.paragraph("Normal")
        grid_style = find_style(self.word, "Table Grid", WD_STYLE_TYPE.TABLE)
        word_table = self.word.add_table(rows=0, cols=columns)
        if grid_style is not None:
            word_table.style = grid_style
        word_table.autofit = False
        rows = ([table.header] if table.header else []) + table.rows
        numeric = numeric_columns(table)
        widths = _column_widths(table.widths, columns, self.text_width, _longest_words(rows, columns))
        for column, width in zip(word_table.columns, widths, strict=True):
            column.width = width
        for row_index, cells in enumerate(rows):
            is_header = bool(table.header) and row_index == 0
            row = word_table.add_row()
            if is_header:
                oxml.repeat_as_header(row._tr)
            for column, cell in enumerate(row.cells):
                cell.width = widths[column]
                p = cell.paragraphs[0]._p
                p.get_or_add_pPr().style = self.style("Table Heading" if is_header else "Table Text")
                if column < len(cells):
                    self.inlines.write(p, cells[column])
                if column < len(numeric) and numeric[column]:
                    Paragraph(p, cell).alignment = WD_ALIGN_PARAGRAPH.RIGHT
                if is_header:
                    oxml.shade_cell(cell._tc, load_palette().header_shade.upper())
        anchor = first if first is not None else word_table.rows[0].cells[0].paragraphs[0]._p
        self.bookmarks.add(anchor, anchor, table.id)
        self.paragraph("Normal").get_or_add_pPr().get_or_add_spacing().set(qn("w:after"), "0")

    def bar_chart(self, chart: BarChart) -> None:
        check_chart(chart)
        png = chart_png(chart)
        if png is None:  # matplotlib missing: keep the data visible as a table
            rows = [
                [(Text(label),), (Text(str(value)),)] for label, value in zip(chart.labels, chart.values, strict=True)
            ]
            self.table(Table([(Text(chart.title),), (Text(""),)], rows, caption=chart.caption, id=chart.id))
            return
        p = self.paragraph("Figure")
        run = Paragraph(p, self.word._body).add_run()
        run.add_picture(io.BytesIO(png), width=min(MAX_PICTURE_WIDTH, self.text_width))
        doc_pr = p.find(".//" + qn("wp:docPr"))
        if doc_pr is not None:
            doc_pr.set("descr", chart.title)
            doc_pr.set("name", chart.title[:100] or "Chart")
        self.bookmarks.add(p, p, chart.id)
        if chart.caption:
            self.paragraph("Caption", (Text(chart.caption),))


def _column_widths(relative: tuple[float, ...], columns: int, total: int, longest: list[int]) -> list[Emu]:
    """Absolute column widths from relative ones (equal when missing or mismatched), widened where
    needed so that no column is narrower than its longest word (a header like "Objective" must
    not break as "Object-ive"); the other columns give up the room in proportion."""
    weights = list(relative) if len(relative) == columns and all(w > 0 for w in relative) else [1.0] * columns
    minimum = [int(CHAR_WIDTH * n + CELL_PADDING) for n in longest]
    if sum(minimum) >= total:
        minimum = [0] * columns
    fixed: dict[int, int] = {}
    while True:
        free = [i for i in range(columns) if i not in fixed]
        room = total - sum(fixed.values())
        scale = room / sum(weights[i] for i in free) if free else 0
        short = [i for i in free if weights[i] * scale < minimum[i]]
        if not short:
            break
        for i in short:
            fixed[i] = minimum[i]
    return [Emu(fixed.get(i, int(weights[i] * scale))) for i in range(columns)]


def _longest_words(rows: list[list[tuple[Inline, ...]]], columns: int) -> list[int]:
    """Length of the longest word in each column (header included)."""
    longest = [0] * columns
    for row in rows:
        for index, cell in enumerate(row[:columns]):
            words = walk.plain_text(cell).split()
            longest[index] = max([longest[index], *(len(word) for word in words)])
    return longest


def _style_has_numbering(word: WordDocument, name: str) -> bool:
    """True when paragraph style ``name`` (or a style it is based on) carries Word list numbering."""
    style = find_style(word, name, WD_STYLE_TYPE.PARAGRAPH)
    seen = set()
    while style is not None and style.style_id not in seen:
        seen.add(style.style_id)
        p_pr = style.element.pPr
        if p_pr is not None and p_pr.find(qn("w:numPr")) is not None:
            return True
        style = style.base_style
    return False
