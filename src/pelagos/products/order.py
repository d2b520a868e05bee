"""What a data product request asks for, once checked: the product, the data origin, the window and options.

An Order is stored with the request (as JSON) and handed to the generator when the run starts, so a run never
depends on the HTTP request that created it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pelagos.catalog import selection
from pelagos.catalog.discovery import product_applies
from pelagos.catalog.view import CatalogView, ProductType


@dataclass(frozen=True)
class Order:
    """A checked data product order; ``options`` holds every option of the product, defaults filled in."""

    product_code: str
    extension: str
    date_from: int
    date_to: int
    location_code: str | None = None
    category_code: str | None = None
    device_code: str | None = None
    property_codes: tuple[str, ...] | None = None
    options: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "dataProductCode": self.product_code,
            "extension": self.extension,
            "dateFrom": self.date_from,
            "dateTo": self.date_to,
            "locationCode": self.location_code,
            "deviceCategoryCode": self.category_code,
            "deviceCode": self.device_code,
            "propertyCode": list(self.property_codes) if self.property_codes is not None else None,
            "options": dict(self.options),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Order:
        props = data.get("propertyCode")
        return cls(
            product_code=data["dataProductCode"],
            extension=data["extension"],
            date_from=int(data["dateFrom"]),
            date_to=int(data["dateTo"]),
            location_code=data.get("locationCode"),
            category_code=data.get("deviceCategoryCode"),
            device_code=data.get("deviceCode"),
            property_codes=tuple(props) if props is not None else None,
            options=dict(data.get("options") or {}),
        )

    def option(self, name: str, default: str = "") -> str:
        return self.options.get(name, default)

    def flag(self, name: str, default: bool = False) -> bool:
        """A 0/1 option as a boolean."""
        return self.options.get(name, "1" if default else "0") == "1"

    @property
    def clean(self) -> bool:
        """Whether samples flagged probably bad or bad are blanked (dpo_qualityControl=1, the default)."""
        return self.flag("dpo_qualityControl", default=True)

    def product(self, view: CatalogView) -> ProductType:
        return next(p for p in view.products if p.code == self.product_code and p.extension == self.extension)

    def segments(self, view: CatalogView) -> list[selection.Segment]:
        """The deployment segments the order covers, restricted to devices the product applies to."""
        if self.device_code is not None:
            found = selection.by_device(view, self.device_code, self.date_from, self.date_to)
        else:
            assert self.location_code is not None and self.category_code is not None
            found = selection.by_location(
                view, self.location_code, self.category_code, self.date_from, self.date_to
            )
        product = self.product(view)
        return [seg for seg in found if product_applies(product, seg.device)]
