"""UTC time helpers shared by every room: parsing the API's date forms and rendering ``YYYY-MM-DDTHH:MM:SS.sssZ``."""

from __future__ import annotations

import functools
import re
import time
from datetime import UTC, datetime, timedelta

import numpy as np

_DATE_RE = re.compile(
    r"^(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:\.(?P<f>\d{1,9}))?)?)?"
    r"(?P<tz>Z|[+-]\d{2}:?\d{2})?$"
)
_DURATION_RE = re.compile(
    r"^(?P<sign>[+-])?P(?:(?P<w>\d+)W)?(?:(?P<d>\d+)D)?"
    r"(?:T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?$"
)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
#: The instants pelagos parses and renders: 0001-01-01T00:00:00.000Z .. 9999-12-31T23:59:59.999Z, in epoch ms.
MIN_MS = -62_135_596_800_000
MAX_MS = 253_402_300_799_999
#: The length of that range in whole seconds: no duration can be longer.
SPAN_S = (MAX_MS - MIN_MS) // 1000
#: Widest UTC offset accepted in a date (the widest in use, as in XML Schema dateTime: -14:00 .. +14:00), in minutes.
MAX_OFFSET_MIN = 14 * 60


def now_ms() -> int:
    """The current time in integer milliseconds since the epoch."""
    return time.time_ns() // 1_000_000


def parse_instant(text: str) -> int:
    """Parse an ISO 8601 date or date-time (UTC unless an offset is given) into epoch milliseconds.

    Raises ValueError for anything else: impossible calendar dates, offsets beyond ±14:00, and instants outside
    years 1..9999 once the offset is applied.
    """
    m = _DATE_RE.match(text.strip())
    if not m:
        raise ValueError(f"not an ISO 8601 date: {text!r}")
    frac = (m["f"] or "0")[:3].ljust(3, "0")
    dt = datetime(
        int(m["y"]),
        int(m["mo"]),
        int(m["d"]),
        int(m["h"] or 0),
        int(m["mi"] or 0),
        int(m["s"] or 0),
        int(frac) * 1000,
        tzinfo=UTC,
    )
    ms = _to_ms(dt) - _offset_minutes(m["tz"]) * 60_000
    if not MIN_MS <= ms <= MAX_MS:
        raise ValueError(f"outside years 1..9999: {text!r}")
    return ms


def _offset_minutes(tz: str | None) -> int:
    """Signed minutes east of UTC of ``Z``, ``+hh:mm``, ``-hhmm`` or no zone; ValueError for impossible ones."""
    if not tz or tz == "Z":
        return 0
    digits = tz[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    total = hours * 60 + minutes
    if minutes > 59 or total > MAX_OFFSET_MIN:
        raise ValueError(f"impossible UTC offset: {tz}")
    return total if tz[0] == "+" else -total


def _to_ms(dt: datetime) -> int:
    delta = dt - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1000 + delta.microseconds // 1000


def parse_duration(text: str) -> int | None:
    """Parse an ISO 8601 duration such as ``-P1DT2H`` or ``PT30M`` into signed milliseconds, or None."""
    m = _DURATION_RE.match(text.strip())
    if not m or text.strip().rstrip("T").endswith("P"):
        return None
    whole = (
        int(m["w"] or 0) * 604_800
        + int(m["d"] or 0) * 86_400
        + int(m["h"] or 0) * 3600
        + int(m["m"] or 0) * 60
    )
    fraction = float(m["s"] or 0)
    if whole > SPAN_S or fraction > SPAN_S:  # longer than the whole calendar: never a usable date
        return None
    ms = whole * 1000 + round(fraction * 1000)
    return -ms if m["sign"] == "-" else ms


def format_ms(ms: int) -> str:
    """Render epoch milliseconds as ``YYYY-MM-DDTHH:MM:SS.sssZ`` (years below 1000 zero-padded)."""
    dt = _EPOCH + timedelta(milliseconds=ms)
    return (
        f"{dt.year:04d}-{dt.month:02d}-{dt.day:02d}T{dt.hour:02d}:{dt.minute:02d}:{dt.second:02d}"
        f".{dt.microsecond // 1000:03d}Z"
    )


def format_compact(ms: int) -> str:
    """Render epoch milliseconds as ``YYYYMMDDTHHMMSS.sssZ``, the form ONC file names use."""
    dt = _EPOCH + timedelta(milliseconds=ms)
    return (
        f"{dt.year:04d}{dt.month:02d}{dt.day:02d}T{dt.hour:02d}{dt.minute:02d}{dt.second:02d}"
        f".{dt.microsecond // 1000:03d}Z"
    )


#: One rendered instant: the fields of ``YYYY-MM-DDTHH:MM:SS.sssZ`` as fixed-width byte strings.
_ISO_FIELDS = [("date", "S10"), ("t", "S1"), ("clock", "S8"), ("dot", "S1"), ("milli", "S3"), ("z", "S1")]
_ISO = np.dtype(_ISO_FIELDS)
#: The same as one element of a JSON array of strings: ``"YYYY-MM-DDTHH:MM:SS.sssZ",``.
_ISO_JSON = np.dtype([("open", "S1"), *_ISO_FIELDS, ("close", "S1"), ("comma", "S1")])


@functools.cache
def _clock_table() -> np.ndarray:
    """``HH:MM:SS`` for every second of a day (86,400 byte strings)."""
    text = "".join(f"{h:02d}:{m:02d}:{sec:02d}" for h in range(24) for m in range(60) for sec in range(60))
    return np.frombuffer(text.encode("ascii"), "S8")


@functools.cache
def _millis_table() -> np.ndarray:
    """``sss`` for every millisecond of a second (1,000 byte strings)."""
    return np.frombuffer("".join(f"{i:03d}" for i in range(1000)).encode("ascii"), "S3")


def _fill_dates(field: np.ndarray, days: np.ndarray) -> None:
    """Write ``YYYY-MM-DD`` of each element's day into ``field``, formatting each distinct day once."""

    def render(day: int) -> bytes:
        return (_EPOCH + timedelta(days=day)).date().isoformat().encode("ascii")

    if days.size > 1 and bool(np.all(days[1:] >= days[:-1])):  # sorted, the usual page: a few runs of days
        bounds = np.r_[0, np.flatnonzero(np.diff(days)) + 1, days.size]
        for lo, hi in zip(bounds[:-1], bounds[1:], strict=True):
            field[lo:hi] = render(int(days[lo]))
        return
    unique, index = np.unique(days, return_inverse=True)
    field[:] = np.array([render(int(d)) for d in unique], "S10").take(index)


def _render_into(out: np.ndarray, ms: np.ndarray) -> None:
    """Fill the ISO fields of the structured array ``out`` with ``YYYY-MM-DDTHH:MM:SS.sssZ`` renderings of ``ms``.

    Dates are formatted once per distinct day (a page spans few); clock and milliseconds come from precomputed
    tables. This is several times faster than ``numpy.datetime_as_string``.
    """
    days, in_day = np.divmod(ms.astype(np.int64), 86_400_000)
    _fill_dates(out["date"], days)
    out["t"] = b"T"
    out["clock"] = _clock_table().take(in_day // 1000)
    out["dot"] = b"."
    out["milli"] = _millis_table().take(in_day % 1000)
    out["z"] = b"Z"


def format_times(ms: np.ndarray) -> list[str]:
    """Render an array of epoch milliseconds as ``YYYY-MM-DDTHH:MM:SS.sssZ`` strings, vectorised."""
    if not ms.size:
        return []
    out = np.empty(ms.size, _ISO)
    _render_into(out, ms)
    text = out.tobytes().decode("ascii")
    return [text[i : i + 24] for i in range(0, len(text), 24)]


def times_json(ms: np.ndarray) -> bytes:
    """The JSON array of :func:`format_times` strings, built as bytes without Python strings in between."""
    if not ms.size:
        return b"[]"
    buffer = np.empty(1 + ms.size * _ISO_JSON.itemsize, np.uint8)
    out = buffer[1:].view(_ISO_JSON)
    _render_into(out, ms)
    out["open"] = out["close"] = b'"'
    out["comma"] = b","
    buffer[0], buffer[-1] = ord("["), ord("]")  # the bracket replaces the last comma
    return buffer.tobytes()
