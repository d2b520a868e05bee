"""Sample store benchmark: bulk ingest rate, bytes per sample, memory, and a 100,000-sample page over HTTP.

Fills a fresh data folder with CTD-like 1 Hz series (default 100 million samples over 40 sensors), then serves it
with ``pelagos serve`` and times a full scalardata page for one sensor end to end, beside the time orjson takes
to encode the same page in-process (the floor any JSON API pays). Run: ``.venv/bin/python benchmarks/bench_store.py``.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import numpy as np
import orjson
from sqlalchemy import select, update

from pelagos.catalog.schema import devices, sensors
from pelagos.catalog.tokens import create_token
from pelagos.db import create_schema, make_engine
from pelagos.ingest.demo.catalog import load_network
from pelagos.series.store import Samples, SampleStore
from pelagos.timeutil import format_ms, format_times

START_MS = 1_546_300_800_000  # 2019-01-01
TOKEN = "bench-0123456789"


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def server_rss_mb(pid: int) -> float:
    """Resident memory of the server process (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def ctd_like(rng: np.random.Generator, n: int, offset: int) -> np.ndarray:
    """Temperature-like values: a daily cycle, slow drift and sensor noise, at 1e-4 resolution."""
    t = (np.arange(n) + offset) / 86_400.0
    return np.round(8.0 + 0.6 * np.sin(2 * np.pi * t) + 0.2 * np.sin(t / 7) + rng.normal(0, 0.002, n), 4)


def fill(
    store: SampleStore, sensor_ids: list[int], per_sensor: int, batch: int, start: int = 0
) -> tuple[float, int]:
    """Append samples ``start`` to ``per_sensor`` of each sensor in batches; returns (seconds appending, samples)."""
    rng = np.random.default_rng(42 + start)
    spent, total = 0.0, 0
    for done in range(start, per_sensor, batch):
        n = min(batch, per_sensor - done)
        times = START_MS + (done + np.arange(n, dtype=np.int64)) * 1000
        for sid in sensor_ids:
            samples = Samples(times, ctd_like(rng, n, done), np.ones(n, np.int8))
            t0 = time.perf_counter()
            store.append_many({sid: samples})
            spent += time.perf_counter() - t0
            total += n
        if done > start and done % (batch * 10) == 0:
            print(f"  {total / 1e6:6.1f} M samples stored, peak RSS {rss_mb():.0f} MB", flush=True)
    return spent, total


def serve(data_dir: Path, port: int) -> subprocess.Popen[bytes]:
    args = [sys.executable, "-m", "pelagos.cli", "serve", "--data-dir", str(data_dir), "--port", str(port)]
    env = {**os.environ, "PELAGOS_ARCHIVER": "0"}
    process = subprocess.Popen(args + ["--no-live", "--log-level", "warning"], env=env)
    for _ in range(200):
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/locations", params={"token": TOKEN}, timeout=2)
            return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("server did not start")


def serve_pages(
    folder: Path, port: int, params: dict[str, object], repeat: int
) -> tuple[float, float, float]:
    """Start a server on ``folder``, fetch the page ``repeat`` times; medians of end-to-end and first-byte
    seconds, and the server's resident memory (MB) afterwards."""
    process = serve(folder, port)
    url = f"http://127.0.0.1:{port}/api/scalardata/device"
    try:
        http, first_byte = [], []
        with httpx.Client(timeout=120) as client:
            first = client.get(url, params=params).json()
            assert [s["actualSamples"] for s in first["sensorData"]] == [100_000], "one full sensor page"
            for _ in range(repeat):
                t0 = time.perf_counter()
                with client.stream("GET", url, params=params) as response:
                    first_byte.append(time.perf_counter() - t0)
                    response.raise_for_status()
                    response.read()
                http.append(time.perf_counter() - t0)
        return statistics.median(http), statistics.median(first_byte), server_rss_mb(process.pid)
    finally:
        process.terminate()
        process.wait(20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=float, default=100e6, help="total samples to store (default 1e8)")
    parser.add_argument("--sensors", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--port", type=int, default=18_931)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="pelagos-bench-")) / "data"
    folder.mkdir(parents=True)
    engine = make_engine(f"sqlite:///{folder / 'pelagos.db'}")
    create_schema(engine)
    with engine.begin() as conn:
        load_network(conn)
        create_token(conn, "bench", TOKEN)
        ids = conn.execute(select(sensors.c.id).order_by(sensors.c.id).limit(args.sensors)).scalars().all()
        conn.execute(update(sensors).where(sensors.c.id.in_(ids)).values(resolution=1e-4))
    sensor_ids = [int(i) for i in ids]
    per_sensor = int(args.samples) // len(sensor_ids)
    print(
        f"filling {folder} with {per_sensor * len(sensor_ids) / 1e6:.0f} M samples ({len(sensor_ids)} sensors)"
    )
    store = SampleStore(engine)
    sensor = sensor_ids[len(sensor_ids) // 2]
    with engine.connect() as conn:
        device_code, category = conn.execute(
            select(devices.c.code, sensors.c.category_code)
            .join(devices, devices.c.id == sensors.c.device_id)
            .where(sensors.c.id == sensor)
        ).one()
    window_from = START_MS + 3_600_000
    window_to = window_from + 100_000 * 1000
    params: dict[str, object] = {
        "token": TOKEN,
        "deviceCode": device_code,
        "dateFrom": format_ms(window_from),
        "dateTo": format_ms(window_to),
        "sensorCategoryCodes": category,
        "rowLimit": 100_000,
    }
    # memory flat in the size of the store: the same page served from a tenth of the store, then from all of it
    tenth = per_sensor // 10
    small_rss = None
    spent, total = fill(store, sensor_ids, tenth, batch=1_000_000)
    if tenth * 1000 >= window_to - START_MS:
        small_rss = serve_pages(folder, args.port, params, max(3, args.repeat // 3))[2]
    more_spent, more = fill(store, sensor_ids, per_sensor, batch=1_000_000, start=tenth)
    spent, total = spent + more_spent, total + more
    stats = store.stats()
    db_bytes = sum(p.stat().st_size for p in folder.glob("pelagos.db*"))
    print(
        f"bulk ingest: {total / spent / 1e6:.2f} M samples/s ({total / 1e6:.0f} M in {spent:.1f} s of appends)"
    )
    print(
        f"storage: {stats['chunk_bytes'] / total:.2f} bytes/sample in chunks, {db_bytes / total:.2f} on disk"
    )
    print(f"peak RSS while filling: {rss_mb():.0f} MB")
    engine.dispose()

    page = SampleStore(make_engine(f"sqlite:///{folder / 'pelagos.db'}")).read(
        sensor, window_from, window_to, 100_000
    )
    body = {
        "sensorData": [
            {
                "data": {
                    "qaqcFlags": page.flags.astype(int).tolist(),
                    "sampleTimes": format_times(page.times),
                    "values": page.values.tolist(),
                }
            }
        ]
    }
    encode = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        orjson.dumps(body)
        encode.append(time.perf_counter() - t0)

    served, first_byte, server_rss = serve_pages(folder, args.port, params, args.repeat)
    encoded = statistics.median(encode)
    print(f"100,000-sample page for one sensor over HTTP, end to end: median {served * 1e3:.0f} ms")
    print(f"  of which until the response starts (server side): median {first_byte * 1e3:.0f} ms")
    print(f"orjson encoding of the same page in-process: median {encoded * 1e3:.0f} ms")
    print(f"ratio (HTTP / orjson encode): {served / encoded:.2f} (aim <= 3)")
    print(
        f"server resident memory after the pages: {server_rss:.0f} MB with {total / 1e6:.0f} M samples stored"
    )
    if small_rss is not None:
        print(
            f"  and {small_rss:.0f} MB serving the same page from a tenth of the store ({total / 1e7:.0f} M samples)"
        )


if __name__ == "__main__":
    main()
