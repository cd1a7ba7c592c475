"""Markdown writer: for terminals, e-mail and git diffs. Footnotes as ``[^n]`` (Pandoc style)."""

from __future__ import annotations

from composer.model.attribution import attribution
from composer.model.document import (
    ActionList,
    BarChart,
    Block,
    Bracket,
    BulletList,
    CrossRef,
    Div,
    Document,
    Emph,
    Heading,
    Inline,
    Note,
    PageBreak,
    Para,
    Strong,
    Table,
    TableOfContents,
    Text,
)
from composer.model.walk import item_label, para_label, paragraph_numbers, plain_text
from composer.render.md_escape import escape_markdown


def _delimit(text: str, mark: str) -> str:
    """``**text**`` with the text's edge spaces moved outside the marks: CommonMark does not
    close ``**Agreed language: **`` (a closing mark may not follow a space)."""
    core = text.strip()
    if not core:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return f"{lead}{mark}{core}{mark}{trail}"


class _Writer:
    def __init__(self, document: Document):
        self.document = document
        self.numbers = paragraph_numbers(document)
        self.notes: list[str] = []

    def inlines(self, content: tuple[Inline, ...]) -> str:
        out = []
        for inline in content:
            if isinstance(inline, Text):
                out.append(escape_markdown(inline.text))
            elif isinstance(inline, Emph):
                out.append(_delimit(self.inlines(inline.content), "*"))
            elif isinstance(inline, Strong):
                out.append(_delimit(self.inlines(inline.content), "**"))
            elif isinstance(inline, CrossRef):
                out.append(f"*{escape_markdown(inline.text)}*")
            elif isinstance(inline, Bracket):
                body = " / ".join(self.inlines(alt) for alt in inline.alternatives)
                who = f" *{escape_markdown(attribution(inline.proposed_by))}*" if inline.proposed_by else ""
                out.append(f"**[**{body}**]**{who}")
            elif isinstance(inline, Note):
                self.notes.append(escape_markdown(plain_text(inline.content)))
                out.append(f"[^{len(self.notes)}]")
        return "".join(out)

    def block(self, block: Block) -> list[str]:
        if isinstance(block, Heading):
            return ["#" * block.level + " " + self.inlines(block.content), ""]
        if isinstance(block, Para):
            text = self.inlines(block.content)
            label = para_label(block, self.numbers)
            if label:
                text = f"{label}\u00a0{text}"
            elif block.style == "quote":
                text = "> " + text
            elif block.style.startswith("cover-title"):
                text = f"**{text}**"
            return [text, ""]
        if isinstance(block, ActionList):
            out = []
            for i, item in enumerate(block.items):
                out += [f"{item_label(item, i)}\u00a0{self.inlines(item.content)}", ""]
            return out
        if isinstance(block, BulletList):
            return [*(f"- {self.inlines(item)}" for item in block.items), ""]
        if isinstance(block, Table):
            rows = [[self.inlines(c) for c in block.header]]  # the escaper escapes | too
            rows += [[self.inlines(c) for c in row] for row in block.rows]
            lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
            lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
            return [*lines, *([f"*{escape_markdown(block.caption)}*"] if block.caption else []), ""]
        if isinstance(block, BarChart):
            width = max(block.values) if block.values else 1
            lines = [f"**{escape_markdown(block.title)}**", "", "```"]
            pad = max(len(label) for label in block.labels) if block.labels else 0
            for label, value in zip(block.labels, block.values, strict=True):
                lines.append(f"{label.ljust(pad)}  {'#' * max(1, round(30 * value / width))} {value}")
            return [*lines, "```", ""]
        if isinstance(block, Div):
            out: list[str] = []
            for child in block.blocks:
                out += self.block(child)
            if block.role == "cover":
                out += ["---", ""]
            return out
        if isinstance(block, TableOfContents):
            return []
        if isinstance(block, PageBreak):
            return []
        raise TypeError(f"unknown block {type(block).__name__}")


def render_markdown(document: Document) -> str:
    """The document as Markdown with Pandoc-style footnotes."""
    writer = _Writer(document)
    lines: list[str] = []
    for block in document.blocks:
        lines += writer.block(block)
    if writer.notes:
        lines += [f"[^{n}]: {text}" for n, text in enumerate(writer.notes, 1)]
    return "\n".join(lines).rstrip() + "\n"
