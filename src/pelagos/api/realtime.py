"""Real-time data routes: scalardata and rawdata, by location and by device (contract §3.9, §3.10, §5).

Every request becomes streams (one per sensor code, or one raw stream), each made of the deployment segments
the window covers; :mod:`pelagos.series.paging` cuts all streams of a page at one instant so pages stitch.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import orjson
from fastapi import APIRouter, Depends
from starlette.requests import Request
from starlette.responses import Response

from pelagos.api.deps import echo, next_page, query_url, require_user, state, view
from pelagos.api.errors import ApiError, invalid
from pelagos.api.params import Params, Window
from pelagos.api.responses import OrjsonResponse
from pelagos.api.spec import DATE_FROM, DATE_TO, ParamSpec
from pelagos.catalog.selection import Segment, by_device, by_location
from pelagos.catalog.view import CatalogView, Sensor
from pelagos.series import paging
from pelagos.series.resample import RESAMPLE_TYPES, Bins, clean
from pelagos.series.store import RawStore, SampleStore
from pelagos.timeutil import format_times, times_json

router = APIRouter(dependencies=[Depends(require_user)])

_WHERE_LOCATION = {
    "locationCode": "Location code, e.g. NCBC (required).",
    "deviceCategoryCode": "Device category code, e.g. BPR (required).",
}
_WHERE_DEVICE = {"deviceCode": "Device code, e.g. BPR-Folger-59 (required)."}
_COMMON = {
    "dateFrom": DATE_FROM,
    "dateTo": DATE_TO,
    "rowLimit": "Rows per sensor (scalar) or readings (raw) per page, 1..100000; default 100000.",
    "outputFormat": "array (parallel arrays, default) or object (one object per sample).",
    "getLatest": "true: the most recent rowLimit rows (before dateTo, if given).",
}
_SCALAR = {
    **_COMMON,
    "sensorCategoryCodes": "Comma-separated sensor category codes to keep.",
    "returnOptions": "excludeScalarData: sensor descriptions only, no samples.",
    "qualityControl": "raw (default) or clean: values flagged 3 (probably bad) or 4 (bad) become null.",
    "resamplePeriod": "Resample into bins of this many seconds.",
    "resampleType": "avg (default), minMax or minMaxAvg.",
    "fillGaps": "true: with resampling, empty bins are returned with null values and flag 9.",
    "sensorsToInclude": "all (default: measured and derived sensors) or original (measured only).",
}
SCALAR_LOCATION = ParamSpec(
    {
        **_WHERE_LOCATION,
        "propertyCode": "Comma-separated property codes to keep.",
        "metadata": "minimum (default) or full: add a metadata block describing the location.",
        **_SCALAR,
    },
    frozenset(_WHERE_LOCATION),
)
SCALAR_DEVICE = ParamSpec({**_WHERE_DEVICE, **_SCALAR}, frozenset(_WHERE_DEVICE))
_RAW = {
    **_COMMON,
    "sizeLimit": "Cap on the readings' size per page, in megabytes (default 20).",
    "convertHexToDecimal": "true: hexadecimal readings are returned as decimal integers.",
    "skipErrors": "true: leave out readings whose line type marks an instrument error (E).",
}
RAW_LOCATION = ParamSpec({**_WHERE_LOCATION, **_RAW}, frozenset(_WHERE_LOCATION))
RAW_DEVICE = ParamSpec({**_WHERE_DEVICE, **_RAW}, frozenset(_WHERE_DEVICE))

OUTPUT_FORMATS = ("array", "object")
ERROR_LINE_TYPE = "E"
_HEX = frozenset("0123456789abcdefABCDEF")


@dataclass
class Stream:
    """One sensor code's samples over the request's segments."""

    sensor: Sensor
    parts: list[paging.Part] = field(default_factory=list)


@dataclass(frozen=True)
class Selection:
    """What a request reads: the segments, and whether it named a location (which changes no-data answers)."""

    segments: list[Segment]
    window: Window
    by_location: bool


# -- shared helpers -----------------------------------------------------------------------------------------------


def _select(request: Request, p: Params, location_form: bool) -> Selection:
    catalog = view(request)
    window = p.window()
    if location_form:
        location, category = p.required("locationCode"), p.required("deviceCategoryCode")
        if location not in catalog.locations:
            raise invalid("locationCode")
        if category not in catalog.categories:
            raise invalid("deviceCategoryCode")
        segments = by_location(catalog, location, category, window.date_from, window.date_to)
    else:
        device = p.required("deviceCode")
        if device not in catalog.devices:
            raise invalid("deviceCode")
        segments = by_device(catalog, device, window.date_from, window.date_to)
    return Selection(segments, window, location_form)


def _no_data() -> ApiError:
    return invalid("dateFrom,dateTo", "No data is stored for this request between dateFrom and dateTo")


def _citations(segments: list[Segment]) -> list[dict[str, Any]]:
    seen: dict[int, dict[str, Any]] = {}
    for seg in segments:
        dep = seg.deployment
        if dep.id not in seen:
            seen[dep.id] = {
                "citation": dep.citation or "",
                "doi": dep.doi or "",
                "landingPageUrl": f"https://doi.org/{dep.doi}" if dep.doi else "",
                "queryPid": None,
            }
    return list(seen.values())


def _limit_and_format(p: Params) -> tuple[int, str]:
    fmt = p.choice("outputFormat", OUTPUT_FORMATS, "array")
    assert fmt is not None
    return p.row_limit(), fmt


# -- scalardata ---------------------------------------------------------------------------------------------------


def _streams(catalog: CatalogView, p: Params, sel: Selection) -> list[Stream]:
    """Streams per sensor code over the segments, filtered by property, sensor category and derivation."""
    properties = p.list("propertyCode") if "propertyCode" in p.allowed else None
    for code in properties or []:
        if code not in catalog.properties:
            raise invalid("propertyCode")
    categories = p.list("sensorCategoryCodes")
    include = p.choice("sensorsToInclude", ("all", "original"), "all")
    streams: dict[str, Stream] = {}
    for seg in sel.segments:
        for sensor in seg.device.sensors:
            if properties is not None and sensor.property.code not in properties:
                continue
            if categories is not None and sensor.category_code not in categories:
                continue
            if include == "original" and sensor.derived:
                continue
            stream = streams.setdefault(sensor.code, Stream(sensor))
            stream.parts.append(paging.Part(sensor.id, seg.date_from, seg.date_to))
    return list(streams.values())


def _sensor_head(sensor: Sensor, fmt: str) -> dict[str, Any]:
    return {
        "outputFormat": fmt,
        "propertyCode": sensor.property.code,
        "sensorCategoryCode": sensor.category_code,
        "sensorCode": sensor.code,
        "sensorName": sensor.name,
        "unitOfMeasure": sensor.uom,
    }


def _sample_reader(store: SampleStore, quality: str) -> paging.Reader:
    def read(key: int, date_from: int | None, date_to: int | None, limit: int) -> tuple[np.ndarray, ...]:
        got = store.read(key, date_from, date_to, limit)
        values = clean(got.values, got.flags) if quality == "clean" else got.values
        return got.times, values, got.flags

    return read


def _latest_reader(
    store: SampleStore, quality: str
) -> Callable[[int, int, int | None], tuple[np.ndarray, ...]]:
    def read(key: int, limit: int, before: int | None) -> tuple[np.ndarray, ...]:
        got = store.latest(key, limit, before)
        values = clean(got.values, got.flags) if quality == "clean" else got.values
        return got.times, values, got.flags

    return read


def _sample_data(rows: tuple[np.ndarray, ...] | None, fmt: str) -> tuple[int, Any]:
    times, values, flags = rows if rows is not None else (np.empty(0, np.int64), np.empty(0), np.empty(0))
    if fmt == "object":
        stamps, value_list, flag_list = format_times(times), values.tolist(), flags.astype(int).tolist()
        return len(stamps), [
            {"qaqcFlag": f, "sampleTime": t, "value": v}
            for t, v, f in zip(stamps, value_list, flag_list, strict=True)
        ]
    # The large arrays go out as JSON fragments encoded straight from numpy: no Python object per sample.
    return int(times.size), {
        "qaqcFlags": orjson.Fragment(orjson.dumps(flags.astype(np.int8), option=orjson.OPT_SERIALIZE_NUMPY)),
        "sampleTimes": orjson.Fragment(times_json(times)),
        "values": orjson.Fragment(orjson.dumps(values.astype(np.float64), option=orjson.OPT_SERIALIZE_NUMPY)),
    }


_BIN_KEYS = {
    "avg": ("values",),
    "minMax": ("minValues", "maxValues"),
    "minMaxAvg": ("values", "minValues", "maxValues"),
}


def _bin_data(bins: Bins | None, kind: str, fmt: str) -> tuple[int, Any]:
    if bins is None:
        bins = Bins(*(np.empty(0) for _ in range(6)))
    columns = {"values": bins.avg, "minValues": bins.min, "maxValues": bins.max}
    data: dict[str, Any] = {
        "qaqcFlags": bins.flags.astype(int).tolist(),
        "sampleTimes": format_times(bins.times.astype(np.int64)),
    }
    for key in _BIN_KEYS[kind]:
        data[key] = columns[key].tolist()
    if fmt == "object":
        singular = {"qaqcFlags": "qaqcFlag", "sampleTimes": "sampleTime", "values": "value"}
        names = [singular.get(k, k[:-1]) for k in data]
        return len(bins), [dict(zip(names, row, strict=True)) for row in zip(*data.values(), strict=True)]
    return len(bins), data


def _resampled_page(
    read: paging.Reader, streams: list[Stream], period_ms: int, limit: int, fill_gaps: bool, window: Window
) -> tuple[list[Bins | None], int | None]:
    """Up to ``limit`` bins per stream, all cut at the first bin a stream could not fit."""
    got = [
        paging.read_bins(read, s.parts, period_ms, limit, fill_gaps, window.date_from, window.date_to)
        for s in streams
    ]
    cuts = [int(b.times[limit]) for b in got if b is not None and len(b) > limit]
    if not cuts:
        return got, None
    until = min(cuts)
    trimmed: list[Bins | None] = []
    for b in got:
        if b is None:
            trimmed.append(None)
            continue
        keep = b.times < until
        trimmed.append(Bins(*(getattr(b, f)[keep] for f in Bins.__dataclass_fields__)))
    return trimmed, until


def _scalar(request: Request, spec: ParamSpec, location_form: bool) -> Response:
    p = spec.parse(request)
    sel = _select(request, p, location_form)
    catalog = view(request)
    streams = _streams(catalog, p, sel)
    limit, fmt = _limit_and_format(p)
    quality = p.choice("qualityControl", ("raw", "clean"), "raw") or "raw"
    latest = p.bool("getLatest")
    exclude = p.choice("returnOptions", ("excludeScalarData",)) is not None
    period_s = p.int("resamplePeriod", None, lo=1, hi=31_536_000)
    kind = p.choice("resampleType", RESAMPLE_TYPES, "avg") or "avg"
    if p.str("resampleType") is not None and period_s is None:
        raise invalid("resamplePeriod", "resampleType needs resamplePeriod (seconds)")
    fill_gaps = p.bool("fillGaps")
    metadata = p.choice("metadata", ("minimum", "full"), "minimum") if location_form else "minimum"
    messages: list[str] = []
    if p.str("rowLimit") is None and not exclude:
        messages.append("rowLimit not given: using the maximum, 100000 samples per sensor")

    store = state(request).samples
    next_from: int | None = None
    entries: list[dict[str, Any]] = []
    if exclude:
        entries = [_sensor_head(s.sensor, fmt) for s in streams]
    elif latest:
        reader = _latest_reader(store, quality)
        for s in streams:
            rows = paging.latest(reader, s.parts, limit)
            count, data = _sample_data(rows, fmt)
            entries.append({"actualSamples": count, "data": data, **_sensor_head(s.sensor, fmt)})
    elif period_s is not None:
        bins, next_from = _resampled_page(
            _sample_reader(store, quality), streams, period_s * 1000, limit, fill_gaps, sel.window
        )
        for s, b in zip(streams, bins, strict=True):
            count, data = _bin_data(b, kind, fmt)
            entries.append({"actualSamples": count, "data": data, **_sensor_head(s.sensor, fmt)})
    else:
        pages, next_from = paging.page(_sample_reader(store, quality), [s.parts for s in streams], limit)
        for s, rows in zip(streams, pages, strict=True):
            count, data = _sample_data(rows, fmt)
            entries.append({"actualSamples": count, "data": data, **_sensor_head(s.sensor, fmt)})

    has_rows = exclude or any(e["actualSamples"] for e in entries)
    if not entries or not has_rows:
        if location_form:
            raise _no_data()
        entries_out: list[dict[str, Any]] | None = None
    else:
        entries_out = entries
    body: dict[str, Any] = {
        "citations": _citations(sel.segments),
        "messages": messages,
        "next": next_page(request, next_from, sel.window.date_to),
        "parameters": echo(request),
        "queryUrl": query_url(request),
        "sensorData": entries_out,
    }
    if metadata == "full":
        body["metadata"] = _location_metadata(catalog, sel)
    return OrjsonResponse(body)


def _location_metadata(catalog: CatalogView, sel: Selection) -> dict[str, Any]:
    if not sel.segments:
        return {}
    dep = sel.segments[0].deployment
    return {
        "bbox": None,
        "deviceCategoryName": dep.device.category.name,
        "depth": dep.depth,
        "latitude": dep.lat,
        "locationName": dep.location.name,
        "longitude": dep.lon,
    }


@router.get(
    "/scalardata/location", openapi_extra=SCALAR_LOCATION.openapi(), summary="Scalar data by location"
)
def scalardata_location(request: Request) -> Response:
    return _scalar(request, SCALAR_LOCATION, location_form=True)


@router.get("/scalardata/device", openapi_extra=SCALAR_DEVICE.openapi(), summary="Scalar data by device")
def scalardata_device(request: Request) -> Response:
    return _scalar(request, SCALAR_DEVICE, location_form=False)


# -- rawdata ------------------------------------------------------------------------------------------------------


def _raw_reader(store: RawStore, skip_errors: bool) -> paging.Reader:
    def read(key: int, date_from: int | None, date_to: int | None, limit: int) -> tuple[np.ndarray, ...]:
        got = store.read(key, date_from, date_to, limit)
        times, readings, types = got.arrays()
        if skip_errors:
            keep = types != ERROR_LINE_TYPE
            return times[keep], readings[keep], types[keep]
        return times, readings, types

    return read


def _raw_latest_reader(
    store: RawStore, skip_errors: bool
) -> Callable[[int, int, int | None], tuple[np.ndarray, ...]]:
    def read(key: int, limit: int, before: int | None) -> tuple[np.ndarray, ...]:
        times, readings, types = store.latest(key, limit, before).arrays()
        if skip_errors:
            keep = types != ERROR_LINE_TYPE
            return times[keep], readings[keep], types[keep]
        return times, readings, types

    return read


def _to_decimal(reading: str) -> str:
    return str(int(reading, 16)) if reading and set(reading) <= _HEX else reading


def _size_cap(rows: tuple[np.ndarray, ...], limit: int, size_bytes: int) -> int:
    """How many of ``rows`` fit in ``size_bytes`` of readings (at least one), capped at ``limit``."""
    sizes = np.cumsum([len(r) for r in rows[1][: limit + 1]])
    fit = int(np.searchsorted(sizes, size_bytes, side="right"))
    return max(1, min(limit, fit))


def _raw(request: Request, spec: ParamSpec, location_form: bool) -> Response:
    p = spec.parse(request)
    sel = _select(request, p, location_form)
    limit, fmt = _limit_and_format(p)
    size_mb = p.int("sizeLimit", 20, lo=1, hi=1000)
    assert size_mb is not None
    to_decimal = p.bool("convertHexToDecimal")
    skip_errors = p.bool("skipErrors")
    latest = p.bool("getLatest")
    store = state(request).raw
    parts = [paging.Part(seg.device.id, seg.date_from, seg.date_to) for seg in sel.segments]

    next_from: int | None = None
    if latest:
        rows = paging.latest(_raw_latest_reader(store, skip_errors), parts, limit)
    else:
        read = _raw_reader(store, skip_errors)
        stream = paging.read_stream(read, parts, limit + 1)
        if stream is not None:
            capped = _size_cap(stream, limit, size_mb * 1_000_000)
            if stream[0].size > capped:
                cut, next_from = paging.cut([stream], capped)
                stream = cut[0]
        rows = stream
    if rows is None or not rows[0].size:
        if location_form:
            raise _no_data()
        rows = (np.empty(0, np.int64), np.empty(0, object), np.empty(0, object))
    times = format_times(rows[0])
    readings = [_to_decimal(r) for r in rows[1]] if to_decimal else rows[1].tolist()
    types = rows[2].tolist()
    data: Any = {"lineTypes": types, "readings": readings, "times": times}
    if fmt == "object":
        data = [
            {"lineType": lt, "reading": r, "sampleTime": t}
            for t, r, lt in zip(times, readings, types, strict=True)
        ]
    body: dict[str, Any] = {
        "citations": _citations(sel.segments),
        "data": data,
        "messages": [],
        "next": next_page(request, next_from, sel.window.date_to),
        "outputFormat": fmt,
        "queryUrl": query_url(request),
    }
    if location_form:
        body["metadata"] = {"locationName": view(request).locations[p.required("locationCode")].name}
    return OrjsonResponse(dict(sorted(body.items())))


@router.get(
    "/rawdata/location", openapi_extra=RAW_LOCATION.openapi(), summary="Raw instrument data by location"
)
def rawdata_location(request: Request) -> Response:
    return _raw(request, RAW_LOCATION, location_form=True)


@router.get("/rawdata/device", openapi_extra=RAW_DEVICE.openapi(), summary="Raw instrument data by device")
def rawdata_device(request: Request) -> Response:
    return _raw(request, RAW_DEVICE, location_form=False)
