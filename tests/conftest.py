"""Shared fixtures: real pelagos servers over the demo observatory, on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

DEMO_TOKEN = "demo-0123456789-abcdef"
PG_ADMIN_URL = os.environ.get("PELAGOS_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


@dataclass
class RunningServer:
    """A pelagos server process started for the tests."""

    url: str  # ends with "/"
    token: str
    data_dir: Path
    process: subprocess.Popen[bytes]
    env: dict[str, str]
    log_path: Path

    def get(self, path: str, **params: object) -> httpx.Response:
        query = {"token": self.token, **params}
        return httpx.get(self.url + path.lstrip("/"), params=query, timeout=120)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(
    data_dir: Path,
    extra_env: dict[str, str] | None = None,
    live: bool = False,
    timeout: float = 600,
    demo: bool = True,
    token: str = DEMO_TOKEN,
    log_level: str = "warning",
) -> RunningServer:
    """Start ``pelagos serve [--demo]`` on a free port and wait until ``token`` is answered."""
    port = free_port()
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PELAGOS_DEMO_TOKEN": DEMO_TOKEN, **(extra_env or {})}
    args = [sys.executable, "-m", "pelagos.cli", "serve", "--data-dir", str(data_dir), "--port", str(port)]
    args += ["--log-level", log_level] + (["--demo"] if demo else []) + ([] if live else ["--no-live"])
    log_path = data_dir.parent / f"server-{port}.log"
    log = open(log_path, "wb")  # noqa: SIM115 - the process owns it
    process = subprocess.Popen(args, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {log_path.read_text()[-4000:]}")
        try:
            answer = httpx.get(
                url + "api/locations", params={"token": token, "locationCode": "ONC"}, timeout=2
            )
            if answer.status_code < 500:
                return RunningServer(url, token, data_dir, process, env, log_path)
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    process.kill()
    raise RuntimeError("server did not start in time")


def stop_server(server: RunningServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(20)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo data folder; PELAGOS_TEST_DEMO_DIR reuses a built one between runs."""
    reuse = os.environ.get("PELAGOS_TEST_DEMO_DIR")
    return Path(reuse) if reuse else tmp_path_factory.mktemp("demo") / "data"


@pytest.fixture(scope="session")
def demo_server(demo_dir: Path) -> Iterator[RunningServer]:
    """A real server over the demo observatory on SQLite."""
    server = start_server(demo_dir)
    yield server
    stop_server(server)


@contextmanager
def fresh_pg_database() -> Iterator[str]:
    """A new, empty PostgreSQL database for one user of it, dropped afterwards."""
    import sqlalchemy as sa

    name = f"pelagos_test_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(
        PG_ADMIN_URL.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """The PostgreSQL database of the session's demo server (use ``fresh_pg_database`` for an empty one)."""
    with fresh_pg_database() as url:
        yield url


@pytest.fixture(scope="session")
def pg_demo_server(tmp_path_factory: pytest.TempPathFactory, pg_url: str) -> Iterator[RunningServer]:
    """A real server over the demo observatory with its catalog and samples in PostgreSQL."""
    data_dir = tmp_path_factory.mktemp("pgdemo") / "data"
    server = start_server(data_dir, {"PELAGOS_DATABASE_URL": pg_url})
    yield server
    stop_server(server)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def server(request: pytest.FixtureRequest) -> RunningServer:
    """Each discovery test runs against both stores."""
    name = "demo_server" if request.param == "sqlite" else "pg_demo_server"
    return request.getfixturevalue(name)  # type: ignore[no-any-return]


@pytest.fixture
def onc_official(server: RunningServer, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The official onc 2.6.0 client pointed at ``server``."""
    from onc import ONC

    client = ONC(server.token, outPath=tmp_path / "output", showWarning=False)
    client.baseUrl = server.url
    return client
