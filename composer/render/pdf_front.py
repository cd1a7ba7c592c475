"""The contents pages laid out on their own and spliced into the whole document's layout.

Why: the contents list shows the page of each heading, which is known only after layout, and
laying the whole document out a second time with the numbers written in doubled the PDF's cost.
Instead the PDF writer lays the whole page out once with placeholder numbers (as wide as
two-digit ones), reads where each heading landed, then lays out only the front matter (the page
cut after the contents list, which ends with a forced page break) with the real numbers, and
takes its pages in place of the first layout's front pages.

That is sound only when the two layouts' front pages match; :func:`splice_front` checks that
they do, or returns None (the writer then lays the whole page out again, as before):

* the same number of front pages, so that the body, which starts after a forced break, keeps
  its pages, and the numbers written in are right;
* the same text in each page's margins: "Page 2 of 41" must show the whole document's total, so
  :func:`front_html` writes the first layout's total in place of ``counter(pages)``;
* the same text on the front pages taken together, page numbers and leader dots aside (nothing
  that follows the contents shared its last page), and the same anchors, link targets and
  bookmarks.

The page boxes are WeasyPrint's (``Page._page_box``, tested with WeasyPrint 70); if they are not
where expected, the check fails and the whole page is laid out again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from weasyprint.document import Document as WeasyDocument
    from weasyprint.document import Page

#: Written by document.html.j2 (print only) after a contents list at the top level of <main>.
FRONT_END = "<!-- composer:end-of-contents -->"
_PAGES_COUNTER = re.compile(r"\bcounter\(\s*pages\s*\)")
_OTHER_PAGES_COUNTER = re.compile(r"\bcounters?\(\s*pages\b")
_NOT_COMPARED = re.compile(r"[\d\s]+")


def front_html(html: str, total_pages: int) -> str | None:
    """The print page cut after its contents list, ``counter(pages)`` in its stylesheets
    replaced by ``total_pages``; None if the page has no single contents list at the top level
    or its stylesheets use the pages counter in another form."""
    if html.count(FRONT_END) != 1:
        return None
    cut = html.index(FRONT_END)
    head_end = html.rfind("</head>", 0, cut)
    if head_end < 0:
        return None
    head = _PAGES_COUNTER.sub(f'"{total_pages}"', html[:head_end])
    if _OTHER_PAGES_COUNTER.search(head):
        return None
    return head + html[head_end:cut] + "\n</main>\n</body>\n</html>\n"


def splice_front(full: WeasyDocument, front: WeasyDocument) -> WeasyDocument | None:
    """``full`` with its front pages replaced by ``front``'s, or None if they do not match
    (see the module's docstring). Metadata, fonts and the rest come from ``full``."""
    try:
        count = front_page_count(full)
        if count is None or len(front.pages) != count or front_page_count(front) != count:
            return None
        if front_face(full.pages[:count]) != front_face(front.pages):
            return None
    except (AttributeError, TypeError):  # not the page boxes of WeasyPrint 70
        return None
    return full.copy(list(front.pages) + list(full.pages[count:]))


def front_page_count(laid_out: WeasyDocument) -> int | None:
    """How many pages, from the first, run up to the last one holding the contents list."""
    last = None
    for index, page in enumerate(laid_out.pages):
        if any(_is_contents(box) for box in page._page_box.descendants()):
            last = index
        elif last is not None:
            break
    return None if last is None else last + 1


@dataclass(frozen=True)
class FrontFace:
    """What two layouts of the front pages must share.

    The margins are compared page by page and exactly. The rest is compared over all the front
    pages together, page numbers aside: real numbers narrower than the placeholders can unwrap a
    contents line (one link rectangle instead of two) or move an entry to the previous contents
    page, which changes nothing after the front pages.
    """

    margins: tuple[tuple[tuple[str, str], ...], ...]  # per page: (margin box, its text)
    text: str  # body and footnotes, without digits, leader dots or white space
    anchors: tuple[str, ...]
    links: tuple[tuple[str, str], ...]
    bookmarks: tuple[tuple[int, str], ...]


def front_face(pages: list[Page]) -> FrontFace:
    from weasyprint.formatting_structure.boxes import MarginBox

    margins: list[tuple[tuple[str, str], ...]] = []
    rest: list[str] = []
    for page in pages:
        page_margins: list[tuple[str, str]] = []
        for child in page._page_box.children:
            if isinstance(child, MarginBox):
                page_margins.append((child.at_keyword, "".join(_texts(child))))
            else:
                rest.extend(_texts(child))
        margins.append(tuple(page_margins))
    return FrontFace(
        margins=tuple(margins),
        text=_NOT_COMPARED.sub("", "".join(rest)),
        anchors=tuple(sorted(name for page in pages for name in page.anchors)),
        links=tuple(sorted({(kind, str(target)) for page in pages for kind, target, *_ in page.links})),
        bookmarks=tuple((level, label) for page in pages for level, label, *_ in page.bookmarks),
    )


def _texts(box: object) -> list[str]:
    """The text of ``box`` and its descendants in order, leader boxes left out."""
    from weasyprint.formatting_structure.boxes import TextBox

    out: list[str] = []
    stack = [box]
    while stack:
        current = stack.pop()
        if getattr(current, "is_leader", False):
            continue
        if isinstance(current, TextBox):
            out.append(current.text)
        stack.extend(reversed(getattr(current, "children", ())))
    return out


def _is_contents(box: object) -> bool:
    element = getattr(box, "element", None)
    if getattr(box, "element_tag", None) != "nav" or element is None:
        return False
    return "toc" in (element.get("class") or "").split()
