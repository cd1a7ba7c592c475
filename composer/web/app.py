"""The ASGI application: routes, middleware and error handlers, wired from :class:`WebSettings`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from composer.errors import ComposerError
from composer.web import api, pages
from composer.web.head import HeadAsGet
from composer.web.jobs import JobQueue
from composer.web.library_cache import LibraryCache
from composer.web.rendering import environment, error_response, log, render_html, status_for, wants_json
from composer.web.security import BodySizeLimit, SecurityHeaders
from composer.web.settings import WebSettings

STATIC_DIR = Path(__file__).resolve().parent / "static"


def create_app(settings: WebSettings) -> FastAPI:
    """A new app over the library at ``settings.root``; nothing is loaded until it starts."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.warm_library:
            app.state.library.warm(delay=settings.warm_delay)
        yield
        app.state.jobs.shutdown()

    app = FastAPI(
        title="compact-composer",
        summary="The clause library, briefs, drafts and redlines of compact-composer over HTTP.",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.library = LibraryCache(settings.root)
    app.state.jobs = JobQueue(settings.job_workers, settings.job_keep_seconds, settings.max_jobs)

    app.include_router(pages.router)
    app.include_router(api.router)
    app.include_router(api.service)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    _add_docs(app)
    _add_error_handlers(app)

    # Each add_middleware wraps the ones before it: SecurityHeaders is outermost (its headers go on
    # every answer, refusals included), then the Host check, which refuses a rebound name before
    # any route or body is read; HEAD becomes GET last, just before routing.
    app.add_middleware(HeadAsGet)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_upload_bytes)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts))
    app.add_middleware(SecurityHeaders)
    return app


def _schema_type(schema: dict[str, Any] | None) -> str:
    if not schema:
        return ""
    if "enum" in schema:  # before "type": the values say more than "string"
        return " | ".join(map(str, schema["enum"]))
    if "type" in schema:
        if schema["type"] == "array":
            return f"list of {_schema_type(schema.get('items'))}"
        return str(schema["type"])
    if "anyOf" in schema:
        return " or ".join(_schema_type(s) for s in schema["anyOf"])
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    return ""


def _add_docs(app: FastAPI) -> None:
    """``/docs``: the OpenAPI document as a page, server-rendered (no script from elsewhere)."""

    def body_fields(schema: dict[str, Any]) -> str:
        spec = app.openapi()
        name = schema.get("$ref", "").rsplit("/", 1)[-1]
        model = spec.get("components", {}).get("schemas", {}).get(name, schema)
        fields = model.get("properties", {})
        return f"{name}: " + ", ".join(f"{k} ({_schema_type(v)})" for k, v in fields.items()) if fields else name

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        env = environment()
        env.globals.update(schema_type=_schema_type, body_fields=body_fields)
        return render_html(request, "docs.html.j2", active="/docs", page_title="API", spec=app.openapi())


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ComposerError)
    async def composer_error(request: Request, exc: ComposerError) -> Response:
        return error_response(request, status_for(exc), str(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else "request refused"
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"nothing at {request.url.path}"
        return error_response(request, exc.status_code, detail)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        if wants_json(request):
            from fastapi.exception_handlers import request_validation_exception_handler

            return await request_validation_exception_handler(request, exc)
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        return error_response(request, 422, f"{where}: {first.get('msg', 'invalid')}")

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s %s", request.method, request.url.path)
        return error_response(request, 500, "internal error; the details are in the server's log")
