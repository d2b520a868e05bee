"""Durable state of data product requests and runs: every transition is one small transaction.

A run moves ``queued -> running -> complete``; ``cancel`` stops it from any state, ``restart`` queues it again
with the same dpRunId and a new attempt number. A worker owns a running attempt while its heartbeat is fresh;
every write a worker makes names the attempt and itself, so a cancelled, restarted or taken-over attempt can no
longer change the run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, delete, insert, select, update
from sqlalchemy.engine import Connection, Row

from pelagos.delivery.schema import dp_files, dp_requests, dp_runs
from pelagos.products.job import OutputFile
from pelagos.timeutil import now_ms

QUEUED, RUNNING, COMPLETE, CANCELLED, ERROR, EXPIRED = (
    "queued",
    "running",
    "complete",
    "cancelled",
    "error",
    "expired",
)


@dataclass(frozen=True)
class Estimate:
    """What a request is expected to cost by the product's model (values read, output bytes, generation ms);
    ``archived_bytes`` is set when archive files answer it as they are."""

    values: int
    bytes: int
    ms: int
    archived_bytes: int | None = None


def create_request(
    conn: Connection, user_id: int, order: dict[str, Any], query: dict[str, str], estimate: Estimate
) -> int:
    result = conn.execute(
        insert(dp_requests).values(
            user_id=user_id,
            product_code=order["dataProductCode"],
            extension=order["extension"],
            resolved=order,
            query=query,
            estimated_values=estimate.values,
            estimated_bytes=estimate.bytes,
            estimated_ms=estimate.ms,
            archived_bytes=estimate.archived_bytes,
            created=now_ms(),
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def request_of(conn: Connection, user_id: int, request_id: int) -> Row[Any] | None:
    """The user's request ``request_id``; None when it does not exist or belongs to someone else."""
    return conn.execute(
        select(dp_requests).where(and_(dp_requests.c.id == request_id, dp_requests.c.user_id == user_id))
    ).first()


def run_of_request(conn: Connection, request_id: int) -> Row[Any] | None:
    return conn.execute(select(dp_runs).where(dp_runs.c.request_id == request_id)).first()


def run_of(conn: Connection, user_id: int, run_id: int) -> Row[Any] | None:
    """The user's run ``run_id``; None when it does not exist or belongs to someone else."""
    return conn.execute(
        select(dp_runs)
        .join(dp_requests, dp_requests.c.id == dp_runs.c.request_id)
        .where(and_(dp_runs.c.id == run_id, dp_requests.c.user_id == user_id))
    ).first()


def run_by_id(conn: Connection, run_id: int) -> Row[Any] | None:
    return conn.execute(select(dp_runs).where(dp_runs.c.id == run_id)).first()


def request_by_id(conn: Connection, request_id: int) -> Row[Any] | None:
    return conn.execute(select(dp_requests).where(dp_requests.c.id == request_id)).first()


def start_run(conn: Connection, request_id: int) -> tuple[Row[Any], bool]:
    """The request's run, created queued when it has none yet; the flag says whether it was created now."""
    existing = run_of_request(conn, request_id)
    if existing is not None:
        return existing, False
    now = now_ms()
    conn.execute(
        insert(dp_runs).values(
            request_id=request_id,
            status=QUEUED,
            attempt=1,
            file_count=0,
            has_meta=0,
            message="queued",
            created=now,
            queued=now,
            modified=now,
        )
    )
    run = run_of_request(conn, request_id)
    assert run is not None
    return run, True


def claim(conn: Connection, run_id: int, worker: str) -> int | None:
    """Take a queued run for ``worker``; returns the attempt now owned, or None when it is not queued."""
    now = now_ms()
    row = conn.execute(select(dp_runs.c.attempt).where(dp_runs.c.id == run_id)).first()
    if row is None:
        return None
    done = conn.execute(
        update(dp_runs)
        .where(and_(dp_runs.c.id == run_id, dp_runs.c.status == QUEUED, dp_runs.c.attempt == row.attempt))
        .values(
            status=RUNNING,
            worker=worker,
            heartbeat=now,
            started=now,
            modified=now,
            message="data product running",
        )
    )
    return int(row.attempt) if done.rowcount == 1 else None


def _owned(run_id: int, attempt: int, worker: str) -> Any:
    return and_(
        dp_runs.c.id == run_id,
        dp_runs.c.attempt == attempt,
        dp_runs.c.worker == worker,
        dp_runs.c.status == RUNNING,
    )


def heartbeat(conn: Connection, run_id: int, attempt: int, worker: str, message: str | None = None) -> bool:
    """Record that ``worker`` still works on the attempt; False when the attempt is no longer its own."""
    values: dict[str, Any] = {"heartbeat": now_ms()}
    if message is not None:
        values["message"] = message
    return conn.execute(update(dp_runs).where(_owned(run_id, attempt, worker)).values(**values)).rowcount == 1


def finish(
    conn: Connection,
    run_id: int,
    attempt: int,
    worker: str,
    files: Sequence[OutputFile],
    meta: OutputFile | None,
    work: int,
    elapsed_ms: int,
    products_dir: str,
) -> bool:
    """Complete the attempt with its files; False (and nothing written) when the attempt is no longer owned."""
    now = now_ms()
    done = conn.execute(
        update(dp_runs)
        .where(_owned(run_id, attempt, worker))
        .values(
            status=COMPLETE,
            file_count=len(files),
            has_meta=int(meta is not None),
            finished=now,
            modified=now,
            message="complete",
            work_values=work,
            work_bytes=sum(f.size for f in files),
            work_ms=elapsed_ms,
        )
    )
    if done.rowcount != 1:
        return False
    rows = [(i, f) for i, f in enumerate(files, start=1)] + ([(0, meta)] if meta is not None else [])
    if rows:
        conn.execute(
            insert(dp_files),
            [
                {
                    "run_id": run_id,
                    "attempt": attempt,
                    "position": position,
                    "name": f.name,
                    "path": None if f.path is None else str(f.path.relative_to(products_dir)),
                    "archive_name": f.archive_name,
                    "size": f.size,
                }
                for position, f in rows
            ],
        )
    return True


def fail(conn: Connection, run_id: int, attempt: int, worker: str, message: str) -> bool:
    now = now_ms()
    return (
        conn.execute(
            update(dp_runs)
            .where(_owned(run_id, attempt, worker))
            .values(status=ERROR, message=message[:2000], finished=now, modified=now)
        ).rowcount
        == 1
    )


def give_back(conn: Connection, run_id: int, attempt: int, worker: str) -> bool:
    """Return a running attempt to the queue (its worker is shutting down) under a new attempt number."""
    now = now_ms()
    return (
        conn.execute(
            update(dp_runs)
            .where(_owned(run_id, attempt, worker))
            .values(
                status=QUEUED, attempt=attempt + 1, worker=None, queued=now, modified=now, message="queued"
            )
        ).rowcount
        == 1
    )


def cancel(conn: Connection, run_id: int) -> str:
    """Cancel the run whatever it is doing; returns the new status."""
    now = now_ms()
    conn.execute(
        update(dp_runs)
        .where(and_(dp_runs.c.id == run_id, dp_runs.c.status != CANCELLED))
        .values(status=CANCELLED, worker=None, modified=now, finished=now, message="cancelled")
    )
    return CANCELLED


def restart(conn: Connection, run_id: int) -> Row[Any]:
    """Queue a cancelled, failed or expired run again under the same dpRunId; other runs are left as they are."""
    now = now_ms()
    run = run_by_id(conn, run_id)
    assert run is not None
    if run.status in (CANCELLED, ERROR, EXPIRED):
        conn.execute(
            update(dp_runs)
            .where(and_(dp_runs.c.id == run_id, dp_runs.c.attempt == run.attempt))
            .values(
                status=QUEUED,
                attempt=run.attempt + 1,
                worker=None,
                heartbeat=None,
                file_count=0,
                has_meta=0,
                started=None,
                finished=None,
                queued=now,
                modified=now,
                message="queued",
            )
        )
    fresh = run_by_id(conn, run_id)
    assert fresh is not None
    return fresh


def file_at(conn: Connection, run_id: int, attempt: int, position: int) -> Row[Any] | None:
    return conn.execute(
        select(dp_files).where(
            and_(dp_files.c.run_id == run_id, dp_files.c.attempt == attempt, dp_files.c.position == position)
        )
    ).first()


def queued_runs(conn: Connection) -> list[int]:
    """Ids of queued runs, oldest first."""
    rows = conn.execute(select(dp_runs.c.id).where(dp_runs.c.status == QUEUED).order_by(dp_runs.c.queued))
    return [int(r.id) for r in rows]


def requeue_stale(conn: Connection, stale_before: int) -> list[int]:
    """Queue again (new attempt) every running run whose worker has not been heard of since ``stale_before``."""
    rows = conn.execute(
        select(dp_runs.c.id, dp_runs.c.attempt).where(
            and_(dp_runs.c.status == RUNNING, dp_runs.c.heartbeat < stale_before)
        )
    ).all()
    now = now_ms()
    requeued = []
    for row in rows:
        done = conn.execute(
            update(dp_runs)
            .where(
                and_(dp_runs.c.id == row.id, dp_runs.c.attempt == row.attempt, dp_runs.c.status == RUNNING)
            )
            .values(
                status=QUEUED,
                attempt=row.attempt + 1,
                worker=None,
                queued=now,
                modified=now,
                message="queued again: the worker stopped answering",
            )
        )
        if done.rowcount == 1:
            requeued.append(int(row.id))
    return requeued


def stale_files(conn: Connection, run_id: int, keep_attempt: int | None) -> list[str]:
    """Relative paths of the run's generated files from attempts other than ``keep_attempt``; rows removed."""
    cond = dp_files.c.run_id == run_id
    if keep_attempt is not None:
        cond = and_(cond, dp_files.c.attempt != keep_attempt)
    paths = [r.path for r in conn.execute(select(dp_files.c.path).where(cond)) if r.path]
    conn.execute(delete(dp_files).where(cond))
    return paths


def expire(conn: Connection, finished_before: int) -> list[int]:
    """Mark complete runs finished before ``finished_before`` expired; returns their ids (files to remove)."""
    rows = conn.execute(
        select(dp_runs.c.id).where(and_(dp_runs.c.status == COMPLETE, dp_runs.c.finished < finished_before))
    ).all()
    ids = [int(r.id) for r in rows]
    if ids:
        conn.execute(
            update(dp_runs)
            .where(and_(dp_runs.c.id.in_(ids), dp_runs.c.status == COMPLETE))
            .values(status=EXPIRED, modified=now_ms(), message="files removed after the retention period")
        )
    return ids


def recent_work(conn: Connection, product_code: str, extension: str, limit: int = 20) -> Sequence[Any]:
    """What the last completed runs of a product produced and took, and what was estimated for them."""
    return conn.execute(
        select(
            dp_runs.c.work_bytes,
            dp_runs.c.work_ms,
            dp_requests.c.estimated_bytes,
            dp_requests.c.estimated_ms,
        )
        .join(dp_requests, dp_requests.c.id == dp_runs.c.request_id)
        .where(
            and_(
                dp_requests.c.product_code == product_code,
                dp_requests.c.extension == extension,
                dp_runs.c.work_values > 0,
            )
        )
        .order_by(dp_runs.c.finished.desc())
        .limit(limit)
    ).all()
