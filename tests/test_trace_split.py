"""The evaluation split: no held-out clause is ever used to calibrate the trace."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import yaml

from composer.trace.compact import load_compact
from composer.trace.evaluate import LabelFileError, load_labels
from composer.trace.sample import FOURTH_ROUND, SampleExistsError, draw_sample, write_sample
from composer.trace.split import (
    HELDOUT_ROUND,
    ROUNDS,
    calibration_labels,
    heldout_labels,
    load_sample,
    person_labels,
    seen_before,
)

ROOT = Path(__file__).resolve().parent.parent
HELD = Path(HELDOUT_ROUND.sample).parent  # labels/round-4: the held-out round's folder under clauses/
HELD_GROUP = HELDOUT_ROUND.relabel.second.rsplit("/", 1)[1]  # round-4.yaml: its second labels' file name
LABEL = "  - {{clause: {id}, best: para 33(c), gap: partial, why: test}}\n"


def _labels(ids: list[str]) -> str:
    return "labels:\n" + ("".join(LABEL.format(id=i) for i in ids) or "  []\n")


def _sample(path: Path, sample: dict[str, str], batch: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    entries = [{"clause": c, "split": s, "batch": batch} for c, s in sample.items()]
    path.write_text(yaml.safe_dump({"sample": entries}), encoding="utf-8")


def _project(
    tmp_path: Path,
    base: list[str],
    sample: dict[str, str],
    batch: list[str],
    second: dict[str, str] | None = None,
    second_batch: str | None = None,
    third: dict[str, str] | None = None,
    third_batch: str | None = None,
    held: dict[str, str] | None = None,
    held_batch: str | None = None,
) -> Path:
    """A project with the first 70's file, round 1 (sample + batch-a), optionally rounds 2 and 3
    (their samples; ``second_batch`` / ``third_batch``: the raw text of round-2/batch-c.yaml and
    round-3/batch-e.yaml; calibration rounds now) and optionally the held-out round (round 4;
    ``held_batch`` is the raw text of round-4/batch-f.yaml)."""
    (tmp_path / "clauses" / "labels").mkdir(parents=True, exist_ok=True)
    (tmp_path / "clauses" / "gcm-labels.yaml").write_text(_labels(base), encoding="utf-8")
    _sample(tmp_path / "clauses" / "labels" / "sample.yaml", sample, "a")
    (tmp_path / "clauses" / "labels" / "batch-a.yaml").write_text(_labels(batch), encoding="utf-8")
    if second is not None:
        _sample(tmp_path / "clauses" / "labels" / "round-2" / "sample.yaml", second, "c")
    if second_batch is not None:
        (tmp_path / "clauses" / "labels" / "round-2" / "batch-c.yaml").write_text(second_batch, encoding="utf-8")
    if third is not None:
        _sample(tmp_path / "clauses" / "labels" / "round-3" / "sample.yaml", third, "e")
    if third_batch is not None:
        (tmp_path / "clauses" / "labels" / "round-3" / "batch-e.yaml").write_text(third_batch, encoding="utf-8")
    if held is not None:
        _sample(tmp_path / "clauses" / HELDOUT_ROUND.sample, held, "f")
    if held_batch is not None:
        (tmp_path / "clauses" / HELD / "batch-f.yaml").write_text(held_batch, encoding="utf-8")
    return tmp_path


def test_the_held_out_round_is_round_four():
    assert HELDOUT_ROUND.name == "round 4"
    assert HELDOUT_ROUND.sample == "labels/round-4/sample.yaml"
    assert [r.split for r in ROUNDS] == ["calibration", "calibration", "calibration", "heldout"]


def test_the_project_calibration_split_is_the_first_70_and_rounds_one_to_three():
    """Read without opening a round-4 label file (the lead scores those once, after the freeze)."""
    compact = load_compact()
    first = load_sample(ROOT / "clauses" / "labels" / "sample.yaml")
    fourth = load_sample(ROOT / "clauses" / HELDOUT_ROUND.sample)
    calibration = {label.clause for label in calibration_labels(ROOT, compact)}
    labelled_first = {
        label.clause
        for batch in ("batch-a.yaml", "batch-b.yaml")
        for label in load_labels(ROOT / "clauses" / "labels" / batch, compact, allow_empty=True)
    }
    labelled_second = {
        label.clause
        for batch in ("batch-c.yaml", "batch-d.yaml")
        for label in load_labels(ROOT / "clauses" / "labels" / "round-2" / batch, compact, allow_empty=True)
    }
    assert labelled_first <= calibration
    assert {c for c in labelled_first if first[c].split == "heldout"}, "round 1's held-out half joins calibration"
    assert len(labelled_second) >= 200 and labelled_second <= calibration, "round 2 joins calibration whole"
    assert set(load_sample(ROOT / "clauses" / "labels" / "round-3" / "sample.yaml")) <= calibration, "so does round 3"
    assert len(calibration) == 605
    assert not calibration & set(fourth)
    assert all(draw.split == "heldout" for draw in fourth.values())
    assert len(fourth) == FOURTH_ROUND.target


def test_the_fourth_round_excludes_every_clause_seen_before():
    compact = load_compact()
    fourth = set(load_sample(ROOT / "clauses" / HELDOUT_ROUND.sample))
    seen = seen_before(ROOT, compact, HELDOUT_ROUND)
    assert set(load_sample(ROOT / "clauses" / "labels" / "sample.yaml")) <= seen
    assert set(load_sample(ROOT / "clauses" / "labels" / "round-2" / "sample.yaml")) <= seen
    assert set(load_sample(ROOT / "clauses" / "labels" / "round-3" / "sample.yaml")) <= seen
    assert "rt2-22-cmw-ban-child-detention" in seen  # a reviewed clause (cluster1-review.yaml)
    assert not fourth & seen


def test_calibration_takes_rounds_one_to_three_and_held_out_is_round_four(tmp_path: Path):
    root = _project(
        tmp_path, ["base-1"], {"cal-1": "calibration", "held-1": "heldout"}, ["cal-1", "held-1"],
        second={"old-1": "heldout"}, second_batch=_labels(["old-1"]),
        third={"old-2": "heldout"}, third_batch=_labels(["old-2"]),
        held={"new-1": "heldout", "new-2": "heldout"}, held_batch=_labels(["new-2", "new-1"]),
    )
    compact = load_compact()
    assert [label.clause for label in calibration_labels(root, compact)] == ["base-1", "cal-1", "held-1", "old-1", "old-2"]
    assert [label.clause for label in heldout_labels(root, compact)] == ["new-2", "new-1"]
    assert [label.clause for label in person_labels(root, compact)] == [
        "base-1", "cal-1", "held-1", "old-1", "old-2", "new-2", "new-1",
    ]


def test_calibration_never_reads_a_held_out_label(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Every file calibration_labels opens is recorded: no held-out batch among them, and a held-out
    batch that cannot even be parsed does not disturb it (while the held-out reader fails on it)."""
    root = _project(
        tmp_path, ["base-1"], {"cal-1": "calibration"}, ["cal-1"],
        second={"old-1": "heldout"}, second_batch=_labels(["old-1"]),
        held={"new-1": "heldout"}, held_batch="labels: [unclosed\n",
    )
    for kind in ("second", "adjudicated"):  # the held-out round's second labels and decisions: unparseable too
        (root / "clauses" / "labels" / kind).mkdir(parents=True, exist_ok=True)
        (root / "clauses" / "labels" / kind / HELD_GROUP).write_text("labels: [unclosed\n", encoding="utf-8")
    opened: list[Path] = []
    real = Path.read_text

    def spy(self: Path, *args: object, **kwargs: object) -> str:
        opened.append(self.resolve())
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", spy)
    compact = load_compact()
    assert [label.clause for label in calibration_labels(root, compact)] == ["base-1", "cal-1", "old-1"]
    held = (root / "clauses" / HELD).resolve()
    assert (held / "sample.yaml") in opened  # the draw is read, to refuse a leaked clause
    assert not [p for p in opened if p.parent == held and p.name.startswith("batch-")]
    assert not [p for p in opened if p.name == HELD_GROUP]
    with pytest.raises(LabelFileError, match="not valid YAML"):
        heldout_labels(root, compact)


def test_a_held_out_clause_in_the_calibration_labels_is_refused(tmp_path: Path):
    root = _project(tmp_path, ["base-1", "new-1"], {}, [], held={"new-1": "heldout"})
    with pytest.raises(LabelFileError, match="held-out clause"):
        calibration_labels(root, load_compact())
    root2 = _project(tmp_path / "two", [], {"new-1": "calibration"}, ["new-1"], held={"new-1": "heldout"})
    with pytest.raises(LabelFileError, match="held-out clause"):
        calibration_labels(root2, load_compact())
    root3 = _project(
        tmp_path / "three", [], {}, [], third={"new-1": "heldout"}, third_batch=_labels(["new-1"]),
        held={"new-1": "heldout"},
    )
    with pytest.raises(LabelFileError, match="held-out clause"):
        calibration_labels(root3, load_compact())


def test_labels_outside_the_draw_or_twice_are_refused(tmp_path: Path):
    root = _project(tmp_path, [], {"cal-1": "calibration"}, ["cal-1", "stray"])
    with pytest.raises(LabelFileError, match="not in the drawn sample"):
        calibration_labels(root, load_compact())
    root2 = _project(tmp_path / "two", [], {"cal-1": "calibration"}, ["cal-1", "cal-1"])
    with pytest.raises(LabelFileError, match="labelled twice"):
        calibration_labels(root2, load_compact())
    root3 = _project(tmp_path / "three", [], {}, [], held={"new-1": "heldout"}, held_batch=_labels(["other"]))
    with pytest.raises(LabelFileError, match="not in the drawn sample"):
        heldout_labels(root3, load_compact())


def _names_used(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} | {
        a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names
    }


def test_only_the_evaluate_command_reads_the_held_out_labels():
    users = sorted(
        str(p.relative_to(ROOT))
        for p in (ROOT / "composer").rglob("*.py")
        if p.name != "split.py" and "heldout_labels" in _names_used(p)
    )
    assert users == ["composer/cli/trace_cmds.py"]
    # the calibration tool and the settings it writes into never see the held-out split
    for module in ("calibrate.py", "settings.py", "tracer.py", "lexical.py", "gap.py", "matching.py", "rerank.py", "crossval.py",
                   "gapmodel.py", "memory.py", "agreement.py"):
        assert "heldout" not in (ROOT / "composer" / "trace" / module).read_text("utf-8")


def test_ablation_is_refused_on_the_held_out_split(run_cli):
    result = run_cli("trace", "--evaluate", "--split", "heldout", "--ablate", "prior")
    assert result.code != 0 and "calibration split only" in result.err


def test_draw_is_deterministic_stratified_and_never_overwrites(small_project: Path):
    (small_project / "clauses" / "gcm-labels.yaml").write_text(
        "labels:\n" + LABEL.format(id="c1brief-rec4-information-on-rights"), encoding="utf-8"
    )
    first = draw_sample(small_project, target=4)
    assert first == draw_sample(small_project, target=4)
    drawn = yaml.safe_load(first)["sample"]
    assert [d["clause"] for d in drawn] == ["c1brief-rec7-media"]  # labelled clauses are never drawn
    target = small_project / "clauses" / "labels" / "sample.yaml"
    target.parent.mkdir()
    assert write_sample(small_project, target) == (1, sum(d["split"] == "heldout" for d in drawn))
    with pytest.raises(SampleExistsError):
        write_sample(small_project, target)


def test_draw_excludes_clauses_seen_in_an_earlier_round(small_project: Path):
    (small_project / "clauses" / "gcm-labels.yaml").write_text("labels: []\n", encoding="utf-8")
    everything = [d["clause"] for d in yaml.safe_load(draw_sample(small_project, target=4))["sample"]]
    assert sorted(everything) == ["c1brief-rec4-information-on-rights", "c1brief-rec7-media"]
    text = draw_sample(small_project, target=4, seed=7, exclude=frozenset({"c1brief-rec7-media"}), calibration_share=0.0,
                       batches=("c", "d"))
    drawn = yaml.safe_load(text)
    assert [d["clause"] for d in drawn["sample"]] == ["c1brief-rec4-information-on-rights"]
    assert [d["split"] for d in drawn["sample"]] == ["heldout"] and drawn["seed"] == 7
    assert "never labelled nor reviewed" in drawn["drawn_from"]


def test_confirm_labels_writes_the_held_out_labels_back(run_cli, small_project: Path):
    clauses = small_project / "clauses"
    (clauses / "gcm-labels.yaml").write_text("labels: []\n", encoding="utf-8")
    _sample(clauses / "labels" / "sample.yaml", {}, "a")
    _sample(clauses / HELDOUT_ROUND.sample, {"c1brief-rec7-media": "heldout"}, "f")
    (clauses / HELD / "batch-f.yaml").write_text(
        "labels:\n  - {clause: c1brief-rec7-media, best: para 33(c), gap: partial, why: media only}\n", encoding="utf-8"
    )
    result = run_cli("--library", str(small_project), "trace", "--confirm-labels")
    assert result.code == 0, result.err
    assert "1 confirmed link(s) written" in result.out
    written = {c["id"]: c.get("gcm") for c in yaml.safe_load((clauses / "test.yaml").read_text("utf-8"))["clauses"]}
    assert written["c1brief-rec7-media"] == {"refs": ["para 33(c)"], "gap": "partial", "confirmed": True, "why": "media only"}
    assert written["c1brief-rec4-information-on-rights"] is None


def test_evaluate_reports_the_held_out_round_beside_calibration(run_cli, small_project: Path):
    clauses = small_project / "clauses"
    (clauses / "gcm-labels.yaml").write_text(
        "labels:\n  - {clause: c1brief-rec4-information-on-rights, best: para 23(c), gap: same}\n", encoding="utf-8"
    )
    _sample(clauses / "labels" / "sample.yaml", {}, "a")
    _sample(clauses / HELDOUT_ROUND.sample, {"c1brief-rec7-media": "heldout"}, "f")
    (clauses / HELD / "batch-f.yaml").write_text(
        "labels:\n  - {clause: c1brief-rec7-media, best: para 33(c), gap: partial, why: media}\n", encoding="utf-8"
    )
    result = run_cli("--library", str(small_project), "trace", "--evaluate")
    assert result.code == 0, result.err
    calibration, heldout = result.out.split("== held-out (round 4): 1 labelled clauses")
    assert "== calibration: 1 labelled clauses" in calibration and "(1 labelled clauses in the library)" in calibration
    assert "strict P@1" in heldout and "(1 labelled clauses in the library)" in heldout


def test_both_splits_give_the_consensus_label_and_the_first_persons_on_request(tmp_path: Path):
    root = _project(
        tmp_path, ["base-1"], {"cal-1": "calibration"}, ["cal-1"],
        held={"new-1": "heldout"}, held_batch=_labels(["new-1"]),
    )
    second = root / "clauses" / "labels" / "second"
    decided = root / "clauses" / "labels" / "adjudicated"
    second.mkdir(parents=True)
    decided.mkdir(parents=True)
    other = "labels:\n  - {clause: cal-1, best: para 33(a), gap: partial, why: test}\n"
    (second / "round-1.yaml").write_text(other, encoding="utf-8")
    (second / HELD_GROUP).write_text(
        "labels:\n  - {clause: new-1, best: para 7, gap: same}\n", encoding="utf-8")
    (decided / HELD_GROUP).write_text(
        "labels:\n  - {clause: new-1, best: para 7, also: [para 33(c)], gap: same}\n", encoding="utf-8")
    compact = load_compact()
    calibration = {label.clause: label for label in calibration_labels(root, compact)}
    assert calibration["cal-1"].also == ("para 33(a)",)  # the two agree: both people's units
    assert calibration["base-1"].also == ()  # no second label: the first alone
    assert heldout_labels(root, compact)[0].best == "para 7"  # the third person's decision
    assert heldout_labels(root, compact, consensus=False)[0].best == "para 33(c)"
    assert calibration_labels(root, compact, consensus=False)[1].also == ()
