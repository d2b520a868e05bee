"""pelagos' ONC side by side with the official onc 2.6.0 client, against a real demo server (contract §5, §6, §7).

Every public method and alias of ``onc.ONC`` is called on both clients with the same arguments. What a user can
see must be the same: return values (key order and JSON types included), printed lines, files written (names
and bytes), exceptions (type and message), and the side effects on the caller's filters dict.

What cannot be equal is normalised in one named helper each, never dropped: durations (kept as their type),
the ids of the data product requests each client made, the server's size/time estimates (which learn from the
runs before), the token our error messages redact, the number of polls of a run, and the intermediate status
lines a poll happens to see. Our allPages pages concurrently (documented), so its per-page progress lines are
compared with ``concurrency=1``, which must print exactly what the official client prints.
"""

from __future__ import annotations

import copy
import datetime
import hashlib
import inspect
import json
import logging
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import humanize
import onc
import pytest
import requests

from pelagos import ONC
from tests.conftest import RunningServer

SCALAR_DEVICE = {
    "deviceCode": "BPR-Folger-59",
    "dateFrom": "2019-11-23T00:00:00.000Z",
    "dateTo": "2019-11-23T00:01:00.000Z",
    "rowLimit": 80000,
}
SCALAR_LOCATION = {
    "locationCode": "NCBC",
    "deviceCategoryCode": "BPR",
    "propertyCode": "seawatertemperature,totalpressure",
    "dateFrom": "2019-11-23T00:00:00.000Z",
    "dateTo": "2019-11-23T00:01:00.000Z",
    "rowLimit": 80000,
}
RAW_LOCATION = {
    "locationCode": "NCBC",
    "deviceCategoryCode": "BPR",
    "dateFrom": "2019-11-23T00:00:00.000Z",
    "dateTo": "2019-11-23T00:01:00.000Z",
    "rowLimit": 80000,
    "sizeLimit": 20,
    "convertHexToDecimal": False,
}
ARCHIVE_LOCATION = {
    "locationCode": "NCBC",
    "deviceCategoryCode": "BPR",
    "dateFrom": "2019-11-23",
    "dateTo": "2019-11-26",
    "fileExtension": "txt",
    "rowLimit": 80000,
    "page": 1,
}
ARCHIVE_DEVICE = {
    k: v for k, v in ARCHIVE_LOCATION.items() if k not in ("locationCode", "deviceCategoryCode")
}
ARCHIVE_DEVICE = {"deviceCode": "BPR-Folger-59", **ARCHIVE_DEVICE}
HYDROPHONE = {
    "locationCode": "SEVIP",
    "deviceCategoryCode": "HYDROPHONE",
    "dateFrom": "2018-10-05T00:00:00.000Z",
    "dateTo": "2018-10-05T00:10:00.000Z",
}
PRODUCT = {
    "dataProductCode": "TSSP",
    "extension": "png",
    "dateFrom": "2019-08-29",
    "dateTo": "2019-08-30",
    "locationCode": "CRIP.C1",
    "deviceCategoryCode": "CTD",
    "dpo_qualityControl": 1,
    "dpo_resample": "none",
}
BPR_FILE = "BPR-Folger-59_20191123T000000.000Z.txt"
NO_DATA = {"dateFrom": "2000-01-01", "dateTo": "2000-01-02"}
BAD_ID = 1234567890


# ---------------------------------------------------------------------------------------------------------------
# Calling both clients


@dataclass
class Outcome:
    """What one call did: its value or error, what it printed, and its arguments afterwards (side effects)."""

    value: Any
    error: BaseException | None
    out: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    out_dir: Path


@dataclass
class Pair:
    """The official client and ours, with the same token and server, each writing into its own folder."""

    official: Any
    ours: ONC
    token: str
    capsys: pytest.CaptureFixture[str]

    def call(self, client: Any, name: str, *args: Any, **kwargs: Any) -> Outcome:
        args, kwargs = copy.deepcopy(args), copy.deepcopy(kwargs)
        self.capsys.readouterr()
        value: Any = None
        error: BaseException | None = None
        try:
            value = getattr(client, name)(*args, **kwargs)
        except Exception as exc:
            error = exc
        return Outcome(value, error, self.capsys.readouterr().out, args, kwargs, Path(client.outPath))

    def both(self, name: str, *args: Any, **kwargs: Any) -> tuple[Outcome, Outcome]:
        """The official client's outcome, then ours, for the same call (each gets its own copy of the args)."""
        return self.call(self.official, name, *args, **kwargs), self.call(self.ours, name, *args, **kwargs)


def make_pair(server: RunningServer, where: Path, capsys: pytest.CaptureFixture[str], **ours: Any) -> Pair:
    official = onc.ONC(server.token, outPath=where / "official", showWarning=False)
    official.baseUrl = server.url
    mine = ONC(
        server.token, baseUrl=server.url, outPath=where / "ours", showWarning=False, progress=False, **ours
    )
    return Pair(official, mine, server.token, capsys)


@pytest.fixture
def pair(demo_server: RunningServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Pair]:
    made = make_pair(demo_server, tmp_path, capsys)
    yield made
    made.ours.close()


# ---------------------------------------------------------------------------------------------------------------
# Comparing, and the normalisations


def strict(value: Any) -> str:
    """JSON text of ``value``: keeps key order, and tells 1, 1.0 and True apart (``==`` would not)."""
    return json.dumps(value, default=repr)


def error_text(outcome: Outcome, token: str) -> str:
    """The error's message in the official wording: our messages show ``token=REDACTED``, by design; a path
    under the client's own folder is made relative to it."""
    assert outcome.error is not None
    text = str(outcome.error).replace(f"token={token}", "token=REDACTED")
    return text.replace(str(outcome.out_dir), "<outPath>")


def assert_same(
    official: Outcome,
    ours: Outcome,
    token: str,
    value: Callable[[Any], Any] = lambda v: v,
    out: Callable[[str], str] = lambda s: s,
    error: Callable[[str], str] = lambda s: s,
    fails: bool = False,
) -> None:
    """Same value, or (``fails``) the same error (ours may subclass the official type); same printed text,
    same side effects. The official client's outcome must be the expected one (else the server is at fault)."""
    assert (official.error is not None) == fails, f"the official client gave {official.error!r}"
    if official.error is None:
        assert ours.error is None, f"ours raised {ours.error!r}"
        assert strict(value(ours.value)) == strict(value(official.value))
    else:
        assert ours.error is not None, f"the official client raised {official.error!r}, ours did not"
        assert isinstance(ours.error, type(official.error)), (type(ours.error), type(official.error))
        assert error(error_text(ours, token)) == error(error_text(official, token))
        if isinstance(official.error, requests.HTTPError):
            assert f"token={token}" not in str(ours.error)
    assert out(ours.out) == out(official.out)
    assert strict(ours.args) == strict(official.args)
    assert strict(ours.kwargs) == strict(official.kwargs)


TIMING_KEYS = ("downloadTime", "fileDownloadTime", "runTime")


def untimed(value: Any) -> Any:
    """Durations in a result replaced by their type name (``<float>``); they must be non-negative."""
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            if key in TIMING_KEYS:
                assert isinstance(item, int | float) and item >= 0, (key, item)
                result[key] = f"<{type(item).__name__}>"
            else:
                result[key] = untimed(item)
        return result
    if isinstance(value, list):
        return [untimed(item) for item in value]
    return value


_PRINTED_DURATIONS = [
    re.compile(r"^(Downloading time for the first page: ).+$", re.M),
    re.compile(r"^(Estimated approx\. ).+( to complete for the rest of the pages\.)$", re.M),
    re.compile(r"^(   \(\d+ samples\) Completed in ).+(\.)$", re.M),
    re.compile(r"^(Total run time: ).+$", re.M),
    re.compile(r"^(Total [dD]ownload Time: ).+$", re.M),
    re.compile(r"^(Web Service response time: ).+$", re.M),
]


def untimed_text(text: str) -> str:
    """Printed durations replaced by ``<t>``, only where the official client prints a duration."""
    for pattern in _PRINTED_DURATIONS:
        text = pattern.sub(lambda m: m.group(1) + "<t>" + (m.group(2) if m.lastindex == 2 else ""), text)
    return text


_ID_IN_TEXT = re.compile(r"(dpRunId=|dpRequestId=|Request Id: |runId |cancelDataProduct\(|The run )\d+")
ID_KEYS = ("dpRequestId", "dpRunId", "queryPids")


def unid(value: Any) -> Any:
    """The ids of a data product request and run replaced by ``<id>`` (each client made its own request)."""
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            if key in ID_KEYS:
                assert isinstance(item, int), (key, item)
                result[key] = "<id>"
            elif key in ("runIds", "dpRunIds"):
                assert all(isinstance(i, int) for i in item), item
                result[key] = ["<id>" for _ in item]
            elif key == "modifyDate":
                assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", item), item
                result[key] = "<date>"
            else:
                result[key] = unid(item)
        return result
    if isinstance(value, list):
        return [unid(item) for item in value]
    if isinstance(value, str):
        return _ID_IN_TEXT.sub(r"\1<id>", value)
    return value


_SIZE = r"\d+(\.\d)? (B|kB|MB|GB|TB)"
_DURATION = r"\d+ (s|min|hour)"


def unestimated(value: Any) -> Any:
    """The server's estimates (they learn from previous runs) replaced by ``<size>``/``<duration>``, after
    checking their format (the official client parses the duration as an integer and a unit)."""
    if isinstance(value, dict):
        result = dict(value)
        if "estimatedFileSize" in result:
            assert re.fullmatch(_SIZE, result["estimatedFileSize"]), result["estimatedFileSize"]
            result["estimatedFileSize"] = "<size>"
        if "estimatedProcessingTime" in result:
            assert re.fullmatch(_DURATION, result["estimatedProcessingTime"])
            result["estimatedProcessingTime"] = "<duration>"
        return result
    text = re.sub(rf"^(Estimated File Size: ){_SIZE}$", r"\1<size>", value, flags=re.M)
    return re.sub(rf"^(Estimated Processing Time: ){_DURATION}$", r"\1<duration>", text, flags=re.M)


_SETTLED_LINE = re.compile(
    r"   (\d+ files generated for this data product|complete|cancelled|Skipping \".+\": File already exists\."
    r"|No data found\.|\d+ files available for download)"
)
RUN_STATES = ["queued", "data product running"]


def settled(text: str, states: list[str] | None = RUN_STATES) -> str:
    """The printed text without the transient status lines of a poll, which depend on when polls happen.

    A poll prints each new status on a line (``   queued``) and a dot per repeat. The states in between depend
    on timing; those of a run must be among ``states``, in order (None: any text, as for the progress messages
    of file downloads). The final lines (files generated, complete, cancelled, skipped) are kept.
    """
    kept, seen = [], []
    for line in text.split("\n"):
        if line.startswith("   ") and not line.startswith("    ") and not _SETTLED_LINE.fullmatch(line):
            seen.append(line.strip().rstrip("."))
            continue
        kept.append(line)
    if states is not None:
        assert all(s in states for s in seen), seen
        assert [states.index(s) for s in seen] == sorted(states.index(s) for s in seen), seen
    return "\n".join(kept)


def polled(outcome: Outcome, key: str = "requestCount") -> Any:
    """A run summary with the poll count checked (at least one request) and replaced by ``<n>``."""
    value = dict(outcome.value)
    assert isinstance(value[key], int) and value[key] >= 1, value
    value[key] = "<n>"
    return value


def files_in(folder: Path) -> dict[str, str]:
    """Every file in ``folder`` (hidden ones too: no partial file may be left) with its SHA-256."""
    if not folder.exists():
        return {}
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def assert_same_files(pair: Pair, count: int) -> dict[str, str]:
    official, ours = files_in(pair.official.outPath), files_in(pair.ours.outPath)
    assert ours == official
    assert len(ours) == count
    return ours


# ---------------------------------------------------------------------------------------------------------------
# The public surface


def official_public_names() -> list[str]:
    return [name for name in dir(onc.ONC) if not name.startswith("_")]


@pytest.mark.parametrize("name", official_public_names())
def test_every_public_name_exists_with_the_official_signature(name: str) -> None:
    official = getattr(onc.ONC, name)
    ours = getattr(ONC, name)
    if isinstance(official, property):
        assert isinstance(ours, property) and ours.fset is not None
        return
    shape = [(p.name, p.default, p.kind) for p in inspect.signature(official).parameters.values()]
    assert [(p.name, p.default, p.kind) for p in inspect.signature(ours).parameters.values()] == shape


def test_aliases_are_the_same_methods() -> None:
    names = official_public_names()
    aliases = [(a, b) for a in names for b in names if a < b and getattr(onc.ONC, a) is getattr(onc.ONC, b)]
    # getLocationHierarchy, getDirect{By,RawBy}{Location,Device}, getListBy{Location,Device}, getFile, getDirectFiles
    assert len(aliases) == 9
    for a, b in aliases:
        assert getattr(ONC, a) is getattr(ONC, b), (a, b)


@pytest.mark.parametrize("family", ["discovery", "delivery", "realTime", "archive"])
def test_service_objects_have_the_official_methods(pair: Pair, family: str) -> None:
    official, ours = getattr(pair.official, family), getattr(pair.ours, family)
    names = [n for n in dir(official) if n in dir(onc.ONC) and not n.startswith("_")]  # its API methods
    assert names and all(callable(getattr(ours, name)) for name in names)
    if family == "delivery":
        ours.pollPeriod = 0.5
        assert pair.ours.pollPeriod == 0.5 and official.pollPeriod == 2.0


def test_service_objects_answer_as_the_client(pair: Pair) -> None:
    query = {"deviceCode": "BPR-Folger-59", "dateFrom": "2019-11-23T00:00:00.000Z",
             "dateTo": "2019-11-23T00:00:10.000Z"}  # fmt: skip
    got = pair.ours.realTime.getScalardata(dict(query), False)
    expected = pair.official.realTime.getScalardata(dict(query), False)
    assert got["sensorData"] == expected["sensorData"]
    assert pair.ours.discovery.getLocations({"locationCode": "NCBC"}) == pair.official.discovery.getLocations(
        {"locationCode": "NCBC"}
    )


def test_constructor_takes_the_official_arguments_first() -> None:
    official = list(inspect.signature(onc.ONC.__init__).parameters.values())
    ours = list(inspect.signature(ONC.__init__).parameters.values())
    assert [(p.name, p.default, p.kind) for p in ours[: len(official)]] == [
        (p.name, p.default, p.kind) for p in official
    ]
    # Our extras come after: baseUrl, then keyword-only options, so no official call changes meaning.
    assert ours[len(official)].name == "baseUrl"
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in ours[len(official) + 1 :])


@pytest.fixture
def bare_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """No token, server or config file from the environment."""
    for name in ("ONC_TOKEN", "PELAGOS_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PELAGOS_CONFIG", str(tmp_path / "absent.toml"))
    return monkeypatch


def test_missing_token_raises_the_same_value_error(bare_env: pytest.MonkeyPatch) -> None:
    for token in (None, ""):
        with pytest.raises(ValueError) as official:
            onc.ONC(token)
        with pytest.raises(ValueError) as ours:
            ONC(token)
        assert str(ours.value) == str(official.value)
    bare_env.setenv("ONC_TOKEN", "from-the-environment")
    assert ONC().token == onc.ONC().token == "from-the-environment"


def test_attributes_and_their_setters(bare_env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bare_env.chdir(tmp_path)
    official, ours = onc.ONC("ab c!d-1_2:3?"), ONC("ab c!d-1_2:3?", progress=False)
    attributes = ("token", "showInfo", "showWarning", "timeout", "production", "baseUrl", "outPath")
    assert [getattr(ours, a) for a in attributes] == [getattr(official, a) for a in attributes]
    assert ours.token == "abcd-123" and ours.outPath == tmp_path / "output"
    for production in (False, True):
        official.production = ours.production = production
        assert (ours.production, ours.baseUrl) == (official.production, official.baseUrl)
    official.token, official.timeout, official.outPath, official.showInfo = "t-1", 300, "sub/dir", True
    ours.token, ours.timeout, ours.outPath, ours.showInfo = "t-1", 300, "sub/dir", True
    assert (ours.token, ours.timeout, ours.outPath, ours.showInfo) == (
        official.token,
        official.timeout,
        official.outPath,
        official.showInfo,
    )
    assert isinstance(ours.outPath, Path) and ours.outPath == tmp_path / "sub" / "dir"


def test_setters_take_effect_on_the_next_call(
    bare_env: pytest.MonkeyPatch,
    demo_server: RunningServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    official = onc.ONC("wrong-token", production=False, outPath=tmp_path / "unused", showWarning=False)
    ours = ONC(
        "wrong-token", production=False, outPath=tmp_path / "unused", showWarning=False, progress=False
    )
    for client, folder in ((official, "official"), (ours, "ours")):
        client.token, client.baseUrl, client.timeout = demo_server.token, demo_server.url, 30
        client.outPath = tmp_path / folder
    both = Pair(official, ours, demo_server.token, capsys)
    assert_same(*both.both("getLocations", {"locationCode": "FGPD"}), both.token)
    first, second = both.both("downloadArchivefile", BPR_FILE)
    assert_same(first, second, both.token, value=untimed)
    assert_same_files(both, 1)
    assert not (tmp_path / "unused").exists()
    ours.close()


def test_print_to_the_console_and_to_a_file(pair: Pair) -> None:
    answer = {"sensorData": [{"values": [1.0, 2, None], "name": "Température"}], "next": None}
    assert_same(*pair.both("print", answer), pair.token)
    assert pair.call(pair.ours, "print", answer).out == json.dumps(answer, indent=4) + "\n"
    pair.official.outPath.mkdir(parents=True)  # the official client needs it to exist
    pair.ours.outPath.mkdir(parents=True)
    assert_same(*pair.both("print", answer, filename="answer"), pair.token)
    assert_same(*pair.both("print", [1, 2], "listing.txt"), pair.token)
    written = assert_same_files(pair, 2)
    assert set(written) == {"answer.json", "listing.json"}
    assert (pair.ours.outPath / "answer.json").read_text() == json.dumps(answer, indent=4)


@pytest.mark.parametrize(
    "text",
    [
        "2019-Sept-09 03:00 PM",
        "2016-12-04",
        "2016-Dec-04, 12:00:00",
        "2016 Dec 04 03:00 PM",
        "2019-11-23T01:02:03.456",
    ],
)
def test_format_utc(pair: Pair, text: str) -> None:
    official, ours = pair.both("formatUtc", text)
    assert_same(official, ours, pair.token)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z", ours.value)


def test_format_utc_now(pair: Pair) -> None:
    official, ours = pair.both("formatUtc")
    now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
    for side in (official, ours):  # the same form, the current UTC time to the second
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z", side.value)
        assert abs(datetime.datetime.fromisoformat(side.value[:19]) - now) < datetime.timedelta(seconds=5)
    assert ours.out == official.out == ""


# ---------------------------------------------------------------------------------------------------------------
# Discovery


@pytest.mark.parametrize(
    "method,filters",
    [
        ("getLocations", {"locationCode": "FGPD", "dateFrom": "2005-09-17", "dateTo": "2020-09-17"}),
        (
            "getLocations",
            {"locationCode": "NEP", "includeChildren": "true", "deviceCategoryCode": "HYDROPHONE"},
        ),
        ("getLocations", None),
        ("getLocations", {}),
        ("getLocationsTree", {"locationCode": "BACCC"}),
        ("getLocationHierarchy", {"locationCode": "ARCT", "deviceCategoryCode": "VIDEOCAM"}),
        ("getLocationHierarchy", {"locationCode": "ONC"}),
        (
            "getDeployments",
            {
                "locationCode": "BACAX",
                "deviceCategoryCode": "CTD",
                "dateFrom": "2015-09-17",
                "dateTo": "2015-09-17T13:00:00.000Z",
            },
        ),
        ("getDevices", {"deviceCode": "BPR-Folger-59", "dateFrom": "2005-09-17T00:00:00.000Z"}),
        ("getDevices", {"locationCode": "NC89", "deviceCategoryCode": "BPR"}),
        (
            "getDeviceCategories",
            {"deviceCategoryCode": "CTD", "deviceCategoryName": "Conductivity", "description": "Temperature"},
        ),
        ("getDeviceCategories", {"locationCode": "NC89"}),
        (
            "getProperties",
            {"propertyCode": "conductivity", "locationCode": "BACAX", "deviceCategoryCode": "CTD"},
        ),
        ("getDataProducts", {"dataProductCode": "SHV"}),
        ("getDataProducts", {"dataProductCode": "HSD", "extension": "png"}),
        (
            "getDataAvailability",
            {
                "locationCode": "NCBC",
                "deviceCategoryCode": "BPR",
                "dateFrom": "2019-11-23",
                "dateTo": "2019-11-30",
            },
        ),
    ],
)
def test_discovery(pair: Pair, method: str, filters: dict[str, Any] | None) -> None:
    official, ours = pair.both(method, filters)
    assert_same(official, ours, pair.token)
    assert ours.value, "the demo holds data for every case"
    if filters:  # the official client writes the token into a non-empty filters dict, and so must we
        assert ours.args[0]["token"] == pair.token
    else:
        assert ours.args[0] == filters


# ---------------------------------------------------------------------------------------------------------------
# Errors


@pytest.mark.parametrize(
    "method,args,code",
    [
        ("getLocations", ({"locationCode": "XYZ123"},), "API Error 127"),
        ("getLocations", ({"locationCodes": "FGPD"},), "API Error 129"),
        (
            "getLocations",
            ({"locationCode": "FGPD", "dateFrom": "2020-01-01", "dateTo": "2019-01-01"},),
            "API Error 23",
        ),
        ("getLocationsTree", ({"locationCode": "ARCT", "dateFrom": "2050-01-01"},), "API Error 25"),
        ("getLocationHierarchy", ({"locationCode": "ARCT", "dateTo": "1900-01-01"},), "404 Client Error"),
        (
            "getDeployments",
            ({"locationCode": "BACAX", "deviceCategoryCode": "CTD", "dateTo": "1900-01-01"},),
            "API Error 127",
        ),
        ("getDevices", ({"deviceCode": "BPR-Folger-59", "dateTo": "1900-01-01"},), "404 Client Error"),
        ("getDeviceCategories", ({"deviceCategoryCodes": "CTD"},), "API Error 129"),
        ("getProperties", ({"propertyCode": "conductivity", "locationCode": "SAAN"},), "404 Client Error"),
        ("getDataProducts", ({"dataProductCode": "HSD", "extension": "txt"},), "404 Client Error"),
        ("getDataAvailability", ({"locationCode": "INVALID", "deviceCategoryCode": "BPR"},), "API Error 127"),
        ("getScalardataByDevice", ({"deviceCode": "XYZ123"},), "API Error 127"),
        ("getScalardataByLocation", ({**SCALAR_LOCATION, **NO_DATA},), "API Error 127"),
        ("getDirectByLocation", ({**SCALAR_LOCATION, "locationCodes": "NCBC"},), "API Error 129"),
        ("getScalardata", ({"deviceCodes": "BPR-Folger-59", "deviceCode": "XYZ123"},), "API Error 129"),
        ("getRawdataByLocation", ({**RAW_LOCATION, **NO_DATA},), "API Error 127"),
        ("getDirectRawByDevice", ({"deviceCode": "XYZ123"},), "API Error 127"),
        ("getRawdata", ({"locationCode": "XYZ123", "deviceCategoryCode": "BPR"},), "API Error 127"),
        ("getArchivefileByLocation", ({**ARCHIVE_LOCATION, **NO_DATA},), "API Error 127"),
        ("getListByDevice", ({**ARCHIVE_DEVICE, "deviceCodes": "x"},), "API Error 129"),
        ("getArchivefile", ({**ARCHIVE_LOCATION, "locationCode": "XYZ123"},), "API Error 127"),
        ("getArchivefileUrls", ({**ARCHIVE_DEVICE, "deviceCode": "XYZ123"},), "API Error 127"),
        ("downloadArchivefile", ("FAKEFILE.XYZ",), "API Error 96"),
        ("getFile", (), "API Error 128"),
        ("downloadDirectArchivefile", ({**ARCHIVE_LOCATION, "locationCode": "XYZ123"},), "API Error 127"),
        ("getSensorCategoryCodes", ({"deviceCode": "XYZ123"},), "API Error 127"),
        ("orderDataProduct", ({**PRODUCT, "dataProductCode": "XYZ123"},), "API Error 127"),
        ("requestDataProduct", ({**PRODUCT, "dpo_fake": "1"},), "API Error 129"),
        ("checkDataProduct", (BAD_ID,), "API Error 127"),
        ("runDataProduct", (BAD_ID,), "API Error 127"),
        ("cancelDataProduct", (BAD_ID,), "API Error 127"),
        ("restartDataProduct", (BAD_ID,), "API Error 127"),
        ("downloadDataProduct", (BAD_ID,), "API Error 127"),
    ],
)
def test_api_errors(pair: Pair, method: str, args: tuple[Any, ...], code: str) -> None:
    official, ours = pair.both(method, *args)
    assert_same(official, ours, pair.token, fails=True)
    assert isinstance(ours.error, requests.HTTPError)
    assert code in str(ours.error)
    assert files_in(pair.ours.outPath) == {}


@pytest.mark.parametrize(
    "method,args",
    [
        ("getLocations", ({"locationCode": "FGPD"},)),
        ("getScalardata", (dict(SCALAR_DEVICE),)),
        ("getRawdataByLocation", (dict(RAW_LOCATION),)),
        ("getArchivefile", (dict(ARCHIVE_LOCATION),)),
        ("downloadArchivefile", (BPR_FILE,)),
        ("getDirectFiles", (dict(ARCHIVE_DEVICE),)),
        ("orderDataProduct", (dict(PRODUCT),)),
        ("checkDataProduct", (1,)),
        ("runDataProduct", (1,)),
        ("downloadDataProduct", (1,)),
    ],
)
def test_a_bad_token_is_401(
    demo_server: RunningServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    method: str,
    args: tuple[Any, ...],
) -> None:
    pair = make_pair(demo_server, tmp_path, capsys)
    pair.official.token = pair.ours.token = pair.token = "not-a-valid-token"
    official, ours = pair.both(method, *args)
    assert_same(official, ours, pair.token, fails=True)
    assert str(ours.error).startswith("Status 401 - Unauthorized: ")
    assert "Please check that your Web Services API token is valid." in str(ours.error)
    pair.ours.close()


@pytest.mark.parametrize(
    "method,filters",
    [
        ("getScalardata", {"locationCode": "NCBC"}),
        ("getRawdata", {"deviceCategoryCode": "BPR", "dateFrom": "2019-11-23"}),
        ("getArchivefile", {"locationCode": "NCBC", "fileExtension": "txt"}),
        ("getArchivefileUrls", {}),
        ("downloadDirectArchivefile", {"deviceCategoryCode": "BPR"}),
        ("getSensorCategoryCodes", {"locationCode": "NCBC"}),
    ],
)
def test_dispatch_without_a_device_or_location_is_a_value_error(
    pair: Pair, method: str, filters: dict[str, Any]
) -> None:
    official, ours = pair.both(method, filters)
    assert_same(official, ours, pair.token, fails=True)
    assert type(ours.error) is ValueError
    assert ours.args[0] == filters  # nothing was sent, nothing written into the filters


# ---------------------------------------------------------------------------------------------------------------
# Near real-time data

SCALAR_METHODS = [
    ("getScalardataByDevice", SCALAR_DEVICE),
    ("getDirectByDevice", SCALAR_DEVICE),
    ("getScalardataByLocation", SCALAR_LOCATION),
    ("getDirectByLocation", SCALAR_LOCATION),
    ("getScalardata", SCALAR_DEVICE),
    ("getScalardata", SCALAR_LOCATION),
]
RAW_METHODS = [
    ("getRawdataByDevice", SCALAR_DEVICE),
    ("getDirectRawByDevice", SCALAR_DEVICE),
    ("getRawdataByLocation", RAW_LOCATION),
    ("getDirectRawByLocation", RAW_LOCATION),
    ("getRawdata", SCALAR_DEVICE),
    ("getRawdata", RAW_LOCATION),
]


def rows_of(result: dict[str, Any]) -> int:
    if "sensorData" in result:
        return len(result["sensorData"][0]["data"]["values"])
    return len(result["data"]["readings"])


@pytest.mark.parametrize("method,filters", SCALAR_METHODS + RAW_METHODS)
@pytest.mark.parametrize("row_limit", [80000, 25])
def test_one_page(pair: Pair, method: str, filters: dict[str, Any], row_limit: int) -> None:
    official, ours = pair.both(method, {**filters, "rowLimit": row_limit})
    assert_same(official, ours, pair.token)
    assert ours.args[0]["token"] == pair.token
    if row_limit == 25:
        assert rows_of(ours.value) == 25 and ours.value["next"] is not None
    else:
        assert rows_of(ours.value) > 25 and ours.value["next"] is None


def without_page_lines(text: str) -> str:
    return re.sub(r"^   \(\d+ samples\) Downloading page \d+\.\.\.\n", "", text, flags=re.M)


@pytest.mark.parametrize("method,filters", SCALAR_METHODS + RAW_METHODS)
def test_all_pages(pair: Pair, method: str, filters: dict[str, Any]) -> None:
    """rowLimit 25 over 60 samples: 3 pages, stitched into exactly the one-page answer."""
    official, ours = pair.both(method, {**filters, "rowLimit": 25}, allPages=True)
    # Concurrent paging prints no per-page progress lines (ours pages time slices, not the official pages);
    # every other line is the official one. concurrency=1 must print exactly the official lines (below).
    assert_same(official, ours, pair.token, out=lambda s: without_page_lines(untimed_text(s)))
    assert "   (25 samples) Downloading page 2..." in official.out
    whole = pair.call(pair.ours, method, dict(filters))
    assert ours.value["next"] is None
    assert strict(samples(ours.value)) == strict(samples(whole.value))


def samples(result: dict[str, Any]) -> Any:
    """The rows of an answer: ``data`` of each sensor, or the raw ``data`` (allPages keeps page 1's other keys,
    such as ``actualSamples``, in both clients)."""
    if "sensorData" in result:
        return [(sensor["sensorCode"], sensor["data"]) for sensor in result["sensorData"]]
    return result["data"]


@pytest.mark.parametrize(
    "method,filters", [SCALAR_METHODS[0], SCALAR_METHODS[3], RAW_METHODS[0], RAW_METHODS[3]]
)
def test_all_pages_one_at_a_time_prints_the_official_lines(
    demo_server: RunningServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    method: str,
    filters: dict[str, Any],
) -> None:
    pair = make_pair(demo_server, tmp_path, capsys, concurrency=1)
    official, ours = pair.both(method, {**filters, "rowLimit": 25}, allPages=True)
    assert_same(official, ours, pair.token, out=untimed_text)
    assert untimed_text(ours.out) == (
        "Data quantity is greater than the row limit and will be downloaded in multiple pages.\n"
        "Downloading time for the first page: <t>\n"
        "Estimated approx. 3 pages in total.\n"
        "Estimated approx. <t> to complete for the rest of the pages.\n"
        "\n"
        "   (25 samples) Downloading page 2...\n"
        "   (50 samples) Downloading page 3...\n"
        "   (60 samples) Completed in <t>.\n"
    )
    pair.ours.close()


@pytest.mark.parametrize("method", ["getScalardataByDevice", "getRawdataByDevice"])
def test_device_without_data_in_the_window(pair: Pair, method: str) -> None:
    official, ours = pair.both(method, {**SCALAR_DEVICE, **NO_DATA}, allPages=True)
    assert_same(official, ours, pair.token)
    if method.startswith("getScalar"):
        assert ours.value["sensorData"] is None
    else:
        assert ours.value["data"] == {"lineTypes": [], "readings": [], "times": []}


def test_page_across_a_day_boundary(pair: Pair) -> None:
    filters = {
        **SCALAR_DEVICE,
        "dateFrom": "2019-11-23T23:59:00.000Z",
        "dateTo": "2019-11-24",
        "rowLimit": 25,
    }
    for method in ("getScalardataByDevice", "getRawdataByDevice"):
        official, ours = pair.both(method, filters, allPages=True)
        assert_same(official, ours, pair.token, out=lambda s: without_page_lines(untimed_text(s)))
        assert rows_of(ours.value) == 60


@pytest.mark.parametrize("filters", [SCALAR_LOCATION, SCALAR_DEVICE])
def test_sensor_category_codes(pair: Pair, filters: dict[str, Any]) -> None:
    official, ours = pair.both("getSensorCategoryCodes", dict(filters))
    assert_same(official, ours, pair.token)
    assert ours.args[0] == filters  # the official client passes a copy: no token written here
    assert [s["sensorCategoryCode"] for s in ours.value][:2] == ["pressure", "temperature"]
    assert all("data" not in sensor for sensor in ours.value)


def test_a_list_of_sensor_categories_is_joined_in_the_callers_filters(pair: Pair) -> None:
    filters = {
        **SCALAR_LOCATION,
        "propertyCode": "seawatertemperature",
        "sensorCategoryCodes": ["temperature1", "temperature2"],
    }
    official, ours = pair.both("getScalardata", filters)
    assert_same(official, ours, pair.token)
    assert ours.args[0]["sensorCategoryCodes"] == "temperature1,temperature2"
    assert [s["sensorCode"] for s in ours.value["sensorData"]] == ["temperature1", "temperature2"]


def test_show_info_prints_the_requests(pair: Pair) -> None:
    pair.official.showInfo = pair.ours.showInfo = True
    for method, filters in [("getLocations", {"locationCode": "FGPD"}), ("getScalardata", SCALAR_DEVICE)]:
        official, ours = pair.both(method, dict(filters))
        assert_same(official, ours, pair.token, out=untimed_text)
        assert untimed_text(ours.out).endswith("Web Service response time: <t>\n")
        assert ours.out.startswith(f"Requesting URL:\n{pair.ours.baseUrl}api/")


def test_show_warning_logs_the_messages(pair: Pair, caplog: pytest.LogCaptureFixture) -> None:
    pair.official.showWarning = pair.ours.showWarning = True
    filters = {k: v for k, v in SCALAR_DEVICE.items() if k != "rowLimit"}  # the server warns of the default
    logged = []
    for client in (pair.official, pair.ours):
        caplog.clear()
        with caplog.at_level(logging.WARNING):
            pair.call(client, "getScalardata", dict(filters))
        logged.append([(r.levelno, r.getMessage()) for r in caplog.records])
    assert logged[1] == logged[0]
    assert len(logged[1]) == 1 and "* rowLimit not given" in logged[1][0][1]
    assert pair.token not in logged[1][0][1]


STANDALONE = {
    "official": "from onc import ONC\nclient = ONC({token!r}, showWarning=True)\nclient.baseUrl = {url!r}\n",
    "ours": "from pelagos import ONC\nclient = ONC({token!r}, baseUrl={url!r}, progress=False)\n",
}


def test_warnings_show_on_stderr_as_with_the_official_client(demo_server: RunningServer) -> None:
    """In a program that configured no logging, the warning reads the same on stderr (``WARNING: ...``)."""
    filters = {k: v for k, v in SCALAR_DEVICE.items() if k != "rowLimit"}
    shown = {}
    for name, setup in STANDALONE.items():
        script = (
            setup.format(token=demo_server.token, url=demo_server.url)
            + f"client.getScalardata({filters!r})\n"
        )
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        shown[name] = (done.stdout, done.stderr)
    assert shown["ours"] == shown["official"]
    assert (
        shown["ours"][1].startswith("WARNING: When calling ") and "* rowLimit not given" in shown["ours"][1]
    )


# ---------------------------------------------------------------------------------------------------------------
# Archive files


@pytest.mark.parametrize(
    "method,filters",
    [
        ("getArchivefileByLocation", ARCHIVE_LOCATION),
        ("getListByLocation", ARCHIVE_LOCATION),
        ("getArchivefileByDevice", ARCHIVE_DEVICE),
        ("getListByDevice", ARCHIVE_DEVICE),
        ("getArchivefile", ARCHIVE_LOCATION),
        ("getArchivefile", ARCHIVE_DEVICE),
    ],
)
@pytest.mark.parametrize("row_limit,all_pages", [(80000, False), (2, False), (2, True)])
def test_archive_listing(
    pair: Pair, method: str, filters: dict[str, Any], row_limit: int, all_pages: bool
) -> None:
    official, ours = pair.both(method, {**filters, "rowLimit": row_limit}, allPages=all_pages)
    assert_same(official, ours, pair.token, out=untimed_text)
    assert ours.args[0]["token"] == pair.token
    expected = 2 if (row_limit, all_pages) == (2, False) else 3
    assert len(ours.value["files"]) == expected and (ours.value["next"] is None) == (expected == 3)
    if all_pages:
        assert "   (2 samples) Downloading page 2...\n" in ours.out


def test_device_archive_without_files_is_empty(pair: Pair) -> None:
    official, ours = pair.both("getArchivefileByDevice", {**ARCHIVE_DEVICE, **NO_DATA})
    assert_same(official, ours, pair.token)
    assert ours.value["files"] == []


@pytest.mark.parametrize("row_limit,all_pages", [(None, False), (12, False), (8, True), (12, True)])
def test_client_side_extension_filter(pair: Pair, row_limit: int | None, all_pages: bool) -> None:
    """``extension`` is never sent: the names are filtered after each page (so pages come back short)."""
    filters = {**HYDROPHONE, "extension": "mat"} | ({"rowLimit": row_limit} if row_limit else {})
    official, ours = pair.both("getArchivefile", filters, allPages=all_pages)
    assert_same(official, ours, pair.token, out=untimed_text)
    assert ours.args[0]["extension"] == "mat" and ours.args[0]["token"] == pair.token
    expected = [
        "ICLISTENHF1560_20181004T235903.000Z-spect.mat",
        "ICLISTENHF1560_20181005T000403.000Z-spect.mat",
    ]
    expected += ["ICLISTENHF1560_20181005T000903.000Z-spect.mat"]
    assert ours.value["files"] == (expected[:2] if row_limit == 12 and not all_pages else expected)


@pytest.mark.parametrize("joined", [False, True])
def test_archivefile_urls(pair: Pair, joined: bool) -> None:
    official, ours = pair.both(
        "getArchivefileUrls", {**HYDROPHONE, "extension": "mat"}, joinedWithNewline=joined
    )
    assert_same(official, ours, pair.token)
    urls = ours.value.split("\n") if joined else ours.value
    assert len(urls) == 3
    assert urls[1] == (
        f"{pair.ours.baseUrl}api/archivefile/download?filename=ICLISTENHF1560_20181005T000403.000Z-spect.mat"
        f"&token={pair.token}"
    )
    # The URL needs nothing else to download the file.
    assert len(requests.get(urls[1], timeout=60).content) > 0


def test_archivefile_urls_all_pages(pair: Pair) -> None:
    official, ours = pair.both("getArchivefileUrls", {**ARCHIVE_LOCATION, "rowLimit": 2}, allPages=True)
    assert_same(official, ours, pair.token, out=untimed_text)
    assert len(ours.value) == 3


def test_archivefile_url(pair: Pair) -> None:
    for args in [(BPR_FILE,), ()]:
        official, ours = pair.both("getArchivefileUrl", *args)
        assert_same(official, ours, pair.token)
    assert ours.value == f"{pair.ours.baseUrl}api/archivefile/download?filename=&token={pair.token}"


def test_download_archivefile_and_overwrite(pair: Pair) -> None:
    official, ours = pair.both("downloadArchivefile", BPR_FILE)
    assert_same(official, ours, pair.token, value=untimed)
    assert (
        ours.value["status"] == "completed"
        and ours.value["size"] == (pair.ours.outPath / BPR_FILE).stat().st_size
    )
    assert_same_files(pair, 1)

    official, ours = pair.both("downloadArchivefile", BPR_FILE)  # kept: FileExistsError
    assert_same(official, ours, pair.token, fails=True)
    assert type(ours.error) is FileExistsError and str(ours.error) == str(pair.ours.outPath / BPR_FILE)

    for folder in (pair.official.outPath, pair.ours.outPath):
        (folder / BPR_FILE).write_bytes(b"stale")
    official, ours = pair.both("getFile", BPR_FILE, overwrite=True)
    assert_same(official, ours, pair.token, value=untimed)
    files = assert_same_files(pair, 1)
    assert files[BPR_FILE] != hashlib.sha256(b"stale").hexdigest()

    for folder in (pair.official.outPath, pair.ours.outPath):  # an empty file counts as missing
        (folder / BPR_FILE).write_bytes(b"")
    official, ours = pair.both("getFile", BPR_FILE)
    assert_same(official, ours, pair.token, value=untimed)
    assert assert_same_files(pair, 1) == files


def test_download_archivefile_with_an_empty_name_asks_the_server(pair: Pair) -> None:
    pair.official.outPath.mkdir(parents=True)  # the folder exists: it is not a file "already there"
    pair.ours.outPath.mkdir(parents=True)
    official, ours = pair.both("getFile")
    assert_same(official, ours, pair.token, fails=True)
    assert "API Error 128" in str(ours.error)


def test_download_direct_archivefile(pair: Pair) -> None:
    for folder in (pair.official.outPath, pair.ours.outPath):
        folder.mkdir(parents=True)
        (folder / "BPR-Folger-59_20191123T000000.000Z.txt").write_bytes(b"kept as it is")
        (folder / "BPR-Folger-59_20191124T000000.000Z.txt").write_bytes(b"")  # empty: downloaded again
    filters = {**ARCHIVE_LOCATION, "returnOptions": "all"}
    official, ours = pair.both("downloadDirectArchivefile", filters)
    assert_same(official, ours, pair.token, value=untimed, out=untimed_text)
    assert "returnOptions" not in ours.args[0] and ours.args[0]["token"] == pair.token
    assert [r["status"] for r in ours.value["downloadResults"]] == ["skipped", "completed", "completed"]
    assert ours.value["stats"]["fileCount"] == 2
    assert untimed_text(ours.out) == (
        "Obtained a list of 3 files to download.\n"
        '   Skipping "BPR-Folger-59_20191123T000000.000Z.txt": File already exists.\n'
        '   (1 of 3) Downloading file: "BPR-Folger-59_20191124T000000.000Z.txt"\n'
        '   (2 of 3) Downloading file: "BPR-Folger-59_20191125T000000.000Z.txt"\n'
        f"2 files ({humanize.naturalsize(ours.value['stats']['totalSize'])}) downloaded\n"
        "Total Download Time: <t>\n"
    )
    assert ours.value["stats"]["totalSize"] == sum(r["size"] for r in ours.value["downloadResults"])
    files = assert_same_files(pair, 3)
    assert files["BPR-Folger-59_20191123T000000.000Z.txt"] == hashlib.sha256(b"kept as it is").hexdigest()

    official, ours = pair.both("getDirectFiles", {**ARCHIVE_DEVICE, "rowLimit": 2}, overwrite=True)
    assert_same(official, ours, pair.token, value=untimed, out=untimed_text)
    assert ours.value["stats"]["fileCount"] == 2

    official, ours = pair.both("getDirectFiles", {**ARCHIVE_DEVICE, "rowLimit": 2}, allPages=True)
    assert_same(official, ours, pair.token, value=untimed, out=untimed_text)
    assert [r["status"] for r in ours.value["downloadResults"]] == ["skipped"] * 3
    assert ours.value["stats"] == {"totalSize": 0, "downloadTime": 0, "fileCount": 0}
    assert_same_files(pair, 3)


def test_download_direct_one_day_replaces_an_empty_file(pair: Pair) -> None:
    name = "BPR-Folger-59_20191126T000000.000Z.txt"
    for folder in (pair.official.outPath, pair.ours.outPath):
        folder.mkdir(parents=True)
        (folder / name).write_bytes(b"")
    filters = {**ARCHIVE_LOCATION, "dateFrom": "2019-11-26", "dateTo": "2019-11-27"}
    official, ours = pair.both("downloadDirectArchivefile", filters)
    assert_same(official, ours, pair.token, value=untimed, out=untimed_text)
    assert list(assert_same_files(pair, 1)) == [name]
    assert (pair.ours.outPath / name).stat().st_size > 0


# ---------------------------------------------------------------------------------------------------------------
# Data products


def order_text(text: str, results_only: bool = False) -> str:
    """An order's printed text, normalised; with ``downloadResultsOnly`` the run is polled (run states only),
    otherwise the downloads are (their progress messages are free text)."""
    return settled(unestimated(unid(untimed_text(text))), states=RUN_STATES if results_only else None)


def order_value(value: dict[str, Any], results_only: bool) -> dict[str, Any]:
    """An order's result with the poll counts checked and normalised: the first file (which may wait for the
    run) and, with ``downloadResultsOnly``, the run polls in the total."""
    value = copy.deepcopy(value)
    records, stats = value["downloadResults"], value["stats"]
    if results_only:
        assert stats["requestCount"] >= 1
        stats["requestCount"] = "<n>"
    else:
        # One run call (not waited on), then the GETs of each file.
        assert stats["requestCount"] == 1 + sum(r["requestCount"] for r in records)
        assert records[0]["requestCount"] >= 1
        records[0]["requestCount"] = stats["requestCount"] = "<n>"
    return unid(untimed(value))


@pytest.mark.parametrize(
    "options,on_disk",
    [
        ({"maxRetries": 100}, 3),
        ({"includeMetadataFile": False}, 2),
        ({"downloadResultsOnly": True}, 0),
    ],
)
def test_order_data_product(pair: Pair, options: dict[str, Any], on_disk: int) -> None:
    official, ours = pair.both("orderDataProduct", dict(PRODUCT), **options)
    results_only = options.get("downloadResultsOnly", False)
    assert_same(
        official,
        ours,
        pair.token,
        value=lambda v: order_value(v, results_only),
        out=lambda s: order_text(s, results_only),
    )
    assert ours.args[0] == {**PRODUCT, "token": pair.token}
    records = ours.value["downloadResults"]
    assert [r["index"] for r in records] == ["1", "2", "meta"][: 3 if on_disk != 2 else 2]
    assert all(r["status"] == "complete" and r["downloaded"] is not results_only for r in records)
    files = assert_same_files(pair, on_disk)
    assert sorted(files) == sorted(r["file"] for r in records if r["downloaded"])
    run_id = re.search(r"dpRunId=(\d+)", records[0]["url"])
    assert run_id and f"runId {run_id.group(1)}..." in ours.out


def test_order_again_skips_the_files_already_there(pair: Pair) -> None:
    outcomes = []
    for options in ({}, {}, {"overwrite": True}):
        official, ours = pair.both("orderDataProduct", dict(PRODUCT), **options)
        assert_same(official, ours, pair.token, value=lambda v: order_value(v, False), out=order_text)
        outcomes.append(ours)
        assert_same_files(pair, 3)
    records = outcomes[1].value["downloadResults"]
    assert [(r["status"], r["size"], r["downloaded"]) for r in records] == [("skipped", 0, True)] * 3
    assert order_text(outcomes[1].out).endswith(
        "\n".join(f'   Skipping "{r["file"]}": File already exists.' for r in records)
        + "\n\nTotal run time: <t>\nTotal download Time: <t>\n3 files (0 Bytes) downloaded\n"
    )
    records = outcomes[2].value["downloadResults"]
    assert [r["status"] for r in records] == ["complete"] * 3 and all(r["size"] > 0 for r in records)


def test_data_product_step_by_step(pair: Pair) -> None:
    """request, status, run (once, then waiting), download (links, files, skipping, overwrite), cancel,
    restart, on both clients, each on its own request."""
    official, ours = pair.both("requestDataProduct", dict(PRODUCT))
    assert_same(
        official, ours, pair.token, value=lambda v: unid(unestimated(v)), out=lambda s: unid(unestimated(s))
    )
    for side in (official, ours):  # what is printed is what the server estimated for that request
        r = side.value
        assert side.out == (
            f"Request Id: {r['dpRequestId']}\nEstimated File Size: {r['estimatedFileSize']}\n"
            f"Estimated Processing Time: {r['estimatedProcessingTime']}\n"
        )
    assert ours.args[0]["token"] == pair.token
    ids = (official.value["dpRequestId"], ours.value["dpRequestId"])
    assert ids[0] != ids[1]

    def step(
        method: str, *args: Any, value: Callable[[Any], Any] = unid, **kwargs: Any
    ) -> tuple[Outcome, Outcome]:
        """Call ``method`` with each client's own id, then compare."""
        first = pair.call(pair.official, method, ids[0], *args, **kwargs)
        second = pair.call(pair.ours, method, ids[1], *args, **kwargs)
        second.args = first.args = ("<id>", *first.args[1:])
        assert_same(
            first, second, pair.token, value=value, out=lambda s: settled(unid(untimed_text(s))), error=unid
        )
        return first, second

    _, ours = step("checkDataProduct")
    assert ours.value["searchHdrStatus"] == "OPEN"
    _, ours = step("runDataProduct", waitComplete=False, value=lambda v: unid(untimed(v)))
    assert ours.value["requestCount"] == 1
    assert ours.out == f"To cancel the running data product, run 'onc.cancelDataProduct({ids[1]})'\n"
    waited = step("runDataProduct", value=lambda v: unid(untimed(v)) | {"requestCount": "<n>"})
    for side in waited:
        polled(side)
        assert side.value["fileCount"] == 2
    runs = (waited[0].value["runIds"][0], waited[1].value["runIds"][0])
    _, ours = step("checkDataProduct")
    assert ours.value["searchHdrStatus"] == "COMPLETED"
    _, ours = step("runDataProduct", value=lambda v: unid(untimed(v)))  # complete: one call, nothing polled
    assert ours.value["requestCount"] == 1
    assert ours.out.endswith("\n\n   2 files generated for this data product\n   complete\n")

    def download(*args: Any, fails: bool = False, **kwargs: Any) -> tuple[Outcome, Outcome]:
        first = pair.call(pair.official, "downloadDataProduct", runs[0], *args, **kwargs)
        second = pair.call(pair.ours, "downloadDataProduct", runs[1], *args, **kwargs)
        second.args = first.args = ("<id>", *first.args[1:])
        assert_same(
            first,
            second,
            pair.token,
            value=lambda v: unid(untimed(v)),
            out=lambda s: settled(unid(s), None),
            error=unid,
            fails=fails,
        )
        return first, second

    _, ours = download(downloadResultsOnly=True)
    assert [r["index"] for r in ours.value] == ["1", "2", "meta"]
    assert not any(r["downloaded"] for r in ours.value)
    assert ours.out.endswith("   2 files available for download\n")
    assert_same_files(pair, 0)
    _, ours = download(includeMetadataFile=False)
    assert [r["status"] for r in ours.value] == ["complete"] * 2
    assert_same_files(pair, 2)
    _, ours = download()
    assert [r["status"] for r in ours.value] == ["skipped", "skipped", "complete"]
    assert ours.out.count("File already exists.") == 2
    _, ours = download(1, overwrite=True)  # maxRetries=1 is enough for files that are ready
    assert [(r["status"], r["requestCount"]) for r in ours.value] == [("complete", 1)] * 3
    assert_same_files(pair, 3)

    _, ours = step("cancelDataProduct")
    assert ours.value == [{"dpRunId": runs[1], "status": "cancelled"}]
    _, ours = step("runDataProduct", value=lambda v: unid(untimed(v)))
    assert ours.out.endswith("\n   cancelled\n") and ours.value["requestCount"] == 1
    _, ours = download(fails=True)  # a cancelled run: 400/127 with a proper errors body (decision §10.2)
    assert "API Error 127" in str(ours.error)
    _, ours = step("restartDataProduct", waitComplete=False)
    assert ours.value == [{"dpRunId": runs[1], "status": "queued"}]
    step("cancelDataProduct")
    restarted = step("restartDataProduct", value=lambda v: unid(untimed(v)) | {"requestCount": "<n>"})
    for side, run_id in zip(restarted, runs, strict=True):  # the same dpRunId, generated again
        polled(side)
        assert side.value["runIds"] == [run_id] and side.value["fileCount"] == 2
    _, ours = download(overwrite=True)
    assert [r["status"] for r in ours.value] == ["complete"] * 3
    assert_same_files(pair, 3)
