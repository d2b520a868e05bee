"""Query-string parsing with the API's rules: unknown names are error 129, bad values 127, dates per contract §2."""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from dataclasses import dataclass

from starlette.requests import Request

from pelagos.api.errors import (
    DATE_FUTURE,
    DATE_ORDER,
    UNKNOWN_PARAMETER,
    ApiError,
    ErrorEntry,
    invalid,
    missing,
)
from pelagos.api.legacy import bad_method, method_fits
from pelagos.timeutil import MAX_MS, MIN_MS, now_ms, parse_duration, parse_instant

#: Accepted on every route: the token, and the legacy ``method`` verb (contract §0.1).
ALWAYS_ALLOWED = frozenset({"token", "method"})

ROW_LIMIT_MAX = 100_000


@dataclass(frozen=True)
class Window:
    """A requested time window ``[date_from, date_to)`` in epoch ms; either end may be open."""

    date_from: int | None
    date_to: int | None

    def overlaps(self, begin: int, end: int | None) -> bool:
        """Whether ``[begin, end)`` (end None = ongoing) overlaps this window."""
        if self.date_to is not None and begin >= self.date_to:
            return False
        return not (self.date_from is not None and end is not None and end <= self.date_from)


class Params:
    """The query parameters of one request, checked against the names the route accepts."""

    def __init__(self, request: Request, allowed: Iterable[builtins.str]):
        self.raw = request.query_params
        self.allowed = frozenset(allowed) | ALWAYS_ALLOWED
        unknown = [name for name in self.raw if name not in self.allowed and not self._dynamic(name)]
        if unknown:
            raise ApiError(
                [
                    ErrorEntry(UNKNOWN_PARAMETER, f"Unrecognised parameter name: {n}", n)
                    for n in dict.fromkeys(unknown)
                ]
            )
        verb = self.str("method")
        if verb is not None and not method_fits(request.url.path, verb):
            raise bad_method(request.url.path, verb)

    def _dynamic(self, name: builtins.str) -> builtins.bool:
        return "dpo_*" in self.allowed and name.startswith("dpo_")

    def str(self, name: builtins.str) -> builtins.str | None:
        """The value of ``name``, or None when absent or empty."""
        value = self.raw.get(name)
        return value if value not in (None, "") else None

    def required(self, name: builtins.str) -> builtins.str:
        value = self.str(name)
        if value is None:
            raise missing(name)
        return value

    def list(self, name: builtins.str) -> builtins.list[builtins.str] | None:
        """A comma-separated list, blanks dropped; None when absent."""
        value = self.str(name)
        if value is None:
            return None
        items = [v.strip() for v in value.split(",") if v.strip()]
        if not items:
            raise invalid(name)
        return items

    def bool(self, name: builtins.str, default: builtins.bool = False) -> builtins.bool:
        value = self.str(name)
        if value is None:
            return default
        lowered = value.lower()
        if lowered in ("true", "1", "yes"):
            return True
        if lowered in ("false", "0", "no"):
            return False
        raise invalid(name, f"{name} must be true or false")

    def int(
        self,
        name: builtins.str,
        default: builtins.int | None = None,
        lo: builtins.int | None = None,
        hi: builtins.int | None = None,
    ) -> builtins.int | None:
        value = self.str(name)
        if value is None:
            return default
        try:
            number = int(value)
        except ValueError:
            raise invalid(name, f"{name} must be an integer") from None
        if (lo is not None and number < lo) or (hi is not None and number > hi):
            raise invalid(name, f"{name} must be {_bounds(lo, hi)}")
        return number

    def choice(
        self, name: builtins.str, choices: Iterable[builtins.str], default: builtins.str | None = None
    ) -> builtins.str | None:
        value = self.str(name)
        if value is None:
            return default
        options = list(choices)
        for option in options:
            if value.lower() == option.lower():
                return option
        raise invalid(name, f"{name} must be one of: {', '.join(options)}")

    def window(self, now: builtins.int | None = None) -> Window:
        """dateFrom/dateTo, with ISO 8601 durations: ``-P1D`` is relative to now, a positive dateTo to dateFrom."""
        now = now_ms() if now is None else now
        date_from = self._date("dateFrom", None, now)
        date_to = self._date("dateTo", date_from, now)
        if date_from is not None and date_to is not None and date_from > date_to:
            raise ApiError.one(DATE_ORDER, "dateFrom must be earlier than dateTo", "dateFrom,dateTo")
        if date_from is not None and date_from > now:
            raise ApiError.one(DATE_FUTURE, "dateFrom cannot be in the future", "dateFrom")
        return Window(date_from, date_to)

    def _date(
        self, name: builtins.str, anchor: builtins.int | None, now: builtins.int
    ) -> builtins.int | None:
        value = self.str(name)
        if value is None:
            return None
        try:
            return parse_instant(value)
        except ValueError:
            pass
        duration = parse_duration(value)
        if duration is None:
            raise invalid(
                name,
                f"{name} must be an ISO 8601 date, date-time (UTC offset within ±14:00) or duration, "
                f"in years 1..9999",
            )
        instant = now + duration if duration < 0 else (anchor if anchor is not None else now) + duration
        if not MIN_MS <= instant <= MAX_MS:
            raise invalid(name, f"{name} falls outside years 1..9999")
        return instant

    def row_limit(self, default: builtins.int = ROW_LIMIT_MAX) -> builtins.int:
        value = self.int("rowLimit", default, lo=1, hi=ROW_LIMIT_MAX)
        assert value is not None
        return value


def _bounds(lo: int | None, hi: int | None) -> str:
    """The allowed range of an integer parameter, in words: "between 1 and 10", "at least 1", "at most 10"."""
    if lo is not None and hi is not None:
        return f"between {lo} and {hi}"
    return f"at least {lo}" if lo is not None else f"at most {hi}"
