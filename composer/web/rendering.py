"""Jinja2 for the pages, and the errors every route turns into the same clear answer.

A user's mistake (a bad upload, an unknown objective) is a ComposerError: the page shows its
one line, an API client gets ``{"detail": ...}``, both with a 4xx status. Anything else is a
bug: the client gets "internal error" and the traceback goes to the server's log only.
"""

from __future__ import annotations

import datetime as dt
import logging
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from composer.errors import ComposerError, InputDocumentError, LibraryError, UsageError
from composer.templating import human_date
from composer.web.errors import CsrfError, LinkConflictError, UnsupportedUploadError
from composer.web.security import CSRF_COOKIE, csrf_token, new_csrf_cookie

WEB_TEMPLATES = Path(__file__).resolve().parent / "templates"
log = logging.getLogger("composer.web")


@cache
def environment() -> jinja2.Environment:
    """Autoescaping everywhere: clause text with markup in it is shown as text."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(WEB_TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["human_date"] = human_date
    return env


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def csrf_cookie_of(request: Request) -> str:
    """The browser's CSRF cookie, or a new one (set on the response by :func:`page`)."""
    cookie = request.cookies.get(CSRF_COOKIE)
    if not cookie or len(cookie) > 100:
        cookie = getattr(request.state, "new_csrf_cookie", None) or new_csrf_cookie()
        request.state.new_csrf_cookie = cookie
    return cookie


def render_html(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render template ``name`` with what every page needs; set the CSRF cookie if new."""
    settings = request.app.state.settings
    cookie = csrf_cookie_of(request)
    context.setdefault("page_title", "compact-composer")
    context.setdefault("active", "")
    context.setdefault("library_name", settings.root.name)
    context["csrf_token"] = csrf_token(settings.secret, cookie)
    context.setdefault("today", dt.date.today().isoformat())
    html = environment().get_template(name).render(**context)
    response = HTMLResponse(html, status_code=status_code)
    if request.cookies.get(CSRF_COOKIE) != cookie:
        response.set_cookie(CSRF_COOKIE, cookie, httponly=True, samesite="strict", path="/")
    response.headers["cache-control"] = "no-store"
    return response


def status_for(exc: ComposerError) -> int:
    """The HTTP status that says whose mistake it was."""
    if isinstance(exc, CsrfError):
        return 403
    if isinstance(exc, LinkConflictError):
        return 409
    if isinstance(exc, UnsupportedUploadError):
        return 415
    if isinstance(exc, InputDocumentError):
        return 422
    if isinstance(exc, LibraryError):
        return 503
    if isinstance(exc, UsageError):
        return 400
    return 500


HEADINGS = {
    400: "Not a valid request",
    403: "Refused",
    404: "Not found",
    405: "Not allowed",
    409: "Changed meanwhile",
    413: "Upload too large",
    415: "Not a supported file",
    422: "Cannot read that",
    500: "Something went wrong",
    503: "The library has problems",
}


def error_response(request: Request, status: int, message: str) -> Response:
    """One answer for every error: JSON for the API, a fragment or a page for the browser."""
    if wants_json(request):
        return JSONResponse({"detail": message}, status_code=status)
    lines = message.splitlines() or [message]
    heading = HEADINGS.get(status, "Error")
    name = "_error.html.j2" if is_htmx(request) else "error_page.html.j2"
    return render_html(request, name, status_code=status, heading=heading, status=status, lines=lines,
                       page_title=heading)
