"""Drawing the trace evaluation sample: clauses not yet labelled, stratified by source and kind.

Why a fixed seed and a split drawn up front: the held-out figures of ``compose trace
--evaluate`` are only honest if nobody chose which clauses are easy, and if each clause's split
(calibration or held-out) was fixed before anyone labelled it. The draw is proportional to each
(source, kind) stratum; the same seeded generator then assigns splits and batches. Run with
``compose trace --draw-sample`` (formerly ``tools/draw_trace_sample.py``; same output).
"""

from __future__ import annotations

import random
from collections import defaultdict
from pathlib import Path

import yaml

from composer.atomic import write_atomic
from composer.errors import ComposerError

SEED = 20261201
TARGET = 240
CALIBRATION_SHARE = 1 / 3
BATCHES = ("a", "b")
HEADER = "# Written by tools/draw_trace_sample.py; do not edit by hand.\n"


class SampleExistsError(ComposerError):
    """The sample exists already: redrawing it after labelling began would void the split."""


def draw_sample(root: Path, target: int = TARGET, seed: int = SEED) -> str:
    """The sample file's text for the project at ``root`` (deterministic for the same clauses)."""
    root = Path(root)
    labelled = {entry["clause"] for entry in yaml.safe_load((root / "clauses/gcm-labels.yaml").read_text())["labels"]}
    strata: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in sorted((root / "clauses").glob("*.yaml")):
        data = yaml.safe_load(path.read_text())
        if not isinstance(data, dict) or "clauses" not in data:
            continue
        for clause in data["clauses"]:
            if clause["id"] not in labelled:
                strata[(data["source"], clause["kind"])].append(clause["id"])
    total = sum(len(ids) for ids in strata.values())
    rng = random.Random(seed)
    drawn: list[str] = []
    for key in sorted(strata):
        ids = sorted(strata[key])
        quota = round(target * len(ids) / total) if total else 0
        drawn.extend(rng.sample(ids, min(quota, len(ids))))
    rng.shuffle(drawn)
    entries = []
    for index, clause_id in enumerate(drawn):
        split = "calibration" if rng.random() < CALIBRATION_SHARE else "heldout"
        entries.append({"clause": clause_id, "split": split, "batch": BATCHES[index % len(BATCHES)]})
    out = {
        "seed": seed,
        "drawn_from": "clauses not in gcm-labels.yaml, proportional to (source, kind)",
        "sample": entries,
    }
    return HEADER + yaml.safe_dump(out, sort_keys=False, width=100)


def write_sample(root: Path, path: Path, force: bool = False) -> tuple[int, int]:
    """Write the drawn sample to ``path`` (refusing to replace one unless ``force``); (drawn, held out)."""
    if path.exists() and not force:
        raise SampleExistsError(
            f"{path} exists: labelling may have begun against it; redraw only with --force (it voids the split)"
        )
    text = draw_sample(root)
    write_atomic(path, text)
    entries = yaml.safe_load(text)["sample"]
    return len(entries), sum(e["split"] == "heldout" for e in entries)
