"""A history as a document model: every report format (HTML, PDF, DOCX, Markdown) from one tree.

The report is an ordinary :class:`~composer.model.document.Document`, so it goes through the
same writers, styles and CSS as every other output of the project: a summary table per step,
the brackets open longest, the survival of proposals, a table of lineages, then the last
version in full with each paragraph's history under it in small type, and the paragraphs
dropped on the way. Its words come from ``templates/history-report.yaml``.
"""

from __future__ import annotations

from composer.history.model import Appearance, History, Lineage, Step, Survival
from composer.model.document import Block, Document, Emph, Heading, Inline, Meta, Para, Strong, Table, Text
from composer.render.history.wording import Wording, load_wording

#: Bracketed passages listed in the report (the JSON has them all).
BRACKETS_SHOWN = 15
#: Proposals listed one by one; past this, those found nowhere in the last version are only counted.
SURVIVAL_SHOWN = 60
#: Longest bracketed passage shown in the table, in characters (the JSON has it whole).
PASSAGE_CHARS = 160


def percent(share: float) -> str:
    """``0.123`` -> ``12%``; anything above zero shows at least ``<1%``."""
    if 0 < share < 0.005:
        return "<1%"
    return f"{max(1, round(share * 100))}%" if share > 0 else "0%"


class HistoryReport:
    """The report's sentences and sections for one history; the web page words its view with the same methods."""

    def __init__(self, history: History, words: Wording):
        self.history = history
        self.words = words
        self.labels = [v.label for v in history.versions]

    def number(self, appearance: Appearance) -> str:
        return appearance.number or self.words("unnumbered", position=appearance.position + 1)

    def number_in(self, lineage: Lineage, version: int) -> str:
        appearance = lineage.appearances.get(version)
        return self.number(appearance) if appearance is not None else self.words("absent")

    def step_words(self, step: Step) -> str:
        w = self.words
        if step.kind == "modified" and step.share == 0:
            return w("kinds.modified_marks")
        if step.kind == "moved" and step.share > 0:
            return w("kinds.moved_modified", share=percent(step.share))
        return w(f"kinds.{step.kind}", share=percent(step.share), other=step.other or "")

    # ------------------------------------------------------------ sections

    def document(self) -> Document:
        w, h = self.words, self.history
        first, last = self.labels[0], self.labels[-1]
        meta = Meta(title=w("title"), subtitle=w("subtitle", first=first, last=last, count=len(self.labels)),
                    kind=str(w.raw("kind")), status=w("status"), date=None)
        blocks: list[Block] = []
        blocks += self.section("versions", self.versions_table())
        blocks += self.section("steps", self.steps_table())
        if h.brackets:
            blocks += self.section("brackets", self.brackets_table(), last=last)
        if h.survival:
            blocks += self.section("survival", self.survival_blocks())
        blocks += self.section("lineages", self.lineages_table())
        blocks += self.section("paragraphs", self.paragraphs(), last=last)
        dropped = self.dropped()
        if dropped:
            blocks += self.section("dropped", dropped, last=last)
        return Document(meta=meta, blocks=blocks)

    def section(self, key: str, body: list[Block] | Block, **values: object) -> list[Block]:
        heading = Heading(1, (Text(self.words(f"headings.{key}", **values)),), id=f"history-{key}")
        lead = Para((Text(self.words(f"lead.{key}", **values)),), style="lead")
        return [heading, lead, *(body if isinstance(body, list) else [body])]

    def versions_table(self) -> Table:
        rows = []
        for v in self.history.versions:
            step = self.history.steps[v.index - 1] if v.index else None
            opened = str(step.brackets_opened) if step is not None else self.words("absent")
            closed = str(step.brackets_closed) if step is not None else self.words("absent")
            values = (v.label, v.name, str(v.paragraphs), f"{v.words:,}", str(v.brackets), opened, closed)
            rows.append([_cell(value) for value in values])
        widths = (2, 5, 1.3, 1.2, 1.2, 1.2, 1.2)
        return Table(_header(self.words.columns("versions")), rows, id="history-versions-table", widths=widths)

    def steps_table(self) -> Table:
        rows = []
        for s in self.history.steps:
            step = self.words("step", old=self.labels[s.to - 1], new=self.labels[s.to])
            values = (s.kept, s.modified, s.moved, s.added, s.dropped, s.merged, s.split, s.renumbered)
            rows.append([_cell(step), *(_cell(str(v)) for v in values)])
        widths = (3.4, *([1.0] * 7), 1.5)
        return Table(_header(self.words.columns("steps")), rows, id="history-steps-table", widths=widths)

    def brackets_table(self) -> Table:
        w = self.words
        rows = []
        for b in self.history.brackets[:BRACKETS_SHOWN]:
            text = b.text if len(b.text) <= PASSAGE_CHARS else b.text[: PASSAGE_CHARS - 1].rstrip() + "…"
            rows.append([_cell(b.lineage), _cell(text), _cell(self.labels[b.since]), _cell(self.labels[b.until]),
                         _cell(w("answer_yes") if b.still_open else w("answer_no"))])
        return Table(_header(w.columns("brackets")), rows, id="history-brackets-table", widths=(1.2, 6, 1.6, 1.6, 1))

    def survival_blocks(self) -> list[Block]:
        """The proposals' table; a long list (a whole library) keeps only those that survived."""
        shown = self.history.survival
        if len(shown) > SURVIVAL_SHOWN:
            shown = [s for s in shown if s.outcome != "absent"]
        blocks: list[Block] = [self.survival_table(shown)]
        hidden = len(self.history.survival) - len(shown)
        if hidden:
            line = self.words("survival_more", count=hidden, last=self.labels[-1])
            blocks.append(Para((Text(line),), style="small"))
        return blocks

    def survival_table(self, survival: list[Survival]) -> Table:
        w = self.words
        rows = []
        for s in survival:
            where = f"{s.number or ''} ({s.lineage})".strip() if s.lineage else w("absent")
            seen = self.labels[s.first_seen] if s.first_seen is not None else w("absent")
            rows.append([_cell(s.text), _cell(", ".join(s.proposed_by)), _cell(w(f"outcomes.{s.outcome}")),
                         _cell(s.gap), _cell(where), _cell(seen)])
        return Table(_header(w.columns("survival")), rows, id="history-survival-table",
                     widths=(6, 2, 1.5, 1.2, 1.8, 1.5))

    def lineages_table(self) -> Table:
        w = self.words
        header = [*w.columns("lineages_lead"), *self.labels, *w.columns("lineages_tail")]
        rows = []
        for lineage in self.history.lineages:
            changes = "; ".join(
                f"{self.labels[s.to]}: {w(f'short.{s.kind}', share=percent(s.share))}"
                for s in lineage.steps if w(f"short.{s.kind}", share=percent(s.share))
            )
            rows.append([_cell(lineage.id), _cell(self.labels[lineage.first]),
                         *(_cell(self.number_in(lineage, k)) for k in range(len(self.labels))), _cell(changes)])
        widths = (1.3, 1.6, *([1.0] * len(self.labels)), 4.0)
        return Table(_header(header), rows, id="history-lineages-table", widths=widths)

    def history_line(self, lineage: Lineage) -> str:
        w = self.words
        first = lineage.appearances[lineage.first]
        if lineage.split_from is not None and lineage.first > 0:
            parts = [w("history.origin_split", lineage=lineage.id, other=lineage.split_from,
                       version=self.labels[lineage.first], number=self.number(first))]
        else:
            parts = [w("history.origin", lineage=lineage.id, version=self.labels[lineage.first],
                       number=self.number(first))]
        for step in lineage.steps:
            if step.kind in ("inserted", "split"):
                continue
            what = [self.step_words(step)]
            appearance = lineage.appearances.get(step.to)
            if step.renumbered and appearance is not None:
                what.append(w("history.renumbered", number=self.number(appearance)))
            if step.opened or step.closed:
                what.append(w("history.brackets", opened=step.opened, closed=step.closed))
            parts.append(w("history.step", version=self.labels[step.to], what=", ".join(what)))
        return " ".join(p if p.endswith(".") else p + "." for p in parts)

    def paragraphs(self) -> list[Block]:
        last = len(self.labels) - 1
        blocks: list[Block] = []
        present = sorted((lin for lin in self.history.lineages if last in lin.appearances),
                         key=lambda lin: lin.appearances[last].position)
        for lineage in present:
            appearance = lineage.appearances[last]
            content: tuple[Inline, ...] = (Text(appearance.text),)
            if appearance.kind == "heading":
                content = (Strong(content),)
            blocks.append(Para(content, id=f"history-{lineage.id}", label=appearance.number or None))
            blocks.append(Para((Text(self.history_line(lineage)),), style="small"))
            if lineage.first_text != appearance.text:
                lead = Emph((Text(self.words("history.first_wording", version=self.labels[lineage.first])),))
                blocks.append(Para((lead, Text(lineage.first_text)), style="small"))
        return blocks

    def dropped(self) -> list[Block]:
        last = len(self.labels) - 1
        blocks: list[Block] = []
        for lineage in self.history.lineages:
            if last in lineage.appearances:
                continue
            end = lineage.steps[-1]
            appearance = lineage.appearances[lineage.last]
            line = self.words("history.dropped", lineage=lineage.id, number=self.number(appearance),
                              version=self.labels[lineage.last], what=self.step_words(end), next=self.labels[end.to])
            blocks.append(Para((Strong((Text(line),)),), style="small", id=f"history-{lineage.id}"))
            blocks.append(Para((Text(appearance.text),), style="small"))
        return blocks


def _cell(text: str) -> tuple[Inline, ...]:
    return (Text(text),)


def _header(names: list[str]) -> list[tuple[Inline, ...]]:
    return [_cell(name) for name in names]


def history_document(history: History, wording: Wording | None = None) -> Document:
    """The report on ``history`` as a document model, worded by ``templates/history-report.yaml``."""
    return HistoryReport(history, wording or load_wording()).document()
