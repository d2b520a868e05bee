"""Estimates of a request's file size and processing time, from the data it will read and the options it sets.

The volume comes from what is stored: the stored data spans of each segment's device, its rated sampling period
and the product's options give the samples (or lines) to read, the rows and columns the files will hold (a
resampled product has one row per bin, ``dpo_dataGaps=1`` one per sampling or bin period of the whole window) and
the number of files. The product's own rates (``products.registry.Maker``) turn that volume into bytes and
milliseconds (the model, stored with the request), and the last completed runs of the same product correct them:
the announced estimate is the model scaled by how far the real sizes and times of those runs were from their
models (``dp_runs.work_*`` against ``dp_requests.estimated_*``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy.engine import Connection

from pelagos.catalog.selection import Segment
from pelagos.catalog.view import CatalogView
from pelagos.delivery import store
from pelagos.products.order import Order
from pelagos.products.raw import days
from pelagos.products.registry import Maker, Rates
from pelagos.products.scalar import RESAMPLE_STATS, resample_choice, sample_period_ms, sensors_for
from pelagos.products.tssd import MAX_ROWS
from pelagos.products.tssp import plot_groups

#: Fixed cost of a run (claiming, catalog snapshot, metadata file), in ms.
BASE_MS = 300
#: A row's time stamp costs about as much as this many values.
TIME_VALUES = 3
#: How far recent runs may move an estimate away from the product's own figures, either way.
MAX_CORRECTION = 4.0


@dataclass(frozen=True)
class Volume:
    """The work of a request: input units read, values written, columns of all files and files made."""

    read: int = 0
    values: int = 0
    columns: int = 0
    files: int = 0

    def __add__(self, other: Volume) -> Volume:
        return Volume(
            self.read + other.read,
            self.values + other.values,
            self.columns + other.columns,
            self.files + other.files,
        )

    def cost(self, rates: Rates) -> float:
        """The volume priced at ``rates`` (bytes or ms)."""
        return (
            self.read * rates.read
            + self.values * rates.value
            + self.columns * rates.column
            + self.files * rates.file
        )


def stored_ms(view: CatalogView, device_id: int, kind: str, date_from: int, date_to: int) -> int:
    """Milliseconds of ``[date_from, date_to)`` covered by stored data of ``kind``."""
    total = 0
    for span in view.spans.get((device_id, kind), ()):
        lo, hi = max(span.date_from, date_from), min(span.date_to, date_to)
        if hi > lo:
            total += hi - lo
    return total


def table_rows(order: Order, covered: int, window: int, period: int) -> int:
    """Rows of a segment's table: samples as measured or bins when resampled; with gaps filled, the whole window."""
    _method, bin_ms = resample_choice(order)
    if order.flag("dpo_dataGaps"):
        return -(-window // (bin_ms or period))
    samples = covered // period + 1
    return samples if bin_ms is None else min(samples, covered // bin_ms + 1)


def segment_volume(view: CatalogView, order: Order, seg: Segment, made: Maker) -> Volume:
    """The volume of one segment for a scalar or raw product; nothing when it holds no stored data to read."""
    assert seg.date_from is not None and seg.date_to is not None
    covered = stored_ms(view, seg.device.id, made.data, seg.date_from, seg.date_to)
    if made.data not in ("scalar", "raw") or not covered:
        return Volume()
    period = sample_period_ms(seg.device, seg.date_from) or 1000
    if made.data == "raw":
        lines = covered // period + 1
        return Volume(lines, lines, 0, len(days(seg)))
    sensors = sensors_for(order, seg.device)
    read = (covered // period + 1) * len(sensors)
    if made.files == "plots":
        return Volume(read, 0, 0, len(plot_groups(sensors)))
    rows = table_rows(order, covered, seg.date_to - seg.date_from, period)
    method, _bin_ms = resample_choice(order)
    stats = len(RESAMPLE_STATS[method]) if method in RESAMPLE_STATS else 1
    flags = 1 if order.flag("dpo_qaqcFlags", default=True) else 0
    columns = len(sensors) * (stats + flags)
    files = -(-rows // MAX_ROWS) if made.files == "table" else 1
    return Volume(read, rows * (TIME_VALUES + columns), (1 + columns) * files, files)


def volume(view: CatalogView, order: Order, segments: list[Segment], made: Maker) -> Volume:
    """The volume of a generated product over all its segments."""
    return sum((segment_volume(view, order, seg, made) for seg in segments), Volume())


def model(work: Volume, made: Maker) -> store.Estimate:
    """The product's own figures for ``work``: output bytes and generation milliseconds."""
    return store.Estimate(work.read, int(work.cost(made.size)), int(work.cost(made.time)))


def correction(conn: Connection, order: Order) -> tuple[float, float]:
    """Real over modelled size and time of the product's recent runs (1 without runs), within MAX_CORRECTION."""
    rows = store.recent_work(conn, order.product_code, order.extension)
    factors = []
    for real, modelled in (
        (sum(r.work_bytes for r in rows), sum(r.estimated_bytes for r in rows)),
        (sum(r.work_ms for r in rows), sum(r.estimated_ms for r in rows)),
    ):
        factor = real / modelled if real > 0 and modelled > 0 else 1.0
        factors.append(min(MAX_CORRECTION, max(1 / MAX_CORRECTION, factor)))
    return factors[0], factors[1]


def corrected(conn: Connection, guess: store.Estimate, order: Order) -> tuple[int, int]:
    """The size (bytes) and processing time (ms, the fixed cost of a run included) to announce for ``guess``."""
    size_factor, time_factor = correction(conn, order)
    return int(guess.bytes * size_factor), int(BASE_MS + guess.ms * time_factor)


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
