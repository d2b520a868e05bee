"""Raw data as text: Log Files (LF, txt) and Sea-Bird CTD Raw Files (SBCTDRF, hex).

Both write the instrument's own lines, one UTC day per file (``<deviceCode>_<YYYYMMDDTHHMMSS.sssZ>.<ext>``, the
archive's naming), under a header that says where they come from. LF lines are ``<time>\\t[<lineType>\\t]<line>``
(``dpo_includeLineTypes``); ``dpo_skipErrors=1`` leaves out lines whose line type marks them as not data;
``dpo_convertHexToDecimal=1`` writes hexadecimal readings as decimal numbers, as rawdata does.
"""

from __future__ import annotations

import numpy as np

from pelagos.catalog.selection import Segment
from pelagos.products import describe
from pelagos.products.job import Job, NoData
from pelagos.products.sources import Lines, read_lines
from pelagos.timeutil import format_compact, format_ms

DAY_MS = 86_400_000
#: The line type of a plain data line; others are instrument messages, commands or errors.
DATA_LINE = " "


def hex_to_decimal(reading: str) -> str:
    """``"3C5496"`` -> ``"60 84 150"``: each byte of a hexadecimal reading as a decimal number; others unchanged."""
    text = reading.strip()
    if len(text) < 2 or len(text) % 2 or any(c not in "0123456789abcdefABCDEF" for c in text):
        return reading
    return " ".join(str(b) for b in bytes.fromhex(text))


def days(segment: Segment) -> list[tuple[int, int]]:
    """The UTC days of a segment as ``[from, to)`` pairs clipped to it."""
    assert segment.date_from is not None and segment.date_to is not None
    out = []
    day = segment.date_from - segment.date_from % DAY_MS
    while day < segment.date_to:
        out.append((max(day, segment.date_from), min(day + DAY_MS, segment.date_to)))
        day += DAY_MS
    return out


def _lf_lines(job: Job, lines: Lines) -> list[str]:
    order = job.order
    with_types = order.flag("dpo_includeLineTypes", default=True)
    skip = order.flag("dpo_skipErrors")
    convert = order.flag("dpo_convertHexToDecimal")
    stamps = np.char.add(np.datetime_as_string(lines.times.astype("datetime64[ms]"), unit="ms"), "Z").tolist()
    out = []
    for stamp, reading, kind in zip(stamps, lines.readings, lines.line_types, strict=True):
        if skip and kind != DATA_LINE:
            continue
        text = hex_to_decimal(reading) if convert else reading
        out.append(f"{stamp}\t{kind}\t{text}\n" if with_types else f"{stamp}\t{text}\n")
    return out


def _hex_lines(_job: Job, lines: Lines) -> list[str]:
    return [f"{reading}\n" for reading in lines.readings]


def _header(job: Job, segment: Segment, lo: int, hi: int, mark: str, end: str) -> list[str]:
    product = job.order.product(job.view)
    lines = describe.header(job.view, job.order, segment, product.name)
    lines = [
        line
        for line in lines
        if not line.startswith(("Quality control", "Resampling", "Data gaps", "Sensors"))
    ]
    lines.insert(6, f"File covers: {format_ms(lo)} to {format_ms(hi)} (end excluded)")
    return [f"{mark}{line}\n" for line in lines] + [end]


def generate(job: Job) -> None:
    """One file per UTC day and deployment segment holding lines."""
    extension = job.order.extension
    body = _hex_lines if extension == "hex" else _lf_lines
    mark, end = ("* ", "*END*\n") if extension == "hex" else ("#", "## END HEADER\n")
    for segment in job.order.segments(job.view):
        for lo, hi in days(segment):
            job.progress(f"Reading lines of {format_ms(lo)[:10]}")
            lines = read_lines(job.engine, segment.device.id, lo, hi)
            if not lines.readings:
                continue
            job.work += len(lines.readings)
            name = f"{segment.device.code}_{format_compact(lo)}.{extension}"
            with open(job.path(name), "w", newline="") as out:
                out.writelines(_header(job, segment, lo, hi, mark, end))
                out.writelines(body(job, lines))
            job.add(name)
    if not job.files:
        raise NoData("no raw lines in the requested window")
