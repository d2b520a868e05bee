"""Discovery routes: locations, locations/tree, deployments, devices, deviceCategories, properties, dataProducts."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from starlette.requests import Request
from starlette.responses import Response

from pelagos.api.deps import base_url, require_user, view
from pelagos.api.params import Params, Window
from pelagos.api.responses import OrjsonResponse
from pelagos.api.spec import DATE_FROM, DATE_TO, ParamSpec
from pelagos.catalog import discovery as d

router = APIRouter(dependencies=[Depends(require_user)])

_CODES = {
    "locationCode": "Location code, e.g. BACAX (exact, case-sensitive).",
    "deviceCategoryCode": "Device category code, e.g. CTD.",
    "deviceCode": "Device code, e.g. BPR-Folger-59.",
    "propertyCode": "Property code, e.g. seawatertemperature.",
    "dataProductCode": "Data product code, e.g. TSSD.",
}
_DATES = {"dateFrom": DATE_FROM, "dateTo": DATE_TO}
NO_MATCH = "Nothing matches the filters (contract §1.3)."

LOCATIONS = ParamSpec(
    {
        **_CODES,
        **_DATES,
        "locationName": "Case-insensitive substring of the location name.",
        "includeChildren": "true to also return every descendant of locationCode.",
    },
    not_found=NO_MATCH,
)
TREE = ParamSpec(
    {**_CODES, **_DATES, "locationName": "Case-insensitive substring of the location name."},
    not_found=NO_MATCH,
)
DEPLOYMENTS = ParamSpec({k: v for k, v in {**_CODES, **_DATES}.items() if k != "dataProductCode"})
DEVICES = ParamSpec(
    {**_CODES, **_DATES, "deviceName": "Case-insensitive substring of the device name."}, not_found=NO_MATCH
)
CATEGORIES = ParamSpec(
    {
        "deviceCategoryCode": _CODES["deviceCategoryCode"],
        "deviceCategoryName": "Case-insensitive substring of the category name.",
        "description": "Case-insensitive substring of the category description.",
        "locationCode": _CODES["locationCode"],
        "propertyCode": _CODES["propertyCode"],
    },
    not_found=NO_MATCH,
)
PROPERTIES = ParamSpec(
    {
        "propertyCode": _CODES["propertyCode"],
        "propertyName": "Case-insensitive substring of the property name.",
        "description": "Case-insensitive substring of the property description.",
        "locationCode": _CODES["locationCode"],
        "deviceCategoryCode": _CODES["deviceCategoryCode"],
        "deviceCode": _CODES["deviceCode"],
    },
    not_found=NO_MATCH,
)
PRODUCTS = ParamSpec(
    {
        "dataProductCode": _CODES["dataProductCode"],
        "extension": "File extension, e.g. csv.",
        "dataProductName": "Case-insensitive substring of the product name.",
        "propertyCode": _CODES["propertyCode"],
        "locationCode": _CODES["locationCode"],
        "deviceCategoryCode": _CODES["deviceCategoryCode"],
        "deviceCode": _CODES["deviceCode"],
    },
    not_found=NO_MATCH,
)


def filters(request: Request, p: Params, with_window: bool = True) -> d.Filters:
    """Parse and check the common discovery filters of a request."""
    codes = {name: p.str(name) for name in _CODES if name in p.allowed}
    d.check_codes(view(request), **codes)
    return d.Filters(
        location_code=codes.get("locationCode"),
        include_children=p.bool("includeChildren") if "includeChildren" in p.allowed else False,
        category_code=codes.get("deviceCategoryCode"),
        device_code=codes.get("deviceCode"),
        property_code=codes.get("propertyCode"),
        product_code=codes.get("dataProductCode"),
        window=p.window() if with_window else Window(None, None),
    )


@router.get("/locations", openapi_extra=LOCATIONS.openapi(), summary="Locations with matching deployments")
def get_locations(request: Request) -> Response:
    p = LOCATIONS.parse(request)
    f = filters(request, p)
    return OrjsonResponse(d.locations(view(request), f, p.str("locationName"), base_url(request)))


@router.get("/locations/tree", openapi_extra=TREE.openapi(), summary="The location hierarchy")
def get_location_tree(request: Request) -> Response:
    p = TREE.parse(request)
    f = filters(request, p)
    return OrjsonResponse(d.location_tree(view(request), f, p.str("locationName")))


@router.get("/deployments", openapi_extra=DEPLOYMENTS.openapi(), summary="Device deployments")
def get_deployments(request: Request) -> Response:
    p = DEPLOYMENTS.parse(request)
    return OrjsonResponse(d.deployments(view(request), filters(request, p)))


@router.get("/devices", openapi_extra=DEVICES.openapi(), summary="Devices")
def get_devices(request: Request) -> Response:
    p = DEVICES.parse(request)
    f = filters(request, p)
    return OrjsonResponse(d.devices(view(request), f, p.str("deviceName"), base_url(request)))


@router.get("/deviceCategories", openapi_extra=CATEGORIES.openapi(), summary="Device categories")
def get_device_categories(request: Request) -> Response:
    p = CATEGORIES.parse(request)
    f = filters(request, p, with_window=False)
    return OrjsonResponse(
        d.device_categories(view(request), f, p.str("deviceCategoryName"), p.str("description"))
    )


@router.get("/properties", openapi_extra=PROPERTIES.openapi(), summary="Measured properties")
def get_properties(request: Request) -> Response:
    p = PROPERTIES.parse(request)
    f = filters(request, p, with_window=False)
    return OrjsonResponse(d.properties(view(request), f, p.str("propertyName"), p.str("description")))


@router.get("/dataProducts", openapi_extra=PRODUCTS.openapi(), summary="Data product types and their options")
def get_data_products(request: Request) -> Response:
    p = PRODUCTS.parse(request)
    f = filters(request, p, with_window=False)
    extension = p.str("extension")
    d.check_codes(view(request), extension=extension)
    return OrjsonResponse(d.data_products(view(request), f, extension, p.str("dataProductName")))
