"""Which device was where, when: resolving a data request (by location and category, or by device) into the
deployment segments whose data answers it. Real-time services, the archive and data products all start here."""

from __future__ import annotations

from dataclasses import dataclass

from pelagos.catalog.view import CatalogView, Deployment, Device, Sensor


@dataclass(frozen=True)
class Segment:
    """Part of a request window covered by one deployment: ``[date_from, date_to)``, None = open."""

    deployment: Deployment
    date_from: int | None
    date_to: int | None

    @property
    def device(self) -> Device:
        return self.deployment.device


def _clip(dep: Deployment, date_from: int | None, date_to: int | None) -> Segment | None:
    lo = dep.begin if date_from is None else max(dep.begin, date_from)
    hi = dep.end if date_to is None else (date_to if dep.end is None else min(dep.end, date_to))
    if hi is not None and lo >= hi:
        return None
    return Segment(dep, lo, hi)


def by_location(
    view: CatalogView, location_code: str, category_code: str, date_from: int | None, date_to: int | None
) -> list[Segment]:
    """Segments of the deployments of ``category_code`` devices directly at ``location_code``, in time order."""
    loc = view.locations[location_code]
    segments = []
    for dep in view.deployments_by_location.get(loc.id, []):
        if dep.device.category.code != category_code:
            continue
        seg = _clip(dep, date_from, date_to)
        if seg is not None:
            segments.append(seg)
    return sorted(segments, key=lambda s: (s.date_from or 0, s.deployment.id))


def by_device(
    view: CatalogView, device_code: str, date_from: int | None, date_to: int | None
) -> list[Segment]:
    """Segments of ``device_code``'s deployments within the window, in time order."""
    dev = view.devices[device_code]
    segments = []
    for dep in view.deployments_by_device.get(dev.id, []):
        seg = _clip(dep, date_from, date_to)
        if seg is not None:
            segments.append(seg)
    return sorted(segments, key=lambda s: (s.date_from or 0, s.deployment.id))


def sensors_of(segments: list[Segment]) -> list[Sensor]:
    """The distinct sensors of the segments' devices, in device then catalog order."""
    seen: dict[int, Sensor] = {}
    for seg in segments:
        for sensor in seg.device.sensors:
            seen.setdefault(sensor.id, sensor)
    return list(seen.values())
