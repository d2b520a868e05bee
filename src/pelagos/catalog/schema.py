"""Catalog tables: the observatory's locations, devices, deployments, sensors, properties, product types,
users and tokens, and the spans of stored data that availability is computed from.

All times are integer milliseconds since the Unix epoch, UTC, so that SQLite and PostgreSQL compare them alike.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from pelagos.db import metadata

locations = Table(
    "locations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(64), nullable=False, unique=True),
    Column("name", String(256), nullable=False),
    Column("description", Text, nullable=False, default=""),
    Column("parent_id", Integer, ForeignKey("locations.id"), nullable=True),
    Column("lat", Float, nullable=True),
    Column("lon", Float, nullable=True),
    Column("depth", Float, nullable=True),
    Column("position", Integer, nullable=False, default=0),  # order among siblings
)

device_categories = Table(
    "device_categories",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(64), nullable=False, unique=True),
    Column("name", String(256), nullable=False),
    Column("description", Text, nullable=False, default=""),
    Column("long_description", Text, nullable=False, default=""),
    Column("cv_uri", String(512), nullable=True),
    Column("cv_vocabulary", String(256), nullable=True),
)

devices = Table(
    "devices",
    metadata,
    Column("id", Integer, primary_key=True),  # the public deviceId
    Column("code", String(128), nullable=False, unique=True),
    Column("name", String(256), nullable=False),
    Column("category_id", Integer, ForeignKey("device_categories.id"), nullable=False),
    Column("cv_uri", String(512), nullable=True),
    Column("cv_vocabulary", String(256), nullable=True),
    Column("raw_format", String(64), nullable=True),  # parser name for raw lines, e.g. "sbe16-xml"
)

data_ratings = Table(
    "data_ratings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("device_id", Integer, ForeignKey("devices.id"), nullable=False, index=True),
    Column("date_from", BigInteger, nullable=False),
    Column("date_to", BigInteger, nullable=True),
    Column("sample_period", Float, nullable=False),  # seconds
    Column("sample_size", Integer, nullable=False),
)

deployments = Table(
    "deployments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("device_id", Integer, ForeignKey("devices.id"), nullable=False, index=True),
    Column("location_id", Integer, ForeignKey("locations.id"), nullable=False, index=True),
    Column("begin", BigInteger, nullable=False),
    Column("end", BigInteger, nullable=True),  # null while ongoing
    Column("depth", Float, nullable=True),
    Column("lat", Float, nullable=True),
    Column("lon", Float, nullable=True),
    Column("heading", Float, nullable=True),
    Column("pitch", Float, nullable=True),
    Column("roll", Float, nullable=True),
    Column("doi", String(128), nullable=True),
    Column("citation", Text, nullable=True),
)

properties = Table(
    "properties",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(64), nullable=False, unique=True),
    Column("name", String(256), nullable=False),
    Column("description", Text, nullable=False, default=""),
    Column("uom", String(64), nullable=False, default=""),
    Column("cv_property", JSON, nullable=False, default=list),  # [{"uri","vocabulary"}]
    Column("cv_uom", JSON, nullable=False, default=list),
)

sensors = Table(
    "sensors",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("device_id", Integer, ForeignKey("devices.id"), nullable=False, index=True),
    Column("code", String(128), nullable=False),  # sensorCode
    Column("name", String(256), nullable=False),  # sensorName
    Column("category_code", String(128), nullable=False),  # sensorCategoryCode
    Column("property_id", Integer, ForeignKey("properties.id"), nullable=False),
    Column("uom", String(64), nullable=False),
    Column("position", Integer, nullable=False, default=0),
    Column("derived", String(64), nullable=True),  # name of the derivation (gsw) or null for measured
    Column("resolution", Float, nullable=True),  # quantum the values are stored to
    Column("qc", JSON, nullable=True),  # QARTOD limits: {"gross_range": [lo, hi], "spike": ..., ...}
    UniqueConstraint("device_id", "code"),
)

product_types = Table(
    "product_types",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(32), nullable=False),
    Column("extension", String(16), nullable=False),
    Column("name", String(256), nullable=False),
    Column("help_document", String(512), nullable=False, default=""),
    Column("source", String(16), nullable=False),  # "scalar" | "raw" | "archive" | "audio"
    Column("options", JSON, nullable=False, default=list),  # dataProductOptions, in order
    Column("categories", JSON, nullable=False, default=list),  # device category codes it applies to
    Column("position", Integer, nullable=False, default=0),
    UniqueConstraint("code", "extension"),
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(128), nullable=False, unique=True),
    Column("created", BigInteger, nullable=False),
    Column("operator", Boolean, nullable=False, default=False),  # may ingest data
)

tokens = Table(
    "tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False, index=True),
    Column("token_hash", String(64), nullable=False, unique=True),  # sha256 hex of the token
    Column("prefix", String(8), nullable=False),  # first characters, to tell tokens apart in listings
    Column("created", BigInteger, nullable=False),
    Column("revoked", BigInteger, nullable=True),
)

data_spans = Table(
    "data_spans",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("device_id", Integer, ForeignKey("devices.id"), nullable=False),
    Column("kind", String(16), nullable=False),  # "scalar" | "raw" | "archive"
    Column("date_from", BigInteger, nullable=False),
    Column("date_to", BigInteger, nullable=False),
    Index("ix_data_spans_device_kind", "device_id", "kind", "date_from"),
)
