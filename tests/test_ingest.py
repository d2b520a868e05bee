"""Operators ingest readings over HTTP, from files with the CLI, and from Python; a bad batch writes nothing;
an acknowledged sample is visible at once and survives a kill -9 of the server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pelagos.catalog.tokens import create_token
from pelagos.db import create_schema, make_engine
from pelagos.ingest.demo.catalog import load_network
from pelagos.ingest.service import IngestError, Ingestor
from pelagos.series.store import SampleStore
from pelagos.timeutil import format_ms, now_ms, parse_instant
from tests.conftest import RunningServer, start_server, stop_server

OPERATOR = "operator-0123456789"
READER = "reader-0123456789"
DEVICE = "BPR-Folger-59"  # deployed at NCBC since 2007, still there


def make_folder(data_dir: Path) -> None:
    """A data folder with the demo catalog but no data, an operator token and a reader token."""
    data_dir.mkdir(parents=True)
    engine = make_engine(f"sqlite:///{data_dir / 'pelagos.db'}")
    create_schema(engine)
    with engine.begin() as conn:
        load_network(conn)
        create_token(conn, "ops", OPERATOR, operator=True)
        create_token(conn, "scientist", READER)
    engine.dispose()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("ingest") / "data"
    make_folder(data_dir)
    return data_dir


@pytest.fixture(scope="module")
def server(folder: Path) -> Iterator[RunningServer]:
    running = start_server(folder, demo=False, token=OPERATOR)
    yield running
    stop_server(running)


def post(server: RunningServer, route: str, body: object, token: str = OPERATOR) -> httpx.Response:
    return httpx.post(f"{server.url}api/ingest/{route}", params={"token": token}, json=body, timeout=60)


def latest(server: RunningServer, **extra: object) -> dict:
    return server.get(
        "api/scalardata/device", deviceCode=DEVICE, getLatest="true", rowLimit=5, **extra
    ).json()


def test_an_acknowledged_sample_is_visible_to_get_latest_at_once(server: RunningServer) -> None:
    t = now_ms() - 5_000
    answer = post(
        server,
        "samples",
        {"deviceCode": DEVICE, "sampleTimes": [format_ms(t)], "sensors": {"Pressure": [99.1234]}},
    )
    assert answer.status_code == 200 and answer.json()["samplesWritten"] == 1
    acknowledged = time.monotonic()
    body = latest(server, sensorCategoryCodes="pressure")
    assert time.monotonic() - acknowledged < 1.0
    data = body["sensorData"][0]["data"]
    assert data["sampleTimes"][-1] == format_ms(t) and data["values"][-1] == 99.1234
    assert data["qaqcFlags"][-1] == 1


def test_a_bad_row_refuses_the_whole_batch(server: RunningServer) -> None:
    t = now_ms() - 60_000
    before = latest(server)
    bad = {
        "deviceCode": DEVICE,
        "sampleTimes": [format_ms(t), format_ms(t + 1000), format_ms(t + 2000)],
        "sensors": {"Pressure": [99.0, "oops", 99.2], "Temperature": [8.1, 8.2, 8.3]},
    }
    answer = post(server, "samples", bad)
    assert answer.status_code == 400
    error = answer.json()["errors"][0]
    assert (
        error["errorCode"] == 130
        and error["parameter"] == "sensors.Pressure"
        and "row 1" in error["errorMessage"]
    )
    assert latest(server) == before  # nothing half-written
    for body, parameter in [
        ({**bad, "deviceCode": "NOPE"}, "deviceCode"),
        ({**bad, "sensors": {"Salinity": [1, 2, 3]}}, "sensors.Salinity"),  # derived, not ingested
        ({**bad, "sensors": {"Pressure": [1, 2]}}, "sensors.Pressure"),
        ({**bad, "sampleTimes": ["2001-01-01", "x", "y"], "sensors": {"Pressure": [1, 2, 3]}}, "sampleTimes"),
        ({"sampleTimes": []}, "deviceCode"),
    ]:
        refused = post(server, "samples", body)
        assert refused.status_code == 400, body
        assert refused.json()["errors"][0]["parameter"] == parameter
    not_json = httpx.post(
        f"{server.url}api/ingest/samples", params={"token": OPERATOR}, content=b"{", timeout=30
    )
    assert not_json.status_code == 400 and not_json.json()["errors"][0]["parameter"] == "body"


def test_only_operators_may_ingest(server: RunningServer) -> None:
    body = {"deviceCode": DEVICE, "sampleTimes": [format_ms(now_ms())], "sensors": {"Pressure": [1.0]}}
    assert post(server, "samples", body, token=READER).status_code == 403
    assert httpx.post(f"{server.url}api/ingest/samples", json=body, timeout=30).status_code == 401


def test_raw_lines_round_trip(server: RunningServer) -> None:
    t = now_ms() - 30_000
    times = [format_ms(t + i * 1000) for i in range(3)]
    readings = ["00017D7840001E8480000001", "00017D7841001E8480000002", "ERR 12"]
    answer = post(
        server,
        "rawdata",
        {"deviceCode": DEVICE, "times": times, "readings": readings, "lineTypes": [" ", " ", "E"]},
    )
    assert answer.status_code == 200 and answer.json()["linesWritten"] == 3
    got = server.get(
        "api/rawdata/device", deviceCode=DEVICE, dateFrom=times[0], dateTo=format_ms(t + 3000)
    ).json()
    assert got["data"] == {"lineTypes": [" ", " ", "E"], "readings": readings, "times": times}
    clean = server.get(
        "api/rawdata/device",
        deviceCode=DEVICE,
        dateFrom=times[0],
        dateTo=format_ms(t + 3000),
        skipErrors="true",
    ).json()
    assert clean["data"]["readings"] == readings[:2]


def test_python_api_derives_ctd_variables_and_flags_faults(tmp_path: Path) -> None:
    make_folder(tmp_path / "data")
    engine = make_engine(f"sqlite:///{tmp_path / 'data' / 'pelagos.db'}")
    ingestor = Ingestor(engine)
    t0 = 1_561_000_000_000  # 2019-06-20, SBECTD19p7247 at BIIP
    n = 2000
    times = t0 + np.arange(n, dtype=np.int64) * 1000
    temperature = 10 + np.random.default_rng(0).normal(0, 0.002, n)
    temperature[700] = 25.0  # a spike
    written = ingestor.samples(
        "SBECTD19p7247",
        times,
        {
            "Conductivity": np.full(n, 3.0),
            "Temperature": temperature,
            "Pressure": np.full(n, 20.0) + np.arange(n) * 1e-3,
        },
    )
    assert written == 8 * n  # three measured + five derived sensors
    view = ingestor.catalog.get()
    sensors = {s.code: s.id for s in view.devices["SBECTD19p7247"].sensors}
    store = SampleStore(engine)
    salinity = store.read(sensors["Salinity"], None, None, n)
    assert 25 < salinity.values[0] < 35
    assert store.read(sensors["Temperature"], None, None, n).flags[700] == 4
    assert salinity.flags[700] == 4  # derived from a bad reading: bad too
    with pytest.raises(IngestError) as refused:
        ingestor.samples("SBECTD19p7247", [0], {"Temperature": [1.0]})  # 1970: not deployed
    assert refused.value.field == "sampleTimes" and refused.value.row == 0
    engine.dispose()


def test_cli_ingests_csv_and_raw_files(tmp_path: Path) -> None:
    data = tmp_path / "data"
    make_folder(data)
    csv = tmp_path / "bpr.csv"
    csv.write_text(
        "time,Pressure,Temperature\n2019-11-02T00:00:00.000Z,99.5,8.1\n2019-11-02T00:00:01.000Z,99.6,\n"
    )
    raw = tmp_path / "bpr.log"
    raw.write_text("2019-11-02T00:00:00.000Z 00017D7840001E8480000001\n2019-11-02T00:00:01.000Z 00017D78\n")
    run = [sys.executable, "-m", "pelagos.cli", "ingest", "--device", DEVICE, "--data-dir", str(data)]
    done = subprocess.run([*run, str(csv)], capture_output=True, text=True, check=True)
    assert "4 samples stored" in done.stdout
    done = subprocess.run([*run, "--raw", str(raw)], capture_output=True, text=True, check=True)
    assert "2 raw lines stored" in done.stdout
    broken = tmp_path / "broken.csv"
    broken.write_text("time,Pressure\n2019-11-02T00:00:05.000Z,abc\n")
    refused = subprocess.run([*run, str(broken)], capture_output=True, text=True)
    assert refused.returncode == 1 and "not a number" in refused.stderr
    engine = make_engine(f"sqlite:///{data / 'pelagos.db'}")
    view = Ingestor(engine).catalog.get()
    pressure = next(s.id for s in view.devices[DEVICE].sensors if s.code == "Pressure")
    got = SampleStore(engine).read(pressure, None, None, 10)
    assert got.values.tolist() == [99.5, 99.6]
    engine.dispose()


@pytest.mark.slow
def test_kill_9_loses_no_acknowledged_sample(tmp_path: Path) -> None:
    data = tmp_path / "data"
    make_folder(data)
    server = start_server(data, demo=False, token=OPERATOR)
    acknowledged: list[int] = []
    stop = threading.Event()
    base = now_ms() - 3_600_000

    def writer() -> None:
        i = 0
        with httpx.Client(timeout=10) as client:
            while not stop.is_set():
                times = [base + (i * 50 + k) * 1000 for k in range(50)]
                body = {
                    "deviceCode": DEVICE,
                    "sampleTimes": times,
                    "sensors": {"Pressure": [99.0 + k for k in range(50)]},
                }
                try:
                    answer = client.post(
                        f"{server.url}api/ingest/samples", params={"token": OPERATOR}, json=body
                    )
                except httpx.HTTPError:
                    return  # the server is gone: this batch was never acknowledged
                if answer.status_code == 200:
                    acknowledged.extend(times)
                i += 1

    thread = threading.Thread(target=writer)
    thread.start()
    time.sleep(3)
    os.kill(server.process.pid, signal.SIGKILL)
    server.process.wait()
    stop.set()
    thread.join()
    assert len(acknowledged) > 200
    restarted = start_server(data, demo=False, token=OPERATOR)
    try:
        stored: list[str] = []
        params = {
            "deviceCode": DEVICE,
            "sensorCategoryCodes": "pressure",
            "dateFrom": format_ms(base),
            "rowLimit": 100000,
        }
        while True:
            body = restarted.get("api/scalardata/device", **params).json()
            stored += body["sensorData"][0]["data"]["sampleTimes"]
            if body["next"] is None:
                break
            params = {**params, **body["next"]["parameters"]}
        assert set(map(format_ms, acknowledged)) <= set(stored)
    finally:
        stop_server(restarted)


def test_demo_live_feed_shows_readings_from_the_last_seconds(demo_dir: Path) -> None:
    server = start_server(demo_dir, live=True)
    try:
        time.sleep(2.5)
        for device in ("BPR-Folger-59", "SBECTD19p5026", "RBRQUARTZ3BPR203659"):
            body = server.get("api/scalardata/device", deviceCode=device, getLatest="true", rowLimit=1).json()
            newest = max(parse_instant(s["data"]["sampleTimes"][-1]) for s in body["sensorData"])
            assert now_ms() - newest < 5_000, device
            raw = server.get("api/rawdata/device", deviceCode=device, getLatest="true", rowLimit=1).json()
            assert now_ms() - parse_instant(raw["data"]["times"][-1]) < 5_000, device
    finally:
        stop_server(server)


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    route=st.sampled_from(["samples", "rawdata"]),
    body=st.one_of(
        JSON,
        st.fixed_dictionaries(
            {
                "deviceCode": st.sampled_from([DEVICE, "SBECTD19p7247", "nope", ""]) | JSON,
                "sampleTimes": st.lists(st.integers() | st.text(max_size=30) | JSON, max_size=4) | JSON,
                "times": st.lists(st.integers() | st.sampled_from(["2024-01-01T00:00:00Z", "x"]), max_size=4),
                "readings": st.lists(st.text(max_size=10) | JSON, max_size=4),
                "sensors": st.dictionaries(
                    st.sampled_from(["Pressure", "Temperature", "Salinity", "x"]),
                    st.lists(
                        st.floats(allow_nan=False, allow_infinity=False) | st.none() | st.text(max_size=3),
                        max_size=4,
                    )
                    | JSON,
                    max_size=3,
                ),
            }
        ),
    ),
)
def test_fuzz_ingest_bodies_never_500(server: RunningServer, route: str, body: object) -> None:
    answer = post(server, route, body)
    assert answer.status_code in (200, 400), (body, answer.text[:300])
    if answer.status_code == 400:
        assert answer.json()["errors"][0]["errorCode"] == 130
