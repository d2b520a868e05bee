"""Columnar compression of sample and raw-line chunks.

Times are stored as deltas, values either quantised to the sensor's resolution and delta-coded (integers that
zstd packs into about a byte per sample on smooth signals) or, without a resolution, as byte-shuffled float64.
Every column is byte-shuffled before one zstd frame, which is what makes small deltas cheap.
"""

from __future__ import annotations

import struct

import numpy as np
import orjson
import zstandard

_HEADER = struct.Struct("<BBIqdq")  # version, value codec, rows, first time, resolution, first quantum
_VERSION = 1
_FLOAT = 0
_QUANTISED = 1
_LEVEL = 3


def _shuffle(a: np.ndarray) -> bytes:
    """The bytes of ``a`` grouped by significance (all first bytes, then all second bytes...)."""
    return np.ascontiguousarray(a).view(np.uint8).reshape(a.size, a.itemsize).T.tobytes()


def _unshuffle(raw: memoryview, dtype: np.dtype, n: int) -> np.ndarray:
    return (
        np.frombuffer(raw, np.uint8, n * dtype.itemsize).reshape(dtype.itemsize, n).T.copy().view(dtype)[:, 0]
    )


def _narrowest(a: np.ndarray) -> np.ndarray:
    """``a`` in the smallest signed integer type that holds it."""
    if a.size == 0:
        return a.astype(np.int8)
    lo, hi = int(a.min()), int(a.max())
    for dtype in (np.int8, np.int16, np.int32):
        info = np.iinfo(dtype)
        if info.min <= lo and hi <= info.max:
            return a.astype(dtype)
    return a.astype(np.int64)


_DTYPES: dict[int, np.dtype] = {
    1: np.dtype(np.int8),
    2: np.dtype(np.int16),
    4: np.dtype(np.int32),
    8: np.dtype(np.int64),
}


def _quantisable(values: np.ndarray, resolution: float | None) -> bool:
    if not resolution or not np.isfinite(values).all():
        return False
    scaled = values / resolution
    return bool(np.abs(scaled).max(initial=0.0) < 2**52)


def _dequantise(q: np.ndarray, resolution: float) -> np.ndarray:
    """Quanta back to values; dividing by an integral inverse (1e4 for 1e-4) gives the nearest decimal exactly."""
    inverse = round(1.0 / resolution)
    if inverse >= 1 and abs(inverse * resolution - 1.0) < 1e-12:
        return q / float(inverse)
    return q.astype(np.float64) * resolution


def quantise(values: np.ndarray, resolution: float | None) -> np.ndarray:
    """``values`` rounded to ``resolution`` exactly as a chunk stores them (NaN and no resolution: unchanged)."""
    if not resolution:
        return values.astype(np.float64)
    out = values.astype(np.float64, copy=True)
    finite = np.isfinite(out)
    out[finite] = _dequantise(np.rint(out[finite] / resolution).astype(np.int64), resolution)
    return out


def encode_samples(
    times: np.ndarray, values: np.ndarray, flags: np.ndarray, resolution: float | None
) -> bytes:
    """One compressed chunk of sorted int64 ms ``times``, float64 ``values`` and int8 ``flags``.

    With a ``resolution`` and finite values, values are rounded to it (the sensor's stored precision).
    """
    n = int(times.size)
    dt = _narrowest(np.diff(times, prepend=times[:1]))
    if _quantisable(values, resolution):
        assert resolution is not None
        q = np.rint(values / resolution).astype(np.int64)
        q0 = int(q[0]) if n else 0
        body = _narrowest(np.diff(q, prepend=q[:1]))
        codec, scale = _QUANTISED, float(resolution)
    else:
        body, codec, scale, q0 = values.astype(np.float64), _FLOAT, 0.0, 0
    head = _HEADER.pack(_VERSION, codec, n, int(times[0]) if n else 0, scale, q0)
    sizes = bytes([dt.itemsize, body.itemsize])
    payload = sizes + _shuffle(dt) + _shuffle(body) + flags.astype(np.int8).tobytes()
    return head + zstandard.ZstdCompressor(level=_LEVEL).compress(payload)


def decode_samples(blob: bytes) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The (times, values, flags) arrays of a chunk made by :func:`encode_samples`."""
    _, codec, n, first, scale, q0 = _HEADER.unpack_from(blob)
    payload = memoryview(zstandard.ZstdDecompressor().decompress(blob[_HEADER.size :]))
    dt_type, body_type = _DTYPES[payload[0]], _DTYPES[payload[1]]
    at = 2
    dt = _unshuffle(payload[at:], dt_type, n)
    at += n * dt_type.itemsize
    times = np.cumsum(dt.astype(np.int64)) + first
    if codec == _QUANTISED:
        q = _unshuffle(payload[at:], body_type, n)
        values = _dequantise(np.cumsum(q.astype(np.int64)) + q0, scale)
        at += n * body_type.itemsize
    else:
        values = _unshuffle(payload[at:], np.dtype(np.float64), n)
        at += n * 8
    flags = np.frombuffer(payload[at:], np.int8, n).copy()
    return times, values, flags


def encode_lines(times: np.ndarray, readings: list[str], line_types: list[str]) -> bytes:
    """One compressed chunk of raw lines: delta-coded times and the texts as a JSON pair."""
    n = int(times.size)
    dt = _narrowest(np.diff(times, prepend=times[:1]))
    head = _HEADER.pack(_VERSION, 0, n, int(times[0]) if n else 0, 0.0, 0)
    payload = bytes([dt.itemsize]) + _shuffle(dt) + orjson.dumps([line_types, readings])
    return head + zstandard.ZstdCompressor(level=_LEVEL).compress(payload)


def decode_lines(blob: bytes) -> tuple[np.ndarray, list[str], list[str]]:
    """The (times, readings, line_types) of a chunk made by :func:`encode_lines`."""
    _, _, n, first, _, _ = _HEADER.unpack_from(blob)
    payload = memoryview(zstandard.ZstdDecompressor().decompress(blob[_HEADER.size :]))
    dt_type = _DTYPES[payload[0]]
    dt = _unshuffle(payload[1:], dt_type, n)
    times = np.cumsum(dt.astype(np.int64)) + first
    line_types, readings = orjson.loads(payload[1 + n * dt_type.itemsize :])
    return times, readings, line_types
