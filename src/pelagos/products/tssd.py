"""Time Series Scalar Data (TSSD): the samples of a device's sensors as csv, txt, mat, json or netCDF.

One file per deployment segment; a segment with more than ``MAX_ROWS`` rows is split into numbered files
(``..._2.csv``), as ONC splits long products. Columns are the sensors (each followed by its QAQC flag column unless
``dpo_qaqcFlags=0``), rows the sample times.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

import numpy as np
import orjson
import pandas as pd
import scipy.io

from pelagos.products import describe, netcdf
from pelagos.products.job import Job, NoData
from pelagos.products.naming import Names, stem
from pelagos.products.scalar import SeriesTable, read_tables
from pelagos.timeutil import format_ms

MAX_ROWS = 500_000
CHUNK_ROWS = 100_000
TIME_LABEL = "Time UTC (yyyy-mm-ddThh:mm:ss.fffZ)"
PRODUCT_NAME = "Time Series Scalar Data"

Writer = Callable[[Job, SeriesTable, Path], None]


def iso_times(times: np.ndarray) -> np.ndarray:
    """Epoch ms as ``YYYY-MM-DDTHH:MM:SS.sssZ`` strings, vectorised."""
    return np.char.add(np.datetime_as_string(times.astype("datetime64[ms]"), unit="ms"), "Z")


def _suffix(table: SeriesTable, order_method: str) -> str:
    return "" if table.period_ms is None else f"{order_method}{table.period_ms // 1000}s"


def _frame(job: Job, table: SeriesTable) -> pd.DataFrame:
    with_flags = job.order.flag("dpo_qaqcFlags", default=True)
    data: dict[str, Any] = {TIME_LABEL: iso_times(table.times)}
    sensor_names = [s.name for s in table.sensors()]
    for col in table.columns:
        twin = sensor_names.count(col.sensor.name) > 1
        tag = f" [{col.sensor.code}]" if twin else ""
        data[f"{col.name}{tag} ({col.sensor.uom})" if col.sensor.uom else f"{col.name}{tag}"] = col.values
        if with_flags and col.flags is not None:
            data[f"{col.sensor.name}{tag} QC Flag"] = col.flags
    return pd.DataFrame(data)


def _write_rows(job: Job, out: TextIO, frame: pd.DataFrame, sep: str) -> None:
    """The column header and rows, ``CHUNK_ROWS`` at a time so a cancelled run stops between chunks."""
    for start in range(0, max(len(frame), 1), CHUNK_ROWS):
        if start:
            job.progress(f"Writing rows {start} to {min(start + CHUNK_ROWS, len(frame))} of {len(frame)}")
        frame.iloc[start : start + CHUNK_ROWS].to_csv(
            out, index=False, header=start == 0, sep=sep, na_rep="NaN", lineterminator="\n"
        )


def write_csv(job: Job, table: SeriesTable, path: Path) -> None:
    lines = describe.header(job.view, job.order, table.segment, PRODUCT_NAME)
    with open(path, "w", newline="") as out:
        out.writelines(f"#{line}\n" for line in lines)
        out.write("## END HEADER\n")
        _write_rows(job, out, _frame(job, table), ",")


def write_txt(job: Job, table: SeriesTable, path: Path) -> None:
    """Tab-separated values under the full ONC-style header: every sensor described, one line each."""
    lines = describe.header(job.view, job.order, table.segment, PRODUCT_NAME)
    lines += [describe.sensor_line(s) for s in table.sensors()]
    frame = _frame(job, table)
    lines += ["Columns (tab separated): " + " | ".join(frame.columns)]
    with open(path, "w", newline="") as out:
        out.writelines(f"#{line}\n" for line in lines)
        out.write("## END HEADER\n")
        _write_rows(job, out, frame, "\t")


def _datenum(times: np.ndarray) -> np.ndarray:
    """Epoch ms as MATLAB datenums (days since year 0)."""
    return times.astype(np.float64) / 86_400_000.0 + 719_529.0


def write_mat(job: Job, table: SeriesTable, path: Path) -> None:
    """A MATLAB file: ``time`` (datenum), ``timeMs``, a ``data`` and a ``qaqcFlags`` struct keyed by column,
    ``sensors`` (one struct per column) and ``metadata``."""
    dep = table.segment.deployment
    data = {col.key: col.values for col in table.columns}
    flags = {col.key: col.flags for col in table.columns if col.flags is not None}
    sensors = [
        {
            "column": col.key,
            "sensorCode": col.sensor.code,
            "sensorName": col.name,
            "propertyCode": col.sensor.property.code,
            "unitOfMeasure": col.sensor.uom,
            "statistic": col.stat or "",
        }
        for col in table.columns
    ]
    meta = {
        "locationCode": dep.location.code,
        "locationName": dep.location.name,
        "deviceCode": dep.device.code,
        "deviceId": dep.device.id,
        "deviceCategoryCode": dep.device.category.code,
        "lat": dep.lat if dep.lat is not None else np.nan,
        "lon": dep.lon if dep.lon is not None else np.nan,
        "depth": dep.depth if dep.depth is not None else np.nan,
        "header": "\n".join(describe.header(job.view, job.order, table.segment, PRODUCT_NAME)),
        "citation": describe.citation(table.segment),
    }
    scipy.io.savemat(
        path,
        {
            "time": _datenum(table.times),
            "timeMs": table.times.astype(np.int64),
            "data": data,
            "qaqcFlags": flags,
            "sensors": np.array(sensors, dtype=object),
            "metadata": meta,
        },
        do_compression=True,
        oned_as="column",
    )


def _json_values(values: np.ndarray) -> list[float | None]:
    return [None if np.isnan(v) else float(v) for v in values.tolist()]


def write_json(job: Job, table: SeriesTable, path: Path) -> None:
    """The scalardata service's shape: ``sensorData`` entries with ``data`` as parallel arrays
    (``dpo_jsonOutputEncoding=array``) or one object per sample (``object``)."""
    order = job.order
    epoch = order.option("dpo_jsonTimeFormat", "iso8601") == "epochMillis"
    as_objects = order.option("dpo_jsonOutputEncoding", "array") == "object"
    full = order.option("dpo_jsonMetadata", "minimum") == "full"
    times: list[Any] = table.times.tolist() if epoch else iso_times(table.times).tolist()
    with_flags = order.flag("dpo_qaqcFlags", default=True)
    entries = []
    for sensor in table.sensors():
        cols = [c for c in table.columns if c.sensor.id == sensor.id]
        series: dict[str, list[Any]] = {"sampleTimes": times}
        for col in cols:
            series[f"{col.stat}Values" if col.stat else "values"] = _json_values(col.values)
            if with_flags and col.flags is not None:
                series["qaqcFlags"] = col.flags.tolist()
        data: Any = series
        if as_objects:
            keys = list(series)
            data = [dict(zip(keys, row, strict=True)) for row in zip(*series.values(), strict=True)]
        entries.append(
            {
                "actualSamples": int(np.count_nonzero(~np.isnan(cols[0].values))),
                "data": data,
                "outputFormat": "object" if as_objects else "array",
                "propertyCode": sensor.property.code,
                "sensorCategoryCode": sensor.category_code,
                "sensorCode": sensor.code,
                "sensorName": sensor.name,
                "unitOfMeasure": sensor.uom,
            }
        )
    seg = table.segment
    assert seg.date_from is not None and seg.date_to is not None
    metadata: dict[str, Any] = {
        "locationCode": seg.deployment.location.code,
        "deviceCode": seg.device.code,
        "dateFrom": format_ms(seg.date_from),
        "dateTo": format_ms(seg.date_to),
        "citation": describe.citation(seg),
    }
    if full:
        metadata["header"] = describe.header(job.view, order, seg, PRODUCT_NAME)
        metadata["sensors"] = [describe.sensor_line(s) for s in table.sensors()]
    path.write_bytes(orjson.dumps({"metadata": metadata, "sensorData": entries}))


WRITERS: dict[str, Writer] = {
    "csv": write_csv,
    "txt": write_txt,
    "mat": write_mat,
    "json": write_json,
    "nc": netcdf.write_nc,
}


def generate(job: Job) -> None:
    """Write the TSSD files of the order, numbered per stem."""
    write = WRITERS[job.order.extension]
    tables = read_tables(job)
    if not tables:
        raise NoData("no samples in the requested window")
    names = Names()
    method = job.order.option("dpo_resample", "none")
    total = sum(-(-len(t) // MAX_ROWS) for t in tables)
    done = 0
    for table in tables:
        for start in range(0, len(table), MAX_ROWS):
            part = table.rows(start, start + MAX_ROWS)
            done += 1
            job.progress(f"Writing file {done} of {total}")
            name = names.take(
                stem(
                    job.view,
                    job.order,
                    part.segment,
                    int(part.times[0]),
                    int(part.times[-1]),
                    _suffix(part, method),
                ),
                job.order.extension,
            )
            write(job, part, job.path(name))
            job.add(name)
