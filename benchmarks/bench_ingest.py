"""Ingest benchmark: samples per second through the whole ingest service (validation, QARTOD flags, TEOS-10
derived variables, one transaction), for a 1 Hz CTD in batches of one day.

Run: ``.venv/bin/python benchmarks/bench_ingest.py [--days 10]``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np

from pelagos.db import create_schema, make_engine
from pelagos.ingest.demo.catalog import load_network
from pelagos.ingest.demo.signals import ctd
from pelagos.ingest.service import Ingestor

DEVICE = "SBECTD19p7247"  # Burrard Inlet CTD, deployed in June 2019
START_MS = 1_560_988_800_000  # 2019-06-20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--days", type=int, default=10)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="pelagos-ingest-"))
    engine = make_engine(f"sqlite:///{folder / 'pelagos.db'}")
    create_schema(engine)
    with engine.begin() as conn:
        load_network(conn)
    ingestor = Ingestor(engine)
    rng = np.random.default_rng(1)
    spent, measured, stored = 0.0, 0, 0
    for day in range(args.days):
        times = START_MS + day * 86_400_000 + np.arange(86_400, dtype=np.int64) * 1000
        series = ctd(times, 20.0, 49.3, rng)
        columns = {
            "Conductivity": series["conductivity"],
            "Temperature": series["temperature"],
            "Pressure": series["pressure"],
        }
        t0 = time.perf_counter()
        stored += ingestor.samples(DEVICE, times, columns)
        spent += time.perf_counter() - t0
        measured += 3 * times.size
    print(
        f"ingested {args.days} days of a 1 Hz CTD: {measured / 1e6:.1f} M measured readings, {stored / 1e6:.1f} M samples stored"
    )
    print(
        f"ingest service: {measured / spent / 1e6:.2f} M measured readings/s, {stored / spent / 1e6:.2f} M stored samples/s"
    )
    print(
        "  (QARTOD flags on every measured reading, five TEOS-10 variables derived, one transaction per day)"
    )


if __name__ == "__main__":
    main()
