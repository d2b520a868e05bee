"""Spans of stored data per device and kind, kept up to date by whoever stores data (ingest, archiver).

Availability flags (hasDeviceData, hasPropertyData) and no-data answers are computed from these spans, so they
always say what is really stored.
"""

from __future__ import annotations

from sqlalchemy import and_, delete, insert, select, update
from sqlalchemy.engine import Connection

from pelagos.catalog.schema import data_spans

#: Two stretches of data closer than this are recorded as one span.
MERGE_GAP_MS = 3_600_000

KINDS = ("scalar", "raw", "archive")


def record_span(conn: Connection, device_id: int, kind: str, date_from: int, date_to: int) -> None:
    """Record that data of ``kind`` is stored for ``device_id`` over ``[date_from, date_to]``, merging neighbours."""
    if kind not in KINDS:
        raise ValueError(f"unknown data kind {kind!r}")
    lo, hi = min(date_from, date_to), max(date_from, date_to)
    near = conn.execute(
        select(data_spans.c.id, data_spans.c.date_from, data_spans.c.date_to).where(
            and_(
                data_spans.c.device_id == device_id,
                data_spans.c.kind == kind,
                data_spans.c.date_from <= hi + MERGE_GAP_MS,
                data_spans.c.date_to >= lo - MERGE_GAP_MS,
            )
        )
    ).all()
    if not near:
        conn.execute(insert(data_spans).values(device_id=device_id, kind=kind, date_from=lo, date_to=hi))
        return
    keep = near[0]
    new_lo = min([lo] + [r.date_from for r in near])
    new_hi = max([hi] + [r.date_to for r in near])
    if (new_lo, new_hi) != (keep.date_from, keep.date_to):
        conn.execute(
            update(data_spans).where(data_spans.c.id == keep.id).values(date_from=new_lo, date_to=new_hi)
        )
    if len(near) > 1:
        conn.execute(delete(data_spans).where(data_spans.c.id.in_([r.id for r in near[1:]])))
