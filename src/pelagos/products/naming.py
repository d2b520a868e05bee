"""Data product file names the way ONC forms them (contract §4.6).

``<Parent><Location>_<DeviceCategoryName>_<from>_<to>-<clean|raw>[_<suffix>][_<n>].<ext>`` for requests by
location, ``<deviceCode>_<from>_<to>-...`` for requests by device, with times as ``YYYYMMDDTHHMMSSZ``; the
metadata file is ``<stem>_<EXT>_META.xml``. Names are made of words with spaces and punctuation dropped, e.g.
``StraitofGeorgiaEast_StraitofGeorgiaEastVENUSInstrumentPlatform_ConductivityTemperatureDepth_...``.
"""

from __future__ import annotations

import re

from pelagos.catalog.selection import Segment
from pelagos.catalog.view import CatalogView
from pelagos.products.order import Order
from pelagos.timeutil import format_ms

_NOT_WORD = re.compile(r"[^A-Za-z0-9]+")


def squash(name: str) -> str:
    """``"Strait of Georgia East"`` -> ``"StraitofGeorgiaEast"``."""
    return _NOT_WORD.sub("", name)


def compact(ms: int) -> str:
    """Epoch ms as ``YYYYMMDDTHHMMSSZ``."""
    return format_ms(ms)[:19].replace("-", "").replace(":", "") + "Z"


def origin(view: CatalogView, order: Order, segment: Segment) -> str:
    """The first part of a name: the location path and device category, or the device code."""
    if order.device_code is not None:
        return segment.device.code
    loc = segment.deployment.location
    parent = view.location_by_id.get(loc.parent_id) if loc.parent_id is not None else None
    parts = [parent.name] if parent is not None and parent.parent_id is not None else []
    parts += [loc.name, segment.device.category.name]
    return "_".join(squash(p) for p in parts)


def stem(view: CatalogView, order: Order, segment: Segment, first: int, last: int, suffix: str = "") -> str:
    """The name of a product file without its number and extension."""
    quality = "clean" if order.clean else "raw"
    tail = f"_{suffix}" if suffix else ""
    return f"{origin(view, order, segment)}_{compact(first)}_{compact(last)}-{quality}{tail}"


def meta_name(first_stem: str, extension: str) -> str:
    return f"{first_stem}_{extension.upper()}_META.xml"


class Names:
    """Hands out file names, numbering repeats of a stem ``_2``, ``_3``... as ONC does."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def take(self, stem: str, extension: str) -> str:
        count = self._seen.get(stem, 0) + 1
        self._seen[stem] = count
        return f"{stem}.{extension}" if count == 1 else f"{stem}_{count}.{extension}"
