"""Reading whole stretches of stored data for product generators: samples, raw lines and archive files.

The stores answer page by page (``limit`` rows at a time); generators want a whole deployment segment, so these
helpers read it in large pages and join them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sqlalchemy.engine import Engine

PAGE = 1_000_000


@dataclass(frozen=True)
class Series:
    """A sensor's samples over a window: int64 ms times, float64 values, int8 QAQC flags."""

    times: np.ndarray
    values: np.ndarray
    flags: np.ndarray


@dataclass(frozen=True)
class Lines:
    """A device's raw lines over a window: int64 ms times, the lines, and their line types."""

    times: np.ndarray
    readings: list[str]
    line_types: list[str]


def read_samples(engine: Engine, sensor_id: int, date_from: int, date_to: int) -> Series:
    """Every sample of ``sensor_id`` in ``[date_from, date_to)``."""
    from pelagos.series.store import SampleStore

    store = SampleStore(engine)
    parts = []
    start = date_from
    while start < date_to:
        got = store.read(sensor_id, start, date_to, PAGE)
        if got.times.size == 0:
            break
        parts.append(got)
        if got.times.size < PAGE:
            break
        start = int(got.times[-1]) + 1
    if not parts:
        return Series(np.empty(0, np.int64), np.empty(0, np.float64), np.empty(0, np.int8))
    return Series(
        np.concatenate([p.times for p in parts]).astype(np.int64),
        np.concatenate([p.values for p in parts]).astype(np.float64),
        np.concatenate([p.flags for p in parts]).astype(np.int8),
    )


def read_lines(engine: Engine, device_id: int, date_from: int, date_to: int) -> Lines:
    """Every raw line of ``device_id`` in ``[date_from, date_to)``."""
    from pelagos.series.store import RawStore

    store = RawStore(engine)
    times: list[np.ndarray] = []
    readings: list[str] = []
    types: list[str] = []
    start = date_from
    while start < date_to:
        got = store.read(device_id, start, date_to, PAGE)
        if got.times.size == 0:
            break
        times.append(got.times)
        readings.extend(got.readings)
        types.extend(got.line_types)
        if got.times.size < PAGE:
            break
        start = int(got.times[-1]) + 1
    stamp = np.concatenate(times).astype(np.int64) if times else np.empty(0, np.int64)
    return Lines(stamp, readings, types)
