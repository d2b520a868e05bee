"""dataProductDelivery routes: request, status, run, cancel, restart and download (contract §4).

Download holds a request for a file that is still being generated for up to ``HOLD_S`` seconds before answering
202, so that a client polling every few seconds gets the file as soon as it exists.
"""

from __future__ import annotations

import asyncio
import mimetypes
import time

from fastapi import APIRouter, Depends
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, Response, StreamingResponse

from pelagos.api.deps import base_url, require_user, state, view
from pelagos.api.responses import OrjsonResponse
from pelagos.api.spec import DATE_FROM, DATE_TO, ParamSpec
from pelagos.delivery import service, store
from pelagos.delivery.executor import Executor, QueueOnly
from pelagos.products import archived

router = APIRouter(dependencies=[Depends(require_user)])

HOLD_S = 5.0
HOLD_STEP_S = 0.05

REQUEST = ParamSpec(
    {
        "dataProductCode": "Data product code, e.g. TSSD (required).",
        "extension": "File extension of the product, e.g. csv (required).",
        "locationCode": "Location code (with deviceCategoryCode), e.g. CRIP.C1.",
        "deviceCategoryCode": "Device category code (with locationCode), e.g. CTD.",
        "deviceCode": "Device code, instead of locationCode and deviceCategoryCode.",
        "propertyCode": "Comma-separated property codes: only sensors measuring them.",
        "dateFrom": DATE_FROM,
        "dateTo": DATE_TO,
    },
    required=frozenset({"dataProductCode", "extension", "dateFrom", "dateTo"}),
    dpo_options=True,
)
BY_REQUEST = ParamSpec(
    {"dpRequestId": "The id returned by dataProductDelivery/request."}, frozenset({"dpRequestId"})
)
DOWNLOAD = ParamSpec(
    {
        "dpRunId": "The run id returned by dataProductDelivery/run.",
        "index": "File number 1, 2, ... or meta for the metadata file.",
    },
    frozenset({"dpRunId", "index"}),
    not_found="index is past the run's last file (the official client's end-of-files signal).",
)


def _executor(request: Request) -> Executor:
    executor: Executor | None = state(request).services.get("delivery")
    return executor if executor is not None else QueueOnly()


@router.get("/dataProductDelivery/request", openapi_extra=REQUEST.openapi(), summary="Request a data product")
def request_product(request: Request) -> Response:
    p = REQUEST.parse(request)
    answer = service.place_request(
        state(request).engine, view(request), request.state.user_id, p, base_url(request)
    )
    return OrjsonResponse(answer)


@router.get("/dataProductDelivery/status", openapi_extra=BY_REQUEST.openapi(), summary="Status of a request")
def request_status(request: Request) -> Response:
    p = BY_REQUEST.parse(request)
    return OrjsonResponse(service.status(state(request).engine, request.state.user_id, service.request_id(p)))


@router.get("/dataProductDelivery/run", openapi_extra=BY_REQUEST.openapi(), summary="Run a request")
def run_product(request: Request) -> Response:
    p = BY_REQUEST.parse(request)
    code, body = service.run(
        state(request).engine, _executor(request), request.state.user_id, service.request_id(p)
    )
    return OrjsonResponse(body, status_code=code)


@router.get("/dataProductDelivery/cancel", openapi_extra=BY_REQUEST.openapi(), summary="Cancel a run")
def cancel_product(request: Request) -> Response:
    p = BY_REQUEST.parse(request)
    server = state(request)
    body = service.cancel(
        server.engine, server.settings.products_dir, request.state.user_id, service.request_id(p)
    )
    return OrjsonResponse(body)


@router.get("/dataProductDelivery/restart", openapi_extra=BY_REQUEST.openapi(), summary="Restart a run")
def restart_product(request: Request) -> Response:
    p = BY_REQUEST.parse(request)
    body = service.restart(
        state(request).engine, _executor(request), request.state.user_id, service.request_id(p)
    )
    return OrjsonResponse(body)


@router.get(
    "/dataProductDelivery/download", openapi_extra=DOWNLOAD.openapi(), summary="Download a file of a run"
)
@router.head(
    "/dataProductDelivery/download",
    openapi_extra=DOWNLOAD.openapi(),
    summary="The headers of a run file download, without the file",
)
async def download_product(request: Request) -> Response:
    p = DOWNLOAD.parse(request)
    ident = service.run_id(p)
    position = service.parse_index(p)
    server = state(request)
    user = request.state.user_id
    deadline = time.monotonic() + HOLD_S
    run = await run_in_threadpool(service.look_up_run, server.engine, user, ident)
    while run.status in (store.QUEUED, store.RUNNING) and time.monotonic() < deadline:
        await asyncio.sleep(HOLD_STEP_S)
        run = await run_in_threadpool(service.look_up_run, server.engine, user, ident)
    answer = await run_in_threadpool(
        service.download, server.engine, server.settings.products_dir, run, position
    )
    if answer.status != 200:
        if answer.status == 204:
            return Response(status_code=204)
        return OrjsonResponse(answer.body, status_code=answer.status)
    assert answer.name is not None
    headers = {"Content-Disposition": f"attachment; filename={answer.name}"}
    media_type = mimetypes.guess_type(answer.name)[0] or "application/octet-stream"
    if answer.path is not None:
        return FileResponse(answer.path, headers=headers, media_type=media_type)
    assert answer.archive_name is not None
    headers["Content-Length"] = str(answer.size)
    if request.method == "HEAD":
        return Response(status_code=200, headers=headers, media_type=media_type)
    chunks = archived.stream(server.settings, answer.archive_name)
    return StreamingResponse(chunks, headers=headers, media_type=media_type)
