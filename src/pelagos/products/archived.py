"""Products that already exist as archive files (audio, spectrograms, images, instrument files): found in the
archive index and served from the archive store unchanged, so a request answers with their total size."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy.engine import Engine

from pelagos.archive import index
from pelagos.archive.store import ArchiveStore
from pelagos.catalog.selection import Segment
from pelagos.catalog.view import CatalogView
from pelagos.config import Settings
from pelagos.products.job import Job, NoData
from pelagos.products.order import Order


@dataclass(frozen=True)
class ArchivedFile:
    name: str
    size: int
    date_from: int


#: Archive file name suffixes of each archived product (code, extension); no entry means any name.
SUFFIXES: dict[tuple[str, str], tuple[str, ...]] = {
    ("HSD", "png"): ("-spect.png",),
    ("HSD", "mat"): ("-spect.mat",),
    ("SHV", "png"): ("-spect.png",),
}
#: Archived products kept in the index under another product code (SHV images are the HSD spectrograms).
INDEX_CODE = {"SHV": "HSD"}


def find(
    engine: Engine, view: CatalogView, order: Order, segments: list[Segment]
) -> list[ArchivedFile] | None:
    """The archive files that answer the order as they are, or None when the archive holds none."""
    code = INDEX_CODE.get(order.product_code, order.product_code)
    suffixes = SUFFIXES.get((order.product_code, order.extension))
    found: dict[str, ArchivedFile] = {}
    with engine.connect() as conn:
        for seg in segments:
            query = index.Query(
                [seg.device.id], seg.date_from, seg.date_to, None, None, order.extension, code
            )
            for f in index.find(conn, query):
                if suffixes is None or f.filename.endswith(suffixes):
                    found[f.filename] = ArchivedFile(f.filename, f.uncompressed_size, f.date_from)
    files = sorted(found.values(), key=lambda f: (f.date_from, f.name))
    return files or None


def generate(job: Job) -> None:
    """An archived product's "generation": list its archive files as the numbered product files."""
    segments = job.order.segments(job.view)
    files = find(job.engine, job.view, job.order, segments)
    if not files:
        raise NoData("no archive files in the window")
    for f in files:
        job.add_archived(f.name, f.size)
        job.work += f.size


def stream(settings: Settings, name: str) -> Iterator[bytes]:
    """The bytes of archive file ``name`` (uncompressed), in chunks."""
    from pelagos.db import make_engine

    engine = make_engine(settings.database_url)
    try:
        with engine.connect() as conn:
            found = index.lookup(conn, name)
    finally:
        engine.dispose()
    if found is None:
        raise FileNotFoundError(name)
    yield from ArchiveStore(settings.archive_url).read(found.path, found.compression)
