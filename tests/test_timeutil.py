"""Rendering and parsing instants over the whole supported calendar, 0001-01-01 .. 9999-12-31, against the
standard library's own ISO 8601 rendering (item: dates before year 1000 rendered malformed)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from pelagos.timeutil import (
    MAX_MS,
    MIN_MS,
    format_compact,
    format_ms,
    format_times,
    parse_instant,
    times_json,
)

INSTANTS = st.integers(MIN_MS, MAX_MS)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def iso(ms: int) -> str:
    """The standard library's rendering of ``ms``: the reference."""
    return (EPOCH + timedelta(milliseconds=ms)).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@given(INSTANTS)
def test_format_ms_matches_isoformat(ms: int) -> None:
    assert format_ms(ms) == iso(ms)
    assert format_compact(ms) == iso(ms).replace("-", "").replace(":", "")
    assert parse_instant(format_ms(ms)) == ms


@given(st.lists(INSTANTS, min_size=1, max_size=30), st.booleans())
def test_vectorised_rendering_matches_isoformat(values: list[int], ordered: bool) -> None:
    ms = np.array(sorted(values) if ordered else values, np.int64)
    expected = [iso(int(v)) for v in ms]
    assert format_times(ms) == expected
    assert json.loads(times_json(ms)) == expected


def test_the_calendar_edges() -> None:
    assert format_ms(MIN_MS) == "0001-01-01T00:00:00.000Z"
    assert format_ms(MAX_MS) == "9999-12-31T23:59:59.999Z"
    assert format_times(np.array([MIN_MS, 999, MAX_MS])) == [
        "0001-01-01T00:00:00.000Z",
        "1970-01-01T00:00:00.999Z",
        "9999-12-31T23:59:59.999Z",
    ]
    assert b"\x00" not in times_json(np.array([MIN_MS, -1]))
