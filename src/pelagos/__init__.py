"""pelagos: an open Oceans 3.0 server and a drop-in, faster client for ocean observatory data."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = ["ONC", "AsyncONC", "MaxRetriesException", "ApiError", "__version__"]


def __getattr__(name: str) -> Any:
    # The client is imported on first use so that the server never pays for it.
    if name in ("ONC", "AsyncONC", "MaxRetriesException", "ApiError"):
        from pelagos import client

        return getattr(client, name)
    raise AttributeError(name)
