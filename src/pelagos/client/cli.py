"""The client side of the ``pelagos`` command: discovery, real-time data, archive files and data products.

Filters are the API's own parameters written ``name=value`` (``deviceCode=BPR-Folger-59 dateFrom=2019-11-23``),
so anything the Oceans 3.0 documentation shows works unchanged. The service and token come from ``--url`` and
``--token``, else ``PELAGOS_URL``/``ONC_TOKEN``, else the config file (see :mod:`pelagos.client.settings`).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

import requests

#: Discovery commands and the services they call.
DISCOVERY = {
    "locations": "getLocations",
    "tree": "getLocationsTree",
    "deployments": "getDeployments",
    "devices": "getDevices",
    "device-categories": "getDeviceCategories",
    "properties": "getProperties",
    "data-products": "getDataProducts",
    "availability": "getDataAvailability",
}


class UsageError(Exception):
    """A command line that cannot be turned into a request."""


def parse_filters(items: Sequence[str]) -> dict[str, str]:
    """``["a=1", "b=x,y"]`` as ``{"a": "1", "b": "x,y"}``; a later repeat of a name wins."""
    filters: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise UsageError(f"filter {item!r} is not of the form name=value")
        filters[name] = value
    return filters


def _client(args: argparse.Namespace) -> Any:
    from pelagos.client.onc import ONC

    return ONC(
        args.token,
        baseUrl=args.url,
        outPath=args.out,
        timeout=args.timeout,
        showWarning=not args.quiet,
        concurrency=args.concurrency,
        progress=not args.quiet and sys.stderr.isatty(),
    )


def _print_json(obj: Any) -> None:
    json.dump(obj, sys.stdout, indent=2)
    sys.stdout.write("\n")


def cmd_discover(args: argparse.Namespace) -> int:
    """Print what a discovery service returns: JSON, or a table of its flat columns with ``--table``."""
    with _client(args) as onc:
        rows = getattr(onc, DISCOVERY[args.command])(parse_filters(args.filters))
    if not args.table:
        _print_json(rows)
        return 0
    import pandas as pd

    records = rows.get("availableDataProducts", []) if isinstance(rows, dict) else rows
    frame = pd.DataFrame(records)
    flat = [c for c in frame.columns if not frame[c].map(lambda v: isinstance(v, dict | list)).any()]
    sys.stdout.write(frame[flat].to_string(index=False) + "\n")
    return 0


def _write_frame(frame: Any, args: argparse.Namespace) -> None:
    """Write a DataFrame to the file the options name, or as CSV to standard output."""
    if args.parquet:
        frame.to_parquet(args.parquet)
    elif args.csv and args.csv != "-":
        frame.to_csv(args.csv, date_format="%Y-%m-%dT%H:%M:%S.%fZ")
    else:
        frame.to_csv(sys.stdout, date_format="%Y-%m-%dT%H:%M:%S.%fZ")


def cmd_data(args: argparse.Namespace) -> int:
    """Fetch scalar or raw data (every page unless ``--first-page``) and write it as a table or netCDF."""
    filters = parse_filters(args.filters)
    with _client(args) as onc:
        fetch = onc.getScalardata if args.command == "scalardata" else onc.getRawdata
        result = fetch(filters, allPages=not args.first_page)
    if args.json:
        _print_json(dict(result))
    elif args.netcdf:
        result.to_xarray().to_netcdf(args.netcdf)
    else:
        _write_frame(result.to_dataframe(), args)
    return 0


def cmd_files(args: argparse.Namespace) -> int:
    """List archive files: one name a line, or full records as JSON with ``--details``."""
    filters = parse_filters(args.filters)
    if args.details:
        filters["returnOptions"] = "all"
    with _client(args) as onc:
        result = onc.getArchivefile(filters, allPages=True)
    if args.details:
        _print_json(result["files"])
    else:
        for row in result["files"]:
            print(row)
    return 0


def cmd_download(args: argparse.Namespace) -> int:
    """Download archive files by name, or every file matching ``name=value`` filters, into ``--out``.

    It prints what the official client prints (each file, then the count, size and time).
    """
    names = [item for item in args.items if "=" not in item]
    filters = parse_filters([item for item in args.items if "=" in item])
    if bool(names) == bool(filters):
        raise UsageError("give archive file names, or filters such as deviceCode=... (not both)")
    with _client(args) as onc:
        if names:
            onc.downloadArchivefiles(names, overwrite=args.overwrite)
        else:
            onc.downloadDirectArchivefile(filters, overwrite=args.overwrite, allPages=True)
    return 0


def cmd_order(args: argparse.Namespace) -> int:
    """Request, run and download a data product into ``--out``, printing the official client's progress."""
    with _client(args) as onc:
        result = onc.orderDataProduct(
            parse_filters(args.filters),
            maxRetries=args.max_retries,
            downloadResultsOnly=args.results_only,
            includeMetadataFile=not args.no_metadata,
            overwrite=args.overwrite,
        )
    if args.results_only:
        _print_json(result["downloadResults"])
    return 0


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--url", default=None, help="server (default PELAGOS_URL, the config file, or ONC)")
    parser.add_argument("--token", default=None, help="API token (default ONC_TOKEN or the config file)")
    parser.add_argument("--out", default="output", help="folder for downloaded files (default ./output)")
    parser.add_argument("--timeout", type=int, default=60, help="seconds per request (default 60)")
    parser.add_argument("--concurrency", type=int, default=8, help="parallel requests (default 8)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bars or API warnings")


def _filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("filters", nargs="*", metavar="name=value", help="API parameters")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the client commands to the ``pelagos`` command line."""
    for name, method in DISCOVERY.items():
        parser = sub.add_parser(name, help=f"discovery: {method}")
        _filters(parser)
        parser.add_argument("--table", action="store_true", help="a table of the flat columns, not JSON")
        _common(parser)
        parser.set_defaults(func=run(cmd_discover))

    for name in ("scalardata", "rawdata"):
        parser = sub.add_parser(name, help=f"{name} by device or location, every page, as a table")
        _filters(parser)
        out = parser.add_mutually_exclusive_group()
        out.add_argument("--csv", metavar="FILE", help="write CSV (default: CSV on standard output)")
        out.add_argument("--parquet", metavar="FILE", help="write Parquet")
        out.add_argument("--netcdf", metavar="FILE", help="write netCDF (CF attributes)")
        out.add_argument("--json", action="store_true", help="print the API's answer as JSON")
        parser.add_argument("--first-page", action="store_true", help="only the first page")
        _common(parser)
        parser.set_defaults(func=run(cmd_data))

    files = sub.add_parser("files", help="list archive files by device or location")
    _filters(files)
    files.add_argument("--details", action="store_true", help="full records (dates, sizes) as JSON")
    _common(files)
    files.set_defaults(func=run(cmd_files))

    download = sub.add_parser("download", help="download archive files by name or by filters")
    download.add_argument("items", nargs="+", metavar="NAME|name=value")
    download.add_argument("--overwrite", action="store_true", help="replace files already downloaded")
    _common(download)
    download.set_defaults(func=run(cmd_download))

    order = sub.add_parser("order", help="order a data product and download its files")
    _filters(order)
    order.add_argument("--no-metadata", action="store_true", help="skip the metadata file")
    order.add_argument("--results-only", action="store_true", help="run it, print the file links only")
    order.add_argument("--overwrite", action="store_true", help="replace files already downloaded")
    order.add_argument("--max-retries", type=int, default=0, help="polls per file before giving up (0: none)")
    _common(order)
    order.set_defaults(func=run(cmd_order))


def run(command: Any) -> Any:
    """``command`` with the client's failures turned into a message on standard error and an exit status."""

    def guarded(args: argparse.Namespace) -> int:
        try:
            return int(command(args))
        except UsageError as error:
            print(f"pelagos {args.command}: {error}", file=sys.stderr)
            return 2
        except ValueError as error:  # no token, or filters that fit neither form of a service
            print(f"pelagos {args.command}: {error}", file=sys.stderr)
            return 2
        except (requests.RequestException, FileExistsError) as error:
            print(f"pelagos {args.command}: {error}", file=sys.stderr)
            return 1

    return guarded
