"""The document model turned into a view the HTML template can lay out without logic.

Why a view: numbers (paragraphs, actions, footnotes), unique HTML ids, the contents list and
the SVG charts are computed here, once, in Python; the Jinja2 template then only chooses
markup. The model stays free of anything HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import ClassVar

from markupsafe import Markup

from composer.model.document import (
    ActionList,
    BarChart,
    Block,
    BulletList,
    Div,
    Document,
    Heading,
    PageBreak,
    Para,
    Table,
    TableOfContents,
)
from composer.model.tables import numeric_columns
from composer.model.walk import item_label, iter_blocks, para_label, paragraph_numbers, plain_text
from composer.render.chart_svg import bar_chart_svg
from composer.render.html_inline import InlineWriter, NoteMode, NoteView

# ---------------------------------------------------------------- view nodes


@dataclass
class HeadingView:
    kind: ClassVar[str] = "heading"
    level: int
    id: str
    html: Markup


@dataclass
class ParaView:
    kind: ClassVar[str] = "para"
    id: str | None
    css_class: str
    number: str | None
    html: Markup


@dataclass
class ActionView:
    id: str | None
    label: str
    html: Markup


@dataclass
class ActionListView:
    kind: ClassVar[str] = "actions"
    id: str | None
    items: list[ActionView]


@dataclass
class BulletListView:
    kind: ClassVar[str] = "bullets"
    id: str | None
    items: list[Markup]


@dataclass
class TableView:
    kind: ClassVar[str] = "table"
    id: str | None
    caption: str | None
    widths: list[str]  # CSS percentages, one per column, or empty for automatic widths
    header: list[Markup]
    rows: list[list[Markup]]
    numeric: list[bool] = field(default_factory=list)  # per column: numbers, right-aligned


@dataclass
class ChartView:
    kind: ClassVar[str] = "chart"
    id: str | None
    svg: Markup
    caption: str | None


@dataclass
class DivView:
    kind: ClassVar[str] = "div"
    role: str
    id: str | None
    children: list[object]

    @property
    def is_cover(self) -> bool:
        return self.role == "cover"


@dataclass
class TocEntry:
    level: int
    target: str
    label: str
    page: str | None = None  # the heading's page number in print; None on screen


@dataclass
class TocView:
    kind: ClassVar[str] = "toc"
    title: str
    entries: list[TocEntry]


@dataclass
class PageBreakView:
    kind: ClassVar[str] = "pagebreak"


@dataclass
class NotesView:
    """An endnote list: the whole document's (screen) or one section's (PDF fallback)."""

    kind: ClassVar[str] = "notes"
    notes: list[NoteView]
    title: str = "Notes"


@dataclass
class DocumentView:
    blocks: list[object]
    notes: list[NoteView] = field(default_factory=list)


# ---------------------------------------------------------------- builder


@dataclass(frozen=True)
class TocPages:
    """Page numbers of the headings, from a previous layout of the same page.

    Why not CSS ``target-counter()``: with it, WeasyPrint 70 re-lays out the document after
    resolving the numbers and loses footnotes on the way (one footnote per page, the rest
    dropped). The PDF writer lays out once with placeholders, reads where each heading landed,
    then lays out only the cover and contents again with the numbers written in and splices
    those pages in (:mod:`composer.render.pdf_front`). ``pages`` empty means "first pass": every
    entry gets ``placeholder``, as wide as a real number, so that the contents keep their shape.
    """

    pages: dict[str, int] = field(default_factory=dict)
    placeholder: str = "00"

    def page_of(self, target: str) -> str:
        if not self.pages:
            return self.placeholder
        number = self.pages.get(target)
        return str(number) if number is not None else ""

TOC_MAX_LEVEL = 3
_ID_UNSAFE = re.compile(r"\s+")
_CLASS_UNSAFE = re.compile(r"[^a-z0-9-]+")


def css_class(prefix: str, name: str) -> str:
    """A CSS class for a semantic style or role name (``cover-title`` -> ``p-cover-title``)."""
    slug = _CLASS_UNSAFE.sub("-", name.lower()).strip("-") or "body"
    return f"{prefix}-{slug}"


def assign_ids(document: Document) -> dict[int, str]:
    """HTML ids keyed by ``id(obj)`` for every block and action item, in reading order.

    A block keeps its own id (whitespace turned into ``-``); a repeated id gets ``-2``, ``-3``
    so that the page stays valid and links stay unambiguous. Headings without an id get
    ``sec-N`` so that the contents list can point at them. Generated ids never take an id the
    document gives.
    """
    objects: list[object] = []
    for block in iter_blocks(document.blocks):
        objects.append(block)
        if isinstance(block, ActionList):
            objects.extend(block.items)
    given = {_clean_id(obj.id) for obj in objects if getattr(obj, "id", None) is not None}
    used: set[str] = set()
    ids: dict[int, str] = {}
    generated = 0
    for obj in objects:
        wanted = getattr(obj, "id", None)
        own = _clean_id(wanted) if wanted is not None else None
        if own is None and not isinstance(obj, Heading):
            continue
        if own is None:
            generated += 1
        base = own or f"sec-{generated}"
        candidate, n = base, 1
        while candidate in used or (candidate in given and candidate != own):
            n += 1
            candidate = f"{base}-{n}"
        used.add(candidate)
        ids[id(obj)] = candidate
    return ids


def _clean_id(value: str) -> str:
    return _ID_UNSAFE.sub("-", value.strip()) or "block"


class ViewBuilder:
    """Builds a :class:`DocumentView` from a :class:`Document` in one pass."""

    def __init__(self, document: Document, mode: NoteMode, toc_pages: TocPages | None = None):
        self.document = document
        self.mode = mode
        self.toc_pages = toc_pages
        self.inlines = InlineWriter(mode)
        self.numbers = paragraph_numbers(document)
        self.ids = assign_ids(document)

    def build(self) -> DocumentView:
        blocks = self._blocks(self.document.blocks)
        if self.mode is not NoteMode.FOOTNOTES:
            pending = self.inlines.take_pending()
            if pending:
                blocks.append(NotesView(pending))
        return DocumentView(blocks, self.inlines.notes)

    def _blocks(self, blocks: list[Block]) -> list[object]:
        out: list[object] = []
        for block in blocks:
            if (
                self.mode is NoteMode.SECTION_ENDNOTES
                and isinstance(block, Heading)
                and block.level == 1
                and self.inlines.pending
            ):
                out.append(NotesView(self.inlines.take_pending()))
            out.append(self._block(block))
        return out

    def _id(self, obj: object) -> str | None:
        return self.ids.get(id(obj))

    def _block(self, block: Block) -> object:
        if isinstance(block, Heading):
            level = min(max(block.level, 1), 6)
            return HeadingView(level, self.ids[id(block)], self.inlines.render(block.content))
        if isinstance(block, Para):
            return self._para(block)
        if isinstance(block, ActionList):
            return ActionListView(
                self._id(block),
                [
                    ActionView(self._id(item), item_label(item, index), self.inlines.render(item.content))
                    for index, item in enumerate(block.items)
                ],
            )
        if isinstance(block, BulletList):
            return BulletListView(self._id(block), [self.inlines.render(item) for item in block.items])
        if isinstance(block, Table):
            return self._table(block)
        if isinstance(block, BarChart):
            svg = Markup(bar_chart_svg(block.title, list(block.labels), list(block.values)))
            return ChartView(self._id(block), svg, block.caption)
        if isinstance(block, Div):
            div = DivView(block.role, self._id(block), self._blocks(block.blocks))
            if self.mode is NoteMode.SECTION_ENDNOTES and div.is_cover and self.inlines.pending:
                div.children.append(NotesView(self.inlines.take_pending()))
            return div
        if isinstance(block, TableOfContents):
            return TocView(block.title, self._toc_entries())
        if isinstance(block, PageBreak):
            return PageBreakView()
        raise TypeError(f"not a block: {type(block).__name__}")

    def _para(self, para: Para) -> ParaView:
        number = para_label(para, self.numbers)
        classes = css_class("p", para.style)
        if number is not None:
            classes += " numbered"
        return ParaView(self._id(para), classes, number, self.inlines.render(para.content))

    def _table(self, table: Table) -> TableView:
        columns = max([len(table.header), *(len(row) for row in table.rows)], default=0)
        widths: list[str] = []
        given = [float(w) for w in table.widths]
        if given and len(given) == columns and all(w > 0 for w in given):
            total = sum(given)
            widths = [f"{100 * w / total:.2f}%" for w in given]
        header = [self.inlines.render(cell) for cell in table.header]
        rows = [[self.inlines.render(cell) for cell in row] for row in table.rows]
        return TableView(self._id(table), table.caption, widths, header, rows, numeric_columns(table))

    def _toc_entries(self) -> list[TocEntry]:
        """Headings of levels 1-3 outside the cover, pointing at the ids the headings get."""
        entries: list[TocEntry] = []

        def visit(blocks: list[Block], in_cover: bool) -> None:
            for block in blocks:
                if isinstance(block, Div):
                    visit(block.blocks, in_cover or block.role == "cover")
                elif isinstance(block, Heading) and block.level <= TOC_MAX_LEVEL and not in_cover:
                    target = self.ids[id(block)]
                    page = self.toc_pages.page_of(target) if self.toc_pages is not None else None
                    entries.append(TocEntry(block.level, target, plain_text(block.content), page))

        visit(self.document.blocks, in_cover=False)
        return entries


def build_view(document: Document, mode: NoteMode, toc_pages: TocPages | None = None) -> DocumentView:
    """The view of ``document`` with notes placed as ``mode`` says.

    ``toc_pages`` gives the contents list its page numbers (print); without it the contents
    list has none (screen).
    """
    return ViewBuilder(document, mode, toc_pages).build()
