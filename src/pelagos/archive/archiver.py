"""The archiver: makes archive files from stored data and indexes them, on schedule, on demand and for the demo.

File names follow ONC's pattern ``DEVICECODE_YYYYMMDDTHHMMSS.sssZ[-suffix].ext`` (the official client reads the
time back out of them). Daily text files of scalar readings are made for every device with samples; the demo
also gets its instruments' own files (hydrophone audio and spectrograms, camera stills and clips, ADCP and BPR
binaries) over the windows the contract names.
"""

from __future__ import annotations

import logging
import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Engine

from pelagos.archive import index, makers
from pelagos.archive.store import ArchiveStore
from pelagos.catalog.schema import data_spans
from pelagos.catalog.view import CatalogCache, CatalogView, Device
from pelagos.config import Settings
from pelagos.series.store import SampleStore
from pelagos.timeutil import format_compact, format_ms, now_ms

log = logging.getLogger("pelagos.archive")

DAY_MS = 86_400_000
#: The scheduled archiver looks this far back for completed days without their daily file.
RECENT_DAYS = 7
#: Seconds between scheduled passes.
PERIOD_S = 600.0


def file_name(device_code: str, start_ms: int, extension: str, suffix: str = "") -> str:
    """ONC's archive file name: ``DEVICECODE_YYYYMMDDTHHMMSS.sssZ[suffix].ext``."""
    return f"{device_code}_{format_compact(start_ms)}{suffix}.{extension}"


@dataclass
class Archiver:
    """Writes files to the archive store and the index, never the same name twice."""

    engine: Engine
    store: ArchiveStore
    catalog: CatalogCache

    @classmethod
    def for_settings(cls, settings: Settings, engine: Engine) -> Archiver:
        return cls(engine, ArchiveStore(settings.archive_url), CatalogCache(engine))

    def add(
        self,
        device: Device,
        name: str,
        product_code: str,
        date_from: int,
        date_to: int,
        content: bytes,
        compress: bool = False,
        coverage: float = 1.0,
    ) -> bool:
        """Store and index one file; False (and nothing written) when the name is already archived."""
        with self.engine.connect() as conn:
            if index.exists(conn, name):
                return False
        path = f"{device.code}/{format_ms(date_from)[:4]}/{name}"
        stored = self.store.put(path, content, compress=compress)
        with self.engine.begin() as conn:
            index.register(conn, device.id, name, product_code, date_from, date_to, stored, coverage)
        return True

    # -- daily text files of scalar readings -----------------------------------------------------------------

    def daily_text(self, view: CatalogView, device: Device, day: int) -> bool:
        """Make ``device``'s daily text file for the UTC day starting at ``day`` (False: exists or no data)."""
        name = file_name(device.code, day, "txt")
        with self.engine.connect() as conn:
            if index.exists(conn, name):
                return False
        deps = [d for d in view.deployments_by_device.get(device.id, []) if d.overlaps(day, day + DAY_MS)]
        location = deps[0].location.code if deps else ""
        content, coverage = makers.scalar_text(SampleStore(self.engine), device, location, day, day + DAY_MS)
        if not content:
            return False
        return self.add(device, name, "LF", day, day + DAY_MS, content, compress=True, coverage=coverage)

    def build(
        self, device_code: str | None = None, date_from: int | None = None, date_to: int | None = None
    ) -> int:
        """Make the missing daily text files of every complete day with samples (of one device, in a window)."""
        view = self.catalog.get()
        today = now_ms() // DAY_MS * DAY_MS
        lo = date_from if date_from is not None else 0
        hi = min(date_to if date_to is not None else today, today)
        with self.engine.connect() as conn:
            spans = conn.execute(
                select(data_spans.c.device_id, data_spans.c.date_from, data_spans.c.date_to).where(
                    data_spans.c.kind == "scalar"
                )
            ).all()
        made = 0
        for device_id, span_from, span_to in spans:
            device = view.device_by_id.get(device_id)
            if device is None or (device_code is not None and device.code != device_code):
                continue
            first = max(span_from, lo) // DAY_MS * DAY_MS
            day = first
            while day < min(span_to + 1, hi) and day + DAY_MS <= hi:
                made += self.daily_text(view, device, day)
                day += DAY_MS
        return made


def start(state: object) -> Callable[[], None]:
    """The scheduled archiver: every few minutes, daily files for the recent complete days (server service)."""
    from pelagos.api.deps import ServerState

    assert isinstance(state, ServerState)
    archiver = Archiver(state.engine, ArchiveStore(state.settings.archive_url), state.catalog)
    stopping = threading.Event()

    def loop() -> None:
        while not stopping.wait(PERIOD_S):
            try:
                made = archiver.build(date_from=now_ms() - RECENT_DAYS * DAY_MS)
                if made:
                    log.info("archived %d daily file(s)", made)
            except Exception:  # a failed pass is retried on the next one
                log.exception("archiver pass failed")

    thread = threading.Thread(target=loop, name="pelagos-archiver", daemon=True)
    thread.start()

    def stop() -> None:
        stopping.set()
        thread.join(timeout=5)

    return stop


def seed_of(*parts: object) -> int:
    return zlib.crc32("/".join(map(str, parts)).encode())
