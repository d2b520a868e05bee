"""Which generator makes which data product (code and extension), and what stored data each one reads.

The catalog's ``product_types`` table says which products exist and which options they take; this table says
how each is made. A product type in the catalog without an entry here cannot be requested (error 127).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pelagos.products import archived, ice, qaqc, raw, tssd, tssp
from pelagos.products.job import Job
from pelagos.products.meta import write_meta


@dataclass(frozen=True)
class Maker:
    """How a product is made.

    data: the stored data it reads ("scalar" samples, "raw" lines, "archive" files, "audio" recordings).
    bytes_per_unit / ms_per_unit: what one unit of input (a sample, a line, an archive byte) costs in output size
    and processing time, used for estimates until completed runs of the product give better figures.
    """

    generate: Callable[[Job], None]
    data: str
    bytes_per_unit: float
    ms_per_unit: float


MAKERS: dict[tuple[str, str], Maker] = {
    ("TSSD", "csv"): Maker(tssd.generate, "scalar", 12.0, 0.004),
    ("TSSD", "txt"): Maker(tssd.generate, "scalar", 12.0, 0.004),
    ("TSSD", "mat"): Maker(tssd.generate, "scalar", 5.0, 0.001),
    ("TSSD", "json"): Maker(tssd.generate, "scalar", 30.0, 0.003),
    ("TSSD", "nc"): Maker(tssd.generate, "scalar", 9.0, 0.001),
    ("TSSP", "png"): Maker(tssp.generate, "scalar", 0.5, 0.002),
    ("TSSP", "pdf"): Maker(tssp.generate, "scalar", 0.5, 0.003),
    ("IBPP", "png"): Maker(ice.generate, "scalar", 2.0, 0.01),
    ("MSQAQCR", "qaqc"): Maker(qaqc.generate, "scalar", 0.05, 0.001),
    ("LF", "txt"): Maker(raw.generate, "raw", 60.0, 0.01),
    ("SBCTDRF", "hex"): Maker(raw.generate, "raw", 60.0, 0.01),
    # served from the archive as they are
    **{
        key: Maker(archived.generate, "audio" if key[0] in ("AD", "HSD", "SHV") else "archive", 1.0, 0.0001)
        for key in (
            ("AD", "wav"),
            ("AD", "flac"),
            ("AD", "mp3"),
            ("HSD", "png"),
            ("HSD", "mat"),
            ("SHV", "png"),
            ("IMG", "jpg"),
            ("VID", "mp4"),
            ("RDF", "prf"),
            ("RDF", "raw"),
            ("RDF", "rdi"),
        )
    },
}


def maker(code: str, extension: str) -> Maker | None:
    return MAKERS.get((code, extension))


def generate(job: Job) -> None:
    """Make the order's files and its metadata file (raises NoData when there is nothing to make)."""
    made = MAKERS[(job.order.product_code, job.order.extension)]
    made.generate(job)
    write_meta(job, job.order.segments(job.view))
