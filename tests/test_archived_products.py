"""Data products that already exist in the archive (audio, spectrograms, images) are served from it unchanged:
flac decodes to the recordings, and the spectrogram .mat loads in scipy and is the spectrogram of the same audio."""

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


#: Three 5-minute SEVIP recordings, 23:59:03, 00:04:03 and 00:09:03, kept as flac and as a spectrogram .mat.
RECORDINGS = {
    "locationCode": "SEVIP",
    "deviceCategoryCode": "HYDROPHONE",
    "dateFrom": "2018-10-05T00:00:00.000Z",
    "dateTo": "2018-10-05T00:10:00.000Z",
}
STARTS = ["20181004T235903", "20181005T000403", "20181005T000903"]


def ordered(onc, code: str, extension: str) -> list[Path]:  # type: ignore[no-untyped-def]
    result = onc.orderDataProduct(
        {**RECORDINGS, "dataProductCode": code, "extension": extension}, includeMetadataFile=False
    )
    return [Path(onc.outPath) / f["file"] for f in result["downloadResults"]]


def test_hydrophone_flac_decodes_to_five_minutes_at_the_recording_rate(onc) -> None:
    import numpy as np
    import soundfile

    paths = ordered(onc, "AD", "flac")
    assert [p.name for p in paths] == [f"ICLISTENHF1560_{s}.000Z.flac" for s in STARTS]
    for path in paths:
        info = soundfile.info(path)
        assert (info.format, info.subtype, info.channels, info.samplerate) == ("FLAC", "PCM_16", 1, 2000)
        sound, rate = soundfile.read(path)
        assert rate == 2000 and sound.shape == (300 * 2000,)  # 5 minutes: the next recording starts then
        assert np.isfinite(sound).all() and 0.05 < np.abs(sound).max() <= 1.0 and sound.std() > 1e-3


def test_spectrogram_mat_loads_with_its_variables_and_matches_the_audio(onc) -> None:
    import numpy as np
    import scipy.io
    import scipy.signal
    import soundfile

    mats = ordered(onc, "HSD", "mat")
    assert [p.name for p in mats] == [f"ICLISTENHF1560_{s}.000Z-spect.mat" for s in STARTS]
    audio = ordered(onc, "AD", "flac")
    for mat, flac, start in zip(mats, audio, STARTS, strict=True):
        spect = scipy.io.loadmat(mat, squeeze_me=True, struct_as_record=False)["SpectData"]
        assert set(spect._fieldnames) == {
            "PSD",
            "frequency",
            "time",
            "deviceCode",
            "dateFrom",
            "sampleRate",
            "units",
        }
        assert spect.deviceCode == "ICLISTENHF1560" and spect.sampleRate == 2000
        assert spect.dateFrom.replace("-", "").replace(":", "").startswith(start)
        assert spect.units == "dB re 1 uPa^2/Hz"
        assert spect.frequency[0] == 0 and spect.frequency[-1] == 1000  # up to the Nyquist frequency
        assert spect.PSD.shape == (spect.frequency.size, spect.time.size)
        assert 0 < spect.time[0] < spect.time[-1] < 300
        sound, rate = soundfile.read(flac, dtype="float32")
        freqs, times, power = scipy.signal.spectrogram(sound, rate, nperseg=1024, noverlap=512)
        np.testing.assert_allclose(freqs, spect.frequency)
        np.testing.assert_allclose(times, spect.time)
        db = 10 * np.log10(power + 1e-12) + 120.0  # dB re 1 µPa²/Hz at the nominal calibration
        assert np.median(np.abs(db - spect.PSD)) < 0.05  # the spectrogram of the same recording
