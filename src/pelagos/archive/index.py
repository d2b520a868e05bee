"""Queries on the archive index: register a file (and its data span), find files, look one up by name."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import and_, insert, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from pelagos.archive.schema import archive_files
from pelagos.archive.store import Stored
from pelagos.catalog.schema import devices
from pelagos.catalog.spans import record_span
from pelagos.timeutil import now_ms


@dataclass(frozen=True)
class ArchiveFile:
    """One indexed archive file."""

    filename: str
    device_code: str
    product_code: str
    extension: str
    date_from: int
    date_to: int
    archived: int
    size: int
    uncompressed_size: int
    compression: str | None
    sha256: str
    coverage: float
    path: str


_COLUMNS = (
    archive_files.c.filename,
    devices.c.code,
    archive_files.c.product_code,
    archive_files.c.extension,
    archive_files.c.date_from,
    archive_files.c.date_to,
    archive_files.c.archived,
    archive_files.c.size,
    archive_files.c.uncompressed_size,
    archive_files.c.compression,
    archive_files.c.sha256,
    archive_files.c.coverage,
    archive_files.c.path,
)


def register(
    conn: Connection,
    device_id: int,
    filename: str,
    product_code: str,
    date_from: int,
    date_to: int,
    stored: Stored,
    coverage: float = 1.0,
    archived: int | None = None,
) -> None:
    """Index a stored file and record the device's archive span, in the caller's transaction."""
    conn.execute(
        insert(archive_files).values(
            filename=filename,
            device_id=device_id,
            product_code=product_code,
            extension=filename.rsplit(".", 1)[-1],
            date_from=date_from,
            date_to=date_to,
            archived=archived if archived is not None else now_ms(),
            size=stored.size,
            uncompressed_size=stored.uncompressed_size,
            compression=stored.compression,
            sha256=stored.sha256,
            coverage=coverage,
            path=stored.path,
        )
    )
    record_span(conn, device_id, "archive", date_from, max(date_from, date_to - 1))


def exists(conn: Connection, filename: str) -> bool:
    return (
        conn.execute(select(archive_files.c.id).where(archive_files.c.filename == filename)).first()
        is not None
    )


def lookup(conn: Connection, filename: str) -> ArchiveFile | None:
    row = conn.execute(
        select(*_COLUMNS)
        .join(devices, devices.c.id == archive_files.c.device_id)
        .where(archive_files.c.filename == filename)
    ).first()
    return ArchiveFile(*tuple(row)) if row else None


@dataclass(frozen=True)
class Query:
    """What a listing asks for; windows are ``[from, to)`` in epoch ms, None = open."""

    device_ids: Sequence[int]
    date_from: int | None = None
    date_to: int | None = None
    archived_from: int | None = None
    archived_to: int | None = None
    extension: str | None = None
    product_code: str | None = None


def find(
    conn: Connection, q: Query, limit: int | None = None, offset: int = 0, newest: bool = False
) -> list[ArchiveFile]:
    """Files of the devices overlapping the window, by start time (newest first with ``newest``)."""
    c = archive_files.c
    where: list[ColumnElement[bool]] = [c.device_id.in_(list(q.device_ids))]
    if q.date_from is not None:
        where.append(or_(c.date_from >= q.date_from, c.date_to > q.date_from))
    if q.date_to is not None:
        where.append(c.date_from < q.date_to)
    if q.archived_from is not None:
        where.append(c.archived >= q.archived_from)
    if q.archived_to is not None:
        where.append(c.archived < q.archived_to)
    if q.extension is not None:
        where.append(c.extension == q.extension)
    if q.product_code is not None:
        where.append(c.product_code == q.product_code)
    order = (c.date_from.desc(), c.filename.desc()) if newest else (c.date_from, c.filename)
    query = select(*_COLUMNS).join(devices, devices.c.id == c.device_id).where(and_(*where)).order_by(*order)
    if limit is not None:
        query = query.limit(limit).offset(offset)
    return [ArchiveFile(*tuple(row)) for row in conn.execute(query)]
