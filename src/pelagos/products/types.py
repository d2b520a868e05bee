"""The data product types an observatory offers, and the device categories each applies to.

Every product type has a fixed code, extension, name, help document, source of data and dataProductOptions
(the exact shape of the API). The categories it applies to follow the catalog: the generic scalar products
(TSSD, TSSP, MSQAQCR) apply to every category with a device that has sensors, the Log File (LF) to every
category with a device that has sensors and writes raw lines (a raw format); the specialised ones (audio,
video, ice buoy plots, instrument files) to their fixed categories, when the catalog has devices in them. A type
no category of the catalog fits is not offered. :func:`refresh_product_types` writes them into the catalog's
``product_types`` table whenever a catalog is loaded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from sqlalchemy import delete, exists, insert, select, update
from sqlalchemy.engine import Connection

from pelagos.catalog import schema as s

WIKI = "https://wiki.oceannetworks.ca/display/DP/"


@dataclass(frozen=True)
class ProductSpec:
    """One data product type: its code and extension, what it is called, the data it reads, its options."""

    code: str
    extension: str
    name: str
    help_document: str
    source: str  # "scalar" | "raw" | "archive" | "audio"
    options: list[dict[str, Any]]
    categories: list[str]


class DeviceTraits(NamedTuple):
    """What decides which products a device can have: its category, whether it has sensors and a raw format."""

    category: str
    has_sensors: bool
    has_raw_format: bool


# ---------------------------------------------------------------------------------------------------------------
# dataProductOptions, in the exact shape of the API.

_DOC_SPECTROGRAM = "https://wiki.oceannetworks.ca/display/DP/Spectrogram+Plot+Options"
_DOC_HYDROPHONE = "https://wiki.oceannetworks.ca/display/DP/Hydrophone+Spectral+Data+Options"
_DOC_QC = "https://wiki.oceannetworks.ca/display/DP/Quality+Control+Option"
_DOC_RESAMPLE = "https://wiki.oceannetworks.ca/display/DP/Resampling+Option"
_DOC_GAPS = "https://wiki.oceannetworks.ca/display/DP/Data+Gaps+Option"
_DOC_SENSORS = "https://wiki.oceannetworks.ca/display/DP/Derived+Sensors+Option"
_DOC_FLAGS = "https://wiki.oceannetworks.ca/display/DP/QAQC+Flags+Option"
_DOC_JSON = "https://wiki.oceannetworks.ca/display/DP/JSON+Output+Options"
_DOC_PLOT = "https://wiki.oceannetworks.ca/display/DP/Plot+Options"
_DOC_RAW = "https://wiki.oceannetworks.ca/display/DP/Raw+Data+Options"

#: Resampling periods offered for dpo_average / dpo_minMax / dpo_minMaxAvg, in seconds.
RESAMPLE_PERIODS = ["1", "5", "10", "15", "30", "60", "300", "600", "900", "1800", "3600", "86400"]


def _option(
    option: str,
    values: list[str],
    default: str,
    documentation: str,
    allowable_range: dict[str, Any] | None = None,
    suboptions: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    return {
        "allowableRange": allowable_range,
        "allowableValues": values,
        "defaultValue": default,
        "documentation": [documentation],
        "option": option,
        "suboptions": suboptions,
    }


def _range(lower: str, upper: str, only_integers: bool, unit: str | None) -> dict[str, Any]:
    return {"lowerBound": lower, "onlyIntegers": only_integers, "unitOfMeasure": unit, "upperBound": upper}


def _flag(option: str, default: str, documentation: str) -> dict[str, Any]:
    return _option(option, ["0", "1"], default, documentation)


def _quality_control() -> dict[str, Any]:
    """0 = raw data, 1 = clean data (samples failing QAQC tests removed)."""
    return _flag("dpo_qualityControl", "1", _DOC_QC)


def _resample() -> dict[str, Any]:
    """Resampling of scalar series; the period of each method is its sub-option, in seconds."""
    periods = [
        _option(name, RESAMPLE_PERIODS, "60", _DOC_RESAMPLE, _range("1", "86400", True, "s"))
        for name in ("dpo_average", "dpo_minMax", "dpo_minMaxAvg")
    ]
    return _option(
        "dpo_resample", ["none", "average", "minMax", "minMaxAvg"], "none", _DOC_RESAMPLE, suboptions=periods
    )


def _data_gaps() -> dict[str, Any]:
    """1 = fill gaps in the series with NaN rows at the sampling period, 0 = leave them out."""
    return _flag("dpo_dataGaps", "0", _DOC_GAPS)


def _sensors_to_include() -> dict[str, Any]:
    """original = measured sensors only, all = also the TEOS-10 derived sensors."""
    return _option("dpo_sensorsToInclude", ["original", "all"], "all", _DOC_SENSORS)


def _scalar_options() -> list[dict[str, Any]]:
    return [_quality_control(), _resample(), _data_gaps(), _sensors_to_include()]


def _tssd_options(extension: str) -> list[dict[str, Any]]:
    options = [*_scalar_options(), _flag("dpo_qaqcFlags", "1", _DOC_FLAGS)]
    if extension == "json":
        options += [
            _option("dpo_jsonOutputEncoding", ["array", "object"], "array", _DOC_JSON),
            _option("dpo_jsonMetadata", ["minimum", "full"], "minimum", _DOC_JSON),
            _option("dpo_jsonTimeFormat", ["iso8601", "epochMillis"], "iso8601", _DOC_JSON),
        ]
    return options


def _tssp_options(extension: str) -> list[dict[str, Any]]:
    options = _scalar_options()
    if extension == "pdf":
        options.append(_option("dpo_pdfPageSize", ["letter", "a4"], "letter", _DOC_PLOT))
    return options


def _colour_limit(option: str) -> dict[str, Any]:
    return _option(option, ["-1000"], "-1000", _DOC_SPECTROGRAM, _range("-160.0", "140.0", False, None))


def _palette() -> dict[str, Any]:
    return _option("dpo_spectrogramColourPalette", ["0", "1", "2", "3", "4", "5"], "0", _DOC_SPECTROGRAM)


def _spectral_options() -> list[dict[str, Any]]:
    """How spectra are computed from audio; -1 for the frequency limit means the full band (Nyquist)."""
    return [
        _option("dpo_spectrogramConcatenation", ["None", "Daily", "Weekly"], "None", _DOC_HYDROPHONE),
        _option("dpo_spectrogramWindow", ["hann", "hamming", "blackman"], "hann", _DOC_HYDROPHONE),
        _option("dpo_spectrogramOverlap", ["50"], "50", _DOC_HYDROPHONE, _range("0", "90", True, "%")),
        _option(
            "dpo_spectrogramFrequencyUpperLimit",
            ["-1"],
            "-1",
            _DOC_HYDROPHONE,
            _range("0", "256000", True, "Hz"),
        ),
    ]


def _hsd_options(extension: str) -> list[dict[str, Any]]:
    spectral = _spectral_options()
    if extension == "png":
        return [
            spectral[0],
            _palette(),
            _colour_limit("dpo_lowerColourLimit"),
            _colour_limit("dpo_upperColourLimit"),
            *spectral[1:],
        ]
    return spectral


def _lf_options() -> list[dict[str, Any]]:
    return [
        _flag("dpo_convertHexToDecimal", "0", _DOC_RAW),
        _flag("dpo_skipErrors", "0", _DOC_RAW),
        _flag("dpo_includeLineTypes", "1", _DOC_RAW),
    ]


_ADCP_RDI = ["ADCP1200KHZ", "ADCP150KHZ", "ADCP600KHZ", "ADCP75KHZ"]


def _all_product_types(scalar: list[str], text: list[str]) -> list[ProductSpec]:
    """Every product type, the generic ones applying to the ``scalar`` and ``text`` categories."""
    hydrophone = ["HYDROPHONE"]
    camera = ["VIDEOCAM"]
    return [
        ProductSpec("AD", "flac", "Audio Data", WIKI + "95", "audio", [], hydrophone),
        ProductSpec("AD", "mp3", "Audio Data", WIKI + "95", "audio", [], hydrophone),
        ProductSpec("AD", "wav", "Audio Data", WIKI + "95", "audio", [], hydrophone),
        ProductSpec(
            "HSD", "mat", "Hydrophone Spectral Data", WIKI + "45", "audio", _hsd_options("mat"), hydrophone
        ),
        ProductSpec(
            "HSD", "png", "Hydrophone Spectral Data", WIKI + "45", "audio", _hsd_options("png"), hydrophone
        ),
        ProductSpec(
            "IBPP", "png", "Ice Buoy Profile Plots", WIKI + "147", "scalar", [_quality_control()], ["ICEBUOY"]
        ),
        ProductSpec("IMG", "jpg", "Image Files", WIKI + "131", "archive", [], camera),
        ProductSpec("LF", "txt", "Log File", WIKI + "4", "raw", _lf_options(), text),
        ProductSpec(
            "MSQAQCR",
            "qaqc",
            "Manual Scalar QAQC Results",
            WIKI + "106",
            "scalar",
            [_quality_control(), _option("dpo_qaqcTests", ["all", "automatic", "manual"], "all", _DOC_QC)],
            scalar,
        ),
        ProductSpec("RDF", "prf", "Raw Data Files", WIKI + "130", "archive", [], ["ADCP2MHZ"]),
        ProductSpec("RDF", "raw", "Raw Data Files", WIKI + "130", "archive", [], ["BPR"]),
        ProductSpec("RDF", "rdi", "Raw Data Files", WIKI + "130", "archive", [], _ADCP_RDI),
        ProductSpec("SBCTDRF", "hex", "Sea-Bird CTD Raw Files", WIKI + "78", "raw", [], ["CTD"]),
        ProductSpec(
            "SHV",
            "png",
            "Spectrogram For Hydrophone Viewer",
            WIKI + "146",
            "audio",
            [_colour_limit("dpo_lowerColourLimit"), _palette(), _colour_limit("dpo_upperColourLimit")],
            hydrophone,
        ),
        *(
            ProductSpec(
                "TSSD", ext, "Time Series Scalar Data", WIKI + "1", "scalar", _tssd_options(ext), scalar
            )
            for ext in ("csv", "json", "mat", "nc", "txt")
        ),
        *(
            ProductSpec(
                "TSSP", ext, "Time Series Scalar Plot", WIKI + "2", "scalar", _tssp_options(ext), scalar
            )
            for ext in ("pdf", "png")
        ),
        ProductSpec("VID", "mp4", "Video Files", WIKI + "132", "archive", [], camera),
    ]


def product_types(devices: Iterable[DeviceTraits]) -> list[ProductSpec]:
    """The product types a catalog with these devices offers, each with the categories it applies to there."""
    kinds = list(devices)
    present = {d.category for d in kinds}
    scalar = sorted({d.category for d in kinds if d.has_sensors})
    text = sorted({d.category for d in kinds if d.has_sensors and d.has_raw_format})
    out = []
    for spec in _all_product_types(scalar, text):
        categories = [c for c in spec.categories if c in present]
        if categories:
            out.append(replace(spec, categories=categories))
    return out


def refresh_product_types(conn: Connection) -> None:
    """Make the catalog's product types those its devices call for (rows keep their ids; unfit ones go)."""
    has_sensors = exists().where(s.sensors.c.device_id == s.devices.c.id)
    rows = conn.execute(
        select(s.device_categories.c.code, has_sensors, s.devices.c.raw_format.is_not(None)).join(
            s.device_categories, s.devices.c.category_id == s.device_categories.c.id
        )
    )
    wanted = {
        (p.code, p.extension): {
            "code": p.code,
            "extension": p.extension,
            "name": p.name,
            "help_document": p.help_document,
            "source": p.source,
            "options": p.options,
            "categories": p.categories,
            "position": i,
        }
        for i, p in enumerate(product_types(DeviceTraits(*row) for row in rows))
    }
    table = s.product_types
    for row in conn.execute(select(table)).mappings().all():
        key = (row["code"], row["extension"])
        if key not in wanted:
            conn.execute(delete(table).where(table.c.id == row["id"]))
        elif any(row[name] != value for name, value in wanted[key].items()):
            conn.execute(update(table).where(table.c.id == row["id"]).values(wanted.pop(key)))
        else:
            del wanted[key]
    if wanted:
        conn.execute(insert(table), list(wanted.values()))
