"""Raw lines in each demo instrument's own output format, made from the same readings as its scalar samples.

Formats are keyed by the device's ``raw_format`` in the catalog: NRCan bottom pressure recorders print a hex
record, Sea-Bird SBE 19plus CTDs at ONC an XML datapacket, SBE 16plus comma-separated text, RBR and AML
instruments their own text, the Nortek Aquadopp a ``$PNORS`` sentence. Unknown formats get timestamped CSV.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from pelagos.timeutil import format_times

#: Measured readings by sensor code, for one device over one window.
Readings = dict[str, np.ndarray]


def _get(readings: Readings, *codes: str) -> np.ndarray:
    for code in codes:
        if code in readings:
            return readings[code]
    return np.zeros(next(iter(readings.values())).size)


def _bpr_hex(times: list[str], r: Readings, serial: str) -> list[str]:
    pressure = np.round(_get(r, "Pressure") * 10_000).astype(np.int64)
    temperature = np.round((_get(r, "temperature1", "Temperature") + 5.0) * 100_000).astype(np.int64)
    sequence = np.arange(pressure.size, dtype=np.int64) % (1 << 32)
    return [
        f"{p:010X}{t:08X}{s:08X}"
        for p, t, s in zip(pressure.tolist(), temperature.tolist(), sequence.tolist(), strict=True)
    ]


def _sbe_xml(times: list[str], r: Readings, serial: str) -> list[str]:
    head = (
        '<?xml version="1.0"?><datapacket><hdr><mfg>Sea-Bird</mfg><model>19plus</model>'
        f"<sn>{serial}</sn></hdr><data>"
    )
    return [
        f"{head}<t1>{t:.4f}</t1><c1>{c:.5f}</c1><p1>{p:.3f}</p1></data></datapacket>"
        for t, c, p in zip(
            _get(r, "Temperature").tolist(),
            _get(r, "Conductivity").tolist(),
            _get(r, "Pressure").tolist(),
            strict=True,
        )
    ]


_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _sbe_ascii(times: list[str], r: Readings, serial: str) -> list[str]:
    return [
        f"# {t:8.4f}, {c:8.5f}, {p:8.3f}, {iso[8:10]} {_MONTHS[int(iso[5:7]) - 1]} {iso[:4]} {iso[11:19]}"
        for iso, t, c, p in zip(
            times,
            _get(r, "Temperature").tolist(),
            _get(r, "Conductivity").tolist(),
            _get(r, "Pressure").tolist(),
            strict=True,
        )
    ]


def _rbr_ascii(times: list[str], r: Readings, serial: str) -> list[str]:
    return [
        f"{iso[:10]} {iso[11:23]}, {c:.5f}, {t:.4f}, {p:.3f}"
        for iso, c, t, p in zip(
            times,
            _get(r, "Conductivity").tolist(),
            _get(r, "Temperature").tolist(),
            _get(r, "Pressure").tolist(),
            strict=True,
        )
    ]


def _aml_ascii(times: list[str], r: Readings, serial: str) -> list[str]:
    return [
        f"{iso[:10]},{iso[11:22]},{c * 10:.4f},{t:.3f},{p:.2f}"
        for iso, c, t, p in zip(
            times,
            _get(r, "Conductivity").tolist(),
            _get(r, "Temperature").tolist(),
            _get(r, "Pressure").tolist(),
            strict=True,
        )
    ]


def _nortek(times: list[str], r: Readings, serial: str) -> list[str]:
    return [
        f"$PNORS,{iso[5:7]}{iso[8:10]}{iso[2:4]},{iso[11:13]}{iso[14:16]}{iso[17:19]},00,2A480000,13.4,"
        f"1489.2,{h:.1f},{pi:.1f},{ro:.1f},{p:.3f},{t:.2f},00,00"
        for iso, h, pi, ro, p, t in zip(
            times,
            _get(r, "Heading").tolist(),
            _get(r, "Pitch").tolist(),
            _get(r, "Roll").tolist(),
            _get(r, "Pressure").tolist(),
            _get(r, "Temperature").tolist(),
            strict=True,
        )
    ]


def _csv(times: list[str], r: Readings, serial: str) -> list[str]:
    columns = [v.tolist() for v in r.values()]
    return [iso + "," + ",".join(f"{c[i]:.4f}" for c in columns) for i, iso in enumerate(times)]


FORMATS: dict[str, Callable[[list[str], Readings, str], list[str]]] = {
    "bpr-hex": _bpr_hex,
    "sbe-xml": _sbe_xml,
    "sbe-ascii": _sbe_ascii,
    "rbr-ascii": _rbr_ascii,
    "aml-ascii": _aml_ascii,
    "nortek": _nortek,
}


def raw_lines(raw_format: str | None, times_ms: np.ndarray, readings: Readings, serial: str) -> list[str]:
    """The lines the instrument printed for ``readings`` at ``times_ms``."""
    make = FORMATS.get(raw_format or "", _csv)
    return make(format_times(times_ms), readings, serial)
