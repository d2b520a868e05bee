"""scalardata and rawdata answers as pandas DataFrames and xarray Datasets.

The answers stay the API's dicts (equal to what the official client returns); ``ScalarData`` and ``RawData``
(:mod:`pelagos.client.results`) only add ``to_dataframe()`` and ``to_xarray()``, which call this module. Times become UTC datetimes, QAQC flags and units
are kept, and Datasets carry CF-1.8 attributes (units, standard names, flag meanings, ancillary variables).
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd
import xarray as xr

#: ONC's QAQC flag values and their meanings (https://wiki.oceannetworks.ca/display/DP/1).
FLAG_VALUES = np.array([0, 1, 2, 3, 4, 6, 7, 8, 9], dtype=np.int8)
FLAG_MEANINGS = (
    "no_quality_control good_data probably_good_data probably_bad_data bad_data "
    "bad_down_sampling averaged_value interpolated_value missing_data"
)
#: ONC unit names to UDUNITS names where they differ ("C" is coulomb to UDUNITS).
CF_UNITS = {
    "C": "degree_C",
    "deg C": "degree_C",
    "decibar": "dbar",
    "psu": "1",
    "kg/m3": "kg m-3",
    "m/s": "m s-1",
    "S/m": "S m-1",
    "ml/l": "ml l-1",
    "umol/kg": "umol kg-1",
    "%": "percent",
}
#: ONC property codes with a CF standard name.
CF_STANDARD_NAMES = {
    "seawatertemperature": "sea_water_temperature",
    "salinity": "sea_water_practical_salinity",
    "conductivity": "sea_water_electrical_conductivity",
    "pressure": "sea_water_pressure",
    "totalpressure": "sea_water_pressure",
    "density": "sea_water_density",
    "sigmat": "sea_water_sigma_t",
    "sigmatheta": "sea_water_sigma_theta",
    "soundspeed": "speed_of_sound_in_sea_water",
    "oxygen": "mole_concentration_of_dissolved_molecular_oxygen_in_sea_water",
    "turbidityntu": "sea_water_turbidity",
    "chlorophyll": "mass_concentration_of_chlorophyll_in_sea_water",
    "depth": "depth",
}
_ARRAY_KEYS = {"sampleTime": "sampleTimes", "value": "values", "qaqcFlag": "qaqcFlags"}
_NAME_UNSAFE = re.compile(r"[^A-Za-z0-9_]")


def _utc(times: list[str]) -> pd.DatetimeIndex:
    return pd.DatetimeIndex(pd.to_datetime(times, utc=True, format="ISO8601"), name="time")


def _columns(data: Any) -> dict[str, list[Any]]:
    """A sensor's ``data`` as parallel arrays, whether the answer used outputFormat array or object."""
    if isinstance(data, dict):
        return data
    keys = {key for row in data for key in row}
    return {_ARRAY_KEYS.get(key, key): [row.get(key) for row in data] for key in sorted(keys)}


def _column_name(code: str, key: str) -> str:
    if key == "values":
        return code
    if key == "qaqcFlags":
        return f"{code}_qaqcFlag"
    return f"{code}_{key}"


def scalar_frame(result: dict[str, Any]) -> pd.DataFrame:
    """One row per sample time (UTC index ``time``); per sensor a value column named by its sensor code, a
    ``<code>_qaqcFlag`` column and columns for any other arrays (e.g. minValues); units in ``attrs["units"]``."""
    parts: list[pd.DataFrame] = []
    units: dict[str, str] = {}
    names: dict[str, str] = {}
    for sensor in result.get("sensorData") or []:
        code = sensor["sensorCode"]
        data = _columns(sensor.get("data") or {})
        if "sampleTimes" not in data:
            continue
        columns = {_column_name(code, key): values for key, values in data.items() if key != "sampleTimes"}
        frame = pd.DataFrame(columns, index=_utc(data["sampleTimes"]))
        flag = f"{code}_qaqcFlag"
        if flag in frame:
            frame[flag] = frame[flag].astype("Int8")
        parts.append(frame)
        units[code] = sensor.get("unitOfMeasure", "")
        names[code] = sensor.get("sensorName", "")
    if not parts:
        frame = pd.DataFrame(index=pd.DatetimeIndex([], tz="UTC", name="time"))
    elif all(part.index.equals(parts[0].index) for part in parts):
        frame = pd.concat(parts, axis=1)
    else:
        frame = pd.concat(parts, axis=1, join="outer").sort_index()
    frame.attrs.update(units=units, sensorNames=names, queryUrl=result.get("queryUrl", ""))
    return frame


def raw_frame(result: dict[str, Any]) -> pd.DataFrame:
    """One row per raw reading (UTC index ``time``) with columns ``reading`` and ``lineType``."""
    data = _columns(result.get("data") or {"times": [], "readings": [], "lineTypes": []})
    times = data.get("times", [])
    frame = pd.DataFrame(
        {"reading": data.get("readings", []), "lineType": data.get("lineTypes", [])}, index=_utc(times)
    )
    frame.attrs.update(queryUrl=result.get("queryUrl", ""))
    return frame


def _variable(code: str) -> str:
    name = _NAME_UNSAFE.sub("_", code)
    return name if name[:1].isalpha() else f"v_{name}"


def _citation(result: dict[str, Any]) -> str:
    citations = result.get("citations") or []
    if isinstance(citations, dict):
        citations = [citations]
    return "\n".join(str(c.get("citation", "")) for c in citations if isinstance(c, dict))


def _global_attrs(result: dict[str, Any], title: str) -> dict[str, str]:
    return {
        "Conventions": "CF-1.8",
        "title": title,
        "institution": "Ocean Networks Canada",
        "source": result.get("queryUrl", ""),
        "citation": _citation(result),
        "history": f"{pd.Timestamp.now(tz='UTC').isoformat()} created by the pelagos client",
    }


def scalar_dataset(result: dict[str, Any]) -> xr.Dataset:
    """A CF Dataset: one variable per sensor on a shared ``time`` coordinate, each with its QAQC flag variable."""
    frame = scalar_frame(result)
    times = frame.index.tz_convert("UTC").tz_localize(None)
    data_vars: dict[str, Any] = {}
    for sensor in result.get("sensorData") or []:
        code = sensor["sensorCode"]
        if code not in frame:
            continue
        var = _variable(code)
        unit = sensor.get("unitOfMeasure", "")
        attrs = {
            "long_name": sensor.get("sensorName", code),
            "units": CF_UNITS.get(unit, unit),
            "onc_units": unit,
            "onc_sensor_code": code,
            "onc_property_code": sensor.get("propertyCode", ""),
            "onc_sensor_category_code": sensor.get("sensorCategoryCode", ""),
        }
        standard = CF_STANDARD_NAMES.get(sensor.get("propertyCode", ""))
        if standard:
            attrs["standard_name"] = standard
        flag_column = f"{code}_qaqcFlag"
        if flag_column in frame:
            flag_var = f"{var}_qaqc_flag"
            attrs["ancillary_variables"] = flag_var
            flags = frame[flag_column].fillna(9).to_numpy(dtype=np.int8)
            data_vars[flag_var] = (
                "time",
                flags,
                {
                    "long_name": f"{attrs['long_name']} QAQC flag",
                    "standard_name": "status_flag" if not standard else f"{standard} status_flag",
                    "flag_values": FLAG_VALUES,
                    "flag_meanings": FLAG_MEANINGS,
                },
            )
        values = pd.to_numeric(frame[code], errors="coerce").to_numpy(dtype=np.float64)
        data_vars[var] = ("time", values, attrs)
        for column in frame.columns:
            if column.startswith(f"{code}_") and column != flag_column:
                extra = _variable(column)
                data_vars[extra] = (
                    "time",
                    pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=np.float64),
                    {**attrs, "long_name": f"{attrs['long_name']} ({column[len(code) + 1 :]})"},
                )
    coords = {
        "time": ("time", times.to_numpy(), {"standard_name": "time", "axis": "T", "long_name": "time (UTC)"})
    }
    return xr.Dataset(data_vars, coords=coords, attrs=_global_attrs(result, "ONC scalar data"))


def raw_dataset(result: dict[str, Any]) -> xr.Dataset:
    """A Dataset of raw readings (strings) and their line types on a ``time`` coordinate."""
    frame = raw_frame(result)
    times = frame.index.tz_convert("UTC").tz_localize(None)
    return xr.Dataset(
        {
            "reading": (
                "time",
                frame["reading"].astype(str).to_numpy(),
                {"long_name": "raw instrument reading"},
            ),
            "line_type": ("time", frame["lineType"].astype(str).to_numpy(), {"long_name": "line type"}),
        },
        coords={"time": ("time", times.to_numpy(), {"standard_name": "time", "axis": "T"})},
        attrs=_global_attrs(result, "ONC raw data"),
    )
