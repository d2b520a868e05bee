"""``ONC``: the official ``onc`` 2.6.0 client's interface over pelagos' faster and sturdier machinery."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from pelagos.client import archive, delivery, discovery, realtime
from pelagos.client.base import ClientBase
from pelagos.client.effects import Op, Runner, T
from pelagos.client.retry import RetryPolicy
from pelagos.client.transport import Transport

if TYPE_CHECKING:
    import pandas as pd

Filters = dict[str, Any]


class ONC(ClientBase):
    """A client of the Oceans 3.0 API, call-compatible with the official ``onc.ONC``.

    ``ONC(token)`` talks to ONC's production service (``production=False``: QA); ``baseUrl=``, the
    ``PELAGOS_URL`` environment variable or the config file's ``url`` point it at a pelagos server. The token
    falls back to ``ONC_TOKEN``, then the config file. Keyword-only extras: ``retries`` (count or
    :class:`~pelagos.client.retry.RetryPolicy`), ``concurrency`` (parallel requests for allPages and
    downloads; 1 behaves like the official client) and ``progress`` (False: no progress bars).
    """

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
        super().__init__(
            token,
            production,
            showInfo,
            showWarning,
            outPath,
            timeout,
            baseUrl,
            retries=retries,
            concurrency=concurrency,
            progress=progress,
        )
        self._transport = Transport(self.retry, timeout, connections=2 * self.concurrency)
        self._runner = Runner(self._transport)

    def _run(self, op: Op[T]) -> T:
        return self._runner.run(op)

    def close(self) -> None:
        """Close the pooled connections."""
        self._transport.close()

    def __enter__(self) -> ONC:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    # Discovery
    def getLocations(self, filters: Filters | None = None) -> Any:
        """Locations matching the filters (``locations`` service)."""
        return self._run(discovery.discover(self, "locations", filters))

    def getLocationsTree(self, filters: Filters | None = None) -> Any:
        """The location tree under the matching locations (``locations/tree``)."""
        return self._run(discovery.discover(self, "locations/tree", filters))

    getLocationHierarchy = getLocationsTree

    def getDeployments(self, filters: Filters | None = None) -> Any:
        """Deployments of devices at locations matching the filters."""
        return self._run(discovery.discover(self, "deployments", filters))

    def getDevices(self, filters: Filters | None = None) -> Any:
        """Devices matching the filters."""
        return self._run(discovery.discover(self, "devices", filters))

    def getDeviceCategories(self, filters: Filters | None = None) -> Any:
        """Device categories matching the filters."""
        return self._run(discovery.discover(self, "deviceCategories", filters))

    def getProperties(self, filters: Filters | None = None) -> Any:
        """Properties matching the filters."""
        return self._run(discovery.discover(self, "properties", filters))

    def getDataProducts(self, filters: Filters | None = None) -> Any:
        """Data products (code, extension, options) matching the filters."""
        return self._run(discovery.discover(self, "dataProducts", filters))

    def getDataAvailability(self, filters: Filters | None = None) -> Any:
        """Availability of data products (``dataAvailability/dataproducts``)."""
        return self._run(discovery.discover(self, "dataAvailability/dataproducts", filters))

    # Data product delivery
    def orderDataProduct(
        self,
        filters: Filters,
        maxRetries: int = 0,
        downloadResultsOnly: bool = False,
        includeMetadataFile: bool = True,
        overwrite: bool = False,
    ) -> Any:
        """Request, run and download a data product into ``outPath``; gives downloadResults and stats."""
        return self._run(
            delivery.order_product(
                self, filters, maxRetries, downloadResultsOnly, includeMetadataFile, overwrite
            )
        )

    def requestDataProduct(self, filters: Filters) -> Any:
        """Request a data product; gives the request (``dpRequestId`` and estimates)."""
        return self._run(delivery.request_product(self, filters))

    def checkDataProduct(self, dpRequestId: int) -> Any:
        """The status of a data product request."""
        return self._run(delivery.check_product(self, dpRequestId))

    def runDataProduct(self, dpRequestId: int, waitComplete: bool = True) -> Any:
        """Run a requested product, by default waiting until it is generated; gives runIds and fileCount."""
        return self._run(delivery.run_product(self, dpRequestId, waitComplete))

    def cancelDataProduct(self, dpRequestId: int) -> Any:
        """Cancel a running data product."""
        return self._run(delivery.cancel_product(self, dpRequestId))

    def restartDataProduct(self, dpRequestId: int, waitComplete: bool = True) -> Any:
        """Restart a cancelled data product, by default waiting until it is generated."""
        return self._run(delivery.restart_product(self, dpRequestId, waitComplete))

    def downloadDataProduct(
        self,
        runId: int,
        maxRetries: int = 0,
        downloadResultsOnly: bool = False,
        includeMetadataFile: bool = True,
        overwrite: bool = False,
    ) -> Any:
        """Download the files of a run into ``outPath`` (or only list them); gives their records."""
        return self._run(
            delivery.download_product(
                self, runId, maxRetries, downloadResultsOnly, includeMetadataFile, overwrite
            )
        )

    # Near real-time data
    def getScalardataByLocation(self, filters: Filters | None = None, allPages: bool = False) -> Any:
        """Scalar data of a device category at a location (one page, or all with ``allPages``)."""
        return self._run(realtime.direct(self, realtime.SCALAR_LOCATION, filters, allPages))

    getDirectByLocation = getScalardataByLocation

    def getScalardataByDevice(self, filters: Filters | None = None, allPages: bool = False) -> Any:
        """Scalar data of a device (one page, or all with ``allPages``)."""
        return self._run(realtime.direct(self, realtime.SCALAR_DEVICE, filters, allPages))

    getDirectByDevice = getScalardataByDevice

    def getScalardata(self, filters: Filters | None = None, allPages: bool = False) -> Any:
        """Scalar data by device (``deviceCode``) or by location (``locationCode`` + ``deviceCategoryCode``)."""
        return self._run(realtime.scalardata(self, filters, allPages))

    def getRawdataByLocation(self, filters: Filters | None = None, allPages: bool = False) -> Any:
        """Raw readings of a device category at a location."""
        return self._run(realtime.direct(self, realtime.RAW_LOCATION, filters, allPages))

    getDirectRawByLocation = getRawdataByLocation

    def getRawdataByDevice(self, filters: Filters | None = None, allPages: bool = False) -> Any:
        """Raw readings of a device."""
        return self._run(realtime.direct(self, realtime.RAW_DEVICE, filters, allPages))

    getDirectRawByDevice = getRawdataByDevice

    def getRawdata(self, filters: Filters | None = None, allPages: bool = False) -> Any:
        """Raw readings by device or by location."""
        return self._run(realtime.rawdata(self, filters, allPages))

    def getSensorCategoryCodes(self, filters: Filters) -> Any:
        """The sensors a scalardata query would return, without samples."""
        return self._run(realtime.sensor_category_codes(self, filters))

    def getScalardataFrame(self, filters: Filters, allPages: bool = True) -> pd.DataFrame:
        """Scalar data as a DataFrame indexed by UTC time (all pages by default); see ``ScalarData``."""
        return self.getScalardata(filters, allPages).to_dataframe()

    def getRawdataFrame(self, filters: Filters, allPages: bool = True) -> pd.DataFrame:
        """Raw readings as a DataFrame indexed by UTC time (all pages by default)."""
        return self.getRawdata(filters, allPages).to_dataframe()

    # Archive files
    def getArchivefileByLocation(self, filters: Filters | None = None, allPages: bool = False) -> Any:
        """Archive files of a device category at a location."""
        return self._run(archive.listing(self, archive.BY_LOCATION, filters, allPages))

    getListByLocation = getArchivefileByLocation

    def getArchivefileByDevice(self, filters: Filters | None = None, allPages: bool = False) -> Any:
        """Archive files of a device."""
        return self._run(archive.listing(self, archive.BY_DEVICE, filters, allPages))

    getListByDevice = getArchivefileByDevice

    def getArchivefile(self, filters: Filters | None = None, allPages: bool = False) -> Any:
        """Archive files by device or by location."""
        return self._run(archive.archivefile(self, filters, allPages))

    def getArchivefileUrls(
        self, filters: Filters | None = None, allPages: bool = False, joinedWithNewline: bool = False
    ) -> list[str] | str:
        """Download URLs of the matching archive files (one string with ``joinedWithNewline``)."""
        found = self._run(archive.urls(self, filters, allPages))
        return "\n".join(found) if joinedWithNewline else found

    def downloadArchivefile(self, filename: str = "", overwrite: bool = False) -> Any:
        """Download one archive file into ``outPath`` (streamed, atomic, resumed, verified)."""
        return self._run(archive.download(self, filename, overwrite))

    getFile = downloadArchivefile

    def downloadDirectArchivefile(
        self, filters: Filters | None = None, overwrite: bool = False, allPages: bool = False
    ) -> Any:
        """Download every archive file matching the filters, ``concurrency`` at a time."""
        return self._run(archive.download_direct(self, filters, overwrite, allPages))

    getDirectFiles = downloadDirectArchivefile

    def downloadArchivefiles(self, filenames: list[str], overwrite: bool = False) -> Any:
        """Download the named archive files, ``concurrency`` at a time (result as downloadDirectArchivefile)."""
        return self._run(archive.download_many(self, filenames, overwrite))
