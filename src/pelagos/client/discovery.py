"""Discovery services: locations, deployments, devices, device categories, properties, data products, availability."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pelagos.client.base import ClientBase
from pelagos.client.effects import Op
from pelagos.client.service import get_json, stamp_token

SERVICES = (
    "locations",
    "locations/tree",
    "deployments",
    "devices",
    "deviceCategories",
    "properties",
    "dataProducts",
    "dataAvailability/dataproducts",
)


def discover(cfg: ClientBase, service: str, filters: Mapping[str, Any] | None) -> Op[Any]:
    """Call a discovery service; booleans sent as "true"/"false" strings become booleans.

    Non-empty ``filters`` get the token written into them, as the official client does.
    """
    if filters:
        stamp_token(cfg, filters)
    result = yield from get_json(cfg, service, filters)
    sanitize_booleans(result)
    return result


def sanitize_booleans(rows: Any) -> None:
    """Turn string ``hasDeviceData``/``hasPropertyData`` into booleans, through ``children`` (judged on row 0)."""
    if not isinstance(rows, list) or not rows or not isinstance(rows[0], dict):
        return
    fix = [
        key
        for key in ("hasDeviceData", "hasPropertyData")
        if key in rows[0] and not isinstance(rows[0][key], bool)
    ]
    if not fix:
        return
    for row in rows:
        for key in fix:
            row[key] = row[key] == "true"
        if "children" in row:
            sanitize_booleans(row["children"])
