"""The legacy ``api/<service>?method=<verb>`` URL forms still used by the MATLAB client (contract §0.1)."""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Receive, Scope, Send

LEGACY_ROUTES: dict[tuple[str, str], str] = {
    ("locations", "get"): "locations",
    ("locations", "gettree"): "locations/tree",
    ("deployments", "get"): "deployments",
    ("devices", "get"): "devices",
    ("devicecategories", "get"): "deviceCategories",
    ("properties", "get"): "properties",
    ("dataproducts", "get"): "dataProducts",
    ("scalardata", "getbylocation"): "scalardata/location",
    ("scalardata", "getbydevice"): "scalardata/device",
    ("rawdata", "getbylocation"): "rawdata/location",
    ("rawdata", "getbydevice"): "rawdata/device",
    ("archivefiles", "getlistbylocation"): "archivefile/location",
    ("archivefiles", "getlistbydevice"): "archivefile/device",
    ("archivefiles", "getfile"): "archivefile/download",
    ("archivefile", "getlistbylocation"): "archivefile/location",
    ("archivefile", "getlistbydevice"): "archivefile/device",
    ("archivefile", "getfile"): "archivefile/download",
    **{
        ("dataproductdelivery", verb): f"dataProductDelivery/{verb}"
        for verb in ("request", "status", "run", "cancel", "restart", "download")
    },
}


class LegacyMethodRoutes:
    """Rewrites ``/api/<service>?method=<verb>`` to the path form before routing; other requests pass through."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith("/api/"):
            service = scope["path"][len("/api/") :].strip("/")
            if "/" not in service:
                query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
                verb = query.get("method", "").lower()
                target = LEGACY_ROUTES.get((service.lower(), verb))
                if target:
                    scope = {**scope, "path": f"/api/{target}", "raw_path": f"/api/{target}".encode()}
        await self.app(scope, receive, send)
