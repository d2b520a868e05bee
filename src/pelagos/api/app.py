"""The HTTP application: every Oceans 3.0 route under ``/api/``, the error format, and the server's lifecycle."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from pelagos import __version__
from pelagos.api import archivefiles, delivery, discovery, ingest, realtime
from pelagos.api.accesslog import AccessLog
from pelagos.api.deps import ServerState
from pelagos.api.errors import INVALID_VALUE, ApiError, ErrorEntry, NotFound
from pelagos.api.legacy import LegacyMethodRoutes, verbs_for
from pelagos.api.responses import OrjsonResponse
from pelagos.catalog.tokens import TokenCheck
from pelagos.catalog.view import CatalogCache
from pelagos.config import Settings
from pelagos.db import create_schema, make_engine
from pelagos.series.store import RawStore, SampleStore

log = logging.getLogger("pelagos")

#: Background services started with the server; each takes the state and returns a function that stops it.
Service = Callable[[ServerState], Callable[[], None]]


def build_state(settings: Settings) -> ServerState:
    """Open the database (creating missing tables) and the caches a server needs."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.database_url)
    create_schema(engine)
    return ServerState(
        settings, engine, CatalogCache(engine), TokenCheck(engine), SampleStore(engine), RawStore(engine), {}
    )


def create_app(settings: Settings, services: list[Service] | None = None) -> FastAPI:
    """A FastAPI app serving ``settings``' observatory; ``services`` run for the app's lifetime."""
    server = build_state(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        stops = [start(server) for start in services or []]
        try:
            yield
        finally:
            for stop in reversed(stops):
                stop()
            server.engine.dispose()

    app = FastAPI(
        title="pelagos",
        version=__version__,
        description="An Oceans 3.0 compatible API for ocean observatory data.",
        lifespan=lifespan,
        default_response_class=OrjsonResponse,
    )
    app.state.pelagos = server
    app.include_router(discovery.router, prefix="/api", tags=["discovery"])
    app.include_router(realtime.router, prefix="/api", tags=["real-time data"])
    app.include_router(archivefiles.router, prefix="/api", tags=["archive files"])
    app.include_router(delivery.router, prefix="/api", tags=["data product delivery"])
    app.include_router(ingest.router, prefix="/api", tags=["ingest"])
    _install_error_handlers(app)
    app.openapi = _with_legacy_verbs(app)  # type: ignore[method-assign]
    app.add_middleware(LegacyMethodRoutes)
    app.add_middleware(AccessLog)
    return app


def _with_legacy_verbs(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """``app.openapi``, adding to each route that has legacy verbs (contract §0.1) its ``method`` parameter."""
    plain = app.openapi

    def openapi() -> dict[str, Any]:
        fresh = app.openapi_schema is None
        schema = plain()
        for path, item in schema["paths"].items() if fresh else ():
            verbs = verbs_for(path)
            for operation in item.values() if verbs else ():
                operation.setdefault("parameters", []).append(
                    {
                        "name": "method",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "string", "enum": verbs},
                        "description": "The legacy verb of this route (MATLAB client); redundant with the path.",
                    }
                )
        return schema

    return openapi


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_request: Request, exc: ApiError) -> Response:
        return OrjsonResponse(exc.body(), status_code=exc.status)

    @app.exception_handler(NotFound)
    async def not_found(_request: Request, exc: NotFound) -> Response:
        return OrjsonResponse({"message": str(exc) or "Not found", "status": 404}, status_code=404)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> Response:
        entries = [
            ErrorEntry(INVALID_VALUE, str(e.get("msg", "invalid value")), str(e.get("loc", ["", ""])[-1]))
            for e in exc.errors()
        ]
        return OrjsonResponse(
            ApiError(entries[:1] or [ErrorEntry(INVALID_VALUE, "invalid request", "")]).body(),
            status_code=400,
        )

    @app.exception_handler(HTTPException)
    async def http_error(_request: Request, exc: HTTPException) -> Response:
        return OrjsonResponse(
            {"message": exc.detail, "status": exc.status_code},
            status_code=exc.status_code,
            headers=exc.headers,
        )
