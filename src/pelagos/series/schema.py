"""Tables of the sample store: compressed chunks per sensor (or device, for raw lines) and a small tail.

Chunks hold up to ``CHUNK_ROWS`` time-ordered rows, columnar and compressed (see :mod:`pelagos.series.codec`).
The tail holds recent small appends one row each, so a live feed costs one tiny insert per reading; the
compactor folds the tail into chunks.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Double,
    Index,
    Integer,
    LargeBinary,
    SmallInteger,
    String,
    Table,
    Text,
)

from pelagos.db import metadata

#: Bigint ids on PostgreSQL, SQLite's rowid alias (INTEGER PRIMARY KEY) there.
_Id = BigInteger().with_variant(Integer(), "sqlite")

sample_chunks = Table(
    "sample_chunks",
    metadata,
    Column("id", _Id, primary_key=True, autoincrement=True),
    Column("sensor_id", Integer, nullable=False),
    Column("t0", BigInteger, nullable=False),
    Column("t1", BigInteger, nullable=False),
    Column("n", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),
    Index("ix_sample_chunks_sensor_t0", "sensor_id", "t0"),
    Index("ix_sample_chunks_sensor_t1", "sensor_id", "t1"),
)

sample_tail = Table(
    "sample_tail",
    metadata,
    Column("id", _Id, primary_key=True, autoincrement=True),
    Column("sensor_id", Integer, nullable=False),
    Column("ts", BigInteger, nullable=False),
    Column("value", Double, nullable=True),
    Column("flag", SmallInteger, nullable=False),
    Index("ix_sample_tail_sensor_t", "sensor_id", "ts"),
)

raw_chunks = Table(
    "raw_chunks",
    metadata,
    Column("id", _Id, primary_key=True, autoincrement=True),
    Column("device_id", Integer, nullable=False),
    Column("t0", BigInteger, nullable=False),
    Column("t1", BigInteger, nullable=False),
    Column("n", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),
    Index("ix_raw_chunks_device_t0", "device_id", "t0"),
    Index("ix_raw_chunks_device_t1", "device_id", "t1"),
)

raw_tail = Table(
    "raw_tail",
    metadata,
    Column("id", _Id, primary_key=True, autoincrement=True),
    Column("device_id", Integer, nullable=False),
    Column("ts", BigInteger, nullable=False),
    Column("reading", Text, nullable=False),
    Column("line_type", String(16), nullable=False),
    Index("ix_raw_tail_device_t", "device_id", "ts"),
)
