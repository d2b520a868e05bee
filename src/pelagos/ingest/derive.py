"""Derived CTD variables with TEOS-10 (gsw), computed at ingest and stored like measured sensors.

From conductivity (S/m), in-situ temperature (°C, ITS-90) and sea pressure (dbar) at a position: practical
salinity, in-situ density, sigma-t, sigma-theta and sound speed. The catalog marks such sensors with
``sensors.derived`` naming the variable.
"""

from __future__ import annotations

import gsw
import numpy as np

DERIVED = ("salinity", "density", "sigmat", "sigmatheta", "soundspeed")


def ctd_derived(
    conductivity: np.ndarray, temperature: np.ndarray, pressure: np.ndarray, lat: float, lon: float
) -> dict[str, np.ndarray]:
    """Every derived variable of :data:`DERIVED` for these measured series (same length, same instants)."""
    sp = gsw.SP_from_C(conductivity * 10.0, temperature, pressure)  # S/m -> mS/cm
    sa = gsw.SA_from_SP(sp, pressure, lon, lat)
    ct = gsw.CT_from_t(sa, temperature, pressure)
    return {
        "salinity": np.asarray(sp, np.float64),
        "density": np.asarray(gsw.rho(sa, ct, pressure), np.float64),
        "sigmat": np.asarray(gsw.rho_t_exact(sa, temperature, 0.0) - 1000.0, np.float64),
        "sigmatheta": np.asarray(gsw.sigma0(sa, ct), np.float64),
        "soundspeed": np.asarray(gsw.sound_speed(sa, ct, pressure), np.float64),
    }


def conductivity_for(salinity: np.ndarray, temperature: np.ndarray, pressure: np.ndarray) -> np.ndarray:
    """The conductivity (S/m) a CTD measures in water of this practical salinity, temperature and pressure."""
    return np.asarray(gsw.C_from_SP(salinity, temperature, pressure), np.float64) / 10.0
