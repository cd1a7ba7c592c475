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
from dataclasses import dataclass
from pathlib import Path

import yaml

from composer.atomic import write_atomic
from composer.errors import ComposerError

SEED = 20261201
TARGET = 240
CALIBRATION_SHARE = 1 / 3
BATCHES = ("a", "b")
HEADER = "# Written by tools/draw_trace_sample.py; do not edit by hand.\n"


@dataclass(frozen=True)
class Round:
    """One labelling round: how many clauses, which seed, what share goes to calibration.

    Why rounds: once a held-out set has been scored by ``--evaluate`` and the matcher changed
    afterwards, it is no longer held out. A later round draws a fresh held-out set from clauses
    nobody has labelled or reviewed, and the earlier round's held-out half joins calibration.
    """

    target: int
    seed: int
    calibration_share: float
    batches: tuple[str, ...]
    header: str


FIRST_ROUND = Round(TARGET, SEED, CALIBRATION_SHARE, BATCHES, HEADER)
SECOND_ROUND = Round(
    200,
    20261202,
    0.0,
    ("c", "d"),
    "# Round 2 of the trace evaluation sample (composer.trace.sample.SECOND_ROUND); do not edit by hand.\n",
)
#: Round 3 takes every clause left: after round 2 was scored once, only 93 clauses were never
#: labelled, drawn or reviewed, so the third held-out set is all of them (the quotas of the
#: proportional draw then equal the strata).
THIRD_ROUND = Round(
    93,
    20261203,
    0.0,
    ("e",),
    "# Round 3 of the trace evaluation sample (composer.trace.sample.THIRD_ROUND); do not edit by hand.\n",
)


#: Round 4 takes every clause left as well: after round 3 was scored and the library labelled
#: whole, the only clauses nobody had labelled, drawn or reviewed were those curated afterwards
#: from the stretches of the seeds the first curation left uncovered (``clauses/*-additions.yaml``).
FOURTH_ROUND = Round(
    59,  # every clause curated after round 3 (the additions files), so the quotas equal the strata
    20261204,
    0.0,
    ("f",),
    "# Round 4 of the trace evaluation sample (composer.trace.sample.FOURTH_ROUND); do not edit by hand.\n",
)


class SampleExistsError(ComposerError):
    """The sample exists already: redrawing it after labelling began would void the split."""


def draw_sample(
    root: Path,
    target: int = TARGET,
    seed: int = SEED,
    exclude: frozenset[str] = frozenset(),
    calibration_share: float = CALIBRATION_SHARE,
    batches: tuple[str, ...] = BATCHES,
    header: str = HEADER,
) -> str:
    """The sample file's text for the project at ``root`` (deterministic for the same clauses).

    ``exclude`` names clauses already labelled or reviewed in an earlier round: a person has
    seen them (and, for reviews, the matcher's answer), so they cannot be drawn again.
    """
    root = Path(root)
    labelled = {entry["clause"] for entry in yaml.safe_load((root / "clauses/gcm-labels.yaml").read_text())["labels"]}
    labelled |= exclude
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
        split = "calibration" if rng.random() < calibration_share else "heldout"
        entries.append({"clause": clause_id, "split": split, "batch": batches[index % len(batches)]})
    drawn_from = "clauses not in gcm-labels.yaml, proportional to (source, kind)"
    if exclude:
        drawn_from = "clauses never labelled nor reviewed in an earlier round, proportional to (source, kind)"
    out = {"seed": seed, "drawn_from": drawn_from, "sample": entries}
    return header + yaml.safe_dump(out, sort_keys=False, width=100)


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
