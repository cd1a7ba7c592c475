"""The web's requests turned into the pipeline's calls: select, assemble, render, compare.

These are the same functions ``compose brief``, ``compose draft`` and ``compose diff`` call;
the request models only say which options a page or an API client may send, and refuse
anything else (unknown fields, a template that is not one of the library's).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from composer.assemble.brief import assemble_brief
from composer.assemble.common import ComposeOptions
from composer.assemble.draft import assemble_draft, manifest_from_selection
from composer.compare.changes import Redline
from composer.compare.engine import compare_documents
from composer.errors import UsageError
from composer.library import Library
from composer.model.document import Document
from composer.read import read_document_bytes
from composer.read.source import SourceDocument
from composer.render import render
from composer.render.redline.options import RedlineOptions
from composer.render.redline.write import render_redline
from composer.templating import TEMPLATES_DIR
from composer.web.requests import ComposeRequest

if TYPE_CHECKING:
    from composer.history.model import History

#: Most drafts one history may follow (each is read and aligned with its neighbour).
MAX_HISTORY_VERSIONS = 12

#: A corpus file: ``SERIES_vN_anything.ext`` (``unga_ict4sd_v2_A-C.2-80-L.17_G77-draft_2025-10-14.txt``).
_SERIES_FILE = re.compile(r"^(?P<series>.+?)_v(?P<n>\d+)_")


def template_choices(root: Path) -> dict[str, Path]:
    """Reference DOCX files a request may name: those in the library's and the package's templates/."""
    found: dict[str, Path] = {}
    for folder in (Path(root) / "templates", TEMPLATES_DIR):
        if folder.is_dir():
            for path in sorted(folder.glob("*.docx")):
                found.setdefault(path.name, path)
    return found


def resolve_template(root: Path, name: str | None) -> Path | None:
    """The template named by a request, refused unless it is one of :func:`template_choices`."""
    if not name:
        return None
    choices = template_choices(root)
    if name not in choices:
        raise UsageError(f"unknown template {name!r}: choose one of {', '.join(choices) or '(none installed)'}")
    return choices[name]


def compose_options(request: ComposeRequest) -> ComposeOptions:
    return ComposeOptions(date=request.date, version=request.version, delegation=request.delegation,
                          title=request.title, annexes=request.annexes, provenance=request.provenance)


def output_stem(kind: str, request: ComposeRequest) -> str:
    """The command line's file name for the same options (``brief-cluster-1-front-only-for-kenya``)."""
    from composer.assemble.names import option_words
    from composer.assemble.names import output_stem as stem

    return stem(kind, request.clause_filter(), option_words(kind, compose_options(request)))


def assemble(library: Library, kind: Literal["brief", "draft"], request: ComposeRequest) -> Document:
    """The brief or the draft for ``request``, exactly as ``compose brief``/``compose draft`` make it."""
    if request.is_empty():
        raise UsageError("choose a cluster, objectives or clauses first")
    options = compose_options(request)
    flt = request.clause_filter()
    if kind == "brief":
        return assemble_brief(library, flt, options)
    return assemble_draft(library, manifest_from_selection(library, flt, options), options)


def render_document(document: Document, fmt: str, template: Path | None) -> bytes:
    if template is not None and fmt == "docx":
        from composer.render.docx import check_template

        check_template(template)
    return render(document, fmt, template=template)


def read_upload(data: bytes, name: str) -> SourceDocument:
    """An uploaded draft through the command line's readers and guards, from memory."""
    return read_document_bytes(data, name)


def compare_uploads(old: tuple[bytes, str], new: tuple[bytes, str]) -> tuple[Redline, SourceDocument, SourceDocument]:
    old_doc = read_upload(*old)
    new_doc = read_upload(*new)
    return compare_documents(old_doc, new_doc), old_doc, new_doc


def redline_options(redline: Redline) -> RedlineOptions:
    return RedlineOptions(date=redline.date)


def render_redline_file(redline: Redline, old: SourceDocument, new: SourceDocument, fmt: str) -> bytes:
    data = render_redline(redline, old, new, fmt, redline_options(redline))
    return data.encode("utf-8") if isinstance(data, str) else data


def corpus_series(folder: Path | None) -> dict[str, list[Path]]:
    """Series of drafts in the server's corpus folder, each in version order (two or more files).

    A request names a series, never a path: only files listed here are ever read.
    """
    if folder is None or not folder.is_dir():
        return {}
    found: dict[str, list[tuple[int, Path]]] = {}
    for path in sorted(folder.iterdir()):
        match = _SERIES_FILE.match(path.name)
        if match and path.is_file() and path.suffix.lower() in (".txt", ".md", ".docx"):
            found.setdefault(match["series"], []).append((int(match["n"]), path))
    return {name: [p for _, p in sorted(files)] for name, files in sorted(found.items()) if len(files) >= 2}


def read_corpus_series(folder: Path | None, series: str) -> list[tuple[bytes, str]]:
    """The files of one corpus series, as uploads would arrive (bytes and name)."""
    choices = corpus_series(folder)
    if series not in choices:
        raise UsageError(f"no corpus series {series!r}: choose one of {', '.join(choices) or '(no corpus folder)'}")
    return [(path.read_bytes(), path.name) for path in choices[series]]


def series_labels(series: str | None, names: list[str]) -> str:
    """Labels for a corpus series: each file's name without the series prefix (``v2_A-C.2-80-L.17_...``)."""
    stems = [Path(name).stem for name in names]
    if series:
        stems = [stem.removeprefix(f"{series}_") for stem in stems]
    return ",".join(stems)


def history_of_uploads(drafts: list[tuple[bytes, str]], labels: str | None) -> History:
    """``compose history`` on uploaded drafts: the same readers, guards, labels and alignment, from memory."""
    from composer.history.chain import Draft, build_history
    from composer.history.series import parse_labels

    if len(drafts) < 2:
        raise UsageError(f"a history needs at least two drafts in negotiation order (got {len(drafts)})")
    if len(drafts) > MAX_HISTORY_VERSIONS:
        raise UsageError(f"{len(drafts)} drafts: a history follows at most {MAX_HISTORY_VERSIONS} at once")
    seen: dict[bytes, int] = {}
    for index, (data, name) in enumerate(drafts, start=1):
        key = hashlib.sha256(data).digest()
        if key in seen:
            raise UsageError(f"{name}: the same file as version {seen[key]}; each version of the series is a "
                             "different draft")
        seen[key] = index
    names = parse_labels(labels or None, [Path(name) for _, name in drafts])
    if len(set(names)) != len(names):
        raise UsageError("two drafts have the same name; give labels, one per draft, comma-separated")
    return build_history([Draft(label, read_upload(data, name)) for (data, name), label in zip(drafts, names,
                                                                                              strict=True)])


def render_history_file(history: History, fmt: str) -> bytes:
    from composer.render.history import render_history

    return render_history(history, fmt)
