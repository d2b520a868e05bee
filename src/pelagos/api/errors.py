"""The Oceans 3.0 error format: ``{"errors": [{"errorCode", "errorMessage", "parameter"}]}``.

Codes 23, 25, 96, 127, 128 and 129 are ONC's own; the others are pelagos' (see docs/api.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# ONC error codes (contract §1.2)
DATE_ORDER = 23
DATE_FUTURE = 25
FILE_NOT_FOUND = 96
INVALID_VALUE = 127
MISSING_PARAMETER = 128
UNKNOWN_PARAMETER = 129
# pelagos error codes (docs/api.md)
TOKEN_MISSING = 101
TOKEN_INVALID = 102
FORBIDDEN = 103
BAD_BODY = 130
RANGE_NOT_SATISFIABLE = 131


@dataclass
class ErrorEntry:
    """One problem with a request."""

    code: int
    message: str
    parameter: str

    def to_json(self) -> dict[str, object]:
        return {"errorCode": self.code, "errorMessage": self.message, "parameter": self.parameter}


@dataclass
class ApiError(Exception):
    """A request the API refuses, rendered in the API's error format with ``status``."""

    entries: list[ErrorEntry] = field(default_factory=list)
    status: int = 400

    @classmethod
    def one(cls, code: int, message: str, parameter: str, status: int = 400) -> ApiError:
        return cls([ErrorEntry(code, message, parameter)], status)

    def body(self) -> dict[str, object]:
        return {"errors": [e.to_json() for e in self.entries]}

    def __str__(self) -> str:
        return "; ".join(f"{e.code}: {e.message} ({e.parameter})" for e in self.entries)


def invalid(parameter: str, message: str | None = None) -> ApiError:
    """Error 127: an unknown code, a malformed value, or no data where the contract says so."""
    return ApiError.one(INVALID_VALUE, message or f"Invalid parameter value for {parameter}", parameter)


def missing(parameter: str) -> ApiError:
    """Error 128: a required parameter is absent or empty."""
    return ApiError.one(MISSING_PARAMETER, f"Missing required parameter: {parameter}", parameter)


class NotFound(Exception):
    """Discovery filters matched nothing: HTTP 404 (contract §1.3)."""
