"""The evaluation split: no held-out clause is ever used to calibrate the trace."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import yaml

from composer.trace.compact import load_compact
from composer.trace.evaluate import LabelFileError
from composer.trace.sample import SampleExistsError, draw_sample, write_sample
from composer.trace.split import calibration_labels, heldout_labels, load_sample

ROOT = Path(__file__).resolve().parent.parent
LABEL = "  - {{clause: {id}, best: para 33(c), gap: partial, why: test}}\n"


def _project(tmp_path: Path, base: list[str], sample: dict[str, str], batch: list[str]) -> Path:
    (tmp_path / "clauses" / "labels").mkdir(parents=True)
    (tmp_path / "clauses" / "gcm-labels.yaml").write_text(
        "labels:\n" + ("".join(LABEL.format(id=i) for i in base) or "  []\n"), encoding="utf-8"
    )
    entries = [{"clause": c, "split": s, "batch": "a"} for c, s in sample.items()]
    (tmp_path / "clauses" / "labels" / "sample.yaml").write_text(yaml.safe_dump({"sample": entries}), encoding="utf-8")
    (tmp_path / "clauses" / "labels" / "batch-a.yaml").write_text(
        "labels:\n" + "".join(LABEL.format(id=i) for i in batch), encoding="utf-8"
    )
    return tmp_path


def test_the_project_splits_are_disjoint_and_follow_the_draw():
    compact = load_compact()
    draws = load_sample(ROOT / "clauses" / "labels" / "sample.yaml")
    calibration = {label.clause for label in calibration_labels(ROOT, compact)}
    heldout = {label.clause for label in heldout_labels(ROOT, compact)}
    assert not calibration & heldout
    assert all(draws[c].split == "heldout" for c in heldout)
    assert all(c not in draws or draws[c].split == "calibration" for c in calibration)
    assert sum(d.split == "heldout" for d in draws.values()) >= 150


def test_calibration_takes_only_the_calibration_half_of_the_batches(tmp_path: Path):
    root = _project(tmp_path, ["base-1"], {"cal-1": "calibration", "held-1": "heldout"}, ["cal-1", "held-1"])
    compact = load_compact()
    assert [label.clause for label in calibration_labels(root, compact)] == ["base-1", "cal-1"]
    assert [label.clause for label in heldout_labels(root, compact)] == ["held-1"]


def test_a_held_out_clause_in_the_calibration_labels_is_refused(tmp_path: Path):
    root = _project(tmp_path, ["base-1", "held-1"], {"held-1": "heldout"}, [])
    with pytest.raises(LabelFileError, match="held-out clause"):
        calibration_labels(root, load_compact())


def test_labels_outside_the_draw_or_twice_are_refused(tmp_path: Path):
    root = _project(tmp_path, [], {"cal-1": "calibration"}, ["cal-1", "stray"])
    with pytest.raises(LabelFileError, match="not in the drawn sample"):
        calibration_labels(root, load_compact())
    root2 = _project(tmp_path / "two", [], {"cal-1": "calibration"}, ["cal-1", "cal-1"])
    with pytest.raises(LabelFileError, match="labelled twice"):
        calibration_labels(root2, load_compact())


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
    for module in ("calibrate.py", "settings.py", "tracer.py", "lexical.py", "gap.py", "matching.py", "rerank.py", "crossval.py"):
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
