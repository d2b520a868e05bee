"""The client against a misbehaving server: dropped connections, 503/429 with Retry-After, truncated and corrupt
bodies. Shows the retries, the resumed downloads, and that no partial or corrupt file is ever left behind."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import logging
import socket
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import orjson
import pytest
import requests

from pelagos.client import ONC, ApiError, AsyncONC, DownloadError, RetryPolicy
from pelagos.client.retry import parse_retry_after
from pelagos.client.texts import redact

TOKEN = "fault-token-123"
FAST = RetryPolicy(retries=3, backoff=0.02, max_backoff=0.1)

Writer = asyncio.StreamWriter
Action = Callable[["Seen", Writer], Awaitable[bool]]  # returns False to close the connection


@dataclass
class Seen:
    """A request the fault server received."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]


def _head(status: int, headers: dict[str, str], length: int) -> bytes:
    lines = [f"HTTP/1.1 {status} Whatever"] + [f"{k}: {v}" for k, v in headers.items()]
    lines.append(f"Content-Length: {length}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def drop() -> Action:
    """Close the connection without answering."""

    async def act(seen: Seen, writer: Writer) -> bool:
        return False

    return act


def answer(status: int, body: object = None, headers: dict[str, str] | None = None) -> Action:
    """Answer with ``status`` and a JSON body."""
    payload = b"" if body is None else orjson.dumps(body)

    async def act(seen: Seen, writer: Writer) -> bool:
        head = {"Content-Type": "application/json", **(headers or {})}
        writer.write(_head(status, head, len(payload)) + (payload if seen.method != "HEAD" else b""))
        await writer.drain()
        return True

    return act


def stall(seconds: float) -> Action:
    """Say nothing for ``seconds``, then close."""

    async def act(seen: Seen, writer: Writer) -> bool:
        await asyncio.sleep(seconds)
        return False

    return act


def serve_file(
    data: bytes,
    *,
    cut: int | None = None,
    ranges: bool = True,
    digest: bytes | None = None,
    body: bytes | None = None,
    disposition: str | None = None,
) -> Action:
    """Serve ``data`` honouring Range (when ``ranges``); ``cut`` sends only that many bytes then closes;
    ``digest`` announces a sha-256 in Repr-Digest (default: the true one); ``body`` sends other bytes."""
    sent = data if body is None else body
    announced = hashlib.sha256(data).digest() if digest is None else digest

    async def act(seen: Seen, writer: Writer) -> bool:
        headers = {
            "ETag": '"v1"',
            "Accept-Ranges": "bytes",
            "Repr-Digest": f"sha-256=:{base64.b64encode(announced).decode()}:",
        }
        if disposition:
            headers["Content-Disposition"] = f"attachment; filename={disposition}"
        start, status = 0, 200
        asked = seen.headers.get("range", "")
        if ranges and asked.startswith("bytes=") and seen.headers.get("if-range") == '"v1"':
            start, status = int(asked[6:].split("-")[0]), 206
            headers["Content-Range"] = f"bytes {start}-{len(data) - 1}/{len(data)}"
        chunk = sent[start:]
        writer.write(_head(status, headers, len(chunk)))
        if cut is not None:
            writer.write(chunk[:cut])
            await writer.drain()
            return False
        writer.write(chunk)
        await writer.drain()
        return True

    return act


@dataclass
class FaultServer:
    """A tiny HTTP/1.1 server on a free port that plays a script of actions per path (the last one repeats)."""

    script: dict[str, list[Action]] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)
    url: str = ""

    def start(self) -> None:
        self.loop = asyncio.new_event_loop()
        ready = threading.Event()

        async def main() -> None:
            self.server = await asyncio.start_server(self.handle, "127.0.0.1", 0)
            self.url = f"http://127.0.0.1:{self.server.sockets[0].getsockname()[1]}/"
            self.stopping = asyncio.Event()
            ready.set()
            await self.stopping.wait()
            self.server.close()
            handlers = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
            for task in handlers:
                task.cancel()
            await asyncio.gather(*handlers, return_exceptions=True)

        def run() -> None:
            self.loop.run_until_complete(main())
            self.loop.close()

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()
        ready.wait(5)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.stopping.set)
        self.thread.join(10)
        assert not self.thread.is_alive(), "the fault server did not stop"

    def requests_to(self, path: str) -> list[Seen]:
        return [s for s in self.seen if s.path == path]

    async def handle(self, reader: asyncio.StreamReader, writer: Writer) -> None:
        try:
            while True:
                line = await reader.readline()
                if not line.strip():
                    break
                method, target, _ = line.decode().split(" ", 2)
                headers: dict[str, str] = {}
                while (row := await reader.readline()) not in (b"\r\n", b"\n", b""):
                    key, _, value = row.decode().partition(":")
                    headers[key.strip().lower()] = value.strip()
                parts = urlsplit(target)
                seen = Seen(method, parts.path, parse_qs(parts.query), headers)
                self.seen.append(seen)
                actions = self.script.get(parts.path) or [answer(404, {"message": "no script"})]
                action = actions.pop(0) if len(actions) > 1 else actions[0]
                if not await action(seen, writer):
                    break
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()


@pytest.fixture
def faults() -> Iterator[FaultServer]:
    server = FaultServer()
    server.start()
    yield server
    server.stop()


def client(faults: FaultServer, tmp_path: Path, **options: object) -> ONC:
    options.setdefault("retries", FAST)
    return ONC(
        TOKEN, baseUrl=faults.url, outPath=tmp_path / "out", showWarning=False, progress=False, **options
    )  # type: ignore[arg-type]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


LOCATIONS = [{"locationCode": "NCBC", "hasDeviceData": True}]


def test_dropped_connections_are_retried(faults: FaultServer, tmp_path: Path) -> None:
    faults.script["/api/locations"] = [drop(), drop(), answer(200, LOCATIONS)]
    assert client(faults, tmp_path).getLocations({"locationCode": "NCBC"}) == LOCATIONS
    assert len(faults.requests_to("/api/locations")) == 3


@pytest.mark.parametrize("status", [503, 429])
def test_retry_after_is_honoured(faults: FaultServer, tmp_path: Path, status: int) -> None:
    faults.script["/api/devices"] = [
        answer(status, {}, {"Retry-After": "1"}),
        answer(200, [{"deviceCode": "X"}]),
    ]
    start = time.monotonic()
    assert client(faults, tmp_path).getDevices() == [{"deviceCode": "X"}]
    assert time.monotonic() - start >= 1.0
    assert len(faults.requests_to("/api/devices")) == 2


def test_a_retry_after_beyond_the_cap_is_not_waited_for(faults: FaultServer, tmp_path: Path) -> None:
    faults.script["/api/devices"] = [answer(503, {}, {"Retry-After": "3600"}), answer(200, [])]
    start = time.monotonic()
    with pytest.raises(ApiError) as caught:
        client(faults, tmp_path).getDevices()
    assert time.monotonic() - start < 5
    assert caught.value.status == 503
    assert len(faults.requests_to("/api/devices")) == 1


def test_server_errors_give_up_after_the_retries(faults: FaultServer, tmp_path: Path) -> None:
    faults.script["/api/properties"] = [answer(500, {})]
    with pytest.raises(requests.HTTPError) as caught:
        client(faults, tmp_path).getProperties()
    assert str(caught.value).startswith("500 Server Error: ")
    assert len(faults.requests_to("/api/properties")) == FAST.retries + 1


@pytest.mark.parametrize("status", [400, 401, 404, 410])
def test_client_errors_are_never_retried(faults: FaultServer, tmp_path: Path, status: int) -> None:
    body = {"errors": [{"errorCode": 127, "errorMessage": "Invalid value", "parameter": "locationCode"}]}
    faults.script["/api/locations"] = [answer(status, body)]
    with pytest.raises(ApiError) as caught:
        client(faults, tmp_path).getLocations({"locationCode": "XYZ"})
    error = caught.value
    assert len(faults.requests_to("/api/locations")) == 1
    assert error.status == status
    assert error.errors == [(127, "Invalid value", "locationCode")]
    assert TOKEN not in str(error) and TOKEN not in error.url and "token=REDACTED" in error.url
    expected_start = {
        400: "\nStatus 400 - Bad Request: ",
        401: "Status 401 - Unauthorized: ",
        404: "404 Client Error: ",
        410: "410 Client Error: ",
    }[status]
    assert str(error).startswith(expected_start)
    if status == 400:
        assert "API Error 127: Invalid value (parameter: locationCode)" in str(error)


def test_no_server_raises_a_requests_connection_error(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    onc = ONC(TOKEN, baseUrl=f"http://127.0.0.1:{port}/", retries=RetryPolicy(retries=1, backoff=0.01))
    with pytest.raises(requests.exceptions.ConnectionError) as caught:
        onc.getLocations()
    assert TOKEN not in str(caught.value)


def test_a_silent_server_times_out_after_the_retries(faults: FaultServer, tmp_path: Path) -> None:
    faults.script["/api/locations"] = [stall(3)]
    onc = client(faults, tmp_path, retries=RetryPolicy(retries=1, backoff=0.01), timeout=0.3)
    with pytest.raises(requests.exceptions.Timeout):
        onc.getLocations()
    assert len(faults.requests_to("/api/locations")) == 2


DATA = bytes(range(256)) * 4096  # 1 MiB


def test_an_interrupted_download_resumes_with_range(faults: FaultServer, tmp_path: Path) -> None:
    faults.script["/api/archivefile/download"] = [serve_file(DATA, cut=300_000), serve_file(DATA)]
    onc = client(faults, tmp_path)
    info = onc.downloadArchivefile("X_20190101T000000.000Z.txt")
    assert (onc.outPath / "X_20190101T000000.000Z.txt").read_bytes() == DATA
    assert info["size"] == len(DATA) and info["status"] == "completed"
    second = faults.requests_to("/api/archivefile/download")[1]
    assert second.headers["range"] == "bytes=300000-" and second.headers["if-range"] == '"v1"'
    assert leftovers(onc.outPath) == ["X_20190101T000000.000Z.txt"]


def test_a_server_without_ranges_restarts_the_file(faults: FaultServer, tmp_path: Path) -> None:
    faults.script["/api/archivefile/download"] = [
        serve_file(DATA, cut=200_000, ranges=False),
        serve_file(DATA, cut=500_000, ranges=False),
        serve_file(DATA, ranges=False),
    ]
    onc = client(faults, tmp_path)
    onc.downloadArchivefile("f.bin")
    assert (onc.outPath / "f.bin").read_bytes() == DATA
    assert leftovers(onc.outPath) == ["f.bin"]


def test_a_body_that_never_arrives_whole_leaves_nothing(faults: FaultServer, tmp_path: Path) -> None:
    faults.script["/api/archivefile/download"] = [serve_file(DATA, cut=1000, ranges=False)]
    onc = client(faults, tmp_path)
    with pytest.raises(DownloadError):
        onc.downloadArchivefile("f.bin")
    assert leftovers(onc.outPath) == []


def test_a_failed_overwrite_keeps_the_old_file(faults: FaultServer, tmp_path: Path) -> None:
    faults.script["/api/archivefile/download"] = [serve_file(DATA, cut=1000, ranges=False)]
    onc = client(faults, tmp_path)
    onc.outPath.mkdir(parents=True)
    (onc.outPath / "f.bin").write_bytes(b"old contents")
    with pytest.raises(DownloadError):
        onc.downloadArchivefile("f.bin", overwrite=True)
    assert (onc.outPath / "f.bin").read_bytes() == b"old contents"
    assert leftovers(onc.outPath) == ["f.bin"]


def test_a_corrupt_body_is_detected_and_fetched_again(faults: FaultServer, tmp_path: Path) -> None:
    corrupt = bytearray(DATA)
    corrupt[12345] ^= 0xFF
    faults.script["/api/archivefile/download"] = [serve_file(DATA, body=bytes(corrupt)), serve_file(DATA)]
    onc = client(faults, tmp_path)
    onc.downloadArchivefile("f.bin")
    assert (onc.outPath / "f.bin").read_bytes() == DATA
    assert len(faults.requests_to("/api/archivefile/download")) == 2
    assert "range" not in faults.requests_to("/api/archivefile/download")[1].headers


def test_a_body_that_never_matches_its_digest_leaves_nothing(faults: FaultServer, tmp_path: Path) -> None:
    faults.script["/api/archivefile/download"] = [serve_file(DATA, digest=hashlib.sha256(b"other").digest())]
    onc = client(faults, tmp_path)
    with pytest.raises(DownloadError, match="digest"):
        onc.downloadArchivefile("f.bin")
    assert leftovers(onc.outPath) == []


def test_product_file_names_cannot_leave_the_output_folder(faults: FaultServer, tmp_path: Path) -> None:
    faults.script["/api/dataProductDelivery/download"] = [
        serve_file(b"evil", disposition="../../escaped.txt"),
        answer(404, {}),
    ]
    onc = client(faults, tmp_path, concurrency=1)
    files = onc.downloadDataProduct(7, includeMetadataFile=False)
    assert [f["file"] for f in files] == ["escaped.txt"]
    assert (onc.outPath / "escaped.txt").read_bytes() == b"evil"
    assert not (tmp_path / "escaped.txt").exists()


def test_async_client_retries_and_resumes(faults: FaultServer, tmp_path: Path) -> None:
    faults.script["/api/locations"] = [drop(), answer(503, {}, {"Retry-After": "0"}), answer(200, LOCATIONS)]
    faults.script["/api/archivefile/download"] = [serve_file(DATA, cut=400_000), serve_file(DATA)]

    async def main() -> tuple[object, dict[str, object]]:
        async with AsyncONC(
            TOKEN, baseUrl=faults.url, outPath=tmp_path / "out", retries=FAST, progress=False
        ) as onc:
            return await onc.getLocations(), await onc.downloadArchivefile("a.bin")

    found, info = asyncio.run(main())
    assert found == LOCATIONS
    assert info["size"] == len(DATA)
    assert (tmp_path / "out" / "a.bin").read_bytes() == DATA
    assert faults.requests_to("/api/archivefile/download")[1].headers["range"] == "bytes=400000-"
    assert leftovers(tmp_path / "out") == ["a.bin"]


def test_retry_delays_back_off_with_jitter() -> None:
    policy = RetryPolicy(retries=4, backoff=1.0, max_backoff=5.0)
    for attempt, step in enumerate([1.0, 2.0, 4.0, 5.0]):
        delays = {policy.delay_for(attempt, 503, None) for _ in range(50)}
        assert all(d is not None and step / 2 <= d <= step for d in delays)
        assert len(delays) > 1
    assert policy.delay_for(4, 503, None) is None
    assert policy.delay_for(0, 404, None) is None
    assert policy.delay_for(0, 429, "7") == 7.0


def test_retry_after_reads_seconds_and_dates() -> None:
    assert parse_retry_after("12") == 12.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    soon = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 30))
    assert 25 <= (parse_retry_after(soon) or 0) <= 31
    assert parse_retry_after("soon") is None


def test_tokens_are_redacted_from_urls() -> None:
    assert redact("http://h/api/x?a=1&token=abc-1&b=2") == "http://h/api/x?a=1&token=REDACTED&b=2"
    assert redact("http://h/api/x?token=abc") == "http://h/api/x?token=REDACTED"


def test_request_logs_never_show_the_token(
    faults: FaultServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """An application logging at INFO sees httpx's request lines, with the token redacted."""
    faults.script["/api/locations"] = [answer(200, LOCATIONS)]
    with caplog.at_level(logging.DEBUG):
        client(faults, tmp_path).getLocations({"locationCode": "NCBC"})
    assert "HTTP Request: GET" in caplog.text and "token=REDACTED" in caplog.text
    assert TOKEN not in caplog.text
