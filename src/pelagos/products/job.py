"""The context a product generator works in, and the files it leaves behind.

A generator reads the order, the catalog and the stores, writes files into ``out_dir`` (or points at archive files
it serves unchanged), and calls ``progress`` between steps: that is where a cancelled or abandoned run stops.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import Engine

from pelagos.catalog.view import CatalogView
from pelagos.config import Settings
from pelagos.products.order import Order


class Cancelled(Exception):
    """The run was cancelled or taken over by another worker: stop and leave no result."""


class NoData(Exception):
    """The order's window holds nothing to make the product from."""


@dataclass(frozen=True)
class OutputFile:
    """One file of a product: generated into ``path``, or served from the archive as ``archive_name``."""

    name: str
    size: int
    path: Path | None = None
    archive_name: str | None = None


@dataclass
class Job:
    """One attempt at generating an order."""

    order: Order
    view: CatalogView
    engine: Engine
    settings: Settings
    out_dir: Path
    progress: Callable[[str], None] = lambda _message: None
    files: list[OutputFile] = field(default_factory=list)
    meta: OutputFile | None = None
    work: int = 0  # samples, lines or bytes processed, which estimates of later requests scale from

    def path(self, name: str) -> Path:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        return self.out_dir / name

    def add(self, name: str) -> None:
        """Record the file ``name`` just written into ``out_dir`` as the next numbered product file."""
        path = self.out_dir / name
        self.files.append(OutputFile(name, path.stat().st_size, path=path))

    def add_archived(self, name: str, size: int) -> None:
        """Record an archive file served unchanged as the next numbered product file."""
        self.files.append(OutputFile(name, size, archive_name=name))

    def set_meta(self, name: str) -> None:
        path = self.out_dir / name
        self.meta = OutputFile(name, path.stat().st_size, path=path)
