"""The contents of archive files, one function per kind: scalar text, raw logs, hydrophone audio and spectrograms,
camera stills and clips, instrument binaries. Each returns bytes; naming and indexing are the archiver's business.

Hydrophone recordings are synthetic but shaped like the real ocean at a low sample rate (2 kHz keeps the demo
small): a background of wind and distant shipping (red noise), a ship passing (broadband noise with propeller
harmonics that rises and fades), humpback-like upsweeping calls and regular 20 Hz fin whale pulses.
"""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import orjson
import scipy.io
import scipy.signal
import soundfile

from pelagos.catalog.view import Device
from pelagos.series.store import RawLines, SampleStore
from pelagos.timeutil import format_ms, format_times

SAMPLE_RATE = 2000  # Hz


def scalar_text(
    store: SampleStore, device: Device, location: str, date_from: int, date_to: int
) -> tuple[bytes, float]:
    """A day (or any window) of a device's scalar readings as ONC-style text, and the window's data coverage."""
    columns, times = [], None
    for sensor in device.sensors:
        got = store.read(sensor.id, date_from, date_to, 10_000_000)
        if not len(got):
            continue
        if times is None or len(got) > len(times):
            times = got.times
        columns.append((sensor, got))
    if times is None or not len(times):
        return b"", 0.0
    header = [
        "#Ocean Networks Canada Data Archive (pelagos)",
        f"#Device: {device.code} ({device.name})",
        f"#Location: {location}",
        f"#Date range: {format_ms(date_from)} to {format_ms(date_to)}",
        "#Columns: Time UTC (yyyy-mm-ddThh:mm:ss.fffZ), then for each sensor its value and QAQC flag:",
        *(f"#  {sensor.code}: {sensor.name} ({sensor.uom})" for sensor, _ in columns),
        "#Flags: 0 no QC, 1 good, 3 probably bad, 4 bad, 9 missing",
        "## END HEADER",
    ]
    cells: list[list[str]] = [format_times(times)]
    for _sensor, got in columns:
        at = np.searchsorted(got.times, times)
        hit = np.zeros(len(times), bool)
        if len(got):
            hit = (at < len(got)) & (got.times[np.minimum(at, len(got) - 1)] == times)
        values = np.full(len(times), np.nan)
        marks = np.full(len(times), 9, np.int8)
        values[hit] = got.values[at[hit]]
        marks[hit] = got.flags[at[hit]]
        cells.append(_cells(values))
        cells.append(_cells(marks))
    rows = [", ".join(row) for row in zip(*cells, strict=True)]
    text = "\n".join(header + rows) + "\n"
    span = max(1, date_to - date_from)
    period = float(np.median(np.diff(times))) if len(times) > 1 else 1000.0
    coverage = min(1.0, len(times) * period / span)
    return text.encode(), round(coverage, 4)


def raw_log(lines: RawLines, date_from: int, date_to: int) -> tuple[bytes, float]:
    """Raw instrument lines as a log file, ``<ISO time> <line as the instrument printed it>`` per line (the
    format ``pelagos ingest --raw`` reads back), and the window's data coverage."""
    if not len(lines):
        return b"", 0.0
    text = "".join(
        f"{stamp} {reading}\n"
        for stamp, reading in zip(format_times(lines.times), lines.readings, strict=True)
    )
    distinct = np.unique(lines.times)
    period = float(np.median(np.diff(distinct))) if distinct.size > 1 else 1000.0
    coverage = min(1.0, distinct.size * period / max(1, date_to - date_from))
    return text.encode(), round(coverage, 4)


def _cells(column: np.ndarray) -> list[str]:
    """A numpy column as text cells, formatted by orjson in C (shortest round-trip floats, NaN as "NaN")."""
    text = orjson.dumps(column, option=orjson.OPT_SERIALIZE_NUMPY).decode()[1:-1]
    return text.replace("null", "NaN").split(",") if text else []


def ocean_sound(start_ms: int, seconds: float, seed: int) -> np.ndarray:
    """Synthetic hydrophone pressure (float32, about ±1) for a recording starting at ``start_ms``."""
    rng = np.random.default_rng(seed)
    n = int(seconds * SAMPLE_RATE)
    t = np.arange(n) / SAMPLE_RATE
    white = rng.normal(0, 1, n)
    background = scipy.signal.lfilter([1.0], [1.0, -0.97], white) * 0.02
    # a ship passing at closest approach mid-recording: broadband noise under a propeller's harmonics
    envelope = np.exp(-(((t - seconds * rng.uniform(0.3, 0.7)) / (seconds * 0.25)) ** 2))
    blade = rng.uniform(8.0, 14.0)
    harmonics = sum(np.sin(2 * np.pi * k * blade * t + rng.uniform(0, 6.28)) / k for k in range(1, 8))
    ship = envelope * (0.15 * scipy.signal.lfilter([1.0], [1.0, -0.9], white) * 0.2 + 0.05 * harmonics)
    # humpback-like calls: upsweeps from 150-300 Hz to 400-700 Hz over 1-2 s
    calls = np.zeros(n)
    for _ in range(int(rng.integers(2, 6))):
        start, length = rng.uniform(0, seconds - 3), rng.uniform(1.0, 2.0)
        f0, f1 = rng.uniform(150, 300), rng.uniform(400, 700)
        idx = slice(int(start * SAMPLE_RATE), int((start + length) * SAMPLE_RATE))
        local = t[idx] - start
        phase = 2 * np.pi * (f0 * local + (f1 - f0) * local**2 / (2 * length))
        calls[idx] += 0.1 * np.sin(phase) * np.hanning(local.size)
    # fin whale 20 Hz pulses every ~12 s
    pulses = np.zeros(n)
    for start in np.arange(rng.uniform(0, 12), seconds - 1, 12.0):
        idx = slice(int(start * SAMPLE_RATE), int((start + 1.0) * SAMPLE_RATE))
        local = t[idx] - start
        pulses[idx] += 0.08 * np.sin(2 * np.pi * (23 - 5 * local) * local) * np.hanning(local.size)
    sound = background + ship + calls + pulses
    return (sound / max(1.0, float(np.abs(sound).max()) * 1.05)).astype(np.float32)


def audio(sound: np.ndarray, fmt: str) -> bytes:
    """``sound`` encoded as WAV, FLAC or MP3 (libsndfile)."""
    out = io.BytesIO()
    if fmt == "MP3":  # MPEG audio has no 2 kHz mode: upsample to its lowest rate
        soundfile.write(out, scipy.signal.resample_poly(sound, 4, 1), 4 * SAMPLE_RATE, format="MP3")
        return out.getvalue()
    soundfile.write(out, sound, SAMPLE_RATE, format=fmt, subtype="PCM_16")
    return out.getvalue()


def spectrogram(sound: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Frequencies (Hz), times (s) and power spectral density (dB re 1 µPa²/Hz, nominal calibration)."""
    freqs, times, psd = scipy.signal.spectrogram(sound, SAMPLE_RATE, nperseg=1024, noverlap=512)
    return freqs, times, (10 * np.log10(psd + 1e-12) + 120.0).astype(np.float32)


def spectrogram_png(sound: np.ndarray, title: str) -> bytes:
    """A titled, labelled spectrogram image (matplotlib with a cmocean palette)."""
    import cmocean
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    freqs, times, db = spectrogram(sound)
    fig = Figure(figsize=(8, 3.2), dpi=80)
    ax = fig.add_subplot()
    extent = (float(times[0]), float(times[-1]), float(freqs[0]), float(freqs[-1]))
    mesh = ax.imshow(
        db, origin="lower", aspect="auto", extent=extent, cmap=cmocean.cm.thermal, interpolation="nearest"
    )
    ax.set_title(title, fontsize=9)
    ax.set_xlabel("Time since start of recording (s)")
    ax.set_ylabel("Frequency (Hz)")
    fig.colorbar(mesh, ax=ax, label="PSD (dB re 1 µPa²/Hz)")
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    return out.getvalue()


def spectrogram_mat(sound: np.ndarray, start_ms: int, device_code: str) -> bytes:
    """The spectrogram as a MATLAB file with ONC's ``SpectData`` structure."""
    freqs, times, db = spectrogram(sound)
    out = io.BytesIO()
    scipy.io.savemat(
        out,
        {
            "SpectData": {
                "PSD": db,
                "frequency": freqs,
                "time": times,
                "deviceCode": device_code,
                "dateFrom": format_ms(start_ms),
                "sampleRate": SAMPLE_RATE,
                "units": "dB re 1 uPa^2/Hz",
            }
        },
        do_compression=True,
    )
    return out.getvalue()


def average_spectrum(sound: np.ndarray) -> bytes:
    """An ``.fft`` file: a little-endian header (sample rate, bins) then the mean PSD per bin as float32."""
    freqs, _times, db = spectrogram(sound)
    mean = db.mean(axis=1).astype("<f4")
    return struct.pack("<4sII", b"FFT1", SAMPLE_RATE, freqs.size) + mean.tobytes()


def still_image(seed: int, caption: str) -> bytes:
    """A JPEG still of a dim seafloor scene with the camera's caption burned in."""
    from PIL import Image, ImageDraw

    rng = np.random.default_rng(seed)
    height, width = 480, 640
    y = np.linspace(0, 1, height)[:, None]
    base = np.stack([20 + 30 * y, 60 + 70 * y, 80 + 40 * y], axis=-1) * np.ones((1, width, 1))
    image = np.clip(base + rng.normal(0, 6, (height, width, 3)), 0, 255).astype(np.uint8)
    picture = Image.fromarray(image)
    ImageDraw.Draw(picture).text((10, height - 20), caption, fill=(230, 230, 230))
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=85)
    return out.getvalue()


def video_clip(seed: int, seconds: int) -> bytes:
    """A placeholder MP4 container (ftyp and mdat boxes) standing in for a camera clip."""
    payload = np.random.default_rng(seed).integers(0, 256, 40_000 * seconds, dtype=np.uint8).tobytes()
    ftyp = struct.pack(">I4s4sI8s", 24, b"ftyp", b"isom", 512, b"isomiso2")
    return ftyp + struct.pack(">I4s", 8 + len(payload), b"mdat") + payload


def annotation_file(start_ms: int, lines: list[str]) -> bytes:
    """An ``.an`` annotation file: one time-stamped note per line."""
    return "".join(f"{format_ms(start_ms)}\t{line}\n" for line in lines).encode()


def instrument_binary(magic: bytes, seed: int, records: int, record_size: int) -> bytes:
    """Binary instrument output (RDI ``.rdi`` ensembles, Nortek ``.prf`` profiles): records with a header and
    a checksum each."""
    rng = np.random.default_rng(seed)
    out = bytearray()
    for i in range(records):
        body = rng.integers(0, 256, record_size, dtype=np.uint8).tobytes()
        record = magic + struct.pack("<HI", record_size, i) + body
        out += record + struct.pack("<I", zlib.crc32(record))
    return bytes(out)
