"""The stored trace: deterministic file, incremental --update, curator-confirmed links win."""

from __future__ import annotations

from pathlib import Path

import pytest

from composer.library import load_library
from composer.trace.store import StoredLink, TraceStore, read_store, render_store, trace_path, write_store
from composer.trace.tracer import update_trace
from tests.conftest import SMALL_CLAUSES

# The small project's two clauses, the second with a curator-confirmed link to agreed language.
CLAUSES = SMALL_CLAUSES + '    gcm: {refs: ["paragraph 33 (c)"], gap: same, confirmed: true}\n'


@pytest.fixture
def project(small_project: Path) -> Path:
    (small_project / "clauses" / "test.yaml").write_text(CLAUSES, encoding="utf-8")
    return small_project


def _trace(root: Path, incremental: bool):
    library = load_library(root)
    path = trace_path(root)
    store, report = update_trace(library, read_store(path), "lexical", incremental=incremental)
    write_store(path, store)
    return store, report


def test_confirmed_link_is_kept_and_never_computed(project: Path):
    store, report = _trace(project, incremental=False)
    assert report.confirmed == ["c1brief-rec7-media"]
    assert "c1brief-rec7-media" not in store.entries
    _, report = _trace(project, incremental=True)
    assert report.confirmed == ["c1brief-rec7-media"] and report.computed == []
    clause = load_library(project).clause("c1brief-rec7-media")
    assert clause.gcm is not None and clause.gcm.confirmed
    assert clause.gcm.refs == ["para 33(c)"]  # the curator's spelling, canonicalised
    assert clause.gcm.gap == "same"


def test_computed_link_merged_into_clause(project: Path):
    _trace(project, incremental=False)
    clause = load_library(project).clause("c1brief-rec4-information-on-rights")
    assert clause.gcm is not None and not clause.gcm.confirmed
    assert clause.gcm.method == "lexical"
    assert 1 <= len(clause.gcm.refs) <= 3
    assert clause.gcm.scores == sorted(clause.gcm.scores, reverse=True)


def test_update_recomputes_only_what_changed(project: Path):
    _trace(project, incremental=False)
    before = trace_path(project).read_bytes()
    _, report = _trace(project, incremental=True)
    assert report.computed == [] and report.kept == ["c1brief-rec4-information-on-rights"]
    assert trace_path(project).read_bytes() == before
    path = project / "clauses" / "test.yaml"
    path.write_text(path.read_text().replace("objectives: [3, 7]", "objectives: [7, 3]"), encoding="utf-8")
    _, report = _trace(project, incremental=True)
    assert report.computed == ["c1brief-rec4-information-on-rights"]


def test_full_trace_is_byte_identical_when_repeated(project: Path):
    _trace(project, incremental=False)
    first = trace_path(project).read_bytes()
    _trace(project, incremental=False)
    assert trace_path(project).read_bytes() == first


def test_removed_clauses_leave_the_store(project: Path):
    store = TraceStore({"gone-clause": StoredLink(("para 1",), (0.5,), "partial", "lexical", "x")})
    write_store(trace_path(project), store)
    new, report = _trace(project, incremental=True)
    assert report.removed == ["gone-clause"] and "gone-clause" not in new.entries


def test_store_round_trips(tmp_path: Path):
    store = TraceStore(
        {
            "b-clause": StoredLink(("para 29(h)", "para 29"), (0.71234, 0.5), "same", "lexical", "abc"),
            "a-clause": StoredLink((), (), "none", "lexical", "def"),
        }
    )
    path = write_store(tmp_path / "t.yaml", store)
    text = path.read_text()
    assert text.index("a-clause") < text.index("b-clause")
    again = read_store(path)
    assert again.entries["b-clause"].refs == ("para 29(h)", "para 29")
    assert again.entries["b-clause"].scores == (0.7123, 0.5)
    assert render_store(again) == text


def test_malformed_store_is_a_library_problem_not_a_crash(project: Path):
    trace_path(project).write_text("links: [1, 2\n", encoding="utf-8")
    library = load_library(project)
    assert any("gcm-trace.yaml" in p.file for p in library.problems)


def test_confirmed_link_to_unknown_unit_is_reported(project: Path):
    path = project / "clauses" / "test.yaml"
    path.write_text(path.read_text().replace("paragraph 33 (c)", "para 33(z)"), encoding="utf-8")
    problems = [str(p) for p in load_library(project).problems]
    assert any("c1brief-rec7-media: gcm: the compact has no para 33(z)" in p for p in problems)


def test_confirmed_gap_label_survives_update_even_when_the_clause_changes(project: Path):
    path = project / "clauses" / "test.yaml"
    path.write_text(
        CLAUSES.replace("gap: same, confirmed: true}", 'gap: weaker, confirmed: true, why: "ask: engage; compact 33(c): promote"}'),
        encoding="utf-8",
    )
    _trace(project, incremental=False)
    path.write_text(path.read_text().replace("to build public support", "to build lasting public support"), encoding="utf-8")
    _store, report = _trace(project, incremental=True)
    assert report.confirmed == ["c1brief-rec7-media"] and "c1brief-rec7-media" not in report.computed
    clause = load_library(project).clause("c1brief-rec7-media")
    assert clause.gcm is not None and clause.gcm.confirmed
    assert (clause.gcm.gap, clause.gcm.refs, clause.gcm.why) == ("weaker", ["para 33(c)"], "ask: engage; compact 33(c): promote")
    assert "gap: weaker, confirmed: true" in path.read_text()  # the trace never rewrites a clause file
