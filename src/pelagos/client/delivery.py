"""Data product delivery: request, run, poll, and download the numbered files and the metadata file.

Same calls, prints and results as the official client. Differences: polls start short and grow (a held 202 is
re-polled at once), files are streamed and written atomically, and once the first file is ready the others and the
metadata file are fetched concurrently (``concurrency=1`` keeps the official one-by-one order of requests).
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import humanize
from tqdm.auto import tqdm

from pelagos.client.base import ClientBase
from pelagos.client.effects import Call, Fetch, Gather, Op, Sleep
from pelagos.client.errors import ApiError, MaxRetriesException
from pelagos.client.files import Target
from pelagos.client.polling import Backoff, PollLog
from pelagos.client.service import parse_json, request_json, service_url, stamp_token
from pelagos.client.texts import FILE_STATUS, SKIPPED, format_size

DONE = (200, SKIPPED)


@dataclass
class ProductFile:
    """What is known about one file of a run (the official ``_DataProductFile``)."""

    run_id: int
    index: str
    url: str
    status: int = 202
    retries: int = 0
    downloaded: bool = False
    file: str = ""
    size: int = 0
    seconds: float = 0.0
    #: Lines to print, held back while files are fetched concurrently (None: print them at once).
    notes: list[str] | None = field(default=None, repr=False)

    def say(self, line: str) -> None:
        """Print ``line``, or hold it in ``notes`` for the caller to print in the official order."""
        if self.notes is None:
            print(line)
        else:
            self.notes.append(line)

    def flush(self) -> None:
        """Print the held lines."""
        for line in self.notes or []:
            print(line)
        self.notes = None

    def info(self) -> dict[str, Any]:
        """The official file information record."""
        return {
            "url": self.url,
            "status": FILE_STATUS.get(self.status, "error"),
            "size": self.size,
            "file": self.file,
            "index": self.index,
            "downloaded": self.downloaded,
            "requestCount": self.retries,
            "fileDownloadTime": float(self.seconds),
        }


def _product_file(cfg: ClientBase, run_id: int, index: str) -> ProductFile:
    url = service_url(cfg, "dataProductDelivery/download")
    prefilled = f"{url}?method=download&token={cfg.token}&dpRunId={run_id}&index={index}"
    return ProductFile(run_id, index, prefilled)


def request_product(cfg: ClientBase, filters: Mapping[str, Any]) -> Op[Any]:
    """Request a product; prints its id and estimates, and sets ``pollPeriod`` from the estimated time.

    ``filters`` gets the token written into it, as with the official client.
    """
    stamp_token(cfg, filters)
    response, _ = yield from request_json(cfg, service_url(cfg, "dataProductDelivery/request"), dict(filters))
    estimate_poll_period(cfg, response)
    print_request(response)
    return response


def check_product(cfg: ClientBase, dp_request_id: int) -> Op[Any]:
    """The status of a request."""
    url = service_url(cfg, "dataProductDelivery/status")
    result, _ = yield from request_json(cfg, url, {"dpRequestId": dp_request_id})
    return result


def cancel_product(cfg: ClientBase, dp_request_id: int) -> Op[Any]:
    """Cancel the runs of a request."""
    url = service_url(cfg, "dataProductDelivery/cancel")
    result, _ = yield from request_json(cfg, url, {"dpRequestId": dp_request_id})
    return result


def restart_product(cfg: ClientBase, dp_request_id: int, wait_complete: bool) -> Op[Any]:
    """Restart a cancelled request; with ``wait_complete``, wait for it as :func:`run_product` does."""
    url = service_url(cfg, "dataProductDelivery/restart")
    result, _ = yield from request_json(cfg, url, {"dpRequestId": dp_request_id})
    if wait_complete:
        return (yield from run_product(cfg, dp_request_id, True))
    return result


def run_product(cfg: ClientBase, dp_request_id: int, wait_complete: bool) -> Op[dict[str, Any]]:
    """Run a request, optionally polling until it completes; gives runIds, fileCount, runTime, requestCount."""
    print(f"To cancel the running data product, run 'onc.cancelDataProduct({dp_request_id})'")
    url = service_url(cfg, "dataProductDelivery/run")
    log = PollLog()
    pause = Backoff(cfg.pollPeriod)
    summary: dict[str, Any] = {"runIds": [], "fileCount": 0, "runTime": 0, "requestCount": 0}
    start = time.time()
    status = ""
    data: Any = None
    shown = wait_complete and cfg.progress
    with tqdm(desc="data product", unit="poll", leave=False, disable=None if shown else True) as bar:
        while status != "complete":
            asked = time.monotonic()
            response = yield Call("GET", url, {"token": cfg.token, "dpRequestId": dp_request_id}, cfg.timeout)
            summary["requestCount"] += 1
            if response.status_code >= 400:
                raise ApiError.from_response(response, "plain")
            data = parse_json(response.content)
            if not wait_complete:
                break
            status = data[0]["status"]
            log.log_message(data)
            bar.set_postfix_str(status)
            bar.update(1)
            if status == "cancelled":
                break
            if response.status_code != 200:
                yield Sleep(pause.next(time.monotonic() - asked))
    summary["fileCount"] = data[0]["fileCount"]
    summary["runTime"] = time.time() - start
    if wait_complete:
        print("")
    summary["runIds"] = [run["dpRunId"] for run in data]
    return summary


def fetch_product_file(
    cfg: ClientBase,
    run_id: int,
    index: str,
    max_retries: int,
    overwrite: bool,
    product: ProductFile | None = None,
    hold: bool = False,
) -> Op[ProductFile]:
    """Download one file of a run, polling while it is being generated (the official ``download`` loop).

    ``product`` receives what is learnt as it is learnt, so a caller still has it when a request fails.
    ``hold`` keeps the lines about the file (skipped, no data) in ``product.notes`` instead of printing them.
    """
    product = product or _product_file(cfg, run_id, index)
    if hold and product.notes is None:
        product.notes = []
    log = PollLog()
    pause = Backoff(cfg.pollPeriod)
    url = service_url(cfg, "dataProductDelivery/download")
    target = Target(cfg.outPath, None, overwrite, progress=cfg.progress)
    while product.status == 202:
        if max_retries > 0 and product.retries >= max_retries:
            raise MaxRetriesException(max_retries)
        asked = time.monotonic()
        params = {"token": cfg.token, "dpRunId": run_id, "index": index}
        fetched = yield Fetch(url, params, target, cfg.timeout)
        product.url = fetched.url
        product.status = fetched.status
        product.retries += 1
        if fetched.status == 200:
            product.downloaded = True
            product.file = fetched.name
            if fetched.skipped:
                if product.retries > 1:
                    product.say("")
                product.say(f'   Skipping "{product.file}": File already exists.')
                product.status = SKIPPED
            else:
                product.size = fetched.size
                product.seconds = round(fetched.seconds, 3)
        elif fetched.status == 202:
            log.log_message(fetched.json())
            yield Sleep(pause.next(time.monotonic() - asked))
        elif fetched.status == 204:
            product.say("   No data found.")
        elif fetched.status == 404:
            log.print_new_line()
        elif fetched.status == 410:
            warnings.warn(
                "   FTP Error: File not found. If the product order is recent,"
                "retry downloading using the method downloadProduct"
                f"with the runId: {run_id}",
                stacklevel=2,
            )
        else:
            raise ApiError.from_response(fetched.response, "plain")
    return product


def fetch_metadata(
    cfg: ClientBase, run_id: int, max_retries: int, overwrite: bool, notes: list[str] | None = None
) -> Op[ProductFile | None]:
    """The metadata file of a run; a failure is a warning (as officially), giving the file's record anyway.

    Lines about the file go to ``notes`` when given (printed by the caller once the data files are done).
    """
    product = _product_file(cfg, run_id, "meta")
    product.notes = notes
    try:
        yield from fetch_product_file(cfg, run_id, "meta", max_retries, overwrite, product)
    except Exception as ex:
        warnings.warn(
            f"Metadata file not downloaded.  Reason: {type(ex)}" + str(ex), RuntimeWarning, stacklevel=2
        )
        return product
    return product if product.status in DONE else None


def download_files(
    cfg: ClientBase, run_id: int, metadata: bool, max_retries: int, overwrite: bool
) -> Op[list[dict[str, Any]]]:
    """Download every file of a run (index 1, 2, ... until the server says there is no more) and the metadata.

    Index 1 is awaited first (it is ready when the run is); then files are asked for in growing batches of
    consecutive indexes, concurrently with the metadata file. The lines about each file are printed in the
    official order (by index, the metadata file last), whatever order the files arrive in.
    """
    print(f"\nDownloading data product files with runId {run_id}...")
    first = yield from fetch_product_file(cfg, run_id, "1", max_retries, overwrite)
    found = [first] if first.status in DONE else []
    meta: ProductFile | None = None
    meta_notes: list[str] = []
    meta_pending = metadata
    index, batch = 2, 1 if cfg.concurrency <= 1 else 2
    more = bool(found)
    while more or meta_pending:
        ops: list[Op[Any]] = []
        if more:
            ops = [
                fetch_product_file(cfg, run_id, str(i), max_retries, overwrite, hold=True)
                for i in range(index, index + batch)
            ]
        if meta_pending and (cfg.concurrency > 1 or not more):
            ops.append(fetch_metadata(cfg, run_id, max_retries, overwrite, meta_notes))
        results = yield Gather(ops, cfg.concurrency)
        if meta_pending and (cfg.concurrency > 1 or not more):
            meta, meta_pending = results.pop(), False
        for product in results:
            product.flush()
            if product.status not in DONE:
                more = False
                break
            found.append(product)
        index += batch
        batch = min(batch * 2, 2 * cfg.concurrency) if cfg.concurrency > 1 else 1
    for line in meta_notes:
        print(line)
    listed = [product.info() for product in found]
    if meta is not None:
        listed.append(meta.info())
    return listed


def count_files(cfg: ClientBase, run_id: int) -> Op[int]:
    """How many files a run has, by asking for each index with HEAD until one is missing."""
    url = service_url(cfg, "dataProductDelivery/download")
    pause = Backoff(cfg.pollPeriod)
    count = 0
    status = 200
    while status in (200, 202):
        asked = time.monotonic()
        params = {"token": cfg.token, "dpRunId": run_id, "index": count + 1}
        response = yield Call("HEAD", url, params, cfg.timeout)
        status = response.status_code
        if status == 202:
            yield Sleep(pause.next(time.monotonic() - asked))
        elif status == 200:
            count += 1
    print(f"   {count} files available for download")
    return count


def file_links(cfg: ClientBase, run_id: int, file_count: int, metadata: bool) -> Op[list[dict[str, Any]]]:
    """Records of a run's files without downloading them (counted with HEAD when ``file_count`` is unknown)."""
    print(f"\nObtaining download information for data product files with runId {run_id}...")
    if file_count <= 0:
        file_count = yield from count_files(cfg, run_id)
    indexes = [str(i) for i in range(1, file_count + 1)] + (["meta"] if metadata else [])
    listed = []
    for index in indexes:
        product = _product_file(cfg, run_id, index)
        product.status = 200
        listed.append(product.info())
    return listed


def download_product(
    cfg: ClientBase, run_id: int, max_retries: int, results_only: bool, metadata: bool, overwrite: bool
) -> Op[list[dict[str, Any]]]:
    """The files of a run: downloaded, or only their records with ``results_only``."""
    if results_only:
        return (yield from file_links(cfg, run_id, 0, metadata))
    return (yield from download_files(cfg, run_id, metadata, max_retries, overwrite))


def order_product(
    cfg: ClientBase,
    filters: Mapping[str, Any],
    max_retries: int,
    results_only: bool,
    metadata: bool,
    overwrite: bool,
) -> Op[dict[str, Any]]:
    """Request, run and download a product; gives downloadResults and stats as the official client."""
    listed: list[dict[str, Any]] = []
    request = yield from request_product(cfg, filters)
    if results_only:
        run = yield from run_product(cfg, request["dpRequestId"], True)
        for run_id in run["runIds"]:
            listed += yield from file_links(cfg, run_id, run["fileCount"], metadata)
    else:
        run = yield from run_product(cfg, request["dpRequestId"], False)
        for run_id in run["runIds"]:
            listed += yield from download_files(cfg, run_id, metadata, max_retries, overwrite)
        print("")
        print_order_stats(listed, run)
    return order_result(listed, run)


def estimate_poll_period(cfg: ClientBase, response: Any) -> None:
    """Set ``pollPeriod`` to 2% of the estimated processing time, within [1, 10] s (the official rule)."""
    if not isinstance(response, dict) or "estimatedProcessingTime" not in response:
        return
    parts = str(response["estimatedProcessingTime"]).split(" ")
    if len(parts) != 2:
        return
    factor = {"min": 60, "hour": 3600}.get(parts[1], 1)
    cfg.pollPeriod = min(max(0.02 * factor * int(parts[0]), 1.0), 10)


def print_request(response: dict[str, Any]) -> None:
    """The official lines after a request: its id, then estimates (generated) or the size (archived)."""
    print(f"Request Id: {response['dpRequestId']}")
    if "estimatedFileSize" in response:
        print(f"Estimated File Size: {response['estimatedFileSize']}")
        if "estimatedProcessingTime" in response:
            print(f"Estimated Processing Time: {response['estimatedProcessingTime']}")
    else:
        print(f"File Size: {format_size(response['fileSize'])}")
        print("Data product is ready for download.")


def print_order_stats(listed: list[dict[str, Any]], run: dict[str, Any]) -> None:
    """The official summary lines of an order: run time, download time, files and size."""
    downloaded = [info for info in listed if info["downloaded"]]
    size = sum(info["size"] for info in listed)
    seconds = sum(info["fileDownloadTime"] for info in downloaded)
    print(f"Total run time: {humanize.naturaldelta(timedelta(seconds=run['runTime']))}")
    if downloaded:
        shown = f"{seconds:.3f} seconds" if seconds < 1.0 else humanize.naturaldelta(seconds)
        print(f"Total download Time: {shown}")
        print(f"{len(downloaded)} files ({humanize.naturalsize(size, binary=True)}) downloaded")
    else:
        print("No files downloaded.")


def order_result(listed: list[dict[str, Any]], run: dict[str, Any]) -> dict[str, Any]:
    """The official result of an order: the file records and the totals."""
    return {
        "downloadResults": listed,
        "stats": {
            "runTime": round(run["runTime"], 3),
            "downloadTime": round(sum(info["fileDownloadTime"] for info in listed), 3),
            "requestCount": run["requestCount"] + sum(info["requestCount"] for info in listed),
            "totalSize": sum(info["size"] for info in listed),
        },
    }
