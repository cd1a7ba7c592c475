"""The evaluation split: which labelled clauses may tune the trace and which only test it.

Two sets of labels exist. ``clauses/gcm-labels.yaml`` (the first 70) and the ``calibration``
half of the drawn sample are the *calibration* split: thresholds and weights are chosen on
them. The ``heldout`` half of the sample (``clauses/labels/sample.yaml`` assigns every drawn
clause its split before anyone labels it; the blind labellers write ``labels/batch-*.yaml``)
is the *held-out* split: it is read by :func:`heldout_labels` only, and only
``compose trace --evaluate`` calls that, to report. Calibration code calls
:func:`calibration_labels`, which refuses a label file that would leak a held-out clause in.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from composer.trace.compact import Compact
from composer.trace.evaluate import LABELS_FILE, Label, LabelFileError, load_labels, read_label_yaml

SAMPLE_FILE = "labels/sample.yaml"
BATCH_GLOB = "labels/batch-*.yaml"
SPLITS = ("calibration", "heldout")


@dataclass(frozen=True)
class Draw:
    """One drawn clause: its split and the labelling batch it went to."""

    clause: str
    split: str
    batch: str


def load_sample(path: Path) -> dict[str, Draw]:
    """The drawn sample by clause id; LabelFileError if it is missing or malformed."""
    raw = read_label_yaml(path, "the evaluation sample")
    items = raw.get("sample") if isinstance(raw, dict) else None
    if not isinstance(items, list):
        raise LabelFileError(f"{path}: expected a top-level `sample:` list")
    draws: dict[str, Draw] = {}
    for number, item in enumerate(items, 1):
        if not isinstance(item, dict) or item.get("split") not in SPLITS or "clause" not in item:
            raise LabelFileError(f"{path}: entry {number} needs `clause` and `split` (calibration or heldout)")
        draws[str(item["clause"])] = Draw(str(item["clause"]), str(item["split"]), str(item.get("batch", "")))
    return draws


def _batch_labels(root: Path, compact: Compact, draws: dict[str, Draw], split: str) -> list[Label]:
    """Labels of the batch files whose clause was drawn into ``split`` (a label for a clause the
    sample does not hold is an error: nobody may add labels around the draw)."""
    out: list[Label] = []
    seen: dict[str, Path] = {}
    for path in sorted((root / "clauses").glob(BATCH_GLOB)):
        for label in load_labels(path, compact, allow_empty=True):
            draw = draws.get(label.clause)
            if draw is None:
                raise LabelFileError(f"{path}: {label.clause} is not in the drawn sample ({SAMPLE_FILE})")
            if label.clause in seen:
                raise LabelFileError(f"{path}: {label.clause} is labelled twice (also in {seen[label.clause].name})")
            seen[label.clause] = path
            if draw.split == split:
                out.append(label)
    return out


def calibration_labels(root: Path, compact: Compact) -> list[Label]:
    """The labels the trace may be tuned on: the first 70 and the sample's calibration half."""
    root = Path(root)
    draws = load_sample(root / "clauses" / SAMPLE_FILE)
    base = load_labels(root / "clauses" / LABELS_FILE, compact)
    leaked = [label.clause for label in base if label.clause in draws and draws[label.clause].split == "heldout"]
    if leaked:
        raise LabelFileError(f"clauses/{LABELS_FILE}: held-out clause(s) in the calibration labels: {', '.join(leaked)}")
    ids = {label.clause for label in base}
    extra = [label for label in _batch_labels(root, compact, draws, "calibration") if label.clause not in ids]
    return base + extra


def heldout_labels(root: Path, compact: Compact) -> list[Label]:
    """The held-out labels: for reporting by ``compose trace --evaluate`` only, never for tuning."""
    root = Path(root)
    draws = load_sample(root / "clauses" / SAMPLE_FILE)
    return _batch_labels(root, compact, draws, "heldout")


def person_labels(root: Path, compact: Compact) -> list[Label]:
    """Every label a person gave (the first 70 and both halves of the batches), to be written
    back as confirmed links once the evaluation has been reported (``--confirm-labels``)."""
    root = Path(root)
    draws = load_sample(root / "clauses" / SAMPLE_FILE)
    base = load_labels(root / "clauses" / LABELS_FILE, compact)
    ids = {label.clause for label in base}
    batches = [lb for split in SPLITS for lb in _batch_labels(root, compact, draws, split) if lb.clause not in ids]
    return base + batches
