"""An access log an operator can keep: method, path, redacted query, status and duration; tokens never appear."""

from __future__ import annotations

import logging
import re
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("pelagos.access")

_SECRET = re.compile(r"((?:^|&)(?:token|apiKey|password)=)[^&]*", re.IGNORECASE)


def redact(query: str) -> str:
    """The query string with the values of secret parameters replaced by ``***``."""
    return _SECRET.sub(r"\1***", query)


class AccessLog:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def record(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, record)
        finally:
            query = redact(scope.get("query_string", b"").decode("latin-1"))
            client = scope.get("client") or ("-", 0)
            log.info(
                '%s "%s %s%s" %d %.1fms',
                client[0],
                scope["method"],
                scope["path"],
                f"?{query}" if query else "",
                status,
                (time.perf_counter() - start) * 1000,
            )
