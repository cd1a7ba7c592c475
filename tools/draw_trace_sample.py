"""Draw the trace evaluation sample: clauses not yet labelled, stratified by source and kind.

Why a script and a fixed seed: the held-out figures of `compose trace --evaluate` are only
honest if nobody chose which clauses are easy. The draw is proportional to each
(source, kind) stratum, with a fixed seed, and each drawn clause is assigned to the
calibration or the held-out split by the same seeded generator before anyone labels it.
Run: python tools/draw_trace_sample.py  (writes clauses/labels/sample.yaml)
"""

from __future__ import annotations

import random
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261201
TARGET = 240
CALIBRATION_SHARE = 1 / 3
BATCHES = ("a", "b")


def main() -> None:
    labelled = {
        entry["clause"]
        for entry in yaml.safe_load((ROOT / "clauses/gcm-labels.yaml").read_text())["labels"]
    }
    strata: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in sorted((ROOT / "clauses").glob("*.yaml")):
        data = yaml.safe_load(path.read_text())
        if not isinstance(data, dict) or "clauses" not in data:
            continue
        for clause in data["clauses"]:
            if clause["id"] not in labelled:
                strata[(data["source"], clause["kind"])].append(clause["id"])
    total = sum(len(ids) for ids in strata.values())
    rng = random.Random(SEED)
    drawn: list[str] = []
    for key in sorted(strata):
        ids = sorted(strata[key])
        quota = round(TARGET * len(ids) / total)
        drawn.extend(rng.sample(ids, min(quota, len(ids))))
    rng.shuffle(drawn)
    entries = []
    for index, clause_id in enumerate(drawn):
        split = "calibration" if rng.random() < CALIBRATION_SHARE else "heldout"
        entries.append({"clause": clause_id, "split": split, "batch": BATCHES[index % len(BATCHES)]})
    out = {
        "seed": SEED,
        "drawn_from": "clauses not in gcm-labels.yaml, proportional to (source, kind)",
        "sample": entries,
    }
    (ROOT / "clauses/labels/sample.yaml").write_text(
        "# Written by tools/draw_trace_sample.py; do not edit by hand.\n"
        + yaml.safe_dump(out, sort_keys=False, width=100)
    )
    print(len(entries), "drawn;", sum(e["split"] == "heldout" for e in entries), "held out")


if __name__ == "__main__":
    main()
