"""``pelagos catalog load FILE`` and ``pelagos catalog dump``: describe an observatory's instruments in a document."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pelagos.config import Settings


def cmd_load(args: argparse.Namespace) -> int:
    from pelagos.catalog.document import CatalogError, read_document
    from pelagos.catalog.load import load_catalog
    from pelagos.db import create_schema, make_engine

    settings = Settings.from_env(args.data_dir)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.database_url)
    create_schema(engine)
    path = Path(args.file)
    try:
        document = read_document(path)
        with engine.begin() as conn:
            report = load_catalog(conn, document)
    except CatalogError as exc:
        print(f"{path}: refused, nothing written:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(f"{path}: loaded into {settings.safe_database_url()}: {report}")
    return 0


def cmd_dump(args: argparse.Namespace) -> int:
    from pelagos.catalog.load import dump_catalog
    from pelagos.db import create_schema, make_engine

    settings = Settings.from_env(args.data_dir)
    engine = make_engine(settings.database_url)
    create_schema(engine)
    with engine.connect() as conn:
        document = dump_catalog(conn)
    engine.dispose()
    json.dump(document, sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("catalog", help="load or dump the catalog of locations, devices and deployments")
    actions = parser.add_subparsers(dest="action", required=True)
    load = actions.add_parser("load", help="upsert a catalog document (.toml or .json), all or nothing")
    load.add_argument("file", help="the catalog document (docs/catalog.md)")
    load.add_argument("--data-dir", default=None)
    load.set_defaults(func=cmd_load)
    dump = actions.add_parser("dump", help="print the catalog as a JSON document that `catalog load` reads")
    dump.add_argument("--data-dir", default=None)
    dump.set_defaults(func=cmd_dump)
