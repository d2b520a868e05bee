"""Scalar series for the time-series products: one table per deployment segment, sensors as columns.

What the options do (docs/products.md):
- ``dpo_qualityControl=1`` (clean): values flagged 3 (probably bad) or 4 (bad) become NaN; 0 keeps them.
- ``dpo_resample``: ``none``; ``average``, ``minMax`` or ``minMaxAvg`` over bins of ``dpo_average`` /
  ``dpo_minMax`` / ``dpo_minMaxAvg`` seconds aligned on the epoch, stamped with the bin start and flagged 7
  (averaged), or 9 for bins without a valid value.
- ``dpo_dataGaps=1``: gaps longer than 1.5 sampling periods are filled with NaN rows (flag 9) on the sampling
  grid (on the bin grid when resampled), so that plots and analyses see the gaps.
- ``dpo_sensorsToInclude``: ``original`` keeps measured sensors, ``all`` adds the derived (TEOS-10) ones.
- ``propertyCode`` in the request keeps the sensors measuring those properties.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pelagos.catalog.selection import Segment
from pelagos.catalog.view import Device, Sensor
from pelagos.products.job import Job
from pelagos.products.order import Order
from pelagos.products.sources import read_samples
from pelagos.series.resample import FLAG_MISSING, clean, fill_bins, resample

RESAMPLE_STATS = {"average": ("avg",), "minMax": ("min", "max"), "minMaxAvg": ("min", "max", "avg")}
STAT_NAMES = {"avg": "Average", "min": "Min", "max": "Max"}


@dataclass
class Column:
    """One column of values: a sensor's samples, or one statistic of its resampled bins.

    ``flags`` is set on the first column of each sensor (the QAQC flag column follows it in tabular files).
    """

    sensor: Sensor
    stat: str | None
    values: np.ndarray
    flags: np.ndarray | None

    @property
    def name(self) -> str:
        return self.sensor.name + (f" {STAT_NAMES[self.stat]}" if self.stat else "")

    @property
    def label(self) -> str:
        return f"{self.name} ({self.sensor.uom})" if self.sensor.uom else self.name

    @property
    def key(self) -> str:
        """A variable name: letters, digits and underscores, unique within a device."""
        base = "".join(ch if ch.isalnum() else "_" for ch in self.sensor.code)
        return f"{base}_{self.stat}" if self.stat else base


@dataclass
class SeriesTable:
    """Aligned columns over shared ``times`` (epoch ms) for one deployment segment."""

    segment: Segment
    times: np.ndarray
    columns: list[Column]
    period_ms: int | None  # the resampling period, None for samples as measured

    def __len__(self) -> int:
        return int(self.times.size)

    def rows(self, start: int, stop: int) -> SeriesTable:
        cols = [
            Column(c.sensor, c.stat, c.values[start:stop], None if c.flags is None else c.flags[start:stop])
            for c in self.columns
        ]
        return SeriesTable(self.segment, self.times[start:stop], cols, self.period_ms)

    def sensors(self) -> list[Sensor]:
        return list({c.sensor.id: c.sensor for c in self.columns}.values())


def resample_choice(order: Order) -> tuple[str, int | None]:
    """The resampling method and its period in ms (None for ``none``)."""
    method = order.option("dpo_resample", "none")
    if method not in RESAMPLE_STATS:
        return "none", None
    return method, int(order.option(f"dpo_{method}", "60")) * 1000


def sensors_for(order: Order, device: Device) -> list[Sensor]:
    """The device's sensors the order asks for, in catalog order."""
    chosen = []
    for sensor in device.sensors:
        if order.property_codes is not None and sensor.property.code not in order.property_codes:
            continue
        if order.option("dpo_sensorsToInclude", "all") == "original" and sensor.derived:
            continue
        chosen.append(sensor)
    return chosen


def sample_period_ms(device: Device, at: int) -> int | None:
    """The device's rated sampling period at ``at``, in ms."""
    for rating in reversed(device.ratings):
        if rating["date_from"] <= at and (rating["date_to"] is None or at < rating["date_to"]):
            return max(1, round(float(rating["sample_period"]) * 1000))
    return None


def _gap_grid(times: np.ndarray, period_ms: int, date_from: int, date_to: int) -> np.ndarray:
    """Instants on the sampling grid inside every gap longer than 1.5 periods, window edges included."""
    if times.size == 0:
        return np.empty(0, np.int64)
    anchor = int(times[0])
    first = anchor - ((anchor - date_from) // period_ms) * period_ms
    edges = np.concatenate(([first - period_ms], times, [date_to + period_ms // 2]))
    fill: list[np.ndarray] = []
    for i in np.flatnonzero(np.diff(edges) > 1.5 * period_ms):
        lo, hi = int(edges[i]), int(edges[i + 1])
        grid = np.arange(lo + period_ms, hi - period_ms // 2, period_ms, dtype=np.int64)
        fill.append(grid[(grid >= date_from) & (grid < date_to)])
    return np.concatenate(fill) if fill else np.empty(0, np.int64)


def _align(
    times: np.ndarray, series: list[tuple[np.ndarray, np.ndarray, np.ndarray]]
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Values and flags of each ``(times, values, flags)`` placed on the shared ``times`` (NaN / 9 elsewhere)."""
    out = []
    for t, v, f in series:
        values = np.full(times.size, np.nan)
        flags = np.full(times.size, FLAG_MISSING, dtype=np.int8)
        pos = np.searchsorted(times, t)
        values[pos] = v
        flags[pos] = f
        out.append((values, flags))
    return out


def read_table(job: Job, segment: Segment) -> SeriesTable | None:
    """The segment's series as the order wants them; None when the segment holds no samples."""
    order = job.order
    assert segment.date_from is not None and segment.date_to is not None
    lo, hi = segment.date_from, segment.date_to
    method, period = resample_choice(order)
    gaps = order.flag("dpo_dataGaps")
    sensors = sensors_for(order, segment.device)
    raw: list[tuple[Sensor, np.ndarray, np.ndarray, np.ndarray]] = []
    for i, sensor in enumerate(sensors):
        job.progress(f"Reading {sensor.name} ({i + 1} of {len(sensors)})")
        samples = read_samples(job.engine, sensor.id, lo, hi)
        if samples.times.size == 0:
            continue
        values = clean(samples.values, samples.flags) if order.clean else samples.values.astype(np.float64)
        raw.append((sensor, samples.times, values, samples.flags.astype(np.int8)))
        job.work += int(samples.times.size)
    if not raw:
        return None
    if period is None:
        times = np.unique(np.concatenate([t for _, t, _, _ in raw]))
        nominal = sample_period_ms(segment.device, lo)
        if gaps and nominal:
            times = np.union1d(times, _gap_grid(times, nominal, lo, hi))
        aligned = _align(times, [(t, v, f) for _, t, v, f in raw])
        columns = [Column(s, None, v, f) for (s, _, _, _), (v, f) in zip(raw, aligned, strict=True)]
        return SeriesTable(segment, times, columns, None)
    binned = []
    for sensor, t, v, _f in raw:
        bins = resample(t, v, period)
        if gaps:
            bins = fill_bins(bins, period, lo, hi)
        binned.append((sensor, bins))
    times = np.unique(np.concatenate([b.times for _, b in binned]))
    columns = []
    for sensor, bins in binned:
        pos = np.searchsorted(times, bins.times)
        for k, stat in enumerate(RESAMPLE_STATS[method]):
            values = np.full(times.size, np.nan)
            values[pos] = getattr(bins, stat)
            flags = None
            if k == 0:
                flags = np.full(times.size, FLAG_MISSING, dtype=np.int8)
                flags[pos] = bins.flags
            columns.append(Column(sensor, stat, values, flags))
    return SeriesTable(segment, times, columns, period)


def read_tables(job: Job) -> list[SeriesTable]:
    """A table per segment of the order that holds samples, in time order."""
    tables = []
    for segment in job.order.segments(job.view):
        table = read_table(job, segment)
        if table is not None and len(table):
            tables.append(table)
    return tables
