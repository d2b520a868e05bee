"""The ``pelagos`` command: serve, manage tokens, load the catalog, ingest, build archives, and fetch data."""

from __future__ import annotations

import argparse
import logging
import shlex
import sys
from collections.abc import Sequence

from pelagos import __version__
from pelagos.archive import cli as archive_cli
from pelagos.catalog import cli as catalog_cli
from pelagos.client import cli as client_cli
from pelagos.config import Settings
from pelagos.delivery import cli as delivery_cli
from pelagos.ingest import cli as ingest_cli


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env(getattr(args, "data_dir", None))


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve a data folder (building the demo observatory into it first with --demo)."""
    import uvicorn

    from pelagos.api.app import build_state
    from pelagos.ingest.demo.build import build_demo, demo_token
    from pelagos.server import make_app

    settings = Settings.from_env(args.data_dir, live=args.demo and not args.no_live)
    token = None
    if args.demo:
        state = build_state(settings)
        build_demo(settings, state.engine)
        token = demo_token(settings, state.engine)
        state.engine.dispose()
    app = make_app(settings)
    url = settings.public_url or f"http://{args.host}:{args.port}/"
    print(f"pelagos {__version__} serving {settings.data_dir}", flush=True)
    print(f"  database: {settings.safe_database_url()}", flush=True)
    print(f"  archive:  {settings.archive_url}", flush=True)
    print(f"  URL:      {url}", flush=True)
    if token:
        print(f"  token:    {token}", flush=True)
        print("  try:", flush=True)
        print(
            f'    {shlex.quote(sys.executable)} -c "from pelagos import ONC; '
            f"onc = ONC('{token}', baseUrl='{url}'); "
            f"print(onc.getLocations({{'locationCode': 'NC89'}}))\"",
            flush=True,
        )
    uvicorn.run(app, host=args.host, port=args.port, access_log=False, log_level=args.log_level)
    return 0


def cmd_token(args: argparse.Namespace) -> int:
    from pelagos.catalog.tokens import AmbiguousPrefix, create_token, list_tokens, revoke_token
    from pelagos.db import create_schema, make_engine

    settings = _settings(args)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.database_url)
    create_schema(engine)
    with engine.begin() as conn:
        if args.action == "create":
            print(create_token(conn, args.user, operator=True if args.operator else None))
        elif args.action == "list":
            for info in list_tokens(conn, args.user):
                state = "revoked" if info.revoked else "active"
                print(f"{info.id}\t{info.user}\t{info.prefix}…\t{state}")
        else:
            try:
                count = revoke_token(conn, args.token)
            except AmbiguousPrefix as exc:
                print(f"nothing revoked: {exc}", file=sys.stderr)
                return 2
            print(f"revoked {count} token(s)")
            if not count:
                return 1
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pelagos", description=__doc__)
    parser.add_argument("--version", action="version", version=f"pelagos {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="serve a data folder over the Oceans 3.0 API")
    serve.add_argument(
        "--data-dir", default=None, help="data folder (default ./pelagos-data or PELAGOS_DATA_DIR)"
    )
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument(
        "--demo", action="store_true", help="build the demo observatory into the folder if absent"
    )
    serve.add_argument(
        "--no-live", action="store_true", help="with --demo, do not run the live simulated instruments"
    )
    serve.add_argument("--log-level", default="info")
    serve.set_defaults(func=cmd_serve)

    token = sub.add_parser("token", help="manage API tokens")
    token.add_argument("--data-dir", default=None)
    tsub = token.add_subparsers(dest="action", required=True)
    create = tsub.add_parser("create", help="issue a token for a user (created if new)")
    create.add_argument("--user", required=True)
    create.add_argument("--operator", action="store_true", help="the user may ingest data")
    lst = tsub.add_parser("list", help="list tokens (prefixes only)")
    lst.add_argument("--user", default=None)
    revoke = tsub.add_parser("revoke", help="revoke a token, given whole or by its listed prefix")
    revoke.add_argument("token")
    token.set_defaults(func=cmd_token)
    delivery_cli.register(sub)
    ingest_cli.register(sub)
    catalog_cli.register(sub)
    archive_cli.register(sub)
    client_cli.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    level = str(
        getattr(args, "log_level", "warning")
    ).upper()  # commands without --log-level say only what matters
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
