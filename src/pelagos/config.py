"""Server settings, read from the command line and ``PELAGOS_*`` environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Settings:
    """Where a pelagos server keeps its data and how it reaches its services.

    data_dir: the data folder (SQLite file, archive folder, product files).
    database_url: SQLAlchemy URL; default ``sqlite:///<data_dir>/pelagos.db``, or PostgreSQL via PELAGOS_DATABASE_URL.
    archive_url: fsspec URL of the archive store; default ``<data_dir>/archive`` (S3 via PELAGOS_ARCHIVE_URL).
    products_dir: where generated data product files are written.
    public_url: the base URL clients reach the server at, used in links; default: taken from each request.
    executor: "local" (in-process worker pool) or "celery" (PELAGOS_EXECUTOR).
    broker_url: the Celery broker (PELAGOS_BROKER_URL), e.g. redis://127.0.0.1:6379/0.
    archiver: whether the server makes daily archive files as data arrives (PELAGOS_ARCHIVER=0: no);
    archiver_check_s: how often it looks for new data, in seconds (PELAGOS_ARCHIVER_CHECK_S).
    """

    data_dir: Path
    database_url: str
    archive_url: str
    products_dir: Path
    public_url: str | None = None
    executor: str = "local"
    broker_url: str = "redis://127.0.0.1:6379/0"
    workers: int = 2
    live: bool = False
    archiver: bool = True
    archiver_check_s: float = 30.0

    @classmethod
    def from_env(cls, data_dir: str | Path | None = None, **overrides: object) -> Settings:
        folder = Path(data_dir or os.environ.get("PELAGOS_DATA_DIR", "pelagos-data")).resolve()
        values: dict[str, object] = {
            "data_dir": folder,
            "database_url": os.environ.get("PELAGOS_DATABASE_URL") or f"sqlite:///{folder / 'pelagos.db'}",
            "archive_url": os.environ.get("PELAGOS_ARCHIVE_URL") or str(folder / "archive"),
            "products_dir": Path(os.environ.get("PELAGOS_PRODUCTS_DIR") or folder / "products"),
            "public_url": os.environ.get("PELAGOS_PUBLIC_URL") or None,
            "executor": os.environ.get("PELAGOS_EXECUTOR", "local"),
            "broker_url": os.environ.get("PELAGOS_BROKER_URL", "redis://127.0.0.1:6379/0"),
            "workers": int(os.environ.get("PELAGOS_WORKERS", "2")),
            "archiver": os.environ.get("PELAGOS_ARCHIVER", "1").lower() not in ("0", "false", "no"),
            "archiver_check_s": float(os.environ.get("PELAGOS_ARCHIVER_CHECK_S", "30")),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        settings = cls(**values)  # type: ignore[arg-type]
        if settings.public_url and not settings.public_url.endswith("/"):
            settings.public_url += "/"
        return settings

    def safe_database_url(self) -> str:
        """The database URL with any password masked, for logs."""
        from sqlalchemy.engine import make_url

        return make_url(self.database_url).render_as_string(hide_password=True)
