"""Discovery services driven over HTTP by the official onc 2.6.0 client and by plain HTTP, on SQLite and PostgreSQL.

The cases mirror the official client's own test-suite and doctests (contract §7.1, §3), plus the documented
examples of §7.3.
"""

from __future__ import annotations

import re

import pytest
import requests

from tests.conftest import RunningServer


def api_error(excinfo: pytest.ExceptionInfo[requests.HTTPError]) -> set[int]:
    return {int(code) for code in re.findall(r"API Error (\d+)", str(excinfo.value))}


# -- the official client's error cases -----------------------------------------------------------------------------

ERROR_CASES = [
    ("getLocations", {"locationCode": "FGPD", "dateFrom": "2020-01-01", "dateTo": "2019-01-01"}, 23),
    ("getLocations", {"locationCode": "FGPD", "dateFrom": "2050-01-01"}, 25),
    ("getLocations", {"locationCode": "XYZ123"}, 127),
    ("getLocations", {"locationCodes": "FGPD"}, 129),
    ("getLocationsTree", {"locationCode": "ARCT", "dateFrom": "2020-01-01", "dateTo": "2019-01-01"}, 23),
    ("getLocationsTree", {"locationCode": "ARCT", "dateFrom": "2050-01-01"}, 25),
    ("getLocationHierarchy", {"locationCode": "XYZ123"}, 127),
    ("getLocationsTree", {"locationCodes": "ARCT"}, 129),
    (
        "getDeployments",
        {
            "locationCode": "BACAX",
            "deviceCategoryCode": "CTD",
            "dateFrom": "2020-01-01",
            "dateTo": "2019-01-01",
        },
        23,
    ),
    ("getDeployments", {"locationCode": "BACAX", "deviceCategoryCode": "CTD", "dateFrom": "2050-01-01"}, 25),
    ("getDeployments", {"locationCode": "XYZ123", "deviceCategoryCode": "CTD"}, 127),
    ("getDeployments", {"locationCodes": "BACAX", "deviceCategoryCode": "CTD"}, 129),
    ("getDeployments", {"locationCode": "BACAX", "deviceCategoryCode": "CTD", "dateTo": "1900-01-01"}, 127),
    ("getDeviceCategories", {"deviceCategoryCode": "XYZ123"}, 127),
    ("getDeviceCategories", {"deviceCategoryCodes": "CTD"}, 129),
    ("getDevices", {"deviceCode": "BPR-Folger-59", "dateFrom": "2020-01-01", "dateTo": "2019-01-01"}, 23),
    ("getDevices", {"deviceCode": "BPR-Folger-59", "dateFrom": "2050-01-01"}, 25),
    ("getDevices", {"deviceCode": "XYZ123"}, 127),
    ("getDevices", {"deviceCodes": "BPR-Folger-59"}, 129),
    ("getProperties", {"propertyCode": "XYZ123"}, 127),
    ("getProperties", {"propertyCodes": "conductivity"}, 129),
    ("getDataProducts", {"dataProductCode": "XYZ123"}, 127),
    ("getDataProducts", {"dataProductCodes": "HSD"}, 129),
    (
        "getDataAvailability",
        {
            "locationCode": "INVALID",
            "deviceCategoryCode": "BPR",
            "dateFrom": "2019-11-23",
            "dateTo": "2019-11-30",
        },
        127,
    ),
]


@pytest.mark.parametrize(
    ("method", "filters", "code"), ERROR_CASES, ids=[f"{m}-{c}" for m, _, c in ERROR_CASES]
)
def test_official_client_error_codes(onc_official, method: str, filters: dict, code: int) -> None:
    with pytest.raises(requests.HTTPError) as excinfo:
        getattr(onc_official, method)(dict(filters))
    assert api_error(excinfo) == {code}
    assert "Status 400 - Bad Request" in str(excinfo.value)


NO_DATA_404 = [
    ("getLocations", {"locationCode": "FGPD", "dateTo": "1900-01-01"}),
    ("getLocationsTree", {"locationCode": "ARCT", "dateTo": "1900-01-01"}),
    ("getDevices", {"deviceCode": "BPR-Folger-59", "dateTo": "1900-01-01"}),
    (
        "getDeviceCategories",
        {"deviceCategoryCode": "CTD", "deviceCategoryName": "Conductivity", "description": "TemperatureXXX"},
    ),
    ("getProperties", {"propertyCode": "conductivity", "locationCode": "SAAN"}),
    ("getDataProducts", {"dataProductCode": "HSD", "extension": "txt"}),
]


@pytest.mark.parametrize(("method", "filters"), NO_DATA_404, ids=[m for m, _ in NO_DATA_404])
def test_no_match_is_404(onc_official, method: str, filters: dict) -> None:
    with pytest.raises(requests.HTTPError, match="404 Client Error"):
        getattr(onc_official, method)(dict(filters))


# -- valid responses: keys, types and the exact doctest records -----------------------------------------------------


def test_locations_fgpd_record(onc_official) -> None:
    rows = onc_official.getLocations(
        {"locationCode": "FGPD", "dateFrom": "2005-09-17T00:00:00.000Z", "dateTo": "2020-09-17T13:00:00.000Z"}
    )
    assert len(rows) == 1
    row = rows[0]
    assert isinstance(row["deployments"], int)
    for key in ("depth", "lat", "lon"):
        assert isinstance(row[key], float)
    assert all(isinstance(v, float) for v in row["bbox"].values())
    assert row["locationName"] == "Folger Deep"
    assert row["description"].startswith(" Folger Deep is a deep location")
    assert (row["lat"], row["lon"], row["depth"]) == (48.813795, -125.280572, 96.569761)
    assert row["bbox"] == {
        "maxDepth": 105.0,
        "maxLat": 48.814029,
        "maxLon": -125.274604,
        "minDepth": 94.0,
        "minLat": 48.813667,
        "minLon": -125.28195,
    }
    assert row["hasDeviceData"] is True and row["hasPropertyData"] is False
    assert row["deployments"] == 46
    assert row["dataSearchURL"] == f"{onc_official.baseUrl}DataSearch?location=FGPD"


def test_location_tree_baccc_record(onc_official) -> None:
    tree = onc_official.getLocationsTree({"locationCode": "BACCC"})
    assert tree == [
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
            "description": " The Coral Cliffs are located within Barkley Canyon. At this location, boundary layer flow "
            "near steep bathymetry, interaction of currents, and deep-sea corals are observed.",
            "hasDeviceData": False,
            "locationCode": "BACCC",
            "hasPropertyData": True,
        }
    ]


def test_location_tree_keeps_path_to_matches(onc_official) -> None:
    tree = onc_official.getLocationsTree({"locationCode": "ARCT", "deviceCategoryCode": "VIDEOCAM"})
    assert tree and isinstance(tree[0]["children"], list) and tree[0]["children"]

    def leaves(node: dict) -> list[dict]:
        return [node] if not node["children"] else [x for c in node["children"] for x in leaves(c)]

    for leaf in leaves(tree[0]):
        devices = onc_official.getDevices(
            {"locationCode": leaf["locationCode"], "deviceCategoryCode": "VIDEOCAM"}
        )
        assert devices


def test_root_onc_tree_for_matlab(server: RunningServer) -> None:
    response = server.get("api/locations", method="getTree", locationCode="ONC")
    assert response.status_code == 200
    (root,) = response.json()
    assert root["locationCode"] == "ONC" and root["children"]


def test_deployments_bacax_ctd_record(onc_official) -> None:
    rows = onc_official.getDeployments(
        {
            "locationCode": "BACAX",
            "deviceCategoryCode": "CTD",
            "dateFrom": "2015-09-17",
            "dateTo": "2015-09-17T13:00:00.000Z",
        }
    )
    assert rows == [
        {
            "begin": "2014-05-09T15:50:42.000Z",
            "citation": {
                "citation": "Ocean Networks Canada Society. 2015. Barkley Canyon Axis Conductivity Temperature Depth "
                "Deployed 2014-05-09. Ocean Networks Canada Society. "
                "https://doi.org/10.80242/14d156f2-0146-40e5-a77e-f3637fb6b517.",
                "doi": "10.80242/14d156f2-0146-40e5-a77e-f3637fb6b517",
                "landingPageUrl": "https://doi.org/10.80242/14d156f2-0146-40e5-a77e-f3637fb6b517",
                "queryPid": None,
            },
            "depth": 982.0,
            "deviceCategoryCode": "CTD",
            "deviceCode": "SBECTD16p6002",
            "end": "2015-09-17T12:59:52.000Z",
            "hasDeviceData": rows[0]["hasDeviceData"],
            "heading": None,
            "lat": 48.316583,
            "locationCode": "BACAX",
            "lon": -126.050796,
            "pitch": None,
            "roll": None,
        }
    ]
    assert isinstance(rows[0]["hasDeviceData"], bool)


def test_devices_bpr_record(onc_official) -> None:
    rows = onc_official.getDevices(
        {
            "deviceCode": "BPR-Folger-59",
            "dateFrom": "2005-09-17T00:00:00.000Z",
            "dateTo": "2020-09-17T13:00:00.000Z",
        }
    )
    assert rows == [
        {
            "cvTerm": {
                "device": [
                    {
                        "uri": "http://vocab.nerc.ac.uk/collection/L22/current/TOOL1652/",
                        "vocabulary": "SeaVoX Device Catalogue",
                    }
                ]
            },
            "dataRating": [
                {"dateFrom": "2007-01-01T00:00:00.000Z", "dateTo": None, "samplePeriod": 1.0, "sampleSize": 1}
            ],
            "deviceCategoryCode": "BPR",
            "deviceCode": "BPR-Folger-59",
            "deviceId": 21503,
            "deviceLink": f"{onc_official.baseUrl}DeviceListing?DeviceId=21503",
            "deviceName": "NRCan Bottom Pressure Recorder 59",
            "hasDeviceData": True,
        }
    ]


def test_device_categories_ctd_record(onc_official) -> None:
    rows = onc_official.getDeviceCategories(
        {"deviceCategoryCode": "CTD", "deviceCategoryName": "Conductivity", "description": "Temperature"}
    )
    assert len(rows) == 1
    row = rows[0]
    assert row["description"] == "Conductivity Temperature (and Depth Sensor)"
    assert row["deviceCategoryName"] == "Conductivity Temperature Depth"
    assert row["cvTerm"] == {
        "deviceCategory": [
            {
                "uri": "http://vocab.nerc.ac.uk/collection/L05/current/130/",
                "vocabulary": "SeaDataNet device categories",
            }
        ]
    }
    assert row["hasDeviceData"] is True
    assert row["longDescription"].startswith(" Conductivity Temperature Depth (CTD) is an instrument package")


def test_properties_conductivity_record(onc_official) -> None:
    rows = onc_official.getProperties(
        {"propertyCode": "conductivity", "locationCode": "BACAX", "deviceCategoryCode": "CTD"}
    )
    assert rows == [
        {
            "cvTerm": {
                "property": [],
                "uom": [
                    {
                        "uri": "http://vocab.nerc.ac.uk/collection/P06/current/UECA/",
                        "vocabulary": "BODC data storage units",
                    }
                ],
            },
            "description": "Conductivity: siemens per metre",
            "hasDeviceData": True,
            "hasPropertyData": True,
            "propertyCode": "conductivity",
            "propertyName": "Conductivity",
            "uom": "S/m",
        }
    ]


def test_data_products_shv_record(onc_official) -> None:
    rows = onc_official.getDataProducts({"dataProductCode": "SHV"})
    documentation = ["https://wiki.oceannetworks.ca/display/DP/Spectrogram+Plot+Options"]
    limit_range = {
        "lowerBound": "-160.0",
        "onlyIntegers": False,
        "unitOfMeasure": None,
        "upperBound": "140.0",
    }
    assert rows == [
        {
            "dataProductCode": "SHV",
            "dataProductName": "Spectrogram For Hydrophone Viewer",
            "dataProductOptions": [
                {
                    "allowableRange": limit_range,
                    "allowableValues": ["-1000"],
                    "defaultValue": "-1000",
                    "documentation": documentation,
                    "option": "dpo_lowerColourLimit",
                    "suboptions": None,
                },
                {
                    "allowableRange": None,
                    "allowableValues": ["0", "1", "2", "3", "4", "5"],
                    "defaultValue": "0",
                    "documentation": documentation,
                    "option": "dpo_spectrogramColourPalette",
                    "suboptions": None,
                },
                {
                    "allowableRange": limit_range,
                    "allowableValues": ["-1000"],
                    "defaultValue": "-1000",
                    "documentation": documentation,
                    "option": "dpo_upperColourLimit",
                    "suboptions": None,
                },
            ],
            "extension": "png",
            "hasDeviceData": True,
            "hasPropertyData": False,
            "helpDocument": "https://wiki.oceannetworks.ca/display/DP/146",
        }
    ]


def test_data_products_hsd_options(onc_official) -> None:
    rows = onc_official.getDataProducts({"dataProductCode": "HSD", "extension": "png"})
    options = rows[0]["dataProductOptions"]
    assert len(options) >= 7
    option = options[6]
    assert isinstance(option["allowableRange"], dict)
    assert isinstance(option["allowableRange"]["lowerBound"], str)
    assert isinstance(option["allowableRange"]["onlyIntegers"], bool)
    assert isinstance(option["allowableRange"]["unitOfMeasure"], str)
    assert isinstance(option["allowableRange"]["upperBound"], str)
    assert isinstance(option["allowableValues"], list) and isinstance(option["defaultValue"], str)
    assert isinstance(option["documentation"], list) and option["suboptions"] is None


def test_sensor_category_codes_doctest(onc_official) -> None:
    rows = onc_official.getSensorCategoryCodes(
        {
            "locationCode": "NCBC",
            "deviceCategoryCode": "BPR",
            "propertyCode": "seawatertemperature,totalpressure",
        }
    )
    assert rows == [
        {
            "outputFormat": "array",
            "propertyCode": "totalpressure",
            "sensorCategoryCode": "pressure",
            "sensorCode": "Pressure",
            "sensorName": "Seafloor Pressure",
            "unitOfMeasure": "decibar",
        },
        {
            "outputFormat": "array",
            "propertyCode": "seawatertemperature",
            "sensorCategoryCode": "temperature",
            "sensorCode": "Temperature",
            "sensorName": "Housing Temperature",
            "unitOfMeasure": "C",
        },
        {
            "outputFormat": "array",
            "propertyCode": "seawatertemperature",
            "sensorCategoryCode": "temperature1",
            "sensorCode": "temperature1",
            "sensorName": "Temperature",
            "unitOfMeasure": "C",
        },
        {
            "outputFormat": "array",
            "propertyCode": "seawatertemperature",
            "sensorCategoryCode": "temperature2",
            "sensorCode": "temperature2",
            "sensorName": "P-Sensor Temperature",
            "unitOfMeasure": "C",
        },
    ]


# -- documented examples (contract §7.3) --------------------------------------------------------------------------


def test_locations_filters(onc_official) -> None:
    all_rows = onc_official.getLocations()
    codes = {r["locationCode"] for r in all_rows}
    for code in (
        "ONC",
        "NEP",
        "BACAX",
        "BACCC",
        "FGPD",
        "NCBC",
        "NC89",
        "SEVIP",
        "BIIP",
        "BISS",
        "RISS",
        "ARCT",
        "MOBP",
        "SAAN",
        "CRIP.C1",
        "BACCC.A1",
        "BACCC.A2",
    ):
        assert code in codes
    nep = onc_official.getLocations({"locationCode": "NEP", "includeChildren": "true"})
    assert {"BACAX", "NC89", "FGPD"} <= {r["locationCode"] for r in nep}
    only_nep = onc_official.getLocations({"locationCode": "NEP"})
    assert [r["locationCode"] for r in only_nep] == ["NEP"]
    hydrophones = onc_official.getLocations(
        {"locationCode": "NEP", "deviceCategoryCode": "HYDROPHONE", "includeChildren": "true"}
    )
    assert hydrophones and all(r["deployments"] > 0 for r in hydrophones)
    burrard = onc_official.getLocations({"locationName": "Burrard"})
    assert {"BIIP", "BISS"} <= {r["locationCode"] for r in burrard}
    assert all("burrard" in r["locationName"].lower() for r in burrard)
    assert onc_official.getLocations({"locationName": "underwater"})
    assert onc_official.getLocations({"locationName": "Bullseye"})[0]["locationCode"] == "NC89"
    assert onc_official.getLocations({"deviceCategoryCode": "ADCP150KHZ"})
    assert onc_official.getLocations({"propertyCode": "totalpressure"})
    bpr = onc_official.getLocations({"deviceCategoryCode": "BPR", "propertyCode": "totalpressure"})
    assert "NCBC" in {r["locationCode"] for r in bpr}
    assert onc_official.getLocations({"deviceCode": "NORTEKAQDPRO8398"})
    assert onc_official.getLocations({"dataProductCode": "IBPP"})
    window = {"dateFrom": "2010-07-01T00:00:00.000Z", "dateTo": "2011-06-30T23:59:59.999Z"}
    in_window = onc_official.getLocations(dict(window))
    assert 0 < len(in_window) < len(all_rows)
    assert onc_official.getLocations({"propertyCode": "seawatertemperature", **window})
    assert onc_official.getLocationsTree({"locationCode": "MOBP"})[0]["children"]


def test_devices_and_deployments_filters(onc_official) -> None:
    assert onc_official.getDevices({"deviceCode": "NORTEKAQDPRO8398"})[0]["deviceCode"] == "NORTEKAQDPRO8398"
    jasco = onc_official.getDevices({"deviceName": "jasco"})
    assert jasco and all("jasco" in d["deviceName"].lower() for d in jasco)
    for filters in (
        {"locationCode": "BACAX"},
        {"deviceCategoryCode": "ADCP2MHZ"},
        {"propertyCode": "oxygen"},
        {"deviceCategoryCode": "CTD", "propertyCode": "pressure"},
        {"dataProductCode": "IBPP"},
        {"dateFrom": "2010-07-01", "dateTo": "2011-06-30T23:59:59.999Z"},
        {"locationCode": "BACAX", "dateFrom": "2010-07-01", "dateTo": "2011-06-30T23:59:59.999Z"},
        {
            "locationCode": "BACAX",
            "propertyCode": "seawatertemperature",
            "dateFrom": "2010-07-01",
            "dateTo": "2011-06-30T23:59:59.999Z",
        },
    ):
        assert onc_official.getDevices(dict(filters)), filters
        if "dataProductCode" not in filters:
            assert onc_official.getDeployments(dict(filters)), filters
    bpr_nc89 = onc_official.getDeployments({"locationCode": "NC89", "deviceCategoryCode": "BPR"})
    by_code = {d["deviceCode"]: d for d in bpr_nc89}
    assert by_code["BPR_889"]["begin"] == "2009-09-06T15:05:58.000Z"
    assert by_code["BPR_889"]["end"] == "2022-08-04T19:16:37.000Z"
    assert by_code["RBRQUARTZ3BPR203659"]["end"] is None
    devices = onc_official.getDevices(
        {
            "locationCode": "NC89",
            "deviceCategoryCode": "BPR",
            "dateFrom": "2020-01-28T00:00:00.000Z",
            "dateTo": "2020-01-28T00:00:05.000Z",
        }
    )
    assert [d["deviceCode"] for d in devices] == ["BPR_889"]
    assert devices[0]["deviceId"] == 22503


def test_categories_properties_products_filters(onc_official) -> None:
    assert onc_official.getDeviceCategories()
    assert [
        c["deviceCategoryCode"]
        for c in onc_official.getDeviceCategories({"deviceCategoryCode": "ADCP150KHZ"})
    ] == ["ADCP150KHZ"]
    acoustic = onc_official.getDeviceCategories({"deviceCategoryName": "acoustic"})
    assert acoustic and all("acoustic" in c["deviceCategoryName"].lower() for c in acoustic)
    assert onc_official.getDeviceCategories({"description": "doppler"})
    assert "BPR" in {
        c["deviceCategoryCode"] for c in onc_official.getDeviceCategories({"deviceCategoryName": "pressure"})
    }
    assert "CTD" in {
        c["deviceCategoryCode"] for c in onc_official.getDeviceCategories({"locationCode": "BACAX"})
    }
    assert "CTD" in {
        c["deviceCategoryCode"] for c in onc_official.getDeviceCategories({"propertyCode": "salinity"})
    }
    nc89 = onc_official.getDeviceCategories({"locationCode": "NC89"})
    assert len(nc89) == 13
    props = {
        p["propertyCode"]
        for p in onc_official.getProperties({"locationCode": "NC89", "deviceCategoryCode": "CTD"})
    }
    assert props == {
        "conductivity",
        "density",
        "pressure",
        "salinity",
        "seawatertemperature",
        "sigmat",
        "sigmatheta",
        "soundspeed",
    }
    assert onc_official.getProperties({"propertyName": "pressure"})
    assert onc_official.getProperties({"deviceCode": "NORTEKAQDPRO8398"})
    assert onc_official.getProperties({"deviceCategoryCode": "ADCP150KHZ"})
    products = onc_official.getDataProducts()
    pairs = {(p["dataProductCode"], p["extension"]) for p in products}
    assert {
        ("TSSD", "csv"),
        ("TSSD", "mat"),
        ("TSSD", "txt"),
        ("TSSD", "json"),
        ("TSSP", "png"),
        ("TSSP", "pdf"),
        ("SHV", "png"),
        ("HSD", "png"),
        ("LF", "txt"),
        ("IBPP", "png"),
    } <= pairs
    tssd_csv = onc_official.getDataProducts({"dataProductCode": "TSSD", "extension": "csv"})
    assert len(tssd_csv) == 1 and tssd_csv[0]["dataProductName"] == "Time Series Scalar Data"
    assert len(tssd_csv[0]["dataProductOptions"]) == 5
    assert all(p["extension"] == "pdf" for p in onc_official.getDataProducts({"extension": "pdf"}))
    assert all(
        "scalar" in p["dataProductName"].lower()
        for p in onc_official.getDataProducts({"dataProductName": "scalar"})
    )
    assert onc_official.getDataProducts({"locationCode": "BACAX"})
    assert onc_official.getDataProducts({"extension": "mat", "locationCode": "BACAX"})
    assert onc_official.getDataProducts({"deviceCode": "NORTEKAQDPRO8398"})
    assert onc_official.getDataProducts({"deviceCategoryCode": "ADCP150KHZ"})
    nc89_ctd = {
        p["dataProductCode"]
        for p in onc_official.getDataProducts({"locationCode": "NC89", "deviceCategoryCode": "CTD"})
    }
    assert {"TSSD", "TSSP"} <= nc89_ctd


# -- plain HTTP ----------------------------------------------------------------------------------------------------


def test_missing_and_bad_token_are_401(server: RunningServer) -> None:
    import httpx

    missing_token = httpx.get(server.url + "api/locations", params={"locationCode": "FGPD"})
    assert missing_token.status_code == 401
    assert missing_token.json()["errors"][0]["parameter"] == "token"
    bad = httpx.get(server.url + "api/locations", params={"locationCode": "FGPD", "token": "nope-0000-0000"})
    assert bad.status_code == 401
    assert len(bad.json()["errors"]) == 1


def test_unknown_route_is_404(server: RunningServer) -> None:
    assert server.get("api/nothingHere").status_code == 404


def test_several_unknown_parameters_each_named(server: RunningServer) -> None:
    body = server.get("api/devices", fakeParamName="x", deviceCodes="y").json()
    assert {e["parameter"] for e in body["errors"]} == {"fakeParamName", "deviceCodes"}
    assert {e["errorCode"] for e in body["errors"]} == {129}


@pytest.mark.parametrize("value", ["2019-13-01", "yesterday", "2019-11-23T25:00:00Z", "P"])
def test_bad_dates_are_127(server: RunningServer, value: str) -> None:
    response = server.get("api/locations", dateFrom=value)
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert (error["errorCode"], error["parameter"]) == (127, "dateFrom")
    assert "dateFrom" in error["errorMessage"]


def test_booleans_case_insensitive(server: RunningServer) -> None:
    for value in ("True", "true", "TRUE"):
        rows = server.get("api/locations", locationCode="NEP", includeChildren=value).json()
        assert len(rows) > 1
    assert server.get("api/locations", locationCode="NEP", includeChildren="maybe").status_code == 400


def test_legacy_method_forms(server: RunningServer) -> None:
    modern = server.get("api/devices", deviceCode="BPR-Folger-59").json()
    legacy = server.get("api/devices", method="get", deviceCode="BPR-Folger-59").json()
    assert modern == legacy
    tree = server.get("api/locations", method="getTree", locationCode="BACCC").json()
    assert tree[0]["locationCode"] == "BACCC"


def test_openapi_lists_every_discovery_route(server: RunningServer) -> None:
    spec = server.get("openapi.json").json()
    for path in (
        "/api/locations",
        "/api/locations/tree",
        "/api/deployments",
        "/api/devices",
        "/api/deviceCategories",
        "/api/properties",
        "/api/dataProducts",
    ):
        names = {p["name"] for p in spec["paths"][path]["get"]["parameters"]}
        assert "token" in names
    assert {p["name"] for p in spec["paths"]["/api/locations"]["get"]["parameters"]} >= {
        "locationCode",
        "deviceCategoryCode",
        "deviceCode",
        "propertyCode",
        "dataProductCode",
        "dateFrom",
        "dateTo",
        "locationName",
        "includeChildren",
    }


def test_openapi_documents_every_route(server: RunningServer) -> None:
    """Every route lists the token, its refusals in the error format (accurate for real answers), the 404 where
    one can happen, its legacy ``method`` verbs, and the ingest routes their JSON body."""
    import httpx
    import jsonschema
    from openapi_spec_validator import validate

    spec = server.get("openapi.json").json()
    validate(spec)
    operations = [
        (path, verb, operation)
        for path, item in spec["paths"].items()
        if path.startswith("/api/")
        for verb, operation in item.items()
        if verb != "head"
    ]
    assert {verb for _, verb, _ in operations} == {"get", "post"} and len(operations) >= 20
    not_found = {
        "/api/locations",
        "/api/locations/tree",
        "/api/devices",
        "/api/deviceCategories",
        "/api/properties",
        "/api/dataProducts",
        "/api/dataProductDelivery/download",
    }
    legacy = {"/api/scalardata/location": ["getByLocation"], "/api/archivefile/download": ["getFile"]}
    for path, verb, operation in operations:
        params = {p["name"]: p for p in operation["parameters"]}
        assert params["token"]["in"] == "query" and params["token"]["required"] is True, path
        responses = operation["responses"]
        for status in ("400", "401"):
            schema = responses[status]["content"]["application/json"]["schema"]
            item = schema["properties"]["errors"]["items"]
            assert set(item["required"]) == {"errorCode", "errorMessage", "parameter"}, (path, status)
        assert ("404" in responses) == (path in not_found), path
        if path in legacy:
            assert params["method"]["schema"]["enum"] == legacy[path]
        call = httpx.post if verb == "post" else httpx.get
        refused = call(server.url + path.lstrip("/"), params={"token": server.token, "fakeParamName": "x"})
        assert refused.status_code == 400, path
        jsonschema.validate(refused.json(), responses["400"]["content"]["application/json"]["schema"])
        anonymous = call(server.url + path.lstrip("/"))
        assert anonymous.status_code == 401, path
        jsonschema.validate(anonymous.json(), responses["401"]["content"]["application/json"]["schema"])
    missing = server.get("api/devices", deviceCode="BPR-Folger-59", dateTo="1900-01-01")
    assert missing.status_code == 404
    jsonschema.validate(
        missing.json(),
        spec["paths"]["/api/devices"]["get"]["responses"]["404"]["content"]["application/json"]["schema"],
    )
    for path, required in (
        ("/api/ingest/samples", {"deviceCode", "sampleTimes", "sensors"}),
        ("/api/ingest/rawdata", {"deviceCode", "times", "readings"}),
    ):
        body = spec["paths"][path]["post"]["requestBody"]
        assert body["required"] is True
        assert set(body["content"]["application/json"]["schema"]["required"]) == required
        assert {"403", "413"} <= set(spec["paths"][path]["post"]["responses"])


# -- data availability on both stores (contract §3.8, official test rows 27-28) -------------------------------------


def test_data_availability_on_both_stores(onc_official) -> None:
    got = onc_official.getDataAvailability(
        {
            "locationCode": "NCBC",
            "deviceCategoryCode": "BPR",
            "dateFrom": "2019-11-23",
            "dateTo": "2019-11-30",
        }
    )
    assert set(got) == {"availableDataProducts", "messages", "next", "queryUrl"}
    assert got["next"] is None and got["messages"] == [] and "***" in got["queryUrl"]
    row = next(r for r in got["availableDataProducts"] if r["deviceCode"] == "BPR-Folger-59")
    assert (row["dataProductCode"], row["extension"], row["fileCount"]) == ("LF", "txt", 7)
    assert (row["dateFrom"], row["dateTo"]) == ("2019-11-23T00:00:00.000Z", "2019-11-30T00:00:00.000Z")
    for key in ("averageFileCoverage", "maxFileCoverage", "minFileCoverage"):
        assert isinstance(row[key], float) and 0.0 <= row[key] <= 1.0
    assert isinstance(row["totalFileSize"], int) and row["totalFileSize"] > 0
    assert row["totalUncompressedFileSize"] >= row["totalFileSize"]
    days = onc_official.getDataAvailability(
        {
            "deviceCode": "BPR-Folger-59",
            "extension": "txt",
            "dateFrom": "2019-11-23",
            "dateTo": "2019-11-30",
            "groupBy": "day",
        }
    )["availableDataProducts"]
    assert [(r["dateFrom"][:10], r["fileCount"]) for r in days] == [
        (f"2019-11-{d}", 1) for d in range(23, 30)
    ]
    assert sum(r["totalFileSize"] for r in days) == row["totalFileSize"]
    raw = onc_official.getDataAvailability({"deviceCode": "BPR_BC", "extension": "raw"})
    assert raw["availableDataProducts"][0]["fileCount"] == 8
    with pytest.raises(requests.HTTPError) as excinfo:
        onc_official.getDataAvailability({"locationCode": "INVALID", "deviceCategoryCode": "BPR"})
    assert api_error(excinfo) == {127}


def _pages(server: RunningServer, path: str, params: dict) -> list[dict]:
    """Every page of a paged answer, following ``next.parameters``."""
    pages = []
    while True:
        body = server.get(path, **params).json()
        pages.append(body)
        if body["next"] is None:
            return pages
        params = body["next"]["parameters"]


def test_availability_by_day_pages_instead_of_capping(server: RunningServer) -> None:
    import time
    from datetime import date, timedelta

    everything = {
        "deviceCode": "BPR-Folger-59",
        "extension": "txt",
        "groupBy": "day",
        "includeEmptyDays": "true",
        "dateFrom": "0001-01-01",
        "dateTo": "9999-12-31",
        "rowLimit": 1000,
    }
    started = time.monotonic()
    first = server.get("api/dataAvailability/dataproducts", **everything)
    assert time.monotonic() - started < 15, "a page costs its rows, not the whole window's days"
    rows = first.json()["availableDataProducts"]
    assert len(rows) == 1000 and {r["fileCount"] for r in rows} == {0}
    assert rows[0]["dateFrom"] == "0001-01-01T00:00:00.000Z"
    assert rows[-1]["dateFrom"] == f"{date(1, 1, 1) + timedelta(days=999)}T00:00:00.000Z"
    follow = first.json()["next"]
    assert follow["parameters"]["dateFrom"] == f"{date(1, 1, 1) + timedelta(days=1000)}T00:00:00.000Z"
    assert follow["parameters"]["dateTo"] == "9999-12-31T00:00:00.000Z"
    second = server.get("api/dataAvailability/dataproducts", **follow["parameters"]).json()
    assert second["availableDataProducts"][0]["dateFrom"] == follow["parameters"]["dateFrom"]

    window = {
        "locationCode": "NCBC",
        "deviceCategoryCode": "BPR",
        "groupBy": "day",
        "includeEmptyDays": "true",
        "dateFrom": "2019-10-30",
        "dateTo": "2019-12-03",
    }
    whole = server.get("api/dataAvailability/dataproducts", **window).json()
    assert whole["next"] is None
    listed = whole["availableDataProducts"]
    assert {r["dateFrom"][:10] for r in listed} == {
        str(date(2019, 10, 30) + timedelta(days=d)) for d in range(34)
    }
    bpr = {r["dateFrom"][:10]: r["fileCount"] for r in listed if r["deviceCode"] == "BPR-Folger-59"}
    assert [d for d, count in sorted(bpr.items()) if count] == [f"2019-11-{d:02d}" for d in range(1, 31)]
    pages = _pages(server, "api/dataAvailability/dataproducts", {**window, "rowLimit": 5})
    assert len(pages) > 1 and all(len(p["availableDataProducts"]) <= 5 for p in pages)
    assert [r for p in pages for r in p["availableDataProducts"]] == listed


def test_availability_refuses_what_it_cannot_page(server: RunningServer) -> None:
    by_device = server.get("api/dataAvailability/dataproducts", rowLimit=1)
    assert by_device.status_code == 400
    (error,) = by_device.json()["errors"]
    assert (error["errorCode"], error["parameter"]) == (127, "rowLimit")


# -- date forms (contract §2, docs/api.md "Dates"), each with the answer it must give --------------------------------

#: Spellings of 2007-01-01T00:00:00.000Z, the instant BPR-Folger-59's deployment begins.
BPR_BEGIN = [
    "2007-01-01",
    "2007-01-01T00:00",
    "2007-01-01T00:00Z",
    "2007-01-01T00:00:00",
    "2007-01-01T00:00:00Z",
    "2007-01-01T00:00:00.0Z",
    "2007-01-01T00:00:00.000Z",
    "2007-01-01T00:00:00.000999999Z",  # truncated to milliseconds, not rounded
    "2007-01-01T00:00:00.000+00:00",
    "2007-01-01T01:00:00+01:00",
    "2006-12-31T16:00:00.000-08:00",
    "2006-12-31T16:00-0800",
    "2007-01-01T14:00:00+14:00",
]
#: Spellings of one millisecond later.
BPR_BEGIN_PLUS_1MS = [
    "2007-01-01T00:00:00.001Z",
    "2007-01-01T00:00:00.0019Z",
    "2006-12-31T19:00:00.001-05:00",
]


@pytest.mark.parametrize("value", BPR_BEGIN)
def test_date_forms_as_dateto_at_a_deployment_start(server: RunningServer, value: str) -> None:
    before = {"deviceCode": "BPR-Folger-59", "dateTo": value}
    assert server.get("api/devices", **before).status_code == 404
    assert server.get("api/locations", **before).status_code == 404
    deployments = server.get("api/deployments", **before)
    assert deployments.status_code == 400 and deployments.json()["errors"][0]["errorCode"] == 127


@pytest.mark.parametrize("value", BPR_BEGIN_PLUS_1MS)
def test_date_forms_one_millisecond_later(server: RunningServer, value: str) -> None:
    after = {"deviceCode": "BPR-Folger-59", "dateTo": value}
    assert [d["deviceCode"] for d in server.get("api/devices", **after).json()] == ["BPR-Folger-59"]
    assert [(r["locationCode"], r["deployments"]) for r in server.get("api/locations", **after).json()] == [
        ("NCBC", 1)
    ]
    (deployment,) = server.get("api/deployments", **after).json()
    assert deployment["begin"] == "2007-01-01T00:00:00.000Z"


@pytest.mark.parametrize(
    ("date_from", "kept"),
    [
        ("2015-09-17T12:59:52.000Z", False),  # the instant SBECTD16p6002 is recovered: dateFrom is inclusive
        ("2015-09-17T12:59:52Z", False),
        ("2015-09-17T05:59:52-07:00", False),
        ("2015-09-17T12:59:52.0009Z", False),
        ("2015-09-17T12:59:51.999Z", True),
        ("2015-09-17T12:59:51.9999999Z", True),
        ("2015-09-17T14:59:51.999+02:00", True),
        ("2015-09-17", True),
    ],
)
def test_date_forms_as_datefrom_at_a_recovery(server: RunningServer, date_from: str, kept: bool) -> None:
    window = {"locationCode": "BACAX", "deviceCategoryCode": "CTD", "dateFrom": date_from}
    window["dateTo"] = "2015-09-17T13:00:00.000Z"
    deployments = server.get("api/deployments", **window)
    devices = server.get("api/devices", **window)
    locations = server.get("api/locations", **window)
    if kept:
        assert [d["deviceCode"] for d in deployments.json()] == ["SBECTD16p6002"]
        assert [d["deviceCode"] for d in devices.json()] == ["SBECTD16p6002"]
        assert [(r["locationCode"], r["deployments"]) for r in locations.json()] == [("BACAX", 1)]
    else:
        assert deployments.status_code == 400 and deployments.json()["errors"][0]["errorCode"] == 127
        assert devices.status_code == locations.status_code == 404


def test_contract_date_forms_on_the_documented_window(server: RunningServer) -> None:
    """The contract's own spellings (§2, §7.3): 2010-07-01 .. 2011-06-30T23:59:59.999Z at BACAX."""
    window = {"locationCode": "BACAX", "deviceCategoryCode": "CTD", "dateFrom": "2010-07-01"}
    window["dateTo"] = "2011-06-30T23:59:59.999Z"
    assert [d["deviceCode"] for d in server.get("api/deployments", **window).json()] == ["SBECTD16p4910"]
    assert [d["deviceCode"] for d in server.get("api/devices", **window).json()] == ["SBECTD16p4910"]
    assert [r["deployments"] for r in server.get("api/locations", **window).json()] == [1]


MIDNIGHT_23 = ["2019-11-23", "2019-11-23T00:00:00.000Z", "2019-11-23T00:00:00", "2019-11-22T16:00:00-08:00"]


@pytest.mark.parametrize("value", MIDNIGHT_23)
def test_date_forms_on_scalardata_and_archivefile(server: RunningServer, value: str) -> None:
    def seconds(**window: str) -> list[str]:
        body = server.get("api/scalardata/device", deviceCode="BPR-Folger-59", **window).json()
        return [t[11:19] for t in body["sensorData"][0]["data"]["sampleTimes"]]

    assert seconds(dateFrom=value, dateTo="2019-11-23T00:00:03.000Z") == ["00:00:00", "00:00:01", "00:00:02"]
    assert seconds(dateFrom="2019-11-22T23:59:58.000Z", dateTo=value) == ["23:59:58", "23:59:59"]
    assert seconds(dateFrom=value, dateTo="PT2S") == ["00:00:00", "00:00:01"]
    assert seconds(dateFrom=value, dateTo="PT1.001S") == ["00:00:00", "00:00:01"]

    def files(**window: str) -> list[str]:
        body = server.get("api/archivefile/device", deviceCode="BPR-Folger-59", **window).json()
        return [name[14:22] for name in body["files"]]

    assert files(dateFrom=value, dateTo="2019-11-25") == ["20191123", "20191124"]
    assert files(dateFrom="2019-11-21", dateTo=value) == ["20191121", "20191122"]
    assert files(dateFrom=value, dateTo="P2D") == ["20191123", "20191124"]
    assert files(dateFrom=value, dateTo="P2DT0.001S") == ["20191123", "20191124", "20191125"]


def test_relative_dates_are_relative_to_now(server: RunningServer) -> None:
    from pelagos.timeutil import format_ms, now_ms

    for duration, ms in (("-P30D", 30 * 86_400_000), ("-PT1H", 3_600_000), ("-P1W", 7 * 86_400_000)):
        relative = server.get(
            "api/deployments", locationCode="BACAX", deviceCategoryCode="CTD", dateFrom=duration
        )
        explicit = server.get(
            "api/deployments",
            locationCode="BACAX",
            deviceCategoryCode="CTD",
            dateFrom=format_ms(now_ms() - ms),
        )
        assert relative.status_code == 200 and relative.json() == explicit.json()
        assert [d["deviceCode"] for d in relative.json()] == ["SBECTD19p6936"]  # the ongoing deployment
    assert (
        server.get("api/devices", deviceCode="BPR-Folger-59", dateFrom="2006-12-31", dateTo="P1D").status_code
        == 404
    )
    assert server.get(
        "api/devices", deviceCode="BPR-Folger-59", dateFrom="2006-12-31", dateTo="PT24H0.001S"
    ).json()


BAD_DATES = [
    "2019-11-23T00:00:00.000+25:00",
    "2019-11-23T00:00+14:01",
    "2019-11-23T00:00-05:60",
    "2019-11-23T00:00:00+2500",
    "2019-02-29",
    "2019-11-23T24:00:00Z",
    "0000-12-31",
    "0001-01-01T00:00:00+01:00",  # before year 1 once the offset is applied
    "-P9999999D",
    "PT" + "9" * 400 + "S",
    "1574467200000",
    "P",
]
ROUTES_WITH_DATES = [
    ("api/locations", {}),
    ("api/deployments", {}),
    ("api/devices", {}),
    ("api/scalardata/device", {"deviceCode": "BPR-Folger-59"}),
    ("api/archivefile/device", {"deviceCode": "BPR-Folger-59"}),
    ("api/dataAvailability/dataproducts", {}),
]


@pytest.mark.parametrize("value", BAD_DATES)
def test_impossible_dates_are_127_naming_the_parameter(server: RunningServer, value: str) -> None:
    for path, where in ROUTES_WITH_DATES:
        for name in ("dateFrom", "dateTo"):
            response = server.get(path, **where, **{name: value})
            assert response.status_code == 400, (path, name, response.text)
            (error,) = response.json()["errors"]
            assert (error["errorCode"], error["parameter"]) == (127, name), (path, name)
