"""An in-memory snapshot of the catalog that discovery queries run over.

The catalog of an observatory is small (hundreds of locations and devices, thousands of sensors), so discovery
loads it whole, briefly cached, and filters in Python: simple, and the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine

from pelagos.catalog import schema as s


@dataclass
class Location:
    id: int
    code: str
    name: str
    description: str
    parent_id: int | None
    lat: float | None
    lon: float | None
    depth: float | None
    position: int
    children: list[Location] = field(default_factory=list)


@dataclass
class Category:
    id: int
    code: str
    name: str
    description: str
    long_description: str
    cv_uri: str | None
    cv_vocabulary: str | None


@dataclass
class Property:
    id: int
    code: str
    name: str
    description: str
    uom: str
    cv_property: list[dict[str, str]]
    cv_uom: list[dict[str, str]]


@dataclass
class Sensor:
    id: int
    device_id: int
    code: str
    name: str
    category_code: str
    property: Property
    uom: str
    position: int
    derived: str | None
    resolution: float | None
    qc: dict[str, Any] | None


@dataclass
class Device:
    id: int
    code: str
    name: str
    category: Category
    cv_uri: str | None
    cv_vocabulary: str | None
    raw_format: str | None
    sensors: list[Sensor] = field(default_factory=list)
    ratings: list[dict[str, Any]] = field(default_factory=list)

    @property
    def property_codes(self) -> set[str]:
        return {sensor.property.code for sensor in self.sensors}


@dataclass
class Deployment:
    id: int
    device: Device
    location: Location
    begin: int
    end: int | None
    depth: float | None
    lat: float | None
    lon: float | None
    heading: float | None
    pitch: float | None
    roll: float | None
    doi: str | None
    citation: str | None

    def overlaps(self, begin: int | None, end: int | None) -> bool:
        """Whether this deployment overlaps ``[begin, end)``; None leaves a side open."""
        if end is not None and self.begin >= end:
            return False
        return not (begin is not None and self.end is not None and self.end <= begin)


@dataclass
class ProductType:
    id: int
    code: str
    extension: str
    name: str
    help_document: str
    source: str
    options: list[dict[str, Any]]
    categories: list[str]
    position: int


@dataclass
class Span:
    device_id: int
    kind: str
    date_from: int
    date_to: int


class CatalogView:
    """Everything discovery needs, indexed by code."""

    def __init__(self, conn: Connection):
        self.locations: dict[str, Location] = {}
        by_id: dict[int, Location] = {}
        for row in conn.execute(select(s.locations)):
            loc = Location(
                row.id,
                row.code,
                row.name,
                row.description or "",
                row.parent_id,
                row.lat,
                row.lon,
                row.depth,
                row.position or 0,
            )
            self.locations[loc.code] = loc
            by_id[loc.id] = loc
        self.location_by_id = by_id
        for loc in by_id.values():
            if loc.parent_id is not None and loc.parent_id in by_id:
                by_id[loc.parent_id].children.append(loc)
        for loc in by_id.values():
            loc.children.sort(key=lambda c: (c.position, c.code))
        self.roots = sorted(
            (loc for loc in by_id.values() if loc.parent_id is None), key=lambda c: (c.position, c.code)
        )

        self.categories: dict[str, Category] = {}
        cat_by_id: dict[int, Category] = {}
        for row in conn.execute(select(s.device_categories)):
            cat = Category(
                row.id,
                row.code,
                row.name,
                row.description or "",
                row.long_description or "",
                row.cv_uri,
                row.cv_vocabulary,
            )
            self.categories[cat.code] = cat
            cat_by_id[cat.id] = cat

        self.properties: dict[str, Property] = {}
        prop_by_id: dict[int, Property] = {}
        for row in conn.execute(select(s.properties)):
            prop = Property(
                row.id,
                row.code,
                row.name,
                row.description or "",
                row.uom or "",
                list(row.cv_property or []),
                list(row.cv_uom or []),
            )
            self.properties[prop.code] = prop
            prop_by_id[prop.id] = prop

        self.devices: dict[str, Device] = {}
        self.device_by_id: dict[int, Device] = {}
        for row in conn.execute(select(s.devices)):
            dev = Device(
                row.id,
                row.code,
                row.name,
                cat_by_id[row.category_id],
                row.cv_uri,
                row.cv_vocabulary,
                row.raw_format,
            )
            self.devices[dev.code] = dev
            self.device_by_id[dev.id] = dev
        self.sensor_by_id: dict[int, Sensor] = {}
        for row in conn.execute(
            select(s.sensors).order_by(s.sensors.c.device_id, s.sensors.c.position, s.sensors.c.id)
        ):
            sensor = Sensor(
                row.id,
                row.device_id,
                row.code,
                row.name,
                row.category_code,
                prop_by_id[row.property_id],
                row.uom,
                row.position,
                row.derived,
                row.resolution,
                row.qc,
            )
            self.device_by_id[row.device_id].sensors.append(sensor)
            self.sensor_by_id[sensor.id] = sensor
        for row in conn.execute(select(s.data_ratings).order_by(s.data_ratings.c.date_from)):
            self.device_by_id[row.device_id].ratings.append(
                {
                    "date_from": row.date_from,
                    "date_to": row.date_to,
                    "sample_period": row.sample_period,
                    "sample_size": row.sample_size,
                }
            )

        self.deployments: list[Deployment] = [
            Deployment(
                row.id,
                self.device_by_id[row.device_id],
                by_id[row.location_id],
                row.begin,
                row.end,
                row.depth,
                row.lat,
                row.lon,
                row.heading,
                row.pitch,
                row.roll,
                row.doi,
                row.citation,
            )
            for row in conn.execute(select(s.deployments).order_by(s.deployments.c.begin, s.deployments.c.id))
        ]
        self.deployments_by_location: dict[int, list[Deployment]] = defaultdict(list)
        self.deployments_by_device: dict[int, list[Deployment]] = defaultdict(list)
        for dep in self.deployments:
            self.deployments_by_location[dep.location.id].append(dep)
            self.deployments_by_device[dep.device.id].append(dep)

        self.products: list[ProductType] = [
            ProductType(
                row.id,
                row.code,
                row.extension,
                row.name,
                row.help_document or "",
                row.source,
                list(row.options or []),
                list(row.categories or []),
                row.position or 0,
            )
            for row in conn.execute(
                select(s.product_types).order_by(s.product_types.c.position, s.product_types.c.id)
            )
        ]
        self.spans: dict[tuple[int, str], list[Span]] = defaultdict(list)
        for row in conn.execute(select(s.data_spans).order_by(s.data_spans.c.date_from)):
            self.spans[(row.device_id, row.kind)].append(
                Span(row.device_id, row.kind, row.date_from, row.date_to)
            )

    # -- availability, computed from what is stored -------------------------------------------------------------

    def has_data(
        self, device_id: int, kinds: tuple[str, ...], begin: int | None = None, end: int | None = None
    ) -> bool:
        """Whether any data of ``kinds`` is stored for the device overlapping ``[begin, end)``."""
        for kind in kinds:
            for span in self.spans.get((device_id, kind), ()):
                if (end is None or span.date_from < end) and (begin is None or span.date_to >= begin):
                    return True
        return False

    def deployment_has_data(
        self, dep: Deployment, kinds: tuple[str, ...], begin: int | None = None, end: int | None = None
    ) -> bool:
        """Whether data of ``kinds`` is stored for the deployment's device during the deployment (and window)."""
        lo = dep.begin if begin is None else max(dep.begin, begin)
        hi = dep.end if end is None else (end if dep.end is None else min(dep.end, end))
        if hi is not None and lo >= hi:
            return False
        return self.has_data(dep.device.id, kinds, lo, hi)

    def subtree(self, loc: Location) -> list[Location]:
        """``loc`` and all its descendants, depth first."""
        out = [loc]
        for child in loc.children:
            out.extend(self.subtree(child))
        return out

    def path_name(self, loc: Location) -> list[Location]:
        """The chain of locations from the top (below the root) down to ``loc``."""
        chain = []
        node: Location | None = loc
        while node is not None:
            chain.append(node)
            node = self.location_by_id.get(node.parent_id) if node.parent_id is not None else None
        return list(reversed(chain))


class CatalogCache:
    """Hands out a CatalogView no older than ``ttl`` seconds."""

    def __init__(self, engine: Engine, ttl: float = 2.0):
        self.engine = engine
        self.ttl = ttl
        self._view: CatalogView | None = None
        self._loaded = 0.0
        self._lock = threading.Lock()

    def get(self) -> CatalogView:
        with self._lock:
            if self._view is None or time.monotonic() - self._loaded > self.ttl:
                with self.engine.connect() as conn:
                    self._view = CatalogView(conn)
                self._loaded = time.monotonic()
            return self._view

    def invalidate(self) -> None:
        with self._lock:
            self._view = None
