"""``compose gcm show|list`` (the adopted compact as reference) and ``compose trace``."""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

import typer

from composer.cli.common import get_library, project_root
from composer.trace.compact import COMPACT_SYMBOL, load_compact
from composer.trace.document import unit_lines

gcm_app = typer.Typer(help=f"The adopted Global Compact ({COMPACT_SYMBOL}) as agreed language.", no_args_is_help=True)


@gcm_app.command("show")
def gcm_show(refs: list[str] = typer.Argument(..., help='One or more references, e.g. "para 29(h)" or "para 15".')) -> None:
    """Print compact units with where they sit (objective, paragraph) and what they contain."""
    compact = load_compact()
    blocks = ["\n".join(unit_lines(compact, ref)) for ref in refs]
    print("\n\n".join(blocks))


@gcm_app.command("list")
def gcm_list(
    objective: int = typer.Option(None, "--objective", "-o", help="List this objective's commitment and actions."),
) -> None:
    """List the 23 objectives with their commitment paragraphs, or one objective's units."""
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
        False, "--evaluate", help="Measure the method on the labelled sample instead of writing the trace."
    ),
    labels: Path = typer.Option(None, "--labels", help="Labelled sample (default: clauses/gcm-labels.yaml)."),
    show_misses: bool = typer.Option(False, "--misses", help="With --evaluate: list the clauses it got wrong."),
) -> None:
    """Link every clause to its best units of the adopted compact and store the trace."""
    from composer.library.models import GAP_LABELS
    from composer.trace.store import TraceStore, TraceStoreError, read_store, trace_path, write_store
    from composer.trace.tracer import update_trace

    started = time.perf_counter()
    library = get_library(strict=False)
    if library.errors:
        print(f"note: the library has {len(library.errors)} problem(s) (see `compose check`); "
              f"tracing the {len(library.clauses)} clauses that loaded", file=sys.stderr)
    if evaluate_:
        _evaluate(library, method, labels, show_misses)
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
    gaps = Counter(link.gap for link in store.entries.values())
    print(report.summary())
    print("gap labels: " + ", ".join(f"{gaps[g]} {g}" for g in GAP_LABELS))
    print(f"wrote {path} in {elapsed:.2f} s")


def _evaluate(library: object, method: str, labels: Path | None, show_misses: bool) -> None:
    from composer.trace.compact import load_compact as compact_loader
    from composer.trace.evaluate import LABELS_FILE, evaluate, load_labels
    from composer.trace.tracer import compute_links, make_matcher

    compact = compact_loader()
    path = labels or project_root() / "clauses" / LABELS_FILE
    sample = load_labels(path, compact)
    wanted = {label.clause for label in sample}
    clauses = [c for c in library.clauses if c.id in wanted]  # type: ignore[attr-defined]
    started = time.perf_counter()
    links = {cid: link.to_link() for cid, link in compute_links(make_matcher(method, compact), compact, clauses).items()}
    result = evaluate(method, links, sample)
    print(result.summary())
    print(f"evaluated in {time.perf_counter() - started:.2f} s")
    if show_misses:
        for clause_id, got, wanted_ref in result.misses:
            print(f"  {clause_id}: got {got}, labelled {wanted_ref}")


def register(app: typer.Typer) -> None:
    """Add ``gcm`` and ``trace`` to the ``compose`` app."""
    app.add_typer(gcm_app, name="gcm")
    app.command("trace")(trace)
