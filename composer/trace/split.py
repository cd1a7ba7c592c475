"""The evaluation split: which labelled clauses may tune the trace and which only test it.

Labels come in *rounds*. A round is a drawn sample (``sample.yaml``, every drawn clause's split
fixed before anyone labelled it) and the blind labellers' batch files beside it. Once a round's
held-out half has been scored by ``compose trace --evaluate`` and the matcher changed after, it
is no longer held out, so a later round draws a fresh held-out set from clauses nobody has
labelled or reviewed and the earlier round joins calibration whole (see :data:`ROUNDS`).

* *Calibration*: ``clauses/gcm-labels.yaml`` (the first 70) and every label of a calibration
  round (round 1: ``labels/batch-*.yaml``, both halves; round 2: ``labels/round-2/batch-*.yaml``,
  scored once as held-out and joined calibration after). Read by :func:`calibration_labels`,
  which never opens a held-out round's batch files (it reads that round's sample only, to refuse
  a calibration label for a clause drawn into the held-out set).
* *Held-out*: every label of the held-out round (round 3: ``labels/round-3/batch-*.yaml``). Read
  by :func:`heldout_labels` only, and only ``compose trace --evaluate`` calls that, to report.

Every labelled clause was labelled a second time, blind, and a third person decided where the
two disagreed (``labels/second/<group>.yaml``, ``labels/adjudicated/<group>.yaml``, one file per
group: the first 70, each round, the cluster 1 review). By default both splits give the
*consensus* label (:func:`composer.trace.agreement.consensus`); ``consensus=False`` gives the
first person's label alone, the label each round was first reported against. The second and
adjudicated files of a held-out round are opened by :func:`heldout_labels` only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from composer.trace.agreement import consensus as consensus_of
from composer.trace.compact import Compact
from composer.trace.evaluate import LABELS_FILE, Label, LabelFileError, load_labels, read_label_yaml

SPLITS = ("calibration", "heldout")
REVIEW_GLOB = "labels/*-review.yaml"
REVIEW_FILE = "labels/cluster1-review.yaml"


@dataclass(frozen=True)
class Relabel:
    """Where a group's second labels and third-person decisions live (paths under ``clauses/``)."""

    second: str
    adjudicated: str

    @classmethod
    def of(cls, group: str) -> Relabel:
        return cls(f"labels/second/{group}.yaml", f"labels/adjudicated/{group}.yaml")


@dataclass(frozen=True)
class LabelRound:
    """One labelling round's files (paths under ``clauses/``) and the split its labels serve."""

    name: str
    sample: str
    batches: str
    split: str  # "calibration" (tunes the trace) or "heldout" (reported by --evaluate only)

    @property
    def relabel(self) -> Relabel:
        return Relabel.of(self.name.replace(" ", "-"))


ROUNDS = (
    LabelRound("round 1", "labels/sample.yaml", "labels/batch-*.yaml", "calibration"),
    LabelRound("round 2", "labels/round-2/sample.yaml", "labels/round-2/batch-*.yaml", "calibration"),
    LabelRound("round 3", "labels/round-3/sample.yaml", "labels/round-3/batch-*.yaml", "calibration"),
    LabelRound("round 4", "labels/round-4/sample.yaml", "labels/round-4/batch-*.yaml", "heldout"),
)
FIRST_RELABEL = Relabel.of("first-70")
REVIEW_RELABEL = Relabel.of("review")
SAMPLE_FILE = ROUNDS[0].sample  # where ``compose trace --draw-sample`` writes the first round
HELDOUT_ROUND = next(r for r in ROUNDS if r.split == "heldout")


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


def _draws(root: Path, labels_round: LabelRound) -> dict[str, Draw]:
    """A round's sample; an absent sample is an empty round (a project that never drew one)."""
    path = root / "clauses" / labels_round.sample
    return load_sample(path) if path.exists() else {}


def _round_labels(root: Path, compact: Compact, labels_round: LabelRound) -> list[Label]:
    """Every label of one round's batch files (a label for a clause its sample does not hold is
    an error: nobody may add labels around the draw; so is a clause labelled twice)."""
    draws = _draws(root, labels_round)
    out: list[Label] = []
    seen: dict[str, Path] = {}
    for path in sorted((root / "clauses").glob(labels_round.batches)):
        for label in load_labels(path, compact, allow_empty=True):
            if label.clause not in draws:
                raise LabelFileError(f"{path}: {label.clause} is not in the drawn sample (clauses/{labels_round.sample})")
            if label.clause in seen:
                raise LabelFileError(f"{path}: {label.clause} is labelled twice (also in {seen[label.clause].name})")
            seen[label.clause] = path
            out.append(label)
    return out


def _by_clause(root: Path, compact: Compact, relative: str) -> dict[str, Label]:
    """The labels of one file by clause id (an absent file is empty: a project labelled once)."""
    path = root / "clauses" / relative
    return {label.clause: label for label in load_labels(path, compact, allow_empty=True)} if path.exists() else {}


def with_consensus(root: Path, compact: Compact, first: list[Label], relabel: Relabel) -> list[Label]:
    """``first`` with each clause's consensus label (see :mod:`composer.trace.agreement`)."""
    return consensus_of(first, _by_clause(root, compact, relabel.second), _by_clause(root, compact, relabel.adjudicated))


def second_labels(root: Path, compact: Compact, relabel: Relabel) -> dict[str, Label]:
    """A group's second, blind labels by clause id (for the agreement figures)."""
    return _by_clause(Path(root), compact, relabel.second)


def _labels_of_round(root: Path, compact: Compact, labels_round: LabelRound, consensus: bool) -> list[Label]:
    """One round's labels: their consensus labels, or the first person's alone."""
    first = _round_labels(root, compact, labels_round)
    return with_consensus(root, compact, first, labels_round.relabel) if consensus else first


def _merge(base: list[Label], more: list[Label]) -> list[Label]:
    ids = {label.clause for label in base}
    return base + [label for label in more if label.clause not in ids]


def calibration_labels(root: Path, compact: Compact, consensus: bool = True) -> list[Label]:
    """The labels the trace may be tuned on: the first 70 and every calibration round's labels
    (their consensus labels, or with ``consensus=False`` the first person's).

    Never opens a held-out round's files; refuses a label for a clause drawn into one."""
    root = Path(root)
    labels = load_labels(root / "clauses" / LABELS_FILE, compact)
    if consensus:
        labels = with_consensus(root, compact, labels, FIRST_RELABEL)
    for labels_round in ROUNDS:
        if labels_round.split == "calibration":
            labels = _merge(labels, _labels_of_round(root, compact, labels_round, consensus))
    for labels_round in ROUNDS:
        if labels_round.split == "heldout":
            drawn = _draws(root, labels_round)
            leaked = [label.clause for label in labels if label.clause in drawn]
            if leaked:
                raise LabelFileError(
                    f"held-out clause(s) of {labels_round.name} in the calibration labels: {', '.join(leaked)}"
                )
    return labels


def heldout_labels(root: Path, compact: Compact, consensus: bool = True) -> list[Label]:
    """The held-out labels: for reporting by ``compose trace --evaluate`` only, never for tuning."""
    root = Path(root)
    out: list[Label] = []
    for labels_round in ROUNDS:
        if labels_round.split == "heldout":
            out = _merge(out, _labels_of_round(root, compact, labels_round, consensus))
    return out


def _groups(root: Path, compact: Compact) -> list[tuple[str, list[Label], Relabel]]:
    """Every group of first labels (the first 70, each round, the cluster 1 review) with where its
    second labels and decisions live."""
    groups = [("the first 70", load_labels(root / "clauses" / LABELS_FILE, compact), FIRST_RELABEL)]
    groups += [(r.name, _round_labels(root, compact, r), r.relabel) for r in ROUNDS]
    review = root / "clauses" / REVIEW_FILE
    if review.exists():
        groups.append(("cluster 1 review", load_labels(review, compact), REVIEW_RELABEL))
    return groups


def person_labels(root: Path, compact: Compact) -> list[Label]:
    """Every clause's consensus label (the first 70, every round, held-out included, and the
    cluster 1 review), to be written back as confirmed links once the evaluation has been
    reported (``--confirm-labels``)."""
    root = Path(root)
    labels: list[Label] = []
    for _, first, relabel in _groups(root, compact):
        labels = _merge(labels, with_consensus(root, compact, first, relabel))
    return labels


def relabelled_groups(root: Path, compact: Compact) -> dict[str, tuple[list[Label], dict[str, Label]]]:
    """Per group: the first labels and the second ones, for ``compose trace --agreement``."""
    root = Path(root)
    return {name: (first, second_labels(root, compact, relabel)) for name, first, relabel in _groups(root, compact)}


def seen_before(root: Path, compact: Compact, labels_round: LabelRound) -> frozenset[str]:
    """Clauses a person has seen before ``labels_round``: labelled (the first 70, the labels of
    every earlier round), drawn into an earlier round's sample, or reviewed (``labels/*-review.yaml``,
    where the reviewer saw the matcher's answer). A new round's draw must exclude them all."""
    root = Path(root)
    seen = {label.clause for label in load_labels(root / "clauses" / LABELS_FILE, compact)}
    for earlier in ROUNDS[: ROUNDS.index(labels_round)]:
        seen |= set(_draws(root, earlier))
        seen |= {label.clause for label in _round_labels(root, compact, earlier)}
    for path in sorted((root / "clauses").glob(REVIEW_GLOB)):
        seen |= {label.clause for label in load_labels(path, compact)}
    return frozenset(seen)
