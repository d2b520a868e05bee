"""When to retry a request and how long to wait: exponential backoff with jitter, and the server's Retry-After.

Only failures a retry can cure are retried: connection errors and timeouts, 5xx and 429. A 4xx other than 429
is the caller's mistake and is never retried.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx

#: Failures below HTTP that a new attempt may cure (all requests of the API are idempotent GET or HEAD).
RETRYABLE_ERRORS = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)


@dataclass(frozen=True)
class RetryPolicy:
    """Up to ``retries`` further attempts, waiting ``backoff * 2**n`` (capped, jittered) or what Retry-After asks.

    A Retry-After longer than ``max_retry_after`` seconds is not waited for: the error is returned at once.
    """

    retries: int = 5
    backoff: float = 0.5
    max_backoff: float = 30.0
    max_retry_after: float = 120.0

    @staticmethod
    def retryable_status(status: int) -> bool:
        """True for the statuses worth another attempt: 429 and every 5xx."""
        return status == 429 or status >= 500

    def backoff_delay(self, attempt: int) -> float:
        """Seconds to wait before attempt ``attempt + 1``: half the capped exponential step plus random jitter."""
        step = min(self.max_backoff, self.backoff * (2**attempt))
        return step / 2 + random.uniform(0, step / 2)

    def delay_for(self, attempt: int, status: int | None, retry_after: str | None) -> float | None:
        """Seconds to wait before retrying after ``attempt`` failed (``status`` None: no HTTP answer), or None."""
        if attempt >= self.retries:
            return None
        if status is not None and not self.retryable_status(status):
            return None
        asked = parse_retry_after(retry_after) if retry_after else None
        if asked is None:
            return self.backoff_delay(attempt)
        return asked if asked <= self.max_retry_after else None


def parse_retry_after(value: str) -> float | None:
    """Retry-After as seconds from now: either delay-seconds or an HTTP date; None when unreadable."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
