"""Near real-time services: scalardata and rawdata, by location or by device, one page or all pages."""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any

from pelagos.client.base import ClientBase
from pelagos.client.effects import Op
from pelagos.client.pages import all_pages
from pelagos.client.results import RawData, ScalarData
from pelagos.client.service import pick_service, request_json, service_url, stamp_token

SCALAR_LOCATION = "scalardata/location"
SCALAR_DEVICE = "scalardata/device"
RAW_LOCATION = "rawdata/location"
RAW_DEVICE = "rawdata/device"


def direct(cfg: ClientBase, service: str, filters: Mapping[str, Any] | None, allPages: bool) -> Op[Any]:
    """One page, or every page stitched, of a scalardata or rawdata service.

    As the official client does, non-empty ``filters`` get the token written into them and a list of
    ``sensorCategoryCodes`` joined with commas in place.
    """
    if filters:
        stamp_token(cfg, filters)
    query = dict(filters or {})
    if isinstance(query.get("sensorCategoryCodes"), list):
        query["sensorCategoryCodes"] = ",".join(query["sensorCategoryCodes"])
        if isinstance(filters, MutableMapping):
            filters["sensorCategoryCodes"] = query["sensorCategoryCodes"]
    url = service_url(cfg, service)
    if allPages:
        result = yield from all_pages(cfg, service, url, query)
    else:
        result, _ = yield from request_json(cfg, url, query)
    if not isinstance(result, dict):
        return result
    return ScalarData(result) if service.startswith("scalardata") else RawData(result)


def scalardata(cfg: ClientBase, filters: Mapping[str, Any] | None, allPages: bool) -> Op[Any]:
    """scalardata by device when ``deviceCode`` is given, else by location."""
    service = pick_service(filters, SCALAR_DEVICE, SCALAR_LOCATION)
    return (yield from direct(cfg, service, filters, allPages))


def rawdata(cfg: ClientBase, filters: Mapping[str, Any] | None, allPages: bool) -> Op[Any]:
    """rawdata by device when ``deviceCode`` is given, else by location."""
    service = pick_service(filters, RAW_DEVICE, RAW_LOCATION)
    return (yield from direct(cfg, service, filters, allPages))


def sensor_category_codes(cfg: ClientBase, filters: Mapping[str, Any]) -> Op[Any]:
    """The sensors (categories, codes, units) a scalardata query would return, without their samples."""
    result = yield from scalardata(cfg, {**filters, "returnOptions": "excludeScalarData"}, False)
    return result["sensorData"]
