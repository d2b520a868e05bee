"""The metadata file of a data product (download index ``meta``): ``<stem>_<EXT>_META.xml``.

It describes the request and, for every deployment segment the product covers, the location, device,
deployment, sensors (with their QAQC test limits), the QAQC flag meanings and the citation.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from pelagos import __version__
from pelagos.catalog.selection import Segment
from pelagos.catalog.view import CatalogView
from pelagos.products import describe
from pelagos.products.job import Job
from pelagos.products.naming import meta_name
from pelagos.timeutil import format_ms


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _segment(view: CatalogView, parent: ET.Element, segment: Segment) -> None:
    dep = segment.deployment
    dev = dep.device
    loc = dep.location
    assert segment.date_from is not None and segment.date_to is not None
    node = ET.SubElement(
        parent, "segment", dateFrom=format_ms(segment.date_from), dateTo=format_ms(segment.date_to)
    )
    ET.SubElement(
        node,
        "location",
        code=loc.code,
        name=loc.name,
        path=describe.location_path(view, segment),
        lat=_text(loc.lat),
        lon=_text(loc.lon),
        depth=_text(loc.depth),
    ).text = loc.description.strip()
    ET.SubElement(
        node,
        "device",
        code=dev.code,
        deviceId=str(dev.id),
        name=dev.name,
        deviceCategoryCode=dev.category.code,
        deviceCategoryName=dev.category.name,
    )
    ET.SubElement(
        node,
        "deployment",
        begin=format_ms(dep.begin),
        end="" if dep.end is None else format_ms(dep.end),
        lat=_text(dep.lat),
        lon=_text(dep.lon),
        depth=_text(dep.depth),
        heading=_text(dep.heading),
        pitch=_text(dep.pitch),
        roll=_text(dep.roll),
    )
    sensors = ET.SubElement(node, "sensors")
    for sensor in dev.sensors:
        item = ET.SubElement(
            sensors,
            "sensor",
            code=sensor.code,
            name=sensor.name,
            sensorCategoryCode=sensor.category_code,
            propertyCode=sensor.property.code,
            unitOfMeasure=sensor.uom,
            derived=sensor.derived or "",
            resolution=_text(sensor.resolution),
        )
        for test, limits in (sensor.qc or {}).items():
            if limits is not None:
                ET.SubElement(item, "qaqcTest", name=test, limits=_text(limits))
    ET.SubElement(node, "citation", doi=dep.doi or "").text = describe.citation(segment)


def write_meta(job: Job, segments: list[Segment]) -> None:
    """Write the metadata file describing the files already recorded on ``job``."""
    order = job.order
    product = order.product(job.view)
    root = ET.Element("dataProductMetadata", generator=f"pelagos {__version__}")
    ET.SubElement(root, "dataProduct", code=product.code, extension=product.extension, name=product.name)
    request = ET.SubElement(
        root,
        "request",
        dateFrom=format_ms(order.date_from),
        dateTo=format_ms(order.date_to),
        locationCode=order.location_code or "",
        deviceCategoryCode=order.category_code or "",
        deviceCode=order.device_code or "",
        propertyCode=",".join(order.property_codes or ()),
    )
    for name, value in order.options.items():
        ET.SubElement(request, "option", name=name, value=value)
    processing = ET.SubElement(root, "processing")
    for line in describe.processing(order):
        ET.SubElement(processing, "step").text = line
    files = ET.SubElement(root, "files")
    for index, f in enumerate(job.files, start=1):
        ET.SubElement(files, "file", index=str(index), name=f.name, size=str(f.size))
    flags = ET.SubElement(root, "qaqcFlags")
    for flag, meaning in describe.QAQC_FLAGS.items():
        ET.SubElement(flags, "flag", value=str(flag), meaning=meaning)
    for segment in segments:
        _segment(job.view, root, segment)
    ET.indent(root)
    first = job.files[0].name.rsplit(".", 1)[0] if job.files else f"{order.product_code}_{order.extension}"
    name = meta_name(first, order.extension)
    ET.ElementTree(root).write(job.path(name), encoding="UTF-8", xml_declaration=True)
    job.set_meta(name)
