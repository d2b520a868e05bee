"""Fuzz every GET route of the OpenAPI document: whatever the query, the server answers in its own format and
never with a 500 (issue: "Nothing returns a 500")."""

from __future__ import annotations

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import RunningServer

REALISTIC = [
    "FGPD",
    "NCBC",
    "BACAX",
    "CTD",
    "BPR",
    "BPR-Folger-59",
    "seawatertemperature",
    "TSSD",
    "csv",
    "png",
    "2019-11-23",
    "2019-11-23T00:00:00.000Z",
    "2050-01-01",
    "1900-01-01",
    "-P1D",
    "PT1H",
    "true",
    "False",
    "0",
    "1",
    "100000",
    "100001",
    "-5",
    "avg",
    "minMax",
    "array",
    "object",
    "clean",
    "raw",
    "excludeScalarData",
    "all",
    "meta",
    "1234567890",
    "BPR-Folger-59_20191123T000000.000Z.txt",
    "../../etc/passwd",
]
VALUES = st.one_of(
    st.sampled_from(REALISTIC),
    st.text(max_size=40),
    st.integers().map(str),
    st.floats(allow_nan=True).map(str),
)


def _routes(server: RunningServer) -> list[tuple[str, list[str]]]:
    spec = server.get("openapi.json").json()
    routes = []
    for path, item in spec["paths"].items():
        if "get" in item and path.startswith("/api/"):
            names = [p["name"] for p in item["get"].get("parameters", []) if p["in"] == "query"]
            routes.append((path, names))
    return routes


@pytest.mark.slow
def test_fuzz_every_route_never_500(demo_server: RunningServer) -> None:
    routes = _routes(demo_server)
    assert any(path == "/api/locations" for path, _ in routes)
    client = httpx.Client(base_url=demo_server.url, timeout=120)

    @settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.data())
    def check(data: st.DataObject) -> None:
        path, names = data.draw(st.sampled_from(routes))
        chosen = data.draw(
            st.lists(st.sampled_from([n for n in names if n != "token"] or ["x"]), max_size=5, unique=True)
        )
        params = {name: data.draw(VALUES) for name in chosen}
        if data.draw(st.booleans()):
            params[data.draw(st.text(min_size=1, max_size=12))] = data.draw(VALUES)
        params["token"] = demo_server.token if data.draw(st.integers(0, 9)) else data.draw(VALUES)
        response = client.get(path, params=params)
        assert response.status_code < 500, (path, params, response.text[:500])
        if response.status_code in (400, 401):
            errors = response.json()["errors"]
            assert errors and all({"errorCode", "errorMessage", "parameter"} <= set(e) for e in errors)

    check()
