"""Run every benchmark in turn with modest sizes (``make bench``), streaming their output as it comes.

The sizes here keep the whole run to some minutes; each script's own defaults are the full-size figures quoted in
docs/benchmarks.md. Run: ``.venv/bin/python benchmarks/run_all.py [--only store,client] [--data-dir DIR]``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

#: (name, script, arguments): modest sizes, full sizes are each script's defaults.
BENCHMARKS: list[tuple[str, str, list[str]]] = [
    ("store", "bench_store.py", ["--samples", "10e6", "--repeat", "10"]),
    ("ingest", "bench_ingest.py", ["--days", "3"]),
    ("client", "bench_client.py", ["--repeat", "3", "--no-hold"]),
    ("products", "bench_products.py", ["--repeat", "3"]),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--only", default=None, help="comma-separated names: " + ", ".join(b[0] for b in BENCHMARKS)
    )
    parser.add_argument(
        "--data-dir",
        default=str(ROOT / "bench-data"),
        help="demo folder shared by the client and products runs",
    )
    args = parser.parse_args()
    chosen = set(args.only.split(",")) if args.only else {name for name, _, _ in BENCHMARKS}
    unknown = chosen - {name for name, _, _ in BENCHMARKS}
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
    failed = []
    for name, script, extra in BENCHMARKS:
        if name not in chosen:
            continue
        if name in ("client", "products"):
            extra = [*extra, "--data-dir", args.data_dir]
        if name == "client":
            extra = [*extra, "--files-dir", args.files_dir]
        command = [sys.executable, "-u", str(HERE / script), *extra]
        print(f"\n=== {name}: {' '.join(command[2:])}", flush=True)
        started = time.perf_counter()
        code = subprocess.call(command, cwd=ROOT)  # inherits stdout/stderr: the output streams through
        print(f"=== {name}: exit {code} after {time.perf_counter() - started:.0f} s", flush=True)
        if code:
            failed.append(name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
