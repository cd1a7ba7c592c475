"""Two people's labels of the same clauses: how far they agree, and the consensus label.

Why: a matcher's figures mean little until we know how far two careful people agree on the
same clause. Every labelled clause was labelled a second time, blind (no matcher output, no
earlier label), and where the two disagreed (on the gap label, or on units neither accepts) a
third person decided, shown both labels in random order. The *consensus* label is that
decision where there was one, and otherwise the first label with the units either person
accepted. It is what the trace is measured against and what is written back as a confirmed link.

The agreement between the first and the second labeller is the ceiling to read the matcher's
figures against: a matcher cannot be expected to agree with one person more than a second
person does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from composer.library.models import GAP_LABELS
from composer.trace.evaluate import Label
from composer.trace.refs import parse_ref


def consensus(first: Sequence[Label], second: Mapping[str, Label], adjudicated: Mapping[str, Label]) -> list[Label]:
    """One label per clause of ``first``: the adjudicated one where the two disagreed, else the
    first label with the other units the second person accepted added to ``also``."""
    out = []
    for label in first:
        decided = adjudicated.get(label.clause)
        if decided is not None:
            out.append(decided)
            continue
        other = second.get(label.clause)
        if other is None or label.best is None:
            out.append(label)
            continue
        also = tuple(dict.fromkeys((*label.also, *(r for r in other.accepted if r != label.best))))
        out.append(Label(label.clause, label.best, also, label.gap, label.why))
    return out


def disagree(a: Label, b: Label) -> bool:
    """True when two labels need a third person: a different gap label, or units neither accepts."""
    if a.gap != b.gap or (a.best is None) != (b.best is None):
        return True
    return a.best is not None and b.best is not None and b.best not in a.accepted and a.best not in b.accepted


@dataclass(frozen=True)
class Agreement:
    """How often a second person's label matches the first one's, on the same clauses."""

    clauses: int
    both_traced: int  # clauses both people trace to a unit
    unit: int  # of those, the second person's best unit is one the first accepts
    paragraph: int  # ... or sits in a paragraph the first accepts
    gap: int
    first_none: int
    none_kept: int  # of the first person's `none`, how many the second also calls `none`
    disagreements: int
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    def rows(self) -> list[tuple[str, str]]:
        """The figures as (name, value) rows, in the evaluation's terms."""
        def share(part: int, whole: int) -> str:
            return f"{part / whole:.2f} ({part}/{whole})" if whole else "-"

        return [
            ("clauses labelled twice", str(self.clauses)),
            ("strict unit agreement", share(self.unit, self.both_traced)),
            ("paragraph agreement", share(self.paragraph, self.both_traced)),
            ("gap agreement", share(self.gap, self.clauses)),
            ("`none` kept", share(self.none_kept, self.first_none)),
            ("sent to a third person", share(self.disagreements, self.clauses)),
        ]


def agreement(first: Sequence[Label], second: Mapping[str, Label]) -> Agreement:
    """The second person's labels against the first's, on the clauses both labelled."""
    pairs = [(a, second[a.clause]) for a in first if a.clause in second]
    traced = [(a, b) for a, b in pairs if a.best is not None and b.best is not None]
    return Agreement(
        clauses=len(pairs),
        both_traced=len(traced),
        unit=sum(b.best in a.accepted for a, b in traced),
        paragraph=sum(parse_ref(b.best).paragraph in {parse_ref(r).paragraph for r in a.accepted} for a, b in traced),  # type: ignore[arg-type]
        gap=sum(a.gap == b.gap for a, b in pairs),
        first_none=sum(a.gap == "none" for a, _ in pairs),
        none_kept=sum(a.gap == "none" and b.gap == "none" for a, b in pairs),
        disagreements=sum(disagree(a, b) for a, b in pairs),
        confusion=Counter((a.gap, b.gap) for a, b in pairs),
    )


def confusion_table(result: Agreement) -> list[str]:
    """A markdown table: first person's gap label (rows) against the second's (columns)."""
    lines = ["| first \\ second | " + " | ".join(GAP_LABELS) + " |", "| --- |" + " --- |" * len(GAP_LABELS)]
    for a in GAP_LABELS:
        lines.append(f"| {a} | " + " | ".join(str(result.confusion[(a, b)]) for b in GAP_LABELS) + " |")
    return lines
