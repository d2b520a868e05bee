"""The demo's samples step: scalar samples and raw lines for every "scalar"/"raw" window of DEMO_WINDOWS.

Readings are generated per device and window (signals.py), flagged with QARTOD (ingest/qaqc.py), extended with
the TEOS-10 variables of CTDs (ingest/derive.py), and written through the sample store in one transaction per
window, exactly as an ingest would. Everything is seeded by device and window, so a rebuild gives the same data.
"""

from __future__ import annotations

import zlib
from collections import defaultdict

import numpy as np
from sqlalchemy.engine import Engine

from pelagos.catalog.selection import by_device
from pelagos.catalog.view import CatalogCache, CatalogView, Device, Sensor
from pelagos.config import Settings
from pelagos.ingest import qaqc
from pelagos.ingest.demo import signals
from pelagos.ingest.demo.catalog import DEMO_WINDOWS
from pelagos.ingest.demo.rawlines import raw_lines
from pelagos.ingest.derive import ctd_derived
from pelagos.series.codec import quantise
from pelagos.series.store import RawStore, Samples, SampleStore

#: Sample-time details the documentation shows: (device, window start) -> (first offset ms, period ms).
TIMING = {
    ("BPR_889", "2020-01-28"): (493, None),  # raw readings at 00.493, 01.493, ...
    ("BPR_889", "2021-01-28"): (227, 1000.5),  # residual samples at 00.227 .. 04.229
    ("SBECTD19p6981", "2017-01-19"): (25, None),  # 4 Hz at .025, .275, ...
    ("NORTEKAQDPRO8398", "2016-07-27"): (7000, None),  # ensembles at 7, 17, ... s past the minute
}


def _times(device: str, date_from: int, date_to: int, rate_hz: float) -> np.ndarray:
    from pelagos.timeutil import format_ms

    offset, period = TIMING.get((device, format_ms(date_from)[:10]), (0, None))
    step = period if period is not None else 1000.0 / rate_hz
    count = int(np.ceil((date_to - date_from - offset) / step))
    times = date_from + offset + np.round(np.arange(count) * step).astype(np.int64)
    return times[times < date_to]


def _rng(device: str, date_from: int) -> np.random.Generator:
    return np.random.default_rng(zlib.crc32(f"{device}/{date_from}".encode()))


def _measured(
    sensor: Sensor,
    times: np.ndarray,
    depth: float,
    lat: float,
    rng: np.random.Generator,
    ctd: dict[str, np.ndarray],
) -> np.ndarray:
    """Values of one measured sensor; CTD variables come from the shared, gsw-consistent ``ctd`` series."""
    prop = sensor.property.code
    if prop == "conductivity" and ctd:
        return ctd["conductivity"]
    if prop == "seawatertemperature" and ctd:
        return ctd["temperature"]
    if prop == "pressure" and ctd:
        return ctd["pressure"]
    if prop == "totalpressure":
        return signals.bottom_pressure(times, depth, lat, rng)
    if prop == "pressure":
        return signals.sea_pressure(depth, lat) + signals.tide(times) + rng.normal(0, 0.01, times.size)
    if prop == "pressureresidual":
        return signals.pressure_residual(times, rng)
    if prop == "seawatertemperature":
        bias = {"temperature1": 0.004, "temperature2": 0.35}.get(sensor.code, 0.0)
        return signals.water_temperature(times, depth, rng) + bias
    if prop in _GENERIC:
        centre, spread, noise = _GENERIC[prop]
    else:
        lo, hi = (sensor.qc or {}).get("gross_range", [0.0, 1.0])
        centre, spread, noise = lo + 0.4 * (hi - lo), 0.05 * (hi - lo), 0.002 * (hi - lo)
    return signals.wandering(times, centre, spread, 2.7 * signals.DAY_S, noise, rng)


#: Generic signals: property -> (centre, spread, noise) in the property's unit.
_GENERIC: dict[str, tuple[float, float, float]] = {
    "heading": (212.0, 1.5, 0.2),
    "pitch": (-1.2, 0.3, 0.05),
    "roll": (0.8, 0.3, 0.05),
    "oxygen": (1.9, 0.4, 0.01),
    "icetemperature": (-6.0, 4.0, 0.05),
    "icethickness": (1.6, 0.1, 0.002),
    "snowdepth": (0.25, 0.05, 0.002),
    "currentspeed": (0.12, 0.08, 0.01),
    "currentdirection": (145.0, 60.0, 5.0),
}


def _position(device: Device, view: CatalogView, date_from: int, date_to: int) -> tuple[float, float, float]:
    """Depth, latitude and longitude of the device's deployment at the window's start."""
    segments = by_device(view, device.code, date_from, date_to)
    if not segments:
        raise ValueError(f"demo window outside every deployment of {device.code}")
    dep = segments[0].deployment
    depth = dep.depth if dep.depth is not None else (dep.location.depth or 10.0)
    lat = dep.lat if dep.lat is not None else (dep.location.lat or 49.0)
    lon = dep.lon if dep.lon is not None else (dep.location.lon or -126.0)
    return float(depth), float(lat), float(lon)


def _temperature_range(device: Device) -> list[float]:
    """The gross range of the device's measured water temperature, from its QC limits."""
    sensor = next(s for s in device.sensors if s.property.code == "seawatertemperature" and not s.derived)
    return list((sensor.qc or {})["gross_range"])


def generate(
    device: Device, view: CatalogView, date_from: int, date_to: int, rate_hz: float
) -> tuple[np.ndarray, dict[int, np.ndarray], dict[int, np.ndarray], dict[str, np.ndarray]]:
    """Times, values and flags per sensor id, and the measured readings by sensor code, for one demo window."""
    times = _times(device.code, date_from, date_to, rate_hz)
    rng = _rng(device.code, date_from)
    depth, lat, lon = _position(device, view, date_from, date_to)
    is_ctd = any(s.derived for s in device.sensors)
    ctd = signals.ctd(times, depth, lat, rng) if is_ctd else {}
    if ctd:
        signals.inject_ctd_faults(
            ctd, times, _rng(f"{device.code}/faults", date_from), _temperature_range(device)
        )
    values: dict[int, np.ndarray] = {}
    flags: dict[int, np.ndarray] = {}
    for sensor in device.sensors:
        if sensor.derived:
            continue
        series = _measured(sensor, times, depth, lat, rng, ctd)
        if not is_ctd:  # a CTD's faults are in its shared series, so derived variables inherit them
            series = series.copy()
            signals.inject_faults(series, rng, (sensor.qc or {}).get("gross_range"))
        series = quantise(series, sensor.resolution)
        values[sensor.id] = series
        flags[sensor.id] = qaqc.quality_flags(times, series, sensor.qc)
    readings = {s.code: values[s.id] for s in device.sensors if s.id in values}
    if is_ctd:
        by_prop = {s.property.code: s.id for s in device.sensors if not s.derived}
        c, t, p = (by_prop[k] for k in ("conductivity", "seawatertemperature", "pressure"))
        derived = ctd_derived(values[c], values[t], values[p], lat, lon)
        inputs = qaqc.combine(flags[c], flags[t], flags[p])
        for sensor in device.sensors:
            if sensor.derived:
                values[sensor.id] = derived[sensor.derived]
                flags[sensor.id] = inputs
    return times, values, flags, readings


def samples_step(settings: Settings, engine: Engine) -> None:
    """Write the samples and raw lines of every scalar/raw demo window."""
    view = CatalogCache(engine).get()
    samples, raw = SampleStore(engine), RawStore(engine)
    kinds: dict[tuple[str, int, int, float], set[str]] = defaultdict(set)
    for w in DEMO_WINDOWS:
        if w.kind in ("scalar", "raw"):
            kinds[(w.device_code, w.date_from, w.date_to, w.rate_hz)].add(w.kind)
    for (code, date_from, date_to, rate_hz), wanted in kinds.items():
        device = view.devices[code]
        times, values, flags, readings = generate(device, view, date_from, date_to, rate_hz)
        with engine.begin() as conn:
            if "scalar" in wanted:
                samples.append_many(
                    {sid: Samples(times, values[sid], flags[sid]) for sid in values}, conn=conn
                )
            if "raw" in wanted:
                serial = "".join(ch for ch in code if ch.isdigit())[-8:].rjust(8, "0")
                raw.append(device.id, times, raw_lines(device.raw_format, times, readings, serial), conn=conn)
