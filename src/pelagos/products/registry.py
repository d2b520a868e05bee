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
class Rates:
    """What a product costs per input unit read (a sample, a line, an archive byte), per value written (a table
    cell, a line of text), per column of a file and per file: in output bytes, or in processing milliseconds."""

    read: float = 0.0
    value: float = 0.0
    column: float = 0.0
    file: float = 0.0


@dataclass(frozen=True)
class Maker:
    """How a product is made.

    data: the stored data it reads ("scalar" samples, "raw" lines, "archive" files, "audio" recordings).
    files: how its output is cut into files: "table" (a segment's rows, split every ``tssd.MAX_ROWS``), "plots"
    (one per plot group and segment), "segment" (one per segment), "days" (one per UTC day), "archive" (the
    archive files as they are).
    size / time: the product's own figures for estimates, which recent runs of the product then correct.
    """

    generate: Callable[[Job], None]
    data: str
    files: str
    size: Rates
    time: Rates


def _tssd(size: Rates, value_ms: float) -> Maker:
    return Maker(tssd.generate, "scalar", "table", size, Rates(read=0.0005, value=value_ms, file=5))


def _plots(file_bytes: float, file_ms: float) -> Maker:
    return Maker(tssp.generate, "scalar", "plots", Rates(file=file_bytes), Rates(read=0.0005, file=file_ms))


MAKERS: dict[tuple[str, str], Maker] = {
    ("TSSD", "csv"): _tssd(Rates(value=6, file=2_000), 0.0017),
    ("TSSD", "txt"): _tssd(Rates(value=6, file=3_000), 0.0022),
    ("TSSD", "mat"): _tssd(Rates(value=1.5, column=1_500, file=5_000), 0.001),
    ("TSSD", "json"): _tssd(Rates(value=13, file=1_000), 0.002),
    ("TSSD", "nc"): _tssd(Rates(value=3, column=6_000, file=20_000), 0.0003),
    ("TSSP", "png"): _plots(100_000, 1_200),
    ("TSSP", "pdf"): _plots(40_000, 2_500),
    ("IBPP", "png"): Maker(
        ice.generate, "scalar", "segment", Rates(file=100_000), Rates(read=0.001, file=1_500)
    ),
    ("MSQAQCR", "qaqc"): Maker(qaqc.generate, "scalar", "segment", Rates(file=2_000), Rates(read=0.001)),
    ("LF", "txt"): Maker(raw.generate, "raw", "days", Rates(value=60, file=1_000), Rates(read=0.01)),
    ("SBCTDRF", "hex"): Maker(raw.generate, "raw", "days", Rates(value=40, file=1_000), Rates(read=0.01)),
    # served from the archive as they are
    **{
        key: Maker(
            archived.generate,
            "audio" if key[0] in ("AD", "HSD", "SHV") else "archive",
            "archive",
            Rates(read=1.0),
            Rates(read=0.0001),
        )
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
