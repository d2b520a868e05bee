"""allPages: every page of a scalardata, rawdata or archivefile answer, stitched into the first.

The official client follows ``next`` one page at a time. For scalardata and rawdata this client fetches the first
page the same way, then splits the rest of the time range into slices that it pages concurrently and stitches in
time order. Slices are half-open ``[dateFrom, dateTo)`` like the API's windows, so every sample lands in exactly one
slice and the stitched result equals the sequential one. Options that make a sample depend on its neighbours
(resampling, getLatest, fillGaps) keep the sequential path, as does ``concurrency=1``.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import dateutil.parser
import humanize
from tqdm.auto import tqdm

from pelagos.client.base import ClientBase
from pelagos.client.effects import Gather, Op
from pelagos.client.errors import ApiError
from pelagos.client.service import request_json
from pelagos.client.texts import format_duration

SEQUENTIAL_ONLY = frozenset({"getLatest", "resamplePeriod", "resampleType", "fillGaps"})
#: A slice spans this fraction of the first page's time span, so that most slices fit in one page.
SLICE_FILL = 0.9
MAX_SLICES = 256
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_FILE_TIME = re.compile(r"\d{8}T\d{6}\.\d{3}Z")


def all_pages(cfg: ClientBase, service: str, url: str, filters: dict[str, Any]) -> Op[dict[str, Any]]:
    """Request every page of ``service`` and give the first answer holding all rows, with ``next`` None."""
    extension = filters.pop("extension", None) if service.startswith("archivefile") else None
    start = time.monotonic()
    response, elapsed = yield from page(cfg, url, filters, service, extension)
    following = response["next"]
    if following is None:
        return response

    print("Data quantity is greater than the row limit and", "will be downloaded in multiple pages.")
    estimate = estimate_pages(response, service)
    if estimate > 0:
        print(f"Downloading time for the first page: {humanize.naturaldelta(elapsed)}")
        print(f"Estimated approx. {estimate} pages in total.")
        print(
            f"Estimated approx. {format_duration((estimate - 1) * elapsed)} to complete for the rest of the pages."
        )
    print("")
    slices = split(cfg, service, response)
    if slices:
        yield from fetch_slices(cfg, service, url, following["parameters"], slices, response)
    else:
        yield from fetch_sequentially(cfg, service, url, extension, response, max(estimate - 1, 0))
    print(
        f"   ({row_count(response, service):d} samples) Completed in {format_duration(time.monotonic() - start)}."
    )
    response["next"] = None
    return response


def page(
    cfg: ClientBase, url: str, filters: Mapping[str, Any], service: str, extension: str | None
) -> Op[tuple[dict[str, Any], float]]:
    """One page (archive listings filtered by ``extension``) and its response time."""
    response, elapsed = yield from request_json(cfg, url, filters)
    if service.startswith("archivefile"):
        filter_by_extension(response, extension)
    return response, elapsed


def fetch_sequentially(
    cfg: ClientBase, service: str, url: str, extension: str | None, response: dict[str, Any], expected: int
) -> Op[None]:
    """Follow ``next`` page after page, as the official client does (same printed lines)."""
    following = response["next"]
    count = 1
    with tqdm(
        total=expected or None, unit="page", leave=False, disable=None if cfg.progress else True
    ) as bar:
        while following is not None:
            count += 1
            print(f"   ({row_count(response, service)} samples) Downloading page {count}...")
            answer, _ = yield from page(cfg, url, following["parameters"], service, extension)
            following = answer["next"]
            catenate(response, answer, service)
            bar.update(1)


def split(cfg: ClientBase, service: str, response: dict[str, Any]) -> list[tuple[int, int]]:
    """The ``[from, to)`` slices (epoch ms) to fetch concurrently after the first page, or [] to go sequentially."""
    if cfg.concurrency <= 1 or not service.startswith(("scalardata", "rawdata")):
        return []
    query = response["next"].get("parameters") or {}
    if SEQUENTIAL_ONLY & set(query) or query.get("outputFormat", "array") != "array":
        return []
    try:
        begin, end = parse_ms(query["dateFrom"]), parse_ms(query["dateTo"])
        first, last = page_times(response, service)
    except (KeyError, IndexError, TypeError, ValueError, OverflowError):
        return []
    span = (last - first) * SLICE_FILL
    if end <= begin or span <= 0:
        return []
    count = min(MAX_SLICES, math.ceil((end - begin) / span))
    if count < 2:
        return []
    edges = [begin + (end - begin) * k // count for k in range(count)] + [end]
    return [(a, b) for a, b in zip(edges, edges[1:], strict=False) if b > a]


def fetch_slices(
    cfg: ClientBase,
    service: str,
    url: str,
    query: Mapping[str, Any],
    slices: list[tuple[int, int]],
    response: dict[str, Any],
) -> Op[None]:
    """Page every slice concurrently and append their rows to ``response`` in time order."""
    with tqdm(total=len(slices), unit="slice", leave=False, disable=None if cfg.progress else True) as bar:
        ops = [
            slice_pages(cfg, service, url, {**query, "dateFrom": format_ms(a), "dateTo": format_ms(b)}, bar)
            for a, b in slices
        ]
        results: list[list[dict[str, Any]]] = yield Gather(ops, cfg.concurrency)
    for answers in results:
        for answer in answers:
            catenate(response, answer, service)


def slice_pages(
    cfg: ClientBase, service: str, url: str, query: Mapping[str, Any], bar: Any
) -> Op[list[dict[str, Any]]]:
    """Every page of one slice; a slice without data (400/127 on the location form) gives no page."""
    answers: list[dict[str, Any]] = []
    params: Mapping[str, Any] | None = query
    while params is not None:
        try:
            answer, _ = yield from request_json(cfg, url, params)
        except ApiError as error:
            if answers or error.status != 400 or error.codes != [127] or not service.endswith("/location"):
                raise
            break
        answers.append(answer)
        params = answer["next"]["parameters"] if answer.get("next") else None
    bar.update(1)
    return answers


def catenate(response: dict[str, Any], following: dict[str, Any], service: str) -> None:
    """Append the rows of ``following`` to ``response`` (per sensor for scalardata, matched by sensor code)."""
    if service.startswith("scalardata"):
        if not following.get("sensorData"):
            return
        if not response.get("sensorData"):
            response["sensorData"] = following["sensorData"]
            return
        by_code = {sensor["sensorCode"]: sensor for sensor in following["sensorData"]}
        for sensor in response["sensorData"]:
            other = by_code.get(sensor["sensorCode"])
            if other is None:
                continue
            data = sensor["data"]
            if isinstance(data, list):
                data += other["data"]
            else:
                for key in data:
                    data[key] += other["data"][key]
    elif service.startswith("rawdata"):
        for key in response["data"]:
            response["data"][key] += following["data"][key]
    elif service.startswith("archivefile"):
        response["files"] += following["files"]


def row_count(response: dict[str, Any], service: str) -> int:
    """Rows held: samples of the first sensor, raw readings, or files."""
    if service.startswith("scalardata"):
        sensors = response.get("sensorData") or []
        if not sensors:
            return 0
        data = sensors[0]["data"]
        return len(data) if isinstance(data, list) else len(data["sampleTimes"])
    if service.startswith("rawdata"):
        return len(response["data"]["times"])
    if service.startswith("archivefile"):
        return len(response["files"])
    return 0


def estimate_pages(response: dict[str, Any], service: str) -> int:
    """The official estimate: remaining span over the first page's span (at least 1 s), plus the first page."""
    span = response_timespan(response, service)
    if span is None:
        return 0
    query = response["next"]["parameters"]
    begin = dateutil.parser.parse(query["dateFrom"], ignoretz=True)
    end = dateutil.parser.parse(query["dateTo"], ignoretz=True)
    page_seconds = max(span.total_seconds(), 1)
    return math.ceil((end - begin).total_seconds() / page_seconds) + 1


def response_timespan(response: dict[str, Any], service: str) -> timedelta | None:
    """Time between the first and last row of a page (None when file names carry no usable times)."""
    if service.startswith("archivefile"):
        files = response["files"]
        if isinstance(files[0], str):
            found = [_FILE_TIME.search(files[0]), _FILE_TIME.search(files[-1])]
            if found[0] is None or found[1] is None or found[0].group() == found[1].group():
                return None
            first, last = found[0].group(), found[1].group()
        else:
            first, last = files[0]["dateFrom"], files[-1]["dateFrom"]
    elif service.startswith("scalardata"):
        times = response["sensorData"][0]["data"]["sampleTimes"]
        first, last = times[0], times[-1]
    else:
        first, last = response["data"]["times"][0], response["data"]["times"][-1]
    return dateutil.parser.parse(last) - dateutil.parser.parse(first)


def page_times(response: dict[str, Any], service: str) -> tuple[int, int]:
    """Epoch ms of the first and last row of a scalardata or rawdata page."""
    if service.startswith("scalardata"):
        times = response["sensorData"][0]["data"]["sampleTimes"]
    else:
        times = response["data"]["times"]
    return parse_ms(times[0]), parse_ms(times[-1])


def filter_by_extension(response: dict[str, Any], extension: str | None) -> None:
    """Keep the archive files whose name ends with ``.extension`` (the official client-side filter)."""
    if extension is None:
        return
    suffix = "." + extension

    def name(row: Any) -> str:
        return str(row["filename"] if isinstance(row, dict) else row)

    response["files"] = [row for row in response["files"] if name(row).endswith(suffix)]


def parse_ms(text: str) -> int:
    """Epoch milliseconds of an ISO 8601 date (UTC unless it says otherwise)."""
    when = dateutil.parser.isoparse(text)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return (when - EPOCH) // timedelta(milliseconds=1)


def format_ms(ms: int) -> str:
    """Epoch milliseconds as the API's date form, ``YYYY-MM-DDTHH:MM:SS.sssZ``."""
    when = EPOCH + timedelta(milliseconds=ms)
    return f"{when.year:04d}" + when.strftime("-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"  # %Y is not padded
