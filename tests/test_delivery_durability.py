"""Runs survive what happens to the processes that generate them: a server or a Celery worker killed with
SIGKILL mid-run or with runs queued, cancel stopping the work, restart reusing the dpRunId, and files removed after the retention
period (410). Each test runs its own server over a copy of the demo observatory."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import RunningServer, start_server, stop_server

pytestmark = pytest.mark.slow

#: A product that takes many seconds to generate: a month of 1 Hz bottom pressure, four sensors, as csv.
LONG = {
    "deviceCode": "BPR-Folger-59",
    "dataProductCode": "TSSD",
    "extension": "csv",
    "dateFrom": "2019-11-01",
    "dateTo": "2019-12-01",
    "dpo_qualityControl": 1,
    "dpo_resample": "none",
}
SHORT = {
    "locationCode": "CRIP.C1",
    "deviceCategoryCode": "CTD",
    "dataProductCode": "TSSP",
    "extension": "png",
    "dateFrom": "2019-08-29",
    "dateTo": "2019-08-30",
}


def clone_demo(source: Path, target: Path) -> Path:
    """A consistent copy of a demo data folder (SQLite online backup; the archive is shared read-only)."""
    target.mkdir(parents=True)
    with sqlite3.connect(source / "pelagos.db") as src, sqlite3.connect(target / "pelagos.db") as dst:
        src.backup(dst)
    for name in (".demo-built", "demo-token"):
        shutil.copy(source / name, target / name)
    if (source / "archive").exists():
        (target / "archive").symlink_to(source / "archive")
    return target


@pytest.fixture
def data_copy(demo_server: RunningServer, tmp_path: Path) -> Path:
    return clone_demo(demo_server.data_dir, tmp_path / "data")


def call(server: RunningServer, verb: str, **params: object) -> httpx.Response:
    return httpx.get(
        f"{server.url}api/dataProductDelivery/{verb}", params={"token": server.token, **params}, timeout=60
    )


def start_run(server: RunningServer, params: dict[str, object]) -> tuple[int, int]:
    ident = call(server, "request", **params).json()["dpRequestId"]
    run_id = call(server, "run", dpRequestId=ident).json()[0]["dpRunId"]
    return ident, run_id


def wait_status(server: RunningServer, ident: int, wanted: str, timeout: float = 300) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        entry: dict[str, object] = call(server, "run", dpRequestId=ident).json()[0]
        if entry["status"] == wanted:
            return entry
        time.sleep(0.2)
    raise AssertionError(f"run of request {ident} never became {wanted!r}")


def download_all(server: RunningServer, run_id: int) -> list[httpx.Response]:
    out = []
    index = 1
    while True:
        answer = call(server, "download", dpRunId=run_id, index=index)
        if answer.status_code == 202:
            continue
        if answer.status_code != 200:
            return out
        out.append(answer)
        index += 1


def test_server_killed_mid_run_resumes_the_run_after_restart(data_copy: Path) -> None:
    server = start_server(data_copy)
    try:
        ident, run_id = start_run(server, LONG)
        wait_status(server, ident, "data product running")
        time.sleep(1.0)
    finally:
        server.process.kill()  # SIGKILL: no chance to hand the run back
        server.process.wait()
    server = start_server(data_copy)
    try:
        entry = wait_status(server, ident, "complete")
        assert entry["dpRunId"] == run_id and entry["fileCount"] >= 1
        files = download_all(server, run_id)
        assert len(files) == entry["fileCount"]
        assert files[0].text.startswith("#")
        assert "2019-11-30T23:59:59" in files[-1].text[-200:]
    finally:
        stop_server(server)


#: Products queued behind LONG while the only worker is busy with it.
QUEUED = [
    SHORT,
    {**SHORT, "dataProductCode": "TSSD", "extension": "csv"},
    {**LONG, "dataProductCode": "TSSD", "extension": "json", "dateTo": "2019-11-01T01:00:00.000Z"},
]


def test_server_killed_with_runs_queued_completes_them_after_restart(data_copy: Path) -> None:
    server = start_server(data_copy, {"PELAGOS_WORKERS": "1"})
    try:
        long_ident, _ = start_run(server, LONG)
        wait_status(server, long_ident, "data product running")
        queued = [start_run(server, params) for params in QUEUED]
        time.sleep(1.0)
        for ident, _ in queued:
            assert call(server, "run", dpRequestId=ident).json()[0]["status"] == "queued"
    finally:
        server.process.kill()  # SIGKILL with the worker busy and three runs waiting
        server.process.wait()
    server = start_server(data_copy, {"PELAGOS_WORKERS": "1"})
    try:
        counts = []
        for ident, run_id in queued:
            entry = wait_status(server, ident, "complete", timeout=120)
            assert entry["dpRunId"] == run_id
            files = download_all(server, run_id)
            assert len(files) == entry["fileCount"] >= 1
            counts.append(len(files))
        assert counts == [2, 1, 1]
        assert files[0].json()["metadata"]["deviceCode"] == "BPR-Folger-59"
        assert call(server, "cancel", dpRequestId=long_ident).status_code == 200
    finally:
        stop_server(server)


def test_cancel_stops_the_work_and_frees_the_worker(data_copy: Path) -> None:
    server = start_server(data_copy, {"PELAGOS_WORKERS": "1"})
    try:
        long_ident, long_run = start_run(server, LONG)
        wait_status(server, long_ident, "data product running")
        started = time.monotonic()
        assert call(server, "cancel", dpRequestId=long_ident).json() == [
            {"dpRunId": long_run, "status": "cancelled"}
        ]
        short_ident, _ = start_run(server, SHORT)
        wait_status(server, short_ident, "complete", timeout=60)
        assert time.monotonic() - started < 30  # the one worker dropped the long run
        assert call(server, "run", dpRequestId=long_ident).json()[0]["status"] == "cancelled"
        assert not (data_copy / "products" / str(long_run)).exists()
        restarted = call(server, "restart", dpRequestId=long_ident).json()
        assert restarted[0]["dpRunId"] == long_run
        assert restarted[0]["status"] in ("queued", "data product running")
        call(server, "cancel", dpRequestId=long_ident)
    finally:
        stop_server(server)


def test_files_expire_after_the_retention_period(data_copy: Path) -> None:
    server = start_server(data_copy, {"PELAGOS_PRODUCT_RETENTION": "3"})
    try:
        ident, run_id = start_run(server, SHORT)
        wait_status(server, ident, "complete", timeout=60)
        assert call(server, "download", dpRunId=run_id, index=1).status_code == 200
        deadline = time.monotonic() + 30
        while call(server, "download", dpRunId=run_id, index=1).status_code == 200:
            assert time.monotonic() < deadline, "files were never removed"
            time.sleep(0.5)
        assert call(server, "download", dpRunId=run_id, index=1).status_code == 410
        assert call(server, "download", dpRunId=run_id, index="meta").status_code == 410
        assert call(server, "download", dpRunId=run_id, index=3).status_code == 404
        assert not (data_copy / "products" / str(run_id)).exists()
        assert call(server, "restart", dpRequestId=ident).json()[0]["dpRunId"] == run_id
        wait_status(server, ident, "complete", timeout=60)
        assert call(server, "download", dpRunId=run_id, index=1).status_code == 200
    finally:
        stop_server(server)


@pytest.fixture
def celery_env(data_copy: Path) -> dict[str, str]:
    database = random.randint(1, 15)  # a Redis database of its own, emptied first
    subprocess.run(
        [sys.executable, "-c", f"import redis; redis.Redis(db={database}).flushdb()"], check=True, timeout=30
    )
    return {
        "PELAGOS_EXECUTOR": "celery",
        "PELAGOS_BROKER_URL": f"redis://127.0.0.1:6379/{database}",
        "PELAGOS_DATA_DIR": str(data_copy),
    }


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """``pelagos worker`` in its own process group, so that it can be killed whole."""
    return subprocess.Popen(
        [sys.executable, "-m", "pelagos.cli", "worker", "--concurrency", "1", "--log-level", "warning"],
        env={**os.environ, **env},
        stdout=open(log, "ab"),  # noqa: SIM115 - the process owns it
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def kill_group(process: subprocess.Popen[bytes]) -> None:
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()


@pytest.fixture
def celery_server(data_copy: Path, celery_env: dict[str, str]) -> Iterator[RunningServer]:
    server = start_server(data_copy, celery_env)
    yield server
    stop_server(server)


def test_celery_worker_generates_and_a_killed_worker_is_replaced(
    celery_server: RunningServer, celery_env: dict[str, str], tmp_path: Path
) -> None:
    log = tmp_path / "worker.log"
    worker = start_worker(celery_env, log)
    try:
        ident, run_id = start_run(celery_server, SHORT)
        entry = wait_status(celery_server, ident, "complete", timeout=120)
        assert entry["fileCount"] == 2
        assert [r.content[:4] for r in download_all(celery_server, run_id)] == [b"\x89PNG"] * 2

        long_ident, long_run = start_run(celery_server, LONG)
        wait_status(celery_server, long_ident, "data product running", timeout=120)
        time.sleep(1.0)
        kill_group(worker)  # SIGKILL the worker and its pool mid-run
        time.sleep(2.0)
        assert (
            call(celery_server, "run", dpRequestId=long_ident).json()[0]["status"] == "data product running"
        )
        worker = start_worker(celery_env, log)
        entry = wait_status(celery_server, long_ident, "complete", timeout=600)
        assert entry["dpRunId"] == long_run
        assert len(download_all(celery_server, long_run)) == entry["fileCount"]
    finally:
        kill_group(worker)
