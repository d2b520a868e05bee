"""Downloading a file to disk: streamed (memory flat in its size), atomic, resumed with Range, verified.

The body goes to a hidden temporary file beside the target and is renamed onto it only once complete and checked
against the announced size and digest (``Repr-Digest``, ``Digest`` or ``Content-MD5``) when the server sends them.
An interrupted body is resumed with ``Range``/``If-Range``; whatever fails, no partial file is left behind.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import hashlib
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from tqdm.auto import tqdm

from pelagos.client.errors import ApiError, DownloadError, parse_json_or_none
from pelagos.client.retry import RETRYABLE_ERRORS
from pelagos.client.transport import AsyncTransport, Params, Transport

_HASHES = {"md5": "md5", "sha-1": "sha1", "sha-256": "sha256", "sha-512": "sha512"}
_CONTENT_RANGE = re.compile(r"bytes (\d+)-(\d+)/(\d+|\*)")
_DIGEST_ITEM = re.compile(r"\s*([A-Za-z0-9-]+)\s*=\s*:?([A-Za-z0-9+/=]+):?\s*")


@dataclass(frozen=True)
class Target:
    """Where a 200 answer goes: ``directory/name`` (``name`` None: from Content-Disposition)."""

    directory: Path
    name: str | None
    overwrite: bool
    progress: bool = False


@dataclass
class Fetched:
    """What a file request gave: the file written (``path``), kept (``skipped``), or a non-200 ``response``."""

    status: int
    url: str
    response: httpx.Response
    name: str = ""
    path: Path | None = None
    size: int = 0
    seconds: float = 0.0
    skipped: bool = False

    def json(self) -> Any:
        """The JSON body of a non-200 answer (None if it has none)."""
        return parse_json_or_none(self.response.content)


def name_from_disposition(headers: httpx.Headers) -> str:
    """The file name of ``Content-Disposition`` (unquoted, without any directory part)."""
    text = headers.get("Content-Disposition", "")
    if "filename=" not in text:
        raise DownloadError(f"no file name in Content-Disposition: {text!r}")
    value = text.split("filename=", 1)[1].strip()
    if value.startswith('"'):
        value = value[1:].split('"', 1)[0]
    name = Path(value.replace("\\", "/")).name
    if name in ("", ".", ".."):
        raise DownloadError(f"unusable file name in Content-Disposition: {text!r}")
    return name


def exists_nonempty(path: Path) -> bool:
    """True when ``path`` holds a non-empty file: the official client keeps those unless told to overwrite."""
    return path.exists() and path.stat().st_size != 0


def expected_digests(headers: httpx.Headers, whole: bool) -> dict[str, bytes]:
    """Digests of the whole file announced by the server, by hashlib name (Content-MD5 only on a whole body)."""
    found: dict[str, bytes] = {}
    for header in ("Repr-Digest", "Digest"):
        for item in headers.get(header, "").split(","):
            match = _DIGEST_ITEM.fullmatch(item) if item.strip() else None
            algo = _HASHES.get(match.group(1).lower()) if match else None
            if match and algo:
                with contextlib.suppress(binascii.Error, ValueError):
                    found[algo] = base64.b64decode(match.group(2), validate=True)
    if whole and "Content-MD5" in headers:
        with contextlib.suppress(binascii.Error, ValueError):
            found.setdefault("md5", base64.b64decode(headers["Content-MD5"], validate=True))
    return found


class Part:
    """The temporary file a download is written to, with the running digests and what to check at the end."""

    def __init__(self, final: Path) -> None:
        self.final = final
        final.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".part", dir=final.parent)
        self.path = Path(name)
        self.handle = os.fdopen(fd, "wb")
        self.size = 0
        self.total: int | None = None
        self.validator: str | None = None
        self.digests: dict[str, bytes] = {}
        self.hashers: dict[str, Any] = {}

    def accept(self, response: httpx.Response) -> bool:
        """Take ``response`` as the continuation of the file; False when it cannot be used from where we are."""
        headers = response.headers
        if response.status_code == 206:
            match = _CONTENT_RANGE.fullmatch(headers.get("Content-Range", ""))
            if not match or int(match.group(1)) != self.size:
                self.restart()
                return False
            if match.group(3) != "*":
                self.total = int(match.group(3))
            self.digests = expected_digests(headers, whole=False) or self.digests
            return True
        self.restart()
        encoded = headers.get("Content-Encoding", "identity") != "identity"
        length = headers.get("Content-Length")
        self.total = int(length) if length and length.isdigit() and not encoded else None
        self.digests = expected_digests(headers, whole=True)
        self.hashers = {algo: hashlib.new(algo) for algo in self.digests}
        etag = headers.get("ETag")
        strong = etag if etag and not etag.startswith("W/") else None
        self.validator = None if encoded else strong or headers.get("Last-Modified")
        return True

    def restart(self) -> None:
        """Throw away what was written and start again from byte 0."""
        self.handle.seek(0)
        self.handle.truncate()
        self.size = 0
        self.hashers = {algo: hashlib.new(algo) for algo in self.digests}

    def write(self, chunk: bytes) -> None:
        self.handle.write(chunk)
        self.size += len(chunk)
        for hasher in self.hashers.values():
            hasher.update(chunk)

    def resume_headers(self) -> dict[str, str]:
        """Headers asking for the rest of the file, when the server gave a validator to resume against."""
        if self.size == 0 or self.validator is None:
            self.restart()
            return {}
        return {"Range": f"bytes={self.size}-", "If-Range": self.validator}

    def problem(self) -> str | None:
        """Why the bytes written are not the announced file (None when they are)."""
        if self.total is not None and self.size != self.total:
            if self.size > self.total:
                self.restart()
            return f"got {self.size} bytes of {self.total}"
        for algo, expected in self.digests.items():
            hasher = self.hashers.get(algo)
            if hasher is not None and hasher.digest() != expected:
                self.restart()
                return f"{algo} digest mismatch"
        return None

    def commit(self) -> None:
        """Make the file visible under its final name, whole."""
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.handle.close()
        os.replace(self.path, self.final)

    def discard(self) -> None:
        self.handle.close()
        self.path.unlink(missing_ok=True)


def _bar(target: Target, name: str, total: int | None) -> Any:
    return tqdm(
        total=total,
        unit="B",
        unit_scale=True,
        desc=name,
        leave=False,
        disable=None if target.progress else True,
    )


def _answer(response: httpx.Response) -> Fetched:
    return Fetched(response.status_code, str(response.url), response)


def safe_join(directory: Path, name: str) -> Path:
    """``directory/name``, refusing a name that would leave the directory."""
    if Path(name.replace("\\", "/")).name != name or name in (".", ".."):
        raise DownloadError(f"refusing to write outside {directory}: {name!r}")
    return directory / name


def fetch(transport: Transport, url: str, params: Params, target: Target, timeout: float) -> Fetched:
    """GET ``url`` and write a 200 body to ``target``; other statuses come back with their (small) body."""
    response = transport.send("GET", url, params, stream=True, timeout=timeout)
    try:
        if response.status_code != 200:
            response.read()
            return _answer(response)
        name = target.name or name_from_disposition(response.headers)
        final = safe_join(target.directory, name)
        if exists_nonempty(final) and not target.overwrite:
            return Fetched(200, str(response.url), response, name=name, path=final, skipped=True)
        result = Fetched(200, str(response.url), response, name=name, path=final)
        started = time.monotonic()
        part = Part(final)
        try:
            failures = 0
            with _bar(target, name, None) as bar:
                while True:
                    before = part.size
                    why = "the server sent a body that cannot continue the file"
                    if part.accept(response):
                        bar.total = part.total
                        try:
                            for chunk in response.iter_bytes():
                                part.write(chunk)
                                bar.update(len(chunk))
                            problem = part.problem()
                            if problem is None:
                                break
                            why = problem
                        except RETRYABLE_ERRORS as exc:
                            why = repr(exc)
                    response.close()
                    failures = 0 if part.size > before else failures + 1
                    wait = transport.policy.delay_for(failures - 1, None, None) if failures else 0.0
                    if wait is None:
                        raise DownloadError(f"{name}: {why}")
                    time.sleep(wait)
                    response = transport.send(
                        "GET", url, params, headers=part.resume_headers(), stream=True, timeout=timeout
                    )
                    if response.status_code not in (200, 206):
                        response.read()
                        raise ApiError.from_response(response, "plain")
                    bar.reset(part.total)
                    bar.update(part.size)
            part.commit()
        except BaseException:
            part.discard()
            raise
        result.size = part.size
        result.seconds = time.monotonic() - started
        return result
    finally:
        response.close()


async def afetch(
    transport: AsyncTransport, url: str, params: Params, target: Target, timeout: float
) -> Fetched:
    """:func:`fetch` over the asynchronous transport."""
    response = await transport.send("GET", url, params, stream=True, timeout=timeout)
    try:
        if response.status_code != 200:
            await response.aread()
            return _answer(response)
        name = target.name or name_from_disposition(response.headers)
        final = safe_join(target.directory, name)
        if exists_nonempty(final) and not target.overwrite:
            return Fetched(200, str(response.url), response, name=name, path=final, skipped=True)
        result = Fetched(200, str(response.url), response, name=name, path=final)
        started = time.monotonic()
        part = Part(final)
        try:
            failures = 0
            with _bar(target, name, None) as bar:
                while True:
                    before = part.size
                    why = "the server sent a body that cannot continue the file"
                    if part.accept(response):
                        bar.total = part.total
                        try:
                            async for chunk in response.aiter_bytes():
                                part.write(chunk)
                                bar.update(len(chunk))
                            problem = part.problem()
                            if problem is None:
                                break
                            why = problem
                        except RETRYABLE_ERRORS as exc:
                            why = repr(exc)
                    await response.aclose()
                    failures = 0 if part.size > before else failures + 1
                    wait = transport.policy.delay_for(failures - 1, None, None) if failures else 0.0
                    if wait is None:
                        raise DownloadError(f"{name}: {why}")
                    await asyncio.sleep(wait)
                    response = await transport.send(
                        "GET", url, params, headers=part.resume_headers(), stream=True, timeout=timeout
                    )
                    if response.status_code not in (200, 206):
                        await response.aread()
                        raise ApiError.from_response(response, "plain")
                    bar.reset(part.total)
                    bar.update(part.size)
            part.commit()
        except BaseException:
            part.discard()
            raise
        result.size = part.size
        result.seconds = time.monotonic() - started
        return result
    finally:
        await response.aclose()
