"""What every command shares: where the library is, loading it once, output helpers.

Nothing here imports a stage at module level: the library (and with it pydantic) is loaded by
:func:`get_library` when a command needs it, so ``compose --help`` stays cheap.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from composer.paths import default_output_dir, library_root

if TYPE_CHECKING:
    from composer.library import Library
    from composer.read.source import SourceDocument


@dataclass
class CliState:
    library_root: str | None = None
    _library: Library | None = None

    def reset(self) -> None:
        """Forget options and the loaded library (each ``main()`` call starts afresh)."""
        self.library_root = None
        self._library = None


state = CliState()


def project_root() -> Path:
    """The folder holding ``clauses/``: --library, else $COMPOSER_LIBRARY, else the current folder, else the bundled one."""
    return library_root(state.library_root)


def output_dir() -> Path:
    """Where outputs go without ``--out``: the project's ``out/`` (``./out`` for the bundled library)."""
    return default_output_dir(project_root())


def get_library(strict: bool = True) -> Library:
    """Load the library once per process; refuse an invalid one unless ``strict`` is False."""
    if state._library is None:
        from composer.library import load_library

        state._library = load_library(project_root())
    if strict:
        state._library.raise_if_invalid()
    return state._library


def read_manifest_draft(path: Path) -> SourceDocument:
    """The draft a manifest describes, assembled from the library (so it can be compared like a document)."""
    from composer.assemble.draft import assemble_draft
    from composer.assemble.manifest import load_manifest
    from composer.read.source import SourceDocument

    document = assemble_draft(get_library(), load_manifest(path))
    return SourceDocument(document=document, kind="manifest", name=path.name)


def read_draft(path: Path, accept_existing: bool = False) -> SourceDocument:
    """Any draft named on the command line: a document (DOCX, text, Markdown, JSON) or a manifest."""
    from composer.read import read_document

    return read_document(path, accept_existing=accept_existing, read_manifest=read_manifest_draft)


def split_csv(values: list[str] | None) -> tuple[str, ...]:
    """Accept both ``--x a --x b`` and ``--x a,b``."""
    out: list[str] = []
    for value in values or []:
        out.extend(part.strip() for part in value.split(",") if part.strip())
    return tuple(out)
