"""The JSON request every service call goes through, with the official client's info lines, errors and warnings."""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Mapping, MutableMapping
from typing import Any
from urllib import parse

import orjson

from pelagos.client.base import ClientBase
from pelagos.client.effects import Call, Op
from pelagos.client.errors import ApiError
from pelagos.client.texts import format_duration, warning_message

log = logging.getLogger("pelagos.client")


class _OfficialFallback(logging.Handler):
    """Shows the client's warnings as ``WARNING: <message>`` on stderr, as the official client does (it calls
    ``logging.basicConfig`` at import); stays silent once the application has configured logging itself."""

    def emit(self, record: logging.LogRecord) -> None:
        if logging.getLogger().handlers:
            return  # the root logger's handlers show it (the record propagates)
        try:
            sys.stderr.write(f"{record.levelname}: {record.getMessage()}\n")
        except Exception:
            self.handleError(record)


if not any(isinstance(handler, _OfficialFallback) for handler in log.handlers):
    log.addHandler(_OfficialFallback())


def service_url(cfg: ClientBase, service: str) -> str:
    """The absolute URL of an API service, e.g. ``locations`` or ``scalardata/device``."""
    return f"{cfg.baseUrl}api/{service}"


def parse_json(content: bytes) -> Any:
    """A JSON body, parsed fast (orjson), or by the standard library for what orjson refuses (NaN)."""
    try:
        return orjson.loads(content)
    except orjson.JSONDecodeError:
        return json.loads(content)


def info(cfg: ClientBase, message: str) -> None:
    """Print ``message`` when ``showInfo`` is on, as the official client does."""
    if cfg.showInfo:
        print(message)


def request_json(
    cfg: ClientBase, url: str, filters: Mapping[str, Any], style: str = "service"
) -> Op[tuple[Any, float]]:
    """GET ``url`` with the filters and the token; gives the JSON body and the response time in seconds.

    A failed request raises :class:`ApiError` worded as the official client's (``style``, see texts);
    ``messages`` in the answer are logged as warnings when ``showWarning`` is on.
    """
    params = {**filters, "token": cfg.token}
    info(cfg, f"Requesting URL:\n{url}?{parse.unquote(parse.urlencode(params))}")
    start = time.monotonic()
    response = yield Call("GET", url, params, cfg.timeout)
    elapsed = time.monotonic() - start
    if response.status_code >= 400:
        raise ApiError.from_response(response, style)
    result = parse_json(response.content)
    info(cfg, f"Web Service response time: {format_duration(elapsed)}")
    if cfg.showWarning and isinstance(result, dict) and result.get("messages"):
        log.warning(warning_message(url, params, result["messages"]))
    return result, elapsed


def stamp_token(cfg: ClientBase, filters: Any) -> None:
    """Write the token into the caller's filters dict, a side effect of the official client that code relies on
    (it reads ``filters["token"]`` back, or reuses the dict for the next call)."""
    if isinstance(filters, MutableMapping):
        filters["token"] = cfg.token


def get_json(cfg: ClientBase, service: str, filters: Mapping[str, Any] | None) -> Op[Any]:
    """GET an API service and give its JSON body."""
    result, _ = yield from request_json(cfg, service_url(cfg, service), dict(filters or {}))
    return result


def pick_service(filters: Mapping[str, Any] | None, by_device: str, by_location: str) -> str:
    """The device form when ``deviceCode`` is given, else the location form; the official client's rule."""
    filters = filters or {}
    if "deviceCode" in filters:
        return by_device
    if "locationCode" in filters and "deviceCategoryCode" in filters:
        return by_location
    raise ValueError(
        "Query parameters require either a combination of "
        "'locationCode' and 'deviceCategoryCode', "
        "or a 'deviceCode' present."
    )
