"""Data product delivery with the official onc 2.6.0 client against the demo server: order, request/run/download,
cancel and restart (contract §4, official test rows 51-57), the HTTP answers of each state, ids out of any row's
range, long ranges split into numbered files, and estimates close to the real sizes."""

from __future__ import annotations

import re
import time
from pathlib import Path

import httpx
import numpy as np
import pandas as pd
import pytest
import requests

from tests.conftest import RunningServer

CRIP_TSSP = {
    "locationCode": "CRIP.C1",
    "deviceCategoryCode": "CTD",
    "dataProductCode": "TSSP",
    "extension": "png",
    "dateFrom": "2019-08-29",
    "dateTo": "2019-08-30",
    "dpo_qualityControl": 1,
    "dpo_resample": "none",
}
FILE_INFO_TYPES = {
    "url": str,
    "status": str,
    "size": int,
    "file": str,
    "index": str,
    "downloaded": bool,
    "requestCount": int,
    "fileDownloadTime": float,
}
UNKNOWN_ID = 1234567890


@pytest.fixture
def onc(demo_server: RunningServer, tmp_path: Path):  # type: ignore[no-untyped-def]
    from onc import ONC

    client = ONC(demo_server.token, outPath=tmp_path / "output", showWarning=False)
    client.baseUrl = demo_server.url
    return client


def api_codes(excinfo: pytest.ExceptionInfo[requests.HTTPError]) -> set[int]:
    return {int(c) for c in re.findall(r"API Error (\d+)", str(excinfo.value))}


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_order_downloads_two_plots_and_the_metadata_file(onc, tmp_path: Path) -> None:
    result = onc.orderDataProduct(dict(CRIP_TSSP))
    rows = result["downloadResults"]
    assert [r["index"] for r in rows] == ["1", "2", "meta"]
    assert all(r["status"] == "complete" and r["downloaded"] for r in rows)
    for row in rows:
        assert {k: type(v) for k, v in row.items()} == FILE_INFO_TYPES
    names = files_in(tmp_path / "output")
    assert len(names) == 3
    assert rows[0]["file"].startswith(
        "CampbellRiver_CampbellRiverInstrumentPlatform_ConductivityTemperatureDepth_"
    )
    assert rows[0]["file"].endswith("_20190829T000000Z_20190830T000000Z-clean.png")
    assert rows[1]["file"].endswith("-clean_2.png") and rows[2]["file"].endswith("-clean_PNG_META.xml")
    for row in rows[:2]:
        assert (tmp_path / "output" / row["file"]).read_bytes()[:4] == b"\x89PNG"
    assert result["stats"]["totalSize"] == sum(r["size"] for r in rows)


def test_order_without_metadata_file(onc, tmp_path: Path) -> None:
    result = onc.orderDataProduct(dict(CRIP_TSSP), includeMetadataFile=False)
    assert [r["index"] for r in result["downloadResults"]] == ["1", "2"]
    assert len(files_in(tmp_path / "output")) == 2
    assert result["stats"]["totalSize"] != 0


def test_order_results_only_downloads_nothing(onc, tmp_path: Path) -> None:
    result = onc.orderDataProduct(dict(CRIP_TSSP), downloadResultsOnly=True)
    rows = result["downloadResults"]
    assert [r["index"] for r in rows] == ["1", "2", "meta"]
    assert all(r["status"] == "complete" and not r["downloaded"] for r in rows)
    assert files_in(tmp_path / "output") == []
    answer = httpx.get(rows[0]["url"], timeout=60)  # the prefilled URL downloads the file
    assert answer.status_code == 200 and answer.content[:4] == b"\x89PNG"


def test_manual_request_status_run_download(onc, tmp_path: Path) -> None:
    request = onc.requestDataProduct(dict(CRIP_TSSP))
    assert isinstance(request["dpRequestId"], int)
    assert re.fullmatch(r"\d+ (s|min|hour)", request["estimatedProcessingTime"])
    assert re.fullmatch(r"[\d.]+ (B|kB|MB|GB)", request["estimatedFileSize"])
    assert onc.checkDataProduct(request["dpRequestId"])["searchHdrStatus"] == "OPEN"
    run = onc.runDataProduct(request["dpRequestId"])
    assert run["fileCount"] == 2 and len(run["runIds"]) == 1
    files = onc.downloadDataProduct(run["runIds"][0])
    assert [f["index"] for f in files] == ["1", "2", "meta"]
    assert len(files_in(tmp_path / "output")) == 3
    status = onc.checkDataProduct(request["dpRequestId"])
    assert status["searchHdrStatus"] == "COMPLETED"
    assert status["dpRunIds"] == run["runIds"]


def test_cancel_then_restart_keeps_the_run_id(onc, tmp_path: Path) -> None:
    request_id = onc.requestDataProduct(dict(CRIP_TSSP))["dpRequestId"]
    run_id = onc.runDataProduct(request_id, waitComplete=False)["runIds"][0]
    assert onc.cancelDataProduct(request_id) == [{"dpRunId": run_id, "status": "cancelled"}]
    with pytest.raises(requests.HTTPError) as excinfo:  # decision §10.2: a proper errors body
        onc.downloadDataProduct(run_id)
    assert api_codes(excinfo) == {127} and "dpRunId" in str(excinfo.value)
    assert onc.checkDataProduct(request_id)["searchHdrStatus"] == "CANCELLED"
    restarted = onc.restartDataProduct(request_id)
    assert restarted["runIds"][0] == run_id and restarted["fileCount"] == 2
    files = onc.downloadDataProduct(run_id)
    assert [f["index"] for f in files] == ["1", "2", "meta"]
    assert len(files_in(tmp_path / "output")) == 3


@pytest.mark.parametrize(
    "method", ["checkDataProduct", "runDataProduct", "cancelDataProduct", "restartDataProduct"]
)
def test_unknown_request_id_is_127(onc, method: str) -> None:
    with pytest.raises(requests.HTTPError) as excinfo:
        getattr(onc, method)(UNKNOWN_ID)
    assert api_codes(excinfo) == {127}


def test_unknown_run_id_is_127(onc) -> None:
    with pytest.raises(requests.HTTPError) as excinfo:
        onc.downloadDataProduct(UNKNOWN_ID)
    assert api_codes(excinfo) == {127}


def test_unknown_product_code_is_127(onc) -> None:
    with pytest.raises(requests.HTTPError) as excinfo:
        onc.orderDataProduct({**CRIP_TSSP, "dataProductCode": "XYZ123"})
    assert api_codes(excinfo) == {127}


def get(server: RunningServer, verb: str, method: str = "GET", **params: object) -> httpx.Response:
    return httpx.request(
        method,
        f"{server.url}api/dataProductDelivery/{verb}",
        params={"token": server.token, **params},
        timeout=60,
    )


def error(answer: httpx.Response) -> tuple[int, int, str]:
    entry = answer.json()["errors"]
    assert len(entry) == 1
    return answer.status_code, entry[0]["errorCode"], entry[0]["parameter"]


@pytest.mark.parametrize(
    "change,expected",
    [
        ({"extension": "xyz"}, (400, 127, "extension")),
        ({"dataProductCode": "HSD", "extension": "txt"}, (400, 127, "extension")),
        ({"dpo_spectrogramColourPalette": "1"}, (400, 129, "dpo_spectrogramColourPalette")),
        ({"dpo_resample": "sometimes"}, (400, 127, "dpo_resample")),
        ({"dpo_qualityControl": "2"}, (400, 127, "dpo_qualityControl")),
        ({"dateFrom": "2000-01-01", "dateTo": "2000-01-02"}, (400, 127, "dateFrom,dateTo")),
        ({"dateFrom": "2019-08-30", "dateTo": "2019-08-29"}, (400, 23, "dateFrom,dateTo")),
        ({"locationCode": "XYZ123"}, (400, 127, "locationCode")),
        ({"propertyCode": "windspeed"}, (400, 127, "propertyCode")),
        ({"dataProductCode": None}, (400, 128, "dataProductCode")),
        ({"locationCodes": "CRIP.C1"}, (400, 129, "locationCodes")),
    ],
)
def test_bad_requests_get_the_contract_error(
    demo_server: RunningServer, change: dict, expected: tuple
) -> None:
    params = {k: v for k, v in {**CRIP_TSSP, **change}.items() if v is not None}
    assert error(get(demo_server, "request", **params)) == expected


def test_run_answers_202_then_200_and_download_states(demo_server: RunningServer) -> None:
    ident = get(demo_server, "request", **CRIP_TSSP).json()["dpRequestId"]
    first = get(demo_server, "run", dpRequestId=ident)
    assert first.status_code == 202
    [entry] = first.json()
    assert entry["status"] in ("queued", "data product running") and entry["fileCount"] == 0
    run_id = entry["dpRunId"]
    assert get(demo_server, "run", dpRequestId=ident).json()[0]["dpRunId"] == run_id  # idempotent
    one = get(demo_server, "download", dpRunId=run_id, index=1)  # waits for the file
    while one.status_code == 202:
        assert set(one.json()) == {"message", "status"}
        one = get(demo_server, "download", dpRunId=run_id, index=1)
    assert one.status_code == 200
    name = one.headers["content-disposition"].split("filename=")[1]
    assert name.endswith("-clean.png") and '"' not in name
    assert int(one.headers["content-length"]) == len(one.content)
    done = get(demo_server, "run", dpRequestId=ident)
    assert done.status_code == 200 and done.json() == [
        {"dpRunId": run_id, "status": "complete", "fileCount": 2}
    ]
    head = get(demo_server, "download", "HEAD", dpRunId=run_id, index=2)
    assert head.status_code == 200 and head.content == b"" and int(head.headers["content-length"]) > 0
    assert get(demo_server, "download", dpRunId=run_id, index="meta").status_code == 200
    assert get(demo_server, "download", dpRunId=run_id, index=3).status_code == 404
    assert get(demo_server, "download", "HEAD", dpRunId=run_id, index=3).status_code == 404
    assert error(get(demo_server, "download", dpRunId=run_id, index="first")) == (400, 127, "index")
    assert error(get(demo_server, "download", dpRunId=run_id)) == (400, 128, "index")


def test_a_window_without_samples_downloads_204(demo_server: RunningServer) -> None:
    """Between two consecutive 1 Hz samples the store holds nothing: the run completes with no files."""
    times = get_sample_times(demo_server)
    params = {
        "deviceCode": "BPR-Folger-59",
        "dataProductCode": "TSSD",
        "extension": "csv",
        "dateFrom": shift(times[0], 1),
        "dateTo": times[1],
    }
    ident = get(demo_server, "request", **params).json()["dpRequestId"]
    run_id = get(demo_server, "run", dpRequestId=ident).json()[0]["dpRunId"]
    answer = get(demo_server, "download", dpRunId=run_id, index=1)
    while answer.status_code == 202:
        answer = get(demo_server, "download", dpRunId=run_id, index=1)
    assert answer.status_code == 204 and answer.content == b""
    assert get(demo_server, "run", dpRequestId=ident).json()[0]["fileCount"] == 0


def get_sample_times(server: RunningServer) -> list[str]:
    answer = httpx.get(
        f"{server.url}api/scalardata/device",
        params={
            "token": server.token,
            "deviceCode": "BPR-Folger-59",
            "dateFrom": "2019-11-23T00:00:00.000Z",
            "dateTo": "2019-11-23T00:00:05.000Z",
        },
        timeout=60,
    )
    times: list[str] = answer.json()["sensorData"][0]["data"]["sampleTimes"]
    return times


def shift(iso: str, ms: int) -> str:
    from pelagos.timeutil import format_ms, parse_instant

    return format_ms(parse_instant(iso) + ms)


def test_someone_elses_request_is_unknown(demo_server: RunningServer) -> None:
    from pelagos.catalog.tokens import create_token
    from pelagos.db import make_engine

    engine = make_engine(f"sqlite:///{demo_server.data_dir / 'pelagos.db'}")
    with engine.begin() as conn:
        other = create_token(conn, "someone-else")
    engine.dispose()
    ident = get(demo_server, "request", **CRIP_TSSP).json()["dpRequestId"]
    run_id = get(demo_server, "run", dpRequestId=ident).json()[0]["dpRunId"]
    time.sleep(0.2)
    for verb, params in [
        ("status", {"dpRequestId": ident}),
        ("run", {"dpRequestId": ident}),
        ("cancel", {"dpRequestId": ident}),
        ("restart", {"dpRequestId": ident}),
        ("download", {"dpRunId": run_id, "index": 1}),
    ]:
        answer = httpx.get(
            f"{demo_server.url}api/dataProductDelivery/{verb}", params={"token": other, **params}, timeout=60
        )
        assert error(answer)[:2] == (400, 127), verb
    assert get(demo_server, "status", dpRequestId=ident).status_code == 200


@pytest.mark.parametrize(
    "verb,name",
    [
        ("status", "dpRequestId"),
        ("run", "dpRequestId"),
        ("cancel", "dpRequestId"),
        ("restart", "dpRequestId"),
        ("download", "dpRunId"),
    ],
)
@pytest.mark.parametrize("ident", [2**63 - 1, 2**63, 2**64 + 1, 10**40, 0, -1])
def test_ids_beyond_any_row_are_127_naming_the_parameter(
    demo_server: RunningServer, verb: str, name: str, ident: int
) -> None:
    extra = {"index": 1} if verb == "download" else {}
    assert error(get(demo_server, verb, **{name: str(ident)}, **extra)) == (400, 127, name)


#: Six days of 1 Hz bottom pressure: 518,400 rows, more than the 500,000 of one file.
SIX_DAYS = {
    "deviceCode": "BPR-Folger-59",
    "propertyCode": "totalpressure",
    "dataProductCode": "TSSD",
    "extension": "csv",
    "dateFrom": "2019-11-23T00:00:00.000Z",
    "dateTo": "2019-11-29T00:00:00.000Z",
}


def test_a_long_range_is_split_into_numbered_files_covering_it(onc, tmp_path: Path) -> None:
    from pelagos.timeutil import parse_instant

    rows = onc.orderDataProduct(dict(SIX_DAYS))["downloadResults"]
    assert [r["index"] for r in rows] == ["1", "2", "meta"]
    assert rows[0]["file"] == "BPR-Folger-59_20191123T000000Z_20191128T185319Z-clean.csv"
    assert rows[1]["file"] == "BPR-Folger-59_20191128T185320Z_20191128T235959Z-clean.csv"
    parts = []
    for row in rows[:2]:
        frame = pd.read_csv(tmp_path / "output" / row["file"], comment="#")
        times = pd.to_datetime(frame.iloc[:, 0]).astype("int64") // 1_000_000
        assert list(frame.columns[1:]) == ["Seafloor Pressure (decibar)", "Seafloor Pressure QC Flag"]
        parts.append(times.to_numpy())
    assert [len(p) for p in parts] == [500_000, 18_400]
    assert parts[0][-1] < parts[1][0]  # no overlap, in order
    joined = np.concatenate(parts)
    start, end = parse_instant(SIX_DAYS["dateFrom"]), parse_instant(SIX_DAYS["dateTo"])
    assert joined.tolist() == list(range(start, end, 1000))  # every second of the range, once


def size_in_bytes(text: str) -> float:
    number, unit = text.split()
    return float(number) * {"B": 1, "kB": 1e3, "MB": 1e6, "GB": 1e9}[unit]


AVERAGE = {"dpo_resample": "average", "dpo_average": 60}


@pytest.mark.parametrize(
    "extension,options",
    [
        ("csv", {"dpo_resample": "none"}),
        ("csv", AVERAGE),
        ("csv", {"dpo_resample": "minMaxAvg", "dpo_minMaxAvg": 600, "dpo_dataGaps": 1}),
        ("csv", {"dpo_sensorsToInclude": "original", "dpo_qaqcFlags": 0}),
        ("json", {"dpo_resample": "none"}),
        ("json", AVERAGE),
        ("mat", {"dpo_resample": "none"}),
        ("mat", AVERAGE),
    ],
)
def test_estimated_size_is_within_three_times_the_real_size(onc, extension: str, options: dict) -> None:
    params = {
        "locationCode": "CRIP.C1",
        "deviceCategoryCode": "CTD",
        "dataProductCode": "TSSD",
        "extension": extension,
        "dateFrom": "2019-08-29",
        "dateTo": "2019-08-30",
        **options,
    }
    request = onc.requestDataProduct(params)
    estimate = size_in_bytes(request["estimatedFileSize"])
    run = onc.runDataProduct(request["dpRequestId"])
    files = onc.downloadDataProduct(run["runIds"][0], includeMetadataFile=False)
    real = sum(f["size"] for f in files)
    assert real / 3 <= estimate <= real * 3, (request["estimatedFileSize"], real)
    assert re.fullmatch(r"\d+ s", request["estimatedProcessingTime"])
