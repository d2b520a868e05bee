"""The demo observatory's catalog: every code the official clients use exists, the network is consistent, the
doctest records come out exactly, and the data windows sit where the contract reads them."""

from __future__ import annotations

import os
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Table, create_engine, func, insert, select, text
from sqlalchemy.engine import Connection, Engine

from pelagos.api.errors import NotFound
from pelagos.api.params import Window
from pelagos.catalog import discovery
from pelagos.catalog import schema as s
from pelagos.catalog.spans import record_span
from pelagos.catalog.view import CatalogView
from pelagos.db import create_schema, make_engine
from pelagos.ingest.demo import network as n
from pelagos.ingest.demo.catalog import DEMO_WINDOWS, load_network
from pelagos.ingest.demo.network import ms

LOCATIONS = {loc.code: loc for loc in n.LOCATIONS}
DEVICES = {d.code: d for d in n.DEVICES}
CATEGORIES = {c.code: c for c in n.DEVICE_CATEGORIES}
PROPERTIES = {p.code: p for p in n.PROPERTIES}
PRODUCTS = {(p.code, p.extension): p for p in n.PRODUCT_TYPES}
QA = "https://qa.oceannetworks.ca/"


def deployments_of(
    location: str | None = None, device: str | None = None, window: tuple[int, int] | None = None
) -> list[n.DeploymentSpec]:
    """Deployments at ``location`` / of ``device`` overlapping ``[window)``."""
    out = []
    for dep in n.DEPLOYMENTS:
        if location and dep.location != location or device and dep.device != device:
            continue
        if window and (dep.begin >= window[1] or (dep.end is not None and dep.end <= window[0])):
            continue
        out.append(dep)
    return out


# -- codes and structure --------------------------------------------------------------------------------------


def test_every_code_the_clients_use_exists() -> None:
    for code in [
        "FGPD",
        "ARCT",
        "BACAX",
        "BACCC",
        "BACCC.A1",
        "BACCC.A2",
        "SAAN",
        "NCBC",
        "CRIP.C1",
        "NC89",
        "SEVIP",
        "NEP",
        "MOBP",
        "BIIP",
        "BISS",
        "RISS",
        "ONC",
    ]:
        assert code in LOCATIONS
    for code in ["CTD", "BPR", "VIDEOCAM", "HYDROPHONE", "ADCP2MHZ", "ADCP150KHZ", "ADCP55KHZ", "ADCP75KHZ"]:
        assert code in CATEGORIES
    for code in [
        "BPR-Folger-59",
        "SBECTD16p6002",
        "BPR_889",
        "RBRQUARTZ3BPR203659",
        "BPR_BC",
        "NORTEKAQDPRO8398",
        "RDIADCP600WH25471",
        "AMLMETRECX50348",
        "SBECTD19p4686",
        "ICLISTENHF1560",
        "AXISQ6044PTZACCC8E334C53",
        "NAXYS_HYD_007",
    ]:
        assert code in DEVICES
        assert deployments_of(device=code), code
    for code in ["seawatertemperature", "totalpressure", "conductivity", "pressure", "oxygen", "salinity"]:
        assert code in PROPERTIES
    for code in ["TSSP", "TSSD", "HSD", "SHV", "IBPP", "LF"]:
        assert any(p.code == code for p in n.PRODUCT_TYPES)
    extensions = {p.extension for p in n.PRODUCT_TYPES}
    assert {"png", "csv", "txt", "pdf", "mat", "raw", "rdi", "wav", "mp3", "mp4", "flac", "jpg"} <= extensions


def test_codes_are_unique() -> None:
    for codes in (
        [x.code for x in n.LOCATIONS],
        [x.code for x in n.DEVICES],
        [x.code for x in n.PROPERTIES],
        [x.code for x in n.DEVICE_CATEGORIES],
        [x.id for x in n.DEVICES],
        [(p.code, p.extension) for p in n.PRODUCT_TYPES],
    ):
        assert len(codes) == len(set(codes))
    for dev in n.DEVICES:
        assert len({x.code for x in dev.sensors}) == len(dev.sensors), dev.code


def test_tree_is_rooted_at_onc_and_acyclic() -> None:
    roots = [loc.code for loc in n.LOCATIONS if loc.parent is None]
    assert roots == ["ONC"]
    listed: set[str] = set()
    for loc in n.LOCATIONS:  # parents are listed before their children, so walking up always ends at ONC
        assert loc.parent is None or loc.parent in listed, loc.code
        listed.add(loc.code)
    for loc in n.LOCATIONS:
        seen, node = set(), loc
        while node.parent is not None:
            assert node.code not in seen
            seen.add(node.code)
            node = LOCATIONS[node.parent]
        assert node.code == "ONC"
    assert 40 <= len(n.LOCATIONS) <= 60


def test_locations_the_examples_search_for() -> None:
    children = defaultdict(list)
    for loc in n.LOCATIONS:
        children[loc.parent].append(loc.code)
    assert children["BACCC"] == ["BACCC.A1", "BACCC.A2"]
    assert children["MOBP"]
    assert {loc.code for loc in n.LOCATIONS if "burrard" in loc.name.lower()} >= {"BIIP", "BISS"}
    assert [loc.code for loc in n.LOCATIONS if "bullseye" in loc.name.lower()] == ["NC89"]
    assert any("underwater" in loc.name.lower() for loc in n.LOCATIONS)
    assert LOCATIONS["FGPD"].description.startswith(" Folger Deep is a deep location")
    assert (LOCATIONS["FGPD"].lat, LOCATIONS["FGPD"].lon, LOCATIONS["FGPD"].depth) == (
        48.813795,
        -125.280572,
        96.569761,
    )
    assert (LOCATIONS["NC89"].lat, LOCATIONS["NC89"].lon, LOCATIONS["NC89"].depth) == (
        48.670589,
        -126.848028,
        1256.863158,
    )
    # The ARCT tree filtered to video cameras must keep a path down to a child.
    under_arctic = {c for c in LOCATIONS if _ancestors(c) & {"ARCT"}}
    assert any(DEVICES[d.device].category == "VIDEOCAM" for d in n.DEPLOYMENTS if d.location in under_arctic)
    # SAAN answers 404 for conductivity: nothing is deployed directly there.
    assert not deployments_of(location="SAAN")


def _ancestors(code: str) -> set[str]:
    out, node = set(), LOCATIONS[code]
    while node.parent is not None:
        out.add(node.parent)
        node = LOCATIONS[node.parent]
    return out


def test_category_name_filters_match_sensibly() -> None:
    assert [c.code for c in n.DEVICE_CATEGORIES if "pressure" in c.name.lower()] == ["BPR"]
    acoustic = {c.code for c in n.DEVICE_CATEGORIES if "acoustic" in c.name.lower()}
    doppler = {c.code for c in n.DEVICE_CATEGORIES if "doppler" in c.description.lower()}
    profilers = {c for c in CATEGORIES if c.startswith("ADCP")}
    assert acoustic == profilers and doppler == profilers | {"CURRENTMETER"}
    nc89 = {DEVICES[d.device].category for d in deployments_of(location="NC89")}
    assert len(nc89) == 13 and {"ADCP55KHZ", "ADCP75KHZ", "BPR", "CTD"} <= nc89
    assert any("jasco" in d.name.lower() and d.category == "HYDROPHONE" for d in n.DEVICES)
    assert {DEVICES[d.device].category for d in n.DEPLOYMENTS if "NEP" in _ancestors(d.location)} >= {
        "HYDROPHONE",
        "ADCP150KHZ",
        "BPR",
        "CTD",
    }


# -- deployments ----------------------------------------------------------------------------------------------


def test_deployments_reference_the_catalog_and_never_overlap() -> None:
    by_device = defaultdict(list)
    by_site = defaultdict(list)
    for dep in n.DEPLOYMENTS:
        assert dep.device in DEVICES and dep.location in LOCATIONS
        assert dep.end is None or dep.begin < dep.end
        by_device[dep.device].append(dep)
        by_site[(dep.location, DEVICES[dep.device].category)].append(dep)
    for group in [*by_device.values(), *by_site.values()]:
        group.sort(key=lambda d: d.begin)
        for a, b in zip(group, group[1:], strict=False):
            assert a.end is not None and a.end <= b.begin, (a, b)
    assert set(by_device) == set(DEVICES)  # every device has been deployed


def test_citations_follow_the_onc_format() -> None:
    dois = [d.doi for d in n.DEPLOYMENTS]
    assert len(set(dois)) == len(dois)
    for dep in n.DEPLOYMENTS:
        assert dep.doi.startswith("10.80242/")
        category = CATEGORIES[DEVICES[dep.device].category].name
        assert f". {LOCATIONS[dep.location].name} {category} Deployed " in dep.citation
        assert dep.citation.startswith("Ocean Networks Canada Society. ")
        assert dep.citation.endswith(f"Ocean Networks Canada Society. https://doi.org/{dep.doi}.")


def _bbox(deps: list[n.DeploymentSpec]) -> dict[str, float]:
    return {
        "maxDepth": max(d.depth for d in deps),
        "maxLat": max(d.lat for d in deps),
        "maxLon": max(d.lon for d in deps),
        "minDepth": min(d.depth for d in deps),
        "minLat": min(d.lat for d in deps),
        "minLon": min(d.lon for d in deps),
    }


def test_folger_deep_and_bullseye_histories_give_the_documented_bboxes() -> None:
    fgpd = deployments_of("FGPD", window=(ms("2005-09-17"), ms("2020-09-17T13:00:00.000Z")))
    assert len(fgpd) == 46
    assert _bbox(fgpd) == {
        "maxDepth": 105.0,
        "maxLat": 48.814029,
        "maxLon": -125.274604,
        "minDepth": 94.0,
        "minLat": 48.813667,
        "minLon": -125.28195,
    }
    nc89 = deployments_of("NC89")
    assert len(nc89) == 38
    assert _bbox(nc89) == {
        "maxDepth": 1260.0,
        "maxLat": 48.671024,
        "maxLon": -126.847007,
        "minDepth": 1253.0,
        "minLat": 48.669268,
        "minLon": -126.85184,
    }


def test_documented_deployments() -> None:
    [ctd] = [
        d
        for d in deployments_of("BACAX", window=(ms("2015-09-17"), ms("2015-09-17T13:00:00.000Z")))
        if DEVICES[d.device].category == "CTD"
    ]
    assert (ctd.device, ctd.begin, ctd.end, ctd.depth, ctd.lat, ctd.lon) == (
        "SBECTD16p6002",
        ms("2014-05-09T15:50:42.000Z"),
        ms("2015-09-17T12:59:52.000Z"),
        982.0,
        48.316583,
        -126.050796,
    )
    assert (ctd.heading, ctd.pitch, ctd.roll) == (None, None, None)
    assert ctd.doi == "10.80242/14d156f2-0146-40e5-a77e-f3637fb6b517"
    assert ctd.citation == (
        "Ocean Networks Canada Society. 2015. Barkley Canyon Axis Conductivity Temperature Depth Deployed"
        " 2014-05-09. Ocean Networks Canada Society. https://doi.org/10.80242/14d156f2-0146-40e5-a77e-f3637fb6b517."
    )
    bprs = sorted(
        (d for d in deployments_of("NC89") if DEVICES[d.device].category == "BPR"), key=lambda d: d.begin
    )
    assert [(d.device, d.begin, d.end, d.depth) for d in bprs] == [
        ("BPR_889", ms("2009-09-06T15:05:58.000Z"), ms("2022-08-04T19:16:37.000Z"), 1258.0),
        ("RBRQUARTZ3BPR203659", ms("2022-08-04T23:38:03.000Z"), None, 1257.0),
    ]
    [folger] = deployments_of(device="BPR-Folger-59")
    assert (folger.location, folger.begin, folger.end) == ("NCBC", ms("2007-01-01"), None)


# -- devices, categories, properties, products ----------------------------------------------------------------


def test_documented_devices_and_ratings() -> None:
    bpr = DEVICES["BPR-Folger-59"]
    assert (bpr.id, bpr.name, bpr.category, bpr.cv_uri, bpr.cv_vocabulary) == (
        21503,
        "NRCan Bottom Pressure Recorder 59",
        "BPR",
        "http://vocab.nerc.ac.uk/collection/L22/current/TOOL1652/",
        "SeaVoX Device Catalogue",
    )
    assert [
        (r.date_from, r.date_to, r.sample_period, r.sample_size)
        for r in n.DATA_RATINGS
        if r.device == "BPR-Folger-59"
    ] == [(ms("2007-01-01"), None, 1.0, 1)]
    assert [(x.code, x.name, x.category_code, x.property_code, x.uom) for x in bpr.sensors] == [
        ("Pressure", "Seafloor Pressure", "pressure", "totalpressure", "decibar"),
        ("Temperature", "Housing Temperature", "temperature", "seawatertemperature", "C"),
        ("temperature1", "Temperature", "temperature1", "seawatertemperature", "C"),
        ("temperature2", "P-Sensor Temperature", "temperature2", "seawatertemperature", "C"),
    ]
    nc89 = DEVICES["BPR_889"]
    assert (nc89.id, nc89.name) == (22503, "NRCan Bottom Pressure Recorder 88")
    assert [r.date_from for r in n.DATA_RATINGS if r.device == "BPR_889"] == [ms("2018-04-25T09:21:06.000Z")]
    [residual] = [x for x in nc89.sensors if x.code == "dart_pressure_residual"]
    assert (residual.name, residual.category_code, residual.uom) == (
        "DART Pressure Residual",
        "dart_pressure_residual",
        "decibar",
    )


def test_sensor_kits() -> None:
    nc89_ctds = {d.device for d in deployments_of("NC89") if DEVICES[d.device].category == "CTD"}
    for code in nc89_ctds:
        assert {x.property_code for x in DEVICES[code].sensors} == {
            "conductivity",
            "density",
            "pressure",
            "salinity",
            "seawatertemperature",
            "sigmat",
            "sigmatheta",
            "soundspeed",
        }
    assert len(DEVICES["SBECTD19p4686"].sensors) == 8
    for dev in n.DEVICES:
        for x in dev.sensors:
            assert x.property_code in PROPERTIES and x.uom == PROPERTIES[x.property_code].uom
            lo, hi = x.qc["gross_range"]
            assert lo < hi and x.resolution > 0
            assert set(x.qc) == {"gross_range", "spike", "rate_of_change", "flat_line"}
            if x.derived:
                assert dev.category in ("CTD", "TSG") and x.derived == x.property_code
    pressure = [x for x in DEVICES["SBECTD19p6981"].sensors if x.code == "Pressure"][0]
    assert pressure.qc["gross_range"][0] < 1270.7 < pressure.qc["gross_range"][1]


def test_documented_category_and_property() -> None:
    ctd = CATEGORIES["CTD"]
    assert (ctd.name, ctd.description, ctd.cv_uri, ctd.cv_vocabulary) == (
        "Conductivity Temperature Depth",
        "Conductivity Temperature (and Depth Sensor)",
        "http://vocab.nerc.ac.uk/collection/L05/current/130/",
        "SeaDataNet device categories",
    )
    assert ctd.long_description.startswith(" Conductivity Temperature Depth (CTD) is an instrument package")
    assert ctd.long_description.endswith("such as oxygen sensors, turbidity sensors and fluorometers.")
    cond = PROPERTIES["conductivity"]
    assert (cond.name, cond.description, cond.uom, cond.cv_property, cond.cv_uom) == (
        "Conductivity",
        "Conductivity: siemens per metre",
        "S/m",
        [],
        [
            {
                "uri": "http://vocab.nerc.ac.uk/collection/P06/current/UECA/",
                "vocabulary": "BODC data storage units",
            }
        ],
    )
    assert PROPERTIES["seawatertemperature"].name == "Sea Water Temperature"
    assert {p.code: p.uom for p in n.PROPERTIES if p.code in ("pressure", "salinity", "density")} == {
        "pressure": "decibar",
        "salinity": "psu",
        "density": "kg/m3",
    }


def test_product_options_have_the_api_shape() -> None:
    keys = {"allowableRange", "allowableValues", "defaultValue", "documentation", "option", "suboptions"}
    for product in n.PRODUCT_TYPES:
        assert product.help_document.startswith("https://wiki.oceannetworks.ca/display/DP/")
        assert product.source in ("scalar", "raw", "archive", "audio")
        assert product.categories and set(product.categories) <= set(CATEGORIES)
        for option in product.options:
            assert set(option) == keys and option["option"].startswith("dpo_")
            assert option["defaultValue"] in option["allowableValues"] or option["allowableRange"]
            for sub in option["suboptions"] or []:
                assert set(sub) == keys
    counts = {key: len(p.options) for key, p in PRODUCTS.items()}
    assert (counts["TSSD", "csv"], counts["TSSD", "mat"], counts["TSSD", "txt"], counts["TSSD", "json"]) == (
        5,
        5,
        5,
        8,
    )
    assert (counts["TSSP", "png"], counts["TSSP", "pdf"], counts["LF", "txt"]) == (4, 5, 3)
    assert (counts["MSQAQCR", "qaqc"], counts["SBCTDRF", "hex"]) == (2, 0)
    hsd = PRODUCTS["HSD", "png"].options
    assert len(hsd) >= 7 and isinstance(hsd[6]["allowableRange"]["unitOfMeasure"], str)
    assert hsd[6]["suboptions"] is None
    assert ("HSD", "txt") not in PRODUCTS
    resample = PRODUCTS["TSSD", "csv"].options[1]
    assert resample["option"] == "dpo_resample" and resample["allowableValues"] == [
        "none",
        "average",
        "minMax",
        "minMaxAvg",
    ]
    assert [x["option"] for x in resample["suboptions"]] == ["dpo_average", "dpo_minMax", "dpo_minMaxAvg"]
    scalar_categories = {d.category for d in n.DEVICES if d.sensors}
    assert set(PRODUCTS["TSSD", "csv"].categories) == scalar_categories
    assert {p.code for p in n.PRODUCT_TYPES if "scalar" in p.name.lower()} == {"TSSD", "TSSP", "MSQAQCR"}
    assert [p.code for p in n.PRODUCT_TYPES if p.extension == "pdf"] == ["TSSP"]


def test_spectrogram_viewer_options_are_exact() -> None:
    shv = PRODUCTS["SHV", "png"]
    assert (shv.name, shv.help_document) == (
        "Spectrogram For Hydrophone Viewer",
        "https://wiki.oceannetworks.ca/display/DP/146",
    )
    doc = ["https://wiki.oceannetworks.ca/display/DP/Spectrogram+Plot+Options"]
    limit = {
        "allowableRange": {
            "lowerBound": "-160.0",
            "onlyIntegers": False,
            "unitOfMeasure": None,
            "upperBound": "140.0",
        },
        "allowableValues": ["-1000"],
        "defaultValue": "-1000",
        "documentation": doc,
        "suboptions": None,
    }
    assert shv.options == [
        {**limit, "option": "dpo_lowerColourLimit"},
        {
            "allowableRange": None,
            "allowableValues": ["0", "1", "2", "3", "4", "5"],
            "defaultValue": "0",
            "documentation": doc,
            "option": "dpo_spectrogramColourPalette",
            "suboptions": None,
        },
        {**limit, "option": "dpo_upperColourLimit"},
    ]


# -- data windows ---------------------------------------------------------------------------------------------


def _deployment_holding(window: tuple[str, int, int]) -> n.DeploymentSpec | None:
    device, lo, hi = window
    for dep in deployments_of(device=device):
        if dep.begin <= lo and (dep.end is None or hi <= dep.end):
            return dep
    return None


def test_every_window_lies_inside_one_deployment_and_matches_the_rating() -> None:
    ratings = defaultdict(list)
    for r in n.DATA_RATINGS:
        ratings[r.device].append(r)
    for w in DEMO_WINDOWS:
        assert w.kind in ("scalar", "raw", "archive") and w.date_from < w.date_to and w.note
        assert _deployment_holding((w.device_code, w.date_from, w.date_to)), w
        if w.kind == "archive":
            assert w.extensions and 0 < w.rate_hz <= 1
            continue
        assert DEVICES[w.device_code].sensors, w
        [rating] = [
            r
            for r in ratings[w.device_code]
            if r.date_from <= w.date_from and (r.date_to is None or w.date_to <= r.date_to)
        ]
        assert w.rate_hz == pytest.approx(1 / rating.sample_period), w


@pytest.mark.parametrize(
    ("location", "category", "begin", "end", "kinds"),
    [
        ("NCBC", "BPR", "2019-11-01", "2019-12-01", {"scalar", "raw", "archive"}),
        ("NC89", "BPR", "2020-01-28", "2020-01-29", {"scalar", "raw"}),
        ("NC89", "BPR", "2021-01-11", "2021-01-12", {"scalar", "raw"}),
        ("NC89", "BPR", "2021-01-28", "2021-01-29", {"scalar", "raw"}),
        ("NC89", "CTD", "2017-01-19", "2017-01-21", {"scalar", "raw"}),
        ("NC89", "CTD", "2020-06-20", "2020-06-22", {"scalar", "raw"}),
        ("SEVIP", "CTD", "2016-09-01", "2016-09-02", {"scalar", "raw"}),
        ("SEVIP", "CTD", "2019-06-20", "2019-06-21", {"scalar", "raw"}),
        ("BIIP", "CTD", "2019-06-20", "2019-06-21", {"scalar", "raw"}),
        ("CRIP.C1", "CTD", "2019-08-29", "2019-08-30", {"scalar", "raw"}),
        ("BACAX", "CTD", "2017-05-23", "2017-05-24", {"scalar", "raw"}),
        ("BACAX", "ADCP2MHZ", "2016-07-27", "2016-08-01", {"scalar", "raw"}),
        ("SEVIP", "HYDROPHONE", "2018-10-04T23:59:03.000Z", "2018-10-05T00:14:03.000Z", {"archive"}),
        ("SEVIP", "HYDROPHONE", "2019-11-23T15:25:03.000Z", "2019-11-23T16:00:03.000Z", {"archive"}),
        ("RISS", "VIDEOCAM", "2016-12-01", "2016-12-01T00:05:00.000Z", {"archive"}),
    ],
)
def test_contract_windows_have_one_device_with_data(
    location: str, category: str, begin: str, end: str, kinds: set[str]
) -> None:
    lo, hi = ms(begin), ms(end)
    [dep] = [d for d in deployments_of(location, window=(lo, hi)) if DEVICES[d.device].category == category]
    covered = {
        w.kind for w in DEMO_WINDOWS if w.device_code == dep.device and w.date_from <= lo and hi <= w.date_to
    }
    assert covered == kinds


def test_named_devices_have_their_windows() -> None:
    def kinds(device: str, day: str) -> set[str]:
        t = ms(day)
        return {w.kind for w in DEMO_WINDOWS if w.device_code == device and w.date_from <= t < w.date_to}

    assert kinds("RDIADCP600WH25471", "2019-06-07") == {"archive"}
    assert kinds("AMLMETRECX50348", "2019-06-01") == {"scalar", "raw"}
    assert kinds("SBECTD19p4686", "2016-09-01") == {"scalar", "raw"}
    assert kinds("NAXYS_HYD_007", "2009-12-31T23:59:19.476Z") == {"archive"}
    assert kinds("BPR_BC", "2019-11-23") == {"archive"}
    assert kinds("SBECTD16p6002", "2015-09-17") == {"scalar", "raw"}
    for month in ["2010-07-01", "2010-12-01", "2011-06-01"]:
        [dep] = [
            d
            for d in deployments_of("BACAX", window=(ms(month), ms(month) + 1))
            if DEVICES[d.device].category == "CTD"
        ]
        assert kinds(dep.device, month) == {"scalar", "raw"}
    txt_days = [w for w in DEMO_WINDOWS if w.device_code == "BPR-Folger-59" and w.kind == "archive"]
    assert [(w.date_from, w.date_to, w.rate_hz, w.extensions) for w in txt_days] == [
        (ms("2019-11-01"), ms("2019-12-01"), 1 / 86400, ("txt",))
    ]


# -- loading into a database, and the doctest records it yields -----------------------------------------------


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    eng = make_engine(f"sqlite:///{tmp_path / 'catalog.db'}")
    create_schema(eng)
    yield eng
    eng.dispose()


def _count(conn: Connection, table: Table) -> int:
    return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def test_load_network_fills_the_catalog(engine: Engine) -> None:
    with engine.begin() as conn:
        load_network(conn)
        load_network(conn)  # a loaded catalog is left alone
    with engine.connect() as conn:
        assert _count(conn, s.locations) == len(n.LOCATIONS)
        assert _count(conn, s.device_categories) == len(n.DEVICE_CATEGORIES)
        assert _count(conn, s.properties) == len(n.PROPERTIES)
        assert _count(conn, s.devices) == len(n.DEVICES)
        assert _count(conn, s.sensors) == sum(len(d.sensors) for d in n.DEVICES)
        assert _count(conn, s.data_ratings) == len(n.DATA_RATINGS)
        assert _count(conn, s.deployments) == len(n.DEPLOYMENTS)
        assert _count(conn, s.product_types) == len(n.PRODUCT_TYPES)
        view = CatalogView(conn)
    assert view.devices["BPR-Folger-59"].id == 21503
    assert [x.code for x in view.devices["BPR-Folger-59"].sensors] == [
        "Pressure",
        "Temperature",
        "temperature1",
        "temperature2",
    ]
    assert [c.code for c in view.locations["BACCC"].children] == ["BACCC.A1", "BACCC.A2"]
    assert [r.code for r in view.roots] == ["ONC"]
    per_location = Counter(d.location.code for d in view.deployments)
    assert (per_location["FGPD"], per_location["NC89"]) == (50, 38)


@pytest.fixture
def view_with_data(engine: Engine) -> CatalogView:
    """The loaded catalog with a data span recorded for every demo window, as the generators will leave it."""
    with engine.begin() as conn:
        load_network(conn)
        ids = dict(conn.execute(select(s.devices.c.code, s.devices.c.id)).all())
        for w in DEMO_WINDOWS:
            record_span(conn, ids[w.device_code], w.kind, w.date_from, w.date_to)
    with engine.connect() as conn:
        return CatalogView(conn)


def test_doctest_location_and_tree_records(view_with_data: CatalogView) -> None:
    window = Window(ms("2005-09-17T00:00:00.000Z"), ms("2020-09-17T13:00:00.000Z"))
    assert discovery.locations(
        view_with_data, discovery.Filters(location_code="FGPD", window=window), None, QA
    ) == [
        {
            "deployments": 46,
            "locationName": "Folger Deep",
            "depth": 96.569761,
            "bbox": {
                "maxDepth": 105.0,
                "maxLat": 48.814029,
                "maxLon": -125.274604,
                "minDepth": 94.0,
                "minLat": 48.813667,
                "minLon": -125.28195,
            },
            "description": " Folger Deep is a deep location in Folger Passage near a pillar-like seamount, where"
            " productivity and marine mammals are observed.",
            "hasDeviceData": True,
            "lon": -125.280572,
            "locationCode": "FGPD",
            "hasPropertyData": False,
            "lat": 48.813795,
            "dataSearchURL": "https://qa.oceannetworks.ca/DataSearch?location=FGPD",
        }
    ]
    assert discovery.location_tree(view_with_data, discovery.Filters(location_code="BACCC"), None) == [
        {
            "locationName": "Coral Cliff",
            "children": [
                {
                    "locationName": "ADCP 2 MHz East",
                    "children": None,
                    "description": "",
                    "hasDeviceData": True,
                    "locationCode": "BACCC.A1",
                    "hasPropertyData": False,
                },
                {
                    "locationName": "ADCP 2 MHz West",
                    "children": None,
                    "description": "",
                    "hasDeviceData": True,
                    "locationCode": "BACCC.A2",
                    "hasPropertyData": False,
                },
            ],
            "description": " The Coral Cliffs are located within Barkley Canyon. At this location, boundary layer flow"
            " near steep bathymetry, interaction of currents, and deep-sea corals are observed.",
            "hasDeviceData": False,
            "locationCode": "BACCC",
            "hasPropertyData": True,
        }
    ]
    nc89 = discovery.locations(view_with_data, discovery.Filters(location_code="NC89"), None, QA)[0]
    assert (nc89["deployments"], nc89["bbox"]) == (
        38,
        {
            "maxDepth": 1260.0,
            "maxLat": 48.671024,
            "maxLon": -126.847007,
            "minDepth": 1253.0,
            "minLat": 48.669268,
            "minLon": -126.85184,
        },
    )


def test_doctest_deployment_device_and_property_records(view_with_data: CatalogView) -> None:
    window = Window(ms("2015-09-17"), ms("2015-09-17T13:00:00.000Z"))
    [dep] = discovery.deployments(
        view_with_data, discovery.Filters(location_code="BACAX", category_code="CTD", window=window)
    )
    assert dep["hasDeviceData"] is True and dep["deviceCode"] == "SBECTD16p6002"
    window = Window(ms("2005-09-17T00:00:00.000Z"), ms("2020-09-17T13:00:00.000Z"))
    [dev] = discovery.devices(
        view_with_data, discovery.Filters(device_code="BPR-Folger-59", window=window), None, QA
    )
    assert dev["hasDeviceData"] is True and dev["dataRating"] == [
        {"dateFrom": "2007-01-01T00:00:00.000Z", "dateTo": None, "samplePeriod": 1.0, "sampleSize": 1}
    ]
    [prop] = discovery.properties(
        view_with_data,
        discovery.Filters(location_code="BACAX", category_code="CTD", property_code="conductivity"),
        None,
        None,
    )
    assert (prop["hasDeviceData"], prop["hasPropertyData"]) == (True, True)
    [cat] = discovery.device_categories(
        view_with_data, discovery.Filters(category_code="CTD"), "Conductivity", "Temperature"
    )
    assert cat["hasDeviceData"] is True
    [shv] = discovery.data_products(view_with_data, discovery.Filters(product_code="SHV"), None, None)
    assert (shv["hasDeviceData"], shv["hasPropertyData"]) == (True, False)
    with pytest.raises(NotFound):
        discovery.properties(
            view_with_data, discovery.Filters(location_code="SAAN", property_code="conductivity"), None, None
        )


@pytest.mark.postgres
def test_load_network_on_postgresql_keeps_device_ids_free() -> None:
    admin_url = os.environ.get("PELAGOS_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
    name = f"pelagos_network_{uuid.uuid4().hex[:10]}"
    admin = create_engine(
        admin_url.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    eng = make_engine(admin_url.rsplit("/", 1)[0] + f"/{name}")
    try:
        create_schema(eng)
        with eng.begin() as conn:
            load_network(conn)
            category = conn.execute(select(s.device_categories.c.id)).scalars().first()
            new_id = conn.execute(
                insert(s.devices)
                .values(code="NEW", name="New device", category_id=category)
                .returning(s.devices.c.id)
            ).scalar_one()
        assert new_id > max(d.id for d in n.DEVICES)
    finally:
        eng.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
