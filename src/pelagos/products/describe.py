"""Words about a product's data, shared by file headers, netCDF attributes and the metadata file: where and what
was measured, how it was processed, how to cite it."""

from __future__ import annotations

from pelagos.catalog.selection import Segment
from pelagos.catalog.view import CatalogView, Sensor
from pelagos.products.order import Order
from pelagos.products.scalar import resample_choice
from pelagos.timeutil import format_ms

QAQC_FLAGS = {
    0: "no quality control",
    1: "good",
    2: "probably good",
    3: "probably bad",
    4: "bad",
    7: "averaged",
    8: "interpolated",
    9: "missing",
}


def location_path(view: CatalogView, segment: Segment) -> str:
    """``Northeast Pacific > Barkley Canyon > Barkley Canyon Axis`` (the root left out)."""
    chain = view.path_name(segment.deployment.location)
    return " > ".join(loc.name for loc in chain if loc.parent_id is not None)


def citation(segment: Segment) -> str:
    dep = segment.deployment
    if dep.citation:
        return dep.citation
    return (
        f"Ocean Networks Canada Society. {dep.device.category.name} data from {dep.location.name}"
        f" ({dep.location.code}), device {dep.device.code}."
    )


def processing(order: Order) -> list[str]:
    """One line per processing choice of the order."""
    method, period = resample_choice(order)
    lines = [
        "Quality control: "
        + (
            "clean (values flagged 3 probably bad or 4 bad are replaced by NaN)"
            if order.clean
            else "raw (all values as measured, with their QAQC flags)"
        ),
        "Resampling: "
        + (
            "none (samples as measured)"
            if period is None
            else f"{method} over {period // 1000} s bins stamped with the bin start"
        ),
        "Data gaps: " + ("filled with NaN rows (flag 9)" if order.flag("dpo_dataGaps") else "not filled"),
        "Sensors: "
        + (
            "measured only"
            if order.option("dpo_sensorsToInclude", "all") == "original"
            else "measured and derived"
        ),
    ]
    return lines


def header(view: CatalogView, order: Order, segment: Segment, product_name: str) -> list[str]:
    """The descriptive lines at the top of a text product (without comment marks)."""
    dep = segment.deployment
    dev = dep.device
    loc = dep.location
    assert segment.date_from is not None and segment.date_to is not None
    lines = [
        "Ocean Networks Canada Data Products (served by pelagos)",
        f"Data product: {product_name} ({order.product_code}, {order.extension})",
        f"Location: {loc.name} ({loc.code}); path: {location_path(view, segment)}",
        f"Device: {dev.name} ({dev.code}), deviceId {dev.id}, category {dev.category.name}"
        f" ({dev.category.code})",
        f"Deployment: {format_ms(dep.begin)} to {format_ms(dep.end) if dep.end is not None else 'ongoing'}",
        f"Latitude: {dep.lat} degrees north; Longitude: {dep.lon} degrees east; Depth: {dep.depth} m",
        f"Data from: {format_ms(segment.date_from)} to {format_ms(segment.date_to)} (end excluded)",
        *processing(order),
        "QAQC flags: " + ", ".join(f"{k} {v}" for k, v in QAQC_FLAGS.items()),
        f"Citation: {citation(segment)}",
    ]
    return lines


def sensor_line(sensor: Sensor) -> str:
    kind = f"derived ({sensor.derived})" if sensor.derived else "measured"
    return (
        f"Sensor {sensor.code}: {sensor.name}, property {sensor.property.code}, unit {sensor.uom or '-'},"
        f" {kind}"
    )
