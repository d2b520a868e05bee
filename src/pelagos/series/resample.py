"""Resampling and quality-control views of a sample series, shared by the scalardata service and data products.

ONC flag values (docs/qaqc.md): 0 no QC, 1 good, 2 probably good, 3 probably bad, 4 bad, 7 averaged,
8 interpolated, 9 missing. "Clean" data has the values of flags 3 and 4 replaced by NaN (times are kept, so
paging and counts are the same for raw and clean).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pelagos.timeutil import MIN_MS

FLAG_AVERAGED = 7
FLAG_MISSING = 9
BAD_FLAGS = (3, 4)

RESAMPLE_TYPES = ("avg", "minMax", "minMaxAvg")


def clean(values: np.ndarray, flags: np.ndarray) -> np.ndarray:
    """Values with those flagged probably bad or bad (3, 4) replaced by NaN."""
    out = values.astype(np.float64, copy=True)
    out[np.isin(flags, BAD_FLAGS)] = np.nan
    return out


@dataclass(frozen=True)
class Bins:
    """A series resampled into fixed bins of ``period_ms`` starting at ``times``.

    ``avg``/``min``/``max`` are NaN for bins without a valid value; ``counts`` holds the samples per bin.
    """

    times: np.ndarray
    avg: np.ndarray
    min: np.ndarray
    max: np.ndarray
    counts: np.ndarray
    flags: np.ndarray

    def __len__(self) -> int:
        return int(self.times.size)


def resample(
    times: np.ndarray,
    values: np.ndarray,
    period_ms: int,
    fill_gaps: bool = False,
    date_from: int | None = None,
    date_to: int | None = None,
) -> Bins:
    """Bin ``values`` into periods aligned on multiples of ``period_ms`` since the epoch.

    Only bins holding samples are returned, unless ``fill_gaps``: then every bin of the window (from the first
    bin of ``date_from`` or of the first sample, up to ``date_to`` or the last sample) is present, empty ones
    with NaN and the missing flag.
    """
    if period_ms <= 0:
        raise ValueError("period must be positive")
    keys = np.floor_divide(times, period_ms)
    valid = ~np.isnan(values)
    if keys.size:
        unique, start = np.unique(keys, return_index=True)
    else:
        unique, start = np.empty(0, np.int64), np.empty(0, np.int64)
    counts = np.diff(np.append(start, keys.size)).astype(np.int64)
    vals = np.where(valid, values, 0.0)
    sums = np.add.reduceat(vals, start) if keys.size else np.empty(0)
    nvalid = np.add.reduceat(valid.astype(np.int64), start) if keys.size else np.empty(0, np.int64)
    with np.errstate(invalid="ignore", divide="ignore"):
        avg = np.where(nvalid > 0, sums / np.maximum(nvalid, 1), np.nan)
    lo = np.fmin.reduceat(np.where(valid, values, np.nan), start) if keys.size else np.empty(0)
    hi = np.fmax.reduceat(np.where(valid, values, np.nan), start) if keys.size else np.empty(0)
    flags = np.where(nvalid > 0, FLAG_AVERAGED, FLAG_MISSING).astype(np.int8)
    bins = Bins(unique * period_ms, avg, lo, hi, counts, flags)
    return fill_bins(bins, period_ms, date_from, date_to) if fill_gaps else bins


def fill_bins(
    bins: Bins, period_ms: int, date_from: int | None, date_to: int | None, max_bins: int | None = None
) -> Bins:
    """Insert the empty bins of the window (NaN values, missing flag), at most ``max_bins`` of them in all.

    The window runs from the bin of ``date_from`` (or the first bin) to the bin before ``date_to`` (or the last),
    and never from before year 1.
    """
    if not len(bins) and (date_from is None or date_to is None):
        return bins
    first = (date_from if date_from is not None else int(bins.times[0])) // period_ms
    first = max(first, -(-MIN_MS // period_ms))  # no bin starts before year 1: it could not be rendered
    last = (date_to - 1 if date_to is not None else int(bins.times[-1])) // period_ms
    if max_bins is not None:
        last = min(last, first + max_bins - 1)
    every = np.arange(first, max(first, last + 1), dtype=np.int64) * period_ms
    pos = np.searchsorted(every, bins.times)
    inside = (
        (pos < every.size) & (every[np.minimum(pos, max(every.size - 1, 0))] == bins.times)
        if every.size
        else pos < 0
    )

    def spread(src: np.ndarray, fill: float | int) -> np.ndarray:
        out = np.full(every.size, fill, dtype=src.dtype)
        out[pos[inside]] = src[inside]
        return out

    return Bins(
        every,
        spread(bins.avg, np.nan),
        spread(bins.min, np.nan),
        spread(bins.max, np.nan),
        spread(bins.counts, 0),
        spread(bins.flags, FLAG_MISSING),
    )
