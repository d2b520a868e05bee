"""Data product delivery speed: from request to the last byte downloaded, with the official onc client and with
pelagos.ONC, side by side in one run.

Cases: a TSSD csv of one day of a 1 Hz CTD (CRIP.C1, 2019-08-29, 8 sensors, 86,400 rows) and the TSSP png plots
of the same day. Each order generates the product anew (the server keeps no product cache) and downloads every
file and the metadata file into a fresh folder.

    python benchmarks/bench_products.py                    # builds or reuses a demo in ./bench-data
    python benchmarks/bench_products.py --url URL --token T  # against a running server

Prints a Markdown table (median and best of ``--repeat`` orders per client and case).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import DEMO_TOKEN, start_server, stop_server  # noqa: E402

DAY = {
    "locationCode": "CRIP.C1",
    "deviceCategoryCode": "CTD",
    "dateFrom": "2019-08-29",
    "dateTo": "2019-08-30",
}
CASES = {
    "TSSD csv, CTD 1 day at 1 Hz": {
        **DAY,
        "dataProductCode": "TSSD",
        "extension": "csv",
        "dpo_qualityControl": 1,
        "dpo_resample": "none",
    },
    "TSSP png, same day": {
        **DAY,
        "dataProductCode": "TSSP",
        "extension": "png",
        "dpo_qualityControl": 1,
        "dpo_resample": "none",
    },
}


def official(url: str, token: str, out: Path) -> Any:
    from onc import ONC

    client = ONC(token, outPath=out, showWarning=False)
    client.baseUrl = url
    return client


def ours(url: str, token: str, out: Path) -> Any:
    from pelagos import ONC

    return ONC(token, baseUrl=url, outPath=out, showWarning=False)


def clients() -> dict[str, Callable[[str, str, Path], Any]]:
    found: dict[str, Callable[[str, str, Path], Any]] = {"onc 2.6.0 (official)": official}
    try:
        from pelagos import ONC  # noqa: F401
    except (ImportError, AttributeError) as exc:
        print(f"pelagos.ONC is not available ({exc}); measuring the official client only", file=sys.stderr)
    else:
        found["pelagos.ONC"] = ours
    return found


def order_once(
    make: Callable[[str, str, Path], Any], url: str, token: str, params: dict[str, Any]
) -> tuple[float, int, int]:
    """Seconds from request to last byte, files downloaded, bytes downloaded."""
    with tempfile.TemporaryDirectory() as folder:
        client = make(url, token, Path(folder))
        with contextlib.redirect_stdout(io.StringIO()):
            started = time.perf_counter()
            result = client.orderDataProduct(dict(params))
            elapsed = time.perf_counter() - started
        files = [f for f in Path(folder).iterdir() if f.stat().st_size > 0]
        assert len(files) == len(result["downloadResults"]) >= 2, result
        return elapsed, len(files), sum(f.stat().st_size for f in files)


@contextlib.contextmanager
def server(args: argparse.Namespace) -> Iterator[tuple[str, str]]:
    if args.url:
        yield args.url, args.token
        return
    data = Path(args.data_dir).resolve()
    print(f"starting a demo server over {data} (built on first use)", file=sys.stderr)
    running = start_server(data, timeout=1800)
    try:
        yield running.url, running.token
    finally:
        stop_server(running)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", help="a running server (ending with /)")
    parser.add_argument("--token", default=os.environ.get("PELAGOS_DEMO_TOKEN", DEMO_TOKEN))
    parser.add_argument("--data-dir", default=str(ROOT / "bench-data"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    makers = clients()
    rows = []
    print(f"load average at start: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)", file=sys.stderr)
    with server(args) as (url, token):
        for case, params in CASES.items():
            for make in makers.values():
                order_once(make, url, token, params)  # warm-up: imports, caches, first connection
            runs: dict[str, list[tuple[float, int, int]]] = {name: [] for name in makers}
            for _ in range(args.repeat):  # the clients take turns, so that a busy machine slows both alike
                for name, make in makers.items():
                    runs[name].append(order_once(make, url, token, params))
            for name, done in runs.items():
                times = [r[0] for r in done]
                rows.append((case, name, statistics.median(times), min(times), done[0][1], done[0][2]))
                shown = " ".join(f"{t:.2f}" for t in times)
                print(f"{case} | {name}: median {statistics.median(times):.2f} s ({shown})", file=sys.stderr)
    print(f"load average at end: {os.getloadavg()[0]:.1f}", file=sys.stderr)
    print(f"Data product delivery, request to last byte ({args.repeat} orders each, after one warm-up):\n")
    print("| product | client | median (s) | best (s) | files | bytes |")
    print("|---|---|---:|---:|---:|---:|")
    for case, name, median, best, count, size in rows:
        print(f"| {case} | {name} | {median:.2f} | {best:.2f} | {count} | {size:,} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
