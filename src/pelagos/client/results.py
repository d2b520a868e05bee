"""The scalardata and rawdata answers of the client: plain dicts that convert themselves to pandas or xarray.

pandas and xarray are imported on the first conversion, so that importing the client stays quick and light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
    import xarray as xr


class ScalarData(dict[str, Any]):
    """A scalardata answer (a plain dict to every other code) that converts itself to pandas or xarray."""

    def to_dataframe(self) -> pd.DataFrame:
        """See :func:`pelagos.client.frames.scalar_frame`."""
        from pelagos.client.frames import scalar_frame

        return scalar_frame(self)

    def to_xarray(self) -> xr.Dataset:
        """See :func:`pelagos.client.frames.scalar_dataset`."""
        from pelagos.client.frames import scalar_dataset

        return scalar_dataset(self)


class RawData(dict[str, Any]):
    """A rawdata answer (a plain dict to every other code) that converts itself to pandas or xarray."""

    def to_dataframe(self) -> pd.DataFrame:
        """See :func:`pelagos.client.frames.raw_frame`."""
        from pelagos.client.frames import raw_frame

        return raw_frame(self)

    def to_xarray(self) -> xr.Dataset:
        """See :func:`pelagos.client.frames.raw_dataset`."""
        from pelagos.client.frames import raw_dataset

        return raw_dataset(self)


def to_dataframe(result: dict[str, Any]) -> pd.DataFrame:
    """A scalardata or rawdata answer (from any client, even the official one) as a DataFrame."""
    from pelagos.client.frames import raw_frame, scalar_frame

    return scalar_frame(result) if "sensorData" in result else raw_frame(result)


def to_xarray(result: dict[str, Any]) -> xr.Dataset:
    """A scalardata or rawdata answer (from any client, even the official one) as an xarray Dataset."""
    from pelagos.client.frames import raw_dataset, scalar_dataset

    return scalar_dataset(result) if "sensorData" in result else raw_dataset(result)
