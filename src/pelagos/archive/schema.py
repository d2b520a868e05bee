"""The archive index: one row per archive file, in the catalog database beside the devices it belongs to."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Float, ForeignKey, Index, Integer, String, Table

from pelagos.db import metadata

archive_files = Table(
    "archive_files",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("filename", String(255), nullable=False, unique=True),
    Column("device_id", Integer, ForeignKey("devices.id"), nullable=False),
    Column("product_code", String(32), nullable=False),  # dataProductCode, e.g. LF, AD, HSD
    Column("extension", String(16), nullable=False),
    Column("date_from", BigInteger, nullable=False),  # epoch ms, inclusive
    Column("date_to", BigInteger, nullable=False),  # epoch ms, exclusive
    Column("archived", BigInteger, nullable=False),  # when the file entered the archive
    Column("size", BigInteger, nullable=False),  # stored bytes
    Column("uncompressed_size", BigInteger, nullable=False),
    Column("compression", String(16), nullable=True),  # "gz" when stored compressed, else null
    Column("sha256", String(64), nullable=False),  # of the uncompressed content
    Column("coverage", Float, nullable=False, default=1.0),  # fraction of the file's period holding data
    Column("path", String(512), nullable=False),  # relative to the archive root
    Index("ix_archive_files_device_from", "device_id", "date_from"),
)
