"""An operator describes their own observatory in a catalog document: ``pelagos catalog load`` upserts it whole or
refuses it whole naming the entry, ``pelagos catalog dump`` writes it back, and a server over the folder serves
it to the official onc client, takes its samples and makes its data products."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import insert, select
from sqlalchemy.engine import Engine

from pelagos.catalog import schema as s
from pelagos.catalog.document import CatalogError, read_document
from pelagos.catalog.load import dump_catalog, load_catalog
from pelagos.catalog.tokens import create_token
from pelagos.db import create_schema, make_engine
from pelagos.ingest.demo.catalog import load_network
from tests.conftest import RunningServer, fresh_pg_database, start_server, stop_server

OPERATOR = "kelp-operator-0123456789"
DEVICE = "KBSONDE01"

#: A made-up observatory: one bay, one mooring, one water quality sonde with two sensors.
CATALOG = """
[[locations]]
code = "KB"
name = "Kelp Bay"
description = "A sheltered bay with a kelp forest."
lat = 44.5
lon = -63.9
depth = 0.0

[[locations]]
code = "KB.M1"
name = "Kelp Bay Mooring 1"
parent = "KB"
lat = 44.51
lon = -63.91
depth = 18.0

[[deviceCategories]]
code = "WQSONDE"
name = "Water Quality Sonde"
description = "Multiparameter water quality sonde"

[[properties]]
code = "seawatertemperature"
name = "Sea Water Temperature"
description = "Sea Water Temperature: degrees Celsius"
unit = "C"

[[properties]]
code = "oxygen"
name = "Oxygen"
unit = "ml/l"

[[devices]]
code = "KBSONDE01"
name = "Kelp Bay Sonde 01"
category = "WQSONDE"
rawFormat = "sonde-csv"

[[devices.sensors]]
code = "Temperature"
name = "Water Temperature"
sensorCategoryCode = "temperature"
property = "seawatertemperature"
resolution = 0.001
qc = { gross_range = [-2.5, 35.0], spike = 0.5 }

[[devices.sensors]]
code = "Oxygen"
name = "Dissolved Oxygen"
sensorCategoryCode = "oxygen"
property = "oxygen"

[[devices.dataRatings]]
dateFrom = 2024-05-01T12:00:00Z
samplePeriod = 60.0

[[deployments]]
device = "KBSONDE01"
location = "KB.M1"
begin = 2024-05-01T12:00:00Z
depth = 17.5
lat = 44.5101
lon = -63.9102
doi = "10.0000/kelp-bay-1"
citation = "Kelp Bay Observatory. 2024. Kelp Bay Mooring 1 Water Quality Sonde Deployed 2024-05-01."
"""

#: Ten minutes of readings, one a minute, on the first day of the deployment.
TIMES = [f"2024-05-02T00:{m:02d}:00.000Z" for m in range(10)]
TEMPERATURES = [8.0 + 0.1 * i for i in range(10)]
OXYGEN = [6.5 - 0.05 * i for i in range(10)]
CATALOG_TABLES = (
    s.locations,
    s.device_categories,
    s.properties,
    s.devices,
    s.sensors,
    s.data_ratings,
    s.deployments,
    s.product_types,
)


def pelagos(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pelagos.cli", *args], capture_output=True, text=True, timeout=120
    )


def snapshot(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the catalog tables."""
    with engine.connect() as conn:
        return {t.name: [tuple(r) for r in conn.execute(select(t).order_by(t.c.id))] for t in CATALOG_TABLES}


def document() -> dict[str, Any]:
    return tomllib.loads(CATALOG)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    eng = make_engine(f"sqlite:///{tmp_path / 'pelagos.db'}")
    create_schema(eng)
    yield eng
    eng.dispose()


def load(engine: Engine, doc: dict[str, Any]) -> str:
    with engine.begin() as conn:
        return str(load_catalog(conn, doc))


def dump(engine: Engine) -> dict[str, Any]:
    with engine.connect() as conn:
        return dump_catalog(conn)


# -- a server over an operator's own catalog ------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """A fresh folder (no demo) loaded with the made-up catalog by the command, served, fed ten minutes of data."""
    root = tmp_path_factory.mktemp("kelp")
    data_dir = root / "data"
    path = root / "kelp.toml"
    path.write_text(CATALOG)
    loaded = pelagos("catalog", "load", str(path), "--data-dir", str(data_dir))
    assert loaded.returncode == 0, loaded.stderr
    assert "locations: 3 added" in loaded.stdout and "devices: 1 added" in loaded.stdout  # with the root ONC
    engine = make_engine(f"sqlite:///{data_dir / 'pelagos.db'}")
    with engine.begin() as conn:
        create_token(conn, "kelp-ops", OPERATOR, operator=True)
    engine.dispose()
    server = start_server(data_dir, demo=False, token=OPERATOR)
    body = {
        "deviceCode": DEVICE,
        "sampleTimes": TIMES,
        "sensors": {"Temperature": TEMPERATURES, "Oxygen": OXYGEN},
    }
    answer = httpx.post(f"{server.url}api/ingest/samples", params={"token": OPERATOR}, json=body, timeout=60)
    assert answer.status_code == 200, answer.text
    assert answer.json()["samplesWritten"] == 20
    deadline = time.monotonic() + 30
    while not server.get("api/devices", deviceCode=DEVICE).json()[0]["hasDeviceData"]:  # the catalog cache
        assert time.monotonic() < deadline
        time.sleep(0.2)
    yield server
    stop_server(server)


@pytest.fixture
def onc(served: RunningServer, tmp_path: Path):  # type: ignore[no-untyped-def]
    from onc import ONC

    client = ONC(served.token, outPath=tmp_path / "output", showWarning=False)
    client.baseUrl = served.url
    return client


def test_discovery_shows_the_operators_catalog(onc) -> None:
    [mooring] = onc.getLocations({"locationCode": "KB.M1"})
    assert (mooring["locationName"], mooring["lat"], mooring["lon"], mooring["depth"]) == (
        "Kelp Bay Mooring 1",
        44.51,
        -63.91,
        18.0,
    )
    [root] = onc.getLocationsTree({"locationCode": "ONC"})
    assert (root["locationCode"], root["locationName"]) == ("ONC", "Observatory")  # created by the load
    assert onc.getLocationHierarchy({"locationCode": "ONC"}) == [root]  # what the MATLAB client asks for
    [bay] = root["children"]
    assert (bay["locationCode"], [c["locationCode"] for c in bay["children"]]) == ("KB", ["KB.M1"])
    [device] = onc.getDevices({"deviceCode": DEVICE})
    assert (device["deviceName"], device["deviceCategoryCode"]) == ("Kelp Bay Sonde 01", "WQSONDE")
    assert device["dataRating"] == [
        {"dateFrom": "2024-05-01T12:00:00.000Z", "dateTo": None, "samplePeriod": 60.0, "sampleSize": 1}
    ]
    [deployment] = onc.getDeployments({"locationCode": "KB.M1"})
    assert (deployment["deviceCode"], deployment["begin"], deployment["end"]) == (
        DEVICE,
        "2024-05-01T12:00:00.000Z",
        None,
    )
    assert (deployment["depth"], deployment["citation"]["doi"]) == (17.5, "10.0000/kelp-bay-1")
    properties = onc.getProperties({"deviceCode": DEVICE})
    assert [(p["propertyCode"], p["uom"]) for p in properties] == [
        ("oxygen", "ml/l"),
        ("seawatertemperature", "C"),
    ]
    products = {(p["dataProductCode"], p["extension"]) for p in onc.getDataProducts({"deviceCode": DEVICE})}
    assert {("TSSD", "csv"), ("TSSP", "png"), ("MSQAQCR", "qaqc"), ("LF", "txt")} <= products
    assert not {code for code, _ in products} & {"AD", "HSD", "SBCTDRF", "VID", "IBPP"}


def test_ingested_samples_read_back_with_their_flags(onc) -> None:
    answer = onc.getScalardata(
        {"deviceCode": DEVICE, "dateFrom": "2024-05-02T00:00:00.000Z", "dateTo": "2024-05-02T01:00:00.000Z"}
    )
    sensors = {x["sensorCode"]: x for x in answer["sensorData"]}
    assert set(sensors) == {"Temperature", "Oxygen"}
    temperature = sensors["Temperature"]
    assert (temperature["unitOfMeasure"], temperature["data"]["sampleTimes"]) == ("C", TIMES)
    assert temperature["data"]["values"] == pytest.approx(TEMPERATURES)
    assert set(temperature["data"]["qaqcFlags"]) == {1}  # QARTOD limits given: the readings pass
    assert set(sensors["Oxygen"]["data"]["qaqcFlags"]) == {0}  # no limits: no quality control


def test_a_tssd_csv_is_made_for_the_new_device(onc, tmp_path: Path) -> None:
    result = onc.orderDataProduct(
        {
            "deviceCode": DEVICE,
            "dataProductCode": "TSSD",
            "extension": "csv",
            "dateFrom": "2024-05-02T00:00:00.000Z",
            "dateTo": "2024-05-02T01:00:00.000Z",
            "dpo_qualityControl": 0,
            "dpo_resample": "none",
        },
        includeMetadataFile=False,
    )
    [row] = result["downloadResults"]
    assert row["status"] == "complete" and row["file"].endswith(".csv")
    text = (tmp_path / "output" / row["file"]).read_text()
    assert "Water Temperature" in text and "Dissolved Oxygen" in text
    data = [line for line in text.splitlines() if line.startswith("2024-05-02T00:")]
    assert len(data) == 10 and data[0].split(",")[1].strip() == "8.0"


# -- refusals -------------------------------------------------------------------------------------------------


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """An edit of the document setting the key at ``path`` (``devices.0.sensors.0.property``); None removes it."""

    def edit(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = doc
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        if value is None:
            del node[last]
        else:
            node[last] = value

    return edit


def _overlapping(doc: dict[str, Any]) -> None:
    doc["deployments"].append(
        {**doc["deployments"][0], "begin": "2024-06-01T00:00:00Z", "end": "2024-07-01T00:00:00Z"}
    )


BAD = {
    "unknown parent": (_set("locations.1.parent", "KX"), "locations[1].parent: unknown parent location 'KX'"),
    "unknown category": (
        _set("devices.0.category", "SONDE"),
        "devices[0].category: unknown device category 'SONDE'",
    ),
    "unknown property": (
        _set("devices.0.sensors.0.property", "tempx"),
        "devices[0].sensors[0].property: unknown property 'tempx'",
    ),
    "unknown device": (
        _set("deployments.0.device", "KBSONDE02"),
        "deployments[0].device: unknown device 'KBSONDE02'",
    ),
    "unknown location": (
        _set("deployments.0.location", "KB.M2"),
        "deployments[0].location: unknown location 'KB.M2'",
    ),
    "bad date": (
        _set("deployments.0.begin", "2024-13-01"),
        "deployments[0].begin: not a date: '2024-13-01' (ISO 8601, UTC unless an offset is given)",
    ),
    "end before begin": (
        _set("deployments.0.end", "2024-04-01T00:00:00Z"),
        "deployments[0].end: not after begin",
    ),
    "overlapping deployments": (
        _overlapping,
        "deployments[1]: KBSONDE01 would be deployed twice at once: overlaps deployments[0]",
    ),
    "missing required field": (_set("devices.0.name", None), "devices[0].name: missing (required)"),
    "unknown key": (_set("locations.0.colour", "green"), "locations[0].colour: unknown key"),
    "unknown QARTOD limit": (
        _set("devices.0.sensors.0.qc.spikes", 1.0),
        "devices[0].sensors[0].qc.spikes: unknown key (QARTOD limits are gross_range, spike, rate_of_change,"
        " flat_line)",
    ),
    "not a number": (_set("locations.1.depth", "deep"), "locations[1].depth: not a number: 'deep'"),
    "duplicate code": (
        lambda doc: doc["properties"].append(dict(doc["properties"][0])),
        "properties[2].code: property 'seawatertemperature' is listed twice (also properties[0])",
    ),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_document_is_refused_whole_naming_the_entry(engine: Engine, case: str) -> None:
    edit, problem = BAD[case]
    doc = document()
    edit(doc)
    before = snapshot(engine)
    with pytest.raises(CatalogError) as refused:
        load(engine, doc)
    assert refused.value.problems == [problem]
    assert snapshot(engine) == before


def test_every_problem_is_named_at_once(engine: Engine) -> None:
    doc = document()
    cases = ("bad date", "unknown parent", "unknown property")  # values first, then references
    for case in cases:
        BAD[case][0](doc)
    with pytest.raises(CatalogError) as refused:
        load(engine, doc)
    assert refused.value.problems == [BAD[case][1] for case in cases]


def test_a_cycle_of_parents_is_refused_at_each_location_in_it(engine: Engine) -> None:
    doc = document()
    doc["locations"][0]["parent"] = "KB.M1"
    with pytest.raises(CatalogError) as refused:
        load(engine, doc)
    assert refused.value.problems == [
        "locations[0].parent: 'KB.M1' makes a cycle: it lies below 'KB'",
        "locations[1].parent: 'KB' makes a cycle: it lies below 'KB.M1'",
    ]


def test_an_overlap_with_a_deployment_already_in_the_catalog_is_refused(engine: Engine) -> None:
    load(engine, document())
    later = document()
    later["deployments"][0]["begin"] = "2024-05-03T00:00:00Z"
    with pytest.raises(CatalogError) as refused:
        load(engine, later)
    assert refused.value.problems == [
        "deployments[0]: KBSONDE01 would be deployed twice at once: overlaps its deployment from"
        " 2024-05-01T12:00:00.000Z in the catalog"
    ]


def test_the_command_refuses_a_bad_file_with_status_1_and_writes_nothing(tmp_path: Path) -> None:
    doc = document()
    BAD["unknown property"][0](doc)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc, default=str))
    refused = pelagos("catalog", "load", str(path), "--data-dir", str(tmp_path / "data"))
    assert refused.returncode == 1
    assert "refused, nothing written" in refused.stderr and BAD["unknown property"][1] in refused.stderr
    engine = make_engine(f"sqlite:///{tmp_path / 'data' / 'pelagos.db'}")
    assert all(not rows for rows in snapshot(engine).values())
    engine.dispose()


# -- loading again, editing, dumping --------------------------------------------------------------------------


def test_loading_twice_changes_nothing_and_an_edit_updates(engine: Engine) -> None:
    assert load(engine, document()).startswith("locations: 3 added, 0 changed")
    once = snapshot(engine)
    assert load(engine, document()) == "nothing changed"
    assert snapshot(engine) == once
    edited = document()
    edited["locations"][1]["name"] = "Kelp Bay Mooring One"
    edited["devices"][0]["sensors"][1]["qc"] = {"gross_range": [0.0, 12.0]}
    edited["deployments"][0]["end"] = "2024-09-01T00:00:00Z"
    edited["deployments"].append({"device": DEVICE, "location": "KB", "begin": "2024-09-01T00:00:00Z"})
    assert load(engine, edited) == (
        "locations: 0 added, 1 changed; sensors: 0 added, 1 changed; deployments: 1 added, 1 changed"
    )
    after = dump(engine)
    assert [x["name"] for x in after["locations"]] == ["Observatory", "Kelp Bay", "Kelp Bay Mooring One"]
    assert after["devices"][0]["sensors"][1]["qc"] == {"gross_range": [0.0, 12.0]}
    assert [(d["location"], d["begin"], d.get("end")) for d in after["deployments"]] == [
        ("KB.M1", "2024-05-01T12:00:00.000Z", "2024-09-01T00:00:00.000Z"),
        ("KB", "2024-09-01T00:00:00.000Z", None),
    ]
    assert load(engine, edited) == "nothing changed"


def test_product_types_follow_the_catalog(engine: Engine) -> None:
    load(engine, document())

    def products() -> dict[tuple[str, str], list[str]]:
        with engine.connect() as conn:
            rows = conn.execute(
                select(s.product_types.c.code, s.product_types.c.extension, s.product_types.c.categories)
            )
            return {(code, extension): categories for code, extension, categories in rows}

    offered = products()
    assert offered[("TSSD", "csv")] == offered[("MSQAQCR", "qaqc")] == offered[("LF", "txt")] == ["WQSONDE"]
    assert not {code for code, _ in offered} & {"AD", "HSD", "SHV", "IMG", "VID", "IBPP", "RDF", "SBCTDRF"}
    more = document()
    more["deviceCategories"] += [
        {"code": "HYDROPHONE", "name": "Hydrophone"},
        {"code": "TEMPSTRING", "name": "Thermistor String"},
    ]
    more["devices"] += [
        {"code": "KBHYD01", "name": "Kelp Bay Hydrophone 01", "category": "HYDROPHONE", "rawFormat": "wav"},
        {
            "code": "KBTS01",
            "name": "Kelp Bay Thermistor String 01",
            "category": "TEMPSTRING",
            "sensors": [
                {"code": "T1", "name": "T1", "sensorCategoryCode": "t1", "property": "seawatertemperature"}
            ],
        },
    ]
    load(engine, more)
    offered = products()
    assert offered[("TSSD", "csv")] == offered[("TSSP", "png")] == ["TEMPSTRING", "WQSONDE"]
    assert offered[("LF", "txt")] == [
        "WQSONDE"
    ]  # the thermistor string has no raw format, the hydrophone no sensors
    assert offered[("AD", "wav")] == offered[("HSD", "png")] == ["HYDROPHONE"]


def test_dump_then_load_is_a_no_op_and_rebuilds_the_catalog(engine: Engine, tmp_path: Path) -> None:
    load(engine, document())
    before = snapshot(engine)
    dumped = dump(engine)
    assert load(engine, json.loads(json.dumps(dumped))) == "nothing changed"
    assert snapshot(engine) == before
    fresh = make_engine(f"sqlite:///{tmp_path / 'fresh.db'}")
    create_schema(fresh)
    load(fresh, dumped)
    assert dump(fresh) == dumped
    fresh.dispose()


def test_the_demo_catalog_dumps_and_loads_back_unchanged(engine: Engine) -> None:
    with engine.begin() as conn:
        load_network(conn)
    before = snapshot(engine)
    dumped = dump(engine)
    assert len(dumped["devices"]) > 100 and dumped["locations"][0]["code"] == "ONC"
    assert load(engine, copy.deepcopy(dumped)) == "nothing changed"
    assert snapshot(engine) == before


def test_the_commands_dump_json_that_loads_back(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    source = tmp_path / "kelp.toml"
    source.write_text(CATALOG)
    assert pelagos("catalog", "load", str(source), "--data-dir", str(data_dir)).returncode == 0
    dumped = pelagos("catalog", "dump", "--data-dir", str(data_dir))
    assert dumped.returncode == 0
    assert json.loads(dumped.stdout)["devices"][0]["code"] == DEVICE
    path = tmp_path / "dump.json"
    path.write_text(dumped.stdout)
    again = pelagos("catalog", "load", str(path), "--data-dir", str(data_dir))
    assert (again.returncode, again.stdout.strip().endswith("nothing changed")) == (0, True)


@pytest.mark.postgres
def test_loading_on_postgresql_next_to_the_demo() -> None:
    with fresh_pg_database() as url:
        eng = make_engine(url)
        try:
            create_schema(eng)
            with eng.begin() as conn:
                load_network(conn)
            demo_ids = {d["id"] for d in dump(eng)["devices"]}
            assert load(eng, document()).endswith("deployments: 1 added, 0 changed")
            [kelp] = [d for d in dump(eng)["devices"] if d["code"] == DEVICE]
            assert kelp["id"] == max(demo_ids) + 1
            with eng.begin() as conn:  # the serial was moved past the ids the load gave
                category = conn.execute(select(s.device_categories.c.id)).scalars().first()
                new_id = conn.execute(
                    insert(s.devices)
                    .values(code="NEW", name="New", category_id=category)
                    .returning(s.devices.c.id)
                ).scalar_one()
            assert new_id > kelp["id"]
            before = snapshot(eng)
            assert load(eng, dump(eng)) == "nothing changed"
            assert snapshot(eng) == before
        finally:
            eng.dispose()


def test_siblings_keep_their_place_unless_the_document_lists_them_all(engine: Engine) -> None:
    load(engine, document())
    mooring = {"code": "KB.M2", "name": "Kelp Bay Mooring 2", "parent": "KB"}
    load(engine, {"locations": [mooring]})  # KB.M1, not listed, keeps its place; the new one follows
    assert [x["code"] for x in dump(engine)["locations"]] == ["ONC", "KB", "KB.M1", "KB.M2"]
    first = document()["locations"][1]
    assert load(engine, {"locations": [mooring, first]}) == "locations: 0 added, 2 changed"
    assert [x["code"] for x in dump(engine)["locations"]] == ["ONC", "KB", "KB.M2", "KB.M1"]


def test_a_file_that_is_not_a_document_is_refused(tmp_path: Path) -> None:
    cases = {
        "catalog.yaml": ("", "a catalog document is a .toml or a .json file"),
        "broken.toml": ("code = ", "not valid TOML: Invalid value (at end of document)"),
        "broken.json": ('{"locations": [', "not valid JSON: Expecting value: line 1 column 16 (char 15)"),
        "list.json": ("[]", "not a table of sections"),
    }
    for name, (content, problem) in cases.items():
        path = tmp_path / name
        path.write_text(content)
        with pytest.raises(CatalogError) as refused:
            read_document(path)
        assert refused.value.problems == [problem]


def test_the_documented_example_loads(engine: Engine) -> None:
    text = (Path(__file__).parent.parent / "docs" / "catalog.md").read_text()
    example = text.split("```toml\n", 1)[1].split("```", 1)[0]
    assert load(engine, tomllib.loads(example)) == (
        "locations: 3 added, 0 changed; deviceCategories: 2 added, 0 changed; properties: 5 added, 0 changed;"
        " devices: 2 added, 0 changed; sensors: 6 added, 0 changed; dataRatings: 2 added, 0 changed;"
        " deployments: 3 added, 0 changed"
    )
    with engine.connect() as conn:
        rows = conn.execute(select(s.product_types.c.code, s.product_types.c.categories)).all()
    offered = {code: categories for code, categories in rows}
    assert offered == {
        "TSSD": ["CTD", "WQSONDE"],
        "TSSP": ["CTD", "WQSONDE"],
        "MSQAQCR": ["CTD", "WQSONDE"],
        "LF": ["CTD"],
        "SBCTDRF": ["CTD"],
    }
