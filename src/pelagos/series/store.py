"""The sample store: per-sensor time series and per-device raw lines, in compressed chunks plus a small tail.

Large appends are cut into chunks of at most ``CHUNK_ROWS`` rows straight away; small ones (a live feed, a few
HTTP-ingested readings) land in the tail, one row each, and the compactor folds them into chunks later. Reads
merge both. An append is acknowledged when its transaction commits, and it records the device's data span in
that same transaction, so availability never runs ahead of or behind the data.

Samples are keyed by time: appending a sample at a time a sensor already holds replaces it (a retried ingest
does not duplicate). Raw lines are kept as they come, several per instant if need be.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
from sqlalchemy import and_, delete, func, insert, select
from sqlalchemy.engine import Connection, Engine

from pelagos.catalog.schema import sensors
from pelagos.catalog.spans import record_span
from pelagos.series.codec import decode_lines, decode_samples, encode_lines, encode_samples, quantise
from pelagos.series.schema import raw_chunks, raw_tail, sample_chunks, sample_tail

#: Rows per compressed chunk.
CHUNK_ROWS = 65_536
#: Appends smaller than this go to the tail.
TAIL_ROWS = 512

_I64 = np.iinfo(np.int64)


@dataclass(frozen=True)
class Samples:
    """A sensor's samples: sorted int64 epoch-ms ``times``, float64 ``values`` and int8 ONC QAQC ``flags``."""

    times: np.ndarray
    values: np.ndarray
    flags: np.ndarray

    @classmethod
    def empty(cls) -> Samples:
        return cls(np.empty(0, np.int64), np.empty(0, np.float64), np.empty(0, np.int8))

    def __len__(self) -> int:
        return int(self.times.size)

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return self.times, self.values, self.flags

    def take(self, index: np.ndarray | slice) -> Samples:
        return Samples(self.times[index], self.values[index], self.flags[index])


@dataclass(frozen=True)
class RawLines:
    """A device's raw lines: sorted int64 epoch-ms ``times``, the ``readings`` and their ``line_types``."""

    times: np.ndarray
    readings: list[str]
    line_types: list[str]

    @classmethod
    def empty(cls) -> RawLines:
        return cls(np.empty(0, np.int64), [], [])

    def __len__(self) -> int:
        return int(self.times.size)

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return self.times, np.asarray(self.readings, dtype=object), np.asarray(self.line_types, dtype=object)

    def take(self, index: np.ndarray | slice) -> RawLines:
        idx = np.arange(len(self))[index]
        return RawLines(self.times[idx], [self.readings[i] for i in idx], [self.line_types[i] for i in idx])


def _bounds(date_from: int | None, date_to: int | None) -> tuple[int, int]:
    return (_I64.min if date_from is None else date_from), (_I64.max if date_to is None else date_to)


def _sorted_unique_last(times: np.ndarray) -> np.ndarray:
    """Indices that sort ``times`` stably and keep, of equal times, the one written last."""
    order = np.argsort(times, kind="stable")
    ordered = times[order]
    keep = np.ones(order.size, dtype=bool)
    keep[:-1] = ordered[:-1] != ordered[1:]
    return order[keep]


def _enough(times_parts: list[np.ndarray], limit: int, next_start: int | None, newest: bool) -> bool:
    """True when ``limit`` rows are collected and no later (earlier, for ``newest``) chunk can displace them."""
    total = sum(p.size for p in times_parts)
    if total < limit:
        return False
    if next_start is None:
        return True
    times = np.concatenate(times_parts)
    if newest:
        kth = np.partition(times, total - limit)[total - limit]
        return next_start < kth
    kth = np.partition(times, limit - 1)[limit - 1]
    return next_start > kth


class SampleStore:
    """Scalar samples per sensor, compressed in chunks; see the module docstring for the write model."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._devices: dict[int, int] = {}
        self._resolutions: dict[int, float | None] = {}

    # -- writing -------------------------------------------------------------------------------------------

    def append(
        self,
        sensor_id: int,
        times: Sequence[int] | np.ndarray,
        values: Sequence[float] | np.ndarray,
        flags: Sequence[int] | np.ndarray | None = None,
        *,
        conn: Connection | None = None,
    ) -> int:
        """Store samples of one sensor; returns how many. Durable once the (given or own) transaction commits."""
        t = np.asarray(times, dtype=np.int64)
        f = np.ones(t.size, np.int8) if flags is None else np.asarray(flags, dtype=np.int8)
        return self.append_many({sensor_id: Samples(t, np.asarray(values, dtype=np.float64), f)}, conn=conn)

    def append_many(self, batch: Mapping[int, Samples], *, conn: Connection | None = None) -> int:
        """Store samples of several sensors in one transaction; returns how many were written."""
        if conn is None:
            with self.engine.begin() as own:
                return self.append_many(batch, conn=own)
        written = 0
        for sensor_id, samples in batch.items():
            if not len(samples):
                continue
            if not (samples.times.size == samples.values.size == samples.flags.size):
                raise ValueError("times, values and flags must have the same length")
            order = np.argsort(samples.times, kind="stable")
            s = samples if np.all(order == np.arange(order.size)) else samples.take(order)
            if len(s) < TAIL_ROWS:
                stored = quantise(s.values, self._resolution_of(conn, sensor_id))
                conn.execute(
                    insert(sample_tail),
                    [
                        {"sensor_id": sensor_id, "ts": int(t), "value": _json_float(v), "flag": int(fl)}
                        for t, v, fl in zip(s.times, stored, s.flags, strict=True)
                    ],
                )
            else:
                conn.execute(insert(sample_chunks), list(self._chunk_rows(conn, sensor_id, s)))
            record_span(conn, self._device_of(conn, sensor_id), "scalar", int(s.times[0]), int(s.times[-1]))
            written += len(s)
        return written

    def _chunk_rows(self, conn: Connection, sensor_id: int, s: Samples) -> Iterable[dict[str, object]]:
        resolution = self._resolution_of(conn, sensor_id)
        for at in range(0, len(s), CHUNK_ROWS):
            part = s.take(slice(at, at + CHUNK_ROWS))
            yield {
                "sensor_id": sensor_id,
                "t0": int(part.times[0]),
                "t1": int(part.times[-1]),
                "n": len(part),
                "data": encode_samples(part.times, part.values, part.flags, resolution),
            }

    def _device_of(self, conn: Connection, sensor_id: int) -> int:
        if sensor_id not in self._devices:
            row = conn.execute(
                select(sensors.c.device_id, sensors.c.resolution).where(sensors.c.id == sensor_id)
            ).first()
            if row is None:
                raise KeyError(f"unknown sensor id {sensor_id}")
            self._devices[sensor_id], self._resolutions[sensor_id] = row.device_id, row.resolution
        return self._devices[sensor_id]

    def _resolution_of(self, conn: Connection, sensor_id: int) -> float | None:
        self._device_of(conn, sensor_id)
        return self._resolutions[sensor_id]

    def compact(self, min_rows: int = TAIL_ROWS) -> int:
        """Fold the tail of every sensor holding at least ``min_rows`` tail rows into chunks; returns rows moved."""
        moved = 0
        with self.engine.connect() as conn:
            due = conn.execute(
                select(sample_tail.c.sensor_id)
                .group_by(sample_tail.c.sensor_id)
                .having(func.count() >= min_rows)
            ).scalars()
            sensor_ids = list(due)
        for sensor_id in sensor_ids:
            with self.engine.begin() as conn:
                rows = conn.execute(
                    select(sample_tail.c.id, sample_tail.c.ts, sample_tail.c.value, sample_tail.c.flag)
                    .where(sample_tail.c.sensor_id == sensor_id)
                    .order_by(sample_tail.c.id)
                ).all()
                if not rows:
                    continue
                times = np.array([r.ts for r in rows], np.int64)
                keep = _sorted_unique_last(times)
                s = Samples(
                    times[keep],
                    np.array([np.nan if r.value is None else r.value for r in rows], np.float64)[keep],
                    np.array([r.flag for r in rows], np.int8)[keep],
                )
                conn.execute(insert(sample_chunks), list(self._chunk_rows(conn, sensor_id, s)))
                conn.execute(delete(sample_tail).where(sample_tail.c.id.in_([r.id for r in rows])))
                moved += len(rows)
        return moved

    # -- reading -------------------------------------------------------------------------------------------

    def read(self, sensor_id: int, date_from: int | None, date_to: int | None, limit: int) -> Samples:
        """The first ``limit`` samples of ``sensor_id`` in ``[date_from, date_to)``, in time order."""
        lo, hi = _bounds(date_from, date_to)
        with self.engine.connect() as conn:
            chunks = conn.execute(
                select(sample_chunks.c.id, sample_chunks.c.t0, sample_chunks.c.data)
                .where(
                    and_(
                        sample_chunks.c.sensor_id == sensor_id,
                        sample_chunks.c.t1 >= lo,
                        sample_chunks.c.t0 < hi,
                    )
                )
                .order_by(sample_chunks.c.t0, sample_chunks.c.id)
            )
            parts = _collect(chunks, lo, hi, limit, False, _decode_samples)
            tail = conn.execute(
                select(sample_tail.c.ts, sample_tail.c.value, sample_tail.c.flag)
                .where(
                    and_(sample_tail.c.sensor_id == sensor_id, sample_tail.c.ts >= lo, sample_tail.c.ts < hi)
                )
                .order_by(sample_tail.c.ts, sample_tail.c.id)
                .limit(limit)
            ).all()
        merged = _merge(parts, tail)
        return merged.take(slice(0, limit))

    def latest(self, sensor_id: int, limit: int, before: int | None = None) -> Samples:
        """The last ``limit`` samples of ``sensor_id`` before ``before`` (exclusive), in time order."""
        _, hi = _bounds(None, before)
        with self.engine.connect() as conn:
            chunks = conn.execute(
                select(sample_chunks.c.id, sample_chunks.c.t1, sample_chunks.c.data)
                .where(and_(sample_chunks.c.sensor_id == sensor_id, sample_chunks.c.t0 < hi))
                .order_by(sample_chunks.c.t1.desc(), sample_chunks.c.id.desc())
            )
            parts = _collect(chunks, _I64.min, hi, limit, True, _decode_samples)
            tail = conn.execute(
                select(sample_tail.c.ts, sample_tail.c.value, sample_tail.c.flag)
                .where(and_(sample_tail.c.sensor_id == sensor_id, sample_tail.c.ts < hi))
                .order_by(sample_tail.c.ts.desc(), sample_tail.c.id.desc())
                .limit(limit)
            ).all()
        merged = _merge(parts, list(reversed(tail)))
        return merged.take(slice(max(0, len(merged) - limit), None))

    def stats(self) -> dict[str, int]:
        """Rows and stored bytes in chunks and tail, for operators and benchmarks."""
        with self.engine.connect() as conn:
            rows, size = conn.execute(
                select(
                    func.coalesce(func.sum(sample_chunks.c.n), 0),
                    func.coalesce(func.sum(func.length(sample_chunks.c.data)), 0),
                )
            ).one()
            tail = conn.execute(select(func.count()).select_from(sample_tail)).scalar_one()
        return {"chunk_rows": int(rows), "chunk_bytes": int(size), "tail_rows": int(tail)}


_Rows = TypeVar("_Rows", "Samples", "RawLines")


def _decode_samples(blob: bytes) -> Samples:
    return Samples(*decode_samples(blob))


def _decode_lines(blob: bytes) -> RawLines:
    return RawLines(*decode_lines(blob))


def _collect(
    chunks: Iterable[Any], lo: int, hi: int, limit: int, newest: bool, decode: Callable[[bytes], _Rows]
) -> list[tuple[int, _Rows]]:
    """Decode chunks in scan order until the window's first (or, ``newest``, last) ``limit`` rows are certain.

    Returns (chunk id, rows inside the window) pairs; the chunk id keeps write order for the merge.
    """
    parts: list[tuple[int, _Rows]] = []
    for row in chunks:
        if parts and _enough([p.times for _, p in parts], limit, int(row[1]), newest):
            break
        rows = decode(row.data)
        parts.append((int(row.id), rows.take(np.flatnonzero((rows.times >= lo) & (rows.times < hi)))))
    return parts


def _json_float(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def _merge(parts: list[tuple[int, Samples]], tail: Sequence) -> Samples:
    """Chunks (by write order) then tail rows, sorted by time with later writes winning at equal times."""
    ordered = [s for _, s in sorted(parts, key=lambda p: p[0])]
    if tail:
        ordered.append(
            Samples(
                np.array([r.ts for r in tail], np.int64),
                np.array([np.nan if r.value is None else r.value for r in tail], np.float64),
                np.array([r.flag for r in tail], np.int8),
            )
        )
    if not ordered:
        return Samples.empty()
    if len(ordered) == 1 and (ordered[0].times.size < 2 or np.all(np.diff(ordered[0].times) > 0)):
        return ordered[0]
    joined = Samples(
        np.concatenate([s.times for s in ordered]),
        np.concatenate([s.values for s in ordered]),
        np.concatenate([s.flags for s in ordered]),
    )
    if np.all(np.diff(joined.times) > 0):
        return joined
    return joined.take(_sorted_unique_last(joined.times))


class RawStore:
    """Raw instrument lines per device, compressed in chunks with a tail, like :class:`SampleStore`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def append(
        self,
        device_id: int,
        times: Sequence[int] | np.ndarray,
        readings: Sequence[str],
        line_types: Sequence[str] | None = None,
        *,
        conn: Connection | None = None,
    ) -> int:
        """Store raw lines of one device; returns how many. Durable once the transaction commits."""
        if conn is None:
            with self.engine.begin() as own:
                return self.append(device_id, times, readings, line_types, conn=own)
        t = np.asarray(times, dtype=np.int64)
        types = list(line_types) if line_types is not None else [" "] * t.size
        if not (t.size == len(readings) == len(types)):
            raise ValueError("times, readings and line types must have the same length")
        if not t.size:
            return 0
        lines = RawLines(t, list(readings), types)
        order = np.argsort(t, kind="stable")
        if not np.all(order == np.arange(order.size)):
            lines = lines.take(order)
        if len(lines) < TAIL_ROWS:
            conn.execute(
                insert(raw_tail),
                [
                    {"device_id": device_id, "ts": int(t), "reading": r, "line_type": lt}
                    for t, r, lt in zip(lines.times, lines.readings, lines.line_types, strict=True)
                ],
            )
        else:
            conn.execute(insert(raw_chunks), list(_line_chunk_rows(device_id, lines)))
        record_span(conn, device_id, "raw", int(lines.times[0]), int(lines.times[-1]))
        return len(lines)

    def compact(self, min_rows: int = TAIL_ROWS) -> int:
        """Fold the tail of every device holding at least ``min_rows`` tail lines into chunks."""
        moved = 0
        with self.engine.connect() as conn:
            device_ids = list(
                conn.execute(
                    select(raw_tail.c.device_id)
                    .group_by(raw_tail.c.device_id)
                    .having(func.count() >= min_rows)
                ).scalars()
            )
        for device_id in device_ids:
            with self.engine.begin() as conn:
                rows = conn.execute(
                    select(raw_tail)
                    .where(raw_tail.c.device_id == device_id)
                    .order_by(raw_tail.c.ts, raw_tail.c.id)
                ).all()
                if not rows:
                    continue
                lines = RawLines(
                    np.array([r.ts for r in rows], np.int64),
                    [r.reading for r in rows],
                    [r.line_type for r in rows],
                )
                conn.execute(insert(raw_chunks), list(_line_chunk_rows(device_id, lines)))
                conn.execute(delete(raw_tail).where(raw_tail.c.id.in_([r.id for r in rows])))
                moved += len(rows)
        return moved

    def read(self, device_id: int, date_from: int | None, date_to: int | None, limit: int) -> RawLines:
        """The first ``limit`` lines of ``device_id`` in ``[date_from, date_to)``, in time order."""
        lo, hi = _bounds(date_from, date_to)
        with self.engine.connect() as conn:
            chunks = conn.execute(
                select(raw_chunks.c.id, raw_chunks.c.t0, raw_chunks.c.data)
                .where(and_(raw_chunks.c.device_id == device_id, raw_chunks.c.t1 >= lo, raw_chunks.c.t0 < hi))
                .order_by(raw_chunks.c.t0, raw_chunks.c.id)
            )
            parts = _collect(chunks, lo, hi, limit, False, _decode_lines)
            tail = conn.execute(
                select(raw_tail.c.ts, raw_tail.c.reading, raw_tail.c.line_type)
                .where(and_(raw_tail.c.device_id == device_id, raw_tail.c.ts >= lo, raw_tail.c.ts < hi))
                .order_by(raw_tail.c.ts, raw_tail.c.id)
                .limit(limit)
            ).all()
        merged = _merge_lines(parts, tail)
        return merged.take(slice(0, limit))

    def latest(self, device_id: int, limit: int, before: int | None = None) -> RawLines:
        """The last ``limit`` lines of ``device_id`` before ``before`` (exclusive), in time order."""
        _, hi = _bounds(None, before)
        with self.engine.connect() as conn:
            chunks = conn.execute(
                select(raw_chunks.c.id, raw_chunks.c.t1, raw_chunks.c.data)
                .where(and_(raw_chunks.c.device_id == device_id, raw_chunks.c.t0 < hi))
                .order_by(raw_chunks.c.t1.desc(), raw_chunks.c.id.desc())
            )
            parts = _collect(chunks, _I64.min, hi, limit, True, _decode_lines)
            tail = conn.execute(
                select(raw_tail.c.ts, raw_tail.c.reading, raw_tail.c.line_type)
                .where(and_(raw_tail.c.device_id == device_id, raw_tail.c.ts < hi))
                .order_by(raw_tail.c.ts.desc(), raw_tail.c.id.desc())
                .limit(limit)
            ).all()
        merged = _merge_lines(parts, list(reversed(tail)))
        return merged.take(slice(max(0, len(merged) - limit), None))


def _line_chunk_rows(device_id: int, lines: RawLines) -> Iterable[dict[str, object]]:
    for at in range(0, len(lines), CHUNK_ROWS):
        part = lines.take(slice(at, at + CHUNK_ROWS))
        yield {
            "device_id": device_id,
            "t0": int(part.times[0]),
            "t1": int(part.times[-1]),
            "n": len(part),
            "data": encode_lines(part.times, part.readings, part.line_types),
        }


def _merge_lines(parts: list[tuple[int, RawLines]], tail: Sequence) -> RawLines:
    ordered = [p for _, p in sorted(parts, key=lambda p: p[0])]
    if tail:
        ordered.append(
            RawLines(
                np.array([r.ts for r in tail], np.int64),
                [r.reading for r in tail],
                [r.line_type for r in tail],
            )
        )
    if not ordered:
        return RawLines.empty()
    if len(ordered) == 1:
        return ordered[0]
    joined = RawLines(
        np.concatenate([p.times for p in ordered]),
        [r for p in ordered for r in p.readings],
        [t for p in ordered for t in p.line_types],
    )
    order = np.argsort(joined.times, kind="stable")
    return joined if np.all(order == np.arange(order.size)) else joined.take(order)
