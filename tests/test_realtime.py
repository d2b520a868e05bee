"""scalardata and rawdata, by location and by device, driven by the official onc 2.6.0 client and plain HTTP
(contract §3.9, §3.10, §5; the official tests' rows 29-39)."""

from __future__ import annotations

import re

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import RunningServer

MINUTE = {"dateFrom": "2019-11-23T00:00:00.000Z", "dateTo": "2019-11-23T00:01:00.000Z"}
BY_DEVICE = {"deviceCode": "BPR-Folger-59", **MINUTE}
BY_LOCATION = {
    "locationCode": "NCBC",
    "deviceCategoryCode": "BPR",
    "propertyCode": "seawatertemperature,totalpressure",
    **MINUTE,
}
RAW_LOCATION = {
    "locationCode": "NCBC",
    "deviceCategoryCode": "BPR",
    "sizeLimit": 20,
    "convertHexToDecimal": False,
    **MINUTE,
}
NO_DATA = {"dateFrom": "2000-01-01", "dateTo": "2000-01-02"}


@pytest.fixture
def onc(demo_server: RunningServer, tmp_path):  # type: ignore[no-untyped-def]
    from onc import ONC

    client = ONC(demo_server.token, outPath=tmp_path, showWarning=False)
    client.baseUrl = demo_server.url
    return client


def codes(excinfo: pytest.ExceptionInfo[requests.HTTPError]) -> set[int]:
    return {int(c) for c in re.findall(r"API Error (\d+)", str(excinfo.value))}


@pytest.mark.parametrize(
    "method,filters", [("getScalardataByDevice", BY_DEVICE), ("getScalardataByLocation", BY_LOCATION)]
)
def test_scalar_pages_stitch_to_one_page(onc, method: str, filters: dict) -> None:
    whole = getattr(onc, method)({**filters, "rowLimit": 80000})
    assert whole["next"] is None
    assert len(whole["sensorData"][0]["data"]["values"]) > 25
    page = getattr(onc, method)({**filters, "rowLimit": 25})
    assert len(page["sensorData"][0]["data"]["values"]) == 25
    assert page["next"] is not None
    assert {"dateFrom", "dateTo"} <= set(page["next"]["parameters"])
    stitched = getattr(onc, method)({**filters, "rowLimit": 25}, allPages=True)
    assert stitched["next"] is None
    assert [s["data"] for s in stitched["sensorData"]] == [s["data"] for s in whole["sensorData"]]


def test_scalar_by_device_shape(onc) -> None:
    body = onc.getScalardataByDevice({**BY_DEVICE, "rowLimit": 80000})
    assert set(body) == {"citations", "messages", "next", "parameters", "queryUrl", "sensorData"}
    sensor = body["sensorData"][0]
    assert set(sensor) == {
        "actualSamples",
        "data",
        "outputFormat",
        "propertyCode",
        "sensorCategoryCode",
        "sensorCode",
        "sensorName",
        "unitOfMeasure",
    }
    assert sensor["actualSamples"] == len(sensor["data"]["sampleTimes"]) == 60
    assert sensor["data"]["sampleTimes"][0] == "2019-11-23T00:00:00.000Z"
    assert all(isinstance(v, float) for v in sensor["data"]["values"])
    assert all(isinstance(f, int) for f in sensor["data"]["qaqcFlags"])
    assert "***" in body["queryUrl"] and onc.token not in body["queryUrl"]


@pytest.mark.parametrize(
    "method,filters,code",
    [
        ("getScalardataByDevice", {"deviceCode": "XYZ123"}, 127),
        ("getScalardataByDevice", {"deviceCodes": "BPR-Folger-59"}, 129),
        ("getScalardataByLocation", {"locationCode": "XYZ123", "deviceCategoryCode": "BPR"}, 127),
        ("getScalardataByLocation", {"locationCodes": "NCBC", "deviceCategoryCode": "BPR"}, 129),
        ("getScalardataByLocation", {"locationCode": "NCBC", "deviceCategoryCode": "BPR", **NO_DATA}, 127),
        ("getRawdataByDevice", {"deviceCode": "XYZ123"}, 127),
        ("getRawdataByDevice", {"deviceCodes": "BPR-Folger-59"}, 129),
        ("getRawdataByLocation", {"locationCode": "XYZ123", "deviceCategoryCode": "BPR"}, 127),
        ("getRawdataByLocation", {"locationCodes": "NCBC", "deviceCategoryCode": "BPR"}, 129),
        ("getRawdataByLocation", {"locationCode": "NCBC", "deviceCategoryCode": "BPR", **NO_DATA}, 127),
    ],
)
def test_errors(onc, method: str, filters: dict, code: int) -> None:
    with pytest.raises(requests.HTTPError) as excinfo:
        getattr(onc, method)(dict(filters))
    assert codes(excinfo) == {code}


def test_device_no_data_is_empty_200(onc) -> None:
    assert onc.getScalardataByDevice({"deviceCode": "BPR-Folger-59", **NO_DATA})["sensorData"] is None
    raw = onc.getRawdataByDevice({"deviceCode": "BPR-Folger-59", **NO_DATA})
    assert raw["data"] == {"lineTypes": [], "readings": [], "times": []}


@pytest.mark.parametrize(
    "method,filters",
    [
        ("getScalardataByDevice", {"deviceCode": "BPR-Folger-59"}),
        ("getRawdataByDevice", {"deviceCode": "BPR-Folger-59"}),
    ],
)
def test_date_format_paging(onc, method: str, filters: dict) -> None:
    result = getattr(onc, method)(
        {**filters, "dateFrom": "2019-11-23T23:59:00.000Z", "dateTo": "2019-11-24", "rowLimit": 25},
        allPages=True,
    )
    assert result["next"] is None


@pytest.mark.parametrize(
    "method,filters", [("getRawdataByDevice", BY_DEVICE), ("getRawdataByLocation", RAW_LOCATION)]
)
def test_raw_pages_stitch(onc, method: str, filters: dict) -> None:
    whole = getattr(onc, method)({**filters, "rowLimit": 80000})
    assert whole["next"] is None and len(whole["data"]["readings"]) > 25
    page = getattr(onc, method)({**filters, "rowLimit": 25})
    assert len(page["data"]["readings"]) == 25 and page["next"] is not None
    stitched = getattr(onc, method)({**filters, "rowLimit": 25}, allPages=True)
    assert stitched["data"] == whole["data"]


def test_raw_location_shape(onc) -> None:
    body = onc.getRawdataByLocation({**RAW_LOCATION, "rowLimit": 80000})
    assert set(body) == {"citations", "data", "messages", "metadata", "next", "outputFormat", "queryUrl"}
    assert body["metadata"]["locationName"]
    assert len(body["data"]["readings"]) == len(body["data"]["times"]) == len(body["data"]["lineTypes"])


def test_sensor_category_codes_by_device(onc) -> None:
    rows = onc.getSensorCategoryCodes(dict(BY_DEVICE))
    assert rows and all(
        isinstance(rows[0][k], str)
        for k in ("outputFormat", "sensorCategoryCode", "sensorCode", "sensorName", "unitOfMeasure")
    )


def test_documented_examples(onc) -> None:
    latest = onc.getScalardata(
        {"locationCode": "SEVIP", "deviceCategoryCode": "CTD", "rowLimit": 1, "getLatest": True}
    )
    assert all(s["actualSamples"] <= 1 for s in latest["sensorData"])
    sevip = onc.getScalardata(
        {
            "locationCode": "SEVIP",
            "deviceCategoryCode": "CTD",
            "dateFrom": "2016-09-01T00:00:00.000Z",
            "dateTo": "2016-09-01T00:01:00.000Z",
        }
    )
    assert len(sevip["sensorData"]) == 8
    bacax = onc.getRawdata(
        {
            "locationCode": "BACAX",
            "deviceCategoryCode": "CTD",
            "dateFrom": "2017-05-23T00:00:00.000Z",
            "dateTo": "2017-05-23T00:00:10.000Z",
        }
    )
    assert bacax["data"]["readings"][0].startswith('<?xml version="1.0"?><datapacket>')
    assert onc.getRawdata(
        {
            "deviceCode": "AMLMETRECX50348",
            "dateFrom": "2019-06-01T00:00:00.000Z",
            "dateTo": "2019-06-01T00:00:10.000Z",
        }
    )["data"]["readings"]
    assert onc.getScalardata(
        {
            "deviceCode": "SBECTD19p4686",
            "dateFrom": "2016-09-01T00:00:00.000Z",
            "dateTo": "2016-09-01T00:01:00.000Z",
        }
    )["sensorData"]
    conductivity = onc.getScalardata(
        {
            "locationCode": "BIIP",
            "deviceCategoryCode": "CTD",
            "propertyCode": "conductivity",
            "dateFrom": "2019-06-20T00:00:00.000Z",
            "dateTo": "2019-06-20T00:00:05.000Z",
        }
    )
    assert [s["propertyCode"] for s in conductivity["sensorData"]] == ["conductivity"]
    pressure = onc.getScalardata(
        {
            "locationCode": "NC89",
            "deviceCategoryCode": "CTD",
            "propertyCode": "pressure",
            "dateFrom": "2017-01-20T00:00:00.000Z",
            "dateTo": "2017-01-20T00:00:10.000Z",
        }
    )
    times = pressure["sensorData"][0]["data"]["sampleTimes"]
    assert len(times) == 40  # 4 Hz
    residual = onc.getScalardata(
        {
            "locationCode": "NC89",
            "deviceCategoryCode": "BPR",
            "sensorCategoryCodes": ["dart_pressure_residual"],
            "dateFrom": "2021-01-28T00:00:00.000Z",
            "dateTo": "2021-01-28T00:00:05.000Z",
        }
    )
    assert [s["sensorCode"] for s in residual["sensorData"]] == ["dart_pressure_residual"]
    assert residual["sensorData"][0]["unitOfMeasure"] == "decibar"
    raw = onc.getRawdata(
        {
            "locationCode": "NC89",
            "deviceCategoryCode": "BPR",
            "dateFrom": "2020-01-28T00:00:00.000Z",
            "dateTo": "2020-01-28T00:00:05.000Z",
        }
    )
    assert len(raw["data"]["readings"]) == 5


@pytest.mark.slow
def test_tutorial_day_of_nc89_ctd_raw_pages(onc) -> None:
    day = onc.getRawdata(
        {
            "locationCode": "NC89",
            "deviceCategoryCode": "CTD",
            "dateFrom": "2017-01-20",
            "dateTo": "2017-01-21",
        },
        allPages=True,
    )
    assert len(day["data"]["readings"]) > 100_000
    assert day["data"]["times"] == sorted(day["data"]["times"])
    assert len(set(day["data"]["times"])) == len(day["data"]["times"])


def test_resampling_and_quality_options(demo_server: RunningServer) -> None:
    base = {
        "deviceCode": "BPR-Folger-59",
        "dateFrom": "2019-11-23T00:00:00.000Z",
        "dateTo": "2019-11-23T01:00:00.000Z",
    }
    raw = demo_server.get("api/scalardata/device", **base).json()
    avg = demo_server.get("api/scalardata/device", **base, resamplePeriod=60, resampleType="avg").json()
    sensor_raw, sensor_avg = raw["sensorData"][0], avg["sensorData"][0]
    assert sensor_avg["actualSamples"] == 60
    assert set(sensor_avg["data"]["qaqcFlags"]) == {7}
    first_minute = sensor_raw["data"]["values"][:60]
    assert sensor_avg["data"]["values"][0] == pytest.approx(sum(first_minute) / 60, abs=1e-3)
    minmax = demo_server.get(
        "api/scalardata/device", **base, resamplePeriod=600, resampleType="minMaxAvg"
    ).json()
    data = minmax["sensorData"][0]["data"]
    assert len(data["sampleTimes"]) == 6
    assert all(
        lo <= v <= hi for lo, v, hi in zip(data["minValues"], data["values"], data["maxValues"], strict=True)
    )
    objects = demo_server.get("api/scalardata/device", **base, rowLimit=3, outputFormat="object").json()
    sample = objects["sensorData"][0]["data"][0]
    assert set(sample) == {"sampleTime", "value", "qaqcFlag"}
    bad = demo_server.get("api/scalardata/device", **base, rowLimit=100001)
    assert bad.status_code == 400 and bad.json()["errors"][0]["parameter"] == "rowLimit"
    assert (
        demo_server.get("api/scalardata/device", **base, resampleType="median", resamplePeriod=5).status_code
        == 400
    )


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    limit=st.integers(1, 400),
    start=st.integers(0, 3000),
    length=st.integers(2, 1200),  # at least one whole second, so the window holds a sample
    by_location=st.booleans(),
)
def test_property_pages_stitch_exactly(
    demo_server: RunningServer, limit: int, start: int, length: int, by_location: bool
) -> None:
    from pelagos.timeutil import format_ms, parse_instant

    limit = max(limit, length // 30)  # at most about 30 pages, so that an example takes a second, not minutes
    t0 = parse_instant("2019-11-23T00:00:00.000Z") + start * 1000 + 137
    window = {"dateFrom": format_ms(t0), "dateTo": format_ms(t0 + length * 1000 - 211)}
    where = (
        {"locationCode": "NCBC", "deviceCategoryCode": "BPR"}
        if by_location
        else {"deviceCode": "BPR-Folger-59"}
    )
    path = "api/scalardata/location" if by_location else "api/scalardata/device"
    whole = demo_server.get(path, **where, **window).json()
    pages, params = [], {**where, **window, "rowLimit": limit}
    while True:
        body = demo_server.get(path, **params).json()
        pages.append(body)
        if body["next"] is None:
            break
        params = {k: v for k, v in body["next"]["parameters"].items() if k != "token"}
    for i, sensor in enumerate(whole["sensorData"]):
        for key in ("sampleTimes", "values", "qaqcFlags"):
            assert [x for p in pages for x in p["sensorData"][i]["data"][key]] == sensor["data"][key]


# -- legacy ?method= forms (contract §0.1) ---------------------------------------------------------------------------


def _same_answer(legacy: dict, modern: dict) -> None:
    """Two answers to one query, except the echo of the URL (its path and ``method``)."""
    assert {k: v for k, v in legacy.items() if k != "queryUrl"} == {
        k: v for k, v in modern.items() if k != "queryUrl"
    }


@pytest.mark.parametrize(
    ("service", "verb", "path", "where"),
    [
        ("scalardata", "getByLocation", "scalardata/location", BY_LOCATION),
        ("scalardata", "getByDevice", "scalardata/device", BY_DEVICE),
        ("rawdata", "getByLocation", "rawdata/location", RAW_LOCATION),
        ("rawdata", "getByDevice", "rawdata/device", BY_DEVICE),
        (
            "archivefiles",
            "getListByLocation",
            "archivefile/location",
            {"locationCode": "NCBC", "deviceCategoryCode": "BPR"},
        ),
        ("archivefiles", "getListByDevice", "archivefile/device", {"deviceCode": "BPR-Folger-59"}),
    ],
)
def test_legacy_data_forms(
    demo_server: RunningServer, service: str, verb: str, path: str, where: dict
) -> None:
    query = {**where, "rowLimit": 7}
    if "archivefile" in path:
        query.update(dateFrom="2019-11-20", dateTo="2019-11-30", rowLimit=3)
    modern = demo_server.get(f"api/{path}", **query)
    legacy = demo_server.get(f"api/{service}", method=verb, **query)
    assert modern.status_code == legacy.status_code == 200
    _same_answer(legacy.json(), modern.json())
    assert legacy.json()["next"] is not None
    assert "method" not in legacy.json()["next"]["parameters"]  # the next page goes to the path form
    redundant = demo_server.get(f"api/{path}", method=verb.upper(), **query)
    _same_answer(redundant.json(), modern.json())


def test_legacy_get_file(demo_server: RunningServer) -> None:
    name = "BPR-Folger-59_20191123T000000.000Z.txt"
    modern = demo_server.get("api/archivefile/download", filename=name)
    legacy = demo_server.get("api/archivefiles", method="getFile", filename=name)
    assert modern.status_code == legacy.status_code == 200
    assert legacy.content == modern.content and legacy.content
    missing = demo_server.get("api/archivefiles", method="getFile")
    assert missing.json()["errors"][0]["errorCode"] == 128


def _run_until_complete(server: RunningServer, request_id: int) -> int:
    import time

    for _ in range(600):
        run = server.get("api/dataProductDelivery", method="run", dpRequestId=request_id)
        (entry,) = run.json()
        if run.status_code == 200:
            assert entry["status"] == "complete"
            return int(entry["dpRunId"])
        time.sleep(0.2)
    raise AssertionError("the run did not complete")


def test_legacy_data_product_delivery(demo_server: RunningServer) -> None:
    order = {
        "deviceCode": "BPR-Folger-59",
        "dataProductCode": "TSSD",
        "extension": "csv",
        "dateFrom": "2019-11-23T00:00:00.000Z",
        "dateTo": "2019-11-23T00:10:00.000Z",
    }
    requested = demo_server.get("api/dataProductDelivery", method="request", **order)
    assert requested.status_code == 200, requested.text
    request_id = requested.json()["dpRequestId"]
    status = demo_server.get("api/dataProductDelivery", method="status", dpRequestId=request_id).json()
    assert status["searchHdrStatus"] == "OPEN"
    assert status == demo_server.get("api/dataProductDelivery/status", dpRequestId=request_id).json()
    run_id = _run_until_complete(demo_server, request_id)
    for index in ("1", "meta"):
        legacy = demo_server.get("api/dataProductDelivery", method="download", dpRunId=run_id, index=index)
        modern = demo_server.get("api/dataProductDelivery/download", dpRunId=run_id, index=index)
        assert legacy.status_code == modern.status_code == 200
        assert legacy.content == modern.content and legacy.content
        assert legacy.headers["content-disposition"] == modern.headers["content-disposition"]
    second = demo_server.get("api/dataProductDelivery", method="request", **order).json()["dpRequestId"]
    demo_server.get("api/dataProductDelivery", method="run", dpRequestId=second)
    cancelled = demo_server.get("api/dataProductDelivery", method="cancel", dpRequestId=second).json()
    (entry,) = cancelled
    assert entry["status"] == "cancelled"
    restarted = demo_server.get("api/dataProductDelivery", method="restart", dpRequestId=second).json()
    assert [r["dpRunId"] for r in restarted] == [entry["dpRunId"]]
    assert _run_until_complete(demo_server, second) == entry["dpRunId"]


@pytest.mark.parametrize(
    ("path", "where", "verb"),
    [
        ("api/locations", {}, "bogus"),
        ("api/locations", {}, "getByDevice"),
        ("api/deployments", {"deviceCode": "BPR-Folger-59"}, "getTree"),
        ("api/scalardata/device", BY_DEVICE, "getByLocation"),
        ("api/rawdata/location", RAW_LOCATION, "get"),
        (
            "api/archivefile/download",
            {"filename": "BPR-Folger-59_20191123T000000.000Z.txt"},
            "getListByDevice",
        ),
        ("api/dataAvailability/dataproducts", {}, "get"),
        ("api/dataProductDelivery/status", {"dpRequestId": 1}, "run"),
        ("api/scalardata", BY_DEVICE, "bogus"),  # a legacy-only service path: no route without a verb
        ("api/dataProductDelivery", {}, "getFile"),
    ],
)
def test_unknown_method_is_127(demo_server: RunningServer, path: str, where: dict, verb: str) -> None:
    response = demo_server.get(path, method=verb, **where)
    assert response.status_code == 400, response.text
    (error,) = response.json()["errors"]
    assert (error["errorCode"], error["parameter"]) == (127, "method")
    assert f"method={verb}" in error["errorMessage"]


def test_range_errors_name_both_bounds_or_one(demo_server: RunningServer) -> None:
    cases = [
        (
            "api/archivefile/device",
            {"deviceCode": "BPR-Folger-59", "page": 0},
            "page",
            "page must be at least 1",
        ),
        ("api/scalardata/device", {**BY_DEVICE, "rowLimit": 0}, "rowLimit", "between 1 and 100000"),
        (
            "api/scalardata/device",
            {**BY_DEVICE, "resamplePeriod": -1},
            "resamplePeriod",
            "between 1 and 31536000",
        ),
        ("api/rawdata/device", {**BY_DEVICE, "sizeLimit": 1001}, "sizeLimit", "between 1 and 1000"),
        (
            "api/archivefile/device",
            {"deviceCode": "BPR-Folger-59", "page": "x"},
            "page",
            "must be an integer",
        ),
    ]
    for path, query, name, text in cases:
        response = demo_server.get(path, **query)
        assert response.status_code == 400
        (error,) = response.json()["errors"]
        assert (error["errorCode"], error["parameter"]) == (127, name)
        assert text in error["errorMessage"] and "None" not in error["errorMessage"]


# -- real-time parameters, checked value by value -------------------------------------------------------------------

SEVIP_CTD = "SBECTD19p5026"  # at SEVIP, with data on 2019-06-20
FAULTY_DAYS = [(SEVIP_CTD, "2019-06-20"), ("SBECTD19p7247", "2019-06-20")]
GROSS_TEMPERATURE = (-2.5, 35.0)


def _day(server: RunningServer, device: str, day: str) -> dict[str, dict]:
    """One day of a 1 Hz CTD's conductivity, temperature and salinity, by sensor code."""
    body = server.get(
        "api/scalardata/device",
        deviceCode=device,
        dateFrom=day,
        dateTo="P1D",
        sensorCategoryCodes="conductivity,temperature,salinity",
    ).json()
    assert body["next"] is None
    return {s["sensorCode"]: s["data"] for s in body["sensorData"]}


def _stuck_runs(values: list[float], at_least: int = 40) -> list[tuple[int, int]]:
    """(start, length) of every run of at least ``at_least`` identical consecutive values."""
    runs, start = [], 0
    for i in range(1, len(values) + 1):
        if i == len(values) or values[i] != values[start]:
            if i - start >= at_least:
                runs.append((start, i - start))
            start = i
    return runs


@pytest.fixture(scope="module")
def sevip_day(demo_server: RunningServer) -> dict[str, dict]:
    return _day(demo_server, SEVIP_CTD, "2019-06-20")


@pytest.mark.parametrize(("device", "day"), FAULTY_DAYS)
def test_demo_ctd_faults_are_flagged(demo_server: RunningServer, device: str, day: str) -> None:
    """The demo's CTDs show a moored CTD's faults (docs/qaqc.md), QAQC flags them in the served data, and the first
    hour of each day, where the documented windows sit, stays clean."""
    data = _day(demo_server, device, day)
    c, t, s = data["Conductivity"], data["Temperature"], data["Salinity"]
    n = len(c["values"])
    assert n == 86_400
    cv, tv = c["values"], t["values"]
    dropouts = [i for i in range(1, n - 1) if cv[i] < 0.9 * min(cv[i - 1], cv[i + 1])]
    assert len(dropouts) == 3
    assert all(c["qaqcFlags"][i] == 4 and s["qaqcFlags"][i] == 4 for i in dropouts)
    ((start, length),) = _stuck_runs(tv)
    assert length == 300
    stuck_flags = t["qaqcFlags"][start : start + length]
    assert set(stuck_flags) <= {1, 3, 4} and 3 in stuck_flags and stuck_flags.count(4) >= 250
    assert set(s["qaqcFlags"][start + 40 : start + length]) == {4}
    (garbled,) = [i for i, v in enumerate(tv) if not GROSS_TEMPERATURE[0] <= v <= GROSS_TEMPERATURE[1]]
    assert t["qaqcFlags"][garbled] == s["qaqcFlags"][garbled] == 4
    for i in [*dropouts, start, garbled]:
        assert c["sampleTimes"][i][11:13] != "00"
    for sensor in (c, t, s):
        assert set(sensor["qaqcFlags"][:3600]) == {1}


def test_quality_control_clean_blanks_flagged_values(demo_server: RunningServer, sevip_day: dict) -> None:
    ((start, _),) = _stuck_runs(sevip_day["Temperature"]["values"])
    times = sevip_day["Temperature"]["sampleTimes"]
    window = {"locationCode": "SEVIP", "deviceCategoryCode": "CTD"}
    window.update(dateFrom=times[start - 30], dateTo=times[start + 330])
    default = demo_server.get("api/scalardata/location", **window).json()
    raw = demo_server.get("api/scalardata/location", **window, qualityControl="raw").json()
    clean = demo_server.get("api/scalardata/location", **window, qualityControl="clean").json()
    assert raw["sensorData"] == default["sensorData"]
    assert len(clean["sensorData"]) == 8
    blanked = 0
    for r, c in zip(raw["sensorData"], clean["sensorData"], strict=True):
        assert r["data"]["sampleTimes"] == c["data"]["sampleTimes"]
        assert r["data"]["qaqcFlags"] == c["data"]["qaqcFlags"]
        for value, kept, flag in zip(
            r["data"]["values"], c["data"]["values"], r["data"]["qaqcFlags"], strict=True
        ):
            assert value is not None
            assert kept == (None if flag in (3, 4) else value)
            blanked += flag in (3, 4)
    assert blanked >= 6 * 250  # temperature and the five variables derived from it
    bad = demo_server.get("api/scalardata/location", **window, qualityControl="bogus")
    assert bad.status_code == 400 and bad.json()["errors"][0]["parameter"] == "qualityControl"


def _bins(times: list[str], values: list[float], flags: list[int], clean: bool) -> dict[str, list]:
    """Per-minute statistics computed here from raw samples: what resampling must answer."""
    out: dict[str, list] = {}
    for t, v, f in zip(times, values, flags, strict=True):
        out.setdefault(t[:17] + "00.000Z", [])
        if not (clean and f in (3, 4)):
            out[t[:17] + "00.000Z"].append(v)
    return out


@pytest.mark.parametrize(
    ("kind", "keys"),
    [
        ("avg", ["values"]),
        ("minMax", ["minValues", "maxValues"]),
        ("minMaxAvg", ["values", "minValues", "maxValues"]),
    ],
)
def test_resample_types_hold_the_true_bin_statistics(
    demo_server: RunningServer, kind: str, keys: list[str]
) -> None:
    window = {**BY_DEVICE, "dateTo": "2019-11-23T00:10:00.000Z"}
    raw = demo_server.get("api/scalardata/device", **window).json()
    binned = demo_server.get("api/scalardata/device", **window, resamplePeriod=60, resampleType=kind).json()
    for sample, sensor in zip(raw["sensorData"], binned["sensorData"], strict=True):
        data = sensor["data"]
        assert set(data) == {"qaqcFlags", "sampleTimes", *keys}
        expected = _bins(
            sample["data"]["sampleTimes"], sample["data"]["values"], sample["data"]["qaqcFlags"], False
        )
        assert data["sampleTimes"] == list(expected) and len(expected) == sensor["actualSamples"] == 10
        assert data["qaqcFlags"] == [7] * 10
        for i, members in enumerate(expected.values()):
            if "minValues" in data:
                assert (data["minValues"][i], data["maxValues"][i]) == (min(members), max(members))
            if "values" in data:
                assert data["values"][i] == pytest.approx(sum(members) / len(members), rel=1e-12)


def test_clean_resampling_flags_empty_bins_missing(demo_server: RunningServer, sevip_day: dict) -> None:
    temperature = sevip_day["Temperature"]
    ((start, _),) = _stuck_runs(temperature["values"])
    first = temperature["sampleTimes"][start][:17] + "00.000Z"
    window = {
        "deviceCode": SEVIP_CTD,
        "sensorCategoryCodes": "temperature",
        "dateFrom": first,
        "dateTo": "PT8M",
    }
    raw = demo_server.get("api/scalardata/device", **window).json()["sensorData"][0]["data"]
    binned = demo_server.get(
        "api/scalardata/device",
        **window,
        qualityControl="clean",
        resamplePeriod=60,
        resampleType="minMaxAvg",
    ).json()["sensorData"][0]["data"]
    expected = _bins(raw["sampleTimes"], raw["values"], raw["qaqcFlags"], True)
    assert binned["sampleTimes"] == list(expected)
    assert binned["qaqcFlags"] == [7 if members else 9 for members in expected.values()]
    assert 9 in binned["qaqcFlags"] and 7 in binned["qaqcFlags"]
    for i, members in enumerate(expected.values()):
        assert binned["minValues"][i] == (min(members) if members else None)
        assert binned["maxValues"][i] == (max(members) if members else None)
        assert binned["values"][i] == (pytest.approx(sum(members) / len(members)) if members else None)


def test_fill_gaps_inserts_missing_bins(demo_server: RunningServer) -> None:
    window = {
        "deviceCode": SEVIP_CTD,
        "sensorCategoryCodes": "pressure",
        "dateFrom": "2019-06-19T23:50:00.000Z",
        "dateTo": "2019-06-20T00:10:00.000Z",
    }
    plain = demo_server.get("api/scalardata/device", **window, resamplePeriod=60).json()["sensorData"][0]
    filled = demo_server.get("api/scalardata/device", **window, resamplePeriod=60, fillGaps="true").json()
    data = filled["sensorData"][0]["data"]
    assert plain["actualSamples"] == 10 and filled["sensorData"][0]["actualSamples"] == 20
    assert (
        data["sampleTimes"]
        == [f"2019-06-19T23:{m}:00.000Z" for m in range(50, 60)] + plain["data"]["sampleTimes"]
    )
    assert data["qaqcFlags"] == [9] * 10 + [7] * 10
    assert data["values"] == [None] * 10 + plain["data"]["values"]
    unresampled = demo_server.get("api/scalardata/device", **window).json()
    assert (
        demo_server.get("api/scalardata/device", **window, fillGaps="true").json()["sensorData"]
        == unresampled["sensorData"]
    )


def test_metadata_levels(demo_server: RunningServer) -> None:
    window = {
        "locationCode": "SEVIP",
        "deviceCategoryCode": "CTD",
        "dateFrom": "2019-06-20T00:00:00.000Z",
        "dateTo": "2019-06-20T00:00:10.000Z",
    }
    full = demo_server.get("api/scalardata/location", **window, metadata="full").json()
    (deployment,) = demo_server.get("api/deployments", **window).json()
    (location,) = demo_server.get("api/locations", locationCode="SEVIP").json()
    (category,) = demo_server.get("api/deviceCategories", deviceCategoryCode="CTD").json()
    assert full["metadata"] == {
        "bbox": None,
        "depth": deployment["depth"],
        "deviceCategoryName": category["deviceCategoryName"],
        "latitude": deployment["lat"],
        "locationName": location["locationName"],
        "longitude": deployment["lon"],
    }
    minimum = demo_server.get("api/scalardata/location", **window, metadata="minimum").json()
    assert set(minimum) == {"citations", "messages", "next", "parameters", "queryUrl", "sensorData"}
    assert minimum["sensorData"] == full["sensorData"]
    assert "metadata" not in demo_server.get("api/scalardata/location", **window).json()
    by_device = demo_server.get("api/scalardata/device", deviceCode=SEVIP_CTD, metadata="full")
    assert by_device.json()["errors"][0]["errorCode"] == 129


def test_sensors_to_include(demo_server: RunningServer) -> None:
    window = {"deviceCode": SEVIP_CTD, "dateFrom": "2019-06-20T00:00:00.000Z", "dateTo": "PT10S"}
    every = demo_server.get("api/scalardata/device", **window).json()["sensorData"]
    assert (
        demo_server.get("api/scalardata/device", **window, sensorsToInclude="all").json()["sensorData"]
        == every
    )
    original = demo_server.get("api/scalardata/device", **window, sensorsToInclude="original").json()[
        "sensorData"
    ]
    measured = ["Conductivity", "Temperature", "Pressure"]
    assert [s["sensorCode"] for s in every] == [
        *measured,
        "Salinity",
        "Density",
        "Sigma_T",
        "Sigma_Theta",
        "Sound_Speed",
    ]
    assert original == every[:3] and [s["sensorCode"] for s in original] == measured


def test_get_latest_with_a_row_limit(demo_server: RunningServer) -> None:
    latest = demo_server.get(
        "api/scalardata/device",
        deviceCode="BPR-Folger-59",
        getLatest="true",
        rowLimit=5,
        dateTo=MINUTE["dateTo"],
    ).json()
    window = demo_server.get(
        "api/scalardata/device",
        deviceCode="BPR-Folger-59",
        dateFrom="2019-11-23T00:00:55.000Z",
        dateTo=MINUTE["dateTo"],
    ).json()
    assert latest["next"] is None
    assert [s["data"] for s in latest["sensorData"]] == [s["data"] for s in window["sensorData"]]
    assert latest["sensorData"][0]["data"]["sampleTimes"] == [
        f"2019-11-23T00:00:{s}.000Z" for s in range(55, 60)
    ]
    assert {s["actualSamples"] for s in latest["sensorData"]} == {5}
    raw = demo_server.get(
        "api/rawdata/device",
        deviceCode="BPR-Folger-59",
        getLatest="true",
        rowLimit=3,
        dateTo=MINUTE["dateTo"],
    ).json()
    assert raw["data"]["times"] == [f"2019-11-23T00:00:{s}.000Z" for s in range(57, 60)]


def test_exclude_scalar_data(demo_server: RunningServer) -> None:
    full = demo_server.get("api/scalardata/location", **BY_LOCATION).json()
    heads = demo_server.get(
        "api/scalardata/location", **BY_LOCATION, returnOptions="excludeScalarData"
    ).json()
    assert heads["next"] is None and heads["messages"] == []
    assert heads["sensorData"] == [
        {k: v for k, v in s.items() if k not in ("data", "actualSamples")} for s in full["sensorData"]
    ]
    bad = demo_server.get("api/scalardata/location", **BY_LOCATION, returnOptions="bogus")
    assert bad.json()["errors"][0]["parameter"] == "returnOptions"


def test_output_format_object(demo_server: RunningServer) -> None:
    arrays = demo_server.get("api/scalardata/device", **BY_DEVICE).json()
    objects = demo_server.get("api/scalardata/device", **BY_DEVICE, outputFormat="object").json()
    for a, o in zip(arrays["sensorData"], objects["sensorData"], strict=True):
        assert (a["outputFormat"], o["outputFormat"]) == ("array", "object")
        d = a["data"]
        assert o["data"] == [
            {"qaqcFlag": f, "sampleTime": t, "value": v}
            for t, v, f in zip(d["sampleTimes"], d["values"], d["qaqcFlags"], strict=True)
        ]
    resampled = {**BY_DEVICE, "resamplePeriod": 30, "resampleType": "minMax"}
    binned = demo_server.get("api/scalardata/device", **resampled).json()["sensorData"][0]["data"]
    binned_objects = demo_server.get("api/scalardata/device", **resampled, outputFormat="object").json()
    assert binned_objects["sensorData"][0]["data"] == [
        {"qaqcFlag": f, "sampleTime": t, "minValue": lo, "maxValue": hi}
        for t, f, lo, hi in zip(
            binned["sampleTimes"], binned["qaqcFlags"], binned["minValues"], binned["maxValues"], strict=True
        )
    ]
    raw = demo_server.get("api/rawdata/device", **BY_DEVICE).json()
    raw_objects = demo_server.get("api/rawdata/device", **BY_DEVICE, outputFormat="object").json()
    assert raw_objects["outputFormat"] == "object"
    assert raw_objects["data"] == [
        {"lineType": lt, "reading": r, "sampleTime": t}
        for t, r, lt in zip(
            raw["data"]["times"], raw["data"]["readings"], raw["data"]["lineTypes"], strict=True
        )
    ]


def test_dates_before_year_1000_render_padded(demo_server: RunningServer) -> None:
    """Yearly bins from 0001-01-01 to the first stored sample: every bin start is rendered as ISO 8601."""
    from datetime import UTC, datetime, timedelta

    from pelagos.timeutil import parse_instant

    period_s = 31_536_000
    body = demo_server.get(
        "api/scalardata/device",
        deviceCode="BPR-Folger-59",
        sensorCategoryCodes="pressure",
        dateFrom="0001-01-01",
        dateTo="2019-11-01T00:00:01.000Z",
        resamplePeriod=period_s,
        fillGaps="true",
    ).json()
    times = body["sensorData"][0]["data"]["sampleTimes"]
    first = -(-parse_instant("0001-01-01") // (period_s * 1000))  # the first bin starting in year 1
    last = parse_instant("2019-11-01T00:00:00.000Z") // (period_s * 1000)
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    assert times == [
        (epoch + timedelta(seconds=k * period_s)).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        for k in range(first, last + 1)
    ]
    assert times[0][:4] == "0001" and times[-1] <= "2019-11-01T00:00:00.000Z"
    assert body["sensorData"][0]["data"]["qaqcFlags"] == [9] * (len(times) - 1) + [7]
