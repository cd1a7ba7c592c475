"""``HEAD`` answered as ``GET`` without the body, for every GET route (pages, API, health check).

FastAPI registers a ``@router.get`` route for GET only, so a ``HEAD`` (a link checker, ``curl
-I``, a supervisor's probe) would get 405. Adding HEAD to every route's methods would also add
a second operation per path to the OpenAPI document; instead the request is passed on as a GET
and the body the route sends is dropped here, its status and headers (``content-length``
included, as RFC 9110 asks) kept. Plain ASGI: the scope and the messages, no HTTP parsing.
"""

from __future__ import annotations

from composer.web.security import ASGIApp, Message, Receive, Scope, Send


class HeadAsGet:
    """Run a HEAD request as GET and send no body bytes."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)
