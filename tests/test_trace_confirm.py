"""Person-checked labels written into the clause files as confirmed links."""

from __future__ import annotations

from pathlib import Path

from composer.library import load_library
from composer.trace.confirm import Confirmation, ConfirmReport, confirm_in_text


def test_confirmed_link_is_added_once_and_wins_over_the_trace(run_cli, small_project: Path):
    labels = small_project / "checked.yaml"
    labels.write_text(
        "labels:\n"
        '  - {clause: c1brief-rec7-media, best: para 33(c), also: [para 33], gap: partial, why: "ask: media engagement"}\n'
        "  - {clause: c1brief-rec4-information-on-rights, best: null, gap: none}\n",
        encoding="utf-8",
    )
    lib = str(small_project)
    assert run_cli("--library", lib, "trace").code == 0
    result = run_cli("--library", lib, "trace", "--confirm", str(labels))
    assert result.code == 0, result.err
    assert "2 confirmed link(s) written" in result.out
    text = (small_project / "clauses" / "test.yaml").read_text()
    assert '    gcm: {refs: ["para 33(c)", "para 33"], gap: partial, confirmed: true, why: "ask: media engagement"}\n' in text
    again = run_cli("--library", lib, "trace", "--confirm", str(labels))
    assert "0 confirmed link(s) written, 0 replaced, 2 clause(s) already carrying" in again.out
    assert (small_project / "clauses" / "test.yaml").read_text() == text
    assert run_cli("--library", lib, "trace", "--update").code == 0
    library = load_library(small_project)
    media = library.clause("c1brief-rec7-media").gcm
    rights = library.clause("c1brief-rec4-information-on-rights").gcm
    assert media is not None and (media.gap, media.refs, media.confirmed) == ("partial", ["para 33(c)", "para 33"], True)
    assert rights is not None and (rights.gap, rights.refs, rights.confirmed) == ("none", [], True)


def test_insertion_goes_before_the_next_entry_comment():
    text = "clauses:\n  - id: a\n    kind: x\n\n  # --- next ---\n  - id: b\n    kind: y\n"
    out = confirm_in_text(text, [Confirmation("a", ("para 7",), "same")], ConfirmReport())
    assert out == (
        "clauses:\n  - id: a\n    kind: x\n"
        '    gcm: {refs: ["para 7"], gap: same, confirmed: true}\n'
        "\n  # --- next ---\n  - id: b\n    kind: y\n"
    )


def test_replace_changes_a_confirmed_one_line_link_and_nothing_else():
    text = (
        "clauses:\n  - id: a\n    kind: x\n    gcm: {refs: [\"para 7\"], gap: same, confirmed: true}\n"
        "  - id: b\n    kind: y\n    gcm: {refs: [\"para 8\"], gap: same}\n"
    )
    new = [Confirmation("a", ("para 15(j)", "para 7"), "partial", "only part"), Confirmation("b", ("para 9",), "same")]
    kept = ConfirmReport()
    assert confirm_in_text(text, new, kept) == text and kept.kept == ["a", "b"]
    report = ConfirmReport()
    out = confirm_in_text(text, new, report, replace=True)
    assert report.replaced == ["a"] and report.kept == ["b"]  # b's link is not a confirmed one: left alone
    assert '    gcm: {refs: ["para 15(j)", "para 7"], gap: partial, confirmed: true, why: "only part"}\n' in out
    assert '    gcm: {refs: ["para 8"], gap: same}\n' in out
    again = ConfirmReport()
    assert confirm_in_text(out, new[:1], again, replace=True) == out and again.kept == ["a"]
