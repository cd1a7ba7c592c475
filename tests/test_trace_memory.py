"""The memory of checked links: nearest clauses, the columns it gives, and what it may remember."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from composer.library.loader import load_library
from composer.trace.compact import load_compact
from composer.trace.matching import matchable_units
from composer.trace.memory import GAP_MEMORY_FEATURES, UNIT_MEMORY_FEATURES, LinkMemory, Remembered, _terms
from composer.trace.split import calibration_labels, heldout_labels

ROOT = Path(__file__).resolve().parent.parent


def _memory() -> tuple[LinkMemory, dict[str, int]]:
    units = matchable_units(load_compact())
    entries = [
        Remembered("detention-1", "End the immigration detention of children", ("child-detention",),
                   ("para 29(h)", "para 29"), "weaker"),
        Remembered("detention-2", "States should never detain a migrant child", ("child-detention",),
                   ("para 29(h)",), "weaker"),
        Remembered("review-1", "Review the compact at an international forum every four years", ("follow-up",),
                   ("para 49",), "same"),
    ]
    return LinkMemory(entries, units), {u.ref: i for i, u in enumerate(units)}


def test_the_nearest_checked_clause_is_found_and_a_clause_is_never_its_own_neighbour():
    memory, _ = _memory()
    rows, sims = memory.nearest("new", "End the detention of migrant children", ("child-detention",))
    assert [memory.entries[r].clause for r in rows[:2]] == ["detention-1", "detention-2"]
    assert sims[0] > sims[1] > 0
    own, _ = memory.nearest("detention-1", "End the immigration detention of children", ("child-detention",))
    assert "detention-1" not in {memory.entries[r].clause for r in own}
    part, _ = memory.nearest("detention-1#0", "End the immigration detention of children", ())
    assert "detention-1" not in {memory.entries[r].clause for r in part}


def test_unit_columns_mark_the_units_and_paragraphs_the_neighbours_accepted():
    memory, index = _memory()
    columns = memory.unit_columns("new", "End the detention of migrant children", ("child-detention",))
    assert columns.shape == (len(index), len(UNIT_MEMORY_FEATURES))
    assert columns[index["para 29(h)"], 0] > 0.5
    assert columns[index["para 29(a)"], 0] == 0 and columns[index["para 29(a)"], 1] > 0.5  # same paragraph
    assert columns[index["para 33"]].max() == 0
    assert columns[index["para 29(h)"], 2] > columns[index["para 29"], 2] > 0  # two accepted 29(h), one 29


def test_centroid_columns_are_the_cosine_with_the_accepting_clauses_summed_and_leave_the_clause_out():
    memory, index = _memory()
    text, themes = "End the detention of migrant children", ("child-detention",)
    columns = memory.unit_columns("new", text, themes)
    names = list(UNIT_MEMORY_FEATURES)
    unit, paragraph = names.index("memory_centroid"), names.index("memory_centroid_paragraph")
    # brute force: the query's vector against the sum of the accepting clauses' vectors
    vectors = memory._by_term.T
    query = memory._vector(_terms(text, themes))
    for ref, members in (("para 29(h)", [0, 1]), ("para 29", [0]), ("para 49", [2])):
        centroid = vectors[members].sum(axis=0)
        expected = float(query @ centroid / np.linalg.norm(centroid))
        assert abs(columns[index[ref], unit] - expected) < 1e-9, ref
    assert columns[index["para 29(h)"], unit] > columns[index["para 49"], unit]
    assert columns[index["para 29(a)"], unit] == 0 and columns[index["para 29(a)"], paragraph] > 0  # its paragraph only
    # scored as detention-2 itself, its own vector is out of every centroid: 29(h) is detention-1 alone
    own = memory.unit_columns("detention-2", "States should never detain a migrant child", ("child-detention",))
    alone = vectors[0]
    own_query = memory._vector(_terms("States should never detain a migrant child", ("child-detention",)))
    assert abs(own[index["para 29(h)"], unit] - float(own_query @ alone / np.linalg.norm(alone))) < 1e-9


def test_gap_columns_add_the_share_of_each_label_among_every_clause_that_accepted_the_unit():
    memory, _ = _memory()
    votes = memory.gap_columns("new", "End the detention of migrant children", ("child-detention",), "para 29(h)")
    names = list(GAP_MEMORY_FEATURES)
    assert votes[names.index("memory_centroid_gap_weaker")] == 1.0  # both clauses that accepted 29(h) say weaker
    assert votes[names.index("memory_centroid_gap_same")] == 0.0
    review = memory.gap_columns("new", "Review the compact at a forum", ("follow-up",), "para 49")
    assert review[names.index("memory_centroid_gap_same")] == 1.0


def test_gap_columns_are_the_neighbours_votes():
    memory, _ = _memory()
    votes = memory.gap_columns("new", "End the detention of migrant children", ("child-detention",), "para 29(h)")
    names = list(GAP_MEMORY_FEATURES)
    assert votes[names.index("memory_gap_weaker")] > votes[names.index("memory_gap_same")]
    assert votes[names.index("memory_unit_gap_weaker")] > 0
    unrelated = memory.gap_columns("new", "End the detention of migrant children", ("child-detention",), "para 33")
    assert unrelated[names.index("memory_unit_gap_weaker")] == 0


def test_an_empty_memory_gives_zeros():
    empty = LinkMemory([], matchable_units(load_compact()))
    assert not empty.unit_columns("x", "anything at all", ()).any()
    assert not np.asarray(empty.gap_columns("x", "anything at all", (), "para 7")).any()


def test_the_digest_changes_with_what_is_remembered():
    memory, _ = _memory()
    changed = LinkMemory([*memory.entries[:2], Remembered("review-1", memory.entries[2].text, ("follow-up",),
                                                          ("para 49",), "partial")], memory.units)
    assert memory.digest != changed.digest
    assert memory.digest == LinkMemory(list(memory.entries), memory.units).digest


def test_the_library_memory_is_every_confirmed_link():
    library = load_library(ROOT)
    memory = LinkMemory.from_confirmed(library.clauses, matchable_units(load_compact()))
    assert len(memory.entries) == sum(1 for c in library.clauses if c.gcm is not None and c.gcm.confirmed)


def test_an_evaluation_never_remembers_a_held_out_label(run_cli, monkeypatch):
    """``compose trace --evaluate`` remembers the calibration labels only: a held-out clause's
    own label (a confirmed link in its clause file) is never read when it is scored."""
    import composer.cli.trace_cmds as cmds

    seen: list[LinkMemory] = []
    real = cmds._calibration_memory

    def spy(*args: object) -> object:
        out = real(*args)
        seen.append(out)  # type: ignore[arg-type]
        return out

    monkeypatch.setattr(cmds, "_calibration_memory", spy)
    result = run_cli("trace", "--evaluate", "--split", "heldout")
    assert result.code == 0, result.err
    compact = load_compact()
    held = {label.clause for label in heldout_labels(ROOT, compact)}
    remembered = {e.clause for e in seen[0].entries}
    assert remembered == {label.clause for label in calibration_labels(ROOT, compact)}
    assert not remembered & held
