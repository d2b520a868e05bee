"""Product file formats, generated from a known series on the demo catalog: csv/txt parse back with pandas, .mat
loads in scipy, json has the scalardata shape, plots come out as real PNG/PDF, titled and labelled inside the page,
and the options change the output as docs/products.md says. Then products ordered from the demo server with the
official client: csv/txt equal scalardata for the same range, resampling gives each bin's statistics of the
samples, gap filling reaches the window's end, and netCDF passes the IOOS compliance checker (CF-1.8, ACDD-1.3)."""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
import pytest
import scipy.io
import xarray as xr

from pelagos.catalog.view import CatalogView
from pelagos.config import Settings
from pelagos.db import create_schema, make_engine
from pelagos.ingest.demo.catalog import load_network
from pelagos.products import scalar, sources, tssp
from pelagos.products.job import Job
from pelagos.products.order import Order
from pelagos.products.registry import generate
from pelagos.timeutil import parse_instant
from tests.conftest import RunningServer

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
    """The demo catalog in a fresh SQLite database, as any new demo data folder gets it."""
    folder = tmp_path_factory.mktemp("catalog")
    settings = Settings.from_env(folder)
    engine = make_engine(settings.database_url)
    create_schema(engine)
    with engine.begin() as conn:
        load_network(conn)
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


@pytest.mark.parametrize("ext,magic", [("png", b"\x89PNG"), ("pdf", b"%PDF")])
def test_plots_come_one_per_group(catalog, tmp_path: Path, fake_store: None, ext: str, magic: bytes) -> None:
    job = make(catalog, tmp_path, "TSSP", ext)
    assert [f.name.rsplit("-", 1)[1] for f in job.files] == [f"clean.{ext}", f"clean_2.{ext}"]
    for f in job.files:
        assert f.path is not None and f.path.read_bytes()[:4] == magic
    assert job.meta is not None and job.meta.name.endswith(f"-clean_{ext.upper()}_META.xml")
    original = make(catalog, tmp_path / "o", "TSSP", ext, dpo_sensorsToInclude="original")
    assert len(original.files) == 1


@pytest.mark.parametrize("ext,page", [("png", "letter"), ("pdf", "letter"), ("pdf", "a4")])
def test_plots_are_titled_and_labelled_inside_the_page(
    catalog, tmp_path: Path, fake_store: None, ext: str, page: str
) -> None:
    """SCVIP has the longest location path of the demo: its title wraps instead of running off the page."""
    settings, view = catalog
    options = {**DEFAULTS, "dpo_resample": "average", "dpo_average": "600", "dpo_pdfPageSize": page}
    order = Order(
        "TSSP",
        ext,
        parse_instant("2019-06-20"),
        parse_instant("2019-06-21"),
        "SCVIP",
        "CTD",
        None,
        None,
        options,
    )
    job = Job(order, view, make_engine(settings.database_url), settings, tmp_path / "out")
    figures = [fig for _name, fig in tssp.plots(job)]
    assert len(figures) == 2
    for fig in figures:
        if ext == "pdf":
            assert tuple(fig.get_size_inches()) == tssp.PAGE_SIZES[page]
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
        title = fig.get_suptitle()
        for part in (
            "Strait of Georgia Central VENUS",
            "(SCVIP)",
            "SBECTD19p4628",
            "2019-06-20 00:00:00",
            "UTC",
        ):
            assert part in title.replace("\n", " ")
        assert "(clean, average 600 s)" in title
        axes = fig.get_axes()
        texts = [fig._suptitle, axes[-1].xaxis.label]  # type: ignore[attr-defined]
        for ax in axes:
            label = ax.get_ylabel()
            assert label and label.endswith(")") and "(" in label  # the name and unit of the sensor
            texts += [ax.yaxis.label, *ax.get_yticklabels()]
        assert axes[-1].get_xlabel() == "Time (UTC)"
        assert all(not ax.xaxis.get_label_text() for ax in axes[:-1])
        texts += axes[-1].get_xticklabels()
        left, right = mdates.num2date(axes[-1].get_xlim()[0]), mdates.num2date(axes[-1].get_xlim()[1])
        assert (left.isoformat(), right.isoformat()) == (
            "2019-06-20T00:00:00+00:00",
            "2019-06-21T00:00:00+00:00",
        )
        box = fig.bbox
        for text in texts:
            extent = text.get_window_extent(renderer)
            assert box.x0 <= extent.x0 and extent.x1 <= box.x1, text.get_text()
            assert box.y0 <= extent.y0 and extent.y1 <= box.y1, text.get_text()


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


# -- products ordered from the demo server with the official client, checked against the scalardata service ------

BPR = {"deviceCode": "BPR-Folger-59", "dataProductCode": "TSSD", "extension": "csv"}
#: The last half hour of the BPR's stored samples and the first half hour after them (the device stays deployed).
EDGE = {"dateFrom": "2019-11-30T23:30:00.000Z", "dateTo": "2019-12-01T00:30:00.000Z"}
CRIP_DAY = {
    "locationCode": "CRIP.C1",
    "deviceCategoryCode": "CTD",
    "dateFrom": "2019-08-29T00:00:00.000Z",
    "dateTo": "2019-08-30T00:00:00.000Z",
}


def official_client(server: RunningServer, out: Path):  # type: ignore[no-untyped-def]
    from onc import ONC

    client = ONC(server.token, outPath=out, showWarning=False)
    client.baseUrl = server.url
    return client


@pytest.fixture
def onc(demo_server: RunningServer, tmp_path: Path):  # type: ignore[no-untyped-def]
    return official_client(demo_server, tmp_path / "output")


@pytest.fixture(scope="module")
def flagged_window(demo_server: RunningServer) -> dict[str, str]:
    """The first hour of the BPR's November in which the demo flags a sample probably bad or bad (3, 4)."""
    from pelagos.timeutil import format_ms

    engine = make_engine(f"sqlite:///{demo_server.data_dir / 'pelagos.db'}")
    with engine.connect() as conn:
        device = CatalogView(conn).devices[BPR["deviceCode"]]
    start, end = parse_instant("2019-11-01"), parse_instant("2019-12-01")
    flagged = []
    for sensor in device.sensors:
        got = sources.read_samples(engine, sensor.id, start, end)
        flagged += got.times[np.isin(got.flags, (3, 4))][:1].tolist()
    engine.dispose()
    hour = min(flagged) // 3_600_000 * 3_600_000
    return {"dateFrom": format_ms(hour), "dateTo": format_ms(hour + 3_600_000)}


def order(onc, params: dict[str, object]) -> list[Path]:  # type: ignore[no-untyped-def]
    """The data files of a product ordered with the official client, in index order."""
    rows = onc.orderDataProduct(dict(params), includeMetadataFile=False)["downloadResults"]
    return [Path(onc.outPath) / row["file"] for row in rows]


def epoch_ms(stamps: object) -> list[int]:
    return (pd.to_datetime(pd.Series(stamps)).astype("int64") // 1_000_000).tolist()  # type: ignore[no-any-return]


def read_product(path: Path) -> pd.DataFrame:
    """A csv or txt product as a frame indexed by sample time (epoch ms)."""
    frame = pd.read_csv(path, comment="#", sep="\t" if path.suffix == ".txt" else ",")
    times = frame.pop(frame.columns[0])
    frame.index = pd.Index(epoch_ms(times))
    return frame


def scalardata(server: RunningServer, quality: str, **params: str) -> list[dict]:
    """The sensors of the scalardata service's answer for ``params``, all samples on one page."""
    answer = server.get("api/scalardata/device", qualityControl=quality, **params)
    assert answer.status_code == 200 and answer.json()["next"] is None
    sensors: list[dict] = answer.json()["sensorData"]
    return sensors


def value_columns(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if not c.endswith(" QC Flag")]


@pytest.mark.parametrize("quality", [0, 1])
@pytest.mark.parametrize("ext", ["csv", "txt"])
def test_csv_and_txt_from_the_demo_parse_back_to_scalardata(
    onc, demo_server: RunningServer, flagged_window: dict[str, str], ext: str, quality: int
) -> None:
    [path] = order(onc, {**BPR, **flagged_window, "extension": ext, "dpo_qualityControl": quality})
    frame = read_product(path)
    sensors = scalardata(
        demo_server, "clean" if quality else "raw", deviceCode=BPR["deviceCode"], **flagged_window
    )
    labels = [(f"{s['sensorName']} ({s['unitOfMeasure']})", f"{s['sensorName']} QC Flag") for s in sensors]
    assert list(frame.columns) == [name for pair in labels for name in pair]
    bad = 0
    for sensor, (value, flag) in zip(sensors, labels, strict=True):
        data = sensor["data"]
        assert frame.index.tolist() == epoch_ms(data["sampleTimes"])
        np.testing.assert_array_equal(frame[value].to_numpy(), np.array(data["values"], dtype=np.float64))
        assert frame[flag].tolist() == data["qaqcFlags"]
        flagged = frame[flag].isin((3, 4))
        assert frame.loc[flagged, value].isna().tolist() == [bool(quality)] * int(flagged.sum())
        bad += int(flagged.sum())
    assert bad > 0  # the window does hold samples that clean data blanks


@pytest.fixture(scope="module")
def flagged_hour(
    demo_server: RunningServer, flagged_window: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> pd.DataFrame:
    """Clean BPR samples of the flagged window as a csv product."""
    client = official_client(demo_server, tmp_path_factory.mktemp("hour"))
    [path] = order(client, {**BPR, **flagged_window})
    return read_product(path)


@pytest.mark.parametrize(
    "method,seconds,stats",
    [
        ("average", 60, ["Average"]),
        ("minMax", 300, ["Min", "Max"]),
        ("minMaxAvg", 600, ["Min", "Max", "Average"]),
    ],
)
def test_resampling_gives_the_statistics_of_the_samples_in_each_bin(
    onc,
    flagged_window: dict[str, str],
    flagged_hour: pd.DataFrame,
    method: str,
    seconds: int,
    stats: list[str],
) -> None:
    [path] = order(onc, {**BPR, **flagged_window, "dpo_resample": method, f"dpo_{method}": seconds})
    assert path.name.endswith(f"-clean_{method}{seconds}s.csv")
    got = read_product(path)
    period = seconds * 1000
    grouped = flagged_hour[value_columns(flagged_hour)].groupby(flagged_hour.index // period * period)
    want = {"Average": grouped.mean(), "Min": grouped.min(), "Max": grouped.max()}
    assert got.index.tolist() == want["Average"].index.tolist()  # one row per bin, stamped with its start
    assert len(got) == 3600 // seconds
    for column in value_columns(flagged_hour):
        name, unit = column.rsplit(" (", 1)
        for stat in stats:
            np.testing.assert_allclose(
                got[f"{name} {stat} ({unit}"].to_numpy(), want[stat][column].to_numpy(), rtol=1e-12
            )
        expected_flags = np.where(grouped[column].count().to_numpy() > 0, 7, 9)
        assert got[f"{name} QC Flag"].tolist() == expected_flags.tolist()
    assert set(got.columns) == {
        f"{c.rsplit(' (', 1)[0]} {s} ({c.rsplit(' (', 1)[1]}"
        for c in value_columns(flagged_hour)
        for s in stats
    } | {c for c in flagged_hour.columns if c.endswith(" QC Flag")}


@pytest.mark.parametrize("resample,step", [("none", 1000), ("average", 60_000)])
def test_data_gaps_fill_the_window_past_the_last_sample(onc, resample: str, step: int) -> None:
    options = {"dpo_resample": resample} | ({"dpo_average": "60"} if resample == "average" else {})
    plain = read_product(order(onc, {**BPR, **EDGE, **options})[0])
    filled = read_product(order(onc, {**BPR, **EDGE, **options, "dpo_dataGaps": 1})[0])
    start, end, last = (parse_instant(x) for x in (EDGE["dateFrom"], EDGE["dateTo"], "2019-12-01"))
    assert filled.index.tolist() == list(range(start, end, step))  # the whole window on the sampling grid
    assert plain.index.tolist() == list(range(start, last, step))
    empty = filled.index >= last
    pd.testing.assert_frame_equal(filled[~empty], plain)
    flags = [c for c in filled.columns if c.endswith(" QC Flag")]
    assert (filled.loc[empty, flags] == 9).all().all()
    assert filled.loc[empty, value_columns(filled)].isna().all().all()


def test_get_data_products_lists_tssd_netcdf_with_its_options(onc) -> None:
    [nc] = onc.getDataProducts({"dataProductCode": "TSSD", "extension": "nc"})
    [csv] = onc.getDataProducts({"dataProductCode": "TSSD", "extension": "csv"})
    assert nc["dataProductName"] == "Time Series Scalar Data" and nc["hasDeviceData"]
    assert [o["option"] for o in nc["dataProductOptions"]] == [
        "dpo_qualityControl",
        "dpo_resample",
        "dpo_dataGaps",
        "dpo_sensorsToInclude",
        "dpo_qaqcFlags",
    ]
    assert nc["dataProductOptions"] == csv["dataProductOptions"]
    for where in ({"locationCode": "CRIP.C1", "deviceCategoryCode": "CTD"}, {"deviceCode": "BPR-Folger-59"}):
        assert ("TSSD", "nc") in {(p["dataProductCode"], p["extension"]) for p in onc.getDataProducts(where)}


@pytest.mark.parametrize("resample", ["none", "minMaxAvg"])
def test_netcdf_from_the_demo_passes_the_ioos_compliance_checker(
    onc, demo_server: RunningServer, tmp_path: Path, resample: str
) -> None:
    from compliance_checker.runner import CheckSuite, ComplianceChecker

    options = {"dpo_resample": resample} | ({"dpo_minMaxAvg": "600"} if resample != "none" else {})
    [path] = order(onc, {**CRIP_DAY, "dataProductCode": "TSSD", "extension": "nc", **options})
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
    assert ds.attrs["Conventions"] == "CF-1.8, ACDD-1.3" and ds.attrs["featureType"] == "timeSeries"
    times = ds["time"].values.astype("datetime64[ms]").astype(np.int64)
    window = {"dateFrom": CRIP_DAY["dateFrom"], "dateTo": CRIP_DAY["dateTo"]}
    sensors = scalardata(demo_server, "clean", deviceCode="RBRCONCERTO3CTD66047", **window)
    temperature = next(s for s in sensors if s["sensorCode"] == "Temperature")
    values = np.array(temperature["data"]["values"], dtype=np.float64)
    if resample == "none":
        variable = ds["Temperature"]
        assert times.tolist() == epoch_ms(temperature["data"]["sampleTimes"])
        np.testing.assert_array_equal(variable.values, values)
    else:
        variable = ds["Temperature_avg"]
        assert variable.attrs["cell_methods"] == "time: mean (interval: 600 s)"
        assert times.tolist() == list(
            range(parse_instant("2019-08-29"), parse_instant("2019-08-30"), 600_000)
        )
        sample_times = np.array(epoch_ms(temperature["data"]["sampleTimes"]))
        means = pd.Series(values).groupby(sample_times // 600_000).mean()  # NaN (flagged bad) left out
        np.testing.assert_allclose(variable.values, means.to_numpy(), rtol=1e-12)
    assert variable.attrs["standard_name"] == "sea_water_temperature"
    assert variable.attrs["units"] == "degree_Celsius"
    flags = [v for v in ds.data_vars.values() if v.attrs.get("standard_name") == "quality_flag"]
    assert len(flags) == 8 and all(f.attrs["flag_meanings"].split()[4] == "bad" for f in flags)
