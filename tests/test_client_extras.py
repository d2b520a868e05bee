"""What the pelagos client adds to the official one, against a real demo server: concurrent allPages equal to the
sequential pages, DataFrames and CF Datasets, the asyncio client, and progress bars that stay quiet off a terminal."""

from __future__ import annotations

import asyncio
import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from onc import ONC as OfficialONC

from pelagos import ONC, AsyncONC
from pelagos.client import to_dataframe, to_xarray
from tests.conftest import RunningServer

BPR_DAY = {
    "deviceCode": "BPR-Folger-59",
    "dateFrom": "2019-11-23T00:00:00.000Z",
    "dateTo": "2019-11-24T00:00:00.000Z",
    "rowLimit": 9000,
}
NCBC_HOURS = {
    "locationCode": "NCBC",
    "deviceCategoryCode": "BPR",
    "dateFrom": "2019-11-23T10:00:00.000Z",
    "dateTo": "2019-11-23T14:00:00.000Z",
    "rowLimit": 1000,
}


def ours(server: RunningServer, tmp_path: Path, **options: Any) -> ONC:
    return ONC(server.token, baseUrl=server.url, outPath=tmp_path / "ours", showWarning=False, **options)


def official(server: RunningServer, tmp_path: Path) -> OfficialONC:
    client = OfficialONC(server.token, outPath=tmp_path / "official", showWarning=False)
    client.baseUrl = server.url
    return client


def without_urls(result: dict[str, Any]) -> dict[str, Any]:
    """The answer less ``queryUrl`` (it carries the token the client sent)."""
    return {key: value for key, value in result.items() if key != "queryUrl"}


@pytest.mark.parametrize("query", [BPR_DAY, NCBC_HOURS], ids=["device", "location"])
def test_concurrent_all_pages_equal_the_sequential_pages(
    demo_server: RunningServer, tmp_path: Path, query: dict[str, Any]
) -> None:
    fast = ours(demo_server, tmp_path, concurrency=8, progress=False).getScalardata(
        dict(query), allPages=True
    )
    slow = ours(demo_server, tmp_path, concurrency=1, progress=False).getScalardata(
        dict(query), allPages=True
    )
    reference = official(demo_server, tmp_path).getScalardata(dict(query), allPages=True)
    assert without_urls(fast) == without_urls(slow) == without_urls(reference)
    times = fast["sensorData"][0]["data"]["sampleTimes"]
    assert len(times) > 3 * query["rowLimit"] and times == sorted(set(times))
    assert fast["next"] is None


def test_concurrent_raw_pages_equal_the_official_pages(demo_server: RunningServer, tmp_path: Path) -> None:
    query = {"deviceCode": "BPR-Folger-59", "dateFrom": "2019-11-23T00:00:00.000Z",
             "dateTo": "2019-11-23T06:00:00.000Z", "rowLimit": 2500}  # fmt: skip
    fast = ours(demo_server, tmp_path, progress=False).getRawdata(dict(query), allPages=True)
    reference = official(demo_server, tmp_path).getRawdata(dict(query), allPages=True)
    assert fast["data"] == reference["data"] and len(fast["data"]["times"]) == 6 * 3600


def test_scalar_frame_has_utc_times_values_flags_and_units(
    demo_server: RunningServer, tmp_path: Path
) -> None:
    query = {**BPR_DAY, "dateTo": "2019-11-23T00:10:00.000Z"}
    result = ours(demo_server, tmp_path, progress=False).getScalardata(dict(query), allPages=True)
    frame = result.to_dataframe()
    assert str(frame.index.dtype) == "datetime64[ns, UTC]" and frame.index.name == "time"
    assert frame.index[0] == pd.Timestamp("2019-11-23T00:00:00Z") and len(frame) == 600
    for sensor in result["sensorData"]:
        code = sensor["sensorCode"]
        assert frame[code].tolist() == sensor["data"]["values"]
        assert frame[f"{code}_qaqcFlag"].tolist() == sensor["data"]["qaqcFlags"]
        assert frame.attrs["units"][code] == sensor["unitOfMeasure"]
    # the same frame from the official client's dict, and from outputFormat=object
    assert to_dataframe(official(demo_server, tmp_path).getScalardata(dict(query))).equals(frame)
    objects = ours(demo_server, tmp_path, progress=False).getScalardata({**query, "outputFormat": "object"})
    assert to_dataframe(objects).equals(frame)
    assert ours(demo_server, tmp_path, progress=False).getScalardataFrame(dict(query)).equals(frame)


def test_scalar_dataset_carries_cf_attributes(demo_server: RunningServer, tmp_path: Path) -> None:
    query = {"locationCode": "SEVIP", "deviceCategoryCode": "CTD",
             "dateFrom": "2016-09-01T00:00:00.000Z", "dateTo": "2016-09-01T00:01:00.000Z"}  # fmt: skip
    result = ours(demo_server, tmp_path, progress=False).getScalardata(query)
    dataset = result.to_xarray()
    assert dataset.attrs["Conventions"] == "CF-1.8" and dataset["time"].attrs["axis"] == "T"
    temperature = [
        v for v in dataset.data_vars.values() if v.attrs.get("standard_name") == "sea_water_temperature"
    ]
    assert temperature and temperature[0].attrs["units"] == "degree_C"
    flags = dataset[temperature[0].attrs["ancillary_variables"]]
    assert set(np.unique(flags.values)) <= set(flags.attrs["flag_values"].tolist())
    assert len(flags.attrs["flag_meanings"].split()) == len(flags.attrs["flag_values"])
    assert dataset.sizes["time"] == len(result["sensorData"][0]["data"]["sampleTimes"])


def test_raw_frame_and_dataset(demo_server: RunningServer, tmp_path: Path) -> None:
    query = {"locationCode": "NC89", "deviceCategoryCode": "BPR",
             "dateFrom": "2020-01-28T00:00:00.000Z", "dateTo": "2020-01-28T00:00:05.000Z"}  # fmt: skip
    result = ours(demo_server, tmp_path, progress=False).getRawdata(query)
    frame = result.to_dataframe()
    assert frame["reading"].tolist() == result["data"]["readings"]
    assert frame.index.tolist() == pd.to_datetime(result["data"]["times"], utc=True).tolist()
    assert to_xarray(result)["reading"].values.tolist() == result["data"]["readings"]


def test_async_client_gives_what_the_sync_client_gives(demo_server: RunningServer, tmp_path: Path) -> None:
    async def fetch_all() -> tuple[Any, ...]:
        async with AsyncONC(demo_server.token, baseUrl=demo_server.url, outPath=tmp_path / "async",
                            showWarning=False, progress=False) as onc:  # fmt: skip
            return await asyncio.gather(
                onc.getLocations({"locationCode": "NCBC"}),
                onc.getScalardata(dict(NCBC_HOURS), allPages=True),
                onc.getArchivefileUrls(
                    {"deviceCode": "BPR-Folger-59", "dateFrom": "2019-11-23", "dateTo": "2019-11-25"}
                ),  # fmt: skip
                onc.downloadArchivefile("BPR-Folger-59_20191123T000000.000Z.txt"),
            )

    locations, scalar, urls, downloaded = asyncio.run(fetch_all())
    sync = ours(demo_server, tmp_path, progress=False)
    assert locations == sync.getLocations({"locationCode": "NCBC"})
    assert without_urls(scalar) == without_urls(sync.getScalardata(dict(NCBC_HOURS), allPages=True))
    assert urls == sync.getArchivefileUrls({"deviceCode": "BPR-Folger-59", "dateFrom": "2019-11-23",
                                            "dateTo": "2019-11-25"})  # fmt: skip
    body = demo_server.get("api/archivefile/download", filename=downloaded["file"]).content
    assert (tmp_path / "async" / downloaded["file"]).read_bytes() == body
    assert downloaded["size"] == len(body) and downloaded["status"] == "completed"


def _stderr_on_a_terminal(server: RunningServer, progress: bool) -> str:
    """What a script fetching several pages writes to its standard error when that is a terminal."""
    script = (
        "from pelagos import ONC; import sys; "
        f"ONC({server.token!r}, baseUrl={server.url!r}, showWarning=False, progress={progress})"
        f".getScalardata({NCBC_HOURS!r}, allPages=True)"
    )
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a new pty is 0 wide
    process = subprocess.run([sys.executable, "-c", script], stderr=follower, stdout=subprocess.DEVNULL,
                             timeout=120, check=True)  # fmt: skip
    os.close(follower)
    chunks = []
    while select.select([leader], [], [], 0.2)[0]:
        try:
            chunks.append(os.read(leader, 65536))
        except OSError:
            break
    os.close(leader)
    assert process.returncode == 0
    return b"".join(chunks).decode(errors="replace")


def test_progress_bars_show_on_a_terminal_unless_turned_off(demo_server: RunningServer) -> None:
    assert "slice" in _stderr_on_a_terminal(demo_server, progress=True)
    assert _stderr_on_a_terminal(demo_server, progress=False).strip() == ""


def test_progress_bars_stay_off_a_pipe(
    demo_server: RunningServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ours(demo_server, tmp_path, progress=True).getScalardata(dict(NCBC_HOURS), allPages=True)
    assert capsys.readouterr().err == ""
