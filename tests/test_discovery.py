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


@pytest.mark.parametrize(
    "value",
    [
        "2019-11-23",
        "2019-11-23T00:00:00.000Z",
        "2011-06-30T23:59:59.999Z",
        "2019-11-23T00:00:00Z",
        "2019-11-23T00:00:00",
        "-P30D",
    ],
)
def test_date_forms_accepted(server: RunningServer, value: str) -> None:
    response = server.get("api/locations", dateFrom=value)
    assert response.status_code in (200, 404), response.text


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
