"""Database engine and the one MetaData every room registers its tables on.

The embedded default is a SQLite file in the data folder (WAL mode, so readers never block the writer);
the same SQLAlchemy Core code runs on PostgreSQL when ``PELAGOS_DATABASE_URL`` names one.
"""

from __future__ import annotations

import importlib
from typing import Any

from sqlalchemy import MetaData, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import NullPool

metadata = MetaData()

#: Modules that declare tables on :data:`metadata`; imported before ``create_all``.
SCHEMA_MODULES = (
    "pelagos.catalog.schema",
    "pelagos.series.schema",
    "pelagos.archive.schema",
    "pelagos.delivery.schema",
)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_engine(url: str) -> Engine:
    """Create an engine for ``url`` with the settings pelagos relies on (durable commits, WAL on SQLite)."""
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, poolclass=NullPool
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def load_schema() -> MetaData:
    """Import every schema module so that :data:`metadata` holds all tables."""
    for name in SCHEMA_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:  # a room that has not landed yet
            if exc.name != name:
                raise
    return metadata


def create_schema(engine: Engine) -> None:
    """Create every table that does not exist yet."""
    load_schema().create_all(engine)
