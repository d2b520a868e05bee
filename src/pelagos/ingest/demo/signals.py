"""Realistic, deterministic signals for the demo's instruments: tides, seasons, days, noise and a few faults.

Every generator takes epoch-ms times and a seeded random generator, and returns values in the sensor's unit.
Bottom pressure is hydrostatic pressure at the deployment depth plus the tide (M2, S2, K1, O1 constituents);
water temperature follows the season and the day; CTD salinity is chosen and the conductivity a CTD would
measure computed from it with TEOS-10, so salinity derived back through gsw is consistent.
"""

from __future__ import annotations

import gsw
import numpy as np

from pelagos.ingest.derive import conductivity_for

HOUR_S = 3600.0
DAY_S = 86_400.0
YEAR_S = 365.2422 * DAY_S

#: Tidal constituents on the British Columbia coast: (period in hours, amplitude in dbar, phase in radians).
TIDES = ((12.4206, 0.95, 0.3), (12.0, 0.27, 1.1), (23.9345, 0.48, 2.0), (25.8193, 0.30, 0.7))


def seconds(times_ms: np.ndarray) -> np.ndarray:
    return times_ms.astype(np.float64) / 1000.0


def tide(times_ms: np.ndarray) -> np.ndarray:
    """Sea level pressure anomaly from the main constituents, in dbar (about a metre of water per dbar)."""
    t = seconds(times_ms)
    level = np.zeros(t.size)
    for period, amplitude, phase in TIDES:
        level += amplitude * np.sin(2 * np.pi * t / (period * HOUR_S) + phase)
    return level


def sea_pressure(depth_m: float, lat: float) -> float:
    """Sea pressure (dbar) at ``depth_m`` metres below the surface."""
    return float(gsw.p_from_z(-abs(depth_m), lat))


def water_temperature(times_ms: np.ndarray, depth_m: float, rng: np.random.Generator) -> np.ndarray:
    """In-situ temperature: warmer and more variable near the surface, a seasonal and a daily cycle, noise."""
    t = seconds(times_ms)
    depth = abs(depth_m)
    mean = 2.0 + 8.0 * np.exp(-depth / 300.0)
    seasonal = (0.2 + 3.0 * np.exp(-depth / 60.0)) * np.sin(2 * np.pi * (t / YEAR_S - 0.55))
    daily = (0.02 + 0.4 * np.exp(-depth / 20.0)) * np.sin(2 * np.pi * t / DAY_S)
    drift = 0.05 * np.sin(2 * np.pi * t / (3.3 * DAY_S))
    return mean + seasonal + daily + drift + rng.normal(0.0, 0.002, t.size)


def salinity(times_ms: np.ndarray, depth_m: float, rng: np.random.Generator) -> np.ndarray:
    """Practical salinity: fresher near the surface (river plumes), with slow variation and noise."""
    t = seconds(times_ms)
    depth = abs(depth_m)
    mean = 34.5 - 5.0 * np.exp(-depth / 40.0)
    return mean + 0.05 * np.sin(2 * np.pi * t / (5.1 * DAY_S)) + rng.normal(0.0, 0.0005, t.size)


def ctd(times_ms: np.ndarray, depth_m: float, lat: float, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Measured CTD series (conductivity S/m, temperature °C, pressure dbar) consistent through TEOS-10."""
    temperature = water_temperature(times_ms, depth_m, rng)
    pressure = sea_pressure(depth_m, lat) + tide(times_ms) + rng.normal(0.0, 0.005, times_ms.size)
    sp = salinity(times_ms, depth_m, rng)
    return {
        "conductivity": conductivity_for(sp, temperature, pressure) + rng.normal(0.0, 0.00002, times_ms.size),
        "temperature": temperature,
        "pressure": pressure,
    }


def bottom_pressure(times_ms: np.ndarray, depth_m: float, lat: float, rng: np.random.Generator) -> np.ndarray:
    """Seafloor pressure (dbar): hydrostatic plus tide plus a little instrument noise."""
    return sea_pressure(depth_m, lat) + tide(times_ms) + rng.normal(0.0, 0.0008, times_ms.size)


def pressure_residual(times_ms: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Measured minus predicted tide: centimetre-scale weather and infragravity waves, in dbar."""
    t = seconds(times_ms)
    return 0.004 * np.sin(2 * np.pi * t / 600.0) + rng.normal(0.0, 0.0015, t.size)


def wandering(
    times_ms: np.ndarray,
    centre: float,
    spread: float,
    period_s: float,
    noise: float,
    rng: np.random.Generator,
) -> np.ndarray:
    """A generic slowly varying quantity around ``centre``, for sensors without a dedicated model."""
    t = seconds(times_ms)
    phase = rng.uniform(0, 2 * np.pi)
    return centre + spread * np.sin(2 * np.pi * t / period_s + phase) + rng.normal(0.0, noise, t.size)


def inject_faults(values: np.ndarray, rng: np.random.Generator, gross_range: list[float] | None) -> None:
    """Add a few real-looking faults in place: single-sample spikes, a stuck (flat) stretch, an out-of-range value.

    Only long series get faults, and never in their first hour, where the tests' documented windows sit.
    """
    n = values.size
    if n < 20_000:
        return
    spread = float(np.nanstd(values[:1000])) or 1.0
    for at in rng.integers(n // 10, n - 10, 3):
        values[at] += 40 * spread + 1.0
    start = int(rng.integers(n // 4, n // 2))
    values[start : start + 300] = values[start]
    if gross_range:
        values[int(rng.integers(n // 2, n - 10))] = gross_range[1] + abs(gross_range[1] - gross_range[0])


#: CTD faults go only where a sample lies at least this far into its UTC day: every documented CTD window
#: (contract §7) sits in the first hour of a day, so the values the doctests pin stay clean.
CLEAN_HOUR_MS = 3_600_000
#: Readings a stuck CTD sensor repeats: enough for the flat-line test's suspect (20) and bad (40) windows.
STUCK_READINGS = 300


def inject_ctd_faults(
    ctd: dict[str, np.ndarray], times_ms: np.ndarray, rng: np.random.Generator, temperature_range: list[float]
) -> None:
    """Add the faults a moored CTD shows, in place: three conductivity dropouts (a bubble in the cell), a stuck
    temperature and one out-of-range temperature (a garbled record), each in its own third of the eligible
    samples, never in the first hour of a UTC day; windows of fewer than 20,000 samples get none."""
    eligible = np.flatnonzero(times_ms % 86_400_000 >= CLEAN_HOUR_MS)
    if times_ms.size < 20_000 or eligible.size < 3 * STUCK_READINGS:
        return
    dropouts, stuck, garbled = np.array_split(eligible, 3)
    for at in rng.choice(dropouts, 3, replace=False):
        ctd["conductivity"][at] *= 0.7
    first, last = stuck[: 1 - STUCK_READINGS], stuck[STUCK_READINGS - 1 :]
    start = int(rng.choice(first[last - first == STUCK_READINGS - 1]))  # a stretch that stays eligible
    ctd["temperature"][start : start + STUCK_READINGS] = ctd["temperature"][start]
    lo, hi = temperature_range
    ctd["temperature"][int(rng.choice(garbled))] = hi + abs(hi - lo)
