"""Data products that already exist in the archive (audio, spectrograms, images) are served from it unchanged."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.conftest import RunningServer


@pytest.fixture
def onc(demo_server: RunningServer, tmp_path: Path):  # type: ignore[no-untyped-def]
    from onc import ONC

    client = ONC(demo_server.token, outPath=tmp_path / "output", showWarning=False)
    client.baseUrl = demo_server.url
    return client


def test_audio_order_is_served_from_the_archive(onc, demo_server: RunningServer) -> None:
    params = {
        "locationCode": "SEVIP",
        "deviceCategoryCode": "HYDROPHONE",
        "dataProductCode": "AD",
        "extension": "wav",
        "dateFrom": "2019-11-23T15:30:00.000Z",
        "dateTo": "2019-11-23T16:00:00.000Z",
    }
    request = onc.requestDataProduct(params)
    assert isinstance(request["fileSize"], int) and "estimatedFileSize" not in request
    result = onc.orderDataProduct(params, includeMetadataFile=True)
    names = sorted(Path(f["file"]).name for f in result["downloadResults"] if f["index"] != "meta")
    assert len(names) == 7 and names[0] == "ICLISTENHF1560_20191123T152503.000Z.wav"
    first = Path(onc.outPath) / names[0]
    listed = demo_server.get("api/archivefile/download", filename=names[0])
    assert hashlib.sha256(first.read_bytes()).hexdigest() == hashlib.sha256(listed.content).hexdigest()
    assert sum(Path(onc.outPath, n).stat().st_size for n in names) == request["fileSize"]


def test_spectrogram_viewer_images(onc) -> None:
    result = onc.orderDataProduct(
        {
            "locationCode": "SEVIP",
            "deviceCategoryCode": "HYDROPHONE",
            "dataProductCode": "SHV",
            "extension": "png",
            "dateFrom": "2018-10-05T00:00:00.000Z",
            "dateTo": "2018-10-05T00:10:00.000Z",
        },
        includeMetadataFile=False,
    )
    names = [Path(f["file"]).name for f in result["downloadResults"]]
    assert names == [
        "ICLISTENHF1560_20181004T235903.000Z-spect.png",
        "ICLISTENHF1560_20181005T000403.000Z-spect.png",
        "ICLISTENHF1560_20181005T000903.000Z-spect.png",
    ]
    assert (Path(onc.outPath) / names[0]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
