"""The Celery side of product generation: the app, and the one task that runs a queued run.

Workers read their settings from the same ``PELAGOS_*`` environment as the server (data folder, database URL,
broker URL) and open their own database engine in each worker process. Messages are acknowledged on receipt:
the database, not the broker, is the durable queue, and the server's janitor sends a run again when the worker
that claimed it dies.
"""

from __future__ import annotations

import os
import threading

from celery import Celery
from sqlalchemy.engine import Engine

from pelagos.config import Settings
from pelagos.db import create_schema, make_engine

TASK_NAME = "pelagos.generate_product"
QUEUE = "pelagos-products"

_engines: dict[int, tuple[Settings, Engine]] = {}
_lock = threading.Lock()


def make_celery(broker_url: str) -> Celery:
    app = Celery("pelagos", broker=broker_url)
    app.conf.update(
        task_default_queue=QUEUE,
        task_acks_late=False,
        worker_prefetch_multiplier=1,
        task_serializer="json",
        accept_content=["json"],
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
    )
    return app


def _settings_and_engine() -> tuple[Settings, Engine]:
    """One engine per worker process (engines must not cross a fork)."""
    with _lock:
        pid = os.getpid()
        if pid not in _engines:
            settings = Settings.from_env()
            engine = make_engine(settings.database_url)
            create_schema(engine)
            _engines[pid] = (settings, engine)
        return _engines[pid]


app = make_celery(os.environ.get("PELAGOS_BROKER_URL", "redis://127.0.0.1:6379/0"))


@app.task(name=TASK_NAME)
def generate_product(run_id: int) -> str:
    """Generate run ``run_id`` if it is still queued."""
    from pelagos.delivery.worker import execute

    settings, engine = _settings_and_engine()
    return execute(engine, settings, run_id)
