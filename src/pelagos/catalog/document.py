"""The catalog document: its sections and keys, read from TOML or JSON into checked values, and back.

A document lists ``locations``, ``deviceCategories``, ``properties``, ``devices`` (with their ``sensors`` and
``dataRatings``) and ``deployments``, each a list of tables (docs/catalog.md). Every key has a kind of value
and, unless it names another entry by code, the catalog column it fills. Reading checks each entry on its own
(unknown keys, missing required keys, values of the wrong kind) and names every problem by its entry path, such
as ``devices[2].sensors[0].qc.spike``; :mod:`pelagos.catalog.load` checks the entries against each other and the
catalog.
"""

from __future__ import annotations

import json
import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Column

from pelagos.catalog import schema as s
from pelagos.timeutil import format_ms, parse_instant

#: The sections of a document, in the order they are checked, written and dumped.
SECTIONS = ("locations", "deviceCategories", "properties", "devices", "deployments")
#: QARTOD limits a sensor's ``qc`` may set (docs/qaqc.md).
QC_LIMITS = ("gross_range", "spike", "rate_of_change", "flat_line")

#: The kinds of values a document's keys hold.
CODE, TEXT, NUMBER, INTEGER = "code", "text", "number", "integer"
TIME, TERMS, QC, ENTRIES = "time", "terms", "qc", "entries"


class CatalogError(Exception):
    """A refused document: every problem found, each naming its entry path; nothing was written."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Field:
    """One key of a document entry: its kind of value, the column it fills (None for references by code)."""

    key: str
    kind: str
    column: Column[Any] | None = None
    required: bool = False
    default: Any = None
    fields: tuple[Field, ...] = ()  # the keys of each entry of an ENTRIES list


_L, _C, _P, _D, _S, _R, _Y = (
    s.locations.c,
    s.device_categories.c,
    s.properties.c,
    s.devices.c,
    s.sensors.c,
    s.data_ratings.c,
    s.deployments.c,
)
LOCATION = (
    Field("code", CODE, _L.code, True),
    Field("name", TEXT, _L.name, True),
    Field("description", TEXT, _L.description, default=""),
    Field("parent", CODE),
    Field("lat", NUMBER, _L.lat),
    Field("lon", NUMBER, _L.lon),
    Field("depth", NUMBER, _L.depth),
)
CATEGORY = (
    Field("code", CODE, _C.code, True),
    Field("name", TEXT, _C.name, True),
    Field("description", TEXT, _C.description, default=""),
    Field("longDescription", TEXT, _C.long_description, default=""),
    Field("cvUri", TEXT, _C.cv_uri),
    Field("cvVocabulary", TEXT, _C.cv_vocabulary),
)
PROPERTY = (
    Field("code", CODE, _P.code, True),
    Field("name", TEXT, _P.name, True),
    Field("description", TEXT, _P.description, default=""),
    Field("unit", TEXT, _P.uom, True),
    Field("cvProperty", TERMS, _P.cv_property),
    Field("cvUnit", TERMS, _P.cv_uom),
)
SENSOR = (
    Field("code", CODE, _S.code, True),
    Field("name", TEXT, _S.name, True),
    Field("sensorCategoryCode", CODE, _S.category_code, True),
    Field("property", CODE, required=True),
    Field("unit", TEXT, _S.uom),
    Field("derived", CODE, _S.derived),
    Field("resolution", NUMBER, _S.resolution),
    Field("qc", QC, _S.qc),
)
RATING = (
    Field("dateFrom", TIME, _R.date_from, True),
    Field("dateTo", TIME, _R.date_to),
    Field("samplePeriod", NUMBER, _R.sample_period, True),
    Field("sampleSize", INTEGER, _R.sample_size, default=1),
)
DEVICE = (
    Field("id", INTEGER, _D.id),
    Field("code", CODE, _D.code, True),
    Field("name", TEXT, _D.name, True),
    Field("category", CODE, required=True),
    Field("rawFormat", CODE, _D.raw_format),
    Field("cvUri", TEXT, _D.cv_uri),
    Field("cvVocabulary", TEXT, _D.cv_vocabulary),
    Field("sensors", ENTRIES, fields=SENSOR),
    Field("dataRatings", ENTRIES, fields=RATING),
)
DEPLOYMENT = (
    Field("device", CODE, required=True),
    Field("location", CODE, required=True),
    Field("begin", TIME, _Y.begin, True),
    Field("end", TIME, _Y.end),
    Field("depth", NUMBER, _Y.depth),
    Field("lat", NUMBER, _Y.lat),
    Field("lon", NUMBER, _Y.lon),
    Field("heading", NUMBER, _Y.heading),
    Field("pitch", NUMBER, _Y.pitch),
    Field("roll", NUMBER, _Y.roll),
    Field("doi", TEXT, _Y.doi),
    Field("citation", TEXT, _Y.citation),
)
FIELDS: dict[str, tuple[Field, ...]] = dict(
    zip(SECTIONS, (LOCATION, CATEGORY, PROPERTY, DEVICE, DEPLOYMENT), strict=True)
)

#: One entry of the document: its path (``devices[2]``) and its values by key.
Entry = tuple[str, dict[str, Any]]


# -- reading a document ---------------------------------------------------------------------------------------


def read_document(path: Path) -> dict[str, Any]:
    """The document in ``path``, read as TOML or JSON by its extension; CatalogError when it cannot be read."""
    suffix = path.suffix.lower()
    if suffix not in (".toml", ".json"):
        raise CatalogError(["a catalog document is a .toml or a .json file"])
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise CatalogError([f"cannot be read: {exc.strerror}"]) from None
    try:
        document = tomllib.loads(content.decode()) if suffix == ".toml" else json.loads(content)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise CatalogError([f"not valid {suffix[1:].upper()}: {exc}"]) from None
    if not isinstance(document, dict):
        raise CatalogError(["not a table of sections"])
    return document


def _instant(value: object) -> int:
    """Epoch ms of an ISO 8601 string or a TOML date or date-time (UTC unless it carries an offset)."""
    if isinstance(value, str):
        return parse_instant(value)
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=UTC)
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day, tzinfo=UTC)
    else:
        raise ValueError(value)
    return (moment - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(milliseconds=1)


def _number(value: object) -> float | None:
    """``value`` as a finite float, or None when it is not a finite number."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


class Reader:
    """Reads a document's entries into plain values, recording each problem under its path."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def problem(self, path: str, message: str) -> None:
        """Record that the value at ``path`` is wrong, and why."""
        self.problems.append(f"{path}: {message}")

    def sections(self, document: Mapping[str, Any]) -> dict[str, list[Entry]]:
        """Every section's entries, each read on its own; a key that names no section is a problem."""
        for key in document:
            if key not in SECTIONS:
                self.problem(key, f"unknown section (sections are {', '.join(SECTIONS)})")
        return {
            section: self.entries(document.get(section), section, FIELDS[section]) for section in SECTIONS
        }

    def entries(self, value: object, path: str, fields: tuple[Field, ...]) -> list[Entry]:
        """The entries of a list of tables (none when absent)."""
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(path, "not a list of tables")
            return []
        out = []
        for i, entry in enumerate(value):
            where = f"{path}[{i}]"
            if isinstance(entry, dict):
                out.append((where, self.entry(entry, where, fields)))
            else:
                self.problem(where, "not a table")
        return out

    def entry(self, entry: dict[str, Any], path: str, fields: tuple[Field, ...]) -> dict[str, Any]:
        """The values of one table by key, absent keys at their default (None where a value is wrong)."""
        known = {f.key for f in fields}
        for key in entry:
            if key not in known:
                self.problem(f"{path}.{key}", "unknown key")
        values: dict[str, Any] = {}
        for f in fields:
            raw = entry.get(f.key)
            if raw is None:
                if f.required:
                    self.problem(f"{path}.{f.key}", "missing (required)")
                values[f.key] = [] if f.kind in (TERMS, ENTRIES) else f.default
            else:
                values[f.key] = self.value(raw, f"{path}.{f.key}", f)
        return values

    def value(self, raw: object, path: str, f: Field) -> Any:
        """The value of one key, or None (and a problem) when it is not of the key's kind."""
        if f.kind in (CODE, TEXT):
            length = getattr(f.column.type, "length", None) if f.column is not None else None
            if not isinstance(raw, str):
                self.problem(path, f"not a string: {raw!r}")
            elif f.kind == CODE and (not raw or any(c.isspace() for c in raw)):
                self.problem(path, f"not a code (one word, no spaces): {raw!r}")
            elif f.required and not raw.strip():
                self.problem(path, "empty")
            elif length and len(raw) > length:
                self.problem(path, f"longer than {length} characters")
            else:
                return raw
        elif f.kind == NUMBER:
            number = _number(raw)
            if number is not None:
                return number
            self.problem(path, f"not a number: {raw!r}")
        elif f.kind == INTEGER:
            if isinstance(raw, int) and not isinstance(raw, bool):
                return raw
            self.problem(path, f"not an integer: {raw!r}")
        elif f.kind == TIME:
            try:
                return _instant(raw)
            except ValueError:
                self.problem(path, f"not a date: {raw!r} (ISO 8601, UTC unless an offset is given)")
        elif f.kind == TERMS:
            return self.terms(raw, path)
        elif f.kind == QC:
            return self.qc(raw, path)
        else:
            return self.entries(raw, path, f.fields)
        return None

    def terms(self, raw: object, path: str) -> list[dict[str, str]] | None:
        """Controlled vocabulary terms: a list of ``{uri, vocabulary}`` tables."""
        if not isinstance(raw, list):
            self.problem(path, "not a list of {uri, vocabulary} tables")
            return None
        out = []
        for i, term in enumerate(raw):
            if not (
                isinstance(term, dict)
                and set(term) == {"uri", "vocabulary"}
                and all(isinstance(v, str) for v in term.values())
            ):
                self.problem(f"{path}[{i}]", "not a {uri, vocabulary} table of strings")
                return None
            out.append({"uri": term["uri"], "vocabulary": term["vocabulary"]})
        return out

    def qc(self, raw: object, path: str) -> dict[str, Any] | None:
        """QARTOD limits, with every limit the table leaves out as None (the test does not apply)."""
        if not isinstance(raw, dict):
            self.problem(path, "not a table of QARTOD limits")
            return None
        limits: dict[str, Any] = dict.fromkeys(QC_LIMITS)
        ok = True
        for key, value in raw.items():
            where = f"{path}.{key}"
            if key not in QC_LIMITS:
                self.problem(where, f"unknown key (QARTOD limits are {', '.join(QC_LIMITS)})")
            elif value is None:
                continue
            elif key == "gross_range":
                span = [_number(v) for v in value] if isinstance(value, list) and len(value) == 2 else []
                if len(span) == 2 and span[0] is not None and span[1] is not None and span[0] < span[1]:
                    limits[key] = span
                    continue
                self.problem(where, f"not [low, high] with low < high: {value!r}")
            elif (number := _number(value)) is not None and number >= 0:
                limits[key] = number
                continue
            else:
                self.problem(where, f"not a number >= 0: {value!r}")
            ok = False
        return limits if ok else None


# -- columns and entries ---------------------------------------------------------------------------------------


def columns(fields: tuple[Field, ...], values: Mapping[str, Any]) -> dict[str, Any]:
    """The column values of a checked entry (references by code and the device id left out)."""
    return {f.column.name: values[f.key] for f in fields if f.column is not None and f.key != "id"}


def export(fields: tuple[Field, ...], row: Mapping[str, Any], **refs: Any) -> dict[str, Any]:
    """A document entry of ``row``: its columns, and ``refs`` for the keys without one, Nones left out."""
    out: dict[str, Any] = {}
    for f in fields:
        value = refs[f.key] if f.column is None else row[f.column.name]
        if value is None:
            continue
        if f.kind == TIME:
            value = format_ms(value)
        elif f.kind == QC:
            value = {name: limit for name, limit in value.items() if limit is not None}
        out[f.key] = value
    return out
