"""``AsyncONC``: the same client on asyncio, every service call a coroutine (``await onc.getLocations()``)."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from pelagos.client import archive, delivery, discovery, realtime
from pelagos.client.base import ClientBase
from pelagos.client.effects import AsyncRunner, Op, T
from pelagos.client.retry import RetryPolicy
from pelagos.client.transport import AsyncTransport

if TYPE_CHECKING:
    import pandas as pd

Filters = dict[str, Any]


class AsyncONC(ClientBase):
    """The asyncio twin of :class:`~pelagos.client.ONC`: the same arguments, methods and results, awaited.

    Use it as ``async with AsyncONC(token) as onc: ...`` or call :meth:`aclose` when done. ``print``,
    ``formatUtc`` and ``getArchivefileUrl`` do no IO and stay plain methods.
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
        self._transport = AsyncTransport(self.retry, timeout, connections=2 * self.concurrency)
        self._runner = AsyncRunner(self._transport)

    async def _run(self, op: Op[T]) -> T:
        return await self._runner.run(op)

    async def aclose(self) -> None:
        """Close the pooled connections."""
        await self._transport.aclose()

    async def __aenter__(self) -> AsyncONC:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        await self.aclose()

    # Discovery
    async def getLocations(self, filters: Filters | None = None) -> Any:
        """Locations matching the filters (``locations`` service)."""
        return await self._run(discovery.discover(self, "locations", filters))

    async def getLocationsTree(self, filters: Filters | None = None) -> Any:
        """The location tree under the matching locations (``locations/tree``)."""
        return await self._run(discovery.discover(self, "locations/tree", filters))

    getLocationHierarchy = getLocationsTree

    async def getDeployments(self, filters: Filters | None = None) -> Any:
        """Deployments of devices at locations matching the filters."""
        return await self._run(discovery.discover(self, "deployments", filters))

    async def getDevices(self, filters: Filters | None = None) -> Any:
        """Devices matching the filters."""
        return await self._run(discovery.discover(self, "devices", filters))

    async def getDeviceCategories(self, filters: Filters | None = None) -> Any:
        """Device categories matching the filters."""
        return await self._run(discovery.discover(self, "deviceCategories", filters))

    async def getProperties(self, filters: Filters | None = None) -> Any:
        """Properties matching the filters."""
        return await self._run(discovery.discover(self, "properties", filters))

    async def getDataProducts(self, filters: Filters | None = None) -> Any:
        """Data products (code, extension, options) matching the filters."""
        return await self._run(discovery.discover(self, "dataProducts", filters))

    async def getDataAvailability(self, filters: Filters | None = None) -> Any:
        """Availability of data products (``dataAvailability/dataproducts``)."""
        return await self._run(discovery.discover(self, "dataAvailability/dataproducts", filters))

    # Data product delivery
    async def orderDataProduct(
        self,
        filters: Filters,
        maxRetries: int = 0,
        downloadResultsOnly: bool = False,
        includeMetadataFile: bool = True,
        overwrite: bool = False,
    ) -> Any:
        """Request, run and download a data product into ``outPath``; gives downloadResults and stats."""
        return await self._run(
            delivery.order_product(
                self, filters, maxRetries, downloadResultsOnly, includeMetadataFile, overwrite
            )
        )

    async def requestDataProduct(self, filters: Filters) -> Any:
        """Request a data product; gives the request (``dpRequestId`` and estimates)."""
        return await self._run(delivery.request_product(self, filters))

    async def checkDataProduct(self, dpRequestId: int) -> Any:
        """The status of a data product request."""
        return await self._run(delivery.check_product(self, dpRequestId))

    async def runDataProduct(self, dpRequestId: int, waitComplete: bool = True) -> Any:
        """Run a requested product, by default waiting until it is generated; gives runIds and fileCount."""
        return await self._run(delivery.run_product(self, dpRequestId, waitComplete))

    async def cancelDataProduct(self, dpRequestId: int) -> Any:
        """Cancel a running data product."""
        return await self._run(delivery.cancel_product(self, dpRequestId))

    async def restartDataProduct(self, dpRequestId: int, waitComplete: bool = True) -> Any:
        """Restart a cancelled data product, by default waiting until it is generated."""
        return await self._run(delivery.restart_product(self, dpRequestId, waitComplete))

    async def downloadDataProduct(
        self,
        runId: int,
        maxRetries: int = 0,
        downloadResultsOnly: bool = False,
        includeMetadataFile: bool = True,
        overwrite: bool = False,
    ) -> Any:
        """Download the files of a run into ``outPath`` (or only list them); gives their records."""
        return await self._run(
            delivery.download_product(
                self, runId, maxRetries, downloadResultsOnly, includeMetadataFile, overwrite
            )
        )

    # Near real-time data
    async def getScalardataByLocation(self, filters: Filters | None = None, allPages: bool = False) -> Any:
        """Scalar data of a device category at a location (one page, or all with ``allPages``)."""
        return await self._run(realtime.direct(self, realtime.SCALAR_LOCATION, filters, allPages))

    getDirectByLocation = getScalardataByLocation

    async def getScalardataByDevice(self, filters: Filters | None = None, allPages: bool = False) -> Any:
        """Scalar data of a device (one page, or all with ``allPages``)."""
        return await self._run(realtime.direct(self, realtime.SCALAR_DEVICE, filters, allPages))

    getDirectByDevice = getScalardataByDevice

    async def getScalardata(self, filters: Filters | None = None, allPages: bool = False) -> Any:
        """Scalar data by device (``deviceCode``) or by location (``locationCode`` + ``deviceCategoryCode``)."""
        return await self._run(realtime.scalardata(self, filters, allPages))

    async def getRawdataByLocation(self, filters: Filters | None = None, allPages: bool = False) -> Any:
        """Raw readings of a device category at a location."""
        return await self._run(realtime.direct(self, realtime.RAW_LOCATION, filters, allPages))

    getDirectRawByLocation = getRawdataByLocation

    async def getRawdataByDevice(self, filters: Filters | None = None, allPages: bool = False) -> Any:
        """Raw readings of a device."""
        return await self._run(realtime.direct(self, realtime.RAW_DEVICE, filters, allPages))

    getDirectRawByDevice = getRawdataByDevice

    async def getRawdata(self, filters: Filters | None = None, allPages: bool = False) -> Any:
        """Raw readings by device or by location."""
        return await self._run(realtime.rawdata(self, filters, allPages))

    async def getSensorCategoryCodes(self, filters: Filters) -> Any:
        """The sensors a scalardata query would return, without samples."""
        return await self._run(realtime.sensor_category_codes(self, filters))

    async def getScalardataFrame(self, filters: Filters, allPages: bool = True) -> pd.DataFrame:
        """Scalar data as a DataFrame indexed by UTC time (all pages by default); see ``ScalarData``."""
        return (await self.getScalardata(filters, allPages)).to_dataframe()

    async def getRawdataFrame(self, filters: Filters, allPages: bool = True) -> pd.DataFrame:
        """Raw readings as a DataFrame indexed by UTC time (all pages by default)."""
        return (await self.getRawdata(filters, allPages)).to_dataframe()

    # Archive files
    async def getArchivefileByLocation(self, filters: Filters | None = None, allPages: bool = False) -> Any:
        """Archive files of a device category at a location."""
        return await self._run(archive.listing(self, archive.BY_LOCATION, filters, allPages))

    getListByLocation = getArchivefileByLocation

    async def getArchivefileByDevice(self, filters: Filters | None = None, allPages: bool = False) -> Any:
        """Archive files of a device."""
        return await self._run(archive.listing(self, archive.BY_DEVICE, filters, allPages))

    getListByDevice = getArchivefileByDevice

    async def getArchivefile(self, filters: Filters | None = None, allPages: bool = False) -> Any:
        """Archive files by device or by location."""
        return await self._run(archive.archivefile(self, filters, allPages))

    async def getArchivefileUrls(
        self, filters: Filters | None = None, allPages: bool = False, joinedWithNewline: bool = False
    ) -> list[str] | str:
        """Download URLs of the matching archive files (one string with ``joinedWithNewline``)."""
        found = await self._run(archive.urls(self, filters, allPages))
        return "\n".join(found) if joinedWithNewline else found

    async def downloadArchivefile(self, filename: str = "", overwrite: bool = False) -> Any:
        """Download one archive file into ``outPath`` (streamed, atomic, resumed, verified)."""
        return await self._run(archive.download(self, filename, overwrite))

    getFile = downloadArchivefile

    async def downloadDirectArchivefile(
        self, filters: Filters | None = None, overwrite: bool = False, allPages: bool = False
    ) -> Any:
        """Download every archive file matching the filters, ``concurrency`` at a time."""
        return await self._run(archive.download_direct(self, filters, overwrite, allPages))

    getDirectFiles = downloadDirectArchivefile

    async def downloadArchivefiles(self, filenames: list[str], overwrite: bool = False) -> Any:
        """Download the named archive files, ``concurrency`` at a time (result as downloadDirectArchivefile)."""
        return await self._run(archive.download_many(self, filenames, overwrite))
