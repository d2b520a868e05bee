"""Manual Scalar QAQC Results (MSQAQCR, .qaqc): where the quality flags of each sensor say something.

A text file per deployment segment: a header with, per sensor, the count of samples under each flag, then one
comma-separated row per run of consecutive samples sharing a flag other than 1 (good):
``sensorCode,sensorName,dateFrom,dateTo,qaqcFlag,meaning,samples``. The flags pelagos stores come from the
automatic QARTOD tests run at ingest, so ``dpo_qaqcTests=manual`` finds no results (the run ends with no data),
while ``all`` and ``automatic`` list them.
"""

from __future__ import annotations

import numpy as np

from pelagos.products import describe
from pelagos.products.job import Job, NoData
from pelagos.products.naming import Names, stem
from pelagos.products.scalar import Column, SeriesTable, read_tables
from pelagos.timeutil import format_ms

GOOD = 1
COLUMNS = "sensorCode,sensorName,dateFrom,dateTo,qaqcFlag,meaning,samples"


def runs(times: np.ndarray, flags: np.ndarray) -> list[tuple[int, int, int, int]]:
    """``(first time, last time, flag, count)`` for each run of equal flags other than good."""
    if flags.size == 0:
        return []
    starts = np.flatnonzero(np.concatenate(([True], flags[1:] != flags[:-1])))
    ends = np.append(starts[1:], flags.size)
    return [
        (int(times[a]), int(times[b - 1]), int(flags[a]), int(b - a))
        for a, b in zip(starts, ends, strict=True)
        if flags[a] != GOOD
    ]


def _flagged(table: SeriesTable) -> list[Column]:
    return [c for c in table.columns if c.flags is not None]


def write(job: Job, table: SeriesTable, name: str) -> None:
    header = describe.header(job.view, job.order, table.segment, "Manual Scalar QAQC Results")
    for col in _flagged(table):
        assert col.flags is not None
        values, counts = np.unique(col.flags, return_counts=True)
        tally = ", ".join(
            f"{int(v)} {describe.QAQC_FLAGS.get(int(v), '?')}: {int(n)}"
            for v, n in zip(values, counts, strict=True)
        )
        header.append(f"Sensor {col.sensor.code} flags: {tally}")
    with open(job.path(name), "w", newline="") as out:
        out.writelines(f"#{line}\n" for line in header)
        out.write("## END HEADER\n")
        out.write(COLUMNS + "\n")
        for col in _flagged(table):
            assert col.flags is not None
            for first, last, flag, count in runs(table.times, col.flags):
                meaning = describe.QAQC_FLAGS.get(flag, "unknown")
                out.write(
                    f"{col.sensor.code},{col.sensor.name},{format_ms(first)},{format_ms(last)},{flag},{meaning},{count}\n"
                )


def generate(job: Job) -> None:
    if job.order.option("dpo_qaqcTests", "all") == "manual":
        raise NoData("no manual QAQC results are stored")
    tables = read_tables(job)
    if not tables:
        raise NoData("no samples in the requested window")
    names = Names()
    for table in tables:
        job.progress("Listing QAQC results")
        seg = table.segment
        assert seg.date_from is not None and seg.date_to is not None
        name = names.take(stem(job.view, job.order, seg, seg.date_from, seg.date_to), "qaqc")
        write(job, table, name)
        job.add(name)
