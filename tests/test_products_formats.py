"""Product file formats, generated from a known series on the demo catalog: csv/txt parse back with pandas, .mat
loads in scipy, netCDF passes the IOOS compliance checker (CF-1.8 and ACDD-1.3), json has the scalardata shape,
plots come out as real PNG/PDF, and the options change the output as docs/products.md says."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import scipy.io
import xarray as xr
from sqlalchemy import insert, select

from pelagos.catalog.schema import product_types
from pelagos.catalog.view import CatalogView
from pelagos.config import Settings
from pelagos.db import create_schema, make_engine
from pelagos.ingest.demo.catalog import load_network
from pelagos.products import scalar, sources
from pelagos.products.job import Job
from pelagos.products.order import Order
from pelagos.products.registry import generate
from pelagos.timeutil import parse_instant

DAY_FROM = parse_instant("2019-08-29")
DAY_TO = parse_instant("2019-08-30")
GAP = (DAY_FROM + 10 * 3_600_000, DAY_FROM + 12 * 3_600_000)  # two hours without samples
BAD_EVERY = 5000  # every 5000th sample is flagged 4 (bad)
DEFAULTS = {
    "dpo_qualityControl": "1",
    "dpo_resample": "none",
    "dpo_dataGaps": "0",
    "dpo_sensorsToInclude": "all",
    "dpo_qaqcFlags": "1",
}


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, CatalogView]:
    """The demo catalog in a fresh SQLite database, with TSSD/nc listed."""
    folder = tmp_path_factory.mktemp("catalog")
    settings = Settings.from_env(folder)
    engine = make_engine(settings.database_url)
    create_schema(engine)
    with engine.begin() as conn:
        load_network(conn)
        csv = conn.execute(
            select(product_types).where(product_types.c.code == "TSSD", product_types.c.extension == "csv")
        ).one()
        has_nc = conn.execute(
            select(product_types).where(product_types.c.code == "TSSD", product_types.c.extension == "nc")
        ).first()
        if has_nc is None:
            row = {k: v for k, v in csv._mapping.items() if k != "id"}
            conn.execute(insert(product_types).values(**{**row, "extension": "nc", "position": 999}))
    with engine.connect() as conn:
        view = CatalogView(conn)
    engine.dispose()
    return settings, view


def series(times: np.ndarray, sensor_id: int) -> sources.Series:
    """A tidal-looking series per sensor, at 1 Hz, with a gap and periodic bad flags."""
    base = 10.0 + sensor_id % 7
    values = np.round(base + 0.1 * np.sin(times / 3.6e6) + 0.01 * np.cos(times / 7e3), 4)
    flags = np.ones(times.size, np.int8)
    flags[::BAD_EVERY] = 4
    return sources.Series(times, values, flags)


@pytest.fixture
def fake_store(monkeypatch: pytest.MonkeyPatch) -> None:
    def read(_engine: object, sensor_id: int, lo: int, hi: int) -> sources.Series:
        times = np.arange(lo, hi, 1000, dtype=np.int64)
        times = times[(times < GAP[0]) | (times >= GAP[1])]
        return series(times, sensor_id)

    monkeypatch.setattr(scalar, "read_samples", read)


def make(catalog: tuple[Settings, CatalogView], tmp_path: Path, code: str, ext: str, **options: str) -> Job:
    settings, view = catalog
    order = Order(code, ext, DAY_FROM, DAY_TO, "CRIP.C1", "CTD", None, None, {**DEFAULTS, **options})
    job = Job(order, view, make_engine(settings.database_url), settings, tmp_path / "out")
    generate(job)
    return job


def expected_times() -> np.ndarray:
    times = np.arange(DAY_FROM, DAY_TO, 1000, dtype=np.int64)
    return times[(times < GAP[0]) | (times >= GAP[1])]


def crip_ctd(view: CatalogView) -> list[int]:
    return [s.id for s in view.devices["RBRCONCERTO3CTD66047"].sensors]


@pytest.mark.parametrize("ext", ["csv", "txt"])
def test_csv_and_txt_parse_back_to_the_series(catalog, tmp_path: Path, fake_store: None, ext: str) -> None:
    job = make(catalog, tmp_path, "TSSD", ext, dpo_qualityControl="0")
    assert len(job.files) == 1 and job.meta is not None
    path = job.files[0].path
    assert path is not None and path.name.endswith(f"-raw.{ext}")
    frame = pd.read_csv(path, comment="#", sep="," if ext == "csv" else "\t")
    times = expected_times()
    assert (pd.to_datetime(frame.iloc[:, 0]).astype("int64") // 1_000_000).tolist() == times.tolist()
    for sensor_id, label in zip(crip_ctd(catalog[1]), frame.columns[1::2], strict=True):
        want = series(times, sensor_id)
        np.testing.assert_array_equal(frame[label].to_numpy(), want.values)
        assert frame[frame.columns[frame.columns.get_loc(label) + 1]].tolist() == want.flags.tolist()


def test_clean_data_blanks_bad_samples_and_keeps_their_rows(
    catalog, tmp_path: Path, fake_store: None
) -> None:
    job = make(catalog, tmp_path, "TSSD", "csv")
    assert job.files[0].name.endswith("-clean.csv")
    frame = pd.read_csv(job.files[0].path, comment="#")
    flags = frame["Conductivity QC Flag"].to_numpy()
    values = frame["Conductivity (S/m)"].to_numpy()
    assert len(frame) == expected_times().size
    assert np.isnan(values[flags == 4]).all() and (flags == 4).sum() > 10
    assert not np.isnan(values[flags == 1]).any()


def test_resampling_and_gap_filling_change_the_rows(catalog, tmp_path: Path, fake_store: None) -> None:
    job = make(
        catalog, tmp_path, "TSSD", "csv", dpo_resample="minMaxAvg", dpo_minMaxAvg="600", dpo_dataGaps="1"
    )
    frame = pd.read_csv(job.files[0].path, comment="#")
    assert len(frame) == 144  # every 10-minute bin of the day, the gap's bins filled
    assert {"Conductivity Min (S/m)", "Conductivity Max (S/m)", "Conductivity Average (S/m)"} <= set(frame)
    in_gap = frame["Conductivity QC Flag"] == 9
    assert in_gap.sum() == 12 and frame.loc[in_gap, "Conductivity Average (S/m)"].isna().all()
    full = frame.loc[~in_gap]
    assert (full["Conductivity QC Flag"] == 7).all()
    assert (full["Conductivity Min (S/m)"] <= full["Conductivity Average (S/m)"]).all()
    assert (full["Conductivity Average (S/m)"] <= full["Conductivity Max (S/m)"]).all()
    assert "_minMaxAvg600s" in job.files[0].name


def test_data_gaps_fill_the_sampling_grid(catalog, tmp_path: Path, fake_store: None) -> None:
    job = make(catalog, tmp_path, "TSSD", "csv", dpo_dataGaps="1")
    frame = pd.read_csv(job.files[0].path, comment="#")
    assert len(frame) == 86_400
    assert frame["Conductivity QC Flag"].eq(9).sum() == 7200


def test_sensors_to_include_and_qaqc_flags_options(catalog, tmp_path: Path, fake_store: None) -> None:
    job = make(catalog, tmp_path, "TSSD", "csv", dpo_sensorsToInclude="original", dpo_qaqcFlags="0")
    frame = pd.read_csv(job.files[0].path, comment="#")
    assert list(frame.columns[1:]) == ["Conductivity (S/m)", "Temperature (C)", "Pressure (decibar)"]


def test_mat_loads_in_scipy(catalog, tmp_path: Path, fake_store: None) -> None:
    job = make(catalog, tmp_path, "TSSD", "mat")
    mat = scipy.io.loadmat(job.files[0].path, squeeze_me=True, struct_as_record=False)
    times = expected_times()
    assert mat["timeMs"].tolist() == times.tolist()
    np.testing.assert_allclose(mat["time"][0], 737666.0)  # datenum of 2019-08-29
    sensor_id = crip_ctd(catalog[1])[1]
    want = series(times, sensor_id)
    temperature = mat["data"].Temperature
    np.testing.assert_array_equal(temperature[want.flags == 1], want.values[want.flags == 1])
    assert [s.sensorCode for s in mat["sensors"]][:3] == ["Conductivity", "Temperature", "Pressure"]
    assert mat["metadata"].locationCode == "CRIP.C1"


@pytest.mark.parametrize("encoding", ["array", "object"])
def test_json_has_the_scalardata_shape(catalog, tmp_path: Path, fake_store: None, encoding: str) -> None:
    job = make(
        catalog,
        tmp_path,
        "TSSD",
        "json",
        dpo_jsonOutputEncoding=encoding,
        dpo_jsonTimeFormat="epochMillis",
        dpo_jsonMetadata="full",
    )
    doc = json.loads(Path(job.files[0].path).read_bytes())  # type: ignore[arg-type]
    first = doc["sensorData"][0]
    assert first["sensorCode"] == "Conductivity" and first["unitOfMeasure"] == "S/m"
    assert "header" in doc["metadata"]
    times = expected_times()
    if encoding == "array":
        assert first["data"]["sampleTimes"] == times.tolist()
        assert first["data"]["values"][0] is None  # flagged bad and clean
    else:
        assert first["data"][1] == {
            "sampleTimes": int(times[1]),
            "values": first["data"][1]["values"],
            "qaqcFlags": 1,
        }
    assert first["actualSamples"] == times.size - len(range(0, times.size, BAD_EVERY))


def test_netcdf_passes_the_ioos_compliance_checker(catalog, tmp_path: Path, fake_store: None) -> None:
    from compliance_checker.runner import CheckSuite, ComplianceChecker

    job = make(catalog, tmp_path, "TSSD", "nc")
    path = job.files[0].path
    assert path is not None
    CheckSuite().load_all_available_checkers()
    report = tmp_path / "report.json"
    passed, errors = ComplianceChecker.run_checker(
        str(path),
        ["cf:1.8", "acdd:1.3"],
        verbose=0,
        criteria="lenient",  # fails on high-priority problems only
        output_filename=str(report),
        output_format="json",
    )
    results = json.loads(report.read_text())
    failures = {
        name: [p for p in res["high_priorities"] if p["value"][0] < p["value"][1]]
        for name, res in results.items()
    }
    assert not errors
    assert passed, failures
    assert all(not f for f in failures.values()), failures
    ds = xr.open_dataset(path)
    assert ds.attrs["Conventions"] == "CF-1.8, ACDD-1.3"
    assert ds["Temperature"].attrs["standard_name"] == "sea_water_temperature"
    assert ds["Temperature"].attrs["units"] == "degree_Celsius"
    assert ds["Temperature_qc"].attrs["flag_meanings"].split()[4] == "bad"
    times = expected_times()
    assert (ds["time"].values.astype("datetime64[ms]").astype(np.int64) == times).all()


@pytest.mark.parametrize("ext,magic", [("png", b"\x89PNG"), ("pdf", b"%PDF")])
def test_plots_come_one_per_group(catalog, tmp_path: Path, fake_store: None, ext: str, magic: bytes) -> None:
    job = make(catalog, tmp_path, "TSSP", ext)
    assert [f.name.rsplit("-", 1)[1] for f in job.files] == [f"clean.{ext}", f"clean_2.{ext}"]
    for f in job.files:
        assert f.path is not None and f.path.read_bytes()[:4] == magic
    assert job.meta is not None and job.meta.name.endswith(f"-clean_{ext.upper()}_META.xml")
    original = make(catalog, tmp_path / "o", "TSSP", ext, dpo_sensorsToInclude="original")
    assert len(original.files) == 1


def test_metadata_file_describes_device_deployment_sensors_and_citation(
    catalog, tmp_path: Path, fake_store: None
) -> None:
    import xml.etree.ElementTree as ET

    job = make(catalog, tmp_path, "TSSD", "csv")
    assert job.meta is not None and job.meta.path is not None
    root = ET.parse(job.meta.path).getroot()
    assert root.find("dataProduct").get("code") == "TSSD"  # type: ignore[union-attr]
    seg = root.find("segment")
    assert seg is not None
    assert seg.find("location").get("code") == "CRIP.C1"  # type: ignore[union-attr]
    assert seg.find("device").get("code") == "RBRCONCERTO3CTD66047"  # type: ignore[union-attr]
    assert seg.find("deployment").get("begin")  # type: ignore[union-attr]
    sensors = seg.findall("sensors/sensor")
    assert len(sensors) == 8 and sensors[0].findall("qaqcTest")
    assert "doi.org" in (seg.find("citation").text or "")  # type: ignore[union-attr]
    assert [f.get("name") for f in root.findall("files/file")] == [job.files[0].name]
    assert [f.get("value") for f in root.findall("qaqcFlags/flag")] == [
        "0",
        "1",
        "2",
        "3",
        "4",
        "7",
        "8",
        "9",
    ]


@pytest.fixture
def fake_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hex readings every second with an instrument message (line type "!") every 1000 lines."""
    from pelagos.products import raw

    def read(_engine: object, _device_id: int, lo: int, hi: int) -> sources.Lines:
        times = np.arange(lo - lo % 1000, hi, 1000, dtype=np.int64)
        times = times[times >= lo]
        readings = [f"{int(t // 1000) % 65536:04X}A0" for t in times]
        kinds = ["!" if i % 1000 == 0 else " " for i in range(times.size)]
        return sources.Lines(times, readings, kinds)

    monkeypatch.setattr(raw, "read_lines", read)


def raw_job(
    catalog, tmp_path: Path, code: str, ext: str, days: int, device: str = "BPR-Folger-59", **options: str
) -> Job:
    settings, view = catalog
    start = parse_instant("2019-11-23T12:00:00Z" if device == "BPR-Folger-59" else "2017-01-19T12:00:00Z")
    order = Order(code, ext, start, start + days * 86_400_000, None, None, device, None, options)
    job = Job(order, view, make_engine(settings.database_url), settings, tmp_path / "out")
    generate(job)
    return job


def test_log_files_are_daily_with_line_types_and_options(catalog, tmp_path: Path, fake_lines: None) -> None:
    job = raw_job(catalog, tmp_path, "LF", "txt", 2)
    assert [f.name for f in job.files] == [
        "BPR-Folger-59_20191123T120000.000Z.txt",
        "BPR-Folger-59_20191124T000000.000Z.txt",
        "BPR-Folger-59_20191125T000000.000Z.txt",
    ]
    rows = pd.read_csv(
        job.files[1].path, comment="#", sep="\t", header=None, names=["time", "type", "line"], dtype=str
    )
    assert len(rows) == 86_400 and rows["time"].iloc[0] == "2019-11-24T00:00:00.000Z"
    assert (rows["type"] == "!").sum() == 87
    plain = raw_job(
        catalog,
        tmp_path / "p",
        "LF",
        "txt",
        1,
        dpo_includeLineTypes="0",
        dpo_skipErrors="1",
        dpo_convertHexToDecimal="1",
    )
    first = plain.files[0].path.read_text().split("## END HEADER\n")[1].splitlines()  # type: ignore[union-attr]
    assert len(first) == 43_200 - 44
    stamp, value = first[0].split("\t")
    assert stamp == "2019-11-23T12:00:01.000Z"
    number = int(parse_instant("2019-11-23T12:00:01Z") // 1000) % 65536
    assert value == f"{number >> 8} {number & 255} 160"


def test_sea_bird_raw_files_keep_the_lines(catalog, tmp_path: Path, fake_lines: None) -> None:
    job = raw_job(catalog, tmp_path, "SBCTDRF", "hex", 1, device="SBECTD19p6981")
    assert job.files[0].name == "SBECTD19p6981_20170119T120000.000Z.hex"
    text = job.files[0].path.read_text()  # type: ignore[union-attr]
    header, body = text.split("*END*\n")
    assert all(line.startswith("* ") for line in header.splitlines())
    assert body.splitlines()[0] == f"{int(parse_instant('2017-01-19T12:00:00Z') // 1000) % 65536:04X}A0"
    assert job.meta is not None and job.meta.name.endswith("_HEX_META.xml")


def test_ice_buoy_profile_plot(catalog, tmp_path: Path, fake_store: None) -> None:
    settings, view = catalog
    order = Order(
        "IBPP",
        "png",
        parse_instant("2019-03-01"),
        parse_instant("2019-03-08"),
        "CBYIB",
        "ICEBUOY",
        None,
        None,
        {"dpo_qualityControl": "1"},
    )
    job = Job(order, view, make_engine(settings.database_url), settings, tmp_path / "out")
    generate(job)
    assert [f.name for f in job.files] == [
        "CambridgeBay_CambridgeBaySeaIce_IceBuoy_20190301T000000Z_20190308T000000Z-clean.png"
    ]
    assert job.files[0].path.read_bytes()[:4] == b"\x89PNG"  # type: ignore[union-attr]


def test_qaqc_results_list_the_runs_of_flags(catalog, tmp_path: Path, fake_store: None) -> None:
    job = make(catalog, tmp_path, "MSQAQCR", "qaqc", dpo_qaqcTests="all")
    rows = pd.read_csv(job.files[0].path, comment="#")
    assert list(rows.columns) == [
        "sensorCode",
        "sensorName",
        "dateFrom",
        "dateTo",
        "qaqcFlag",
        "meaning",
        "samples",
    ]
    bad = len(range(0, expected_times().size, BAD_EVERY))
    assert (rows["qaqcFlag"] == 4).all() and len(rows) == 8 * bad
    assert set(rows["meaning"]) == {"bad"}
    from pelagos.products.job import NoData

    with pytest.raises(NoData):
        make(catalog, tmp_path / "m", "MSQAQCR", "qaqc", dpo_qaqcTests="manual")
