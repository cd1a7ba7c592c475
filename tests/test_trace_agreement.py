"""Two people's blind labels of the same clauses: agreement figures and the consensus label."""

from __future__ import annotations

from pathlib import Path

from composer.library.loader import load_library
from composer.trace.agreement import agreement, consensus, disagree
from composer.trace.compact import load_compact
from composer.trace.evaluate import Label, load_labels
from composer.trace.split import person_labels, relabelled_groups

ROOT = Path(__file__).resolve().parent.parent


def _label(clause: str, best: str | None, gap: str, *also: str) -> Label:
    return Label(clause, best, tuple(also), gap, None if gap == "same" else "why")


def test_two_labels_disagree_on_the_gap_or_on_units_neither_accepts():
    assert not disagree(_label("a", "para 29", "same", "para 29(h)"), _label("a", "para 29(h)", "same"))
    assert disagree(_label("a", "para 29", "same"), _label("a", "para 29", "partial"))
    assert disagree(_label("a", "para 29", "same"), _label("a", "para 33", "same"))
    assert disagree(_label("a", None, "none"), _label("a", "para 7", "partial"))
    assert not disagree(_label("a", None, "none"), _label("a", None, "none"))


def test_consensus_takes_the_third_persons_decision_else_both_peoples_units():
    first = [_label("a", "para 29", "same", "para 29(a)"), _label("b", "para 33", "same"), _label("c", None, "none")]
    second = {"a": _label("a", "para 29(h)", "same", "para 29"), "b": _label("b", "para 22", "partial"),
              "c": _label("c", None, "none")}
    decided = {"b": _label("b", "para 22", "partial", "para 33")}
    out = {label.clause: label for label in consensus(first, second, decided)}
    assert out["a"].best == "para 29" and out["a"].also == ("para 29(a)", "para 29(h)")
    assert out["b"] == decided["b"]
    assert out["c"].best is None and out["c"].gap == "none"


def test_agreement_counts_units_paragraphs_gaps_and_nones():
    first = [_label("a", "para 29", "same"), _label("b", "para 33(c)", "weaker"), _label("c", None, "none"),
             _label("d", "para 7", "partial")]
    second = {"a": _label("a", "para 29", "same"), "b": _label("b", "para 33(a)", "weaker"),
              "c": _label("c", "para 7", "partial"), "d": _label("d", "para 7", "same")}
    result = agreement(first, second)
    assert (result.clauses, result.both_traced, result.unit, result.paragraph) == (4, 3, 2, 3)
    assert (result.gap, result.first_none, result.none_kept, result.disagreements) == (2, 1, 0, 3)


def test_every_labelled_clause_was_labelled_twice_and_every_disagreement_decided():
    compact = load_compact()
    groups = relabelled_groups(ROOT, compact)
    stems = {"the first 70": "first-70", "round 1": "round-1", "round 2": "round-2", "round 3": "round-3", "round 4": "round-4",
             "cluster 1 review": "review"}
    assert set(groups) == set(stems)
    for name, (first, second) in groups.items():
        assert {label.clause for label in first} == set(second), name
        decided_file = ROOT / "clauses" / "labels" / "adjudicated" / f"{stems[name]}.yaml"
        decided = {label.clause for label in load_labels(decided_file, compact, allow_empty=True)}
        needed = {label.clause for label in first if disagree(label, second[label.clause])}
        assert needed == decided, name
    assert len(person_labels(ROOT, compact)) == len(load_library(ROOT).clauses)


def test_the_confirmed_links_are_the_consensus_labels():
    """What the brief shows as confirmed is the consensus of two people (and a third where they
    disagreed), written back by ``compose trace --confirm-labels``."""
    compact = load_compact()
    wanted = {label.clause: label for label in person_labels(ROOT, compact)}
    for clause in load_library(ROOT).clauses:
        label = wanted[clause.id]
        assert clause.gcm is not None and clause.gcm.confirmed, clause.id
        assert clause.gcm.gap == label.gap, clause.id
        assert tuple(clause.gcm.refs) == label.accepted, clause.id


def test_the_agreement_command_prints_the_ceiling(run_cli):
    result = run_cli("trace", "--agreement")
    assert result.code == 0, result.err
    assert "| all | 752 |" in result.out and "gap agreement" in result.out
    assert "| first \\ second | same |" in result.out
