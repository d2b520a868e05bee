"""Waiting for a data product: the official client's status lines, and how long to wait between polls."""

from __future__ import annotations

import time
from typing import Any

#: First wait between polls; it grows by ``GROWTH`` up to the client's ``pollPeriod``.
FIRST_WAIT = 0.1
GROWTH = 1.5
#: A poll the server held at least this long (a long poll) is followed at once by the next.
HELD = 1.0


class PollLog:
    """Prints each new status once, then a dot per repeat (the official ``_PollLog``)."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self.print_file_count = True
        self.last_printed_dot = False

    def log_message(self, response: Any) -> None:
        """Record the status of a run answer (a list) or the message of a download answer (a dict)."""
        from_run = isinstance(response, list) and "status" in response[0]
        if from_run:
            message = response[0]["status"]
        else:
            message = response.get("message", "Generating") if isinstance(response, dict) else "Generating"
        if not self.messages or message != self.messages[-1]:
            if from_run:
                count = response[0]["fileCount"]
                if self.print_file_count and count > 0:
                    self.show(f"\n   {count} files generated for this data product")
                    self.print_file_count = False
            self.messages.append(message)
            self.show("\n   " + message)
        else:
            self.show(".")

    def show(self, text: str) -> None:
        self.last_printed_dot = text == "."
        print(text, end="", flush=True)

    def print_new_line(self) -> None:
        """End a line of dots."""
        if self.last_printed_dot:
            print("")


class Backoff:
    """Waits between polls: short at first (products are often quick), growing to ``ceiling`` seconds.

    A wait never runs past the next multiple of ``ceiling`` since the first poll, so a poll falls at least
    wherever the official client's (one every ``ceiling`` seconds) would, and the file is never seen later.
    """

    def __init__(self, ceiling: float) -> None:
        self.ceiling = ceiling
        self.wait = min(FIRST_WAIT, ceiling)
        self.started = time.monotonic()

    def next(self, held: float) -> float:
        """The wait before the next poll, given how long the server held the last one."""
        if held >= HELD:
            return 0.0
        wait = self.wait
        self.wait = min(self.ceiling, self.wait * GROWTH)
        if self.ceiling <= 0:
            return wait
        to_grid = self.ceiling - (time.monotonic() - self.started) % self.ceiling
        if to_grid < FIRST_WAIT / 2:  # this poll stands for the grid's: no second one right after it
            to_grid += self.ceiling
        return min(wait, to_grid)
