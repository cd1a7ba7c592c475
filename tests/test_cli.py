"""The CLI: queries, bad arguments (one line on stderr, non-zero exit, no traceback)."""

from __future__ import annotations

from tests.conftest import ROOT


def test_unknown_cluster_is_one_clear_line(run_cli):
    result = run_cli("--library", str(ROOT), "clauses", "list", "--cluster", "9")
    assert result.code != 0
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert "unknown cluster 9" in lines[0] and "valid clusters are 1 (" in lines[0]


def test_unknown_objective(run_cli):
    result = run_cli("--library", str(ROOT), "clauses", "list", "--objective", "24")
    assert result.code != 0
    assert "unknown objective 24: valid objectives are 1-23" in result.err


def test_unknown_actor_suggests(run_cli):
    result = run_cli("--library", str(ROOT), "clauses", "list", "--actor", "Grece")
    assert result.code != 0
    assert "did you mean Greece" in result.err


def test_list_table_and_text_search(run_cli):
    result = run_cli("--library", str(ROOT), "clauses", "list", "--text", "detention")
    assert result.code == 0, result.err
    assert "detention" in result.out.lower()


def test_show_gives_full_provenance(run_cli):
    result = run_cli("--library", str(ROOT), "clauses", "show", "c1brief-rec4-information-on-rights")
    assert result.code == 0, result.err
    for needle in ("seeds/gfmd-2017-gcm-cluster1-briefing-paper.txt", "recommendation 4", "sha256", "quote:"):
        assert needle in result.out


def test_show_unknown_id(run_cli):
    result = run_cli("--library", str(ROOT), "clauses", "show", "nope")
    assert result.code != 0
    assert "no clause with id 'nope'" in result.err


def test_sources_and_stats(run_cli):
    sources = run_cli("--library", str(ROOT), "sources")
    assert sources.code == 0 and "iom-idm27" in sources.out
    stats = run_cli("--library", str(ROOT), "stats")
    assert stats.code == 0 and "Alternatives to detention" in stats.out


def test_invalid_library_refuses_to_compose(run_cli, small_project):
    (small_project / "clauses" / "broken.yaml").write_text("clauses:\n  - id: X\n", encoding="utf-8")
    result = run_cli("--library", str(small_project), "clauses", "list")
    assert result.code == 1
    assert "clauses/broken.yaml:2: X: id: String should match pattern" in result.err
    assert "Traceback" not in result.err
