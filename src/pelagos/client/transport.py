"""HTTP for the client: one pooled httpx client per ONC object, every request retried under a RetryPolicy.

:class:`Transport` (blocking) and :class:`AsyncTransport` share the policy's decisions; each returns the final
response (possibly an error status once retries are spent) or raises a ``requests``-compatible exception.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Mapping, Sequence
from typing import Any

import httpx

from pelagos import __version__
from pelagos.client.errors import connection_failure
from pelagos.client.retry import RETRYABLE_ERRORS, RetryPolicy
from pelagos.client.texts import redact

log = logging.getLogger("pelagos.client")

Params = Mapping[str, Any]
USER_AGENT = f"pelagos-client/{__version__}"


def encode_params(params: Params) -> list[tuple[str, str | int | float | bool | None]]:
    """Query items as ``requests`` would send them: None dropped, lists repeated, other values ``str()`` (True)."""
    items: list[tuple[str, str | int | float | bool | None]] = []
    for key, value in params.items():
        if value is None:
            continue
        values: Sequence[Any] = value if isinstance(value, list | tuple) else [value]
        items.extend((key, str(v)) for v in values if v is not None)
    return items


def _client_options(timeout: float, connections: int) -> dict[str, Any]:
    return {
        "timeout": httpx.Timeout(timeout),
        "limits": httpx.Limits(max_connections=connections, max_keepalive_connections=connections),
        "follow_redirects": True,
        "headers": {"User-Agent": USER_AGENT},
    }


class RedactTokens(logging.Filter):
    """Replaces the token in any URL that httpx logs (``HTTP Request: GET …?token=…`` at INFO), so that an
    application logging at INFO never writes a token to its logs."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(redact(str(a)) if isinstance(a, httpx.URL | str) else a for a in record.args)
        return True


_REDACT = RedactTokens()
for _name in ("httpx", "httpcore"):
    if _REDACT not in logging.getLogger(_name).filters:
        logging.getLogger(_name).addFilter(_REDACT)


def _log_retry(method: str, url: str, why: str, wait: float) -> None:
    log.info("%s %s: %s; retrying in %.2f s", method, redact(url), why, wait)


class Transport:
    """Blocking HTTP with connection reuse, timeouts and retries."""

    def __init__(self, policy: RetryPolicy, timeout: float = 60, connections: int = 16) -> None:
        self.policy = policy
        self.client = httpx.Client(**_client_options(timeout, connections))

    def send(
        self,
        method: str,
        url: str,
        params: Params,
        *,
        headers: Mapping[str, str] | None = None,
        timeout: float | None = None,
        stream: bool = False,
    ) -> httpx.Response:
        """Send a request, retrying connection errors, 5xx and 429; a streamed response must be closed."""
        attempt = 0
        while True:
            request = self.client.build_request(
                method, url, params=encode_params(params), headers=headers, timeout=timeout
            )
            try:
                response = self.client.send(request, stream=stream)
            except RETRYABLE_ERRORS as exc:
                wait = self.policy.delay_for(attempt, None, None)
                if wait is None:
                    raise connection_failure(exc, str(request.url)) from exc
                _log_retry(method, str(request.url), repr(exc), wait)
            except httpx.TransportError as exc:
                raise connection_failure(exc, str(request.url)) from exc
            else:
                wait = self.policy.delay_for(
                    attempt, response.status_code, response.headers.get("Retry-After")
                )
                if wait is None:
                    return response
                response.close()
                _log_retry(method, str(request.url), f"HTTP {response.status_code}", wait)
            time.sleep(wait)
            attempt += 1

    def close(self) -> None:
        self.client.close()


class AsyncTransport:
    """The same as :class:`Transport` on an ``httpx.AsyncClient``."""

    def __init__(self, policy: RetryPolicy, timeout: float = 60, connections: int = 16) -> None:
        self.policy = policy
        self.client = httpx.AsyncClient(**_client_options(timeout, connections))

    async def send(
        self,
        method: str,
        url: str,
        params: Params,
        *,
        headers: Mapping[str, str] | None = None,
        timeout: float | None = None,
        stream: bool = False,
    ) -> httpx.Response:
        """Send a request, retrying connection errors, 5xx and 429; a streamed response must be closed."""
        attempt = 0
        while True:
            request = self.client.build_request(
                method, url, params=encode_params(params), headers=headers, timeout=timeout
            )
            try:
                response = await self.client.send(request, stream=stream)
            except RETRYABLE_ERRORS as exc:
                wait = self.policy.delay_for(attempt, None, None)
                if wait is None:
                    raise connection_failure(exc, str(request.url)) from exc
                _log_retry(method, str(request.url), repr(exc), wait)
            except httpx.TransportError as exc:
                raise connection_failure(exc, str(request.url)) from exc
            else:
                wait = self.policy.delay_for(
                    attempt, response.status_code, response.headers.get("Retry-After")
                )
                if wait is None:
                    return response
                await response.aclose()
                _log_retry(method, str(request.url), f"HTTP {response.status_code}", wait)
            await asyncio.sleep(wait)
            attempt += 1

    async def aclose(self) -> None:
        await self.client.aclose()
