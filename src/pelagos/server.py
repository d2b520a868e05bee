"""Assemble a full server: the HTTP app plus the background services the settings ask for."""

from __future__ import annotations

from fastapi import FastAPI

from pelagos.api.app import Service, create_app
from pelagos.config import Settings
from pelagos.delivery.executor import start as start_delivery
from pelagos.series.compactor import start as start_compactor


def services_for(settings: Settings) -> list[Service]:
    """The background services to run with ``settings``: product executor, archiver, live demo feeds.

    Each room exposes ``start(state) -> stop``; they are imported here so the HTTP app stays free of them.
    """
    services: list[Service] = [start_compactor, start_delivery]
    if settings.archiver:
        from pelagos.archive.archiver import start as start_archiver

        services.append(start_archiver)
    if settings.live:
        from pelagos.ingest.live import start as start_live

        services.append(start_live)
    return services


def make_app(settings: Settings) -> FastAPI:
    return create_app(settings, services_for(settings))
