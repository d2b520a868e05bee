"""The ``pelagos`` client commands against a real demo server: what they print and write equals the API's data."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest
import xarray as xr
from onc import ONC as OfficialONC

from pelagos.cli import main
from tests.conftest import RunningServer

BPR_MINUTE = [
    "deviceCode=BPR-Folger-59",
    "dateFrom=2019-11-23T00:00:00.000Z",
    "dateTo=2019-11-23T00:01:00.000Z",
]
BPR_FILES = ["deviceCode=BPR-Folger-59", "dateFrom=2019-11-23", "dateTo=2019-11-26", "fileExtension=txt"]


def run(server: RunningServer, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``pelagos ARGV --url --token -q`` in-process; its exit status, standard output and error."""
    capsys.readouterr()
    status = main([*argv, "--url", server.url, "--token", server.token, "-q"])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def official(demo_server: RunningServer, tmp_path: Path) -> OfficialONC:
    client = OfficialONC(demo_server.token, outPath=tmp_path / "official", showWarning=False)
    client.baseUrl = demo_server.url
    return client


def filters(items: list[str]) -> dict[str, str]:
    return dict(item.split("=", 1) for item in items)


def test_discovery_prints_the_service_answer_as_json(
    demo_server: RunningServer, official: OfficialONC, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(demo_server, capsys, "locations", "locationCode=NC89")
    assert status == 0 and demo_server.token not in err
    assert json.loads(out) == official.getLocations({"locationCode": "NC89"})
    status, out, _ = run(demo_server, capsys, "tree", "locationCode=BACCC")
    assert [node["locationCode"] for node in json.loads(out)[0]["children"]] == ["BACCC.A1", "BACCC.A2"]


def test_discovery_table_shows_the_flat_columns(
    demo_server: RunningServer, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(demo_server, capsys, "devices", "deviceCode=BPR-Folger-59", "--table")
    header, row = out.splitlines()[:2]
    assert status == 0
    assert header.split() == ["deviceCategoryCode", "deviceCode", "deviceId", "deviceLink", "deviceName",
                              "hasDeviceData"]  # fmt: skip
    assert "BPR-Folger-59" in row and "21503" in row and "cvTerm" not in header


def test_scalardata_csv_holds_every_page_of_every_sensor(
    demo_server: RunningServer, official: OfficialONC, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "bpr.csv"
    status, _, _ = run(demo_server, capsys, "scalardata", *BPR_MINUTE, "rowLimit=25", "--csv", str(target))
    assert status == 0
    frame = pd.read_csv(target, index_col="time", parse_dates=["time"])
    expected = official.getScalardata(filters(BPR_MINUTE), allPages=True)["sensorData"]
    assert len(frame) == len(expected[0]["data"]["sampleTimes"]) == 60
    for sensor in expected:
        code = sensor["sensorCode"]
        assert frame[code].tolist() == sensor["data"]["values"]
        assert frame[f"{code}_qaqcFlag"].tolist() == sensor["data"]["qaqcFlags"]
    first = pd.Timestamp(expected[0]["data"]["sampleTimes"][0])
    assert frame.index[0] == first


def test_scalardata_to_standard_output_parquet_and_netcdf_agree(
    demo_server: RunningServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, _ = run(demo_server, capsys, "scalardata", *BPR_MINUTE)
    assert status == 0 and out.startswith("time,")
    run(demo_server, capsys, "scalardata", *BPR_MINUTE, "--parquet", str(tmp_path / "bpr.parquet"))
    run(demo_server, capsys, "scalardata", *BPR_MINUTE, "--netcdf", str(tmp_path / "bpr.nc"))
    table = pd.read_parquet(tmp_path / "bpr.parquet")
    assert str(table.index.dtype) == "datetime64[ns, UTC]" and len(table) == 60
    with xr.open_dataset(tmp_path / "bpr.nc") as dataset:
        assert dataset.sizes["time"] == 60
        pressure = next(name for name in dataset.data_vars if dataset[name].attrs.get("units") == "dbar")
        assert dataset[pressure].values.tolist() == table[pressure].tolist()


def test_rawdata_json_is_the_api_answer(
    demo_server: RunningServer, official: OfficialONC, capsys: pytest.CaptureFixture[str]
) -> None:
    window = ["locationCode=NC89", "deviceCategoryCode=BPR", "dateFrom=2020-01-28T00:00:00.000Z",
              "dateTo=2020-01-28T00:00:05.000Z"]  # fmt: skip
    status, out, _ = run(demo_server, capsys, "rawdata", *window, "--json")
    assert status == 0
    assert json.loads(out)["data"] == official.getRawdata(filters(window))["data"]


def test_files_lists_names_and_details(
    demo_server: RunningServer, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(demo_server, capsys, "files", *BPR_FILES)
    assert status == 0
    assert out.split() == [f"BPR-Folger-59_201911{day}T000000.000Z.txt" for day in (23, 24, 25)]
    _, out, _ = run(demo_server, capsys, "files", *BPR_FILES, "--details")
    rows = json.loads(out)
    assert [row["filename"] for row in rows][0] == "BPR-Folger-59_20191123T000000.000Z.txt"
    assert all(row["fileSize"] > 0 for row in rows)


def test_download_by_name_and_by_filters_writes_the_archive_bytes(
    demo_server: RunningServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    name = "BPR-Folger-59_20191124T000000.000Z.txt"
    out_dir = tmp_path / "files"
    status, out, _ = run(demo_server, capsys, "download", name, "--out", str(out_dir))
    assert status == 0 and "\n1 files (" in out
    served = demo_server.get("api/archivefile/download", filename=name).content
    assert hashlib.sha256((out_dir / name).read_bytes()).digest() == hashlib.sha256(served).digest()
    status, out, _ = run(demo_server, capsys, "download", *BPR_FILES, "--out", str(out_dir))
    assert status == 0 and "\n2 files (" in out  # the one already there is skipped
    assert sorted(p.name for p in out_dir.iterdir()) == [
        f"BPR-Folger-59_201911{day}T000000.000Z.txt" for day in (23, 24, 25)
    ]


def test_order_downloads_the_product_files(
    demo_server: RunningServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out_dir = tmp_path / "product"
    request = ["locationCode=CRIP.C1", "deviceCategoryCode=CTD", "dataProductCode=TSSP", "extension=png",
               "dateFrom=2019-08-29T00:00:00.000Z", "dateTo=2019-08-30T00:00:00.000Z",
               "dpo_qualityControl=1", "dpo_resample=none"]  # fmt: skip
    status, out, _ = run(demo_server, capsys, "order", *request, "--out", str(out_dir))
    assert status == 0 and "Request Id:" in out
    written = sorted(p.suffix for p in out_dir.iterdir())
    assert written == [".png", ".png", ".xml"]
    assert all(p.read_bytes()[:4] == b"\x89PNG" for p in out_dir.glob("*.png"))


def test_errors_are_reported_without_the_token(
    demo_server: RunningServer, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(demo_server, capsys, "devices", "deviceCode=XYZ123")
    assert status == 1 and "API Error 127" in err and demo_server.token not in err
    status, _, err = run(demo_server, capsys, "devices", "deviceCode")
    assert status == 2 and "name=value" in err
    status, _, err = run(demo_server, capsys, "scalardata", "dateFrom=2019-11-23")
    assert status == 2 and "deviceCode" in err
    status, _, err = run(demo_server, capsys, "download", "a.txt", "deviceCode=X")
    assert status == 2


def test_token_and_url_come_from_the_environment_or_config_file(
    demo_server: RunningServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.delenv("ONC_TOKEN", raising=False)
    monkeypatch.delenv("PELAGOS_URL", raising=False)
    config = tmp_path / "config.toml"
    config.write_text(f'token = "{demo_server.token}"\nurl = "{demo_server.url}"\n')
    monkeypatch.setenv("PELAGOS_CONFIG", str(config))
    assert main(["locations", "locationCode=NC89", "-q"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["locationName"] == "Bullseye"
    config.unlink()
    monkeypatch.setenv("ONC_TOKEN", demo_server.token)
    monkeypatch.setenv("PELAGOS_URL", demo_server.url)
    assert main(["devices", "deviceCode=BPR_889", "-q"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["deviceId"] == 22503
    monkeypatch.delenv("ONC_TOKEN")
    assert main(["devices", "deviceCode=BPR_889", "-q"]) == 2
    assert "token is required" in capsys.readouterr().err
