"""What :class:`~pelagos.client.ONC` and :class:`~pelagos.client.AsyncONC` share: settings and the calls without IO.

The attributes are the official client's (``token``, ``showInfo``, ``showWarning``, ``timeout``, ``production``,
``baseUrl``, ``outPath``) and are read at every call, so changing one on a live client takes effect at once.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

from dateutil import parser

from pelagos.client.retry import RetryPolicy
from pelagos.client.settings import PRODUCTION_URL, QA_URL, resolve_token, resolve_url

#: The official client's service objects (``onc.discovery``, ``onc.delivery``, ...) and the methods each has.
SERVICE_FAMILIES = {
    "discovery": (
        "getLocations", "getLocationHierarchy", "getLocationsTree", "getDeployments", "getDevices",
        "getDeviceCategories", "getProperties", "getDataProducts", "getDataAvailability",
    ),
    "delivery": (
        "orderDataProduct", "requestDataProduct", "checkDataProduct", "runDataProduct", "cancelDataProduct",
        "restartDataProduct", "downloadDataProduct",
    ),
    "realTime": (
        "getScalardataByLocation", "getScalardataByDevice", "getScalardata", "getRawdataByLocation",
        "getRawdataByDevice", "getRawdata", "getSensorCategoryCodes",
    ),
    "archive": (
        "getArchivefileByLocation", "getArchivefileByDevice", "getArchivefile", "getArchivefileUrls",
        "getArchivefileUrl", "downloadArchivefile", "downloadDirectArchivefile",
    ),
}  # fmt: skip


class ServiceFamily:
    """One of the official client's service objects: ``onc.realTime.getScalardata(...)`` is the client's own
    method, so code written against those objects keeps working."""

    def __init__(self, client: ClientBase, methods: tuple[str, ...]) -> None:
        self._client = client
        self._methods = methods

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name not in self._methods:
            raise AttributeError(name)
        return getattr(self._client, name)

    def __dir__(self) -> list[str]:
        return sorted({*super().__dir__(), *self._methods})


class DeliveryFamily(ServiceFamily):
    """``onc.delivery``, which also holds the official client's ``pollPeriod`` (here the client's own)."""

    @property
    def pollPeriod(self) -> float:
        """Seconds between polls of a data product (the official ``onc.delivery.pollPeriod``)."""
        return self._client.pollPeriod

    @pollPeriod.setter
    def pollPeriod(self, seconds: float) -> None:
        self._client.pollPeriod = seconds


class ClientBase:
    """Settings of a client; see :class:`~pelagos.client.ONC` for the arguments."""

    def __init__(
        self,
        token: str | None = None,
        production: bool = True,
        showInfo: bool = False,
        showWarning: bool = True,
        outPath: str | Path = "output",
        timeout: int = 60,
        baseUrl: str | None = None,
        *,
        retries: int | RetryPolicy = 5,
        concurrency: int = 8,
        progress: bool = True,
    ) -> None:
        token = resolve_token(token)
        if not token:
            raise ValueError(
                "ONC API token is required. Please provide it as the first argument, "
                "or set it as the environment variable 'ONC_TOKEN'."
            )
        self.token = re.sub(r"[^a-zA-Z0-9\-]+", "", token)
        self.showInfo = showInfo
        self.showWarning = showWarning
        self.timeout = timeout
        self.production = production
        server = resolve_url(baseUrl)
        if server:
            self.baseUrl = server
        self.outPath = outPath
        self.retry = retries if isinstance(retries, RetryPolicy) else RetryPolicy(retries=retries)
        self.concurrency = max(1, concurrency)
        self.progress = progress
        #: Seconds between polls of a data product, at most (the official default; set from the estimate).
        self.pollPeriod = 2.0
        self.discovery = ServiceFamily(self, SERVICE_FAMILIES["discovery"])
        self.delivery = DeliveryFamily(self, SERVICE_FAMILIES["delivery"])
        self.realTime = ServiceFamily(self, SERVICE_FAMILIES["realTime"])
        self.archive = ServiceFamily(self, SERVICE_FAMILIES["archive"])

    @property
    def outPath(self) -> Path:
        """The folder downloads are written to (created on the first download)."""
        return self._out_path

    @outPath.setter
    def outPath(self, outPath: str | Path) -> None:
        self._out_path = Path(outPath).resolve()

    @property
    def production(self) -> bool:
        """True for ONC's production service, False for its QA service (sets ``baseUrl``)."""
        return self._production

    @production.setter
    def production(self, is_production: bool) -> None:
        self._production = is_production
        self.baseUrl = PRODUCTION_URL if is_production else QA_URL

    @property
    def baseUrl(self) -> str:
        """The service every call goes to, ending with ``/``."""
        return self._base_url

    @baseUrl.setter
    def baseUrl(self, url: str) -> None:
        self._base_url = url if url.endswith("/") else url + "/"

    def print(self, obj: Any, filename: str = "") -> None:
        """Print ``obj`` as indented JSON, or write it to ``outPath/filename`` (extension .json)."""
        text = json.dumps(obj, indent=4)
        if filename == "":
            print(text)
            return
        path = (self._out_path / filename).with_suffix(".json")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)

    def formatUtc(self, dateString: str = "now") -> str:
        """A date as ONC's ISO 8601 form (``2019-11-23T00:00:00.000Z``), as the official client renders it."""
        if dateString == "now":
            now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
            return now.replace(microsecond=0).isoformat() + ".000Z"
        return parser.parse(dateString).replace(microsecond=0).isoformat() + ".000Z"

    def getArchivefileUrl(self, filename: str = "") -> str:
        """The URL that downloads archive file ``filename`` with this token (for download managers)."""
        return f"{self.baseUrl}api/archivefile/download?filename={filename}&token={self.token}"
