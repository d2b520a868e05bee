"""Client benchmark: the official onc 2.6.0 client against pelagos.ONC (default concurrency), side by side in one run.

1. allPages: getScalardata over 3 days of BPR-Folger-59 (4 sensors at 1 Hz, 1,036,800 samples, three pages of
   the default rowLimit), then over 12 days of its pressure sensor alone (1,036,800 samples, eleven pages), on the
   demo server; wall time of each client and a check that both give the same samples.
2. Archive files: downloadDirectArchivefile of 200 files (small 100 kB files, then 6 MB daily text files) from a
   benchmark data folder (a server without --demo on a fresh folder, files written through the archiver);
   byte-identical check; and the peak memory of a fresh process downloading 6 MB files against 256 MB files.
3. orderDataProduct: request to last byte downloaded, on the demo server (which holds a download for up to 5 s
   while the product is generated) and, with ``--no-hold``, on the same server answering 202 at once, as ONC does.

    python benchmarks/bench_client.py                        # builds or reuses ./bench-data and ./bench-data-files
    python benchmarks/bench_client.py --only pages,orders     # a part of it
    python benchmarks/bench_client.py --rtt-ms 50             # as from a client 50 ms away from its server

Each timing is the median of ``--repeat`` runs per client, the clients alternating so that a busy machine slows
both alike; a Markdown summary closes the output.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import numpy as np
from latency import LatencyProxy

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "bench-client-0123456789"
DAY_MS = 86_400_000
OFFICIAL = "onc 2.6.0 (official)"
OURS = "pelagos.ONC"

#: Round trip time added between the clients and the server (``--rtt-ms``); 0: plain loopback.
RTT_S = 0.0

PAGES_DEVICE = "BPR-Folger-59"
PAGES_START = "2019-11-10"
PAGES_SENSOR = "pressure"  # sensorCategoryCodes of the BPR's pressure sensor


@dataclass(frozen=True)
class FileSet:
    """Archive files of one device, one file per ``period_ms`` from ``start``, for one listing query."""

    label: str
    device: str
    extension: str
    start: str
    period_ms: int
    compress: bool  # stored gzipped, as the archive keeps daily text files


SMALL = FileSet("small", "ICLISTENHF1560", "png", "2019-01-01", 300_000, False)
DAILY = FileSet("daily", "BPR-Folger-59", "txt", "2019-01-01", DAY_MS, True)
BIG = FileSet("big", "JASCOAMAR2062", "wav", "2019-01-01", 300_000, False)

ORDERS = {
    "TSSD csv, BPR 1 hour (14,400 rows)": {
        "deviceCode": PAGES_DEVICE,
        "dateFrom": "2019-11-20T00:00:00.000Z",
        "dateTo": "2019-11-20T01:00:00.000Z",
        "dataProductCode": "TSSD",
        "extension": "csv",
        "dpo_qualityControl": 1,
        "dpo_resample": "none",
    },
    "TSSD csv, BPR 1 day (86,400 rows)": {
        "deviceCode": PAGES_DEVICE,
        "dateFrom": "2019-11-20",
        "dateTo": "2019-11-21",
        "dataProductCode": "TSSD",
        "extension": "csv",
        "dpo_qualityControl": 1,
        "dpo_resample": "none",
    },
}


# -- servers -------------------------------------------------------------------------------------------------------


@dataclass
class Server:
    """A ``pelagos serve`` process started by the benchmark, and where its output goes."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path


def free_port() -> int:
    """A TCP port nobody listens on, so that runs never meet another server."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(data_dir: Path, demo: bool, hold: float | None = None, timeout: float = 1800) -> Server:
    """Start ``pelagos serve`` on a free port (``hold``: seconds a product download is held; None: as built)."""
    port = free_port()
    data_dir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PELAGOS_DEMO_TOKEN": TOKEN, "PELAGOS_ARCHIVER": "0"}
    if hold is None:
        args = [sys.executable, "-m", "pelagos.cli"]
    else:
        patch = "import sys, pelagos.api.delivery as d; from pelagos.cli import main; d.HOLD_S = float(sys.argv.pop(1))"
        args = [sys.executable, "-c", patch + "; sys.exit(main(sys.argv[1:]))", str(hold)]
    args += ["serve", "--data-dir", str(data_dir), "--port", str(port), "--no-live", "--log-level", "warning"]
    args += ["--demo"] if demo else []
    log = data_dir / "bench-server.log"
    process = subprocess.Popen(args, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {log.read_text()[-3000:]}")
        try:
            answer = httpx.get(
                url + "api/locations", params={"token": TOKEN, "locationCode": "NCBC"}, timeout=2
            )
            if answer.status_code < 500:
                return Server(url, process, log)
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    process.kill()
    raise RuntimeError("server did not start in time")


@contextlib.contextmanager
def running(data_dir: Path, demo: bool, hold: float | None = None) -> Iterator[Server]:
    """A server for the length of a ``with`` block, stopped whatever happens; behind a latency proxy (its URL
    is the one given) when ``--rtt-ms`` is set."""
    server = serve(data_dir, demo, hold)
    proxy = None
    try:
        if RTT_S > 0:
            proxy = LatencyProxy(int(server.url.rsplit(":", 1)[1].strip("/")), RTT_S).start()
            yield Server(f"http://127.0.0.1:{proxy.port}/", server.process, server.log)
        else:
            yield server
    finally:
        if proxy is not None:
            proxy.stop()
        server.process.terminate()
        try:
            server.process.wait(20)
        except subprocess.TimeoutExpired:
            server.process.kill()


# -- clients -------------------------------------------------------------------------------------------------------


def make_client(name: str, url: str, out: Path) -> Any:
    """One client of each kind, pointed at ``url``, writing into ``out``."""
    if name == OFFICIAL:
        from onc import ONC

        client = ONC(TOKEN, outPath=out, showWarning=False)
        client.baseUrl = url
        return client
    from pelagos import ONC as Ours

    return Ours(TOKEN, baseUrl=url, outPath=out, showWarning=False, progress=False)


def quiet(call: Callable[[], Any]) -> tuple[Any, float]:
    """Run ``call`` with its printed lines swallowed; gives its result and wall seconds."""
    with contextlib.redirect_stdout(io.StringIO()):
        started = time.perf_counter()
        result = call()
        return result, time.perf_counter() - started


def alternate(repeat: int, runs: dict[str, Callable[[], float]]) -> dict[str, list[float]]:
    """Run each measurement ``repeat`` times, the clients taking turns."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            times[name].append(run())
    return times


def describe(times: dict[str, list[float]]) -> str:
    """One line: both medians, their ratio and every run, for the log."""
    official, ours = statistics.median(times[OFFICIAL]), statistics.median(times[OURS])
    runs = ", ".join(f"{name}: " + " ".join(f"{t:.2f}" for t in ts) for name, ts in times.items())
    return f"official {official:.2f} s, ours {ours:.2f} s, ratio {official / ours:.2f}  ({runs})"


Row = tuple[str, str, str, str, str]  # measurement, official, ours, ratio, aim


def ratio_row(label: str, times: dict[str, list[float]], aim: str) -> Row:
    """A summary table row from the medians of both clients."""
    official, ours = statistics.median(times[OFFICIAL]), statistics.median(times[OURS])
    return (label, f"{official:.2f} s", f"{ours:.2f} s", f"{official / ours:.2f}", aim)


# -- 1. allPages ---------------------------------------------------------------------------------------------------


def bench_pages(url: str, days: int, repeat: int, sensor: str | None = None) -> list[Row]:
    """getScalardata allPages over ``days`` days of the BPR (all four sensors, or the one ``sensor`` category),
    both clients; checks they give the same samples."""
    start = np.datetime64(PAGES_START, "D")
    query = {
        "deviceCode": PAGES_DEVICE,
        "dateFrom": f"{start}T00:00:00.000Z",
        "dateTo": f"{start + np.timedelta64(days, 'D')}T00:00:00.000Z",
    }
    if sensor:
        query["sensorCategoryCodes"] = sensor
    clients = {name: make_client(name, url, Path(tempfile.gettempdir())) for name in (OFFICIAL, OURS)}
    results: dict[str, Any] = {}

    def run(name: str) -> Callable[[], float]:
        def once() -> float:
            result, seconds = quiet(lambda: clients[name].getScalardata(dict(query), allPages=True))
            results[name] = result
            return seconds

        return once

    for name in clients:  # warm-up: imports, first connection
        run(name)()
    total = sum(len(s["data"]["sampleTimes"]) for s in results[OURS]["sensorData"])
    which = f"sensor {sensor}" if sensor else "all sensors"
    print(
        f"\n1. allPages: {PAGES_DEVICE} ({which}) {query['dateFrom']}..{query['dateTo']}, {total:,} samples"
    )
    times = alternate(repeat, {name: run(name) for name in clients})
    print(f"   {describe(times)}")
    same = [
        (a["sensorCode"], a["data"] == b["data"])
        for a, b in zip(results[OFFICIAL]["sensorData"], results[OURS]["sensorData"], strict=True)
    ]
    whole = dict(results[OFFICIAL]) == dict(results[OURS])
    print(
        "   identical sampleTimes/values/qaqcFlags per sensor: "
        + ", ".join(f"{code} {'yes' if ok else 'NO'}" for code, ok in same)
        + f"; whole answers equal: {'yes' if whole else 'NO'}"
    )
    check = "identical" if whole and all(ok for _, ok in same) else "DIFFERENT"
    label = f"allPages, {total / 1e6:.2f} M samples, {which}, {days} days ({check})"
    return [ratio_row(label, times, "≥ 3")]


# -- 2. archive files ----------------------------------------------------------------------------------------------


def daily_text(day_ms: int, size: int, template: dict[int, bytes] = {}) -> bytes:  # noqa: B006 - a cache
    """A daily log of 1 Hz readings like the archive's daily text files, about ``size`` bytes, for ``day_ms``.

    The readings are made once (for 2000-01-01) and only the date is rewritten per day, so 200 files take seconds.
    """
    from pelagos.timeutil import format_ms, format_times

    if size not in template:
        lines = max(1, size // 70)
        times = 946_684_800_000 + np.arange(lines, dtype=np.int64) * (DAY_MS // max(lines, 86_400))
        rng = np.random.default_rng(1)
        pressure = 99.1 + 0.8 * np.sin(np.arange(lines) / 6_700) + rng.normal(0, 0.001, lines)
        temperature = 8.2 + rng.normal(0, 0.002, lines)
        template[size] = "".join(
            f"{t} {p:9.4f} {c:7.4f} {c + 0.01:7.4f} {c - 0.01:7.4f} {i:10d}\n"
            for i, (t, p, c) in enumerate(
                zip(format_times(times), pressure.tolist(), temperature.tolist(), strict=True)
            )
        ).encode()
    return template[size].replace(b"2000-01-01T", format_ms(day_ms)[:11].encode())


def build_files(folder: Path, sets: list[tuple[FileSet, int, int]]) -> None:
    """Fill a fresh data folder (no demo) with the catalog, the benchmark token and ``count`` files per set.

    A folder built for the same sets is reused; one built for other sets or sizes is emptied and rebuilt.
    """
    from pelagos.archive.archiver import Archiver, file_name
    from pelagos.catalog.tokens import create_token
    from pelagos.config import Settings
    from pelagos.db import create_schema, make_engine
    from pelagos.ingest.demo.catalog import load_network
    from pelagos.timeutil import parse_instant

    marker = folder / "bench-files.json"
    wanted = json.dumps([[spec.label, count, size] for spec, count, size in sets])
    if marker.exists() and marker.read_text() == wanted:
        return
    if folder.exists() and any(folder.iterdir()):
        if not marker.exists():
            raise SystemExit(
                f"{folder} is not empty and was not made by this benchmark: choose another --files-dir"
            )
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    settings = Settings.from_env(str(folder))
    engine = make_engine(settings.database_url)
    create_schema(engine)
    with engine.begin() as conn:
        load_network(conn)
        create_token(conn, "bench", TOKEN)
    archiver = Archiver.for_settings(settings, engine)
    view = archiver.catalog.get()
    for spec, count, size in sets:
        print(f"   writing {count} {spec.label} files of {size / 1e6:.1f} MB into {folder}", flush=True)
        device = view.devices[spec.device]
        start = parse_instant(spec.start)
        rng = np.random.default_rng(7)
        for i in range(count):
            begin = start + i * spec.period_ms
            if spec.extension == "txt":
                content = daily_text(begin, size)
            else:  # incompressible, like encoded audio or images
                content = rng.integers(0, 256, size, dtype=np.uint8).tobytes()
            name = file_name(spec.device, begin, spec.extension)
            product = "LF" if spec.extension == "txt" else "AD"
            archiver.add(
                device, name, product, begin, begin + spec.period_ms, content, compress=spec.compress
            )
    engine.dispose()
    marker.write_text(wanted)


def listing_filters(spec: FileSet, count: int) -> dict[str, Any]:
    """The official client's archivefile filters that list the first ``count`` files of a set."""
    from pelagos.timeutil import format_ms, parse_instant

    start = parse_instant(spec.start)
    return {
        "deviceCode": spec.device,
        "dateFrom": format_ms(start),
        "dateTo": format_ms(start + count * spec.period_ms),
        "extension": spec.extension,
    }


def digests(folder: Path) -> dict[str, str]:
    """sha256 of every file in ``folder`` by name (hidden temporary files would show up too)."""
    found = {}
    for path in sorted(folder.iterdir()):
        with path.open("rb") as handle:
            found[path.name] = hashlib.file_digest(handle, "sha256").hexdigest()
    return found


def bench_downloads(url: str, spec: FileSet, count: int, repeat: int, scratch: Path) -> Row:
    """downloadDirectArchivefile of ``count`` files with both clients into fresh folders; checks the bytes."""
    filters = listing_filters(spec, count)
    kept: dict[str, dict[str, str]] = {}

    def run(name: str) -> Callable[[], float]:
        def once() -> float:
            out = Path(tempfile.mkdtemp(prefix="dl-", dir=scratch))
            client = make_client(name, url, out)
            result, seconds = quiet(lambda: client.downloadDirectArchivefile(dict(filters)))
            assert result["stats"]["fileCount"] == count, result["stats"]
            if name not in kept:
                kept[name] = digests(out)
            shutil.rmtree(out)
            return seconds

        return once

    clients = (OFFICIAL, OURS)
    for name in clients:  # warm-up on a few files: first connections, thread pool
        out = Path(tempfile.mkdtemp(prefix="warm-", dir=scratch))
        client = make_client(name, url, out)
        quiet(lambda client=client: client.downloadDirectArchivefile(listing_filters(spec, 4)))
        shutil.rmtree(out)
    times = alternate(repeat, {name: run(name) for name in clients})
    compared = len(kept[OURS])
    same = kept[OFFICIAL] == kept[OURS] and compared == count
    print(f"   {count} {spec.label} files: {describe(times)}")
    print(f"   byte-identical files from both clients: {'yes' if same else 'NO'} ({compared} files compared)")
    label = f"{count} archive files, {spec.label} ({'identical' if same else 'DIFFERENT'})"
    return ratio_row(label, times, "≥ 4")


CHILD = """
import json, sys
from pathlib import Path
which, url, token, out, names = sys.argv[1], sys.argv[2], sys.argv[3], Path(sys.argv[4]), sys.argv[5:]

def status(key):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024

if which == "official":
    from onc import ONC
    client = ONC(token, outPath=out, showWarning=False)
    client.baseUrl = url
else:
    from pelagos import ONC
    client = ONC(token, baseUrl=url, outPath=out, showWarning=False, progress=False)
base = status("VmRSS")
Path("/proc/self/clear_refs").write_text("5")  # restart the peak (VmHWM) from here
if which == "official":
    for name in names:
        client.downloadArchivefile(name, overwrite=True)
else:
    client.downloadArchivefiles(names, overwrite=True)
print(json.dumps({"base": base, "peak": status("VmHWM")}))
"""


def peak_memory(which: str, url: str, names: list[str], scratch: Path) -> tuple[float, float]:
    """Peak resident memory (MB) of a fresh process while it downloads ``names``, and its memory before."""
    out = Path(tempfile.mkdtemp(prefix="mem-", dir=scratch))
    try:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, which, url, TOKEN, str(out), *names],
            check=True,
            capture_output=True,
            text=True,
        )
    finally:
        shutil.rmtree(out)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return figures["peak"], figures["base"]


def bench_memory(url: str, sets: list[tuple[FileSet, int, int]], scratch: Path) -> list[Row]:
    """Peak RSS of a fresh process per client and file size: flat in the file size for ours."""
    rows: list[Row] = []
    print(
        "\n   peak resident memory of a fresh process downloading the files (MB; before the downloads in brackets):"
    )
    for spec, count, size in sets:
        query = {key: value for key, value in listing_filters(spec, count).items() if key != "extension"}
        answer = httpx.get(
            url + "api/archivefile/device",
            params={**query, "token": TOKEN, "fileExtension": spec.extension},
            timeout=60,
        )
        listed = answer.json()["files"][:count]
        measured = {}
        for which, label in (("official", OFFICIAL), ("ours", OURS)):
            peak, base = peak_memory(which, url, listed, scratch)
            measured[label] = f"{peak:.0f} MB (+{peak - base:.0f})"
            print(f"   {label}: {len(listed)} files of {size / 1e6:.0f} MB: peak {peak:.0f} MB ({base:.0f})")
        rows.append(
            (
                f"peak RSS (growth while downloading), {len(listed)} × {size / 1e6:.0f} MB files",
                measured[OFFICIAL],
                measured[OURS],
                "",
                "flat (ours)",
            )
        )
    return rows


# -- 3. orderDataProduct -------------------------------------------------------------------------------------------


def bench_orders(url: str, repeat: int, scratch: Path, server_label: str) -> list[Row]:
    """orderDataProduct, request to last byte, for each case; every order generates the product anew."""
    rows = []
    for case, params in ORDERS.items():

        def run(name: str, params: dict[str, Any] = params) -> Callable[[], float]:
            def once() -> float:
                out = Path(tempfile.mkdtemp(prefix="order-", dir=scratch))
                client = make_client(name, url, out)
                result, seconds = quiet(lambda: client.orderDataProduct(dict(params)))
                assert len(result["downloadResults"]) >= 2, result
                shutil.rmtree(out)
                return seconds

            return once

        for name in (OFFICIAL, OURS):  # warm-up
            run(name)()
        times = alternate(repeat, {name: run(name) for name in (OFFICIAL, OURS)})
        print(f"   {case}: {describe(times)}")
        rows.append(ratio_row(f"orderDataProduct {case}, {server_label}", times, "≥ 2"))
    return rows


# -- main ----------------------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data-dir", default=str(ROOT / "bench-data"), help="demo folder (built on first use)"
    )
    parser.add_argument(
        "--files-dir", default=str(ROOT / "bench-data-files"), help="archive benchmark folder"
    )
    parser.add_argument("--only", default="pages,files,memory,orders", help="comma-separated parts to run")
    parser.add_argument("--repeat", type=int, default=3, help="runs per client and measurement")
    parser.add_argument(
        "--days", type=int, default=3, help="allPages window in days (4 sensors at 1 Hz each)"
    )
    parser.add_argument(
        "--sensor-days", type=int, default=12, help="allPages window in days for one sensor at 1 Hz"
    )
    parser.add_argument("--files", type=int, default=200, help="archive files per download")
    parser.add_argument("--small-kb", type=int, default=100, help="size of the small archive files")
    parser.add_argument("--daily-mb", type=float, default=6.0, help="size of the daily text files")
    parser.add_argument("--big-mb", type=int, default=256, help="size of the large files of the memory test")
    parser.add_argument(
        "--no-hold", action="store_true", help="also order from a server answering 202 at once"
    )
    parser.add_argument(
        "--rtt-ms", type=float, default=0.0, help="network round trip to add between clients and server"
    )
    args = parser.parse_args()
    global RTT_S
    RTT_S = args.rtt_ms / 1000
    parts = set(args.only.split(","))
    rows: list[Row] = []
    scratch = Path(tempfile.mkdtemp(prefix="pelagos-bench-client-"))
    print(
        f"cores: {os.cpu_count()}, load average at start: {os.getloadavg()[0]:.1f}, added RTT: {args.rtt_ms} ms"
    )
    try:
        if parts & {"pages", "orders"}:
            data = Path(args.data_dir).resolve()
            print(f"demo server over {data} (built on first use, a few minutes)", flush=True)
            with running(data, demo=True) as server:
                if "pages" in parts:
                    rows += bench_pages(server.url, args.days, args.repeat)
                    rows += bench_pages(server.url, args.sensor_days, args.repeat, PAGES_SENSOR)
                if "orders" in parts:
                    print("\n3. orderDataProduct, request to last byte (server holds a download up to 5 s):")
                    rows += bench_orders(server.url, args.repeat, scratch, "download held")
            if "orders" in parts and args.no_hold:
                with running(data, demo=True, hold=0.0) as server:
                    print("\n3. orderDataProduct, server answering 202 at once (as ONC does):")
                    rows += bench_orders(server.url, args.repeat, scratch, "202 at once")
        if parts & {"files", "memory"}:
            folder = Path(args.files_dir).resolve()
            small = (SMALL, args.files, args.small_kb * 1000)
            daily = (DAILY, args.files, int(args.daily_mb * 1e6))
            big = (BIG, 2, args.big_mb * 1_000_000)
            print(f"\n2. archive files: server without --demo over {folder}", flush=True)
            build_files(folder, [small, daily, big])
            with running(folder, demo=False) as server:
                if "files" in parts:
                    for spec, count, _ in (small, daily):
                        rows.append(bench_downloads(server.url, spec, count, args.repeat, scratch))
                if "memory" in parts:
                    rows += bench_memory(server.url, [(DAILY, 3, daily[2]), big], scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"\nload average at end: {os.getloadavg()[0]:.1f}")
    print("\n| measurement | official onc 2.6.0 | pelagos.ONC | ratio | aim |")
    print("|---|---:|---:|---:|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
