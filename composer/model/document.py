"""The document model: one tree that every renderer reads and every comparison diffs.

After Pandoc: a :class:`Document` is ``Meta`` plus a list of blocks; inline content is a list of
inlines; a footnote is an inline :class:`Note` holding its own inlines. Paragraph numbers,
action letters and footnote numbers are NOT stored: writers compute them (the draft's
paragraphs run on through the document, actions are lettered per paragraph). A paragraph read
from someone else's document may carry the label it was typed with (``label``), so a comparison
can report "12 became 14".

Every block that a reader may want to follow across drafts has a stable ``id`` (like Akoma
Ntoso's ``wId``): renderers write it as a DOCX bookmark and an HTML ``id``.

Facts a reader learns about a block travel on the block, as string key-value pairs in
``attrs`` (Pandoc's ``Attr``), not in a side table a copy would lose: ``auto-label`` says the
label came from the document's automatic numbering; ``docx-ppr`` keeps a DOCX paragraph's own
properties for a redline that should look like the original. The model does not interpret them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

# ---------------------------------------------------------------- inlines


@dataclass(frozen=True)
class Text:
    """Plain text. Whitespace inside is significant and kept as is."""

    text: str


@dataclass(frozen=True)
class Emph:
    content: tuple[Inline, ...]


@dataclass(frozen=True)
class Strong:
    content: tuple[Inline, ...]


@dataclass(frozen=True)
class Provenance:
    """Where a clause comes from: what a provenance footnote says, as data."""

    clause_id: str
    source_id: str
    locator_key: str
    locator_value: str
    actors: tuple[str, ...] = ()
    year: int | None = None


@dataclass(frozen=True)
class Note:
    """A footnote. ``content`` is its text; ``provenance`` is set when it cites a clause."""

    content: tuple[Inline, ...]
    provenance: Provenance | None = None


@dataclass(frozen=True)
class Bracket:
    """Square-bracketed alternatives in negotiated text: ``[option A / option B]``.

    ``proposed_by`` names the delegations behind the bracket, when the manifest says so.
    """

    alternatives: tuple[tuple[Inline, ...], ...]
    proposed_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class CrossRef:
    """A reference to agreed language, e.g. ``cf. GCM para 29(h)`` (text as shown)."""

    text: str
    target: str


Inline = Union[Text, Emph, Strong, Note, Bracket, CrossRef]  # noqa: UP007

# ---------------------------------------------------------------- blocks

#: ``attrs`` key: "1" when the block's ``label`` was produced by automatic numbering, not typed.
ATTR_AUTO_LABEL = "auto-label"
#: ``attrs`` key: the block's DOCX paragraph properties (``w:pPr``) as serialised XML.
ATTR_DOCX_PPR = "docx-ppr"


def _attrs() -> dict[str, str]:
    return {}


@dataclass
class Heading:
    level: int
    content: tuple[Inline, ...]
    id: str | None = None
    attrs: dict[str, str] = field(default_factory=_attrs, compare=False)


@dataclass
class Para:
    """A paragraph. ``numbered`` paragraphs get run-on numbers from the writer.

    ``style`` names a semantic style (``body``, ``lead``, ``note``, ``small``, ``quote``,
    ``chapeau``) that each writer maps to its own (a Word style, a CSS class).
    ``label`` is a number as typed in a document we read (``"12."``), never set by assembly.
    ``attrs`` holds facts a reader recorded (see the module docstring); not part of equality.
    """

    content: tuple[Inline, ...]
    id: str | None = None
    numbered: bool = False
    style: str = "body"
    label: str | None = None
    attrs: dict[str, str] = field(default_factory=_attrs, compare=False)


@dataclass
class ActionItem:
    """One lettered action, ``(a) ...;`` in compact style; the letter is computed by writers."""

    content: tuple[Inline, ...]
    id: str | None = None
    label: str | None = None


@dataclass
class ActionList:
    """The lettered actions that follow a commitment paragraph."""

    items: list[ActionItem]
    id: str | None = None


@dataclass
class BulletList:
    items: list[tuple[Inline, ...]]
    id: str | None = None


@dataclass
class Table:
    """A simple table: header row and body rows of inline cells; ``widths`` are relative."""

    header: list[tuple[Inline, ...]]
    rows: list[list[tuple[Inline, ...]]]
    caption: str | None = None
    id: str | None = None
    widths: tuple[float, ...] = ()


@dataclass
class BarChart:
    """A horizontal bar chart, kept as data: writers draw it (SVG for HTML/PDF, PNG for DOCX)."""

    title: str
    labels: list[str]
    values: list[int]
    caption: str | None = None
    id: str | None = None


@dataclass
class Div:
    """A group of blocks with a role: ``cover``, ``section``, ``annex``, ``box`` ..."""

    role: str
    blocks: list[Block]
    id: str | None = None


@dataclass
class TableOfContents:
    """Where the contents go: a TOC field in DOCX, a generated list in HTML."""

    title: str = "Contents"


@dataclass
class PageBreak:
    pass


Block = Union[Heading, Para, ActionList, BulletList, Table, BarChart, Div, TableOfContents, PageBreak]  # noqa: UP007


@dataclass
class Meta:
    """Document metadata: shown on the cover and header, written to core properties."""

    title: str
    subtitle: str | None = None
    kind: str = "brief"
    date: str | None = None
    version: str | None = None
    status: str = "Draft"
    delegation: str | None = None
    classification: str | None = None
    subject: str | None = None
    keywords: tuple[str, ...] = ()
    author: str = "compact-composer"
    language: str = "en"


@dataclass
class Document:
    meta: Meta
    blocks: list[Block] = field(default_factory=list)
