"""Estimates of a request's file size and processing time, from the data it will read.

The input volume comes from what is stored: for scalar products the samples the window holds (the stored data
spans times the device's sampling rate, per sensor), for raw products the lines, for archive products the bytes of
the archive files. Output bytes and milliseconds per input unit come from the last completed runs of the same
product (``dp_runs.work_*``), and from the product's own figures until there are some.
"""

from __future__ import annotations

import math

from sqlalchemy.engine import Connection

from pelagos.catalog.selection import Segment
from pelagos.catalog.view import CatalogView
from pelagos.delivery import store
from pelagos.products.order import Order
from pelagos.products.registry import Maker
from pelagos.products.scalar import sample_period_ms, sensors_for

#: Fixed cost of a run (claiming, catalog snapshot, metadata file), in ms.
BASE_MS = 300


def stored_ms(view: CatalogView, device_id: int, kind: str, date_from: int, date_to: int) -> int:
    """Milliseconds of ``[date_from, date_to)`` covered by stored data of ``kind``."""
    total = 0
    for span in view.spans.get((device_id, kind), ()):
        lo, hi = max(span.date_from, date_from), min(span.date_to, date_to)
        if hi > lo:
            total += hi - lo
    return total


def input_units(view: CatalogView, order: Order, segments: list[Segment], kind: str) -> int:
    """Samples (scalar) or lines (raw) the order will read, from the stored spans and sampling periods."""
    units = 0
    for seg in segments:
        assert seg.date_from is not None and seg.date_to is not None
        period = sample_period_ms(seg.device, seg.date_from) or 1000
        covered = stored_ms(view, seg.device.id, kind, seg.date_from, seg.date_to)
        per_stream = covered // period + (1 if covered else 0)
        streams = len(sensors_for(order, seg.device)) if kind == "scalar" else 1
        units += per_stream * streams
    return units


def rates(conn: Connection, order: Order, made: Maker) -> tuple[float, float]:
    """Output bytes and ms per input unit: measured on recent runs of the product, or the product's figures."""
    rows = store.recent_work(conn, order.product_code, order.extension)
    units = sum(r.work_values for r in rows)
    if units <= 0:
        return made.bytes_per_unit, made.ms_per_unit
    return sum(r.work_bytes for r in rows) / units, sum(r.work_ms for r in rows) / units


def estimate(conn: Connection, units: int, order: Order, made: Maker) -> store.Estimate:
    per_byte, per_ms = rates(conn, order, made)
    return store.Estimate(units, int(units * per_byte), int(BASE_MS + units * per_ms))


def format_size(size: int) -> str:
    """``"185 kB"``, ``"14 MB"``: decimal units, as ONC writes them."""
    value = float(size)
    for unit in ("B", "kB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" or value >= 10 else f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.0f} TB"


def format_duration(ms: int) -> str:
    """``"<int> s"``, ``"<int> min"`` or ``"<int> hour"``: the client reads exactly two tokens, an integer first."""
    seconds = max(1, math.ceil(ms / 1000))
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{math.ceil(seconds / 60)} min"
    return f"{math.ceil(seconds / 3600)} hour"
