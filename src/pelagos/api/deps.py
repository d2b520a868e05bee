"""Request-scoped helpers shared by every service module: the server state, the caller, the base URL, and the
URLs an answer echoes (``queryUrl`` with the token masked, the ``next`` page)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from sqlalchemy.engine import Engine
from starlette.requests import Request

from pelagos.api.errors import TOKEN_INVALID, TOKEN_MISSING, ApiError
from pelagos.catalog.tokens import TOKEN_RE, TokenCheck
from pelagos.catalog.view import CatalogCache, CatalogView
from pelagos.config import Settings
from pelagos.series.store import RawStore, SampleStore
from pelagos.timeutil import format_ms, now_ms


@dataclass
class ServerState:
    """What a running server holds: settings, the database, caches, and the services later rooms attach."""

    settings: Settings
    engine: Engine
    catalog: CatalogCache
    tokens: TokenCheck
    samples: SampleStore
    raw: RawStore
    services: dict[str, Any]


def state(request: Request) -> ServerState:
    server: ServerState = request.app.state.pelagos
    return server


def view(request: Request) -> CatalogView:
    return state(request).catalog.get()


def base_url(request: Request) -> str:
    """The URL clients reach this server at, ending with a slash."""
    configured = state(request).settings.public_url
    return configured or str(request.base_url)


def query_url(request: Request) -> str:
    """The request URL with the token masked, so responses never echo a secret."""
    query = [(k, "***" if k == "token" else v) for k, v in request.query_params.multi_items()]
    return f"{base_url(request)}{request.url.path.lstrip('/')}?{urlencode(query, safe='*')}"


def echo(request: Request) -> dict[str, str]:
    """The request's parameters without the token and the legacy ``method``."""
    return {k: v for k, v in request.query_params.items() if k not in ("token", "method")}


def next_page(request: Request, next_from: int | None, date_to: int | None) -> dict[str, Any] | None:
    """The ``next`` block: the same query from ``next_from`` (None: no next page), with dateTo always given
    (the official client's page estimate reads it)."""
    if next_from is None:
        return None
    parameters = {
        **echo(request),
        "dateFrom": format_ms(next_from),
        "dateTo": format_ms(date_to if date_to is not None else now_ms()),
    }
    url = f"{base_url(request)}{request.url.path.lstrip('/')}?{urlencode(parameters)}"
    return {"parameters": parameters, "url": url}


def require_user(request: Request) -> int:
    """The id of the user whose token the request carries; 401 in the API's error format otherwise."""
    token = request.query_params.get("token", "")
    if not token:
        raise ApiError.one(
            TOKEN_MISSING, "A token is required: add token=<your token> to the query", "token", 401
        )
    user_id = state(request).tokens.user_id(token) if TOKEN_RE.match(token) else None
    if user_id is None:
        raise ApiError.one(TOKEN_INVALID, "The token is not valid", "token", 401)
    request.state.user_id = user_id
    return user_id
