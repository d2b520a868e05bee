"""Exceptions of the pelagos client, compatible with what code written for the official client catches.

:class:`ApiError` subclasses ``requests.HTTPError`` (what the official client raises) and adds the API's error
codes as fields; failures below HTTP become ``requests`` connection and timeout exceptions.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import httpx
import orjson
import requests

from pelagos.client.texts import redact, service_error_message


class ErrorDetail(NamedTuple):
    """One entry of the API's ``errors`` list."""

    code: int
    message: str
    parameter: str


class ApiError(requests.exceptions.HTTPError):
    """The API refused a request: HTTP ``status``, the API's ``errors`` and the ``url`` (token redacted).

    The message is the official client's, so code matching ``API Error 127`` in it keeps working.
    """

    def __init__(
        self,
        message: str,
        *,
        status: int,
        errors: list[ErrorDetail] | None = None,
        url: str = "",
        response: Any = None,
    ) -> None:
        super().__init__(message, response=response)
        self.status = status
        self.errors = errors or []
        self.url = url

    @property
    def codes(self) -> list[int]:
        """The API error codes, e.g. ``[127]``."""
        return [e.code for e in self.errors]

    @classmethod
    def from_response(cls, response: httpx.Response, style: str = "service") -> ApiError:
        """Build the error for a failed response; ``style`` picks the official wording (see texts)."""
        body = parse_json_or_none(response.content)
        entries = body.get("errors") if isinstance(body, dict) else None
        errors = [
            ErrorDetail(
                int(e.get("errorCode", 0)), str(e.get("errorMessage", "")), str(e.get("parameter", ""))
            )
            for e in entries or []
            if isinstance(e, dict)
        ]
        url = redact(str(response.url))
        message = service_error_message(response.status_code, url, response.reason_phrase, body, style)
        return cls(message, status=response.status_code, errors=errors, url=url, response=response)


class MaxRetriesException(RuntimeError):
    """A data product file was polled more than ``maxRetries`` times (as in the official client)."""

    def __init__(self, max_retries: int) -> None:
        super().__init__(f"Maximum number of retries ({max_retries}) exceeded")


class DownloadError(requests.exceptions.RequestException):
    """A file arrived incomplete or did not match its announced size or checksum, after every retry."""


def parse_json_or_none(content: bytes) -> Any:
    """The JSON body of a response, or None when it is empty or not JSON."""
    try:
        return orjson.loads(content)
    except orjson.JSONDecodeError:
        return None


def connection_failure(exc: httpx.TransportError, url: str) -> requests.exceptions.RequestException:
    """The ``requests`` exception the official client would have raised for a failure below HTTP."""
    text = f"{type(exc).__name__}: {exc} ({redact(url)})"
    if isinstance(exc, httpx.ConnectTimeout):
        return requests.exceptions.ConnectTimeout(text)
    if isinstance(exc, httpx.TimeoutException):
        return requests.exceptions.ReadTimeout(text)
    return requests.exceptions.ConnectionError(text)
