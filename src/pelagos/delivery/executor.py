"""Where data product runs are generated, off the request path: a pool of threads in the server (the default) or
Celery workers over Redis (``PELAGOS_EXECUTOR=celery``).

The queue that matters is the ``dp_runs`` table: an executor is only told "run N is queued" and any worker may
claim it. A janitor thread in the server makes the state self-healing: runs whose worker stopped sending
heartbeats (a process killed mid-run) are queued again under a new attempt, queued runs are (re)submitted at
start, and files of runs finished longer than the retention period ago are removed (download then answers 410).
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from sqlalchemy.engine import Engine

from pelagos.config import Settings
from pelagos.delivery import store
from pelagos.delivery.worker import execute
from pelagos.timeutil import now_ms

if TYPE_CHECKING:
    from pelagos.api.deps import ServerState

log = logging.getLogger("pelagos.delivery")

#: A running attempt without a heartbeat for this long is presumed dead and queued again.
STALE_MS = 10_000
#: How often the janitor looks for stale runs, queued runs and expired files.
JANITOR_S = 2.0
#: How long a local worker waits before looking at the queue again when nothing was submitted.
POLL_S = 2.0
#: Seconds generated files are kept after their run finished (PELAGOS_PRODUCT_RETENTION), default 7 days.
RETENTION_ENV = "PELAGOS_PRODUCT_RETENTION"
DEFAULT_RETENTION_S = 7 * 86_400


class Executor(Protocol):
    """Something that will eventually run queued runs."""

    def submit(self, run_id: int) -> None: ...

    def close(self) -> None: ...


class QueueOnly:
    """Leaves runs queued in the database for whichever worker looks there (a server started without executor)."""

    def submit(self, run_id: int) -> None:
        log.debug("run %s queued for an outside worker", run_id)

    def close(self) -> None:
        return None


class LocalExecutor:
    """``workers`` threads that claim queued runs from the database, oldest first."""

    def __init__(self, engine: Engine, settings: Settings, workers: int):
        self.engine = engine
        self.settings = settings
        self.stopping = threading.Event()
        self._wake = threading.Condition()
        self._signals = 0
        self._threads = [
            threading.Thread(target=self._loop, name=f"product-worker-{i}", daemon=True)
            for i in range(max(1, workers))
        ]
        for thread in self._threads:
            thread.start()

    def submit(self, run_id: int) -> None:
        with self._wake:
            self._signals += 1
            self._wake.notify()

    def _loop(self) -> None:
        while not self.stopping.is_set():
            try:
                worked = self._run_next()
            except Exception:
                log.exception("product worker failed")
                worked = False
            if worked:
                continue
            with self._wake:
                if self._signals == 0 and not self.stopping.is_set():
                    self._wake.wait(POLL_S)
                self._signals = max(0, self._signals - 1)

    def _run_next(self) -> bool:
        with self.engine.connect() as conn:
            queued = store.queued_runs(conn)
        for run_id in queued:
            if self.stopping.is_set():
                return False
            if execute(self.engine, self.settings, run_id, self.stopping) != "not queued":
                return True
        return False

    def close(self) -> None:
        """Stop taking runs; runs in progress are handed back to the queue for the next start."""
        self.stopping.set()
        with self._wake:
            self._wake.notify_all()
        for thread in self._threads:
            thread.join(30)


class CeleryExecutor:
    """Sends each queued run to the Celery workers listening on ``settings.broker_url``."""

    def __init__(self, settings: Settings):
        from pelagos.delivery.tasks import TASK_NAME, make_celery

        self.app = make_celery(settings.broker_url)
        self.task_name = TASK_NAME

    def submit(self, run_id: int) -> None:
        self.app.send_task(self.task_name, args=[run_id])

    def close(self) -> None:
        self.app.close()


def make_executor(settings: Settings, engine: Engine) -> Executor:
    if settings.executor == "celery":
        return CeleryExecutor(settings)
    if settings.executor != "local":
        raise ValueError(f"unknown executor {settings.executor!r}: use local or celery")
    return LocalExecutor(engine, settings, settings.workers)


def retention_ms() -> int:
    return int(float(os.environ.get(RETENTION_ENV, DEFAULT_RETENTION_S)) * 1000)


class Janitor:
    """Requeues runs of dead workers, resubmits queued runs, and removes expired files, every JANITOR_S."""

    def __init__(self, engine: Engine, settings: Settings, executor: Executor):
        self.engine = engine
        self.settings = settings
        self.executor = executor
        self.retention = retention_ms()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="product-janitor", daemon=True)

    def start(self) -> None:
        with self.engine.connect() as conn:
            queued = store.queued_runs(conn)
        for run_id in queued:
            self.executor.submit(run_id)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(10)

    def sweep(self) -> None:
        now = now_ms()
        with self.engine.begin() as conn:
            requeued = store.requeue_stale(conn, now - STALE_MS)
            expired = store.expire(conn, now - self.retention)
        for run_id in requeued:
            log.warning("run %s: its worker stopped answering; queued again", run_id)
            self.executor.submit(run_id)
        for run_id in expired:
            shutil.rmtree(self.settings.products_dir / str(run_id), ignore_errors=True)

    def _loop(self) -> None:
        while not self._stop.wait(JANITOR_S):
            try:
                self.sweep()
            except Exception:
                log.exception("product janitor failed")


def start(state: ServerState) -> Callable[[], None]:
    """Start the executor the settings name and the janitor; returns the function that stops both."""
    executor = make_executor(state.settings, state.engine)
    state.services["delivery"] = executor
    janitor = Janitor(state.engine, state.settings, executor)
    janitor.start()

    def stop() -> None:
        janitor.stop()
        executor.close()

    return stop
