"""TSSD as netCDF-4: a CF-1.8 single-station time series (featureType timeSeries) with ACDD-1.3 discovery
attributes, built with xarray.

Units are written in UDUNITS form (``S/m`` -> ``S m-1``, ``C`` -> ``degree_Celsius``...) and sensors carry CF
standard names where one exists; each sensor's QAQC flags are an ancillary ``<name>_qc`` variable with
``flag_values`` and ``flag_meanings``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import xarray as xr

from pelagos import __version__
from pelagos.products import describe
from pelagos.products.job import Job
from pelagos.products.scalar import SeriesTable
from pelagos.timeutil import format_ms

UDUNITS = {
    "S/m": "S m-1",
    "C": "degree_Celsius",
    "decibar": "dbar",
    "psu": "1",
    "kg/m3": "kg m-3",
    "m/s": "m s-1",
    "deg": "degree",
    "ml/l": "mL L-1",
    "ug/l": "ug L-1",
    "%": "percent",
    "NTU": "1",
    "hPa": "hPa",
    "m": "m",
}

STANDARD_NAMES = {
    "seawatertemperature": "sea_water_temperature",
    "conductivity": "sea_water_electrical_conductivity",
    "pressure": "sea_water_pressure",
    "totalpressure": "sea_water_pressure_at_sea_floor",
    "salinity": "sea_water_practical_salinity",
    "density": "sea_water_density",
    "sigmat": "sea_water_sigma_t",
    "sigmatheta": "sea_water_sigma_theta",
    "soundspeed": "speed_of_sound_in_sea_water",
    "oxygen": "volume_fraction_of_oxygen_in_sea_water",
    "currentspeed": "sea_water_speed",
    "currentdirection": "sea_water_velocity_to_direction",
    "chlorophyll": "mass_concentration_of_chlorophyll_in_sea_water",
    "turbidity": "sea_water_turbidity",
    "airtemperature": "air_temperature",
    "barometricpressure": "air_pressure",
    "relativehumidity": "relative_humidity",
    "windspeed": "wind_speed",
    "winddirection": "wind_from_direction",
    "icethickness": "sea_ice_thickness",
    "icedraft": "sea_ice_draft",
    "snowdepth": "surface_snow_thickness",
}

CELL_METHODS = {"avg": "mean", "min": "minimum", "max": "maximum"}


def _iso_seconds(ms: int) -> str:
    return format_ms(ms)[:19] + "Z"


def _duration(ms: int) -> str:
    """ISO 8601 duration such as ``P1DT2H3M4S``."""
    seconds = max(0, ms // 1000)
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    return f"P{days}DT{hours}H{minutes}M{secs}S"


def _variables(table: SeriesTable) -> dict[str, Any]:
    variables: dict[str, Any] = {}
    for col in table.columns:
        prop = col.sensor.property.code
        attrs: dict[str, Any] = {
            "long_name": col.name,
            "units": UDUNITS.get(col.sensor.uom, col.sensor.uom or "1"),
            "coverage_content_type": "physicalMeasurement",
            "coordinates": "time lat lon depth",
            "sensor_code": col.sensor.code,
            "property_code": prop,
            "original_units": col.sensor.uom,
        }
        if prop in STANDARD_NAMES:
            attrs["standard_name"] = STANDARD_NAMES[prop]
        if col.stat is not None and table.period_ms is not None:
            attrs["cell_methods"] = f"time: {CELL_METHODS[col.stat]} (interval: {table.period_ms // 1000} s)"
        if col.flags is not None:
            qc_name = f"{col.key}_qc"
            attrs["ancillary_variables"] = qc_name
            qc_attrs: dict[str, Any] = {
                "long_name": f"{col.sensor.name} QAQC flag",
                "flag_values": np.array(sorted(describe.QAQC_FLAGS), dtype=np.int8),
                "flag_meanings": " ".join(v.replace(" ", "_") for v in describe.QAQC_FLAGS.values()),
                "standard_name": "quality_flag",
                "coverage_content_type": "qualityInformation",
                "coordinates": "time lat lon depth",
            }
            variables[qc_name] = xr.Variable(
                ("time",), col.flags.astype(np.int8), qc_attrs, encoding={"zlib": True, "complevel": 4}
            )
        variables[col.key] = xr.Variable(
            ("time",),
            col.values.astype(np.float64),
            attrs,
            encoding={"_FillValue": np.nan, "zlib": True, "complevel": 4, "shuffle": True},
        )
    return variables


def dataset(job: Job, table: SeriesTable) -> xr.Dataset:
    """The xarray Dataset of one TSSD file."""
    seg = table.segment
    dep = seg.deployment
    dev = dep.device
    loc = dep.location
    first, last = int(table.times[0]), int(table.times[-1])
    lat = float(dep.lat if dep.lat is not None else (loc.lat or 0.0))
    lon = float(dep.lon if dep.lon is not None else (loc.lon or 0.0))
    depth = float(dep.depth if dep.depth is not None else (loc.depth or 0.0))
    coords = {
        "time": xr.Variable(
            ("time",),
            table.times.astype(np.float64),  # whole milliseconds, exact in a double; CF-1.8 has no int64
            {
                "standard_name": "time",
                "long_name": "time of the sample (bin start when resampled), UTC",
                "units": "milliseconds since 1970-01-01T00:00:00Z",
                "calendar": "standard",
                "axis": "T",
                "coverage_content_type": "coordinate",
            },
        ),
        "lat": xr.Variable(
            (),
            lat,
            {
                "standard_name": "latitude",
                "long_name": "latitude",
                "units": "degrees_north",
                "axis": "Y",
                "coverage_content_type": "coordinate",
            },
        ),
        "lon": xr.Variable(
            (),
            lon,
            {
                "standard_name": "longitude",
                "long_name": "longitude",
                "units": "degrees_east",
                "axis": "X",
                "coverage_content_type": "coordinate",
            },
        ),
        "depth": xr.Variable(
            (),
            depth,
            {
                "standard_name": "depth",
                "long_name": "depth of the instrument below sea level",
                "units": "m",
                "positive": "down",
                "axis": "Z",
                "coverage_content_type": "coordinate",
            },
        ),
    }
    variables = _variables(table)
    variables["station"] = xr.Variable(
        (),
        f"{loc.code}:{dev.code}",
        {"long_name": "location and device code", "cf_role": "timeseries_id"},
    )
    now = _iso_seconds(int(datetime.now(UTC).timestamp() * 1000))
    keywords = sorted({c.sensor.property.name for c in table.columns} | {dev.category.name, loc.name})
    period = table.period_ms
    attrs = {
        "Conventions": "CF-1.8, ACDD-1.3",
        "featureType": "timeSeries",
        "cdm_data_type": "Station",
        "title": f"{describe.location_path(job.view, seg)}: {dev.category.name} time series,"
        f" {format_ms(first)} to {format_ms(last)}",
        "summary": f"Time series of {', '.join(c.name for c in table.columns)} measured by {dev.name}"
        f" ({dev.code}) at {loc.name} ({loc.code}). " + " ".join(describe.processing(job.order)),
        "keywords": ", ".join(keywords),
        "id": f"{loc.code}_{dev.code}_{_iso_seconds(first)}_{_iso_seconds(last)}",
        "naming_authority": "ca.oceannetworks",
        "history": f"{now} generated by pelagos {__version__} from the stored samples",
        "source": f"{dev.category.name} {dev.name}",
        "processing_level": "clean: QAQC-flagged bad values removed"
        if job.order.clean
        else "raw: values as measured, with QAQC flags",
        "comment": "QAQC flags: " + ", ".join(f"{k} {v}" for k, v in describe.QAQC_FLAGS.items()),
        "acknowledgement": "Data from Ocean Networks Canada",
        "license": "CC-BY 4.0",
        "references": describe.citation(seg),
        "standard_name_vocabulary": "CF Standard Name Table v93",
        "date_created": now,
        "date_modified": now,
        "date_issued": now,
        "date_metadata_modified": now,
        "creator_name": "Ocean Networks Canada",
        "creator_type": "institution",
        "creator_institution": "Ocean Networks Canada",
        "creator_email": "info@oceannetworks.ca",
        "creator_url": "https://www.oceannetworks.ca",
        "institution": "Ocean Networks Canada",
        "project": "Ocean Networks Canada observatories",
        "program": "Ocean Networks Canada",
        "publisher_name": "Ocean Networks Canada",
        "publisher_type": "institution",
        "publisher_institution": "Ocean Networks Canada",
        "publisher_email": "info@oceannetworks.ca",
        "publisher_url": "https://www.oceannetworks.ca",
        "contributor_name": "Ocean Networks Canada",
        "contributor_role": "originator",
        "platform": loc.name,
        "platform_vocabulary": "Ocean Networks Canada locations",
        "instrument": f"{dev.category.name} {dev.code}",
        "instrument_vocabulary": "Ocean Networks Canada device categories",
        "product_version": __version__,
        "metadata_link": f"https://doi.org/{dep.doi}" if dep.doi else "https://www.oceannetworks.ca",
        "geospatial_bounds": f"POINT ({lat} {lon})",
        "geospatial_bounds_crs": "EPSG:4326",
        "geospatial_bounds_vertical_crs": "EPSG:5831",
        "geospatial_lat_min": lat,
        "geospatial_lat_max": lat,
        "geospatial_lat_units": "degrees_north",
        "geospatial_lon_min": lon,
        "geospatial_lon_max": lon,
        "geospatial_lon_units": "degrees_east",
        "geospatial_vertical_min": depth,
        "geospatial_vertical_max": depth,
        "geospatial_vertical_units": "m",
        "geospatial_vertical_positive": "down",
        "time_coverage_start": _iso_seconds(first),
        "time_coverage_end": _iso_seconds(last),
        "time_coverage_duration": _duration(last - first),
        "time_coverage_resolution": _duration(period) if period else _duration(_median_step(table.times)),
    }
    return xr.Dataset(variables, coords=coords, attrs=attrs)


def _median_step(times: np.ndarray) -> int:
    return int(np.median(np.diff(times))) if times.size > 1 else 0


def write_nc(job: Job, table: SeriesTable, path: Path) -> None:
    no_fill = {"_FillValue": None}  # CF: coordinate variables must not have one
    encoding = {name: no_fill for name in ("time", "lat", "lon", "depth")}
    dataset(job, table).to_netcdf(path, format="NETCDF4", engine="netcdf4", encoding=encoding)
