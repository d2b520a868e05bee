"""Load the demo observatory's catalog into the database, and name the windows its data generators fill.

``load_network`` writes the plain data of :mod:`pelagos.ingest.demo.network` into the catalog tables.
``DEMO_WINDOWS`` lists every stretch of data the contract's tests, examples and tutorials read (§7, §11): the
generators of samples, raw lines and archive files produce data exactly there, at the given rate, and nowhere
else. Availability is computed from what is stored, so these windows also decide the discovery flags:
hasPropertyData(location) = scalar samples stored for a device deployed directly there; hasDeviceData(location) =
raw lines or archive files stored for such a device. That is why BACCC gets a scalar-only optode, BACCC.A1/A2
archive-only ADCPs, and FGPD archive-only hydrophone files.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import Table, func, insert, select, text
from sqlalchemy.engine import Connection

from pelagos.catalog import schema as s
from pelagos.ingest.demo import network as n
from pelagos.ingest.demo.network import ms
from pelagos.products.types import refresh_product_types

DAY_S = 86_400.0
DAY_MS = 86_400_000


class DemoWindow(NamedTuple):
    """Data the demo holds for one device: ``kind`` over ``[date_from, date_to)`` (epoch ms).

    ``rate_hz`` is the sampling rate for "scalar" and "raw" windows (always the device's data rating) and the
    file rate (one file per 1/rate_hz seconds) for "archive" windows, whose ``extensions`` name the file types.
    """

    device_code: str
    date_from: int
    date_to: int
    kind: str  # "scalar" | "raw" | "archive"
    rate_hz: float
    note: str
    extensions: tuple[str, ...] = ()


def _samples(
    device: str, begin: str, end: str, rate_hz: float, note: str, raw: bool = True
) -> list[DemoWindow]:
    """Scalar samples, and (unless ``raw`` is False) the raw lines they were parsed from, at the same instants."""
    kinds = ("scalar", "raw") if raw else ("scalar",)
    return [DemoWindow(device, ms(begin), ms(end), kind, rate_hz, note) for kind in kinds]


def _files(
    device: str, begin: str, end: str, period_s: float, extensions: tuple[str, ...], note: str
) -> DemoWindow:
    return DemoWindow(device, ms(begin), ms(end), "archive", 1.0 / period_s, note, extensions)


def _monthly_days(device: str, first_month: str, months: int, rate_hz: float, note: str) -> list[DemoWindow]:
    """Samples and raw lines over the first day of each of ``months`` consecutive months from ``first_month``."""
    year, month = (int(x) for x in first_month.split("-"))
    out = []
    for _ in range(months):
        day = f"{year:04d}-{month:02d}-01"
        out += [
            DemoWindow(device, ms(day), ms(day) + DAY_MS, kind, rate_hz, note) for kind in ("scalar", "raw")
        ]
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


DEMO_WINDOWS: list[DemoWindow] = [
    # Folger Passage bottom pressure (NCBC): the official client's real-time, archive and availability tests.
    *_samples(
        "BPR-Folger-59",
        "2019-11-01",
        "2019-12-01",
        1.0,
        "Pressure, Temperature, temperature1, temperature2 at 1 Hz for all of November 2019 (2,592,000"
        " samples each) with the bpr-hex lines they come from; tests page 2019-11-23T00:00..00:01 and"
        " 23:59..24:00; TSSD csv minMaxAvg 60 s for 2019-11-23..24",
    ),
    _files(
        "BPR-Folger-59",
        "2019-11-01",
        "2019-12-01",
        DAY_S,
        ("txt",),
        "one daily Log File (LF) BPR-Folger-59_YYYYMMDDT000000.000Z.txt per day, 20191101..20191130;"
        " archivefile tests list 2019-11-23..26 (3 files) and download the 20191123 and 20191126 files;"
        " dataAvailability NCBC/BPR 2019-11-23..30 counts 7 files",
    ),
    # Bullseye (NC89) bottom pressure: tutorial raw/scalar examples and the TSSP order.
    *_samples(
        "BPR_889",
        "2020-01-28",
        "2020-01-29",
        1.0,
        "tutorial rawdata NC89/BPR and BPR_889 2020-01-28T00:00:00..00:00:05: 5 hex readings at"
        " 00.493, 01.493, ... s past the minute (e.g. 3C5496E288C0BA7A759558AE00, lineType ' ')",
    ),
    *_samples("BPR_889", "2021-01-11", "2021-01-12", 1.0, "tutorial TSSP png order NC89/BPR 2021-01-11..12"),
    *_samples(
        "BPR_889",
        "2021-01-28",
        "2021-01-29",
        1.0,
        "tutorial scalardata NC89/BPR dart_pressure_residual 2021-01-28T00:00:00..00:00:05: 5 samples"
        " at 00.227 .. 04.229 s, all QAQC flag 1",
    ),
    # Bullseye (NC89) CTDs.
    *_samples(
        "SBECTD19p6981",
        "2017-01-19",
        "2017-01-21",
        4.0,
        "SBE 19plus at 4 Hz (sample times .025, .275, ...; pressure about 1270.7 dbar): TSSP png"
        " 2017-01-19T00:00..00:30, scalar/raw 2017-01-20T00:00..00:00:10, raw 2017-01-20..21 allPages"
        " (345,600 readings, more than one 100,000-row page)",
    ),
    *_samples(
        "SBECTD19p7096",
        "2020-06-20",
        "2020-06-22",
        1.0,
        "MATLAB GettingStarted: pressure 2020-06-20T00:00..00:01 and raw 2020-06-20..22 (two pages)",
    ),
    # Strait of Georgia East (SEVIP) CTDs.
    *_samples(
        "SBECTD19p4686",
        "2016-09-01",
        "2016-09-02",
        1.0,
        "scalardata SEVIP/CTD and SBECTD19p4686 2016-09-01T00:00..00:01: the 8 CTD sensors",
    ),
    *_samples(
        "SBECTD19p5026",
        "2019-06-20",
        "2019-06-21",
        1.0,
        "TSSP png order SEVIP/CTD 2019-06-20..21 (two plots); the device is still deployed, so it also"
        " answers getLatest for SEVIP/CTD",
    ),
    # Burrard Inlet and Campbell River CTDs.
    *_samples(
        "SBECTD19p7247",
        "2019-06-20",
        "2019-06-21",
        1.0,
        "README: BIIP/CTD conductivity 2019-06-20T00:00:00..00:00:05 and TSSP png 2019-06-20T00:00..00:30",
    ),
    *_samples(
        "RBRCONCERTO3CTD66047",
        "2019-08-29",
        "2019-08-31",
        1.0,
        "official DPD tests: CRIP.C1/CTD TSSP png 2019-08-29..30 gives 2 plots and a metadata file",
    ),
    # Barkley Canyon Axis (BACAX) CTDs.
    *_samples(
        "SBECTD19p6936",
        "2017-05-23",
        "2017-05-24",
        4.0,
        "rawdata BACAX/CTD 2017-05-23T00:00:00..00:00:10: SBE 19plus XML datapackets, about 40 readings",
    ),
    *_monthly_days(
        "SBECTD16p4910",
        "2010-07",
        12,
        0.1,
        "the first day of each month 2010-07..2011-06 at the SBE 16plus's 10 s period, so the"
        " 2010-07-01..2011-06-30 discovery examples find stored data",
    ),
    *_samples(
        "SBECTD16p6002",
        "2015-09-16",
        "2015-09-17T12:59:52.000Z",
        0.1,
        "the last 37 h before the 2015-09-17 recovery of the doctest deployment (hasDeviceData true)",
    ),
    # Barkley Canyon Axis current profiler.
    *_samples(
        "NORTEKAQDPRO8398",
        "2016-07-27",
        "2016-08-01",
        0.1,
        "TSSD csv BACAX/ADCP2MHZ 2016-07-27..08-01: one ensemble every 10 s, at 7, 17, ... 57 s past the"
        " minute (first 00:00:07, last 2016-07-31T23:59:57 as in the real file name)",
    ),
    # Coral Cliff: scalar samples only at BACCC, archive files only at BACCC.A1 and BACCC.A2.
    *_samples(
        "AANDOPTODE1208",
        "2016-07-27",
        "2016-07-28",
        1.0 / 60,
        "BACCC optode, scalar samples only and no raw lines: BACCC has property data but no device data",
        raw=False,
    ),
    _files(
        "NORTEKAQDPRO5657",
        "2016-07-27",
        "2016-07-28",
        3600.0,
        ("prf",),
        "BACCC.A1 hourly Aquadopp profiler files only: device data, no property data",
    ),
    _files(
        "NORTEKAQDPRO5661",
        "2016-07-27",
        "2016-07-28",
        3600.0,
        ("prf",),
        "BACCC.A2 hourly Aquadopp profiler files only: device data, no property data",
    ),
    # Hydrophones.
    _files(
        "ICLISTENHF1560",
        "2018-10-04T23:49:03.000Z",
        "2018-10-05T00:29:03.000Z",
        300.0,
        ("wav", "flac", "mp3", "png", "mat", "fft"),
        "SEVIP 5-minute recordings starting at hh:m4:03 and hh:m9:03 (8 files of each kind); names such as"
        " ICLISTENHF1560_20181005T000403.000Z-spect.mat; 2018-10-05T00:00..00:10 lists the 235903, 000403"
        " and 000903 spectrograms",
    ),
    _files(
        "ICLISTENHF1560",
        "2019-11-23T15:25:03.000Z",
        "2019-11-23T16:00:03.000Z",
        300.0,
        ("wav", "flac", "png", "mat"),  # no MP3 here: encoding it is most of the demo's archive time
        "SEVIP wav 2019-11-23T15:30..16:00: 7 files ICLISTENHF1560_20191123T152503.000Z.wav .. T155503",
    ),
    _files(
        "NAXYS_HYD_007",
        "2009-12-31T23:34:19.476Z",
        "2010-01-01T00:04:19.476Z",
        300.0,
        ("wav", "png"),
        "BACAX 5-minute files ending with NAXYS_HYD_007_20091231T235919.476Z-spect.png",
    ),
    _files(
        "JASCOAMAR2062",
        "2015-09-17",
        "2015-09-17T00:30:00.000Z",
        300.0,
        ("wav", "png"),
        "FGPD 5-minute recordings: archive files only, so FGPD has device data but no property data",
    ),
    # Ridley Island camera.
    _files(
        "AXISQ6044PTZACCC8E334C53",
        "2016-12-01",
        "2016-12-01T01:00:00.000Z",
        300.0,
        ("mp4", "an", "jpg"),
        "every 5 minutes a clip <t>.mp4 with <t>.an and <t>-VideoQAQCResults.an at :00.000 and a still"
        " <t+1 s>.jpg, so 2016-12-01T00:00..00:05 lists exactly 4 files incl."
        " AXISQ6044PTZACCC8E334C53_20161201T000001.000Z.jpg",
    ),
    # Archived instrument files.
    _files(
        "RDIADCP600WH25471",
        "2019-06-07",
        "2019-06-08",
        DAY_S / 2,
        ("rdi", "txt"),
        "exactly 3 files: 12-hour RDI ensembles starting 00:00:00.555 and 12:00:00.555"
        " (RDIADCP600WH25471_20190607T120000.555Z.rdi) and one daily .txt log",
    ),
    _files(
        "BPR_BC",
        "2019-11-23",
        "2019-12-01",
        DAY_S,
        ("raw",),
        "daily BPR_BC_YYYYMMDDT000000.000Z.raw files (dataAvailability deviceCode=BPR_BC extension=raw)",
    ),
    *_samples(
        "AMLMETRECX50348",
        "2019-06-01",
        "2019-06-02",
        1.0,
        "rawdata AMLMETRECX50348 2019-06-01T00:00:00..00:00:10 (10 readings)",
    ),
    # Cambridge Bay ice buoy, for the Ice Buoy Profile Plots.
    *_samples(
        "SAMSSIMBA0105",
        "2019-03-01",
        "2019-03-08",
        1.0 / 3600,
        "hourly thermistor profiles through the landfast ice for IBPP",
    ),
]


def _code_ids(conn: Connection, table: Table, codes: list[str]) -> dict[str, int]:
    rows = conn.execute(select(table.c.code, table.c.id).where(table.c.code.in_(codes)))
    return {code: ident for code, ident in rows}


def _insert_locations(conn: Connection) -> dict[str, int]:
    """Insert the tree level by level (parents first), keeping the listed order among siblings."""
    by_code = {loc.code: loc for loc in n.LOCATIONS}

    def level(code: str) -> int:
        parent = by_code[code].parent
        return 0 if parent is None else level(parent) + 1

    positions: dict[str | None, int] = {}
    position: dict[str, int] = {}
    for loc in n.LOCATIONS:
        position[loc.code] = positions.get(loc.parent, 0)
        positions[loc.parent] = position[loc.code] + 1
    ids: dict[str, int] = {}
    for depth in range(max(level(loc.code) for loc in n.LOCATIONS) + 1):
        rows = [loc for loc in n.LOCATIONS if level(loc.code) == depth]
        conn.execute(
            insert(s.locations),
            [
                {
                    "code": loc.code,
                    "name": loc.name,
                    "description": loc.description,
                    "parent_id": None if loc.parent is None else ids[loc.parent],
                    "lat": loc.lat,
                    "lon": loc.lon,
                    "depth": loc.depth,
                    "position": position[loc.code],
                }
                for loc in rows
            ],
        )
        ids.update(_code_ids(conn, s.locations, [loc.code for loc in rows]))
    return ids


def load_network(conn: Connection) -> None:
    """Insert the demo catalog into the catalog tables; a catalog that already holds the root ONC is left alone."""
    if conn.execute(
        select(func.count()).select_from(s.locations).where(s.locations.c.code == "ONC")
    ).scalar_one():
        return
    location_ids = _insert_locations(conn)
    conn.execute(
        insert(s.device_categories),
        [
            {
                "code": c.code,
                "name": c.name,
                "description": c.description,
                "long_description": c.long_description,
                "cv_uri": c.cv_uri,
                "cv_vocabulary": c.cv_vocabulary,
            }
            for c in n.DEVICE_CATEGORIES
        ],
    )
    category_ids = _code_ids(conn, s.device_categories, [c.code for c in n.DEVICE_CATEGORIES])
    conn.execute(
        insert(s.properties),
        [
            {
                "code": p.code,
                "name": p.name,
                "description": p.description,
                "uom": p.uom,
                "cv_property": p.cv_property,
                "cv_uom": p.cv_uom,
            }
            for p in n.PROPERTIES
        ],
    )
    property_ids = _code_ids(conn, s.properties, [p.code for p in n.PROPERTIES])
    conn.execute(
        insert(s.devices),
        [
            {
                "id": d.id,
                "code": d.code,
                "name": d.name,
                "category_id": category_ids[d.category],
                "cv_uri": d.cv_uri,
                "cv_vocabulary": d.cv_vocabulary,
                "raw_format": d.raw_format,
            }
            for d in n.DEVICES
        ],
    )
    device_ids = {d.code: d.id for d in n.DEVICES}
    conn.execute(
        insert(s.sensors),
        [
            {
                "device_id": d.id,
                "code": x.code,
                "name": x.name,
                "category_code": x.category_code,
                "property_id": property_ids[x.property_code],
                "uom": x.uom,
                "position": i,
                "derived": x.derived,
                "resolution": x.resolution,
                "qc": x.qc,
            }
            for d in n.DEVICES
            for i, x in enumerate(d.sensors)
        ],
    )
    conn.execute(
        insert(s.data_ratings),
        [
            {
                "device_id": device_ids[r.device],
                "date_from": r.date_from,
                "date_to": r.date_to,
                "sample_period": r.sample_period,
                "sample_size": r.sample_size,
            }
            for r in n.DATA_RATINGS
        ],
    )
    conn.execute(
        insert(s.deployments),
        [
            {
                "device_id": device_ids[d.device],
                "location_id": location_ids[d.location],
                "begin": d.begin,
                "end": d.end,
                "depth": d.depth,
                "lat": d.lat,
                "lon": d.lon,
                "heading": d.heading,
                "pitch": d.pitch,
                "roll": d.roll,
                "doi": d.doi,
                "citation": d.citation,
            }
            for d in n.DEPLOYMENTS
        ],
    )
    refresh_product_types(conn)
    if conn.dialect.name == "postgresql":
        # Device ids were given explicitly; move the serial past them so later devices get fresh ids.
        conn.execute(
            text("SELECT setval(pg_get_serial_sequence('devices', 'id'), (SELECT max(id) FROM devices))")
        )
