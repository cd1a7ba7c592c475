"""``compose gcm show|list`` (the adopted compact as reference) and ``compose trace``."""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

import typer

from composer.cli.common import get_library, project_root
from composer.compact import COMPACT_SYMBOL

gcm_app = typer.Typer(help=f"The adopted Global Compact ({COMPACT_SYMBOL}) as agreed language.", no_args_is_help=True)


@gcm_app.command("show")
def gcm_show(refs: list[str] = typer.Argument(..., help='One or more references, e.g. "para 29(h)" or "para 15".')) -> None:
    """Print compact units with where they sit (objective, paragraph) and what they contain."""
    from composer.trace.compact import load_compact
    from composer.trace.document import unit_lines

    compact = load_compact()
    blocks = ["\n".join(unit_lines(compact, ref)) for ref in refs]
    print("\n\n".join(blocks))


@gcm_app.command("list")
def gcm_list(
    objective: int = typer.Option(None, "--objective", "-o", help="List this objective's commitment and actions."),
) -> None:
    """List the 23 objectives with their commitment paragraphs, or one objective's units."""
    from composer.trace.compact import load_compact

    compact = load_compact()
    if objective is None:
        for number, obj in compact.objectives.items():
            count = len(compact.actions(number))
            print(f"{number:>2}  para {obj.paragraph}  ({count} actions)  {obj.title}")
        return
    commitment = compact.commitment(objective)
    print(f"Objective {objective}: {compact.objective(objective).title}")
    print(f"{commitment.ref:<12} {_first_sentence(commitment.text)}")
    for unit in compact.actions(objective):
        print(f"{unit.ref:<12} {_first_sentence(unit.text)}")


def _first_sentence(text: str, limit: int = 110) -> str:
    line = text.splitlines()[0]
    return line if len(line) <= limit else line[: limit - 3] + "..."


def trace(
    update: bool = typer.Option(False, "--update", help="Recompute only new or changed clauses."),
    method: str = typer.Option("lexical", "--method", "-m", help="lexical (default) or embedding (optional extra)."),
    evaluate_: bool = typer.Option(
        False, "--evaluate", help="Measure the method on the labelled splits instead of writing the trace."
    ),
    split: str = typer.Option(
        "both", "--split", help="With --evaluate: calibration, heldout, or both (side by side)."
    ),
    ablate: list[str] = typer.Option(
        None, "--ablate", help="With --evaluate: switch off a matcher step (or 'all') and compare, on the calibration split."
    ),
    labels: Path = typer.Option(None, "--labels", help="With --evaluate: one labels file instead of the splits."),
    show_misses: bool = typer.Option(False, "--misses", help="With --evaluate: list the clauses it got wrong."),
    draw_sample: bool = typer.Option(
        False, "--draw-sample", help="Draw the evaluation sample into clauses/labels/sample.yaml (fixed seed)."
    ),
    force: bool = typer.Option(False, "--force", help="With --draw-sample: replace an existing sample."),
    confirm_labels: bool = typer.Option(
        False, "--confirm-labels", help="Write every person's label (the first 70 and every round, held-out included) into the clause files as confirmed links."
    ),
    confirm: Path = typer.Option(None, "--confirm", help="Write the confirmed links listed in this YAML file (`labels:` list)."),
    replace_confirmed: bool = typer.Option(
        False, "--replace", help="With --confirm-labels/--confirm: replace a clause's one-line confirmed link by the new label."
    ),
    agreement: bool = typer.Option(
        False, "--agreement", help="How far two people's blind labels of the same clauses agree, per labelling round."
    ),
) -> None:
    """Link every clause to its best units of the adopted compact and store the trace."""
    from composer.library.links import merge_trace
    from composer.library.models import GAP_LABELS
    from composer.trace.store import TraceStore, TraceStoreError, read_store, trace_path, write_store
    from composer.trace.tracer import update_trace

    if draw_sample:
        from composer.trace.sample import write_sample
        from composer.trace.split import SAMPLE_FILE

        target = project_root() / "clauses" / SAMPLE_FILE
        drawn, held = write_sample(project_root(), target, force=force)
        print(f"{drawn} drawn; {held} held out; wrote {target}")
        return
    if confirm_labels or confirm is not None:
        _confirm(confirm, replace_confirmed)
        return
    if agreement:
        _agreement()
        return
    started = time.perf_counter()
    library = get_library(strict=False)
    if library.errors:
        print(f"note: the library has {len(library.errors)} problem(s) (see `compose check`); "
              f"tracing the {len(library.clauses)} clauses that loaded", file=sys.stderr)
    if evaluate_:
        _evaluate(library, method, labels, split, ablate or [], show_misses)
        return
    path = trace_path(project_root())
    try:
        old = read_store(path)
    except TraceStoreError:
        if update:
            raise
        old = TraceStore()  # a full trace replaces an unreadable or old-format store
    store, report = update_trace(library, old, method, incremental=update)
    write_store(path, store)
    elapsed = time.perf_counter() - started
    merge_trace(store, library.clauses)  # what each clause now carries: a confirmed link wins
    gaps = Counter(c.gcm.gap for c in library.clauses if c.gcm is not None)
    print(report.summary())
    print(f"gap labels of the {sum(gaps.values())} clauses: " + ", ".join(f"{gaps[g]} {g}" for g in GAP_LABELS))
    print(f"wrote {path} in {elapsed:.2f} s")


def _evaluate(library: object, method: str, labels: Path | None, split: str, ablate: list[str], misses: bool) -> None:
    """Print the figures per split (calibration: the first 70, rounds 1 and 2; held-out: round 3);
    the held-out split is read here and nowhere else."""
    from composer.errors import UsageError
    from composer.trace.compact import load_compact as compact_loader
    from composer.trace.evaluate import load_labels
    from composer.trace.settings import ABLATIONS, TraceSettings
    from composer.trace.split import HELDOUT_ROUND, calibration_labels, heldout_labels

    compact = compact_loader()
    root = project_root()
    if split not in ("calibration", "heldout", "both"):
        raise UsageError(f"--split {split!r}: use calibration, heldout or both")
    if ablate and split != "calibration":
        raise UsageError("--ablate compares matcher steps on the calibration split only: add --split calibration")
    if labels is not None:
        sets = {labels.name: load_labels(labels, compact)}
    else:
        sets = {}
        if split in ("calibration", "both"):
            sets["calibration"] = calibration_labels(root, compact)
        if split in ("heldout", "both"):
            sets[f"held-out ({HELDOUT_ROUND.name})"] = heldout_labels(root, compact)
            sets[f"held-out ({HELDOUT_ROUND.name}), the first person's labels alone"] = heldout_labels(
                root, compact, consensus=False)
    steps = list(ABLATIONS) if ablate == ["all"] else ablate
    variants = [("all steps", TraceSettings())] + [(f"without {s}", TraceSettings().without(s)) for s in steps]
    memory = _calibration_memory(library, compact, root)
    for name, labelled in sets.items():
        print(f"== {name}: {len(labelled)} labelled clauses")
        for title, settings in variants:
            result = _run(library, method, compact, labelled, settings, memory)
            print(f"{title:<30} {result.summary()}")
            if misses and title == "all steps":
                _print_misses(result)


def _agreement() -> None:
    """Print the first and second labellers' agreement per group and over all, with the gap table."""
    from composer.trace.agreement import agreement, confusion_table
    from composer.trace.compact import load_compact as compact_loader
    from composer.trace.split import relabelled_groups

    groups = relabelled_groups(project_root(), compact_loader())
    results = {name: agreement(first, second) for name, (first, second) in groups.items()}
    every_first = [label for first, _ in groups.values() for label in first]
    every_second = {k: v for _, second in groups.values() for k, v in second.items()}
    results["all"] = overall = agreement(every_first, every_second)
    names = [name for name, _ in overall.rows()]
    print("| group | " + " | ".join(names) + " |")
    print("| --- |" + " --- |" * len(names))
    for group, result in results.items():
        print(f"| {group} | " + " | ".join(value for _, value in result.rows()) + " |")
    print()
    print("\n".join(confusion_table(overall)))


def _confirm(path: Path | None, replace: bool = False) -> None:
    """Person-checked labels into the clause files (run under flock where others edit them)."""
    from composer.library.loader import load_library
    from composer.trace.compact import load_compact as compact_loader
    from composer.trace.confirm import Confirmation, write_confirmations
    from composer.trace.evaluate import load_labels
    from composer.trace.split import person_labels

    root = project_root()
    compact = compact_loader()
    labels = load_labels(path, compact) if path is not None else person_labels(root, compact)
    library = load_library(root)
    files = {c.id: root / c.file for c in library.clauses}
    items = [Confirmation(lb.clause, lb.accepted, lb.gap, lb.why) for lb in labels]
    print(write_confirmations(files, items, replace).summary())


def _calibration_memory(library: object, compact: object, root: Path) -> object:
    """What an evaluation may remember: the calibration labels only (never a held-out clause's
    own label, which sits in its clause file as a confirmed link once reported)."""
    from composer.trace.matching import matchable_units
    from composer.trace.memory import LinkMemory
    from composer.trace.split import calibration_labels

    return LinkMemory.from_labels(library.clauses, calibration_labels(root, compact), matchable_units(compact))  # type: ignore[attr-defined, arg-type]


def _run(library: object, method: str, compact: object, labelled: list, settings: object, memory: object = None) -> object:
    from composer.trace.evaluate import evaluate
    from composer.trace.tracer import compute_links, make_matcher

    wanted = {label.clause for label in labelled}
    clauses = [c for c in library.clauses if c.id in wanted]  # type: ignore[attr-defined]
    matcher = make_matcher(method, compact, settings)  # type: ignore[arg-type]
    links = {cid: link.to_link() for cid, link in compute_links(matcher, compact, clauses, settings, memory=memory).items()}  # type: ignore[arg-type]
    return evaluate(method, links, labelled)


def _print_misses(result: object) -> None:
    for clause_id, got, wanted_ref in result.misses:  # type: ignore[attr-defined]
        print(f"  unit {clause_id}: got {got}, labelled {wanted_ref}")
    for clause_id, got, wanted_gap in result.gap_misses:  # type: ignore[attr-defined]
        print(f"  gap  {clause_id}: got {got}, labelled {wanted_gap}")


def register(app: typer.Typer) -> None:
    """Add ``gcm`` and ``trace`` to the ``compose`` app."""
    app.add_typer(gcm_app, name="gcm")
    app.command("trace")(trace)
