"""What a reader returns: the model, plus what a redline needs to look like the original.

The document model stays format-free; the DOCX facts about each block (its paragraph
properties, whether its number was automatic) travel on the block itself, in its ``attrs``
(:data:`~composer.model.document.ATTR_DOCX_PPR`, :data:`~composer.model.document.ATTR_AUTO_LABEL`),
so a copied block keeps them; the package whose styles the redline reuses travels beside the
document here. :func:`as_source` is the one place a bare model is told apart from a read one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from composer.model.document import ATTR_AUTO_LABEL, ATTR_DOCX_PPR, Document


@dataclass
class BlockSource:
    """DOCX facts about one block: its ``w:pPr`` as XML bytes and whether its label was automatic."""

    ppr: bytes | None = None
    auto_label: bool = False

    def to_attrs(self) -> dict[str, str]:
        """These facts as a block's ``attrs`` entries."""
        attrs: dict[str, str] = {}
        if self.ppr is not None:
            attrs[ATTR_DOCX_PPR] = self.ppr.decode("utf-8")
        if self.auto_label:
            attrs[ATTR_AUTO_LABEL] = "1"
        return attrs

    @classmethod
    def of(cls, block: object) -> BlockSource:
        """The facts recorded on ``block`` (none for blocks without ``attrs``)."""
        attrs: dict[str, str] = getattr(block, "attrs", None) or {}
        ppr = attrs.get(ATTR_DOCX_PPR)
        return cls(ppr=ppr.encode("utf-8") if ppr is not None else None, auto_label=attrs.get(ATTR_AUTO_LABEL) == "1")


@dataclass
class SourceDocument:
    """A document read from a file: ``kind`` is docx, text, markdown, json or manifest."""

    document: Document
    kind: str
    name: str
    package: dict[str, bytes] | None = None
    package_order: list[str] = field(default_factory=list)
    had_tracked_changes: bool = False

    def source_of(self, block: object) -> BlockSource:
        """The DOCX facts of ``block``, read from its ``attrs`` (empty for blocks from other formats)."""
        return BlockSource.of(block)


def as_source(draft: SourceDocument | Document) -> SourceDocument:
    """A draft as a :class:`SourceDocument`: a bare model (assembled, not read) gets an empty record."""
    if isinstance(draft, SourceDocument):
        return draft
    return SourceDocument(document=draft, kind="model", name=draft.meta.title)
