"""The pelagos client: a drop-in for the official ``onc`` client (``from pelagos import ONC``), and a better one.

Same calls, results, printed lines and files as ``onc`` 2.6.0, over pooled HTTP with retries, streamed atomic
resumable downloads, concurrent allPages and downloads, DataFrame/Dataset conversion, and an asyncio twin.
"""

from pelagos.client.aio import AsyncONC
from pelagos.client.errors import ApiError, DownloadError, ErrorDetail, MaxRetriesException
from pelagos.client.onc import ONC
from pelagos.client.results import RawData, ScalarData, to_dataframe, to_xarray
from pelagos.client.retry import RetryPolicy

__all__ = [
    "ONC",
    "AsyncONC",
    "ApiError",
    "DownloadError",
    "ErrorDetail",
    "MaxRetriesException",
    "RawData",
    "RetryPolicy",
    "ScalarData",
    "to_dataframe",
    "to_xarray",
]
