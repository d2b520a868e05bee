"""Time Series Scalar Plots (TSSP): png or pdf, one file per plot group and deployment segment.

Plot groups: a device's measured sensors form one group and its derived sensors (salinity, density, sound speed
computed with TEOS-10) another; a group with more than ``MAX_PANELS`` sensors is cut into several. So a CTD
(conductivity, temperature, pressure + five derived variables) gives two plots per day window, and one plot with
``dpo_sensorsToInclude=original``. Each sensor has its own panel, all sharing one UTC time axis; colours come
from the cmocean palette of the sensor's property. Series longer than ``MAX_POINTS`` are drawn as the min/max
envelope and mean of ``ENVELOPE_BINS`` time bins, which keeps every extreme and every gap visible at any length.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path

import cmocean
import matplotlib
import matplotlib.dates as mdates
import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from pelagos.catalog.view import Sensor
from pelagos.products import describe
from pelagos.products.job import Job, NoData
from pelagos.products.naming import Names, stem
from pelagos.products.scalar import Column, SeriesTable, read_tables
from pelagos.series.resample import BAD_FLAGS, Bins, resample
from pelagos.timeutil import format_ms

matplotlib.use("Agg")

MAX_PANELS = 6
MAX_POINTS = 4000
ENVELOPE_BINS = 2000
PAGE_SIZES = {"letter": (8.5, 11.0), "a4": (8.27, 11.69)}
#: Title font size (points), the width of an average title character (in ems, generous for DejaVu Sans) and the
#: space kept free on each side of the title (inches): long titles are wrapped to stay inside the figure.
TITLE_POINTS = 9
CHAR_EMS = 0.6
MARGIN_IN = 0.2

PALETTES = {
    "seawatertemperature": cmocean.cm.thermal,
    "airtemperature": cmocean.cm.thermal,
    "icetemperature": cmocean.cm.thermal,
    "salinity": cmocean.cm.haline,
    "conductivity": cmocean.cm.haline,
    "pressure": cmocean.cm.deep,
    "totalpressure": cmocean.cm.deep,
    "pressureresidual": cmocean.cm.deep,
    "density": cmocean.cm.dense,
    "sigmat": cmocean.cm.dense,
    "sigmatheta": cmocean.cm.dense,
    "soundspeed": cmocean.cm.speed,
    "currentspeed": cmocean.cm.speed,
    "windspeed": cmocean.cm.speed,
    "currentdirection": cmocean.cm.phase,
    "winddirection": cmocean.cm.phase,
    "heading": cmocean.cm.phase,
    "oxygen": cmocean.cm.oxy,
    "turbidity": cmocean.cm.turbid,
    "chlorophyll": cmocean.cm.algae,
    "icethickness": cmocean.cm.ice,
    "icedraft": cmocean.cm.ice,
    "snowdepth": cmocean.cm.ice,
}


def colour(sensor: Sensor) -> tuple[float, float, float, float]:
    palette = PALETTES.get(sensor.property.code, cmocean.cm.thermal)
    return tuple(palette(0.35 if palette is not cmocean.cm.oxy else 0.15))


def plot_groups(sensors: list[Sensor]) -> list[list[Sensor]]:
    """Measured sensors, then derived ones, each cut into groups of at most MAX_PANELS."""
    groups = []
    for kind in ([s for s in sensors if not s.derived], [s for s in sensors if s.derived]):
        groups += [kind[i : i + MAX_PANELS] for i in range(0, len(kind), MAX_PANELS)]
    return [g for g in groups if g]


def envelope(times: np.ndarray, values: np.ndarray, date_from: int, date_to: int) -> Bins:
    """Mean, min and max over ``ENVELOPE_BINS`` equal time bins of the window; empty bins (gaps) are NaN."""
    period = max(1, -(-(date_to - date_from) // ENVELOPE_BINS))
    return resample(times, values, period, fill_gaps=True, date_from=date_from, date_to=date_to)


def with_breaks(times: np.ndarray, *series: np.ndarray) -> tuple[np.ndarray, ...]:
    """Insert NaN rows at both ends of every step over three times the usual one, so plots do not bridge gaps."""
    if times.size < 3:
        return (times, *series)
    steps = np.diff(times)
    gaps = np.flatnonzero(steps > 3 * np.median(steps)) + 1
    if not gaps.size:
        return (times, *series)
    at = np.repeat(gaps, 2)
    stamps = np.column_stack((times[gaps - 1] + 1, times[gaps] - 1)).ravel()
    return (np.insert(times, at, stamps), *(np.insert(s, at, np.nan) for s in series))


def _panel(ax: Axes, table: SeriesTable, cols: list[Column], clean: bool) -> None:
    sensor = cols[0].sensor
    tint = colour(sensor)
    when = table.times
    by_stat = {c.stat: c for c in cols}
    if "min" in by_stat and "max" in by_stat:
        t, lo, hi = with_breaks(when, by_stat["min"].values, by_stat["max"].values)
        ax.fill_between(t.astype("datetime64[ms]"), lo, hi, color=tint, alpha=0.25, lw=0, label="min-max")
    main = by_stat.get(None) or by_stat.get("avg")
    if main is not None:
        if when.size > MAX_POINTS:
            seg = table.segment
            assert seg.date_from is not None and seg.date_to is not None
            bins = envelope(when, main.values, seg.date_from, seg.date_to)
            t = bins.times.astype("datetime64[ms]")
            ax.fill_between(t, bins.min, bins.max, color=tint, alpha=0.35, lw=0)
            ax.plot(t, bins.avg, color=tint, lw=0.8)
        else:
            times, values = with_breaks(when, main.values)
            ax.plot(times.astype("datetime64[ms]"), values, color=tint, lw=0.9)
        if not clean and main.flags is not None:
            bad = np.isin(main.flags, BAD_FLAGS)
            if bad.any():
                ax.plot(
                    when[bad].astype("datetime64[ms]"),
                    main.values[bad],
                    "x",
                    color="crimson",
                    ms=3,
                    label="flagged 3/4",
                )
    ax.set_ylabel(f"{sensor.name}\n({sensor.uom})" if sensor.uom else sensor.name, fontsize=8)
    ax.tick_params(labelsize=7)
    ax.ticklabel_format(axis="y", useOffset=False, style="plain")
    ax.grid(True, color="0.88", lw=0.5)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=6, loc="upper right")


def _title_time(ms: int) -> str:
    return format_ms(ms)[:19].replace("T", " ")


def title(job: Job, table: SeriesTable, width_in: float) -> str:
    """The plot's title: where, what device, when (UTC) and how processed, wrapped to fit ``width_in`` inches."""
    seg = table.segment
    dep = seg.deployment
    assert seg.date_from is not None and seg.date_to is not None
    processing = "clean" if job.order.clean else "raw"
    if table.period_ms is not None:
        processing += f", {job.order.option('dpo_resample', 'none')} {table.period_ms // 1000} s"
    lines = [
        f"{describe.location_path(job.view, seg)} ({dep.location.code})",
        f"{dep.device.category.name} {dep.device.code}",
        f"{_title_time(seg.date_from)} to {_title_time(seg.date_to)} UTC ({processing})",
    ]
    columns = int(width_in * 72 / (TITLE_POINTS * CHAR_EMS))
    return "\n".join(part for line in lines for part in textwrap.wrap(line, columns))


def figure(job: Job, table: SeriesTable, group: list[Sensor], size: tuple[float, float] | None) -> Figure:
    """The figure of one plot group: a panel per sensor over a shared UTC time axis, titled."""
    seg = table.segment
    assert seg.date_from is not None and seg.date_to is not None
    width, height = size or (10.0, 1.7 * len(group) + 1.4)
    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    axes = fig.subplots(len(group), 1, sharex=True, squeeze=False)[:, 0]
    for ax, sensor in zip(axes, group, strict=True):
        _panel(ax, table, [c for c in table.columns if c.sensor.id == sensor.id], job.order.clean)
    locator = mdates.AutoDateLocator(tz=mdates.UTC)
    axes[-1].xaxis.set_major_locator(locator)
    axes[-1].xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, tz=mdates.UTC, show_offset=False))
    axes[-1].set_xlim(np.datetime64(seg.date_from, "ms"), np.datetime64(seg.date_to, "ms"))
    axes[-1].set_xlabel("Time (UTC)", fontsize=8)
    fig.suptitle(title(job, table, width - 2 * MARGIN_IN), fontsize=TITLE_POINTS)
    return fig


def plots(job: Job) -> Iterator[tuple[str, Figure]]:
    """The file name and figure of each plot of the order: one per plot group and segment."""
    tables = read_tables(job)
    if not tables:
        raise NoData("no samples in the requested window")
    extension = job.order.extension
    size = PAGE_SIZES.get(job.order.option("dpo_pdfPageSize", "letter")) if extension == "pdf" else None
    names = Names()
    method = job.order.option("dpo_resample", "none")
    work = [(t, g) for t in tables for g in plot_groups(t.sensors())]
    for n, (table, group) in enumerate(work, start=1):
        job.progress(f"Drawing plot {n} of {len(work)}")
        seg = table.segment
        assert seg.date_from is not None and seg.date_to is not None
        suffix = "" if table.period_ms is None else f"{method}{table.period_ms // 1000}s"
        name = names.take(stem(job.view, job.order, seg, seg.date_from, seg.date_to, suffix), extension)
        yield name, figure(job, table, group, size)


def generate(job: Job) -> None:
    """Draw the order's plots into png or pdf files."""
    for name, fig in plots(job):
        path: Path = job.path(name)
        fig.savefig(path, format=job.order.extension)
        job.add(name)
