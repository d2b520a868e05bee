"""Archive files: listed, paged and downloaded byte for byte with the official client and plain HTTP, resumable
with Range, safe against path tricks, and the data availability service (contract §3.8, §3.11, §3.12)."""

from __future__ import annotations

import hashlib
import re
import time
from pathlib import Path

import httpx
import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import RunningServer

BPR = {
    "locationCode": "NCBC",
    "deviceCategoryCode": "BPR",
    "dateFrom": "2019-11-23",
    "dateTo": "2019-11-26",
    "fileExtension": "txt",
    "rowLimit": 80000,
    "page": 1,
}
BPR_DEVICE = {k: v for k, v in BPR.items() if k not in ("locationCode", "deviceCategoryCode")} | {
    "deviceCode": "BPR-Folger-59"
}


@pytest.fixture
def onc(demo_server: RunningServer, tmp_path: Path):  # type: ignore[no-untyped-def]
    from onc import ONC

    client = ONC(demo_server.token, outPath=tmp_path / "output", showWarning=False)
    client.baseUrl = demo_server.url
    return client


def codes(excinfo: pytest.ExceptionInfo[requests.HTTPError]) -> set[int]:
    return {int(c) for c in re.findall(r"API Error (\d+)", str(excinfo.value))}


@pytest.mark.parametrize(
    "method,filters", [("getArchivefileByLocation", BPR), ("getArchivefileByDevice", BPR_DEVICE)]
)
def test_listing_paging_and_all_pages(onc, method: str, filters: dict) -> None:
    whole = getattr(onc, method)(dict(filters))
    assert whole["next"] is None and len(whole["files"]) > 2
    assert whole["files"][0] == "BPR-Folger-59_20191123T000000.000Z.txt"
    page = getattr(onc, method)({**filters, "rowLimit": 2})
    assert len(page["files"]) == 2 and page["next"] is not None
    assert {"dateFrom", "dateTo"} <= set(page["next"]["parameters"])
    stitched = getattr(onc, method)({**filters, "rowLimit": 2}, allPages=True)
    assert stitched["files"] == whole["files"] and stitched["next"] is None


def test_one_day_window_lists_exactly_that_day(onc) -> None:
    got = onc.getArchivefileByDevice(
        {"deviceCode": "BPR-Folger-59", "dateFrom": "2019-11-26", "dateTo": "2019-11-27"}
    )
    assert got["files"] == ["BPR-Folger-59_20191126T000000.000Z.txt"]


def test_documented_listings(onc) -> None:
    mats = onc.getArchivefileUrls(
        {
            "locationCode": "SEVIP",
            "deviceCategoryCode": "HYDROPHONE",
            "dateFrom": "2018-10-05T00:00:00.000Z",
            "dateTo": "2018-10-05T00:10:00.000Z",
            "extension": "mat",
        }
    )
    names = [url.split("filename=")[1].split("&")[0] for url in mats]
    assert names == [
        "ICLISTENHF1560_20181004T235903.000Z-spect.mat",
        "ICLISTENHF1560_20181005T000403.000Z-spect.mat",
        "ICLISTENHF1560_20181005T000903.000Z-spect.mat",
    ]
    riss = onc.getArchivefile(
        {
            "locationCode": "RISS",
            "deviceCategoryCode": "VIDEOCAM",
            "dateFrom": "2016-12-01T00:00:00.000Z",
            "dateTo": "2016-12-01T00:05:00.000Z",
        },
        allPages=True,
    )
    assert sorted(riss["files"]) == sorted(
        [
            "AXISQ6044PTZACCC8E334C53_20161201T000000.000Z.mp4",
            "AXISQ6044PTZACCC8E334C53_20161201T000000.000Z.an",
            "AXISQ6044PTZACCC8E334C53_20161201T000000.000Z-VideoQAQCResults.an",
            "AXISQ6044PTZACCC8E334C53_20161201T000001.000Z.jpg",
        ]
    )
    rdi = onc.getArchivefile(
        {
            "deviceCode": "RDIADCP600WH25471",
            "dateFrom": "2019-06-07T00:00:00.000Z",
            "dateTo": "2019-06-08T00:00:00.000Z",
        }
    )
    assert len(rdi["files"]) == 3 and "RDIADCP600WH25471_20190607T120000.555Z.rdi" in rdi["files"]
    wavs = onc.getArchivefile(
        {
            "locationCode": "SEVIP",
            "deviceCategoryCode": "HYDROPHONE",
            "dateFrom": "2019-11-23T15:30:00.000Z",
            "dateTo": "2019-11-23T16:00:00.000Z",
            "extension": "wav",
        }
    )
    assert wavs["files"][0] == "ICLISTENHF1560_20191123T152503.000Z.wav" and len(wavs["files"]) == 7


def test_full_records(demo_server: RunningServer) -> None:
    body = demo_server.get("api/archivefile/device", **BPR_DEVICE, returnOptions="all").json()
    row = body["files"][0]
    assert body["returnOption"] == "all"
    assert {
        "filename",
        "dateFrom",
        "dateTo",
        "fileSize",
        "uncompressedFileSize",
        "compression",
        "archivedDate",
    } <= set(row)
    assert row["compression"] == "gz" and row["uncompressedFileSize"] > row["fileSize"]


@pytest.mark.parametrize(
    "method,filters,code",
    [
        ("getArchivefileByLocation", {"locationCode": "XYZ123", "deviceCategoryCode": "BPR"}, 127),
        ("getArchivefileByLocation", {**BPR, "locationCodes": "NCBC"}, 129),
        ("getArchivefileByLocation", {**BPR, "dateFrom": "2000-01-01", "dateTo": "2000-01-02"}, 127),
        ("getArchivefileByDevice", {"deviceCode": "XYZ123"}, 127),
    ],
)
def test_errors(onc, method: str, filters: dict, code: int) -> None:
    with pytest.raises(requests.HTTPError) as excinfo:
        getattr(onc, method)(dict(filters))
    assert codes(excinfo) == {code}


def test_device_without_files_in_window_is_empty(onc, demo_server: RunningServer) -> None:
    got = onc.getArchivefileByDevice(
        {"deviceCode": "BPR-Folger-59", "dateFrom": "2000-01-01", "dateTo": "2000-01-02"}
    )
    assert got["files"] == []
    missing = demo_server.get("api/archivefile/device")
    assert missing.status_code == 400 and missing.json()["errors"][0]["errorCode"] == 128


def stored_sha256(data_dir: Path, name: str) -> str:
    """The sha256 of the file's content as stored on disk (decompressed when the archive keeps it gzipped)."""
    import gzip

    path = next(data_dir.glob(f"archive/**/{name}"))
    raw = path.read_bytes()
    return hashlib.sha256(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw).hexdigest()


def test_downloads_are_byte_exact_with_overwrite_semantics(onc, demo_server: RunningServer) -> None:
    name = "BPR-Folger-59_20191123T000000.000Z.txt"
    info = onc.downloadArchivefile(name)
    saved = Path(onc.outPath) / name
    assert info["status"] == "completed" and info["size"] == saved.stat().st_size
    assert hashlib.sha256(saved.read_bytes()).hexdigest() == stored_sha256(demo_server.data_dir, name)
    with pytest.raises(FileExistsError):
        onc.downloadArchivefile(name)
    assert onc.downloadArchivefile(name, overwrite=True)["status"] == "completed"
    mat = "ICLISTENHF1560_20181005T000403.000Z-spect.mat"
    onc.downloadArchivefile(mat, overwrite=True)
    import scipy.io

    spect = scipy.io.loadmat(Path(onc.outPath) / mat)["SpectData"]
    assert spect["PSD"][0, 0].ndim == 2


def test_direct_download_of_matching_files(onc) -> None:
    result = onc.downloadDirectArchivefile(
        {
            "locationCode": "SEVIP",
            "deviceCategoryCode": "HYDROPHONE",
            "dateFrom": "2018-10-05T00:05:00.000Z",
            "dateTo": "2018-10-05T00:06:00.000Z",
            "extension": "mat",
        }
    )
    assert result["stats"]["fileCount"] == 1
    again = onc.downloadDirectArchivefile(
        {
            "locationCode": "SEVIP",
            "deviceCategoryCode": "HYDROPHONE",
            "dateFrom": "2018-10-05T00:05:00.000Z",
            "dateTo": "2018-10-05T00:06:00.000Z",
            "extension": "mat",
        }
    )
    assert [r["status"] for r in again["downloadResults"]] == ["skipped"]


def test_download_headers_and_range_resume(demo_server: RunningServer) -> None:
    name = "ICLISTENHF1560_20181005T000403.000Z.wav"
    url = f"{demo_server.url}api/archivefile/download"
    params = {"filename": name, "token": demo_server.token}
    whole = httpx.get(url, params=params, timeout=60)
    assert whole.status_code == 200
    assert int(whole.headers["content-length"]) == len(whole.content)
    assert name in whole.headers["content-disposition"]
    assert whole.headers["etag"].strip('"') == hashlib.sha256(whole.content).hexdigest()
    half = len(whole.content) // 2
    first = httpx.get(url, params=params, headers={"Range": f"bytes=0-{half - 1}"}, timeout=60)
    rest = httpx.get(url, params=params, headers={"Range": f"bytes={half}-"}, timeout=60)
    assert first.status_code == rest.status_code == 206
    assert first.content + rest.content == whole.content
    assert rest.headers["content-range"] == f"bytes {half}-{len(whole.content) - 1}/{len(whole.content)}"
    beyond = httpx.get(url, params=params, headers={"Range": f"bytes={len(whole.content) + 10}-"}, timeout=60)
    assert beyond.status_code == 416
    head = httpx.head(url, params=params, timeout=60)
    assert (
        head.status_code == 200
        and head.headers["content-length"] == str(len(whole.content))
        and not head.content
    )


def test_download_errors(onc, demo_server: RunningServer) -> None:
    with pytest.raises(requests.HTTPError) as excinfo:
        onc.downloadArchivefile("FAKEFILE.XYZ")
    assert codes(excinfo) == {96}
    with pytest.raises(requests.HTTPError) as excinfo:
        onc.downloadArchivefile()
    assert codes(excinfo) == {128}
    assert demo_server.get("api/archivefile/download", filename="x").status_code == 400
    assert (
        httpx.get(f"{demo_server.url}api/archivefile/download", params={"filename": "a.txt"}).status_code
        == 401
    )


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    name=st.one_of(
        st.text(max_size=60),
        st.sampled_from(
            [
                "../pelagos.db",
                "../../etc/passwd",
                "/etc/passwd",
                "%2e%2e/pelagos.db",
                "..%2fpelagos.db",
                "BPR-Folger-59/2019/BPR-Folger-59_20191123T000000.000Z.txt",
                "..\\pelagos.db",
                "pelagos.db",
                "demo-token",
                "./BPR-Folger-59_20191123T000000.000Z.txt",
            ]
        ),
    )
)
def test_filename_fuzz_never_escapes(demo_server: RunningServer, name: str) -> None:
    answer = demo_server.get("api/archivefile/download", filename=name)
    assert answer.status_code in (200, 400), (name, answer.status_code)
    if answer.status_code == 200:
        assert Path(name).name == name  # only bare names from the index are ever served
        assert name.endswith(
            (
                ".txt",
                ".wav",
                ".mat",
                ".png",
                ".jpg",
                ".flac",
                ".mp3",
                ".fft",
                ".an",
                ".mp4",
                ".rdi",
                ".prf",
                ".raw",
            )
        )
    else:
        assert answer.json()["errors"][0]["errorCode"] in (96, 128)


def test_data_availability(onc, demo_server: RunningServer) -> None:
    got = onc.getDataAvailability(
        {
            "locationCode": "NCBC",
            "deviceCategoryCode": "BPR",
            "dateFrom": "2019-11-23",
            "dateTo": "2019-11-30",
        }
    )
    assert got["next"] is None and "***" in got["queryUrl"]
    row = next(r for r in got["availableDataProducts"] if r["extension"] == "txt")
    assert row["deviceCode"] == "BPR-Folger-59" and row["fileCount"] == 7
    assert isinstance(row["averageFileCoverage"], float) and row["dateFrom"] == "2019-11-23T00:00:00.000Z"
    raw = onc.getDataAvailability({"deviceCode": "BPR_BC", "extension": "raw"})
    assert raw["availableDataProducts"][0]["fileCount"] == 8
    with pytest.raises(requests.HTTPError) as excinfo:
        onc.getDataAvailability({"locationCode": "INVALID"})
    assert codes(excinfo) == {127}


def test_archive_date_and_product_filters(onc) -> None:
    """The OncArchive example: files archived as each day closed, found by when they entered the archive."""
    archived = {
        **BPR,
        "dateArchivedFrom": "2019-11-24T00:00:00.000Z",
        "dateArchivedTo": "2019-11-27T00:00:00.000Z",
    }
    got = onc.getArchivefileByLocation(dict(archived))["files"]
    assert got == [f"BPR-Folger-59_201911{day}T000000.000Z.txt" for day in (23, 24, 25)]
    later = onc.getArchivefileByLocation({**archived, "dateArchivedFrom": "2019-11-25T00:00:00.000Z"})[
        "files"
    ]
    assert later == [f"BPR-Folger-59_201911{day}T000000.000Z.txt" for day in (24, 25)]
    with pytest.raises(
        requests.HTTPError
    ) as excinfo:  # nothing archived in 2000: the location form's no-data
        onc.getArchivefileByLocation({**archived, "dateArchivedTo": "2000-01-01T00:00:00.000Z"})
    assert codes(excinfo) == {127}
    sevip = {"locationCode": "SEVIP", "deviceCategoryCode": "HYDROPHONE",
             "dateFrom": "2018-10-05T00:00:00.000Z", "dateTo": "2018-10-05T00:10:00.000Z"}  # fmt: skip
    spectral = onc.getArchivefileByLocation({**sevip, "dataProductCode": "HSD"})["files"]
    audio = onc.getArchivefileByLocation({**sevip, "dataProductCode": "AD"})["files"]
    everything = onc.getArchivefileByLocation(dict(sevip))["files"]
    assert spectral and audio and sorted(spectral + audio) == sorted(everything)
    assert all(name.endswith(("-spect.png", "-spect.mat", ".fft")) for name in spectral)
    assert all(name.endswith((".wav", ".flac", "-audio.mp3")) for name in audio)


def test_hydrophone_files_hold_real_sound_and_spectrograms(
    demo_server: RunningServer, tmp_path: Path
) -> None:
    import io

    import numpy as np
    import scipy.io
    import soundfile
    from PIL import Image

    stem = "ICLISTENHF1560_20181005T000403.000Z"

    def fetch(name: str) -> bytes:
        answer = demo_server.get("api/archivefile/download", filename=name)
        assert answer.status_code == 200, name
        return answer.content

    wav, wav_rate = soundfile.read(io.BytesIO(fetch(f"{stem}.wav")))
    flac, flac_rate = soundfile.read(io.BytesIO(fetch(f"{stem}.flac")))
    assert wav_rate == flac_rate == 2000 and len(wav) == len(flac) == 300 * 2000  # five minutes at 2 kHz
    assert np.allclose(wav, flac, atol=1e-4) and 0.001 < float(np.std(wav)) < 1.0  # lossless, not silence
    image = Image.open(io.BytesIO(fetch(f"{stem}-spect.png")))
    assert image.format == "PNG" and image.width >= 400 and image.height >= 200
    assert len(np.unique(np.asarray(image.convert("L")))) > 50  # a picture, not a blank
    mat = scipy.io.loadmat(io.BytesIO(fetch(f"{stem}-spect.mat")), squeeze_me=True, struct_as_record=False)
    spect = mat["SpectData"]
    assert spect.PSD.shape == (len(spect.frequency), len(spect.time))
    assert float(spect.frequency.max()) == pytest.approx(1000.0)  # Nyquist of 2 kHz


def test_archiver_makes_daily_files_as_data_arrives(tmp_path: Path) -> None:
    """A running server archives a day's readings and raw lines once the day is over and the data is in."""
    from pelagos.ingest.files import read_raw
    from pelagos.timeutil import format_ms, now_ms
    from tests.conftest import start_server, stop_server
    from tests.test_ingest import OPERATOR, make_folder

    day_ms = 86_400_000
    today = now_ms() // day_ms * day_ms
    yesterday = today - day_ms
    data = tmp_path / "data"
    make_folder(data)
    server = start_server(data, {"PELAGOS_ARCHIVER_CHECK_S": "0.3"}, demo=False, token=OPERATOR)
    try:
        times = [format_ms(yesterday + k * 600_000) for k in range(144)] + [format_ms(today + 1000)]
        readings = [f"00017D78{k:04X}" for k in range(len(times))]
        for route, body in (
            (
                "samples",
                {"sampleTimes": times, "sensors": {"Pressure": [100.0 + k / 10 for k in range(145)]}},
            ),
            ("rawdata", {"times": times, "readings": readings}),
        ):
            answer = httpx.post(f"{server.url}api/ingest/{route}", params={"token": OPERATOR},
                                json={"deviceCode": "BPR-Folger-59", **body}, timeout=60)  # fmt: skip
            assert answer.status_code == 200, answer.text
        stamp = format_ms(yesterday).replace("-", "").replace(":", "")
        expected = [f"BPR-Folger-59_{stamp}.log", f"BPR-Folger-59_{stamp}.txt"]
        deadline, listed = time.monotonic() + 30, []
        while time.monotonic() < deadline and sorted(listed) != expected:
            time.sleep(0.3)
            listed = server.get("api/archivefile/device", deviceCode="BPR-Folger-59").json()["files"]
        assert sorted(listed) == expected  # and nothing for today, which is not over
        log = server.get("api/archivefile/download", filename=expected[0]).content
        (tmp_path / "day.log").write_bytes(log)
        back_times, back_readings = read_raw(tmp_path / "day.log")  # what `pelagos ingest --raw` reads
        assert back_readings == readings[:144] and [format_ms(int(t)) for t in back_times] == times[:144]
        text = server.get("api/archivefile/download", filename=expected[1]).text
        assert text.count(f"\n{format_ms(yesterday)[:10]}T") == 144 and "100.1" in text
        record = server.get("api/archivefile/device", deviceCode="BPR-Folger-59", returnOptions="all").json()
        archived = [row["archivedDate"] for row in record["files"]]
        assert all(a >= format_ms(today) for a in archived)  # archived now, not backdated
    finally:
        stop_server(server)
