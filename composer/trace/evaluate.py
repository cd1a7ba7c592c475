"""Measuring a matcher against hand labels (the splits are :mod:`composer.trace.split`).

The headline number is precision at 1: of the labelled clauses that the compact does take up,
how many get a best unit the labeller accepts (``best`` or one of ``also``). Beside it:
paragraph-level precision (the right paragraph, perhaps another action of it), recall at 3,
and how often the gap label agrees, so a method that ranks well but grades badly shows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from composer.datafiles import yaml_error_line
from composer.errors import ComposerError
from composer.library.models import GAP_LABELS, GcmLink
from composer.library.yamlio import safe_load
from composer.trace.compact import Compact
from composer.trace.refs import parse_ref

LABELS_FILE = "gcm-labels.yaml"
LEGACY_STRENGTH = {"same": "same", "related": "partial", "none": "none"}


class LabelFileError(ComposerError):
    """The labelled sample cannot be read or names units the compact does not have."""


@dataclass(frozen=True)
class Label:
    """One hand label: the best unit (None if the compact does not take the clause up)."""

    clause: str
    best: str | None
    also: tuple[str, ...]
    gap: str
    why: str | None = None

    @property
    def accepted(self) -> tuple[str, ...]:
        return ((self.best,) if self.best else ()) + self.also


def read_label_yaml(path: Path, what: str) -> object:
    """A labels or sample file parsed; one LabelFileError line naming ``what`` and the file if not."""
    try:
        return safe_load(path.read_text("utf-8"))
    except OSError as exc:
        raise LabelFileError(f"cannot read {what} {path}: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise LabelFileError(f"{path}: not valid YAML ({yaml_error_line(exc)})") from None


def load_labels(path: Path, compact: Compact, allow_empty: bool = False) -> list[Label]:
    """Read and check the labels file: every reference must resolve in the compact.

    ``allow_empty``: a batch file being filled in may still have no labels (``labels:`` empty).
    """
    raw = read_label_yaml(path, "labels")
    items = raw.get("labels") if isinstance(raw, dict) else None
    if allow_empty and isinstance(raw, dict) and items is None:
        items = []
    if not isinstance(items, list):
        raise LabelFileError(f"{path}: expected a top-level `labels:` list")
    labels = []
    for index, item in enumerate(items, 1):
        where = f"{path}: label {index}"
        if not isinstance(item, dict) or "clause" not in item or not ("gap" in item or "strength" in item):
            raise LabelFileError(f"{where}: needs at least `clause` and `gap`")
        gap = str(item["gap"]) if "gap" in item else LEGACY_STRENGTH.get(str(item["strength"]), "?")
        if gap not in GAP_LABELS:
            raise LabelFileError(f"{where}: gap {gap!r} is not one of {', '.join(GAP_LABELS)}")
        best = item.get("best")
        if (best is None) != (gap == "none"):
            raise LabelFileError(f"{where}: `best` must be null exactly when gap is none")
        refs = [best, *(item.get("also") or [])] if best else []
        for ref in refs:
            try:
                compact.unit(str(ref))
            except ComposerError as exc:
                raise LabelFileError(f"{where} ({item['clause']}): {exc}") from None
        canonical = [str(parse_ref(str(r))) for r in refs]
        why = str(item["why"]) if item.get("why") else None
        labels.append(Label(str(item["clause"]), canonical[0] if canonical else None, tuple(canonical[1:]), gap, why))
    return labels


@dataclass
class Evaluation:
    """How one method did on the labelled sample."""

    method: str
    labelled: int = 0
    missing: list[str] = field(default_factory=list)
    traceable: int = 0
    hits_at_1: int = 0
    paragraph_hits_at_1: int = 0
    hits_at_3: int = 0
    gap_agree: int = 0
    exact_or_none: int = 0
    labelled_none: int = 0
    none_recognised: int = 0
    confusion: Counter = field(default_factory=Counter)
    misses: list[tuple[str, str, str]] = field(default_factory=list)
    gap_misses: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def none_recall(self) -> float:
        """Share of the clauses labelled ``none`` that the trace also calls ``none``."""
        return self.none_recognised / self.labelled_none if self.labelled_none else 0.0

    def figures(self) -> dict[str, float]:
        """The headline figures by name (strict P@1 = exact unit; paragraph P@1; recall@3; gap; none)."""
        return {
            "strict P@1": self.precision_at_1,
            "paragraph P@1": self.paragraph_precision_at_1,
            "recall@3": self.recall_at_3,
            "gap agreement": self.gap_accuracy,
            "none recognised": self.none_recall,
        }

    @property
    def precision_at_1(self) -> float:
        """Share of traceable labelled clauses whose best unit is one the labeller accepts."""
        return self.hits_at_1 / self.traceable if self.traceable else 0.0

    @property
    def paragraph_precision_at_1(self) -> float:
        return self.paragraph_hits_at_1 / self.traceable if self.traceable else 0.0

    @property
    def recall_at_3(self) -> float:
        return self.hits_at_3 / self.traceable if self.traceable else 0.0

    @property
    def gap_accuracy(self) -> float:
        scored = self.labelled - len(self.missing)
        return self.gap_agree / scored if scored else 0.0

    @property
    def end_to_end_accuracy(self) -> float:
        """Right unit (or rightly ``none``) over all labelled clauses: what a curator would see."""
        scored = self.labelled - len(self.missing)
        return self.exact_or_none / scored if scored else 0.0

    def summary(self) -> str:
        scored = self.labelled - len(self.missing)
        return (
            f"{self.method}: strict P@1 {self.precision_at_1:.2f} ({self.hits_at_1}/{self.traceable}), "
            f"paragraph P@1 {self.paragraph_precision_at_1:.2f}, recall@3 {self.recall_at_3:.2f}, "
            f"gap agreement {self.gap_accuracy:.2f}, none recognised {self.none_recall:.2f} "
            f"({self.none_recognised}/{self.labelled_none}), end-to-end {self.end_to_end_accuracy:.2f} "
            f"({scored} labelled clauses in the library"
            + (f", {len(self.missing)} labelled clause(s) not found" if self.missing else "")
            + ")"
        )


def evaluate(method: str, links: Mapping[str, GcmLink], labels: list[Label]) -> Evaluation:
    """Compare computed ``links`` (clause id -> link, refs best first) with the labels."""
    result = Evaluation(method, labelled=len(labels))
    for label in labels:
        link = links.get(label.clause)
        if link is None:
            result.missing.append(label.clause)
            continue
        predicted = link.gap
        result.confusion[(label.gap, predicted)] += 1
        result.gap_agree += predicted == label.gap
        if predicted != label.gap:
            result.gap_misses.append((label.clause, predicted, label.gap))
        top = link.refs[0] if link.refs else None
        if label.best is None:
            result.labelled_none += 1
            result.none_recognised += predicted == "none"
            result.exact_or_none += predicted == "none"
            continue
        result.traceable += 1
        accepted = set(label.accepted)
        hit = top in accepted
        result.hits_at_1 += hit
        result.exact_or_none += hit and predicted != "none"
        if top is not None and parse_ref(top).paragraph in {parse_ref(r).paragraph for r in accepted}:
            result.paragraph_hits_at_1 += 1
        result.hits_at_3 += bool(accepted & set(link.refs[:3]))
        if not hit:
            result.misses.append((label.clause, str(top), label.best))
    return result
