"""Draft manifests (.yaml) -> document model, through the clause library and the assembler."""

from __future__ import annotations

from pathlib import Path

from composer.errors import InputDocumentError
from composer.read.source import SourceDocument


def read_manifest(path: Path) -> SourceDocument:
    """Assemble the draft a manifest describes; a clear error if the assembler is not available."""
    try:
        from composer.assemble.draft import assemble_draft
        from composer.assemble.manifest import load_manifest
    except ImportError:
        raise InputDocumentError(
            f"{path.name}: comparing draft manifests needs composer.assemble, which is not installed yet"
        ) from None
    from composer.cli.common import get_library

    document = assemble_draft(get_library(), load_manifest(path))
    return SourceDocument(document=document, kind="manifest", name=path.name)
