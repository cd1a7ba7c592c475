"""The History page's data: each paragraph followed across a series, worded as the report words it.

The lineages, steps and counts come from :func:`composer.history.chain.build_history` (what
``compose history`` computes); every sentence comes from the report's own
:class:`~composer.render.history.report.HistoryReport` and ``templates/history-report.yaml``.
What the page adds is the wording of each version shown against the version before, marked
with the word diff ``compose diff`` uses, so a reader sees what changed at each step.
Templates escape every string; nothing here makes markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from composer.compare.tokens import tokenize
from composer.compare.wordiff import DELETE, EQUAL, INSERT, diff_tokens
from composer.history.model import History, Lineage
from composer.render.history.report import HistoryReport, percent
from composer.render.history.wording import load_wording

Segment = tuple[str, str]  # ("=" | "+" | "-", text)


@dataclass(frozen=True)
class Wording:
    """A lineage's paragraph in one version, marked against its wording in the version before."""

    version: str
    number: str
    step: str
    segments: list[Segment]


@dataclass(frozen=True)
class LineageRow:
    id: str
    first: str
    numbers: list[str]
    changes: str
    changed: bool
    present_at_end: bool
    last_text: str
    wordings: list[Wording]


def marked(old: str, new: str) -> list[Segment]:
    """``new`` as segments: kept words, words deleted from ``old``, words inserted."""
    if old == new:
        return [(EQUAL, new)]
    a, b = tokenize(old), tokenize(new)
    segments: list[Segment] = []
    for span in diff_tokens(a, b):
        if span.op == DELETE:
            segments.append((DELETE, "".join(a[span.a0:span.a1])))
        else:
            op = INSERT if span.op == INSERT else EQUAL
            segments.append((op, "".join(b[span.b0:span.b1])))
    return segments


def _wordings(report: HistoryReport, lineage: Lineage) -> list[Wording]:
    steps = {step.to: step for step in lineage.steps}
    words = report.words
    out: list[Wording] = []
    previous: str | None = None
    for k in sorted(lineage.appearances):
        appearance = lineage.appearances[k]
        step = steps.get(k)
        if k == lineage.first:
            what = words("history.origin", lineage=lineage.id, version=report.labels[k],
                         number=report.number(appearance))
        else:
            what = report.step_words(step) if step is not None else ""
        segments = marked(previous, appearance.text) if previous is not None else [(EQUAL, appearance.text)]
        out.append(Wording(report.labels[k], report.number(appearance), what, segments))
        previous = appearance.text
    return out


def history_view(history: History) -> dict[str, object]:
    """Everything the history fragment shows: versions, steps, and every lineage with its wordings."""
    report = HistoryReport(history, load_wording())
    words = report.words
    labels = report.labels
    last = len(labels) - 1
    rows = []
    for lineage in history.lineages:
        changes = "; ".join(
            f"{labels[s.to]}: {words(f'short.{s.kind}', share=percent(s.share))}"
            for s in lineage.steps if words(f"short.{s.kind}", share=percent(s.share))
        )
        rows.append(LineageRow(
            id=lineage.id, first=labels[lineage.first],
            numbers=[report.number_in(lineage, k) for k in range(len(labels))],
            changes=changes, changed=lineage.changed, present_at_end=last in lineage.appearances,
            last_text=lineage.last_text, wordings=_wordings(report, lineage),
        ))
    steps = [
        {"label": words("step", old=labels[s.to - 1], new=labels[s.to]),
         "counts": (s.kept, s.modified, s.moved, s.added, s.dropped, s.merged, s.split, s.renumbered)}
        for s in history.steps
    ]
    return {
        "title": words("title"),
        "subtitle": words("subtitle", first=labels[0], last=labels[-1], count=len(labels)),
        "headings": {key: words(f"headings.{key}", last=labels[-1]) for key in ("versions", "steps", "lineages")},
        "leads": {key: words(f"lead.{key}", last=labels[-1]) for key in ("versions", "steps", "lineages")},
        "version_columns": words.columns("versions")[:5],
        "step_columns": words.columns("steps"),
        "versions": history.versions,
        "labels": labels,
        "steps": steps,
        "lineages": rows,
        "changed": sum(1 for row in rows if row.changed),
        "dropped": sum(1 for row in rows if not row.present_at_end),
    }
