"""What a reader returns: the model, plus what a redline needs to look like the original.

The document model stays format-free; DOCX specifics that the DOCX redline wants to keep (the
paragraph properties of every paragraph, whether its number was automatic, the package whose
styles the redline reuses) travel beside it, keyed by the block object.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from composer.model.document import Document


@dataclass
class BlockSource:
    """DOCX facts about one block: its ``w:pPr`` as XML bytes and whether its label was automatic."""

    ppr: bytes | None = None
    auto_label: bool = False


@dataclass
class SourceDocument:
    """A document read from a file: ``kind`` is docx, text, markdown, json or manifest."""

    document: Document
    kind: str
    name: str
    package: dict[str, bytes] | None = None
    package_order: list[str] = field(default_factory=list)
    blocks: dict[int, BlockSource] = field(default_factory=dict)
    had_tracked_changes: bool = False

    def source_of(self, block: object) -> BlockSource:
        """The DOCX facts of ``block`` (empty facts for blocks from other formats)."""
        return self.blocks.get(id(block), _EMPTY)


_EMPTY = BlockSource()
