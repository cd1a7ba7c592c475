"""The document model flattened into comparable units: one per paragraph, heading, item or cell.

A unit carries what alignment and word diffing need: its display label (reported, not diffed),
its citation as delegates say it ("OP 3(a)", from :mod:`composer.read.citations`),
its typed label text (reproduced exactly in a redline), its tokens with formatting, the
footnotes it holds, and a key (its text without the label) that identifies "the same text".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from composer.compare.tokens import count_words, tokenize
from composer.model.attribution import attribution
from composer.model.document import (
    ActionList,
    Block,
    Bracket,
    BulletList,
    CrossRef,
    Document,
    Emph,
    Heading,
    Inline,
    Note,
    Para,
    Strong,
    Table,
    Text,
)
from composer.model.walk import item_label, iter_blocks, paragraph_numbers
from composer.read.citations import Item, cite_all
from composer.read.source import BlockSource, SourceDocument, as_source

ITALIC, BOLD, PROPOSER = 1, 2, 4
NOTE_KEY = "\x00note"


class Tok(NamedTuple):
    """One token: its text, formatting bits (1 italic, 2 bold, 4 a bracket's attribution) and
    footnote index (-1 if text).

    A named tuple rather than a dataclass: long drafts hold a hundred thousand tokens, and tuple
    construction is several times cheaper.
    """

    text: str
    fmt: int = 0
    note: int = -1

    @property
    def key(self) -> str:
        """What the diff compares: the text, or one shared key for every footnote reference."""
        return NOTE_KEY if self.note >= 0 else self.text


Part = tuple[str, int] | int
"""A run of text with its formatting, or (an int) the index of a footnote in the unit."""


class _Tokenized:
    """Text held as formatted parts; tokens are made only when a diff needs them.

    Most paragraphs of successive drafts are unchanged and never need tokens at all.
    """

    parts: list[Part]
    _tokens: list[Tok] | None

    @property
    def tokens(self) -> list[Tok]:
        if self._tokens is None:
            self._tokens = _tokenize_parts(self.parts)
        return self._tokens


@dataclass
class NoteUnit(_Tokenized):
    """One footnote's text."""

    parts: list[Part]
    text: str = ""
    _tokens: list[Tok] | None = None


@dataclass
class Unit(_Tokenized):
    """One comparable piece of a document (see module docstring)."""

    index: int
    kind: str
    block: object
    parts: list[Part]
    notes: list[NoteUnit] = field(default_factory=list)
    level: int = 0
    label: str = ""
    label_text: str = ""
    block_id: str | None = None
    key: str = ""
    section: str = ""
    cite: str = ""
    words: int = 0
    body_text: str = ""
    _tokens: list[Tok] | None = None

    @property
    def text(self) -> str:
        """The visible text, label included as typed (footnote references excluded)."""
        return self.label_text + self.body_text


def _flatten(inlines: tuple[Inline, ...], fmt: int, out: list[tuple[str, int] | Note]) -> None:
    for inline in inlines:
        if isinstance(inline, Text):
            out.append((inline.text, fmt))
        elif isinstance(inline, Emph):
            _flatten(inline.content, fmt | ITALIC, out)
        elif isinstance(inline, Strong):
            _flatten(inline.content, fmt | BOLD, out)
        elif isinstance(inline, CrossRef):
            out.append((inline.text, fmt))
        elif isinstance(inline, Bracket):
            # As the draft writers show a bracket: bold marks, then who proposed it, so that
            # the attribution is part of the text a redline compares and shows.
            out.append(("[", fmt | BOLD))
            for index, alternative in enumerate(inline.alternatives):
                if index:
                    out.append((" / ", fmt))
                _flatten(alternative, fmt, out)
            out.append(("]", fmt | BOLD))
            if inline.proposed_by:
                out.append((" ", fmt))
                out.append((attribution(inline.proposed_by), PROPOSER))
        elif isinstance(inline, Note):
            out.append(inline)


#: Tokens are immutable and repeat a lot ("the", " "): one shared object per (text, format).
_TOKENS: list[dict[str, Tok]] = [{} for _ in range(8)]


def _tokenize_parts(parts: list[Part]) -> list[Tok]:
    tokens: list[Tok] = []
    for part in parts:
        if isinstance(part, int):
            tokens.append(Tok(NOTE_KEY, 0, part))
            continue
        text, fmt = part
        cache = _TOKENS[fmt] if fmt < len(_TOKENS) else {}
        if len(cache) > 500_000:  # a long-running process must not grow without bound
            cache.clear()
        for token in tokenize(text):
            tok = cache.get(token)
            if tok is None:
                tok = cache[token] = Tok(token, fmt)
            tokens.append(tok)
    return tokens


def _parts(inlines: tuple[Inline, ...], notes: list[NoteUnit] | None) -> list[Part]:
    flat: list[tuple[str, int] | Note] = []
    _flatten(inlines, 0, flat)
    parts: list[Part] = []
    for item in flat:
        if isinstance(item, Note):
            if notes is not None:
                note_parts = _parts(item.content, None)
                notes.append(NoteUnit(note_parts, "".join(p[0] for p in note_parts if not isinstance(p, int))))
                parts.append(len(notes) - 1)
        elif item[0]:
            parts.append(item)
    return parts


def _make(index: int, kind: str, block: object, inlines: tuple[Inline, ...], **extra: object) -> Unit:
    notes: list[NoteUnit] = []
    parts = _parts(inlines, notes)
    unit = Unit(index=index, kind=kind, block=block, parts=parts, notes=notes, **extra)  # type: ignore[arg-type]
    unit.body_text = "".join(p[0] for p in parts if not isinstance(p, int))
    unit.key = unit.body_text + "".join("\x00" + note.text for note in notes)
    unit.words = count_words(unit.body_text)
    return unit


def document_units(source: SourceDocument | Document) -> list[Unit]:
    """Flatten a document into units in reading order."""
    document = as_source(source).document
    numbers = paragraph_numbers(document)
    units: list[Unit] = []
    section = ""
    for block in iter_blocks(document.blocks):
        new_units = _block_units(block, len(units), numbers)
        if isinstance(block, Heading):
            text = new_units[0].body_text.strip() if new_units else ""
            section = text if len(text) <= 24 else text[:23].rstrip() + "…"
        for unit in new_units:
            unit.section = section
        units.extend(new_units)
    kept = reindex([unit for unit in units if unit.parts or unit.label_text])
    citations = cite_all([Item(unit.kind, unit.label, unit.body_text) for unit in kept])
    for unit, cite in zip(kept, citations, strict=True):
        unit.cite = cite
    return kept


def _block_units(block: Block, start: int, numbers: dict[int, int]) -> list[Unit]:
    if isinstance(block, Heading):
        return [_make(start, "heading", block, block.content, level=block.level, block_id=block.id)]
    if isinstance(block, Para):
        auto = BlockSource.of(block).auto_label
        if block.label is not None:
            label, typed = block.label.strip(), ("" if auto else block.label)
        elif block.numbered and id(block) in numbers:
            label = f"{numbers[id(block)]}."
            typed = label + " "
        else:
            label, typed = "", ""
        return [_make(start, "para", block, block.content, label=label, label_text=typed, block_id=block.id)]
    if isinstance(block, ActionList):
        return [
            _make(start + i, "item", item, item.content, label=item_label(item, i),
                  label_text=item_label(item, i) + " ", block_id=item.id)
            for i, item in enumerate(block.items)
        ]
    if isinstance(block, BulletList):
        return [_make(start + i, "bullet", block, item, block_id=None) for i, item in enumerate(block.items)]
    if isinstance(block, Table):
        cells = [*block.header, *(cell for row in block.rows for cell in row)]
        return [_make(start + i, "cell", block, cell) for i, cell in enumerate(cells)]
    return []


def reindex(units: list[Unit]) -> list[Unit]:
    """Give units consecutive indexes (after filtering)."""
    for index, unit in enumerate(units):
        unit.index = index
    return units
