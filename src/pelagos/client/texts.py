"""The words the official ``onc`` client prints and raises, reproduced so that switching clients changes no output."""

from __future__ import annotations

import pprint
import re
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

import humanize

_TOKEN_IN_URL = re.compile(r"(?<=[?&]token=)[^&#]*")

#: Text of the data product file statuses (official ``_DataProductFile.getInfo``); 777 means "kept, not overwritten".
FILE_STATUS = {
    200: "complete",
    202: "running",
    204: "no content",
    400: "error",
    401: "unauthorized",
    404: "not found",
    410: "gone",
    500: "server error",
    777: "skipped",
}
SKIPPED = 777


def redact(url: str) -> str:
    """The URL with the value of its ``token`` query parameter replaced, safe to show in logs and errors."""
    return _TOKEN_IN_URL.sub("REDACTED", url)


def format_duration(secs: float) -> str:
    """A duration as the official client prints it: milliseconds below a second, humanized above."""
    if secs < 1.0:
        return f"{secs:.3f} seconds"
    return humanize.naturaldelta(timedelta(seconds=secs))


def format_size(size: float) -> str:
    """A size in decimal units, as the official client prints request sizes."""
    return humanize.naturalsize(size)


def service_error_message(status: int, url: str, reason: str, body: Any, style: str) -> str:
    """The message of the error the official client raises for a failed request.

    ``style`` "service" follows ``_doRequest`` (``raise_for_status`` wording beyond 400/401); "plain" follows the
    download and run paths ("The server request failed with HTTP status N.").
    """
    if status == 400:
        entries = body.get("errors", []) if isinstance(body, dict) else []
        lines = [
            f"API Error {e.get('errorCode')}: {e.get('errorMessage')} (parameter: {e.get('parameter')})"
            for e in entries
            if isinstance(e, dict)
        ]
        return "\n".join([f"\nStatus 400 - Bad Request: {url}", *lines])
    if status == 401:
        return (
            f"Status 401 - Unauthorized: {url}\n"
            "Please check that your Web Services API token is valid. "
            "Find your token in your registered profile at "
            "https://data.oceannetworks.ca."
        )
    if style == "service" and 400 <= status < 600:
        kind = "Client" if status < 500 else "Server"
        return f"{status} {kind} Error: {reason} for url: {url}"
    return f"The server request failed with HTTP status {status}."


def warning_message(url: str, filters: Mapping[str, Any], messages: list[Any]) -> str:
    """The warning the official client logs when a response carries ``messages`` (token left out)."""
    shown = {k: v for k, v in filters.items() if k != "token"}
    listed = "\n".join(f"* {message}" for message in messages)
    return (
        f"When calling {url} with filters\n{pprint.pformat(shown)},\n"
        f"there are several warning messages:\n{listed}\n"
    )
