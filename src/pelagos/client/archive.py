"""Archive files: list them, give their URLs, download one or many (concurrently, streamed and atomic)."""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping, Sequence
from typing import Any

import humanize
from tqdm.auto import tqdm

from pelagos.client.base import ClientBase
from pelagos.client.effects import Fetch, Gather, Op
from pelagos.client.errors import ApiError
from pelagos.client.files import Target, exists_nonempty
from pelagos.client.pages import all_pages, filter_by_extension
from pelagos.client.service import pick_service, request_json, service_url, stamp_token
from pelagos.client.texts import format_duration

BY_LOCATION = "archivefile/location"
BY_DEVICE = "archivefile/device"
DOWNLOAD = "archivefile/download"


def listing(cfg: ClientBase, service: str, filters: Mapping[str, Any] | None, allPages: bool) -> Op[Any]:
    """Archive files by location or device; ``extension`` filters the names on the client, as officially.

    ``filters`` gets the token written into it (and keeps ``extension``), as with the official client.
    """
    stamp_token(cfg, filters)
    query = dict(filters or {})
    url = service_url(cfg, service)
    if allPages:
        return (yield from all_pages(cfg, service, url, query))
    extension = query.pop("extension", None)
    result, _ = yield from request_json(cfg, url, query)
    filter_by_extension(result, extension)
    return result


def archivefile(cfg: ClientBase, filters: Mapping[str, Any] | None, allPages: bool) -> Op[Any]:
    """Archive files by device when ``deviceCode`` is given, else by location."""
    service = pick_service(filters, BY_DEVICE, BY_LOCATION)
    return (yield from listing(cfg, service, filters, allPages))


def urls(cfg: ClientBase, filters: Mapping[str, Any] | None, allPages: bool) -> Op[list[str]]:
    """Download URLs of the matching archive files."""
    result = yield from archivefile(cfg, filters, allPages)
    return [cfg.getArchivefileUrl(name) for name in result["files"]]


def download(cfg: ClientBase, filename: str, overwrite: bool, progress: bool = True) -> Op[dict[str, Any]]:
    """Download one archive file to ``outPath``; an existing non-empty file raises FileExistsError unless
    ``overwrite``. Gives the official summary (url, status, size, downloadTime, file)."""
    path = cfg.outPath / filename
    if filename and not overwrite and exists_nonempty(path):
        raise FileExistsError(path)
    target = Target(cfg.outPath, filename, overwrite=True, progress=progress and cfg.progress)
    fetched = yield Fetch(
        service_url(cfg, DOWNLOAD), {"token": cfg.token, "filename": filename}, target, cfg.timeout
    )
    if fetched.status >= 400:
        raise ApiError.from_response(fetched.response, "plain")
    return {
        "url": fetched.url,
        "status": "completed" if fetched.status == 200 else "error",
        "size": fetched.size,
        "downloadTime": round(fetched.seconds, 3),
        "file": filename,
    }


def download_many(cfg: ClientBase, filenames: Sequence[str], overwrite: bool) -> Op[dict[str, Any]]:
    """Download the files missing from ``outPath`` (or all, with ``overwrite``), ``concurrency`` at a time.

    Prints and returns what the official ``downloadDirectArchivefile`` does, in the same order.
    """
    total = len(filenames)
    wanted: list[str] = []
    skipped: dict[str, dict[str, Any]] = {}
    for name in filenames:
        if overwrite or not exists_nonempty(cfg.outPath / name):
            wanted.append(name)
            print(f'   ({len(wanted)} of {total}) Downloading file: "{name}"')
        else:
            print(f'   Skipping "{name}": File already exists.')
            skipped[name] = {
                "url": cfg.getArchivefileUrl(name),
                "status": "skipped",
                "size": 0,
                "downloadTime": 0,
                "file": name,
            }
    single = len(wanted) == 1
    with tqdm(
        total=len(wanted), unit="file", leave=False, disable=None if cfg.progress and not single else True
    ) as bar:
        ops = [_counted(download(cfg, name, True, progress=single), bar) for name in wanted]
        done: list[dict[str, Any]] = yield Gather(ops, cfg.concurrency)
    downloaded = iter(done)
    results = [skipped[name] if name in skipped else next(downloaded) for name in filenames]
    size = sum(info["size"] for info in done)
    seconds = sum(info["downloadTime"] for info in done)
    print(f"{len(done)} files ({humanize.naturalsize(size)}) downloaded")
    print(f"Total Download Time: {format_duration(seconds)}")
    return {
        "downloadResults": results,
        "stats": {"totalSize": size, "downloadTime": seconds, "fileCount": len(done)},
    }


def _counted(op: Op[dict[str, Any]], bar: Any) -> Op[dict[str, Any]]:
    result = yield from op
    bar.update(1)
    return result


def download_direct(
    cfg: ClientBase, filters: Mapping[str, Any] | None, overwrite: bool, allPages: bool
) -> Op[dict[str, Any]]:
    """List the archive files matching ``filters`` and download them (see :func:`download_many`).

    ``returnOptions`` is dropped from ``filters`` (in place, as the official client does) to list plain names.
    """
    if isinstance(filters, MutableMapping):
        filters.pop("returnOptions", None)
        query = filters
    else:
        query = {k: v for k, v in (filters or {}).items() if k != "returnOptions"}
    rows = yield from archivefile(cfg, query, allPages)
    print(f"Obtained a list of {len(rows['files'])} files to download.")
    return (yield from download_many(cfg, rows["files"], overwrite))
