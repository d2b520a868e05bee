"""The archiver: makes archive files from stored data and indexes them, as data arrives, on demand and for the demo.

File names follow ONC's pattern ``DEVICECODE_YYYYMMDDTHHMMSS.sssZ[-suffix].ext`` (the official client reads the
time back out of them). Every complete UTC day of a device gets a daily text file of its scalar readings
(``.txt``) and a daily log of its raw lines (``.log``); the demo also gets its instruments' own files (hydrophone
audio and spectrograms, camera stills and clips, ADCP and BPR binaries) over the windows the contract names.
"""

from __future__ import annotations

import logging
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from pelagos.archive import index, makers
from pelagos.archive.store import ArchiveStore
from pelagos.catalog.schema import data_spans
from pelagos.catalog.view import CatalogCache, CatalogView, Device
from pelagos.config import Settings
from pelagos.series.store import RawStore, SampleStore
from pelagos.timeutil import format_compact, format_ms, now_ms

log = logging.getLogger("pelagos.archive")

DAY_MS = 86_400_000
#: The scheduled archiver looks this far back for completed days without their daily file.
RECENT_DAYS = 7
#: Seconds between scheduled passes when no new data arrives (a day may complete with nothing arriving).
PERIOD_S = 600.0
#: A backdated file is dated as archived this long after its period ends (the demo's files, made in one go).
ARCHIVE_DELAY_MS = 15 * 60_000
#: Daily files by the kind of stored data they are made from: extension and product code.
DAILY = {"scalar": ("txt", "LF"), "raw": ("log", "LF")}
#: More raw lines than a day can hold at 1 kHz: a daily log reads the whole day.
MAX_LINES_PER_DAY = 100_000_000


def file_name(device_code: str, start_ms: int, extension: str, suffix: str = "") -> str:
    """ONC's archive file name: ``DEVICECODE_YYYYMMDDTHHMMSS.sssZ[suffix].ext``."""
    return f"{device_code}_{format_compact(start_ms)}{suffix}.{extension}"


@dataclass
class Archiver:
    """Writes files to the archive store and the index, never the same name twice.

    ``backdated`` dates each file as archived shortly after its period ends instead of now, for archives made
    after the fact in one go (the demo), so that ``dateArchivedFrom``/``To`` queries behave as on a live archive.
    """

    engine: Engine
    store: ArchiveStore
    catalog: CatalogCache
    backdated: bool = False

    @classmethod
    def for_settings(cls, settings: Settings, engine: Engine, backdated: bool = False) -> Archiver:
        return cls(engine, ArchiveStore(settings.archive_url), CatalogCache(engine), backdated)

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
        archived = date_to + ARCHIVE_DELAY_MS if self.backdated else None
        with self.engine.begin() as conn:
            index.register(
                conn, device.id, name, product_code, date_from, date_to, stored, coverage, archived
            )
        return True

    # -- daily files of scalar readings and raw lines --------------------------------------------------------

    def daily(self, view: CatalogView, device: Device, day: int, kind: str) -> bool:
        """Make ``device``'s daily file of ``kind`` data (see DAILY) for the UTC day starting at ``day``.

        False when the file exists already or the day holds no such data.
        """
        extension, product = DAILY[kind]
        name = file_name(device.code, day, extension)
        with self.engine.connect() as conn:
            if index.exists(conn, name):
                return False
        end = day + DAY_MS
        if kind == "raw":
            lines = RawStore(self.engine).read(device.id, day, end, MAX_LINES_PER_DAY)
            content, coverage = makers.raw_log(lines, day, end)
        else:
            deps = [d for d in view.deployments_by_device.get(device.id, []) if d.overlaps(day, end)]
            location = deps[0].location.code if deps else ""
            content, coverage = makers.scalar_text(SampleStore(self.engine), device, location, day, end)
        if not content:
            return False
        return self.add(device, name, product, day, end, content, compress=True, coverage=coverage)

    def build(
        self, device_code: str | None = None, date_from: int | None = None, date_to: int | None = None
    ) -> int:
        """Make the missing daily files (scalar text, raw log) of every complete day with data, optionally of
        one device and within ``[date_from, date_to)``; returns how many were made."""
        view = self.catalog.get()
        today = now_ms() // DAY_MS * DAY_MS
        lo = date_from if date_from is not None else 0
        hi = min(date_to if date_to is not None else today, today)
        with self.engine.connect() as conn:
            spans = conn.execute(
                select(
                    data_spans.c.device_id, data_spans.c.kind, data_spans.c.date_from, data_spans.c.date_to
                ).where(data_spans.c.kind.in_(list(DAILY)))
            ).all()
        made = 0
        for device_id, kind, span_from, span_to in spans:
            device = view.device_by_id.get(device_id)
            if device is None or (device_code is not None and device.code != device_code):
                continue
            first = max(span_from, lo) // DAY_MS * DAY_MS
            day = first
            while day < min(span_to + 1, hi) and day + DAY_MS <= hi:
                made += self.daily(view, device, day, kind)
                day += DAY_MS
        return made


def data_fingerprint(engine: Engine) -> tuple[int, int]:
    """A value that changes whenever data arrives anywhere: the count and total end time of the data spans."""
    with engine.connect() as conn:
        count, total = conn.execute(select(func.count(), func.sum(data_spans.c.date_to))).one()
    return int(count), int(total or 0)


def start(state: object) -> Callable[[], None]:
    """The archiver as a server service: a pass over the recent complete days whenever new data has arrived
    (checked every ``archiver_check_s`` seconds, so data from whatever process lands in the archive) and at
    least every PERIOD_S seconds (a day completes at midnight whether data arrives or not)."""
    from pelagos.api.deps import ServerState

    assert isinstance(state, ServerState)
    archiver = Archiver(state.engine, ArchiveStore(state.settings.archive_url), state.catalog)
    check_s = state.settings.archiver_check_s
    stopping = threading.Event()

    def loop() -> None:
        seen: tuple[int, int] | None = None
        last_pass = 0.0
        while not stopping.wait(check_s):
            try:
                current = data_fingerprint(state.engine)
                if current == seen and time.monotonic() - last_pass < PERIOD_S:
                    continue
                made = archiver.build(date_from=now_ms() - RECENT_DAYS * DAY_MS)
                seen, last_pass = current, time.monotonic()
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
