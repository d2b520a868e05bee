"""The sample store keeps what it is given: exact round trips, pages that stitch, later writes winning, spans."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update
from sqlalchemy.engine import Engine

from pelagos.catalog.schema import data_spans, devices, sensors
from pelagos.db import create_schema, make_engine
from pelagos.ingest.demo.catalog import load_network
from pelagos.series.store import CHUNK_ROWS, TAIL_ROWS, RawStore, SampleStore
from tests.conftest import fresh_pg_database


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    with ExitStack() as stack:
        if request.param == "sqlite":
            url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'pelagos.db'}"
        else:  # a database of its own: the demo server's holds samples on every sensor
            url = stack.enter_context(fresh_pg_database())
        eng = make_engine(url)
        create_schema(eng)
        with eng.begin() as conn:
            load_network(conn)
        yield eng
        eng.dispose()


_next_sensor = iter(range(1, 10_000))


def fresh_sensor(engine: Engine, resolution: float | None = None) -> int:
    """A demo sensor that holds no samples yet in this module's database, stored to ``resolution``."""
    with engine.begin() as conn:
        ids = conn.execute(select(sensors.c.id).order_by(sensors.c.id)).scalars().all()
        sensor = int(ids[next(_next_sensor)])
        conn.execute(update(sensors).where(sensors.c.id == sensor).values(resolution=resolution))
    return sensor


def read_all(store: SampleStore, sensor_id: int, limit: int) -> tuple[np.ndarray, np.ndarray]:
    """Every sample, page by page of ``limit``, the way the scalardata service pages."""
    times, values = [], []
    start = None
    while True:
        got = store.read(sensor_id, start, None, limit)
        times.append(got.times)
        values.append(got.values)
        if len(got) < limit:
            break
        start = int(got.times[-1]) + 1
    return np.concatenate(times), np.concatenate(values)


def test_bulk_round_trip_is_exact(engine: Engine) -> None:
    store = SampleStore(engine)
    sensor = fresh_sensor(engine)
    n = 3 * CHUNK_ROWS + 17
    times = 1_572_566_400_000 + np.arange(n, dtype=np.int64) * 1000
    values = np.round(10 + np.sin(np.arange(n) / 500.0), 6)
    flags = np.where(np.arange(n) % 1000 == 0, 4, 1).astype(np.int8)
    assert store.append(sensor, times, values, flags) == n
    got = store.read(sensor, None, None, n + 10)
    assert np.array_equal(got.times, times)
    assert np.array_equal(got.values, values)
    assert np.array_equal(got.flags, flags)
    window = store.read(sensor, int(times[100]), int(times[200]), 1000)
    assert np.array_equal(window.times, times[100:200])
    latest = store.latest(sensor, 5)
    assert np.array_equal(latest.times, times[-5:])
    assert np.array_equal(store.latest(sensor, 3, before=int(times[10])).times, times[7:10])


def test_values_are_stored_to_the_sensor_resolution(engine: Engine) -> None:
    store = SampleStore(engine)
    sensor = fresh_sensor(engine, resolution=1e-4)
    n = 100_000
    values = 2500 + np.cumsum(np.random.default_rng(7).normal(0, 0.001, n))
    store.append(sensor, np.arange(n, dtype=np.int64) * 1000, values)
    got = store.read(sensor, None, None, n)
    assert np.abs(got.values - values).max() <= 0.5e-4 + 1e-9
    assert np.array_equal(
        got.values, np.rint(values * 1e4) / 1e4
    )  # the nearest decimal, not 2500.12340000001


def test_small_appends_land_in_the_tail_and_compact_without_change(engine: Engine) -> None:
    store = SampleStore(engine)
    sensor = fresh_sensor(engine)
    base = 1_600_000_000_000
    for i in range(TAIL_ROWS + 5):
        store.append(sensor, [base + i * 1000], [float(i)], [1])
    before = store.read(sensor, None, None, 10_000)
    assert len(before) == TAIL_ROWS + 5
    assert store.compact() >= TAIL_ROWS + 5
    after = store.read(sensor, None, None, 10_000)
    assert np.array_equal(before.times, after.times) and np.array_equal(before.values, after.values)
    assert store.latest(sensor, 1).values.tolist() == [float(TAIL_ROWS + 4)]


def test_rewriting_a_sample_replaces_it(engine: Engine) -> None:
    store = SampleStore(engine)
    sensor = fresh_sensor(engine)
    times = np.arange(2000, dtype=np.int64) * 1000
    store.append(sensor, times, np.zeros(2000))
    store.append(sensor, times[500:510], np.ones(10))  # a retried, corrected batch
    store.append(sensor, times[1500:], np.full(500, 2.0))
    got = store.read(sensor, None, None, 5000)
    assert np.array_equal(got.times, times)
    assert got.values[500:510].tolist() == [1.0] * 10
    assert got.values[1500:].tolist() == [2.0] * 500
    assert got.values[:500].sum() == 0


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    gaps=st.lists(st.integers(min_value=1, max_value=5000), min_size=1, max_size=3000),
    limit=st.integers(min_value=1, max_value=700),
    split=st.integers(min_value=0, max_value=3000),
)
def test_pages_stitch_to_the_whole_series(engine: Engine, gaps: list[int], limit: int, split: int) -> None:
    store = SampleStore(engine)
    sensor = fresh_sensor(engine)
    times = np.cumsum(np.asarray(gaps, dtype=np.int64))
    values = np.arange(times.size, dtype=np.float64)
    cut = min(split, times.size)
    store.append(sensor, times[cut:], values[cut:])  # later data first: chunks out of write order
    store.append(sensor, times[:cut], values[:cut])
    got_times, got_values = read_all(store, sensor, limit)
    assert np.array_equal(got_times, times)
    assert np.array_equal(got_values, values)


def test_appends_record_availability_spans(engine: Engine) -> None:
    store = SampleStore(engine)
    sensor = fresh_sensor(engine)
    store.append(sensor, [5_000_000_000_000, 5_000_000_060_000], [1.0, 2.0])
    with engine.connect() as conn:
        device_id = conn.execute(select(sensors.c.device_id).where(sensors.c.id == sensor)).scalar_one()
        spans = conn.execute(
            select(data_spans.c.kind, data_spans.c.date_from, data_spans.c.date_to).where(
                data_spans.c.device_id == device_id, data_spans.c.date_from >= 5_000_000_000_000
            )
        ).all()
    assert [tuple(s) for s in spans] == [("scalar", 5_000_000_000_000, 5_000_000_060_000)]


def test_raw_lines_round_trip_in_chunks_and_tail(engine: Engine) -> None:
    store = RawStore(engine)
    with engine.connect() as conn:
        device_id = conn.execute(select(devices.c.id).order_by(devices.c.id.desc())).scalars().first()
    assert device_id is not None
    n = CHUNK_ROWS + 100
    times = 6_000_000_000_000 + np.arange(n, dtype=np.int64) * 250
    readings = [f'<?xml version="1.0"?><datapacket>{i}</datapacket>' for i in range(n)]
    store.append(device_id, times, readings)
    store.append(device_id, [int(times[-1]) + 250], ["last\twith tab"], ["$"])
    got = store.read(device_id, int(times[0]), None, n + 5)
    assert got.readings[:n] == readings and got.readings[-1] == "last\twith tab"
    assert got.line_types[-1] == "$" and set(got.line_types[:n]) == {" "}
    page = store.read(device_id, int(times[10]), int(times[20]), 5)
    assert page.readings == readings[10:15]
    assert store.latest(device_id, 2).readings == [readings[-1], "last\twith tab"]


def test_a_failed_transaction_writes_nothing(engine: Engine, tmp_path: Path) -> None:
    store = SampleStore(engine)
    sensor = fresh_sensor(engine)
    with pytest.raises(KeyError), engine.begin() as conn:
        store.append(sensor, np.arange(1000), np.zeros(1000), conn=conn)
        store.append(10**9, [1], [1.0], conn=conn)  # unknown sensor: the whole batch is refused
    assert len(store.read(sensor, None, None, 10)) == 0
