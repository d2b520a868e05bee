"""Ingest routes for operators: POST a batch of samples or raw lines for a device (docs/ingest.md).

The batch is refused whole (400, error 130 naming the field and row) or written whole; the 200 answer comes
only after the transaction commits, so an acknowledged batch survives a crash.
"""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import APIRouter, Depends
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from pelagos.api.deps import require_user, state
from pelagos.api.errors import BAD_BODY, FORBIDDEN, ApiError
from pelagos.api.responses import OrjsonResponse
from pelagos.api.spec import ParamSpec, json_body
from pelagos.catalog.tokens import is_operator
from pelagos.ingest.service import IngestError, Ingestor

router = APIRouter(dependencies=[Depends(require_user)])

#: Largest request body accepted, in bytes.
MAX_BODY = 64 * 1024 * 1024

#: Ingest routes take only the token in the query; the batch is the JSON body.
INGEST = ParamSpec(
    {},
    errors={
        400: "The batch is refused whole, nothing written (130, naming the field and row), or a query "
        "parameter is refused (129, 127).",
        403: "The token is not an operator's (103).",
        413: "The body is larger than 64 MiB (130).",
    },
)
_TIMES: dict[str, Any] = {
    "type": "array",
    "items": {"oneOf": [{"type": "string", "description": "ISO 8601 (UTC)"}, {"type": "integer"}]},
    "description": "Sample times: ISO 8601 strings or epoch milliseconds.",
}
SAMPLES_BODY: dict[str, Any] = {
    "type": "object",
    "required": ["deviceCode", "sampleTimes", "sensors"],
    "properties": {
        "deviceCode": {"type": "string"},
        "sampleTimes": _TIMES,
        "sensors": {
            "type": "object",
            "description": "Per measured sensor code, one value per sample time; null is a missing reading.",
            "additionalProperties": {"type": "array", "items": {"type": ["number", "null"]}},
        },
    },
}
RAW_BODY: dict[str, Any] = {
    "type": "object",
    "required": ["deviceCode", "times", "readings"],
    "properties": {
        "deviceCode": {"type": "string"},
        "times": _TIMES,
        "readings": {"type": "array", "items": {"type": "string"}},
        "lineTypes": {
            "type": "array",
            "items": {"type": "string"},
            "description": "Default: one space each.",
        },
    },
}


def _openapi(body: dict[str, Any], doc: str) -> dict[str, Any]:
    """The OpenAPI extras of an ingest route: the token, the refusals and the required JSON ``body``."""
    return {**INGEST.openapi(), "requestBody": {**json_body(body, doc), "required": True}}


def _ingestor(request: Request) -> Ingestor:
    server = state(request)
    found = server.services.get("ingestor")
    if found is None:
        found = server.services["ingestor"] = Ingestor(server.engine, server.catalog)
    return found


def _require_operator(request: Request) -> None:
    with state(request).engine.connect() as conn:
        if not is_operator(conn, request.state.user_id):
            raise ApiError.one(FORBIDDEN, "This token may not ingest data (not an operator)", "token", 403)


async def _body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if len(raw) > MAX_BODY:
        raise ApiError.one(BAD_BODY, f"The body is larger than {MAX_BODY} bytes", "body", 413)
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise ApiError.one(BAD_BODY, f"The body is not JSON: {exc}", "body") from None
    if not isinstance(body, dict):
        raise ApiError.one(BAD_BODY, "The body must be a JSON object", "body")
    return body


def _refused(exc: IngestError) -> ApiError:
    where = f" (row {exc.row})" if exc.row is not None else ""
    return ApiError.one(BAD_BODY, f"Batch refused, nothing written: {exc.message}{where}", exc.field)


def _field(body: dict[str, Any], name: str, kind: type) -> Any:
    value = body.get(name)
    if not isinstance(value, kind):
        raise ApiError.one(BAD_BODY, f"{name} is required and must be a {kind.__name__}", name)
    return value


@router.post(
    "/ingest/samples",
    openapi_extra=_openapi(SAMPLES_BODY, "A batch of readings of one device's measured sensors."),
    summary="Store a batch of sensor readings (operators)",
)
async def ingest_samples(request: Request) -> Response:
    """Body: ``{"deviceCode": str, "sampleTimes": [ISO str | epoch ms], "sensors": {sensorCode: [number|null]}}``."""
    INGEST.parse(request)
    _require_operator(request)
    body = await _body(request)
    device = _field(body, "deviceCode", str)
    times = _field(body, "sampleTimes", list)
    sensors = _field(body, "sensors", dict)
    for code, column in sensors.items():
        if not isinstance(column, list):
            raise ApiError.one(BAD_BODY, "each sensor's values must be a list", f"sensors.{code}")
    try:
        written = await run_in_threadpool(_ingestor(request).samples, device, times, sensors)
    except IngestError as exc:
        raise _refused(exc) from None
    return OrjsonResponse({"deviceCode": device, "samplesWritten": written, "messages": []})


@router.post(
    "/ingest/rawdata",
    openapi_extra=_openapi(RAW_BODY, "A batch of raw lines of one device, in its own output format."),
    summary="Store a batch of raw instrument lines (operators)",
)
async def ingest_raw(request: Request) -> Response:
    """Body: ``{"deviceCode": str, "times": [ISO str | epoch ms], "readings": [str], "lineTypes": [str]?}``."""
    INGEST.parse(request)
    _require_operator(request)
    body = await _body(request)
    device = _field(body, "deviceCode", str)
    times = _field(body, "times", list)
    readings = _field(body, "readings", list)
    line_types = body.get("lineTypes")
    if line_types is not None and not isinstance(line_types, list):
        raise ApiError.one(BAD_BODY, "lineTypes must be a list", "lineTypes")
    try:
        written = await run_in_threadpool(_ingestor(request).raw_lines, device, times, readings, line_types)
    except IngestError as exc:
        raise _refused(exc) from None
    return OrjsonResponse({"deviceCode": device, "linesWritten": written, "messages": []})
