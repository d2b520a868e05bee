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
