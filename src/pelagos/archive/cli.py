"""``pelagos archive build``: make the missing daily archive files from stored samples, on demand."""

from __future__ import annotations

import argparse

from pelagos.config import Settings


def cmd_build(args: argparse.Namespace) -> int:
    from pelagos.archive.archiver import Archiver
    from pelagos.db import create_schema, make_engine
    from pelagos.timeutil import parse_instant

    settings = Settings.from_env(args.data_dir)
    engine = make_engine(settings.database_url)
    create_schema(engine)
    archiver = Archiver.for_settings(settings, engine)
    made = archiver.build(
        args.device,
        parse_instant(args.date_from) if args.date_from else None,
        parse_instant(args.date_to) if args.date_to else None,
    )
    print(f"{made} archive file(s) made in {settings.archive_url}")
    engine.dispose()
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("archive", help="manage the archive of files")
    actions = parser.add_subparsers(dest="action", required=True)
    build = actions.add_parser("build", help="make the daily files of every complete day with samples")
    build.add_argument("--device", default=None, help="only this device code")
    build.add_argument("--from", dest="date_from", default=None, help="first day (ISO 8601)")
    build.add_argument("--to", dest="date_to", default=None, help="end, exclusive (ISO 8601)")
    build.add_argument("--data-dir", default=None)
    build.set_defaults(func=cmd_build)
