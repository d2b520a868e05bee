"""The legacy ``api/<service>?method=<verb>`` URL forms still used by the MATLAB client (contract §0.1).

A legacy form is rewritten to its path form before routing. A ``method`` sent with a path form must name that
path (the official client pre-fills ``dataProductDelivery/download?method=download``); any other value is
400/127 on ``method``: checked by :class:`pelagos.api.params.Params` on real routes (after the token), and
answered here for the legacy-only service paths such as ``api/scalardata``, which have no route of their own.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Receive, Scope, Send

from pelagos.api.errors import ApiError, invalid
from pelagos.api.responses import OrjsonResponse

#: (service, verb, path form) as the MATLAB client writes them; services and verbs match case-insensitively.
LEGACY_FORMS: list[tuple[str, str, str]] = [
    ("locations", "get", "locations"),
    ("locations", "getTree", "locations/tree"),
    ("deployments", "get", "deployments"),
    ("devices", "get", "devices"),
    ("deviceCategories", "get", "deviceCategories"),
    ("properties", "get", "properties"),
    ("dataProducts", "get", "dataProducts"),
    ("scalardata", "getByLocation", "scalardata/location"),
    ("scalardata", "getByDevice", "scalardata/device"),
    ("rawdata", "getByLocation", "rawdata/location"),
    ("rawdata", "getByDevice", "rawdata/device"),
    *(
        (service, verb, target)
        for service in ("archivefiles", "archivefile")
        for verb, target in (
            ("getListByLocation", "archivefile/location"),
            ("getListByDevice", "archivefile/device"),
            ("getFile", "archivefile/download"),
        )
    ),
    *(
        ("dataProductDelivery", verb, f"dataProductDelivery/{verb}")
        for verb in ("request", "status", "run", "cancel", "restart", "download")
    ),
]
LEGACY_ROUTES: dict[tuple[str, str], str] = {
    (service.lower(), verb.lower()): target for service, verb, target in LEGACY_FORMS
}
#: Services that exist only in legacy form: ``api/<service>`` is not a route without a valid ``method``.
LEGACY_ONLY = frozenset(s.lower() for s, _, _ in LEGACY_FORMS) - {t.lower() for _, _, t in LEGACY_FORMS}


def _service(path: str) -> str:
    return path[len("/api/") :].strip("/") if path.startswith("/api/") else ""


def verbs_for(path: str) -> list[str]:
    """The ``method`` values that name the route at ``path`` (``/api/...``), in the MATLAB client's spelling."""
    service = _service(path)
    return list(dict.fromkeys(verb for _, verb, target in LEGACY_FORMS if target == service))


def method_fits(path: str, verb: str) -> bool:
    """Whether ``method=verb`` names the route at ``path``, as a legacy client may send it redundantly."""
    service = _service(path)
    return LEGACY_ROUTES.get((service.split("/")[0].lower(), verb.lower())) == service


def bad_method(path: str, verb: str) -> ApiError:
    """Error 127 on ``method`` for a verb the route at ``path`` does not have."""
    verbs = verbs_for(path) or [v for s, v, _ in LEGACY_FORMS if s.lower() == _service(path).lower()]
    allowed = f"one of: {', '.join(verbs)}" if verbs else "absent"
    return invalid("method", f"method={verb} is not a verb of {path}: method must be {allowed}")


class LegacyMethodRoutes:
    """Rewrites ``/api/<service>?method=<verb>`` to the path form before routing; other requests pass through."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith("/api/"):
            service = _service(scope["path"])
            if "/" not in service:
                query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
                verb = query.get("method", "")
                target = LEGACY_ROUTES.get((service.lower(), verb.lower()))
                if target:
                    scope = {**scope, "path": f"/api/{target}", "raw_path": f"/api/{target}".encode()}
                elif verb and service.lower() in LEGACY_ONLY:
                    error = bad_method(scope["path"], verb)
                    await OrjsonResponse(error.body(), status_code=error.status)(scope, receive, send)
                    return
        await self.app(scope, receive, send)
