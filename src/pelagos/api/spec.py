"""Per-route parameter specifications: one table drives both the OpenAPI document and unknown-name checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request

from pelagos.api.params import Params

TOKEN_DOC = "Your API token (letters, digits and hyphens)."


@dataclass(frozen=True)
class ParamSpec:
    """The query parameters one route accepts, with a line of documentation each."""

    params: dict[str, str]
    required: frozenset[str] = field(default_factory=frozenset)
    dpo_options: bool = False

    def parse(self, request: Request) -> Params:
        names = set(self.params) | ({"dpo_*"} if self.dpo_options else set())
        return Params(request, names)

    def openapi(self) -> dict[str, Any]:
        parameters = [
            {
                "name": "token",
                "in": "query",
                "required": True,
                "schema": {"type": "string"},
                "description": TOKEN_DOC,
            }
        ] + [
            {
                "name": name,
                "in": "query",
                "required": name in self.required,
                "schema": {"type": "string"},
                "description": doc,
            }
            for name, doc in self.params.items()
        ]
        return {"parameters": parameters}


DATE_FROM = "Start of the window, inclusive: ISO 8601 date, date-time (UTC) or duration such as -P1D."
DATE_TO = "End of the window, exclusive: ISO 8601 date, date-time (UTC) or duration relative to dateFrom."
