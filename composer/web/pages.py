"""The four pages (Library, Compose, Compare, Agreed language) and their htmx fragments."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from composer.errors import ComposerError, UsageError
from composer.web import forms
from composer.web.errors import CsrfError
from composer.web.jobs import JobResult
from composer.web.rendering import error_response, is_htmx, render_html, status_for
from composer.web.requests import MEDIA_TYPES, ComposeRequest
from composer.web.security import CSRF_COOKIE, CSRF_FIELD, check_csrf
from composer.web.uploads import read_series, read_two_uploads

# The pipeline (library, assemble, render, compare) is imported inside the routes that use it,
# so that the server answers /healthz before any of it has been imported.

router = APIRouter(include_in_schema=False)


def _library(request: Request, strict: bool = True):  # type: ignore[no-untyped-def]
    return request.app.state.library.get(strict=strict)


async def _checked_form(request: Request, max_files: int = 0):  # type: ignore[no-untyped-def]
    """The posted form, refused (403) unless it carries this browser's CSRF token."""
    form = await request.form(max_files=max_files, max_fields=200)
    token = form.get(CSRF_FIELD)
    if not check_csrf(request.app.state.settings.secret, request.cookies.get(CSRF_COOKIE),
                      token if isinstance(token, str) else None):
        await form.close()
        raise CsrfError("the form has expired or did not come from this page; reload the page and try again")
    return form


@router.get("/")
def home() -> RedirectResponse:
    return RedirectResponse("/library", status_code=303)


@router.get("/empty")
def empty() -> HTMLResponse:
    return HTMLResponse("")


@router.get("/library")
def library_page(request: Request) -> Response:
    from composer.library.query import select_clauses
    from composer.web.views import clause_row, filter_choices

    library = _library(request)
    cache = request.app.state.library
    flt = forms.library_filter(request.query_params)
    context: dict[str, Any] = {"flt": flt, "error": None, "rows": [], "description": flt.describe()}
    try:
        rows = cache.derived(library, "rows", lambda lib: {c.id: clause_row(c) for c in lib.clauses})
        context["rows"] = [rows[c.id] for c in select_clauses(library, flt)]
    except UsageError as exc:
        context.update(error=True, heading="Not a valid filter", status=400, lines=[str(exc)])
    status = 400 if context["error"] else 200
    if is_htmx(request) and request.headers.get("hx-target") == "results":
        return render_html(request, "_library_results.html.j2", status_code=status, **context)
    return render_html(request, "library.html.j2", status_code=status, active="/library", page_title="Library",
                       choices=cache.derived(library, "choices", filter_choices), **context)


@router.get("/library/clauses/{clause_id}")
def clause_provenance(request: Request, clause_id: str) -> Response:
    from composer.web.views import provenance

    library = _library(request)
    clause = library.by_id().get(clause_id)
    if clause is None:
        return error_response(request, 404, f"no clause with id {clause_id!r}")
    return render_html(request, "_provenance.html.j2", p=provenance(library, clause))


@router.get("/compose")
def compose_page(request: Request) -> Response:
    from composer.web.services import template_choices
    from composer.web.views import filter_choices

    library = _library(request)
    params = request.query_params
    preset = {
        "clusters": forms.numbers(params, "cluster", "cluster"),
        "objectives": forms.numbers(params, "objective", "objective"),
        "ids": [i for i in forms.values(params, "id") if i in library.by_id()],
    }
    by_id = library.by_id()
    picked = [(cid, by_id[cid].text) for cid in preset["ids"]]
    return render_html(request, "compose.html.j2", active="/compose", page_title="Compose",
                       choices=filter_choices(library), preset=preset, picked=picked,
                       templates=list(template_choices(request.app.state.settings.root)),
                       annex_choices=("all", "compendium", "none"), annex_default="all")


def compose_request_from_form(form: Any) -> tuple[str, ComposeRequest]:
    kind = forms.text(form, "kind") or "brief"
    if kind not in ("brief", "draft"):
        raise UsageError(f"compose a brief or a draft, not {kind!r}")
    request = ComposeRequest(
        clusters=forms.numbers(form, "cluster", "cluster"),
        objectives=forms.numbers(form, "objective", "objective"),
        ids=forms.values(form, "id"),
        delegation=forms.text(form, "delegation"),
        title=forms.text(form, "title"),
        date=forms.text(form, "date"),
        template=forms.text(form, "template"),
        annexes=forms.text(form, "annexes") or "all",
        provenance=forms.text(form, "provenance") != "no",
        format=forms.text(form, "format") or "docx",
    )
    return kind, request


@router.post("/compose/jobs")
async def start_compose(request: Request) -> Response:
    from composer.web.services import assemble, output_stem, render_document, resolve_template

    form = await _checked_form(request)
    try:
        kind, spec = compose_request_from_form(form)
    except ValueError as exc:  # pydantic: a field out of range
        raise UsageError(_first_error(exc)) from None
    settings = request.app.state.settings
    template = resolve_template(settings.root, spec.template)
    cache = request.app.state.library
    label = "Briefing pack" if kind == "brief" else "Draft compact text"
    stem = output_stem(kind, spec)
    steps = ("Loading the library", f"Assembling the {kind}", f"Rendering {spec.format.upper()}")

    def work(progress) -> JobResult:  # type: ignore[no-untyped-def]
        progress(0)
        library = cache.get()
        progress(1)
        document = assemble(library, kind, spec)  # type: ignore[arg-type]
        progress(2)
        data = render_document(document, spec.format, template)
        return JobResult(f"{stem}.{spec.format}", MEDIA_TYPES[spec.format], data)

    job = request.app.state.jobs.submit(f"{label} ({stem}.{spec.format})", steps, work)
    return _job_fragment(request, job, status_code=202)


def _first_error(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        first = errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        return f"{where}: {first.get('msg', 'invalid')}"
    return str(exc)


def _job_fragment(request: Request, job: Any, status_code: int = 200) -> Response:
    keep = int(request.app.state.settings.job_keep_seconds // 60)
    return render_html(request, "_job.html.j2", status_code=status_code, job=job, keep_minutes=keep)


@router.get("/jobs/{job_id}")
def job_status(request: Request, job_id: str) -> Response:
    job = request.app.state.jobs.get(job_id)
    if job is None:
        return error_response(request, 404, "no such render (finished renders are kept for a few minutes only)")
    return _job_fragment(request, job)


@router.get("/jobs/{job_id}/file")
def job_file(request: Request, job_id: str) -> Response:
    job = request.app.state.jobs.get(job_id)
    if job is None or job.result is None:
        return error_response(request, 404, "no such file (finished renders are kept for a few minutes only)")
    return file_response(job.result)


def file_response(result: JobResult) -> Response:
    return Response(result.data, media_type=result.media_type,
                    headers={"content-disposition": f'attachment; filename="{result.filename}"',
                             "cache-control": "no-store"})


@router.get("/compare")
def compare_page(request: Request) -> Response:
    settings = request.app.state.settings
    return render_html(request, "compare.html.j2", active="/compare", page_title="Compare",
                       max_upload_mb=round(settings.max_upload_bytes / (1024 * 1024), 1))


@router.post("/compare")
async def compare_submit(request: Request) -> Response:
    from composer.render.redline.html import view_model
    from composer.web.services import compare_uploads, redline_options

    form = await _checked_form(request, max_files=2)
    try:
        old, new = await read_two_uploads(form)
    finally:
        await form.close()
    redline, _old_doc, _new_doc = await run_in_threadpool(compare_uploads, old, new)
    view = view_model(redline, redline_options(redline))
    return render_html(request, "_redline.html.j2", v=view)


@router.get("/history")
def history_page(request: Request) -> Response:
    from composer.web.services import MAX_HISTORY_VERSIONS, corpus_series

    settings = request.app.state.settings
    series = {name: [path.name for path in paths] for name, paths in corpus_series(settings.corpus).items()}
    return render_html(request, "history.html.j2", active="/compare", page_title="History of a series",
                       series=series, max_versions=MAX_HISTORY_VERSIONS,
                       max_upload_mb=round(settings.max_upload_bytes / (1024 * 1024), 1))


@router.post("/history")
async def history_submit(request: Request) -> Response:
    """The history of the uploaded series (or the corpus series picked), as a fragment of the page."""
    from composer.web.history_view import history_view
    from composer.web.services import MAX_HISTORY_VERSIONS, history_of_uploads, series_labels

    form = await _checked_form(request, max_files=MAX_HISTORY_VERSIONS + 1)
    try:
        uploads = list(form.getlist("versions"))
        series = forms.text(form, "series")
        drafts = await read_series(request.app.state.settings.corpus, uploads, series)
    finally:
        await form.close()
    labels = forms.text(form, "labels") or (series_labels(series, [n for _, n in drafts]) if series else None)
    history = await run_in_threadpool(history_of_uploads, drafts, labels)
    view = await run_in_threadpool(history_view, history)
    return render_html(request, "_history.html.j2", h=view)


@router.get("/agreed")
def agreed_page(request: Request) -> Response:
    from composer.library.models import GAP_LABELS

    ref = forms.text(request.query_params, "ref")
    context: dict[str, Any] = {"ref": ref, "unit": None, "error": None, "items": [], "positions": []}
    status = 200
    if ref:
        try:
            context.update(agreed_context(request, ref))
        except ComposerError as exc:
            status = status_for(exc)
            context.update(error=True, heading="Not a paragraph of the compact", status=status, lines=[str(exc)])
    return render_html(request, "agreed.html.j2", status_code=status, active="/agreed",
                       page_title="Agreed language", gap_labels=GAP_LABELS, **context)


def agreed_context(request: Request, ref: str) -> dict[str, Any]:
    """The unit, its children, and every clause and position traced to it."""
    from composer.compact.parse import load_compact
    from composer.library.query import ClauseFilter, select_clauses

    library = _library(request)
    compact = load_compact()
    unit = compact.unit(ref)
    clauses = select_clauses(library, ClauseFilter(gcm_ref=unit.ref))
    root = request.app.state.settings.root
    items = [link_item(library, root, c) for c in clauses]
    positions = []
    seen: set[str] = set()
    for clause in clauses:
        position = library.position_of(clause.id)
        if position is not None and position.id not in seen:
            seen.add(position.id)
            positions.append(position)
    objective = compact.objectives.get(unit.objective) if unit.objective else None
    return {"ref": unit.ref, "unit": unit, "children": compact.children(unit.address), "objective": objective,
            "items": items, "positions": positions}


def link_item(library: Any, root: Any, clause: Any, **extra: Any) -> dict[str, Any]:
    from composer.web.curation import clause_version
    from composer.web.views import link_view

    link = clause.gcm
    item = {"clause": clause, "gap": link_view(clause), "why": link.why if link is not None else None,
            "position": library.position_of(clause.id), "version": clause_version(root, clause),
            "message": None, "error": None, "status": 200}
    item.update(extra)
    return item


@router.post("/agreed/confirm")
async def confirm(request: Request) -> Response:
    from composer.library.models import GAP_LABELS
    from composer.web.curation import LinkChange, confirm_link

    form = await _checked_form(request)
    clause_id = forms.text(form, "clause") or ""
    library = _library(request)
    clause = library.by_id().get(clause_id)
    if clause is None:
        return error_response(request, 404, f"no clause with id {clause_id!r}")
    refs = tuple(part.strip() for part in (forms.text(form, "refs") or "").split(",") if part.strip())
    change = LinkChange(clause_id, refs, forms.text(form, "gap") or "", forms.text(form, "why"))
    root = request.app.state.settings.root
    ref = forms.text(form, "ref") or (refs[0] if refs else "")
    try:
        await run_in_threadpool(confirm_link, root, clause, change, forms.text(form, "version"))
    except ComposerError as exc:
        status = status_for(exc)
        item = link_item(library, root, clause, error=str(exc), status=status)
        if not is_htmx(request):
            return error_response(request, status, str(exc))
        return render_html(request, "_link_row.html.j2", status_code=status, item=item, ref=ref,
                           gap_labels=GAP_LABELS)
    fresh = _library(request)
    clause = fresh.by_id()[clause_id]
    item = link_item(fresh, root, clause, message=f"Saved to {clause.file}")
    if not is_htmx(request):
        return RedirectResponse(f"/agreed?ref={quote(ref)}", status_code=303)
    return render_html(request, "_link_row.html.j2", item=item, ref=ref, gap_labels=GAP_LABELS)


__all__ = ["router"]
