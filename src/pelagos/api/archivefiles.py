"""Archive routes: list files by location or device, download one (with HTTP Range), and data availability
(contract §3.8, §3.11, §3.12, §5)."""

from __future__ import annotations

import heapq
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from fastapi import APIRouter, Depends
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from pelagos.api.deps import next_page, query_url, require_user, state, view
from pelagos.api.errors import FILE_NOT_FOUND, RANGE_NOT_SATISFIABLE, ApiError, invalid, missing
from pelagos.api.params import Params, Window
from pelagos.api.responses import OrjsonResponse
from pelagos.api.spec import DATE_FROM, DATE_TO, ParamSpec
from pelagos.archive import index
from pelagos.archive.store import ArchiveStore
from pelagos.catalog.selection import by_device, by_location
from pelagos.timeutil import format_ms, parse_instant

router = APIRouter(dependencies=[Depends(require_user)])

_COMMON = {
    "dateFrom": DATE_FROM,
    "dateTo": DATE_TO,
    "dateArchivedFrom": "Only files archived at or after this instant.",
    "dateArchivedTo": "Only files archived before this instant.",
    "fileExtension": "Only files with this extension, e.g. txt.",
    "dataProductCode": "Only files of this data product, e.g. LF.",
    "returnOptions": "all: full records instead of file names.",
    "rowLimit": "Files per page, 1..100000; default 100000.",
    "page": "Accepted for compatibility; paging moves dateFrom (see next).",
    "getLatest": "true: the newest rowLimit files.",
}
BY_LOCATION = ParamSpec(
    {
        "locationCode": "Location code, e.g. NCBC (required).",
        "deviceCategoryCode": "Device category code, e.g. BPR (required).",
        **_COMMON,
    },
    frozenset({"locationCode", "deviceCategoryCode"}),
)
BY_DEVICE = ParamSpec(
    {"deviceCode": "Device code, e.g. BPR-Folger-59 (required).", **_COMMON}, frozenset({"deviceCode"})
)
DOWNLOAD = ParamSpec(
    {"filename": "The archive file name (required)."},
    frozenset({"filename"}),
    errors={416: "The Range header cannot be served (131)."},
)
AVAILABILITY = ParamSpec(
    {
        "locationCode": "Location code.",
        "deviceCategoryCode": "Device category code.",
        "deviceCode": "Device code.",
        "propertyCode": "Property code: devices measuring it.",
        "dateFrom": DATE_FROM,
        "dateTo": DATE_TO,
        "dataProductCode": "Data product code, e.g. LF.",
        "extension": "File extension, e.g. txt.",
        "minimumCoverage": "Only files whose coverage (0..1) is at least this.",
        "maximumCoverage": "Only files whose coverage (0..1) is at most this.",
        "getLatest": "true: only the newest file of each group.",
        "groupBy": "device (default: one row per device, product and extension) or day (one per UTC day too).",
        "mergeGaps": "Accepted; rows always span from their first to their last file.",
        "includeEmptyDays": "With groupBy=day: also list the window's days without files (fileCount 0).",
        "rowLimit": "Rows per page, 1..100000 (default 100000); groupBy=day pages by whole days (see next).",
    }
)

DAY_MS = 86_400_000

#: Archive file names: a device code, an ONC timestamp, an optional suffix and an extension; nothing else.
SAFE_NAME = re.compile(r"^[A-Za-z0-9_\-.]+$")


def _instant(p: Params, name: str) -> int | None:
    value = p.str(name)
    if value is None:
        return None
    try:
        return parse_instant(value)
    except ValueError:
        raise invalid(name, f"{name} must be an ISO 8601 date or date-time") from None


def _device_ids(request: Request, p: Params, location_form: bool) -> list[int]:
    catalog = view(request)
    if location_form:
        location, category = p.required("locationCode"), p.required("deviceCategoryCode")
        if location not in catalog.locations:
            raise invalid("locationCode")
        if category not in catalog.categories:
            raise invalid("deviceCategoryCode")
        segments = by_location(catalog, location, category, None, None)
    else:
        device = p.required("deviceCode")
        if device not in catalog.devices:
            raise invalid("deviceCode")
        segments = by_device(catalog, device, None, None)
    return sorted({seg.device.id for seg in segments})


def _row(f: index.ArchiveFile) -> dict[str, Any]:
    return {
        "archiveLocation": "pelagos",
        "archivedDate": format_ms(f.archived),
        "compression": f.compression,
        "dataProductCode": f.product_code,
        "dataProductFormatId": None,
        "dateFrom": format_ms(f.date_from),
        "dateTo": format_ms(f.date_to),
        "deviceCode": f.device_code,
        "fileSize": f.size,
        "filename": f.filename,
        "modifyDate": format_ms(f.archived),
        "uncompressedFileSize": f.uncompressed_size,
    }


def _list(request: Request, spec: ParamSpec, location_form: bool) -> Response:
    p = spec.parse(request)
    window = p.window()
    device_ids = _device_ids(request, p, location_form)
    full = p.choice("returnOptions", ("all", "default"), "default") == "all"
    limit = p.row_limit()
    p.int("page", 1, lo=1)
    latest = p.bool("getLatest")
    query = index.Query(
        device_ids,
        window.date_from,
        window.date_to,
        _instant(p, "dateArchivedFrom"),
        _instant(p, "dateArchivedTo"),
        p.str("fileExtension"),
        p.str("dataProductCode"),
    )
    with state(request).engine.connect() as conn:
        found = index.find(conn, query, limit + 1, newest=latest)
    next_block = None
    if latest:
        found = list(reversed(found[:limit]))
    elif len(found) > limit:
        cut = found[limit].date_from
        kept = [f for f in found[:limit] if f.date_from < cut]
        if not kept:  # more than rowLimit files share one start time: the page cannot be cut there
            raise invalid("rowLimit", "rowLimit is smaller than the number of files starting at one instant")
        found = kept
        next_block = next_page(request, cut, window.date_to)
    if not found and location_form:
        raise invalid("dateFrom,dateTo", "No archive files for this location and category in the window")
    return OrjsonResponse(
        {
            "citations": [],
            "files": [_row(f) for f in found] if full else [f.filename for f in found],
            "messages": [],
            "next": next_block,
            "queryUrl": query_url(request),
            "returnOption": "all" if full else "default",
        }
    )


@router.get("/archivefile/location", openapi_extra=BY_LOCATION.openapi(), summary="Archive files by location")
def archivefile_location(request: Request) -> Response:
    return _list(request, BY_LOCATION, location_form=True)


@router.get("/archivefile/device", openapi_extra=BY_DEVICE.openapi(), summary="Archive files by device")
def archivefile_device(request: Request) -> Response:
    return _list(request, BY_DEVICE, location_form=False)


def _range(header: str | None, size: int) -> tuple[int, int] | None:
    """``[start, end)`` of a single ``bytes=`` range; None without one; ApiError 416 when it cannot be served."""
    if not header:
        return None
    match = re.fullmatch(r"bytes=(\d*)-(\d*)", header.strip())
    if not match or match.group(1) == match.group(2) == "":
        raise ApiError.one(RANGE_NOT_SATISFIABLE, f"Unsupported Range: {header}", "Range", 416)
    first, last = match.group(1), match.group(2)
    if first == "":
        start, end = max(0, size - int(last)), size
    else:
        start, end = int(first), (min(size, int(last) + 1) if last else size)
    if start >= size or start >= end:
        raise ApiError.one(
            RANGE_NOT_SATISFIABLE, f"Range {header} is outside the file ({size} bytes)", "Range", 416
        )
    return start, end


def _download(request: Request) -> Response:
    p = DOWNLOAD.parse(request)
    name = p.str("filename")
    if name is None:
        raise missing("filename")
    not_found = ApiError.one(
        FILE_NOT_FOUND, "The file does not exist in the archive or its name is not valid", "filename"
    )
    if not SAFE_NAME.match(name) or name.startswith("."):
        raise not_found
    server = state(request)
    with server.engine.connect() as conn:
        found = index.lookup(conn, name)
    if found is None:
        raise not_found
    size = found.uncompressed_size
    span = _range(request.headers.get("range"), size)
    headers = {
        "Content-Disposition": f'attachment; filename="{name}"',
        "Accept-Ranges": "bytes",
        "ETag": f'"{found.sha256}"',
        "X-Checksum-SHA256": found.sha256,
    }
    if request.headers.get("if-none-match") == headers["ETag"] and span is None:
        return Response(status_code=304, headers=headers)
    start, end = span if span is not None else (0, size)
    headers["Content-Length"] = str(end - start)
    status = 200
    if span is not None:
        headers["Content-Range"] = f"bytes {start}-{end - 1}/{size}"
        status = 206
    media = _MEDIA.get(found.extension, "application/octet-stream")
    if request.method == "HEAD":
        return Response(status_code=status, headers=headers, media_type=media)
    store = server.services.get("archive_store")
    if store is None:
        store = server.services["archive_store"] = ArchiveStore(server.settings.archive_url)
    body = store.read(found.path, found.compression, start, end)
    return StreamingResponse(body, status_code=status, headers=headers, media_type=media)


_MEDIA = {
    "txt": "text/plain",
    "png": "image/png",
    "jpg": "image/jpeg",
    "wav": "audio/wav",
    "flac": "audio/flac",
    "mp3": "audio/mpeg",
    "mp4": "video/mp4",
}


@router.get("/archivefile/download", openapi_extra=DOWNLOAD.openapi(), summary="Download a file")
@router.head(
    "/archivefile/download",
    openapi_extra=DOWNLOAD.openapi(),
    summary="The headers of a file download, without the file",
)
def archivefile_download(request: Request) -> Response:
    return _download(request)


# -- data availability ----------------------------------------------------------------------------------------


def _float(p: Params, name: str) -> float | None:
    value = p.str(name)
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        raise invalid(name, f"{name} must be a number between 0 and 1") from None
    if not 0.0 <= number <= 1.0:
        raise invalid(name, f"{name} must be a number between 0 and 1")
    return number


@router.get(
    "/dataAvailability/dataproducts",
    openapi_extra=AVAILABILITY.openapi(),
    summary="Archived data products available",
)
def data_availability(request: Request) -> Response:
    p = AVAILABILITY.parse(request)
    catalog = view(request)
    window = p.window()
    codes = {
        k: p.str(k)
        for k in ("locationCode", "deviceCategoryCode", "deviceCode", "propertyCode", "dataProductCode")
    }
    for name, table in (
        ("locationCode", catalog.locations),
        ("deviceCategoryCode", catalog.categories),
        ("deviceCode", catalog.devices),
        ("propertyCode", catalog.properties),
    ):
        if codes[name] is not None and codes[name] not in table:
            raise invalid(name)
    lowest, highest = _float(p, "minimumCoverage"), _float(p, "maximumCoverage")
    group = p.choice("groupBy", ("device", "day"), "device")
    latest, empty_days = p.bool("getLatest"), p.bool("includeEmptyDays")
    p.bool("mergeGaps")
    limit = p.row_limit()
    devices = []
    for dev in catalog.devices.values():
        if codes["deviceCode"] and dev.code != codes["deviceCode"]:
            continue
        if codes["deviceCategoryCode"] and dev.category.code != codes["deviceCategoryCode"]:
            continue
        if codes["propertyCode"] and codes["propertyCode"] not in dev.property_codes:
            continue
        if codes["locationCode"]:
            deps = catalog.deployments_by_device.get(dev.id, [])
            if not any(d.location.code == codes["locationCode"] for d in deps):
                continue
        devices.append(dev.id)
    query = index.Query(
        devices, window.date_from, window.date_to, None, None, p.str("extension"), codes["dataProductCode"]
    )
    with state(request).engine.connect() as conn:
        files = index.find(conn, query) if devices else []
    files = [
        f
        for f in files
        if (lowest is None or f.coverage >= lowest) and (highest is None or f.coverage <= highest)
    ]
    if group == "day":
        rows, next_day = _rows_by_day(files, window, empty_days, latest, limit)
    else:
        rows, next_day = _rows_by_device(files, latest, limit), None
    next_block = next_page(request, next_day * DAY_MS if next_day is not None else None, window.date_to)
    return OrjsonResponse(
        {"availableDataProducts": rows, "messages": [], "next": next_block, "queryUrl": query_url(request)}
    )


def _rows_by_device(files: list[index.ArchiveFile], latest: bool, limit: int) -> list[dict[str, Any]]:
    """One row per device, product and extension; more such rows than ``limit`` is 400/127 on rowLimit."""
    groups: dict[tuple[str, ...], list[index.ArchiveFile]] = defaultdict(list)
    for f in files:
        groups[(f.device_code, f.product_code, f.extension)].append(f)
    if len(groups) > limit:
        raise invalid("rowLimit", f"{len(groups)} rows (devices, products and extensions) exceed rowLimit")
    return [_availability_row(key, members, latest) for key, members in sorted(groups.items())]


def _rows_by_day(
    files: list[index.ArchiveFile], window: Window, empty_days: bool, latest: bool, limit: int
) -> tuple[list[dict[str, Any]], int | None]:
    """Rows per UTC day of the window (then device, product, extension), whole days up to ``limit`` rows, and
    the first day left for the next page (None on the last page).

    Files are counted on the day they start, from the window's first day on; with ``empty_days`` (both window
    ends given) every day of the window lists every device, product and extension found, files or not.
    """
    first = window.date_from // DAY_MS if window.date_from is not None else None
    by_day: dict[int, dict[tuple[str, ...], list[index.ArchiveFile]]] = defaultdict(lambda: defaultdict(list))
    for f in files:
        day = f.date_from // DAY_MS
        if first is None or day >= first:
            by_day[day][(f.device_code, f.product_code, f.extension)].append(f)
    bases = sorted({key for groups in by_day.values() for key in groups})
    fill = bool(empty_days and bases and first is not None and window.date_to is not None)
    days: Iterable[int] = sorted(by_day)
    if fill and first is not None and window.date_to is not None:
        days = heapq.merge(range(first, (window.date_to - 1) // DAY_MS + 1), days)
    rows: list[dict[str, Any]] = []
    previous = None
    for day in days:
        if day == previous:  # a day with files, also listed as a day of the window
            continue
        previous = day
        groups = by_day.get(day, {})
        keys = bases if fill else sorted(groups)
        if len(rows) + len(keys) > limit:
            if not rows:
                raise invalid("rowLimit", "rowLimit is smaller than the number of rows of one day")
            return rows, day
        text = format_ms(day * DAY_MS)[:10]
        rows += [_availability_row((*key, text), groups.get(key, []), latest) for key in keys]
    return rows, None


def _availability_row(key: tuple[str, ...], members: list[index.ArchiveFile], latest: bool) -> dict[str, Any]:
    if latest and members:
        members = [max(members, key=lambda f: f.date_from)]
    if not members:
        day = key[3] + "T00:00:00.000Z"
        return {
            "averageFileCoverage": 0.0,
            "dataProductCode": key[1],
            "dateFrom": day,
            "dateTo": day,
            "deviceCode": key[0],
            "extension": key[2],
            "fileCount": 0,
            "maxFileCoverage": 0.0,
            "maxFileCoverageDate": None,
            "minFileCoverage": 0.0,
            "minFileCoverageDate": None,
            "totalFileSize": 0,
            "totalUncompressedFileSize": 0,
        }
    best = max(members, key=lambda f: (f.coverage, -f.date_from))
    worst = min(members, key=lambda f: (f.coverage, f.date_from))
    return {
        "averageFileCoverage": float(round(sum(f.coverage for f in members) / len(members), 4)),
        "dataProductCode": key[1],
        "dateFrom": format_ms(min(f.date_from for f in members)),
        "dateTo": format_ms(max(f.date_to for f in members)),
        "deviceCode": key[0],
        "extension": key[2],
        "fileCount": len(members),
        "maxFileCoverage": float(best.coverage),
        "maxFileCoverageDate": format_ms(best.date_from),
        "minFileCoverage": float(worst.coverage),
        "minFileCoverageDate": format_ms(worst.date_from),
        "totalFileSize": sum(f.size for f in members),
        "totalUncompressedFileSize": sum(f.uncompressed_size for f in members),
    }
