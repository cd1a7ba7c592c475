"""What keeps a local server local: Host check, body cap, strict headers, CSRF tokens.

All three middlewares are plain ASGI, so they run before any route, for every response
(errors and static files included), and none of them parses HTTP by hand: Starlette does.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import PlainTextResponse

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: No inline script or style, nothing from elsewhere, no framing, forms only to this server.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)

SECURITY_HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
)

CSRF_COOKIE = "composer_csrf"
CSRF_FIELD = "csrf_token"


class SecurityHeaders:
    """Add the strict headers to every HTTP response, unless a route set its own."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(name, value) for name, value in SECURITY_HEADERS if name not in present]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodySizeLimit:
    """Refuse a request body over ``max_bytes`` with 413, before any of it is parsed.

    A declared ``Content-Length`` over the cap is refused at once; a body without one (chunked)
    is counted as it arrives and cut off when it passes the cap, so nothing larger is buffered.
    The cut-off raises an ``HTTPException``, which FastAPI passes on untouched to the app's
    error handlers (one clear message, no traceback).
    """

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    def message(self) -> str:
        limit = f"{self.max_bytes / (1024 * 1024):.1f} MiB"
        return f"upload too large: the limit is {limit} (compose serve --max-upload-mb)"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await PlainTextResponse(self.message(), status_code=413)(scope, receive, send)
            return
        seen = 0

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise HTTPException(status_code=413, detail=self.message())
            return message

        await self.app(scope, counting_receive, send)


def csrf_token(secret: bytes, cookie: str) -> str:
    """The form token for a browser's CSRF cookie: an HMAC only this process can make."""
    return hmac.new(secret, cookie.encode("utf-8"), hashlib.sha256).hexdigest()


def check_csrf(secret: bytes, cookie: str | None, token: str | None) -> bool:
    """True when ``token`` was made for ``cookie`` by this process (constant-time compare)."""
    if not cookie or not token:
        return False
    return hmac.compare_digest(csrf_token(secret, cookie), token)


def new_csrf_cookie() -> str:
    return secrets.token_urlsafe(32)
