"""A small, deterministic SVG writer for the model's horizontal bar charts.

Why our own: a chart in a negotiation pack is a handful of labelled bars; a plotting library
would add a heavy dependency, fonts and timestamps to outputs that must be byte-identical from
one run to the next. Every coordinate is rounded to one decimal so that the same data always
gives the same text.

The SVG is sized in CSS pixels (WeasyPrint maps 96 px to the inch) and scales with its
container through ``viewBox``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from composer.errors import ComposerError
from composer.render.palette import load_palette


class ChartDataError(ComposerError):
    """A bar chart whose labels and values do not pair up, or whose values are not numbers."""


@dataclass(frozen=True)
class ChartStyle:
    """Geometry and colours of a chart; the defaults suit an A4 text column (about 640 px)."""

    width: float = 640.0
    bar_height: float = 16.0
    bar_gap: float = 7.0
    font_size: float = 11.0
    title_size: float = 12.0
    char_width: float = 0.52  # average glyph advance of a serif face, in ems
    max_label_share: float = 0.42  # at most this share of the width for the label column
    max_label_lines: int = 2
    bar_colour: str = field(default_factory=lambda: load_palette().css("accent"))
    text_colour: str = field(default_factory=lambda: load_palette().css("text"))
    axis_colour: str = field(default_factory=lambda: load_palette().css("rule"))
    font_family: str = "'Liberation Serif', 'Times New Roman', Times, serif"


def _num(value: float) -> str:
    """A coordinate as short, stable text: ``12.0`` -> ``12``, ``3.14159`` -> ``3.1``."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _text_width(text: str, style: ChartStyle) -> float:
    return len(text) * style.font_size * style.char_width


def _wrap(label: str, max_chars: int, max_lines: int) -> list[str]:
    """Break a label into at most ``max_lines`` lines, shortening the last one with an ellipsis."""
    words = label.split()
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if len(candidate) <= max_chars or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current or not lines:
        lines.append(current)
    if len(lines) > max_lines:
        kept = lines[: max_lines - 1]
        rest = " ".join(lines[max_lines - 1 :])
        lines = [*kept, rest]
    return [line if len(line) <= max_chars else line[: max(max_chars - 1, 1)].rstrip() + "\u2026" for line in lines]


def _check(labels: list[str], values: list[int]) -> list[float]:
    if len(labels) != len(values):
        raise ChartDataError(f"bar chart has {len(labels)} labels but {len(values)} values")
    numbers: list[float] = []
    for label, value in zip(labels, values, strict=True):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ChartDataError(f"bar chart value for {label!r} is not a number: {value!r}")
        numbers.append(float(value))
    return numbers


def bar_chart_svg(title: str, labels: list[str], values: list[int], style: ChartStyle | None = None) -> str:
    """An ``<svg>`` element drawing one horizontal bar per label, its value at the bar's end.

    Negative values are drawn as empty bars (counts cannot be negative; a reader's document
    might still say so) but their value is printed as given.
    """
    style = style or ChartStyle()
    numbers = _check(labels, values)
    pad = 6.0
    max_chars = max(int(style.width * style.max_label_share / (style.font_size * style.char_width)), 8)
    wrapped = [_wrap(str(label), max_chars, style.max_label_lines) for label in labels]
    longest = max((_text_width(line, style) for lines in wrapped for line in lines), default=0.0)
    label_col = min(longest, style.width * style.max_label_share) + pad * 2
    value_texts = [_format_value(v) for v in values]
    value_col = max((_text_width(t, style) for t in value_texts), default=0.0) + pad * 2
    bar_area = max(style.width - label_col - value_col, 40.0)
    peak = max((v for v in numbers if v > 0), default=0.0)

    line_height = style.font_size * 1.15
    rows_height = [
        max(style.bar_height, line_height * len(lines)) + style.bar_gap for lines in wrapped
    ]
    top = style.title_size * 1.8 if title else pad
    height = top + sum(rows_height) + pad

    parts: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bar-chart" role="img" '
        f'width="{_num(style.width)}" height="{_num(height)}" '
        f'viewBox="0 0 {_num(style.width)} {_num(height)}" '
        f"font-family={quoteattr(style.font_family)} font-size=\"{_num(style.font_size)}\">",
        f"<title>{escape(title or 'Bar chart')}</title>",
    ]
    if title:
        parts.append(
            f'<text x="0" y="{_num(style.title_size * 1.2)}" font-size="{_num(style.title_size)}" '
            f'font-weight="bold" fill="{style.text_colour}">{escape(title)}</text>'
        )
    y = top
    for lines, number, value_text, row_height in zip(wrapped, numbers, value_texts, rows_height, strict=True):
        band = row_height - style.bar_gap
        bar_y = y + (band - style.bar_height) / 2
        length = bar_area * number / peak if peak > 0 and number > 0 else 0.0
        first_baseline = y + band / 2 - (len(lines) - 1) * line_height / 2 + style.font_size * 0.35
        parts.append(f'<g class="bar"><text x="{_num(label_col - pad)}" text-anchor="end" fill="{style.text_colour}">')
        for index, line in enumerate(lines):
            parts.append(
                f'<tspan x="{_num(label_col - pad)}" y="{_num(first_baseline + index * line_height)}">'
                f"{escape(line)}</tspan>"
            )
        parts.append("</text>")
        parts.append(
            f'<rect x="{_num(label_col)}" y="{_num(bar_y)}" width="{_num(length)}" '
            f'height="{_num(style.bar_height)}" fill="{style.bar_colour}"/>'
        )
        value_y = bar_y + style.bar_height / 2 + style.font_size * 0.35
        parts.append(
            f'<text x="{_num(label_col + length + pad)}" y="{_num(value_y)}" '
            f'fill="{style.text_colour}">{escape(value_text)}</text></g>'
        )
        y += row_height
    parts.append(
        f'<line x1="{_num(label_col)}" y1="{_num(top - 2)}" x2="{_num(label_col)}" y2="{_num(y - style.bar_gap + 2)}" '
        f'stroke="{style.axis_colour}" stroke-width="1"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


def _format_value(value: float | int) -> str:
    """Integers as integers, other numbers with at most two decimals (no float noise)."""
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")
