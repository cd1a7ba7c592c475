"""The JSON API beside the pages: the command line's operations, for scripts.

``GET /api/clauses`` answers what ``compose clauses list --json`` prints; ``POST /api/brief``
and ``/api/draft`` take the command's options as JSON and return the file; ``POST /api/diff``
takes two drafts and returns the redline; ``POST /api/history`` takes a series and returns what
``compose history`` writes. The OpenAPI document at ``/openapi.json`` is the
framework's own, generated from these signatures.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool

from composer.web.jobs import JobResult
from composer.web.pages import file_response
from composer.web.requests import MEDIA_TYPES, ComposeRequest, upload_name
from composer.web.uploads import read_series

router = APIRouter(prefix="/api", tags=["api"])
service = APIRouter(tags=["service"])


@service.get("/healthz", response_class=PlainTextResponse, summary="Liveness: ok as soon as the server runs")
def healthz() -> PlainTextResponse:
    """Answers before the library has loaded, so a supervisor knows the process is up."""
    return PlainTextResponse("ok")


_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "Invalid option (the message names it and the valid values)"},
    422: {"description": "Unreadable, hostile or malformed input"},
    503: {"description": "The library itself has problems (see `compose check`)"},
}
_FILE = {"description": "The file", "content": {t.split(";")[0]: {} for t in MEDIA_TYPES.values()}}


@router.get("/clauses", summary="Clauses, filtered as by `compose clauses list --json`", responses={**_ERRORS})
def list_clauses(
    request: Request,
    cluster: Annotated[list[int], Query(description="Thematic cluster 1-6 (repeatable)")] = [],  # noqa: B006
    objective: Annotated[list[int], Query(description="GCM objective 1-23 (repeatable)")] = [],  # noqa: B006
    source: Annotated[list[str], Query(description="Source id (repeatable)")] = [],  # noqa: B006
    actor: Annotated[list[str], Query(description="Actor, any registered spelling")] = [],  # noqa: B006
    kind: Annotated[list[str], Query(description="Clause kind")] = [],  # noqa: B006
    theme: Annotated[list[str], Query(description="Theme tag")] = [],  # noqa: B006
    text: Annotated[str | None, Query(description="Every word must occur")] = None,
    gcm: Annotated[str | None, Query(description='Traced to a compact unit, e.g. "para 29(h)"')] = None,
    unmatched: Annotated[bool, Query(description="Only clauses the compact does not take up")] = False,
) -> list[dict[str, Any]]:
    from composer.library.export import clause_record
    from composer.library.query import ClauseFilter, select_clauses

    library = request.app.state.library.get()
    flt = ClauseFilter(clusters=tuple(cluster), objectives=tuple(objective), sources=tuple(source),
                       actors=tuple(actor), kinds=tuple(kind), themes=tuple(theme), text=text or None,
                       gcm_ref=gcm or None, unmatched=unmatched)
    return [clause_record(c) for c in select_clauses(library, flt)]


def _compose(request: Request, kind: Literal["brief", "draft"], spec: ComposeRequest) -> Response:
    from composer.web.services import assemble, output_stem, render_document, resolve_template

    template = resolve_template(request.app.state.settings.root, spec.template)
    document = assemble(request.app.state.library.get(), kind, spec)
    data = render_document(document, spec.format, template)
    return file_response(JobResult(f"{output_stem(kind, spec)}.{spec.format}", MEDIA_TYPES[spec.format], data))


@router.post("/brief", summary="Compose a briefing pack (the file back)", response_class=Response,
             responses={200: _FILE, **_ERRORS})
def brief(request: Request, spec: ComposeRequest) -> Response:
    return _compose(request, "brief", spec)


@router.post("/draft", summary="Compose draft compact text (the file back)", response_class=Response,
             responses={200: _FILE, **_ERRORS})
def draft(request: Request, spec: ComposeRequest) -> Response:
    return _compose(request, "draft", spec)


@router.post("/diff", summary="Compare two drafts (the redline back)", response_class=Response,
             responses={200: _FILE, 413: {"description": "Upload over the size cap"},
                        415: {"description": "Not a DOCX, text or Markdown file"}, **_ERRORS})
async def diff(
    old: Annotated[UploadFile, File(description="Older draft: DOCX, text or Markdown")],
    new: Annotated[UploadFile, File(description="Newer draft, of the same kind")],
    format: Annotated[Literal["docx", "pdf", "html", "md", "json"], Form(description="Redline format")] = "md",
) -> Response:
    from composer.web.services import compare_uploads, render_redline_file

    pair = []
    for field, upload in (("old", old), ("new", new)):
        name = upload_name(upload.filename, field)
        pair.append((await upload.read(), name))
        await upload.close()
    redline, old_doc, new_doc = await run_in_threadpool(compare_uploads, pair[0], pair[1])
    data = await run_in_threadpool(render_redline_file, redline, old_doc, new_doc, format)
    stem = f"redline-{pair[0][1].rsplit('.', 1)[0]}-vs-{pair[1][1].rsplit('.', 1)[0]}"
    return file_response(JobResult(f"{_safe(stem)}.{format}", MEDIA_TYPES[format], data))


HistoryFormat = Literal["json", "md", "html", "docx", "pdf"]


@router.post("/history", summary="Follow every paragraph across a series of drafts (the history back)",
             response_class=Response,
             responses={200: _FILE, 413: {"description": "Uploads over the size cap"},
                        415: {"description": "Not a DOCX, text or Markdown file"}, **_ERRORS})
async def history(
    request: Request,
    versions: Annotated[list[UploadFile], File(description="The drafts in negotiation order (two or more; "
                                                           "repeat the field)")] = [],  # noqa: B006
    series: Annotated[str | None, Form(description="Instead of uploads: a series of the server's corpus "
                                                   "folder (compose serve --corpus)")] = None,
    labels: Annotated[str | None, Form(description='One name per version, comma-separated ("Zero draft,Rev 1")')]
    = None,
    format: Annotated[HistoryFormat, Form(description="json: the lineage model; the others: the report")] = "json",
) -> Response:
    """What `compose history V1 ... VN --labels ... --format F` writes, for uploaded drafts."""
    from composer.web.services import history_of_uploads, render_history_file, series_labels

    drafts = await read_series(request.app.state.settings.corpus, versions, series)
    if series and not labels:
        labels = series_labels(series, [name for _, name in drafts])
    result = await run_in_threadpool(history_of_uploads, drafts, labels)
    data = await run_in_threadpool(render_history_file, result, format)
    first, last = (Path(drafts[0][1]).stem, Path(drafts[-1][1]).stem)
    stem = f"history-{series}" if series else f"history-{first}-to-{last}"
    return file_response(JobResult(f"{_safe(stem)}.{format}", MEDIA_TYPES[format], data))


def _safe(stem: str) -> str:
    """A download name with nothing a header or a file system would misread."""
    return "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in stem)[:150]
