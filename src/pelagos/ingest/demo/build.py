"""Build the demo observatory into a data folder: catalog, demo user and token, then data from every room."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from pelagos.catalog.schema import locations
from pelagos.catalog.tokens import create_token
from pelagos.config import Settings

log = logging.getLogger("pelagos.demo")

DEMO_USER = "demo"
MARKER = ".demo-built"
TOKEN_FILE = "demo-token"

#: Steps that fill the demo with data, run in order after the catalog; each takes the settings and the engine.
DataStep = Callable[[Settings, Engine], None]


def data_steps() -> list[tuple[str, DataStep]]:
    """The data generators of every room, in the order data flows (samples before the files made from them)."""
    from pelagos.archive.demo import archive_step
    from pelagos.ingest.demo.samples import samples_step

    return [("samples", samples_step), ("archive", archive_step)]


def is_built(settings: Settings) -> bool:
    return (settings.data_dir / MARKER).exists()


def build_demo(settings: Settings, engine: Engine) -> None:
    """Fill an empty data folder with the demo observatory; a folder already built is left alone."""
    from pelagos.ingest.demo.catalog import load_network

    if is_built(settings):
        return
    started = time.perf_counter()
    with engine.begin() as conn:
        if conn.execute(select(func.count()).select_from(locations)).scalar_one() == 0:
            load_network(conn)
    for name, step in data_steps():
        t0 = time.perf_counter()
        step(settings, engine)
        log.info("demo: %s in %.1f s", name, time.perf_counter() - t0)
    (settings.data_dir / MARKER).write_text("1\n")
    log.info("demo observatory built in %.1f s", time.perf_counter() - started)


def demo_token(settings: Settings, engine: Engine) -> str:
    """The demo user's token: PELAGOS_DEMO_TOKEN when set, else the one kept in the data folder (made once)."""
    path: Path = settings.data_dir / TOKEN_FILE
    token = os.environ.get("PELAGOS_DEMO_TOKEN") or (path.read_text().strip() if path.exists() else None)
    with engine.begin() as conn:
        token = create_token(conn, DEMO_USER, token, operator=True)
    if not path.exists() or path.read_text().strip() != token:
        path.write_text(token + "\n")
        path.chmod(0o600)
    return token
