"""The ingest service: the one way data enters the store, used by the HTTP route, the CLI, live feeds and Python.

A batch is validated whole before anything is written: an unknown device or sensor, a time that does not parse,
a value that is not a number, or a time outside every deployment of the device refuses the batch, naming the
row and field. Accepted samples get QARTOD flags, CTD batches their TEOS-10 variables, and everything is written
in one transaction: when :meth:`Ingestor.samples` returns, the batch is durable (acknowledged), all or nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy.engine import Engine

from pelagos.catalog.view import CatalogCache, CatalogView, Device
from pelagos.ingest import qaqc
from pelagos.ingest.derive import ctd_derived
from pelagos.series.store import RawStore, Samples, SampleStore
from pelagos.timeutil import parse_instant


@dataclass
class IngestError(Exception):
    """A refused batch: what is wrong, in which ``field`` and (0-based) ``row`` when it is one row's fault."""

    message: str
    field: str
    row: int | None = None

    def __str__(self) -> str:
        where = f" (row {self.row})" if self.row is not None else ""
        return f"{self.field}{where}: {self.message}"


def _times(values: Sequence[int | float | str] | np.ndarray, field: str) -> np.ndarray:
    """Epoch ms from numbers (ms) or ISO 8601 strings; the first bad row is named."""
    if isinstance(values, np.ndarray) and values.dtype.kind in "iu":
        return values.astype(np.int64)
    out = np.empty(len(values), np.int64)
    for i, v in enumerate(values):
        try:
            if isinstance(v, str):
                out[i] = parse_instant(v)
            elif isinstance(v, bool) or not isinstance(v, int | float | np.integer | np.floating):
                raise ValueError
            else:
                out[i] = int(v)
        except (ValueError, OverflowError):
            raise IngestError(f"not a time: {v!r}", field, i) from None
    return out


def _values(values: Sequence[float | None] | np.ndarray, field: str) -> np.ndarray:
    """Float64 values; None becomes NaN (a missing reading); anything else that is not a number is refused."""
    if isinstance(values, np.ndarray) and values.dtype.kind == "f":
        return values.astype(np.float64)
    out = np.empty(len(values), np.float64)
    for i, v in enumerate(values):
        if v is None:
            out[i] = np.nan
        elif isinstance(v, bool) or not isinstance(v, int | float | np.integer | np.floating):
            raise IngestError(f"not a number: {v!r}", field, i)
        else:
            out[i] = float(v)
    return out


class Ingestor:
    """Validates, flags, derives and stores batches of samples and raw lines for the devices of the catalog."""

    def __init__(self, engine: Engine, catalog: CatalogCache | None = None) -> None:
        self.engine = engine
        self.catalog = catalog or CatalogCache(engine)
        self.store = SampleStore(engine)
        self.raw = RawStore(engine)

    def _device(self, view: CatalogView, code: str) -> Device:
        if code not in view.devices:
            raise IngestError(f"unknown device {code!r}", "deviceCode")
        return view.devices[code]

    def _check_deployed(self, view: CatalogView, device: Device, times: np.ndarray, field: str) -> None:
        """Refuse times when the device was not deployed (data belongs to a place as well as an instrument)."""
        inside = np.zeros(times.size, dtype=bool)
        for dep in view.deployments_by_device.get(device.id, []):
            end = dep.end if dep.end is not None else np.iinfo(np.int64).max
            inside |= (times >= dep.begin) & (times < end)
        if not inside.all():
            row = int(np.flatnonzero(~inside)[0])
            raise IngestError(f"{device.code} was not deployed at this time", field, row)

    def samples(
        self,
        device_code: str,
        times: Sequence[int | float | str] | np.ndarray,
        sensors: Mapping[str, Sequence[float | None] | np.ndarray],
    ) -> int:
        """Store one batch of readings of a device: ``sensors`` maps sensor codes to values at ``times``.

        Returns the number of samples written (derived CTD variables included). Raises IngestError, writing
        nothing, when any row is bad.
        """
        view = self.catalog.get()
        device = self._device(view, device_code)
        stamps = _times(times, "sampleTimes")
        if not sensors:
            raise IngestError("no sensor values given", "sensors")
        by_code = {s.code: s for s in device.sensors}
        measured: dict[int, np.ndarray] = {}
        for code, column in sensors.items():
            sensor = by_code.get(code)
            if sensor is None:
                raise IngestError(f"{device_code} has no sensor {code!r}", f"sensors.{code}")
            if sensor.derived:
                raise IngestError(f"{code} is derived by the server, not ingested", f"sensors.{code}")
            if len(column) != stamps.size:
                raise IngestError(f"{len(column)} values for {stamps.size} times", f"sensors.{code}")
            measured[sensor.id] = _values(column, f"sensors.{code}")
        self._check_deployed(view, device, stamps, "sampleTimes")
        order = np.argsort(stamps, kind="stable")
        stamps = stamps[order]
        values = {sid: v[order] for sid, v in measured.items()}
        flags = {
            s.id: qaqc.quality_flags(stamps, values[s.id], s.qc) for s in device.sensors if s.id in values
        }
        self._derive(view, device, stamps, values, flags)
        batch = {sid: Samples(stamps, values[sid], flags[sid]) for sid in values}
        with self.engine.begin() as conn:
            return self.store.append_many(batch, conn=conn)

    def _derive(
        self,
        view: CatalogView,
        device: Device,
        times: np.ndarray,
        values: dict[int, np.ndarray],
        flags: dict[int, np.ndarray],
    ) -> None:
        """Add the TEOS-10 variables when the batch carries a CTD's conductivity, temperature and pressure."""
        derived = [s for s in device.sensors if s.derived]
        inputs = {s.property.code: s.id for s in device.sensors if not s.derived}
        needed = ("conductivity", "seawatertemperature", "pressure")
        if not derived or not all(inputs.get(k) in values for k in needed):
            return
        c, t, p = (inputs[k] for k in needed)
        dep = next(
            d
            for d in view.deployments_by_device.get(device.id, [])
            if d.begin <= times[0] and (d.end is None or times[0] < d.end)
        )
        lat = dep.lat if dep.lat is not None else (dep.location.lat or 0.0)
        lon = dep.lon if dep.lon is not None else (dep.location.lon or 0.0)
        results = ctd_derived(values[c], values[t], values[p], lat, lon)
        combined = qaqc.combine(flags[c], flags[t], flags[p])
        for sensor in derived:
            values[sensor.id] = results[sensor.derived or ""]
            flags[sensor.id] = combined

    def raw_lines(
        self,
        device_code: str,
        times: Sequence[int | float | str] | np.ndarray,
        readings: Sequence[str],
        line_types: Sequence[str] | None = None,
    ) -> int:
        """Store raw instrument lines of a device; returns how many. All or nothing, like :meth:`samples`."""
        view = self.catalog.get()
        device = self._device(view, device_code)
        stamps = _times(times, "times")
        if len(readings) != stamps.size:
            raise IngestError(f"{len(readings)} readings for {stamps.size} times", "readings")
        for i, reading in enumerate(readings):
            if not isinstance(reading, str):
                raise IngestError(f"not a text line: {reading!r}", "readings", i)
        types = list(line_types) if line_types is not None else [" "] * stamps.size
        if len(types) != stamps.size:
            raise IngestError(f"{len(types)} line types for {stamps.size} times", "lineTypes")
        for i, kind in enumerate(types):
            if not isinstance(kind, str) or len(kind) > 16:
                raise IngestError(f"not a line type: {kind!r}", "lineTypes", i)
        self._check_deployed(view, device, stamps, "times")
        return self.raw.append(device.id, stamps, list(readings), types)
