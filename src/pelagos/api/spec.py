"""Per-route parameter specifications: one table drives both the OpenAPI document and unknown-name checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request

from pelagos.api.params import Params

TOKEN_DOC = "Your API token (letters, digits and hyphens)."

#: The body of every 400 and 401 answer (contract §1.1), and of pelagos' other refusals.
ERRORS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["errors"],
    "properties": {
        "errors": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["errorCode", "errorMessage", "parameter"],
                "properties": {
                    "errorCode": {
                        "type": "integer",
                        "description": "23, 25, 96, 127, 128, 129 (ONC's) or pelagos' own (docs/api.md).",
                    },
                    "errorMessage": {"type": "string"},
                    "parameter": {
                        "type": "string",
                        "description": "The parameter(s) at fault, comma-separated.",
                    },
                },
            },
        }
    },
}
#: The body of a 404 answer: nothing matched, or no such file.
NOT_FOUND_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["message", "status"],
    "properties": {"message": {"type": "string"}, "status": {"type": "integer", "enum": [404]}},
}
BAD_REQUEST_DOC = (
    "A parameter is refused: 129 unknown name, 127 bad value or no data, 128 missing, 96 no such archive file, "
    "23 dateFrom after dateTo, 25 dateFrom in the future."
)
UNAUTHORIZED_DOC = "The token is missing (101) or not valid (102)."


def json_body(schema: dict[str, Any], description: str) -> dict[str, Any]:
    """An OpenAPI response or request body of ``schema`` in JSON."""
    return {"description": description, "content": {"application/json": {"schema": schema}}}


@dataclass(frozen=True)
class ParamSpec:
    """The query parameters one route accepts, with a line of documentation each, and the refusals it answers:
    always 400 and 401, 404 when ``not_found`` says when, and ``errors`` (other statuses in the error format)."""

    params: dict[str, str]
    required: frozenset[str] = field(default_factory=frozenset)
    dpo_options: bool = False
    not_found: str | None = None
    errors: dict[int, str] = field(default_factory=dict)

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
        responses = {
            "400": json_body(ERRORS_SCHEMA, BAD_REQUEST_DOC),
            "401": json_body(ERRORS_SCHEMA, UNAUTHORIZED_DOC),
            **{str(status): json_body(ERRORS_SCHEMA, doc) for status, doc in self.errors.items()},
        }
        if self.not_found is not None:
            responses["404"] = json_body(NOT_FOUND_SCHEMA, self.not_found)
        return {"parameters": parameters, "responses": responses}


DATE_FROM = "Start of the window, inclusive: ISO 8601 date, date-time (UTC) or duration such as -P1D."
DATE_TO = "End of the window, exclusive: ISO 8601 date, date-time (UTC) or duration relative to dateFrom."
