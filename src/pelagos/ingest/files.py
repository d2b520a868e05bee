"""Reading instrument files for ``pelagos ingest``: CSV tables of samples, and raw log files of lines.

CSV: a header row, a time column (``time``, ``sampleTime`` or ``timestamp``: ISO 8601 UTC or epoch ms) and one
column per sensor code; empty cells are missing readings. Raw logs: one reading per line, the line's first
whitespace-separated token its ISO 8601 time, the rest the instrument's output as it was printed.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from pelagos.ingest.service import IngestError
from pelagos.timeutil import parse_instant

TIME_COLUMNS = ("time", "sampleTime", "timestamp")


def read_csv(path: Path) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Times (epoch ms) and values by sensor code from a CSV file of samples."""
    table = pd.read_csv(path)
    column = next((c for c in TIME_COLUMNS if c in table.columns), None)
    if column is None:
        raise IngestError(f"no time column (one of {', '.join(TIME_COLUMNS)})", "header")
    raw_times = table[column]
    if pd.api.types.is_numeric_dtype(raw_times):
        times = raw_times.to_numpy(np.int64)
    else:
        times = np.empty(len(raw_times), np.int64)
        for i, text in enumerate(raw_times.astype(str)):
            try:
                times[i] = parse_instant(text)
            except ValueError:
                raise IngestError(f"not a time: {text!r}", column, i) from None
    sensors = {}
    for name in table.columns:
        if name == column:
            continue
        values = pd.to_numeric(table[name], errors="coerce")
        bad = values.isna() & table[name].notna()
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0])
            raise IngestError(f"not a number: {table[name].iloc[row]!r}", str(name), row)
        sensors[str(name)] = values.to_numpy(np.float64)
    return times, sensors


def read_raw(path: Path) -> tuple[np.ndarray, list[str]]:
    """Times (epoch ms) and readings from a raw log file (``<ISO time> <reading>`` per line)."""
    times: list[int] = []
    readings: list[str] = []
    with path.open(encoding="utf-8", errors="replace") as lines:
        for i, line in enumerate(lines):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            stamp, _, reading = line.partition(" ")
            try:
                times.append(parse_instant(stamp))
            except ValueError:
                raise IngestError(f"line does not start with a time: {line[:60]!r}", "line", i) from None
            readings.append(reading)
    return np.asarray(times, np.int64), readings
