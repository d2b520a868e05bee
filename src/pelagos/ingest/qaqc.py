"""Quality flags computed at ingest with ioos_qc's QARTOD tests, mapped onto ONC's flag values.

Each measured sensor carries its limits in the catalog (``sensors.qc``): ``gross_range`` [lo, hi],
``spike`` threshold, ``rate_of_change`` per second and ``flat_line`` tolerance; a missing limit skips that
test. QARTOD answers per test 1 pass, 2 not evaluated, 3 suspect, 4 fail, 9 missing; the sample's ONC flag is
the worst evaluated answer: 1 good, 3 probably bad, 4 bad, 9 missing, or 0 when no test applied (docs/qaqc.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from ioos_qc import qartod

#: ONC flag values (docs/qaqc.md).
NO_QC, GOOD, PROBABLY_GOOD, PROBABLY_BAD, BAD, MISSING = 0, 1, 2, 3, 4, 9
#: Samples per ioos_qc call: its flat-line test builds a rolling window per sample, so memory grows with this.
BATCH = 250_000
#: Flat-line windows, in sample periods: this many identical readings are suspect, twice as many bad.
FLAT_SUSPECT_PERIODS = 20


def spike_flags(values: np.ndarray, suspect: float, fail: float) -> np.ndarray:
    """ioos_qc's QARTOD spike test (method "average"), flag for flag, in vectorised time.

    ioos_qc's ``spike_test`` visits every sample in a Python loop to mark missing neighbours, which costs about
    a second per million samples. The samples whose deviation from the mean of their neighbours is at most the
    suspect threshold pass (1); missing samples are 9; the ends and neighbours of missing ones are not
    evaluated (2);
    only the rest, the spike candidates, are handed to ``qartod.spike_test`` with their two neighbours, and its
    answer for each is kept. ``tests/test_qaqc_derive.py`` checks the result equals the whole-series test.
    """
    n = values.size
    flags = np.full(n, 2, np.uint8)
    if n < 3:
        return flags
    finite = np.isfinite(values)
    flags[~finite] = MISSING
    middle = values[1:-1]
    with np.errstate(invalid="ignore"):
        deviation = np.abs(middle - (values[:-2] + values[2:]) / 2)
    evaluated = finite[:-2] & finite[1:-1] & finite[2:] & np.isfinite(deviation)
    inner = flags[1:-1]
    inner[evaluated] = 1
    candidates = np.flatnonzero(evaluated & (deviation > suspect)) + 1
    if candidates.size:
        # one call for all: each candidate with its neighbours, the triplets kept apart by a missing value
        triplets = np.full((candidates.size, 4), np.nan)
        triplets[:, :3] = values[candidates[:, None] + np.arange(-1, 2)]
        judged = qartod.spike_test(triplets.ravel(), suspect_threshold=suspect, fail_threshold=fail)
        flags[candidates] = np.ma.filled(judged, 2)[1::4]
    return flags


def _worst(results: list[np.ndarray], n: int) -> np.ndarray:
    flags = np.full(n, NO_QC, np.int8)
    for result in results:
        r = (
            np.ma.filled(np.asarray(result), 2).astype(np.int8)
            if np.ma.isMaskedArray(result)
            else np.asarray(result, np.int8)
        )
        evaluated = r != 2
        flags = np.where(evaluated & ((flags == NO_QC) | (r > flags)), r, flags)
    return flags


def _batch_flags(times: np.ndarray, values: np.ndarray, limits: Mapping[str, Any]) -> np.ndarray:
    results: list[np.ndarray] = []
    span = limits.get("gross_range")
    if span:
        lo, hi = float(span[0]), float(span[1])
        results.append(qartod.gross_range_test(values, fail_span=(lo, hi)))
    if limits.get("spike") and values.size >= 3:
        spike = float(limits["spike"])
        results.append(spike_flags(values, spike, 2 * spike))
    if values.size >= 2:
        stamps = times.astype("datetime64[ms]")
        if limits.get("rate_of_change"):
            results.append(qartod.rate_of_change_test(values, stamps, float(limits["rate_of_change"])))
        if limits.get("flat_line") is not None and values.size > 2 * FLAT_SUSPECT_PERIODS:
            # ioos_qc counts its windows in whole seconds of median spacing, which breaks on sub-second
            # sampling (4 Hz CTDs); one synthetic second per sample makes the windows counts of samples.
            ticks = np.arange(values.size, dtype=np.int64).astype("datetime64[s]")
            results.append(
                qartod.flat_line_test(
                    values, ticks, FLAT_SUSPECT_PERIODS, 2 * FLAT_SUSPECT_PERIODS, float(limits["flat_line"])
                )
            )
    flags = _worst(results, values.size)
    flags[~np.isfinite(values)] = MISSING
    return flags


def quality_flags(times: np.ndarray, values: np.ndarray, limits: Mapping[str, Any] | None) -> np.ndarray:
    """ONC flags for one sensor's time-ordered samples under its QARTOD ``limits`` (None: flag 0, no QC)."""
    if not limits:
        flags = np.full(values.size, NO_QC, np.int8)
        flags[~np.isfinite(values)] = MISSING
        return flags
    out = np.empty(values.size, np.int8)
    for at in range(0, values.size, BATCH):
        part = slice(at, at + BATCH)
        out[part] = _batch_flags(times[part], values[part], limits)
    return out


def combine(*flags: np.ndarray) -> np.ndarray:
    """The flag of a value computed from several inputs: the worst of theirs (missing wins, then bad...)."""
    rank = {NO_QC: 0, GOOD: 1, PROBABLY_GOOD: 2, PROBABLY_BAD: 3, BAD: 4, MISSING: 5}
    order = np.array([rank.get(i, 0) for i in range(10)], np.int8)
    worst = np.max(np.stack([order[f] for f in flags]), axis=0)
    back = np.array([NO_QC, GOOD, PROBABLY_GOOD, PROBABLY_BAD, BAD, MISSING], np.int8)
    return back[worst]
