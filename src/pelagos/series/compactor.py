"""The compactor: a background thread that folds the stores' tails into compressed chunks every little while."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from pelagos.api.deps import ServerState

log = logging.getLogger("pelagos.series")

#: Seconds between passes.
PERIOD_S = 30.0


def start(state: ServerState) -> Callable[[], None]:
    """Run compaction passes until the returned function is called (which runs one last pass)."""
    stopping = threading.Event()

    def one_pass() -> None:
        try:
            moved = state.samples.compact() + state.raw.compact()
            if moved:
                log.debug("compacted %d tail rows", moved)
        except Exception:  # a failed pass leaves the tail as it was; the next pass retries
            log.exception("compaction pass failed")

    def loop() -> None:
        while not stopping.wait(PERIOD_S):
            one_pass()

    thread = threading.Thread(target=loop, name="pelagos-compactor", daemon=True)
    thread.start()

    def stop() -> None:
        stopping.set()
        thread.join(timeout=PERIOD_S)
        one_pass()

    return stop
