"""Live simulated instruments for the demo server: a reading per sensor every second, through the ingest service.

The feeds write exactly what an operator's instruments would (samples and raw lines via :class:`Ingestor`), so
getLatest on the demo shows readings from the last seconds, as on the real observatory.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from pelagos.api.deps import ServerState
from pelagos.ingest.demo.rawlines import raw_lines
from pelagos.ingest.demo.samples import generate
from pelagos.ingest.service import Ingestor
from pelagos.timeutil import now_ms

log = logging.getLogger("pelagos.live")

#: Devices the demo feeds live (each deployed with no end in the demo catalog).
LIVE_DEVICES = ("BPR-Folger-59", "SBECTD19p5026", "RBRQUARTZ3BPR203659")
PERIOD_S = 1.0


def feed_once(ingestor: Ingestor, at_ms: int) -> int:
    """Ingest one reading of every live device at ``at_ms``; returns the samples written."""
    view = ingestor.catalog.get()
    written = 0
    for code in LIVE_DEVICES:
        device = view.devices.get(code)
        if device is None:
            continue
        times, _values, _flags, readings = generate(device, view, at_ms, at_ms + 1, 1000.0)
        written += ingestor.samples(code, times, readings)
        if device.raw_format:
            ingestor.raw_lines(code, times, raw_lines(device.raw_format, times, readings, code[-6:]))
    return written


def start(state: ServerState) -> Callable[[], None]:
    """Feed the live devices every second until the returned function is called."""
    stopping = threading.Event()
    ingestor = Ingestor(state.engine, state.catalog)

    def loop() -> None:
        while not stopping.wait(PERIOD_S - (now_ms() % 1000) / 1000.0):
            try:
                feed_once(ingestor, now_ms() // 1000 * 1000)
            except Exception:  # a failed tick is logged and the feed goes on
                log.exception("live feed tick failed")

    thread = threading.Thread(target=loop, name="pelagos-live", daemon=True)
    thread.start()

    def stop() -> None:
        stopping.set()
        thread.join(timeout=5)

    return stop
