"""Bar charts drawn as PNG for DOCX (HTML/PDF draw SVG from the same model data).

Deterministic by construction: matplotlib's object API (no pyplot global state), the Agg
backend, a fixed size and DPI, and no ``Software``/date metadata in the PNG, so the same
chart gives the same bytes.
"""

from __future__ import annotations

import io
import textwrap

from composer.model.document import BarChart
from composer.render.docx.errors import DocxRenderError
from composer.render.palette import load_palette

DPI = 150
WIDTH_IN = 6.3
BAR_HEIGHT_IN = 0.32
FONT_FAMILY = ["Times New Roman", "Liberation Serif", "DejaVu Serif", "serif"]


def check_chart(chart: BarChart) -> None:
    """Refuse a chart whose labels and values do not pair up, in one line."""
    if len(chart.labels) != len(chart.values):
        raise DocxRenderError(
            f"bar chart {chart.title!r} has {len(chart.labels)} labels but {len(chart.values)} values"
        )


def chart_png(chart: BarChart) -> bytes | None:
    """The chart as PNG bytes, or None when matplotlib is not installed (the caller then writes a table)."""
    check_chart(chart)
    try:
        from matplotlib import rc_context
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:
        return None
    palette = load_palette()
    labels = [textwrap.shorten(label, 60, placeholder="...") for label in chart.labels]
    count = max(len(labels), 1)
    with rc_context({"font.family": "serif", "font.serif": FONT_FAMILY, "font.size": 9, "svg.hashsalt": "0"}):
        figure = Figure(figsize=(WIDTH_IN, 0.9 + BAR_HEIGHT_IN * count), dpi=DPI)
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        positions = list(range(count))[: len(labels)]
        bars = axes.barh(positions, chart.values, color=palette.css("accent"), height=0.62)
        axes.set_yticks(positions, labels)
        axes.invert_yaxis()
        axes.bar_label(bars, padding=3, fontsize=8)
        axes.set_title(chart.title, fontsize=10, loc="left", fontweight="bold")
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        axes.xaxis.grid(True, color=palette.css("grid"), linewidth=0.6)
        axes.set_axisbelow(True)
        low, top = min([0, *chart.values]), max([0, *chart.values])
        axes.set_xlim(low * 1.12, top * 1.12 if top > low else low + 1)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()
