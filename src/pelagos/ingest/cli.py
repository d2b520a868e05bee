"""``pelagos ingest FILE --device CODE``: store a CSV of samples or a raw log through the ingest service."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pelagos.config import Settings


def cmd_ingest(args: argparse.Namespace) -> int:
    from pelagos.db import create_schema, make_engine
    from pelagos.ingest.files import read_csv, read_raw
    from pelagos.ingest.service import IngestError, Ingestor

    settings = Settings.from_env(args.data_dir)
    engine = make_engine(settings.database_url)
    create_schema(engine)
    ingestor = Ingestor(engine)
    total = 0
    try:
        for name in args.files:
            path = Path(name)
            if args.raw:
                times, readings = read_raw(path)
                count = ingestor.raw_lines(args.device, times, readings)
                print(f"{path}: {count} raw lines stored for {args.device}")
            else:
                times, sensors = read_csv(path)
                count = ingestor.samples(args.device, times, sensors)
                print(f"{path}: {count} samples stored for {args.device}")
            total += count
    except IngestError as exc:
        print(f"{name}: refused, nothing written from this file: {exc}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    return 0 if total or not args.files else 1


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("ingest", help="store instrument files (CSV samples, or raw logs with --raw)")
    parser.add_argument("files", nargs="+", help="CSV files (time column + one column per sensor code)")
    parser.add_argument("--device", required=True, help="device code the readings come from")
    parser.add_argument("--raw", action="store_true", help="the files are raw logs: '<ISO time> <reading>'")
    parser.add_argument("--data-dir", default=None)
    parser.set_defaults(func=cmd_ingest)
