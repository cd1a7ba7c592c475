"""Choosing the trace's settings on the calibration split (never on held-out labels).

``python -m composer.trace.calibrate`` evaluates a small grid of settings on
:func:`composer.trace.split.calibration_labels` and prints them best first; the chosen values
are then written into :mod:`composer.trace.settings` by hand, with the figure they gave. This
module has no way to read the held-out labels (a test checks it never imports them).
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from composer.library.loader import load_library
from composer.trace.compact import load_compact
from composer.trace.evaluate import Evaluation, Label, evaluate
from composer.trace.gap import GapSettings
from composer.trace.matching import ClauseQuery, Ranker, matchable_units
from composer.trace.settings import TraceSettings
from composer.trace.split import calibration_labels
from composer.trace.tracer import compute_links, judge_link, make_matcher

if TYPE_CHECKING:
    from composer.trace.crossval import Fitter


def score(root: Path, settings: TraceSettings, labels: list[Label], clauses: list) -> Evaluation:
    compact = load_compact()
    matcher = make_matcher("lexical", compact, settings)
    links = {k: v.to_link() for k, v in compute_links(matcher, compact, clauses, settings).items()}
    return evaluate("lexical", links, labels)


def grid(base: TraceSettings, spec: dict[str, Iterable[object]]) -> list[TraceSettings]:
    """Settings for every combination in ``spec`` ("lexical.bm25": [...], "prior.primary": [...])."""
    names = list(spec)
    out = []
    for values in itertools.product(*(list(spec[n]) for n in names)):
        settings = base
        for name, value in zip(names, values, strict=True):
            part, key = name.split(".")
            settings = replace(settings, **{part: replace(getattr(settings, part), **{key: value})})
        out.append(settings)
    return out


def gap_grid(root: Path, labels: list[Label], clauses: list, spec: dict[str, Iterable[object]]) -> list[tuple[float, GapSettings]]:
    """Gap agreement for each combination of gap settings (the ranking is computed once)."""
    compact = load_compact()
    base = TraceSettings()
    matcher = make_matcher("lexical", compact, base)
    units = matchable_units(compact)
    index = {u.ref: i for i, u in enumerate(units)}
    queries = [ClauseQuery.from_clause(c) for c in clauses]
    ranked = Ranker(matcher, units, base.rank).rank(queries)
    whole = "\n".join(u.text for u in units)
    wanted = {label.clause: label.gap for label in labels}
    out = []
    names = list(spec)
    for values in itertools.product(*(list(spec[n]) for n in names)):
        gap = replace(base.gap, **dict(zip(names, values, strict=True)))
        settings = replace(base, gap=gap)
        agree = sum(
            judge_link(q, c, units, index, matcher, whole, settings).gap == wanted[q.id]  # type: ignore[arg-type]
            for q, c in zip(queries, ranked, strict=True)
        )
        out.append((agree / len(queries), gap))
    return sorted(out, key=lambda r: -r[0])


def cross_validate(labels: list[Label], clauses: list, write: bool, method: str = "lexical", nested: bool = False) -> int:
    """Out-of-fold figures of every learned step tried, one row each, beside the hand-set ranking
    (in-sample); with ``write``, the re-ranker and the gap labeller fitted on the whole calibration
    split go to ``composer/data/gcm-rerank.yaml`` and ``gcm-gap-model.yaml``."""
    from composer.trace.crossval import FitOptions, Fitter, GapOptions

    fitter = Fitter(load_compact(), clauses, labels, TraceSettings(), method=method)
    feature_set = getattr(fitter.matcher, "feature_set", "lexical")
    rows: list[tuple[str, Evaluation]] = [("hand-set ranking, gap rules (in-sample)", fitter.hand_set())]
    rows.append(("learned re-ranker, gap rules", fitter.out_of_fold(FitOptions(none=False))))
    rows.append(("learned re-ranker + none classifier (learned-1's)", fitter.out_of_fold(FitOptions(none=True))))
    choices = {
        "learned re-ranker + gap labeller (l2 0.03)": GapOptions(),
        "learned re-ranker + gap labeller (l2 0.01)": GapOptions(l2=0.01),
        "learned re-ranker + gap labeller (l2 0.1)": GapOptions(l2=0.1),
        "learned re-ranker + gap labeller (none weighted x2)": GapOptions(none_weight=2.0),
        "learned re-ranker + gap labeller (weaker weighted x2)": GapOptions(weaker_weight=2.0),
    }
    for title, gap in choices.items():
        rows.append((title, fitter.out_of_fold_gap(FitOptions(none=False), gap)))
    # the same without the memory of checked links (lexical-9's ranking and labeller, refitted)
    plain = Fitter(load_compact(), clauses, labels, TraceSettings().without("memory"), method=method)
    for title, gap in (("no memory + gap labeller (l2 0.03)", GapOptions()),
                       ("no memory, learned re-ranker, gap rules", None)):
        rows.append((title, plain.out_of_fold_gap(FitOptions(none=False), gap) if gap is not None
                     else plain.out_of_fold(FitOptions(none=False))))
    if nested:
        rows.append(("gap labeller, option chosen by inner 4-fold CV (nested)",
                     fitter.nested_gap(FitOptions(none=False), list(choices.values()))))
    print("| step | strict P@1 | paragraph P@1 | recall@3 | gap | `none` |")
    print("| --- | --- | --- | --- | --- | --- |")
    for title, result in rows:
        print(f"| {title} | {result.precision_at_1:.2f} ({result.hits_at_1}/{result.traceable}) | "
              f"{result.paragraph_precision_at_1:.2f} | {result.recall_at_3:.2f} | {result.gap_accuracy:.2f} "
              f"({result.gap_agree}/{result.labelled - len(result.missing)}) | "
              f"{result.none_recognised}/{result.labelled_none} |")
    if write:
        write_fitted(fitter, feature_set)
    return 0


RERANK_VERSION = "learned-5"  # the fitted files' versions (see MATCHER_VERSION in composer.trace.settings)
GAP_VERSION = "gap-4"


def write_fitted(fitter: Fitter, feature_set: str) -> None:
    """The re-ranker and the gap labeller fitted on the whole calibration split, into
    ``composer/data/gcm-rerank*.yaml`` and ``gcm-gap-model*.yaml``."""
    from composer.trace.crossval import FitOptions, GapOptions
    from composer.trace.gapmodel import GAP_MODEL_FILES
    from composer.trace.rerank import FEATURE_SETS, RERANK_FILES

    ids = [c.id for c in fitter.clauses]
    model = fitter.fit(ids, FitOptions(none=False))
    labeller = fitter.gap_model(ids, model, GapOptions())
    data = Path(__file__).resolve().parents[1] / "data"
    body = f"version: {RERANK_VERSION}\nunit_weights:\n" + "".join(
        f"  {n}: {w:.6f}\n" for n, w in zip(FEATURE_SETS[feature_set], model.unit_weights, strict=True))
    header = (f"# Fitted by `python -m composer.trace.calibrate --fit` on the calibration split only "
              f"({len(ids)} consensus labels); see docs/trace-labels.md for the out-of-fold figures.\n")
    rerank_file, gap_file = data / RERANK_FILES[feature_set], data / GAP_MODEL_FILES[feature_set]
    rerank_file.write_text(header + body, encoding="utf-8")
    gap_file.write_text(replace(labeller, version=GAP_VERSION).to_yaml(header), encoding="utf-8")
    print(f"fitted on {len(ids)} calibration clauses; wrote {rerank_file} and {gap_file}")


def main(argv: list[str] | None = None) -> int:
    root = Path(next((a for a in argv or [] if not a.startswith("--")), "."))
    labels = calibration_labels(root, load_compact())
    wanted = {label.clause for label in labels}
    clauses = [c for c in load_library(root).clauses if c.id in wanted]
    if "--cv" in (argv or []) or "--fit" in (argv or []):
        method = "embedding" if "--embedding" in (argv or []) else "lexical"
        return cross_validate(labels, clauses, write="--fit" in (argv or []), method=method, nested="--nested" in (argv or []))
    if "--gap" in (argv or []):
        spec_gap = {"none_below": [0.1, 0.15], "partial_below": [0.1, 0.2, 0.3],
                    "force_margin": [2, 3], "stronger_margin": [3, 4, 5]}
        for agree, gap in gap_grid(root, labels, clauses, spec_gap)[:8]:
            print(f"{agree:.3f}", gap)
        return 0
    spec = {
        "prior.primary": [0.2, 0.3, 0.45],
        "prior.broad_scale": [0.0, 0.5, 1.0],
        "lexical.coverage": [0.0, 0.3],
        "rank.prefer_paragraph": [0.8, 0.9],
    }
    results = []
    for settings in grid(TraceSettings(), spec):
        settings = replace(settings, prior=replace(settings.prior, secondary=settings.prior.primary / 2), lexical=replace(settings.lexical, phrase=0.0))
        result = score(root, settings, labels, clauses)
        results.append((result.precision_at_1 + result.paragraph_precision_at_1, result, settings))
    results.sort(key=lambda r: -r[0])
    for _, result, settings in results[:6]:
        print(result.summary(), settings.prior, settings.lexical, settings.rank, sep="\n  ")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
