"""``compose gcm show|list`` and ``compose trace`` end to end, and the --gcm / --unmatched filters."""

from __future__ import annotations

import json
from pathlib import Path

import yaml


def test_gcm_show_prints_the_unit_and_where_it_sits(run_cli):
    result = run_cli("gcm", "show", "para 29(h)")
    assert result.code == 0
    assert "Objective 13: Use immigration detention" in result.out
    assert "(h) Protect and respect the rights and best interests of the child" in result.out


def test_gcm_show_paragraph_lists_its_actions(run_cli):
    result = run_cli("gcm", "show", "para 43")
    assert "(a) A connection hub" in result.out and "(v) Identifying funding opportunities" in result.out


def test_gcm_show_unknown_reference_is_one_line(run_cli):
    result = run_cli("gcm", "show", "para 29(z)")
    assert result.code == 2
    assert result.err.strip().count("\n") == 0
    assert "para 29 has actions (a)-(h)" in result.err


def test_gcm_list(run_cli):
    result = run_cli("gcm", "list")
    assert len(result.out.strip().splitlines()) == 23
    result = run_cli("gcm", "list", "--objective", "13")
    assert "para 29(h)" in result.out


def test_trace_then_update_then_filters(run_cli, small_project: Path):
    lib = str(small_project)
    result = run_cli("--library", lib, "trace")
    assert result.code == 0, result.err
    trace = yaml.safe_load((small_project / "clauses" / "gcm-trace.yaml").read_text())
    assert set(trace["links"]) == {"c1brief-rec4-information-on-rights", "c1brief-rec7-media"}
    result = run_cli("--library", lib, "trace", "--update")
    assert "0 computed, 2 unchanged" in result.out
    media = trace["links"]["c1brief-rec7-media"]
    paragraph = media["refs"][0].split("(")[0]
    listed = json.loads(run_cli("--library", lib, "clauses", "list", "--gcm", paragraph, "--json").out)
    assert "c1brief-rec7-media" in [r["id"] for r in listed]
    record = next(r for r in listed if r["id"] == "c1brief-rec7-media")
    assert record["gcm_refs"] == (media["refs"] if media["gap"] != "none" else [])
    assert record["gcm_gap"] == media["gap"]


def test_unmatched_filter_lists_clauses_traced_to_none(run_cli, small_project: Path):
    path = small_project / "clauses" / "test.yaml"
    text = path.read_text().replace(
        "    draft_text: \"Engage with and through the media",
        "    gcm: {refs: [], gap: none, confirmed: true}\n    draft_text: \"Engage with and through the media",
    )
    path.write_text(text, encoding="utf-8")
    lib = str(small_project)
    assert run_cli("--library", lib, "trace").code == 0
    listed = json.loads(run_cli("--library", lib, "clauses", "list", "--unmatched", "--json").out)
    assert [r["id"] for r in listed] == ["c1brief-rec7-media"]
    assert listed[0]["gcm_refs"] == [] and listed[0]["gcm_gap"] == "none" and listed[0]["gcm_confirmed"] is True


def test_trace_evaluate_reports_the_figures_per_split(run_cli):
    result = run_cli("trace", "--evaluate", "--split", "calibration")
    assert result.code == 0, result.err
    assert "== calibration:" in result.out and "held-out" not in result.out
    for figure in ("strict P@1", "paragraph P@1", "recall@3", "gap agreement", "none recognised"):
        assert figure in result.out


def test_trace_unknown_method(run_cli, small_project: Path):
    result = run_cli("--library", str(small_project), "trace", "--method", "magic")
    assert result.code == 2 and "unknown trace method 'magic'" in result.err


def test_gcm_filter_reads_typed_references_and_refuses_unknown_units(run_cli, small_project: Path):
    lib = str(small_project)
    assert run_cli("--library", lib, "trace").code == 0
    trace = yaml.safe_load((small_project / "clauses" / "gcm-trace.yaml").read_text())
    best = trace["links"]["c1brief-rec7-media"]["refs"][0]
    typed = "GCM paragraph " + best.removeprefix("para ").replace("(", " (")
    listed = json.loads(run_cli("--library", lib, "clauses", "list", "--gcm", typed, "--json").out)
    assert "c1brief-rec7-media" in [r["id"] for r in listed]
    result = run_cli("--library", lib, "clauses", "list", "--gcm", "para 99")
    assert result.code == 2 and "the compact has no para 99" in result.err


def test_trace_summary_counts_a_confirmed_label_over_the_stored_one(run_cli, small_project: Path):
    lib = str(small_project)
    assert run_cli("--library", lib, "trace").code == 0
    stored = yaml.safe_load((small_project / "clauses" / "gcm-trace.yaml").read_text())["links"]
    assert stored["c1brief-rec7-media"]["gap"] != "none"  # the matcher finds the media action
    path = small_project / "clauses" / "test.yaml"
    path.write_text(path.read_text().replace(
        "    draft_text: \"Engage with and through the media",
        "    gcm: {refs: [], gap: none, confirmed: true}\n    draft_text: \"Engage with and through the media",
    ), encoding="utf-8")
    result = run_cli("--library", lib, "trace", "--update")
    assert result.code == 0, result.err
    line = next(x for x in result.out.splitlines() if x.startswith("gap labels"))
    assert line.startswith("gap labels of the 2 clauses:")
    assert " 1 none" in line  # the curator's label, not the computed one
