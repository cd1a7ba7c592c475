"""`compose history` end to end on a small series: every format read back by independent readers.

JSON through ``json``, DOCX through python-docx (table cells, paragraph styles), PDF through
``pdftotext``, HTML through lxml; bad input gives one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import docx
import pytest
from lxml import html as lxml_html

from tests.conftest import write

LABELS = "Zero draft,Rev 1,Rev 2"

ZERO = """\
1. States shall cooperate to ensure safe, orderly and regular migration for all migrants and their families.
2. Parties recognise the contribution of migrants to sustainable development in countries of origin and destination.
3. Member States shall [strengthen] [review] national legislation on access to basic services for migrants.
4. The secretariat will prepare an annual report on implementation, with data disaggregated by sex and age.
5. This compact is non-legally binding and rests on the principle of national sovereignty.
"""
REV1 = """\
1. States shall cooperate to ensure safe, orderly and regular migration for all migrants and their families.
2. This compact is non-legally binding and rests on the principle of national sovereignty.
3. Parties recognise the contribution of migrants to sustainable development in countries of origin and destination.
4. Member States shall [strengthen] national legislation on access to basic services for all migrants.
5. The secretariat will prepare an annual report on implementation, with data disaggregated by sex and age.
"""
REV2 = """\
1. States shall cooperate to ensure safe, orderly and regular migration for all migrants and their families.
2. This compact is non-legally binding and rests on the principle of national sovereignty.
3. Parties recognise the contribution of migrants to sustainable development in countries of origin and destination.
4. Member States shall strengthen national legislation on access to basic services for all migrants.
5. Regional review forums will meet every four years, starting in 2022.
"""


@pytest.fixture
def series(tmp_path: Path) -> list[Path]:
    return [write(tmp_path / name, text) for name, text in (("zero.txt", ZERO), ("rev1.txt", REV1), ("rev2.txt", REV2))]


def _lineage_of(data: dict, version: int, number: str) -> dict:
    return next(lin for lin in data["lineages"] if lin["numbers"][version] == number)


def test_json_lineages_follow_moves_renumbering_and_deletions(run_cli, series, tmp_path):
    out = tmp_path / "out"
    result = run_cli("history", *map(str, series), "--labels", LABELS, "--format", "json", "--out", str(out))
    assert result.code == 0, result.err
    assert "3 versions" in result.out
    data = json.loads((out / "history-zero-to-rev2.json").read_text(encoding="utf-8"))
    assert [v["label"] for v in data["versions"]] == ["Zero draft", "Rev 1", "Rev 2"]
    moved = _lineage_of(data, 0, "5.")
    assert moved["numbers"] == ["5.", "2.", "2."]
    assert moved["steps"][0]["kind"] == "moved" and moved["steps"][0]["renumbered"]
    same = _lineage_of(data, 0, "1.")
    assert same["numbers"] == ["1.", "1.", "1."] and [s["kind"] for s in same["steps"]] == ["unchanged"] * 2
    brackets = _lineage_of(data, 0, "3.")
    assert brackets["numbers"] == ["3.", "4.", "4."]
    assert brackets["brackets"] == [2, 1, 0]
    assert [s["kind"] for s in brackets["steps"]] == ["modified", "modified"]
    assert [(s["opened"], s["closed"]) for s in brackets["steps"]] == [(0, 1), (0, 1)]
    assert 0 < brackets["steps"][0]["share"] < 0.5
    report = _lineage_of(data, 0, "4.")
    assert report["numbers"] == ["4.", "5.", None] and report["steps"][-1]["kind"] == "deleted"
    new = _lineage_of(data, 2, "5.")
    assert new["first"] == 2 and new["id"] == "L3.5" and new["steps"][0]["kind"] == "inserted"
    assert [v["brackets"] for v in data["versions"]] == [2, 1, 0]
    assert [s["brackets_closed"] for s in data["steps"]] == [1, 1]


def test_every_report_format_reads_back(run_cli, series, tmp_path):
    out = tmp_path / "out"
    result = run_cli("history", *map(str, series), "--labels", LABELS, "--format", "html,docx,pdf,md",
                     "--out", str(out), "--name", "report")
    assert result.code == 0, result.err
    # DOCX: the step table's cells and the small-type history under each paragraph
    word = docx.Document(str(out / "report.docx"))
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in word.tables]
    steps = next(t for t in tables if t[0][0] == "Step")
    assert steps[1][0] == "Zero draft to Rev 1" and steps[2][0] == "Rev 1 to Rev 2"
    header = steps[0]
    assert steps[1][header.index("Moved")] == "1" and steps[2][header.index("Dropped")] == "1"
    versions = next(t for t in tables if t[0][0] == "Version")
    assert [row[4:] for row in versions[1:]] == [["2", "—", "—"], ["1", "0", "1"], ["0", "0", "1"]]
    lineages = next(t for t in tables if t[0][:2] == ["Lineage", "First in"])
    assert lineages_row(lineages, "L1.5")[:5] == ["L1.5", "Zero draft", "5.", "2.", "2."]
    small = [p.text for p in word.paragraphs if p.style is not None and p.style.name == "Small"]
    assert any(t.startswith("L1.5: first in Zero draft as 5.") and "Rev 1: moved, now 2." in t for t in small)
    assert any("Rev 1: deleted" not in t and "L1.4 (5. in Rev 1): deleted in Rev 2." in t for t in small)
    # PDF: the text as pdftotext reads it
    text = subprocess.run(["pdftotext", "-layout", str(out / "report.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Step by step" in text and "L1.5" in text and "Regional review forums" in text
    # HTML: the lineage table's cells
    page = lxml_html.fromstring((out / "report.html").read_bytes())
    cells = [td.text_content().strip() for td in page.xpath("//table[@id='history-lineages-table']//tr[td]/td[1]")]
    assert {"L1.1", "L1.5", "L3.5"} <= set(cells)
    assert (out / "report.md").read_text(encoding="utf-8").startswith("# ")


def lineages_row(table: list[list[str]], lineage_id: str) -> list[str]:
    return next(row for row in table if row[0] == lineage_id)


def test_same_inputs_give_identical_bytes(run_cli, series, tmp_path):
    for folder in ("a", "b"):
        result = run_cli("history", *map(str, series), "--format", "docx,pdf,json", "--out", str(tmp_path / folder))
        assert result.code == 0, result.err
    for name in ("history-zero-to-rev2.docx", "history-zero-to-rev2.pdf", "history-zero-to-rev2.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_markdown_to_the_terminal_by_default(run_cli, series):
    result = run_cli("history", *map(str, series))
    assert result.code == 0, result.err
    assert "| zero to rev1 |" in result.out and "L1.5" in result.out


def test_proposals_from_a_manifest(run_cli, series, tmp_path):
    manifest = write(tmp_path / "proposals.yaml", """\
        objectives:
          - objective: 7
            actions:
              - text: "This compact is non-legally binding and rests on the principle of national sovereignty"
                proposed_by: [Hungary]
              - text: "Member States shall review national legislation on access to basic services for migrants"
                proposed_by: [Mexico, Sweden]
              - alternatives: ["an annual report on implementation", "a quadrennial review of implementation"]
                proposed_by: [EU]
    """)
    out = tmp_path / "out"
    result = run_cli("history", *map(str, series), "--labels", LABELS, "--proposals", str(manifest),
                     "--format", "json", "--out", str(out))
    assert result.code == 0, result.err
    survival = {s["id"]: s for s in json.loads((out / "history-zero-to-rev2.json").read_text())["survival"]}
    verbatim, modified = survival["objective-7-action-1"], survival["objective-7-action-2"]
    assert (verbatim["outcome"], verbatim["gap"], verbatim["number"]) == ("verbatim", "same", "2.")
    assert (modified["outcome"], modified["gap"]) == ("modified", "partial")
    assert survival["objective-7-action-3/option-1"]["outcome"] == "absent"
    assert survival["objective-7-action-3/option-1"]["first_seen"] == 0  # it was there, verbatim, in the zero draft
    assert survival["objective-7-action-3/option-2"] == {**survival["objective-7-action-3/option-2"],
                                                         "outcome": "absent", "gap": "none", "first_seen": None}


@pytest.mark.parametrize(
    "args,message",
    [
        (["{a}"], "at least two versions"),
        (["{a}", "{a}"], "given twice (as version 1 and version 2)"),
        (["{a}", "{missing}"], "missing.txt: no such file"),
        (["{a}", "{binary}"], "binary.txt: a binary file, not text"),
        (["{a}", "{empty}"], "empty.txt: empty file"),
        (["{a}", "{b}", "--labels", "one"], "--labels gives 1 label(s) for 2 versions"),
        (["{a}", "{b}", "--labels", "x,x"], "names both version 1 and version 2"),
        (["{a}", "{b}", "--format", "xls"], "unknown history format xls"),
    ],
)
def test_bad_input_is_one_clear_line(run_cli, series, tmp_path, args, message):
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01PK\x00")
    (tmp_path / "empty.txt").write_bytes(b"")
    names = {"a": series[0], "b": series[1], "missing": tmp_path / "missing.txt", "binary": tmp_path / "binary.txt",
             "empty": tmp_path / "empty.txt"}
    result = run_cli("history", *(a.format(**names) for a in args))
    assert result.code != 0
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.err, result.err
