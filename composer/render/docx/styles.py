"""Word styles: the spec of our look (``styles.yaml``), finding styles by name, adding missing ones.

The renderer never formats runs by hand for layout: every paragraph gets a named style, looked up
in the reference template by NAME (case-insensitively, since Word stores some built-in names in
lower case, e.g. ``footnote text``). A house template that lacks a style gets it added with the
formatting from ``styles.yaml``, so any template works and its own styles win where present.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import BaseStyle

from composer.render.docx import oxml

_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
_TYPES = {
    "paragraph": WD_STYLE_TYPE.PARAGRAPH,
    "character": WD_STYLE_TYPE.CHARACTER,
    "table": WD_STYLE_TYPE.TABLE,
}
_TYPE_NAMES = {value: key for key, value in _TYPES.items()}


@dataclass(frozen=True)
class PageSpec:
    """Page setup of the default template: A4, equal margins."""

    width_cm: float
    height_cm: float
    margin_cm: float
    header_cm: float
    footer_cm: float
    font: str
    size: float


@dataclass(frozen=True)
class StyleSpec:
    """One style's formatting; ``None`` means "leave as inherited"."""

    name: str
    type: str
    based_on: str | None = None
    next: str | None = None
    font: str | None = None
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    all_caps: bool | None = None
    superscript: bool | None = None
    color: str | None = None
    align: str | None = None
    space_before: float | None = None
    space_after: float | None = None
    line_spacing: float | None = None
    left_indent: float | None = None
    right_indent: float | None = None
    first_line: float | None = None
    tabs: tuple[float, ...] = ()
    keep_with_next: bool | None = None
    widow_control: bool | None = None
    outline_level: int | None = None
    border_top: str | None = None
    border_bottom: str | None = None
    border_left: str | None = None


@dataclass(frozen=True)
class StyleBook:
    """The page and style specs read from ``styles.yaml``."""

    page: PageSpec
    styles: tuple[StyleSpec, ...] = field(default_factory=tuple)
    semantic: dict[str, str] = field(default_factory=dict)

    def word_style(self, semantic: str) -> str:
        """The Word style name for a model style (``"lead"`` -> ``"Lead"``)."""
        if semantic in self.semantic:
            return self.semantic[semantic]
        if semantic.startswith("cover-"):
            return self.semantic.get("cover-meta", "Body Text")
        return self.semantic.get("body", "Body Text")

    def spec(self, name: str) -> StyleSpec | None:
        return next((s for s in self.styles if s.name.lower() == name.lower()), None)


@functools.cache
def style_book() -> StyleBook:
    """Read ``styles.yaml`` once (package data, so it works from an installed wheel too)."""
    text = resources.files("composer.render.docx").joinpath("styles.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    specs = tuple(StyleSpec(**{**s, "tabs": tuple(s.get("tabs", ()))}) for s in data["styles"])
    return StyleBook(PageSpec(**data["page"]), specs, dict(data.get("semantic", {})))


def find_style(document: WordDocument, name: str, style_type: WD_STYLE_TYPE | None = None) -> BaseStyle | None:
    """The style called ``name`` (case-insensitive; also matched by its id without spaces), or None."""
    wanted = name.lower()
    wanted_id = name.replace(" ", "").lower()
    by_id = None
    for style in document.styles:
        if style_type is not None and style.type != style_type:
            continue
        if (style.name or "").lower() == wanted:
            return style
        if by_id is None and (style.style_id or "").lower() == wanted_id:
            by_id = style
    return by_id


def style_id(document: WordDocument, name: str, style_type: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH) -> str:
    """The id of style ``name`` of ``style_type``, adding the style first if it is missing."""
    style = find_style(document, name, style_type)
    if style is None:
        spec = book_spec(name) or StyleSpec(
            name=name,
            type=_TYPE_NAMES[style_type],
            based_on="Normal" if style_type == WD_STYLE_TYPE.PARAGRAPH else None,
        )
        style = ensure_style(document, spec)
    return style.style_id


def ensure_style(document: WordDocument, spec: StyleSpec) -> BaseStyle:
    """The style ``spec.name``, added with ``spec``'s formatting if the template lacks it."""
    style_type = _TYPES[spec.type]
    existing = find_style(document, spec.name, style_type)
    if existing is not None:
        return existing
    if spec.based_on:
        base = book_spec(spec.based_on)
        if base is not None:
            ensure_style(document, base)
    if style_type == WD_STYLE_TYPE.TABLE:
        style_id = _free_style_id(document, spec.name)
        document.styles.element.append(oxml.grid_table_style(style_id, spec.name))
        return find_style(document, spec.name, style_type)
    style = document.styles.add_style(spec.name, style_type)
    style.element.set(qn("w:styleId"), _free_style_id(document, spec.name, style.element))
    apply_spec(document, style, spec)
    return style


def book_spec(name: str) -> StyleSpec | None:
    return style_book().spec(name)


def missing_styles(document: WordDocument) -> list[StyleSpec]:
    """The styles of ``styles.yaml`` that ``document`` (a house template) does not define."""
    return [spec for spec in style_book().styles if find_style(document, spec.name, _TYPES[spec.type]) is None]


def ensure_all_styles(document: WordDocument) -> None:
    """Add every style of ``styles.yaml`` that the template lacks (existing ones are left alone)."""
    for spec in style_book().styles:
        ensure_style(document, spec)


def _free_style_id(document: WordDocument, name: str, own: Any = None) -> str:
    """A style id derived from ``name`` that no other style in the template uses."""
    base = "".join(ch for ch in name if ch.isalnum()) or "Style"
    taken = {s.get(qn("w:styleId")) for s in document.styles.element.findall(qn("w:style")) if s is not own}
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}{n}"
    return candidate


def apply_spec(document: WordDocument, style: BaseStyle, spec: StyleSpec) -> None:
    """Set ``style``'s formatting from ``spec`` (used to build the reference and to add missing styles)."""
    if spec.based_on:
        base = find_style(document, spec.based_on)
        if base is not None and base is not style:
            style.base_style = base
    if spec.next and hasattr(style, "next_paragraph_style"):
        follower = find_style(document, spec.next, WD_STYLE_TYPE.PARAGRAPH)
        if follower is not None:
            style.next_paragraph_style = follower
    _apply_font(style, spec)
    if spec.type == "paragraph":
        _apply_paragraph(style, spec)


def _apply_font(style: BaseStyle, spec: StyleSpec) -> None:
    font = style.font
    if spec.font:
        set_font_family(style.element.get_or_add_rPr(), spec.font)
    if spec.size is not None:
        font.size = Pt(spec.size)
    if spec.bold is not None:
        font.bold = spec.bold
    if spec.italic is not None:
        font.italic = spec.italic
    if spec.all_caps is not None:
        font.all_caps = spec.all_caps
    if spec.superscript is not None:
        font.superscript = spec.superscript
    if spec.color:
        color = style.element.get_or_add_rPr().get_or_add_color()
        for attr in ("themeColor", "themeTint", "themeShade"):
            color.attrib.pop(qn(f"w:{attr}"), None)
        font.color.rgb = RGBColor.from_string(spec.color)


def set_font_family(r_pr: Any, family: str) -> None:
    """Use ``family`` for every script, dropping theme-font references that would override it."""
    r_fonts = r_pr.get_or_add_rFonts()
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        r_fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        r_fonts.set(qn(f"w:{attr}"), family)


def _apply_paragraph(style: BaseStyle, spec: StyleSpec) -> None:
    pf = style.paragraph_format
    if spec.align:
        pf.alignment = _ALIGN[spec.align]
    if spec.space_before is not None:
        pf.space_before = Pt(spec.space_before)
    if spec.space_after is not None:
        pf.space_after = Pt(spec.space_after)
    if spec.line_spacing is not None:
        pf.line_spacing = spec.line_spacing
    if spec.left_indent is not None:
        pf.left_indent = Cm(spec.left_indent)
    if spec.right_indent is not None:
        pf.right_indent = Cm(spec.right_indent)
    if spec.first_line is not None:
        pf.first_line_indent = Cm(spec.first_line)
    if spec.tabs:
        pf.tab_stops.clear_all()
        for position in spec.tabs:
            pf.tab_stops.add_tab_stop(Cm(position))
    if spec.keep_with_next is not None:
        pf.keep_with_next = spec.keep_with_next
    if spec.widow_control is not None:
        pf.widow_control = spec.widow_control
    p_pr = style.element.get_or_add_pPr()
    if spec.outline_level is not None:
        oxml.set_outline_level(p_pr, spec.outline_level)
    for side, value in (("top", spec.border_top), ("bottom", spec.border_bottom), ("left", spec.border_left)):
        if value is not None:
            oxml.set_paragraph_border(p_pr, side, None if value == "none" else value)
