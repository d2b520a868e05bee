"""The discovery services over a CatalogView: locations, the location tree, deployments, devices, device
categories, properties and data products, as the Oceans 3.0 API returns them (contract §3.1-§3.7)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pelagos.api.errors import NotFound, invalid
from pelagos.api.params import Window
from pelagos.catalog.view import CatalogView, Category, Deployment, Device, Location, ProductType
from pelagos.timeutil import format_ms

ANY_DATA = ("scalar", "raw", "archive")
DEVICE_DATA = ("raw", "archive")
PROPERTY_DATA = ("scalar",)


@dataclass(frozen=True)
class Filters:
    """The discovery filters of one request, codes already checked to exist."""

    location_code: str | None = None
    include_children: bool = False
    category_code: str | None = None
    device_code: str | None = None
    property_code: str | None = None
    product_code: str | None = None
    window: Window = Window(None, None)

    @property
    def narrows_deployments(self) -> bool:
        """Whether any filter beyond the location restricts which deployments count."""
        return any(
            v is not None
            for v in (
                self.category_code,
                self.device_code,
                self.property_code,
                self.product_code,
                self.window.date_from,
                self.window.date_to,
            )
        )


def check_codes(view: CatalogView, **codes: str | None) -> None:
    """Raise error 127 naming the first parameter whose code the catalog does not hold."""
    tables: dict[str, Iterable[str]] = {
        "locationCode": view.locations,
        "deviceCategoryCode": view.categories,
        "deviceCode": view.devices,
        "propertyCode": view.properties,
        "dataProductCode": {p.code for p in view.products},
        "extension": {p.extension for p in view.products},
    }
    for name, value in codes.items():
        if value is not None and value not in tables[name]:
            raise invalid(name, f"Invalid {name}: {value} is not a known code")


def product_applies(product: ProductType, device: Device) -> bool:
    """Whether ``product`` can be made from ``device``'s data."""
    if product.categories and device.category.code not in product.categories:
        return False
    return product.source != "scalar" or bool(device.sensors)


def _matches(view: CatalogView, dep: Deployment, f: Filters, locations: set[int] | None) -> bool:
    if locations is not None and dep.location.id not in locations:
        return False
    if f.category_code and dep.device.category.code != f.category_code:
        return False
    if f.device_code and dep.device.code != f.device_code:
        return False
    if f.property_code and f.property_code not in dep.device.property_codes:
        return False
    if f.product_code and not any(
        p.code == f.product_code and product_applies(p, dep.device) for p in view.products
    ):
        return False
    return dep.overlaps(f.window.date_from, f.window.date_to)


def _location_scope(view: CatalogView, f: Filters) -> set[int] | None:
    if f.location_code is None:
        return None
    loc = view.locations[f.location_code]
    return {x.id for x in view.subtree(loc)} if f.include_children else {loc.id}


def matching_deployments(view: CatalogView, f: Filters) -> list[Deployment]:
    scope = _location_scope(view, f)
    return [dep for dep in view.deployments if _matches(view, dep, f, scope)]


def _f(value: float | None) -> float | None:
    return None if value is None else float(value)


def _contains(haystack: str, needle: str | None) -> bool:
    return needle is None or needle.lower() in haystack.lower()


def _location_flags(view: CatalogView, deps: list[Deployment], window: Window) -> tuple[bool, bool]:
    device = any(view.deployment_has_data(d, DEVICE_DATA, window.date_from, window.date_to) for d in deps)
    prop = any(view.deployment_has_data(d, PROPERTY_DATA, window.date_from, window.date_to) for d in deps)
    return device, prop


def _bbox(loc: Location, deps: list[Deployment]) -> dict[str, float | None]:
    lats = [d.lat for d in deps if d.lat is not None] or ([loc.lat] if loc.lat is not None else [])
    lons = [d.lon for d in deps if d.lon is not None] or ([loc.lon] if loc.lon is not None else [])
    depths = [d.depth for d in deps if d.depth is not None] or ([loc.depth] if loc.depth is not None else [])
    return {
        "maxDepth": _f(max(depths)) if depths else None,
        "maxLat": _f(max(lats)) if lats else None,
        "maxLon": _f(max(lons)) if lons else None,
        "minDepth": _f(min(depths)) if depths else None,
        "minLat": _f(min(lats)) if lats else None,
        "minLon": _f(min(lons)) if lons else None,
    }


def _tree_order(view: CatalogView) -> list[Location]:
    out: list[Location] = []
    for root in view.roots:
        out.extend(view.subtree(root))
    return out


def locations(
    view: CatalogView, f: Filters, location_name: str | None, base_url: str
) -> list[dict[str, Any]]:
    """The locations that hold deployments matching the filters (all locations when only location filters apply)."""
    scope = _location_scope(view, f)
    by_location: dict[int, list[Deployment]] = {}
    for dep in matching_deployments(view, f):
        by_location.setdefault(dep.location.id, []).append(dep)
    out = []
    for loc in _tree_order(view):
        if scope is not None and loc.id not in scope:
            continue
        if f.narrows_deployments and loc.id not in by_location:
            continue
        if not _contains(loc.name, location_name):
            continue
        deps = by_location.get(loc.id, [])
        has_device, has_property = _location_flags(view, deps, f.window)
        out.append(
            {
                "deployments": len(deps),
                "locationName": loc.name,
                "depth": _f(loc.depth),
                "bbox": _bbox(loc, deps),
                "description": loc.description,
                "hasDeviceData": has_device,
                "lon": _f(loc.lon),
                "locationCode": loc.code,
                "hasPropertyData": has_property,
                "lat": _f(loc.lat),
                "dataSearchURL": f"{base_url}DataSearch?location={loc.code}",
            }
        )
    if not out:
        raise NotFound("no locations match the filters")
    return out


def location_tree(view: CatalogView, f: Filters, location_name: str | None) -> list[dict[str, Any]]:
    """The location hierarchy pruned to the paths that lead to matching locations."""
    by_location: dict[int, list[Deployment]] = {}
    for dep in matching_deployments(view, Filters(**{**f.__dict__, "location_code": None})):
        by_location.setdefault(dep.location.id, []).append(dep)

    def selected(loc: Location) -> bool:
        if f.narrows_deployments and loc.id not in by_location:
            return False
        return _contains(loc.name, location_name)

    def build(loc: Location) -> dict[str, Any] | None:
        children = [node for node in (build(c) for c in loc.children) if node is not None]
        if not children and not selected(loc):
            return None
        has_device, has_property = _location_flags(view, by_location.get(loc.id, []), f.window)
        return {
            "locationName": loc.name,
            "children": children or None,
            "description": loc.description,
            "hasDeviceData": has_device,
            "locationCode": loc.code,
            "hasPropertyData": has_property,
        }

    roots = [view.locations[f.location_code]] if f.location_code else view.roots
    out = [node for node in (build(r) for r in roots) if node is not None]
    if not out:
        raise NotFound("no locations match the filters")
    return out


def _citation(dep: Deployment) -> dict[str, Any]:
    doi = dep.doi or ""
    return {
        "citation": dep.citation or "",
        "doi": doi,
        "landingPageUrl": f"https://doi.org/{doi}" if doi else "",
        "queryPid": None,
    }


def deployment_record(view: CatalogView, dep: Deployment) -> dict[str, Any]:
    return {
        "begin": format_ms(dep.begin),
        "citation": _citation(dep),
        "depth": _f(dep.depth),
        "deviceCategoryCode": dep.device.category.code,
        "deviceCode": dep.device.code,
        "end": None if dep.end is None else format_ms(dep.end),
        "hasDeviceData": view.deployment_has_data(dep, ANY_DATA),
        "heading": _f(dep.heading),
        "lat": _f(dep.lat),
        "locationCode": dep.location.code,
        "lon": _f(dep.lon),
        "pitch": _f(dep.pitch),
        "roll": _f(dep.roll),
    }


def deployments(view: CatalogView, f: Filters) -> list[dict[str, Any]]:
    """Deployments matching the filters; none is error 127 for this service (contract §1.3)."""
    deps = matching_deployments(view, f)
    if not deps:
        raise invalid(
            "dateFrom,dateTo" if f.window.date_from or f.window.date_to else "locationCode",
            "No deployments match the filters",
        )
    return [deployment_record(view, d) for d in deps]


def _devices_in_scope(view: CatalogView, f: Filters) -> list[Device]:
    if f.narrows_deployments or f.location_code is not None:
        seen: dict[int, Device] = {}
        for dep in matching_deployments(view, f):
            seen.setdefault(dep.device.id, dep.device)
        return sorted(seen.values(), key=lambda d: d.code.lower())
    return sorted(view.devices.values(), key=lambda d: d.code.lower())


def devices(view: CatalogView, f: Filters, device_name: str | None, base_url: str) -> list[dict[str, Any]]:
    out = []
    for dev in _devices_in_scope(view, f):
        if not _contains(dev.name, device_name):
            continue
        out.append(
            {
                "cvTerm": {
                    "device": [{"uri": dev.cv_uri, "vocabulary": dev.cv_vocabulary}] if dev.cv_uri else []
                },
                "dataRating": [
                    {
                        "dateFrom": format_ms(r["date_from"]),
                        "dateTo": None if r["date_to"] is None else format_ms(r["date_to"]),
                        "samplePeriod": float(r["sample_period"]),
                        "sampleSize": int(r["sample_size"]),
                    }
                    for r in dev.ratings
                ],
                "deviceCategoryCode": dev.category.code,
                "deviceCode": dev.code,
                "deviceId": dev.id,
                "deviceLink": f"{base_url}DeviceListing?DeviceId={dev.id}",
                "deviceName": dev.name,
                "hasDeviceData": view.has_data(dev.id, ANY_DATA, f.window.date_from, f.window.date_to),
            }
        )
    if not out:
        raise NotFound("no devices match the filters")
    return out


def _scoped_devices(view: CatalogView, f: Filters) -> list[Device] | None:
    """Devices the location/category/device/property filters point at, or None when none of them is given."""
    if not any((f.location_code, f.category_code, f.device_code, f.property_code)):
        return None
    return (
        _devices_in_scope(view, f)
        if f.location_code
        else [
            d
            for d in view.devices.values()
            if (not f.category_code or d.category.code == f.category_code)
            and (not f.device_code or d.code == f.device_code)
            and (not f.property_code or f.property_code in d.property_codes)
        ]
    )


def device_categories(
    view: CatalogView, f: Filters, name: str | None, description: str | None
) -> list[dict[str, Any]]:
    scoped = _scoped_devices(view, Filters(location_code=f.location_code, property_code=f.property_code))
    members: dict[str, list[Device]] = {}
    for dev in scoped if scoped is not None else view.devices.values():
        members.setdefault(dev.category.code, []).append(dev)
    cats: Iterable[Category] = (
        sorted(view.categories.values(), key=lambda c: c.code)
        if scoped is None
        else sorted((view.categories[c] for c in members), key=lambda c: c.code)
    )
    out = []
    for cat in cats:
        if f.category_code and cat.code != f.category_code:
            continue
        if not _contains(cat.name, name) or not _contains(cat.description, description):
            continue
        out.append(
            {
                "cvTerm": {
                    "deviceCategory": [{"uri": cat.cv_uri, "vocabulary": cat.cv_vocabulary}]
                    if cat.cv_uri
                    else []
                },
                "description": cat.description,
                "deviceCategoryCode": cat.code,
                "deviceCategoryName": cat.name,
                "hasDeviceData": any(view.has_data(d.id, ANY_DATA) for d in members.get(cat.code, [])),
                "longDescription": cat.long_description,
            }
        )
    if not out:
        raise NotFound("no device categories match the filters")
    return out


def properties(
    view: CatalogView, f: Filters, name: str | None, description: str | None
) -> list[dict[str, Any]]:
    scoped = _scoped_devices(
        view, Filters(location_code=f.location_code, category_code=f.category_code, device_code=f.device_code)
    )
    holders: dict[str, list[Device]] = {}
    for dev in scoped if scoped is not None else view.devices.values():
        for code in dev.property_codes:
            holders.setdefault(code, []).append(dev)
    codes = sorted(holders) if scoped is not None else sorted(view.properties)
    out = []
    for code in codes:
        prop = view.properties[code]
        if f.property_code and code != f.property_code:
            continue
        if not _contains(prop.name, name) or not _contains(prop.description, description):
            continue
        devs = holders.get(code, [])
        out.append(
            {
                "cvTerm": {"property": prop.cv_property, "uom": prop.cv_uom},
                "description": prop.description,
                "hasDeviceData": any(view.has_data(d.id, ANY_DATA) for d in devs),
                "hasPropertyData": any(view.has_data(d.id, PROPERTY_DATA) for d in devs),
                "propertyCode": prop.code,
                "propertyName": prop.name,
                "uom": prop.uom,
            }
        )
    if not out:
        raise NotFound("no properties match the filters")
    return out


def data_products(
    view: CatalogView, f: Filters, extension: str | None, name: str | None
) -> list[dict[str, Any]]:
    scoped = _scoped_devices(view, f)
    out = []
    for product in view.products:
        if f.product_code and product.code != f.product_code:
            continue
        if extension and product.extension != extension:
            continue
        if not _contains(product.name, name):
            continue
        devs = [
            d
            for d in (scoped if scoped is not None else view.devices.values())
            if product_applies(product, d)
        ]
        if scoped is not None and not devs:
            continue
        out.append(
            {
                "dataProductCode": product.code,
                "dataProductName": product.name,
                "dataProductOptions": product.options,
                "extension": product.extension,
                "hasDeviceData": any(view.has_data(d.id, ANY_DATA) for d in devs),
                "hasPropertyData": product.source == "scalar"
                and any(view.has_data(d.id, PROPERTY_DATA) for d in devs),
                "helpDocument": product.help_document,
            }
        )
    if not out:
        raise NotFound("no data products match the filters")
    return out
