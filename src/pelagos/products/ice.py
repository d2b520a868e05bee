"""Ice Buoy Profile Plots (IBPP, png): the temperature profile through air, snow, ice and water over time.

A SIMBA-type buoy carries a thermistor string whose sensors are named by their height relative to the ice
surface ("Temperature 0.5 m below the Ice Surface"). The upper panel shows temperature (cmocean thermal) by
height and time, the lower one the ice thickness and snow depth; one plot per deployment segment.
"""

from __future__ import annotations

import re

import cmocean
import matplotlib.dates as mdates
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from pelagos.catalog.view import Sensor
from pelagos.products import describe
from pelagos.products.job import Job, NoData
from pelagos.products.naming import Names, stem
from pelagos.products.scalar import SeriesTable, read_tables
from pelagos.products.tssp import with_breaks
from pelagos.timeutil import format_ms

_HEIGHT = re.compile(r"(\d+(?:\.\d+)?) m (above|below)")


def height(sensor: Sensor) -> float | None:
    """Height of a thermistor above the ice surface in m (negative below), from its name; None if not one."""
    if "at the ice surface" in sensor.name.lower():
        return 0.0
    found = _HEIGHT.search(sensor.name)
    if found is None:
        return None
    value = float(found.group(1))
    return value if found.group(2) == "above" else -value


def figure(job: Job, table: SeriesTable) -> Figure:
    seg = table.segment
    assert seg.date_from is not None and seg.date_to is not None
    profile = sorted(
        ((h, c) for c in table.columns if c.stat in (None, "avg") and (h := height(c.sensor)) is not None),
        key=lambda pair: pair[0],
    )
    others = [c for c in table.columns if c.stat in (None, "avg") and height(c.sensor) is None]
    if not profile:
        raise NoData("no thermistor profile in the requested window")
    fig = Figure(figsize=(10.0, 7.0), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=[2, 1])
    broken = with_breaks(table.times, *(c.values for _, c in profile), *(c.values for c in others))
    times = broken[0].astype("datetime64[ms]")
    heights = np.array([h for h, _ in profile])
    values = np.vstack(broken[1 : 1 + len(profile)])
    mesh = top.pcolormesh(times, heights, values, cmap=cmocean.cm.thermal, shading="nearest")
    fig.colorbar(mesh, ax=top, label=f"Temperature ({profile[0][1].sensor.uom})")
    top.axhline(0.0, color="white", lw=0.8, ls="--")
    top.set_ylabel("Height above the ice surface (m)", fontsize=8)
    shades = np.linspace(0.25, 0.75, max(len(others), 1))
    for col, series, shade in zip(others, broken[1 + len(profile) :], shades, strict=True):
        bottom.plot(times, series, color=cmocean.cm.ice(shade), lw=1.0, label=col.label)
    if others:
        bottom.legend(fontsize=7)
    bottom.set_ylabel("Thickness (m)", fontsize=8)
    bottom.grid(True, color="0.88", lw=0.5)
    locator = mdates.AutoDateLocator(tz=mdates.UTC)
    bottom.xaxis.set_major_locator(locator)
    bottom.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, tz=mdates.UTC, show_offset=False))
    bottom.set_xlabel("Time (UTC)", fontsize=8)
    dep = seg.deployment
    fig.suptitle(
        f"{describe.location_path(job.view, seg)} ({dep.location.code}): ice buoy {dep.device.code}\n"
        f"{format_ms(seg.date_from)[:16]} to {format_ms(seg.date_to)[:16]} UTC"
        f" ({'clean' if job.order.clean else 'raw'})",
        fontsize=9,
    )
    return fig


def generate(job: Job) -> None:
    tables = read_tables(job)
    if not tables:
        raise NoData("no samples in the requested window")
    names = Names()
    for n, table in enumerate(tables, start=1):
        job.progress(f"Drawing profile plot {n} of {len(tables)}")
        seg = table.segment
        assert seg.date_from is not None and seg.date_to is not None
        name = names.take(stem(job.view, job.order, seg, seg.date_from, seg.date_to), "png")
        figure(job, table).savefig(job.path(name), format="png")
        job.add(name)
