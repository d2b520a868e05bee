"""Load a catalog document into the catalog, all or nothing, and dump the catalog as a document.

A load checks the whole document (:mod:`pelagos.catalog.document`) against itself and the catalog first: any
problem refuses it whole, every problem named by its entry path
(``devices[2].sensors[0].property: unknown property 'tempx'``), and nothing is written. Otherwise it upserts
every entry by its code (a sensor by device and code, a data rating by device and ``dateFrom``, a deployment by
device and ``begin``), creates the root location ``ONC`` if absent, and refreshes the data product types, in the
caller's transaction. A load never deletes. A dump lists the whole catalog as a document, so loading a dump
changes nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, insert, select, text, update
from sqlalchemy.engine import Connection

from pelagos.catalog import schema as s
from pelagos.catalog.document import (
    CATEGORY,
    DEPLOYMENT,
    DEVICE,
    FIELDS,
    LOCATION,
    PROPERTY,
    RATING,
    SENSOR,
    CatalogError,
    Entry,
    Reader,
    columns,
    export,
)
from pelagos.ingest.derive import DERIVED
from pelagos.products.types import refresh_product_types
from pelagos.timeutil import format_ms

#: The code of the root location: the official clients ask for the hierarchy under it.
ROOT = "ONC"
#: The name the root gets when a document creates it without listing it.
ROOT_NAME = "Observatory"
#: What a load report counts: the sections, and the sensors and data ratings of devices.
COUNTED = ("locations", "deviceCategories", "properties", "devices", "sensors", "dataRatings", "deployments")


@dataclass
class LoadReport:
    """What a load did, per section: how many entries it added and how many it changed."""

    added: Counter[str] = field(default_factory=Counter)
    changed: Counter[str] = field(default_factory=Counter)

    def __str__(self) -> str:
        parts = [
            f"{section}: {self.added[section]} added, {self.changed[section]} changed"
            for section in COUNTED
            if self.added[section] or self.changed[section]
        ]
        return "; ".join(parts) or "nothing changed"


# -- checking a document against itself and the catalog -------------------------------------------------------


@dataclass
class _Catalog:
    """The rows of the catalog a document is checked against and upserted into, keyed as the document keys them."""

    locations: dict[str, dict[str, Any]]  # by code, each with its "parent" code
    categories: dict[str, dict[str, Any]]
    properties: dict[str, dict[str, Any]]
    devices: dict[str, dict[str, Any]]
    sensors: dict[tuple[int, str], dict[str, Any]]  # by device id and code
    ratings: dict[tuple[int, int], dict[str, Any]]  # by device id and date_from
    deployments: dict[tuple[int, int], dict[str, Any]]  # by device id and begin

    @classmethod
    def read(cls, conn: Connection) -> _Catalog:
        def rows(table: Table) -> list[dict[str, Any]]:
            return [dict(r) for r in conn.execute(select(table).order_by(table.c.id)).mappings()]

        locations = rows(s.locations)
        codes = {r["id"]: r["code"] for r in locations}
        for r in locations:
            r["parent"] = codes.get(r["parent_id"])
        return cls(
            {r["code"]: r for r in locations},
            {r["code"]: r for r in rows(s.device_categories)},
            {r["code"]: r for r in rows(s.properties)},
            {r["code"]: r for r in rows(s.devices)},
            {(r["device_id"], r["code"]): r for r in rows(s.sensors)},
            {(r["device_id"], r["date_from"]): r for r in rows(s.data_ratings)},
            {(r["device_id"], r["begin"]): r for r in rows(s.deployments)},
        )


def _unique(reader: Reader, entries: Iterable[Entry], key: str, what: str) -> None:
    """Report entries that repeat another's ``key``."""
    first: dict[Any, str] = {}
    for path, values in entries:
        value = values[key]
        if value is None:
            continue
        if value in first:
            shown = format_ms(value) if isinstance(value, int) else value
            reader.problem(f"{path}.{key}", f"{what} {shown!r} is listed twice (also {first[value]})")
        else:
            first[value] = path


def _check_locations(reader: Reader, entries: list[Entry], catalog: _Catalog) -> None:
    """Every location hangs below the root: its parent is known and it is not its own ancestor."""
    _unique(reader, entries, "code", "location")
    parents = {code: row["parent"] for code, row in catalog.locations.items()}
    parents[ROOT] = None
    for path, v in entries:
        if v["code"] == ROOT and v["parent"] is not None:
            reader.problem(f"{path}.parent", f"{ROOT} is the root location: it has no parent")
            v["parent"] = None
        elif v["code"] != ROOT and v["parent"] is None:
            v["parent"] = ROOT
        if v["code"] is not None:
            parents[v["code"]] = v["parent"]
    for path, v in entries:
        if v["code"] is None or v["parent"] is None:
            continue
        if v["parent"] not in parents:
            reader.problem(f"{path}.parent", f"unknown parent location {v['parent']!r}")
            continue
        seen, node = set(), v["parent"]
        while node is not None and node not in seen and node != v["code"]:
            seen.add(node)
            node = parents.get(node)
        if node == v["code"]:
            reader.problem(f"{path}.parent", f"{v['parent']!r} makes a cycle: it lies below {v['code']!r}")


def _check_devices(reader: Reader, doc: dict[str, list[Entry]], catalog: _Catalog) -> None:
    """Devices name known categories and keep their ids; sensors measure known properties (unit by default the
    property's); data ratings are sound."""
    entries = doc["devices"]
    _unique(reader, entries, "code", "device")
    categories = set(catalog.categories) | {v["code"] for _, v in doc["deviceCategories"]}
    units = {code: row["uom"] for code, row in catalog.properties.items()}
    units.update({v["code"]: v["unit"] for _, v in doc["properties"]})
    owners = {row["id"]: code for code, row in catalog.devices.items()}
    for path, v in entries:
        if v["category"] is not None and v["category"] not in categories:
            reader.problem(f"{path}.category", f"unknown device category {v['category']!r}")
        ident, current = v["id"], catalog.devices.get(v["code"])
        if ident is not None:
            if ident <= 0:
                reader.problem(f"{path}.id", f"not a positive integer: {ident}")
            elif current is not None and current["id"] != ident:
                reader.problem(
                    f"{path}.id", f"{v['code']} is device {current['id']}: a device id cannot change"
                )
            elif owners.get(ident, v["code"]) != v["code"]:
                reader.problem(f"{path}.id", f"device id {ident} is {owners[ident]}'s")
            else:
                owners[ident] = v["code"]
        _unique(reader, v["sensors"], "code", "sensor")
        for where, sensor in v["sensors"]:
            prop = sensor["property"]
            if prop is not None and prop not in units:
                reader.problem(f"{where}.property", f"unknown property {prop!r}")
            elif sensor["unit"] is None and prop is not None:
                sensor["unit"] = units[prop]
            if sensor["derived"] is not None and sensor["derived"] not in DERIVED:
                reader.problem(f"{where}.derived", f"not one of {', '.join(DERIVED)}: {sensor['derived']!r}")
        _unique(reader, v["dataRatings"], "dateFrom", "data rating from")
        for where, rating in v["dataRatings"]:
            if None not in (rating["dateFrom"], rating["dateTo"]) and rating["dateTo"] <= rating["dateFrom"]:
                reader.problem(f"{where}.dateTo", "not after dateFrom")
            if rating["samplePeriod"] is not None and rating["samplePeriod"] <= 0:
                reader.problem(f"{where}.samplePeriod", "not a positive number of seconds")
            if rating["sampleSize"] is not None and rating["sampleSize"] < 1:
                reader.problem(f"{where}.sampleSize", "not a positive integer")


def _check_deployments(reader: Reader, doc: dict[str, list[Entry]], catalog: _Catalog) -> None:
    """Deployments put known devices at known locations, and no device in two places at once."""
    locations = set(catalog.locations) | {ROOT} | {v["code"] for _, v in doc["locations"]}
    devices = set(catalog.devices) | {v["code"] for _, v in doc["devices"]}
    codes = {row["id"]: code for code, row in catalog.devices.items()}
    spans: dict[tuple[str, int], tuple[int | None, str | None]] = {
        (codes[device_id], begin): (row["end"], None)
        for (device_id, begin), row in catalog.deployments.items()
    }
    listed: dict[tuple[str, int], str] = {}
    for path, v in doc["deployments"]:
        if v["device"] is not None and v["device"] not in devices:
            reader.problem(f"{path}.device", f"unknown device {v['device']!r}")
        if v["location"] is not None and v["location"] not in locations:
            reader.problem(f"{path}.location", f"unknown location {v['location']!r}")
        if None in (v["device"], v["begin"]):
            continue
        if v["end"] is not None and v["end"] <= v["begin"]:
            reader.problem(f"{path}.end", "not after begin")
            continue
        key = (v["device"], v["begin"])
        if key in listed:
            reader.problem(f"{path}.begin", f"{v['device']} from {format_ms(v['begin'])} is listed twice")
            continue
        listed[key] = path
        spans[key] = (v["end"], path)
    by_device: dict[str, list[tuple[int, int | None, str | None]]] = {}
    for (device, begin), (end, where) in sorted(spans.items()):
        by_device.setdefault(device, []).append((begin, end, where))
    for device, history in by_device.items():
        for (begin, end, first), (next_begin, _, second) in zip(history, history[1:], strict=False):
            if end is not None and end <= next_begin:
                continue
            overlap = f"{device} would be deployed twice at once: overlaps"
            if second is not None:
                other = first or f"its deployment from {format_ms(begin)} in the catalog"
                reader.problem(second, f"{overlap} {other}")
            elif first is not None:
                reader.problem(first, f"{overlap} its deployment from {format_ms(next_begin)} in the catalog")


def _check_document(document: Mapping[str, Any], catalog: _Catalog) -> dict[str, list[Entry]]:
    """The document's entries, checked against each other and the catalog; CatalogError naming every problem."""
    reader = Reader()
    doc = reader.sections(document)
    _check_locations(reader, doc["locations"], catalog)
    _unique(reader, doc["deviceCategories"], "code", "device category")
    _unique(reader, doc["properties"], "code", "property")
    _check_devices(reader, doc, catalog)
    _check_deployments(reader, doc, catalog)
    if reader.problems:
        raise CatalogError(reader.problems)
    return doc


# -- writing ----------------------------------------------------------------------------------------------------


def _upsert(
    conn: Connection,
    table: Table,
    key: dict[str, Any],
    values: dict[str, Any],
    row: Mapping[str, Any] | None,
    section: str,
    report: LoadReport,
) -> int:
    """Insert the row ``key`` + ``values``, or update the existing ``row`` where it differs; returns its id."""
    if row is None:
        report.added[section] += 1
        return int(conn.execute(insert(table).values(**key, **values).returning(table.c.id)).scalar_one())
    if any(row[name] != value for name, value in values.items()):
        conn.execute(update(table).where(table.c.id == row["id"]).values(**values))
        report.changed[section] += 1
    return int(row["id"])


def _positions(listed: list[str], current: Mapping[str, int]) -> dict[str, int]:
    """Places of the ``listed`` siblings among the ``current`` ones (code: position): the listed order when the
    list names every current sibling; otherwise current ones keep their place and new ones follow, as listed."""
    if set(current) <= set(listed):
        return {code: i for i, code in enumerate(listed)}
    last = max(current.values())
    out = {}
    for code in listed:
        if code not in current:
            last += 1
        out[code] = current.get(code, last)
    return out


def _write_locations(
    conn: Connection, entries: list[Entry], catalog: _Catalog, report: LoadReport
) -> dict[str, int]:
    """Upsert the locations, parents first; returns every location's id by code."""
    if ROOT not in catalog.locations and all(v["code"] != ROOT for _, v in entries):
        root = {f.key: f.default for f in LOCATION} | {"code": ROOT, "name": ROOT_NAME}
        entries = [("", root), *entries]
    parents = {code: row["parent"] for code, row in catalog.locations.items()}
    parents.update({v["code"]: v["parent"] for _, v in entries})

    def level(code: str) -> int:
        parent = parents.get(code)
        return 0 if parent is None else level(parent) + 1

    listed: dict[str | None, list[str]] = {}
    for _, v in entries:
        listed.setdefault(v["parent"], []).append(v["code"])
    positions: dict[str, int] = {}
    for parent, codes in listed.items():
        current = {
            code: row["position"] for code, row in catalog.locations.items() if row["parent"] == parent
        }
        positions.update(_positions(codes, current))
    ids = {code: int(row["id"]) for code, row in catalog.locations.items()}
    for _, v in sorted(entries, key=lambda e: level(e[1]["code"])):
        values = {
            **columns(LOCATION, v),
            "parent_id": None if v["parent"] is None else ids[v["parent"]],
            "position": positions[v["code"]],
        }
        row = catalog.locations.get(v["code"])
        ids[v["code"]] = _upsert(conn, s.locations, {}, values, row, "locations", report)
    return ids


def _write_devices(
    conn: Connection, doc: dict[str, list[Entry]], catalog: _Catalog, report: LoadReport
) -> dict[str, int]:
    """Upsert the devices (new ones get the listed id or the next free one), their sensors and data ratings."""
    category_ids = {
        code: ident
        for code, ident in conn.execute(select(s.device_categories.c.code, s.device_categories.c.id))
    }
    property_ids = {
        code: ident for code, ident in conn.execute(select(s.properties.c.code, s.properties.c.id))
    }
    ids = {code: int(row["id"]) for code, row in catalog.devices.items()}
    taken = set(ids.values()) | {v["id"] for _, v in doc["devices"] if v["id"] is not None}
    next_id = max(taken, default=0) + 1
    for _, v in doc["devices"]:
        row = catalog.devices.get(v["code"])
        key = {}
        if row is None:
            key["id"] = v["id"] if v["id"] is not None else next_id
            next_id += v["id"] is None
        values = {**columns(DEVICE, v), "category_id": category_ids[v["category"]]}
        device_id = ids[v["code"]] = _upsert(conn, s.devices, key, values, row, "devices", report)
        current = {code: r["position"] for (owner, code), r in catalog.sensors.items() if owner == device_id}
        positions = _positions([sensor["code"] for _, sensor in v["sensors"]], current)
        for _, sensor in v["sensors"]:
            values = {
                **columns(SENSOR, sensor),
                "property_id": property_ids[sensor["property"]],
                "position": positions[sensor["code"]],
            }
            values.pop("code")
            row = catalog.sensors.get((device_id, sensor["code"]))
            key = {"device_id": device_id, "code": sensor["code"]}
            _upsert(conn, s.sensors, key, values, row, "sensors", report)
        for _, rating in v["dataRatings"]:
            values = columns(RATING, rating)
            key = {"device_id": device_id, "date_from": values.pop("date_from")}
            row = catalog.ratings.get((device_id, key["date_from"]))
            _upsert(conn, s.data_ratings, key, values, row, "dataRatings", report)
    if conn.dialect.name == "postgresql" and report.added["devices"]:
        # New devices were given their ids; move the serial past them so later inserts get fresh ones.
        conn.execute(
            text("SELECT setval(pg_get_serial_sequence('devices', 'id'), (SELECT max(id) FROM devices))")
        )
    return ids


def load_catalog(conn: Connection, document: Mapping[str, Any]) -> LoadReport:
    """Check ``document`` whole, then upsert it into the catalog and refresh the data product types.

    Raises CatalogError, writing nothing, when anything is wrong. Run it in one transaction (``engine.begin()``)
    so that the catalog changes all at once.
    """
    catalog = _Catalog.read(conn)
    doc = _check_document(document, catalog)
    report = LoadReport()
    location_ids = _write_locations(conn, doc["locations"], catalog, report)
    for section, table, current in (
        ("deviceCategories", s.device_categories, catalog.categories),
        ("properties", s.properties, catalog.properties),
    ):
        for _, v in doc[section]:
            values = columns(FIELDS[section], v)
            _upsert(conn, table, {}, values, current.get(v["code"]), section, report)
    device_ids = _write_devices(conn, doc, catalog, report)
    for _, v in doc["deployments"]:
        values = {**columns(DEPLOYMENT, v), "location_id": location_ids[v["location"]]}
        key = {"device_id": device_ids[v["device"]], "begin": values.pop("begin")}
        row = catalog.deployments.get((key["device_id"], key["begin"]))
        _upsert(conn, s.deployments, key, values, row, "deployments", report)
    refresh_product_types(conn)
    return report


# -- dumping ----------------------------------------------------------------------------------------------------


def dump_catalog(conn: Connection) -> dict[str, Any]:
    """The whole catalog as a document: loading it into the same catalog changes nothing."""
    catalog = _Catalog.read(conn)
    children: dict[str | None, list[dict[str, Any]]] = {}
    for row in sorted(catalog.locations.values(), key=lambda r: (r["position"], r["id"])):
        children.setdefault(row["parent"], []).append(row)
    locations: list[dict[str, Any]] = []

    def walk(parent: str | None) -> None:
        for row in children.get(parent, []):
            locations.append(export(LOCATION, row, parent=row["parent"]))
            walk(row["code"])

    walk(None)
    categories = {row["id"]: code for code, row in catalog.categories.items()}
    properties = {row["id"]: code for code, row in catalog.properties.items()}
    devices = sorted(catalog.devices.values(), key=lambda r: r["id"])
    sensors: dict[int, list[dict[str, Any]]] = {}
    for row in sorted(catalog.sensors.values(), key=lambda r: (r["position"], r["id"])):
        sensors.setdefault(row["device_id"], []).append(
            export(SENSOR, row, property=properties[row["property_id"]])
        )
    ratings: dict[int, list[dict[str, Any]]] = {}
    for row in sorted(catalog.ratings.values(), key=lambda r: r["date_from"]):
        ratings.setdefault(row["device_id"], []).append(export(RATING, row))
    codes = {row["id"]: row["code"] for row in devices}
    locations_by_id = {row["id"]: code for code, row in catalog.locations.items()}
    return {
        "locations": locations,
        "deviceCategories": [export(CATEGORY, catalog.categories[c]) for c in sorted(catalog.categories)],
        "properties": [export(PROPERTY, catalog.properties[c]) for c in sorted(catalog.properties)],
        "devices": [
            export(
                DEVICE,
                row,
                category=categories[row["category_id"]],
                sensors=sensors.get(row["id"]),
                dataRatings=ratings.get(row["id"]),
            )
            for row in devices
        ],
        "deployments": [
            export(
                DEPLOYMENT, row, device=codes[row["device_id"]], location=locations_by_id[row["location_id"]]
            )
            for row in sorted(catalog.deployments.values(), key=lambda r: (codes[r["device_id"]], r["begin"]))
        ],
    }
