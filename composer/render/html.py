"""The HTML writer: a Document as one standalone page (CSS inlined, charts as inline SVG).

Two faces from one template: ``for_print=False`` gives a page for browsers (footnotes as
numbered links to an endnote list, since browsers do not lay out ``float: footnote``);
``for_print=True`` gives the source WeasyPrint turns into the PDF (footnotes at the foot of the
page, running header, page numbers). Styling lives in ``templates/*.css`` so that a delegation
can restyle without touching Python.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from composer.errors import ComposerError
from composer.model.document import Document, Meta
from composer.render.html_inline import NoteMode, NoteView
from composer.render.html_view import TocPages, build_view
from composer.render.palette import PALETTE_FILE, load_palette
from composer.templating import environment, human_date

PAGE_TEMPLATE = "document.html.j2"
BASE_CSS = "document.css"
SCREEN_CSS = "screen.css"
PRINT_CSS = "print.css"

_W3C_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class TemplateError(ComposerError):
    """The HTML template or a stylesheet is missing or broken (e.g. after a house restyle)."""


@dataclass(frozen=True)
class RunningHead:
    """What the running header shows: the title, then status, date and version."""

    title: str
    meta: str


@dataclass(frozen=True)
class HtmlPage:
    """A rendered page and the footnotes it holds (numbered as in the page)."""

    html: str
    notes: list[NoteView]


def render_html(document: Document, *, for_print: bool = False) -> str:
    """``document`` as a standalone HTML page; ``for_print`` gives the WeasyPrint source."""
    mode = NoteMode.FOOTNOTES if for_print else NoteMode.ENDNOTES
    return build_page(document, mode, for_print=for_print).html


def build_page(
    document: Document, mode: NoteMode, *, for_print: bool, toc_pages: TocPages | None = None
) -> HtmlPage:
    """The page with footnotes placed as ``mode`` says and contents numbered from ``toc_pages``.

    The PDF writer calls this directly for its two layout passes and its endnote fallback.
    """
    if for_print and toc_pages is None:
        toc_pages = TocPages()
    view = build_view(document, mode, toc_pages if for_print else None)
    env = environment()
    env.filters.setdefault("css_string", css_string)
    try:
        css = _stylesheets(env, [BASE_CSS, PRINT_CSS if for_print else SCREEN_CSS])
        html = env.get_template(PAGE_TEMPLATE).render(
            meta=document.meta,
            view=view,
            head=running_head(document.meta),
            css=css,
            for_print=for_print,
            dates=w3c_date(document.meta.date),
        )
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"HTML template {exc.name!r} not found in {_template_folder(env)}") from None
    except jinja2.TemplateError as exc:
        raise TemplateError(f"HTML template error: {exc}") from None
    return HtmlPage(html + "\n", view.notes)


def running_head(meta: Meta) -> RunningHead:
    """``Draft · 6 April 2017 · Version 2``: what a reader of any page needs to place it."""
    parts = [meta.status] if meta.status else []
    if meta.date:
        parts.append(human_date(meta.date))
    if meta.version:
        parts.append(f"Version {meta.version}")
    return RunningHead(meta.title, " \u00b7 ".join(parts))


def css_string(value: object) -> Markup:
    """``value`` as a quoted CSS string, safe inside ``<style>`` (no ``</style>`` can form).

    Used for the running header, whose words come from the document's meta.
    """
    out = ['"']
    for char in str(value):
        if char in '"\\<>&' or ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\{ord(char):X} ")
        else:
            out.append(char)
    out.append('"')
    return Markup("".join(out))


def w3c_date(value: str | None) -> str | None:
    """``Meta.date`` when it is a real ISO date (``YYYY[-MM[-DD]]``), else None.

    The PDF's creation and modification dates come from here and nowhere else, so that the same
    document always gives the same bytes.
    """
    if not value or not _W3C_DATE.match(value):
        return None
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return None
    return value


def _stylesheets(env: jinja2.Environment, names: list[str]) -> Markup:
    """The stylesheets' text, trusted as markup (they are our files, inlined in ``<style>``)."""
    loader = env.loader
    assert loader is not None
    texts = []
    for name in names:
        source, _, _ = loader.get_source(env, name)
        if "</style" in source.lower():
            raise TemplateError(f"stylesheet {name} contains '</style', which would break the page")
        # Stylesheets are templates too: their colours come from templates/palette.yaml.
        text = env.from_string(source).render(palette=load_palette(_palette_folder(env)))
        texts.append(f"/* {name} */\n{text.strip()}\n")
    return Markup("\n".join(texts))


def _palette_folder(env: jinja2.Environment) -> str | None:
    """The template folder holding a palette, if the environment reads a house folder that has one."""
    for folder in getattr(env.loader, "searchpath", None) or []:
        if (Path(folder) / PALETTE_FILE).is_file():
            return str(folder)
    return None


def _template_folder(env: jinja2.Environment) -> str:
    loader = env.loader
    paths = getattr(loader, "searchpath", None)
    return ", ".join(paths) if paths else "the template folder"
