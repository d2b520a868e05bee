"""Data product delivery tables: requests, their runs, and the files a run produced.

A request (``dpRequestId``) records what a user asked for, already checked and resolved into an order. Running it
creates one run (``dpRunId``), a durable row that any worker (a thread of the server or a Celery worker) claims,
generates, and completes; a run that is cancelled and restarted keeps its id and gets a new ``attempt``. All times
are epoch milliseconds.
"""

from __future__ import annotations

from sqlalchemy import JSON, BigInteger, Column, ForeignKey, Index, Integer, String, Table, Text

from pelagos.db import metadata

dp_requests = Table(
    "dp_requests",
    metadata,
    Column("id", Integer, primary_key=True),  # dpRequestId
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False, index=True),
    Column("product_code", String(32), nullable=False),
    Column("extension", String(16), nullable=False),
    Column("resolved", JSON, nullable=False),  # the resolved order (pelagos.products.order.Order.to_json)
    Column("query", JSON, nullable=False),  # the parameters as sent, without the token
    Column("estimated_values", BigInteger, nullable=False, default=0),  # samples, lines or bytes to process
    # the product's model of the output size and generation time (delivery/estimate.py), before correction
    Column("estimated_bytes", BigInteger, nullable=False, default=0),
    Column("estimated_ms", BigInteger, nullable=False, default=0),
    Column("archived_bytes", BigInteger, nullable=True),  # set when the product is served from archive files
    Column("created", BigInteger, nullable=False),
)

dp_runs = Table(
    "dp_runs",
    metadata,
    Column("id", Integer, primary_key=True),  # dpRunId
    Column("request_id", Integer, ForeignKey("dp_requests.id"), nullable=False, unique=True),
    Column("status", String(16), nullable=False),  # queued | running | complete | cancelled | error | expired
    Column("attempt", Integer, nullable=False, default=0),
    Column("file_count", Integer, nullable=False, default=0),  # data files, the metadata file not counted
    Column("has_meta", Integer, nullable=False, default=0),
    Column("message", Text, nullable=False, default=""),  # progress while running, the reason on error
    Column("worker", String(128), nullable=True),  # who holds a running attempt
    Column("heartbeat", BigInteger, nullable=True),
    Column("created", BigInteger, nullable=False),
    Column("queued", BigInteger, nullable=False),
    Column("started", BigInteger, nullable=True),
    Column("finished", BigInteger, nullable=True),
    Column("modified", BigInteger, nullable=False),
    Column("work_values", BigInteger, nullable=True),  # what the finished attempt processed, for estimates
    Column("work_bytes", BigInteger, nullable=True),
    Column("work_ms", BigInteger, nullable=True),
    Index("ix_dp_runs_status", "status", "queued"),
)

dp_files = Table(
    "dp_files",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", Integer, ForeignKey("dp_runs.id"), nullable=False),
    Column("attempt", Integer, nullable=False),
    Column("position", Integer, nullable=False),  # 1..fileCount; 0 is the metadata file
    Column("name", String(512), nullable=False),  # the name given in Content-Disposition
    Column("path", String(1024), nullable=True),  # under settings.products_dir, for generated files
    Column("archive_name", String(512), nullable=True),  # for files served straight from the archive
    Column("size", BigInteger, nullable=False),
    Index("ix_dp_files_run", "run_id", "attempt", "position", unique=True),
)
