"""One palette for every writer: the DOCX and the HTML/PDF show the same colours, from templates/palette.yaml."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from lxml import etree

from composer.model.document import Document, Meta, Table, Text
from composer.render.chart_svg import bar_chart_svg
from composer.render.docx import render_docx
from composer.render.html import render_html
from composer.render.palette import load_palette

ROOT = Path(__file__).resolve().parents[1]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _document() -> Document:
    header = [(Text("Objective"),), (Text("Clauses"),)]
    rows = [[(Text("1"),), (Text("12"),)], [(Text("2"),), (Text("7"),)]]
    return Document(Meta(title="Palette", date="2026-11-24"), [Table(header=header, rows=rows, id="t1")])


def test_docx_and_html_share_the_table_header_shade():
    palette = load_palette()
    data = render_docx(_document())
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    fills = {shd.get(f"{W}fill").lower() for shd in body.iter(f"{W}shd")}
    assert fills == {palette.header_shade}
    html = render_html(_document())
    assert f"background: #{palette.header_shade};" in html
    assert "palette.css" not in html


def test_svg_chart_uses_the_palette():
    palette = load_palette()
    svg = str(bar_chart_svg("Clauses", ["a", "b"], [3, 5]))
    assert f'fill="#{palette.accent}"' in svg and f'stroke="#{palette.rule}"' in svg


def test_no_writer_spells_a_colour_of_its_own():
    """Colours live in templates/palette.yaml (and the Word style sheet), not in the writers' Python."""
    writers = [ROOT / "composer/render" / name for name in ("html.py", "html_view.py", "chart_svg.py", "palette.py")]
    writers += [ROOT / "composer/render/docx" / name for name in ("blocks.py", "chart.py", "oxml.py")]
    for path in writers:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"[\"']#?[0-9A-Fa-f]{6}[\"']", text), path.name
    palette = load_palette()
    for css in ("document.css", "screen.css", "print.css"):
        text = (ROOT / "templates" / css).read_text(encoding="utf-8").lower()
        for name in ("accent", "rule", "header_shade"):
            assert palette.css(name) not in text, f"{css} spells {name} instead of {{{{ palette.css({name!r}) }}}}"
