"""The archive store: files under a root that is a local folder or any fsspec URL (``s3://bucket/prefix``).

Paths are always built by pelagos (``<deviceCode>/<year>/<filename>``), never taken from a request, so a
download can only reach files the index names. Options for the filesystem (an S3 endpoint, credentials) come
from ``PELAGOS_ARCHIVE_OPTIONS`` as JSON, e.g. ``{"client_kwargs": {"endpoint_url": "http://host:9000"}}``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import fsspec
from fsspec.core import url_to_fs

CHUNK = 1 << 20


@dataclass(frozen=True)
class Stored:
    """What writing a file produced: its relative path, stored size, uncompressed size, sha256, compression."""

    path: str
    size: int
    uncompressed_size: int
    sha256: str
    compression: str | None


class ArchiveStore:
    """Reads and writes archive files under ``root`` through fsspec."""

    def __init__(self, root: str, options: dict[str, Any] | None = None) -> None:
        if options is None:
            options = json.loads(os.environ.get("PELAGOS_ARCHIVE_OPTIONS") or "{}")
        self.fs, self.root = url_to_fs(root, **(options or {}))
        self.root = self.root.rstrip("/")
        if isinstance(self.fs, fsspec.implementations.local.LocalFileSystem):
            self.fs.makedirs(self.root, exist_ok=True)

    def _full(self, path: str) -> str:
        return f"{self.root}/{path}"

    def put(self, path: str, content: bytes, compress: bool = False) -> Stored:
        """Store ``content`` at ``path`` (gzip-compressed when asked), written whole or not at all."""
        digest = hashlib.sha256(content).hexdigest()
        body = gzip.compress(content, compresslevel=5, mtime=0) if compress else content
        full = self._full(path)
        parent = full.rsplit("/", 1)[0]
        self.fs.makedirs(parent, exist_ok=True)
        temporary = f"{full}.part"
        with self.fs.open(temporary, "wb") as out:
            out.write(body)
        self.fs.mv(temporary, full)
        return Stored(path, len(body), len(content), digest, "gz" if compress else None)

    def read(
        self, path: str, compression: str | None, start: int = 0, end: int | None = None
    ) -> Iterator[bytes]:
        """The uncompressed bytes ``[start, end)`` of a stored file, in chunks (memory stays flat)."""
        with self.fs.open(self._full(path), "rb") as raw:
            source = gzip.GzipFile(fileobj=raw) if compression == "gz" else raw
            if start:
                source.seek(start)
            remaining = None if end is None else end - start
            while remaining is None or remaining > 0:
                block = source.read(CHUNK if remaining is None else min(CHUNK, remaining))
                if not block:
                    break
                if remaining is not None:
                    remaining -= len(block)
                yield block

    def exists(self, path: str) -> bool:
        return bool(self.fs.exists(self._full(path)))
