"""Reading one page of several time series at once, so that pages stitch exactly.

A request covers several streams (one per sensor, or one per device for raw lines), each made of parts: the
deployment segments it spans, in time order. A page returns at most ``limit`` rows per stream; when any stream is
cut, every stream is cut at the same instant, so the next page (``dateFrom`` = that instant + 1 ms) neither
repeats nor skips a row in any stream (contract §5).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from pelagos.series.resample import Bins, fill_bins, resample

#: Reads ``(store_key, date_from, date_to, limit)`` and returns arrays whose first one is int64 times.
Reader = Callable[[int, int | None, int | None, int], tuple[np.ndarray, ...]]


@dataclass(frozen=True)
class Part:
    """A stretch ``[date_from, date_to)`` of one store key (a sensor id or a device id)."""

    key: int
    date_from: int | None
    date_to: int | None


def read_stream(read: Reader, parts: Sequence[Part], limit: int) -> tuple[np.ndarray, ...] | None:
    """Concatenate up to ``limit`` rows from ``parts`` in order; None when the parts hold no rows."""
    chunks: list[tuple[np.ndarray, ...]] = []
    remaining = limit
    for part in parts:
        if remaining <= 0:
            break
        got = read(part.key, part.date_from, part.date_to, remaining)
        if got[0].size:
            chunks.append(got)
            remaining -= int(got[0].size)
    if not chunks:
        return None
    return tuple(np.concatenate([c[i] for c in chunks]) for i in range(len(chunks[0])))


def _boundary(times: np.ndarray, limit: int) -> int:
    """The last instant a cut stream may keep so that no timestamp is split across pages."""
    last = int(times[limit - 1])
    if int(times[limit]) > last:
        return last
    earlier = times[:limit][times[:limit] < last]
    return int(earlier[-1]) if earlier.size else last


def cut(
    streams: list[tuple[np.ndarray, ...] | None], limit: int
) -> tuple[list[tuple[np.ndarray, ...] | None], int | None]:
    """Trim streams read with ``limit + 1`` rows to one page; returns them and the next page's dateFrom."""
    bounds = [_boundary(s[0], limit) for s in streams if s is not None and s[0].size > limit]
    if not bounds:
        return streams, None
    until = min(bounds)
    out: list[tuple[np.ndarray, ...] | None] = []
    for stream in streams:
        if stream is None:
            out.append(None)
            continue
        n = int(np.searchsorted(stream[0], until, side="right"))
        out.append(tuple(a[:n] for a in stream))
    return out, until + 1


def page(
    read: Reader, streams: list[list[Part]], limit: int
) -> tuple[list[tuple[np.ndarray, ...] | None], int | None]:
    """One page of every stream, at most ``limit`` rows each, and the next page's dateFrom (None on the last)."""
    return cut([read_stream(read, parts, limit + 1) for parts in streams], limit)


def latest(
    read_latest: Callable[[int, int, int | None], tuple[np.ndarray, ...]], parts: Sequence[Part], limit: int
) -> tuple[np.ndarray, ...] | None:
    """The ``limit`` most recent rows over ``parts`` (newest parts first), in time order."""
    chunks: list[tuple[np.ndarray, ...]] = []
    remaining = limit
    for part in sorted(parts, key=lambda p: p.date_from or 0, reverse=True):
        if remaining <= 0:
            break
        got = read_latest(part.key, remaining, part.date_to)
        keep = got[0] >= (part.date_from if part.date_from is not None else np.iinfo(np.int64).min)
        got = tuple(a[keep] for a in got)
        if got[0].size:
            chunks.insert(0, got)
            remaining -= int(got[0].size)
    if not chunks:
        return None
    return tuple(np.concatenate([c[i] for c in chunks]) for i in range(len(chunks[0])))


def read_bins(
    read: Reader,
    parts: Sequence[Part],
    period_ms: int,
    limit: int,
    fill_gaps: bool,
    date_from: int | None,
    date_to: int | None,
    batch: int = 1_000_000,
) -> Bins | None:
    """Up to ``limit`` resampled bins over ``parts``, reading raw samples in batches so memory stays bounded."""
    collected: list[Bins] = []
    count = 0
    for part in parts:
        cursor = part.date_from
        while count < limit:
            got = read(part.key, cursor, part.date_to, batch)
            times, values = got[0], got[1]
            if not times.size:
                break
            complete = times.size < batch
            if not complete:
                last_bin = (int(times[-1]) // period_ms) * period_ms
                keep = times < last_bin
                if not keep.any():  # one bin holds more than a batch: take it whole
                    keep = np.ones(times.size, dtype=bool)
                    last_bin = int(times[-1]) + 1
                times, values = times[keep], values[keep]
            bins = resample(times, values, period_ms)
            collected.append(bins)
            count += len(bins)
            if complete:
                break
            cursor = last_bin
    if not collected:
        return None
    merged = Bins(*(np.concatenate([getattr(b, f) for b in collected]) for f in Bins.__dataclass_fields__))
    if fill_gaps:
        merged = fill_bins(merged, period_ms, date_from, date_to, max_bins=limit + 1)
    n = min(limit + 1, len(merged))
    return Bins(*(getattr(merged, f)[:n] for f in Bins.__dataclass_fields__))
