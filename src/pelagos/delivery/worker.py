"""Running one attempt of a data product run: claim it, generate with a heartbeat, record the result.

The same function runs in a thread of the server (local executor) and in a Celery worker process. While it works
a heartbeat thread marks the attempt alive every second; when the heartbeat finds the attempt no longer its own
(cancelled, restarted, or taken over after this worker was presumed dead) the next ``progress`` call stops the
generator and its files are removed.
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import threading
import time
import uuid
from pathlib import Path

from sqlalchemy.engine import Engine

from pelagos.catalog.view import CatalogView
from pelagos.config import Settings
from pelagos.delivery import store
from pelagos.products.job import Cancelled, Job, NoData
from pelagos.products.order import Order
from pelagos.products.registry import generate

log = logging.getLogger("pelagos.delivery")

HEARTBEAT_S = 1.0


def worker_name() -> str:
    """This process and thread, unique across restarts: ``host:pid:thread:random``."""
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}:{uuid.uuid4().hex[:8]}"


class Heartbeat:
    """Keeps an attempt alive from a background thread and carries the generator's latest progress message."""

    def __init__(self, engine: Engine, run_id: int, attempt: int, worker: str, stopping: threading.Event):
        self.engine = engine
        self.run_id = run_id
        self.attempt = attempt
        self.worker = worker
        self.stopping = stopping
        self.lost = threading.Event()
        self.message: str | None = None
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._beat, name=f"heartbeat-{run_id}", daemon=True)

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._done.set()
        self._thread.join()

    def _beat(self) -> None:
        while not self._done.wait(HEARTBEAT_S):
            message, self.message = self.message, None
            try:
                with self.engine.begin() as conn:
                    alive = store.heartbeat(conn, self.run_id, self.attempt, self.worker, message)
            except Exception:  # a busy database: try again on the next beat
                log.exception("heartbeat of run %s failed", self.run_id)
                continue
            if not alive:
                self.lost.set()
                return

    def progress(self, message: str) -> None:
        """Called by generators between steps: stop when the attempt was lost or the worker is stopping."""
        if self.lost.is_set():
            raise Cancelled("the run was cancelled or taken over")
        if self.stopping.is_set():
            raise Cancelled("the worker is stopping")
        self.message = message


def attempt_dir(settings: Settings, run_id: int, attempt: int) -> Path:
    return settings.products_dir / str(run_id) / str(attempt)


def execute(engine: Engine, settings: Settings, run_id: int, stopping: threading.Event | None = None) -> str:
    """Claim run ``run_id`` if it is queued and generate it; returns what became of it (for logs and tests)."""
    stopping = stopping or threading.Event()
    worker = worker_name()
    with engine.begin() as conn:
        attempt = store.claim(conn, run_id, worker)
        if attempt is None:
            return "not queued"
        run = store.run_by_id(conn, run_id)
        assert run is not None
        request = store.request_by_id(conn, run.request_id)
        assert request is not None
        view = CatalogView(conn)
    out_dir = attempt_dir(settings, run_id, attempt)
    started = time.perf_counter()
    with Heartbeat(engine, run_id, attempt, worker, stopping) as beat:
        job = Job(Order.from_json(request.resolved), view, engine, settings, out_dir, beat.progress)
        try:
            generate(job)
            outcome = "complete"
        except NoData:
            job.files, job.meta, outcome = [], None, "no data"
        except Cancelled:
            outcome = "stopped"
        except Exception as exc:
            log.exception("run %s attempt %s failed", run_id, attempt)
            with engine.begin() as conn:
                store.fail(conn, run_id, attempt, worker, f"{type(exc).__name__}: {exc}")
            shutil.rmtree(out_dir, ignore_errors=True)
            return "error"
    if outcome == "stopped":
        shutil.rmtree(out_dir, ignore_errors=True)
        if stopping.is_set():
            with engine.begin() as conn:
                store.give_back(conn, run_id, attempt, worker)
        return outcome
    elapsed = int((time.perf_counter() - started) * 1000)
    with engine.begin() as conn:
        done = store.finish(
            conn, run_id, attempt, worker, job.files, job.meta, job.work, elapsed, str(settings.products_dir)
        )
        if done:
            store.stale_files(conn, run_id, attempt)
    if not done:
        shutil.rmtree(out_dir, ignore_errors=True)
        return "stopped"
    for old in out_dir.parent.iterdir() if out_dir.parent.exists() else ():
        if old != out_dir:
            shutil.rmtree(old, ignore_errors=True)
    log.info("run %s attempt %s: %s, %d files in %d ms", run_id, attempt, outcome, len(job.files), elapsed)
    return outcome
