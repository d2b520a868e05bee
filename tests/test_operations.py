"""What an operator sees: token management, the startup banner, and an access log without secrets."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx

from tests.conftest import start_server, stop_server


def pelagos(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pelagos.cli", *args, "--data-dir", str(data_dir)]
        if args[0] != "token"
        else [sys.executable, "-m", "pelagos.cli", "token", "--data-dir", str(data_dir), *args[1:]],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_token_lifecycle_and_log_hygiene(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    created = pelagos("token", "create", "--user", "alice", data_dir=data_dir)
    assert created.returncode == 0, created.stderr
    token = created.stdout.strip()
    assert token and all(c.isalnum() or c == "-" for c in token)
    assert token not in (data_dir / "pelagos.db").read_bytes().decode("latin-1")  # stored hashed

    listed = pelagos("token", "list", data_dir=data_dir).stdout
    assert "alice" in listed and token[:8] in listed and token not in listed

    server = start_server(data_dir, demo=False, token=token, log_level="info")
    try:
        ok = httpx.get(server.url + "api/deviceCategories", params={"token": token})
        assert ok.status_code == 404  # an empty catalog: nothing matches, but the token is good
        revoked = pelagos("token", "revoke", token[:8], data_dir=data_dir)
        assert revoked.returncode == 0 and "revoked 1" in revoked.stdout
        import time

        time.sleep(6)  # the server caches token answers for a few seconds
        assert httpx.get(server.url + "api/deviceCategories", params={"token": token}).status_code == 401
    finally:
        stop_server(server)
    log = server.log_path.read_text()
    assert f"URL:      {server.url}" in log
    assert str(data_dir.resolve()) in log
    assert "GET /api/deviceCategories?token=***" in log
    assert token not in log


def test_demo_token_from_environment(demo_server) -> None:  # type: ignore[no-untyped-def]
    log = demo_server.log_path.read_text()
    assert f"token:    {demo_server.token}" in log
    lines = log.splitlines()
    first_call = lines[lines.index("  try:") + 1].strip()  # the client call the banner offers, run as printed
    ran = subprocess.run(first_call, shell=True, capture_output=True, text=True, timeout=120)
    assert ran.returncode == 0, ran.stderr
    assert "'locationName': 'Bullseye'" in ran.stdout


def test_revoking_an_ambiguous_prefix_revokes_nothing(tmp_path: Path) -> None:
    from pelagos.catalog.tokens import create_token
    from pelagos.db import create_schema, make_engine

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    engine = make_engine(f"sqlite:///{data_dir / 'pelagos.db'}")
    create_schema(engine)
    alice, bob = "share8ch-0000-alice", "share8ch-1111-bob"  # one 8-character prefix, two users
    with engine.begin() as conn:
        create_token(conn, "alice", alice)
        create_token(conn, "bob", bob)
    engine.dispose()

    refused = pelagos("token", "revoke", "share8ch", data_dir=data_dir)
    assert refused.returncode != 0 and refused.stdout == ""
    assert "nothing revoked" in refused.stderr and "alice" in refused.stderr and "bob" in refused.stderr
    assert "whole token" in refused.stderr
    assert pelagos("token", "list", data_dir=data_dir).stdout.count("active") == 2

    server = start_server(data_dir, demo=False, token=alice)
    try:
        for token in (alice, bob):  # both still answer: a 404 from an empty catalog, not a 401
            assert httpx.get(server.url + "api/deviceCategories", params={"token": token}).status_code == 404
        revoked = pelagos("token", "revoke", bob, data_dir=data_dir)  # the whole token is never ambiguous
        assert revoked.returncode == 0 and "revoked 1" in revoked.stdout
        import time

        time.sleep(6)  # the server caches token answers for a few seconds
        assert httpx.get(server.url + "api/deviceCategories", params={"token": bob}).status_code == 401
        assert httpx.get(server.url + "api/deviceCategories", params={"token": alice}).status_code == 404
        assert pelagos("token", "revoke", "share8ch", data_dir=data_dir).returncode == 0  # now only alice's
    finally:
        stop_server(server)
