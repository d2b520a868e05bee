"""A loopback TCP proxy that adds network latency, so that a benchmark sees what a client far from its server sees.

Every byte reaches the other side half a round trip after it was sent, and a new connection pays one more round
trip (its TCP handshake) before its first byte travels; bandwidth is not limited. Connections that a client keeps
open and reuses therefore cost one round trip per request, fresh ones two, as on a real network.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading


class LatencyProxy:
    """Forwards ``127.0.0.1:<port>`` to ``127.0.0.1:<target_port>`` with a round trip of ``rtt_s`` seconds."""

    def __init__(self, target_port: int, rtt_s: float) -> None:
        self.target_port = target_port
        self.rtt_s = rtt_s
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> LatencyProxy:
        self._thread.start()
        self._ready.wait(10)
        return self

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._stopping.set)
        self._thread.join(10)

    def _run(self) -> None:
        self._loop.run_until_complete(self._main())

    async def _main(self) -> None:
        self._stopping = asyncio.Event()
        server = await asyncio.start_server(self._connection, "127.0.0.1", 0)
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        await self._stopping.wait()
        server.close()
        connections = asyncio.all_tasks() - {asyncio.current_task()}
        for task in connections:
            task.cancel()
        await asyncio.gather(*connections, return_exceptions=True)

    async def _connection(self, client_in: asyncio.StreamReader, client_out: asyncio.StreamWriter) -> None:
        loop = asyncio.get_running_loop()
        handshake_done = loop.time() + self.rtt_s
        try:
            server_in, server_out = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            client_out.close()
            return
        with contextlib.suppress(OSError, asyncio.CancelledError):  # a side hung up
            await asyncio.gather(
                self._pipe(client_in, server_out, handshake_done), self._pipe(server_in, client_out, 0.0)
            )
        for writer in (client_out, server_out):
            writer.close()

    async def _pipe(
        self, source: asyncio.StreamReader, sink: asyncio.StreamWriter, not_before: float
    ) -> None:
        """Copy ``source`` to ``sink``, each chunk half a round trip after it arrived (and not before
        ``not_before``), reading ahead so that latency does not throttle throughput."""
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

        async def pump() -> None:
            while data := await source.read(1 << 16):
                queue.put_nowait((loop.time(), data))
            queue.put_nowait((loop.time(), b""))

        reader = asyncio.create_task(pump())
        try:
            while True:
                arrived, data = await queue.get()
                wait = max(arrived + self.rtt_s / 2, not_before) - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                if not data:
                    if sink.can_write_eof():
                        sink.write_eof()
                    return
                sink.write(data)
                await sink.drain()
        finally:
            reader.cancel()
